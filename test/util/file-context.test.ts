import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import type { TSESLint } from '@typescript-eslint/utils';
import { Linter } from 'eslint';

import { getCodeContext } from '../../eslint-plugin/src/util/context';

/**
 * The role the context model gives whole files, read from a real folder on disk: a checkout (a
 * `.git` folder) holding packages with their package.json, as a user's repository would.
 */

interface FileRole {
  fileContext: string;
  developmentOnly: boolean;
  isGenerated: boolean;
  topLevelRejectionsEndTheProgram: boolean;
}

/** Runs a probe rule that reports the model of the file, as every rule would see it. */
function roleOf(filename: string, code: string, settings?: Record<string, unknown>): FileRole {
  let role: FileRole | undefined;
  const probe: TSESLint.RuleModule<never> = {
    defaultOptions: [],
    meta: { type: 'problem', schema: [], messages: {} },
    create(context) {
      const model = getCodeContext(context);
      role = { fileContext: model.fileContext, developmentOnly: model.developmentOnly, isGenerated: model.isGenerated, topLevelRejectionsEndTheProgram: model.topLevelRejectionsEndTheProgram };
      return {};
    },
  };
  const linter = new Linter({ configType: 'flat', cwd: path.dirname(filename) });
  const messages = linter.verify(
    code,
    [
      {
        files: ['**/*.js', '**/*.mjs', '**/*.ts'],
        plugins: { probe: { rules: { role: probe as never } } },
        languageOptions: { ecmaVersion: 'latest', sourceType: 'module' },
        rules: { 'probe/role': 'error' },
        ...(settings ? { settings } : {}),
      },
    ],
    { filename },
  );
  assert.deepEqual(messages, [], `the probe parsed ${filename}`);
  assert.ok(role, `the probe ran on ${filename}`);
  return role;
}

let checkout: string;

function write(relativePath: string, text: string): string {
  const file = path.join(checkout, relativePath);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return file;
}

const LIBRARY_CODE = 'export async function load(id) { return id; }\n';

describe('util/context: the role of a file', () => {
  before(() => {
    checkout = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'async-pitfalls-context-')));
    fs.mkdirSync(path.join(checkout, '.git'));
    write('package.json', JSON.stringify({ name: 'shop', private: true, scripts: { release: 'node extra/release.mjs', dev: 'node extra/dev-server.mjs', start: 'node extra/server.mjs', 'dev:server': 'node --watch extra/server.mjs' } }));
    write('packages/api/package.json', JSON.stringify({ name: '@shop/api', main: 'src/index.js', bin: { 'shop-api': 'bin/shop-api.js' } }));
    write('packages/tool/package.json', JSON.stringify({ name: 'shop-tool', bin: 'cli.js' }));
    write('packages/create-shop/package.json', JSON.stringify({ name: 'create-shop', main: 'index.js', bin: 'index.js' }));
    // etherpad-lite's src/package.json: the server's only entry is a bin, and it needs express.
    write('packages/pad/package.json', JSON.stringify({ name: 'pad', bin: { pad: 'node/server.ts' }, dependencies: { express: '^5.0.0' } }));
    // A tool that only tests against a server keeps it among its development dependencies.
    write('packages/probe/package.json', JSON.stringify({ name: 'probe', bin: 'cli.js', devDependencies: { express: '^5.0.0' } }));
  });

  after(() => fs.rmSync(checkout, { recursive: true, force: true }));

  it('long-running code: a library module, and a module of a package whose bin is elsewhere', () => {
    assert.equal(roleOf(write('packages/api/src/orders.js', LIBRARY_CODE), LIBRARY_CODE).fileContext, 'long-running');
    assert.equal(roleOf(write('src/server.ts', LIBRARY_CODE), LIBRARY_CODE).fileContext, 'long-running');
    // A server whose only entry is its bin: its modules serve requests (the bin entry itself stays command-line code).
    assert.equal(roleOf(write('packages/pad/node/db/Pad.ts', LIBRARY_CODE), LIBRARY_CODE).fileContext, 'long-running');
  });

  it('test code by path, relative to the package and to the repository', () => {
    for (const relativePath of [
      'packages/api/test/orders.js',
      'packages/api/src/__tests__/orders.js',
      'packages/api/src/orders.test.ts',
      'packages/api/src/orders.spec.mjs',
      'e2e/checkout.js',
      'packages/api/fixtures/server.js',
    ]) {
      assert.equal(roleOf(write(relativePath, LIBRARY_CODE), LIBRARY_CODE).fileContext, 'test', relativePath);
    }
  });

  it('test code by what it uses: a test framework imported or a suite registered at the top level', () => {
    const imported = "import { describe, it } from 'vitest';\ndescribe('orders', () => { it('loads', async () => {}); });\n";
    assert.equal(roleOf(write('packages/api/src/orders-check.js', imported), imported).fileContext, 'test');
    const globals = "describe('orders', function () { it('loads', async function () {}); });\n";
    assert.equal(roleOf(write('packages/api/src/orders-suite.js', globals), globals).fileContext, 'test');
  });

  it("command-line code: a shebang, a package's bin entry, a package that is only a tool, an npm initializer", () => {
    const shebang = `#!/usr/bin/env node\n${LIBRARY_CODE}`;
    assert.equal(roleOf(write('packages/api/src/run.js', shebang), shebang).fileContext, 'cli');
    assert.equal(roleOf(write('packages/api/bin/shop-api.js', LIBRARY_CODE), LIBRARY_CODE).fileContext, 'cli');
    assert.equal(roleOf(write('packages/tool/lib/steps.js', LIBRARY_CODE), LIBRARY_CODE).fileContext, 'cli');
    assert.equal(roleOf(write('packages/probe/lib/steps.js', LIBRARY_CODE), LIBRARY_CODE).fileContext, 'cli');
    assert.equal(roleOf(write('packages/create-shop/lib/template.js', LIBRARY_CODE), LIBRARY_CODE).fileContext, 'cli');
  });

  it('command-line code: scripts, migrations, build tools and dot folders by path; command modules by what they export', () => {
    for (const relativePath of ['scripts/seed.js', 'packages/api/db/migrations/001-orders.js', 'vite.config.ts', 'packages/api/.github/label.js']) {
      assert.equal(roleOf(write(relativePath, LIBRARY_CODE), LIBRARY_CODE).fileContext, 'cli', relativePath);
    }
    const commandModule = "export const command = 'sync';\nexport async function handler(argv) { return argv; }\n";
    assert.equal(roleOf(write('packages/api/src/commands/sync.js', commandModule), commandModule).fileContext, 'cli');
  });

  it("command-line code: a dispatcher that parses process.argv into commands (ioBroker's setup.ts), whatever it exports; not a server reading an option", () => {
    const yargsDispatcher = [
      "import yargs from 'yargs/yargs';",
      'export function execute() {',
      "  const argv = yargs(process.argv.slice(2)).command('backup', 'Backs up the data').command('restore', 'Restores it').argv;",
      '  return run(argv._[0]);',
      '}',
      'async function run(command) { return command; }',
      '',
    ].join('\n');
    assert.equal(roleOf(write('packages/api/src/lib/setup.ts', yargsDispatcher), yargsDispatcher).fileContext, 'cli');
    const commanderDispatcher = "const { program } = require('commander');\nprogram.command('start').action(() => {});\nprogram.parse(process.argv);\n";
    assert.equal(roleOf(write('packages/api/src/lib/commands.js', commanderDispatcher), commanderDispatcher).fileContext, 'cli');
    // Options, not commands: a server reads its port from the command line and goes on serving.
    const serverOptions = "import yargs from 'yargs';\nconst { port } = yargs(process.argv.slice(2)).option('port', { default: 3000 }).parseSync();\nexport async function serve() { return port; }\n";
    assert.equal(roleOf(write('packages/api/src/lib/options.ts', serverOptions), serverOptions).fileContext, 'long-running');
    // Commands defined, but the arguments come from elsewhere (a chat bot's commands): not this process's command line.
    const chatCommands = "import yargs from 'yargs/yargs';\nexport function handle(text) { return yargs(text.split(' ')).command('ping', 'Replies').parseSync(); }\n";
    assert.equal(roleOf(write('packages/api/src/lib/chat.ts', chatCommands), chatCommands).fileContext, 'long-running');
  });

  it("the package's scripts: a file a script runs is command-line code, unless the script starts the program", () => {
    assert.equal(roleOf(write('extra/release.mjs', LIBRARY_CODE), LIBRARY_CODE).fileContext, 'cli');
    assert.equal(roleOf(write('extra/server.mjs', LIBRARY_CODE), LIBRARY_CODE).fileContext, 'long-running');
  });

  it("the package's scripts: a file only development scripts run is developer tooling, the cli context (agendash's dev-server.ts)", () => {
    assert.equal(roleOf(write('extra/dev-server.mjs', LIBRARY_CODE), LIBRARY_CODE).fileContext, 'cli');
    // The server that `start` runs stays long-running, however many dev scripts run it too.
    assert.equal(roleOf(write('extra/server.mjs', LIBRARY_CODE), LIBRARY_CODE).fileContext, 'long-running');
  });

  it("a development script's runner that loads the modules of its folder by a name makes them development tooling too (Moleculer's dev/index.js under nodemon)", () => {
    write('packages/broker/package.json', JSON.stringify({ name: 'broker', main: 'src/index.js', scripts: { dev: 'nodemon dev/index.js', start: 'node src/index.js' } }));
    write('packages/broker/dev/index.js', "const name = process.argv[2];\nrequire('./' + (name || 'dev'));\n");
    const demo = roleOf(write('packages/broker/dev/demo.js', LIBRARY_CODE), LIBRARY_CODE);
    assert.equal(demo.fileContext, 'cli');
    assert.equal(demo.developmentOnly, true);
    // A release script is command-line code, not development tooling.
    assert.equal(roleOf(write('extra/release.mjs', LIBRARY_CODE), LIBRARY_CODE).developmentOnly, false);
    // A runner that loads one module by its path says nothing of the rest of its folder.
    write('packages/relay/package.json', JSON.stringify({ name: 'relay', main: 'src/index.js', scripts: { dev: 'nodemon dev/index.js' } }));
    write('packages/relay/dev/index.js', "require('./server');\n");
    const other = roleOf(write('packages/relay/dev/other.js', LIBRARY_CODE), LIBRARY_CODE);
    assert.deepEqual([other.fileContext, other.developmentOnly], ['long-running', false]);
    assert.deepEqual([roleOf(write('packages/relay/dev/index.js', "require('./server');\n"), "require('./server');\n").developmentOnly], [true]);
  });

  it('a files-scoped settings object declares the role, whatever the path says', () => {
    const declared = { 'async-pitfalls': { codeContext: 'long-running' } };
    assert.equal(roleOf(write('packages/api/test/server.js', LIBRARY_CODE), LIBRARY_CODE, declared).fileContext, 'long-running');
    assert.equal(roleOf(write('packages/api/src/jobs.js', LIBRARY_CODE), LIBRARY_CODE, { 'async-pitfalls': { codeContext: 'cli' } }).fileContext, 'cli');
    // `startup` is a part of a file, never a whole one; an unknown value is ignored.
    assert.equal(roleOf(write('packages/api/src/boot.js', LIBRARY_CODE), LIBRARY_CODE, { 'async-pitfalls': { codeContext: 'startup' } }).fileContext, 'long-running');
  });

  it('generated and minified files are marked, so that no rule reports in them', () => {
    const generated = `// Code generated by protoc. DO NOT EDIT.\n${LIBRARY_CODE}`;
    assert.equal(roleOf(write('packages/api/src/orders_pb.js', generated), generated).isGenerated, true);
    const minified = `export const a = [${'1,'.repeat(1200)}1];\n`;
    assert.equal(roleOf(write('packages/api/src/vendor.min.js', minified), minified).isGenerated, true);
    assert.equal(roleOf(write('packages/api/src/plain.js', LIBRARY_CODE), LIBRARY_CODE).isGenerated, false);
  });

  it("an entry module's top-level rejection ends the program with the error printed, a script's or a server's; not a module that exports, nor a page's", () => {
    const script = "import { load } from './orders.js';\nload(1);\n";
    assert.equal(roleOf(write('packages/api/src/once.js', script), script).topLevelRejectionsEndTheProgram, true);
    // Node ends a serving process on an unhandled rejection too: what a failed start does.
    const server = "import http from 'node:http';\nhttp.createServer(() => {}).listen(8080);\nfetch('http://example.com');\n";
    assert.equal(roleOf(write('packages/api/src/serve.js', server), server).topLevelRejectionsEndTheProgram, true);
    const library = "import { load } from './orders.js';\nload(1);\nexport const ready = true;\n";
    assert.equal(roleOf(write('packages/api/src/library.js', library), library).topLevelRejectionsEndTheProgram, false);
    const page = "import { load } from './orders.js';\ndocument.title = 'Orders';\nload(1);\n";
    assert.equal(roleOf(write('packages/api/src/page.js', page), page).topLevelRejectionsEndTheProgram, false);
  });
});
