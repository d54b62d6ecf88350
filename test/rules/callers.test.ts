import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import * as tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';

import plugin from '../../eslint-plugin/src/index';

/**
 * Where a function runs, learned from its callers across its package (the context model's callers
 * part): a helper that only start-up code calls and waits for is start-up code, one that only a
 * test runner's service hooks call runs in the runner, and no-blocking-in-async does not report
 * there. Every other use of the helper (a request handler calling it too, a call not waited for,
 * the function handed on as a value, a re-export from the package's entry, a module loaded by a
 * computed path, a command-line tool calling it, a worker loop) keeps it long-running. Each case is
 * a small package on disk, written from the shapes seen in real projects (a database class whose
 * static `patch` reads migration files, called before the server listens; a test runner's launcher
 * whose `onComplete` writes a report through a helper module).
 */
describe('callers: where a function runs, from the code that calls it', () => {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'async-pitfalls-callers-')));
  after(() => fs.rmSync(root, { recursive: true, force: true }));
  let count = 0;

  /** Writes a package (its package.json first) and returns its folder. */
  function writePackage(files: Record<string, string>, manifest: Record<string, unknown> = { name: 'app', private: true, main: 'src/server.js' }): string {
    const dir = path.join(root, `package-${(count += 1)}`);
    fs.mkdirSync(path.join(dir, '.git'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(manifest));
    for (const [relative, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, relative)), { recursive: true });
      fs.writeFileSync(path.join(dir, relative), text);
    }
    return dir;
  }

  /** The lines no-blocking-in-async reports in `relative`, linted with the plugin as a user would. */
  function blockingLines(dir: string, relative: string): number[] {
    const linter = new Linter({ configType: 'flat', cwd: dir });
    const file = path.join(dir, relative);
    const messages = linter.verify(
      fs.readFileSync(file, 'utf8'),
      [
        {
          files: ['**/*.js', '**/*.ts'],
          plugins: { 'async-pitfalls': plugin as unknown as NonNullable<Linter.Config['plugins']>[string] },
          rules: { 'async-pitfalls/no-blocking-in-async': 'error' },
        },
        { files: ['**/*.js'], languageOptions: { ecmaVersion: 'latest', sourceType: 'commonjs' } },
        { files: ['**/*.ts'], languageOptions: { parser: tsParser as unknown as Linter.Parser } },
      ],
      file,
    );
    for (const message of messages) assert.ok(message.ruleId, `fatal: ${message.message}`);
    return messages.map(message => message.line);
  }

  /** A database class whose migration step reads SQL files, as a server's start-up runs it. */
  const DATABASE = [
    "const fs = require('node:fs');",
    'class Database {',
    '  static async patch() {',
    "    for (const file of ['1.sql', '2.sql']) await this.importSql(file);",
    '  }',
    '  static async importSql(file) {',
    "    const text = fs.readFileSync(file, 'utf8');",
    '    await Database.run(text);',
    '  }',
    '  static async run(text) {',
    '    return text;',
    '  }',
    '}',
    'module.exports = Database;',
    '',
  ].join('\n');
  const READ_LINE = 7;

  /** The server's entry: start-up runs `call` before it listens. */
  function server(call: string, extra = ''): string {
    return [
      "const http = require('node:http');",
      "const Database = require('./database');",
      '(async () => {',
      `  ${call}`,
      '  http.createServer(handle).listen(3000);',
      '})();',
      'async function handle(request, response) {',
      `  ${extra}`,
      '  response.end();',
      '}',
      '',
    ].join('\n');
  }

  it('a static method that only start-up code calls, and waits for, is start-up code, through the calls inside its class', () => {
    const dir = writePackage({ 'src/database.js': DATABASE, 'src/server.js': server('await Database.patch();') });
    assert.deepEqual(blockingLines(dir, 'src/database.js'), []);
  });

  /** Another module beside the server's start-up that leaves the helper start-up code. */
  const STILL_STARTUP: [string, string, string][] = [
    [
      'a test file that imports the helper as well runs it in tests: still start-up code',
      'test/database.test.js',
      "const Database = require('../src/database');\nit('patches', async () => { await Database.patch(); });\n",
    ],
    [
      "a module that loads a package's manifest by a computed path loads none of the program's modules: the callers stay known",
      'src/plugins.js',
      "const Database = require('./database');\nmodule.exports = name => require(`${name}/package.json`).version + require(name + '/io-package.json').common.version;\n",
    ],
  ];
  for (const [title, relative, text] of STILL_STARTUP) {
    it(title, () => {
      const dir = writePackage({ 'src/database.js': DATABASE, 'src/server.js': server('await Database.patch();'), [relative]: text });
      assert.deepEqual(blockingLines(dir, 'src/database.js'), []);
    });
  }

  /** Start-up or request code of the server that keeps the helper long-running, by what each does. */
  const KEPT_LONG_RUNNING: [string, string, string?][] = [
    ['reported when a request handler calls it too', 'await Database.patch();', 'await Database.patch();'],
    ['reported when start-up calls it without waiting: its reads go on while the server serves', 'Database.patch();'],
    ['reported when the function is handed on as a value (a timer may call it at any time)', 'await Database.patch();', 'setTimeout(Database.patch, 1000);'],
    ['reported when start-up calls it in a loop that runs while a condition holds (a worker loop)', 'while (true) await Database.patch();'],
  ];
  for (const [title, startup, handler] of KEPT_LONG_RUNNING) {
    it(title, () => {
      const dir = writePackage({ 'src/database.js': DATABASE, 'src/server.js': server(startup, handler) });
      assert.deepEqual(blockingLines(dir, 'src/database.js'), [READ_LINE]);
    });
  }

  it('reported when a module of the package loads a module by a computed path (it may be this one)', () => {
    const dir = writePackage({
      'src/database.js': DATABASE,
      'src/server.js': server('await Database.patch();'),
      'src/plugins.js': "const path = require('node:path');\nmodule.exports = async name => {\n  await require(path.join(__dirname, name)).patch();\n};\n",
    });
    assert.deepEqual(blockingLines(dir, 'src/database.js'), [READ_LINE]);
  });

  it('reported when a module that mentions it does not parse, or is too large to read as a module', () => {
    const callers = {
      'src/admin.js': "const Database = require('./database');\nmodule.exports = async () => { await Database.patch( };\n",
      // Over the size of a module the rules read (a bundle checked in beside the code).
      'src/bundle.js': `const Database = require('./database');\nmodule.exports = async () => { await Database.patch(); };\n${'// padding\n'.repeat(60_000)}`,
    };
    for (const [relative, text] of Object.entries(callers)) {
      const dir = writePackage({ 'src/database.js': DATABASE, 'src/server.js': server('await Database.patch();'), [relative]: text });
      assert.deepEqual(blockingLines(dir, 'src/database.js'), [READ_LINE], relative);
    }
  });

  /** A helper module with an exported function that reads a file. */
  const REPORT = "import fs from 'node:fs';\nexport async function writeReport(dir: string) {\n  const files = fs.readdirSync(dir);\n  await fs.promises.writeFile(dir + '/report.json', JSON.stringify(files));\n}\n";

  it("a function that only a test runner's service hook calls runs in the runner, across modules", () => {
    const dir = writePackage(
      {
        'src/report.ts': REPORT,
        'src/launcher.ts': [
          "import type { Services } from '@wdio/types';",
          "import { writeReport } from './report.js';",
          'export default class Launcher implements Services.ServiceInstance {',
          '  async onComplete() {',
          "    await writeReport('out');",
          '  }',
          '}',
          '',
        ].join('\n'),
      },
      { name: 'wdio-report-service', main: 'build/index.js' },
    );
    assert.deepEqual(blockingLines(dir, 'src/report.ts'), []);
  });

  it('reported when the package entry re-exports it: its users call it from anywhere', () => {
    const dir = writePackage(
      {
        'src/report.ts': REPORT,
        'src/index.ts': "export { writeReport } from './report.js';\n",
        'src/launcher.ts': [
          "import type { Services } from '@wdio/types';",
          "import { writeReport } from './report.js';",
          'export default class Launcher implements Services.ServiceInstance {',
          "  async onComplete() { await writeReport('out'); }",
          '}',
          '',
        ].join('\n'),
      },
      { name: 'wdio-report-service', main: 'build/index.js' },
    );
    assert.deepEqual(blockingLines(dir, 'src/report.ts'), [3]);
  });

  /** A command-line tool whose bin calls the helper after `before` (a statement of its own). */
  function reportTool(before: string, extra: Record<string, string> = {}): string {
    return writePackage(
      {
        'src/report.ts': REPORT,
        'src/cli.ts': `#!/usr/bin/env node\nimport { writeReport } from './report.js';\n${before}\nawait writeReport(process.argv[2]);\n`,
        ...extra,
      },
      { name: 'report-tool', main: 'build/index.js', bin: { report: 'src/cli.ts' } },
    );
  }

  it('a helper that only a command-line tool calls, with nothing of its own in flight, is command-line code', () => {
    assert.deepEqual(blockingLines(reportTool("console.log('writing the report');"), 'src/report.ts'), []);
  });

  it("reported when the module is the package's entry, named by its built file under the tsconfig's outDir", () => {
    const tsconfig = JSON.stringify({ compilerOptions: { outDir: 'build', rootDir: 'src' } });
    const dir = reportTool("console.log('writing the report');", { 'tsconfig.json': tsconfig });
    // The package's `main` is build/index.js; a main of build/report.js names src/report.ts.
    assert.deepEqual(blockingLines(dir, 'src/report.ts'), []);
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as Record<string, unknown>;
    fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ ...manifest, name: 'report-tool-2', main: 'build/report.js' }));
    plugin.forgetFiles([path.join(dir, 'package.json')]);
    assert.deepEqual(blockingLines(dir, 'src/report.ts'), [3]);
  });

  /** A module that starts Appium and relays its output, as WebdriverIO's inspector command does. */
  const APPIUM = [
    "import { spawn } from 'node:child_process';",
    'export async function startAppium() {',
    "  const child = spawn('appium', ['server']);",
    "  child.stdout.on('data', data => process.stdout.write(data));",
    '  return child;',
    '}',
    '',
  ].join('\n');

  it('reported when the tool has started work that goes on beside the call: a child whose output it relays, a server, an interval', () => {
    const busy: [string, Record<string, string>?][] = [
      ['const appium = await startAppium();', { 'src/appium.ts': APPIUM }],
      ["import { spawn } from 'node:child_process';\nspawn('appium', ['server']).stdout.pipe(process.stdout);"],
      ["import http from 'node:http';\nhttp.createServer((request, response) => response.end()).listen(4723);"],
      ["setInterval(() => console.log('still writing'), 1000);"],
    ];
    for (const [before, extra] of busy) {
      const source = extra ? `import { startAppium } from './appium.js';\n${before}` : before;
      assert.deepEqual(blockingLines(reportTool(source, extra), 'src/report.ts'), [3], before);
    }
  });

  /**
   * A command-line program shaped like ioBroker's: a dispatcher parses process.argv into commands
   * and loads each command's module when it runs, by a tsconfig path (`@/lib/...`); the command
   * hands its work to `dbConnect(params, callback)`, an overloaded function of the program that
   * connects and calls it once; the work makes an instance of a class and calls a method, which
   * calls a private method that reads a folder synchronously.
   */
  const COMMAND_LINE_PROGRAM: Record<string, string> = {
    'tsconfig.json': JSON.stringify({ compilerOptions: { baseUrl: '.', paths: { '@/*': ['./src/*'] } } }),
    'src/index.ts': "export { execute } from '@/lib/setup.js';\n",
    'src/lib/setup.ts': [
      "import yargs from 'yargs/yargs';",
      "import type { Objects } from '@/lib/setup/dbConnection.js';",
      'export function execute(): void {',
      "  const argv = yargs(process.argv.slice(2)).command('visdebug [widgetset]', 'Debugs widgets').argv as { _: string[] };",
      '  processCommand(argv._[0], argv).catch(error => console.error(error));',
      '}',
      'async function processCommand(command: string, params: Record<string, unknown>): Promise<void> {',
      '  switch (command) {',
      "    case 'visdebug': {",
      "      const { processCommandVisDebug } = await import('@/lib/setup/visDebug.js');",
      '      return processCommandVisDebug(params);',
      '    }',
      "    case 'upgrade': {",
      "      const { Upgrade } = await import('@/lib/setup/upgrade.js');",
      "      return new Upgrade(params.objects as Objects).upgrade('basic');",
      '    }',
      "    case 'info': {",
      '      // The database package of the configured type: a package, whatever the type.',
      '      const file = require.resolve(`@iobroker/db-objects-${String(params.type)}`);',
      '      return console.log(require(file).version);',
      '    }',
      '  }',
      '}',
      '',
    ].join('\n'),
    'src/lib/setup/dbConnection.ts': [
      'type DbConnectCallback = (clients: { objects: Objects }) => void;',
      'export interface Objects { writeFile(name: string, data: Buffer): Promise<void> }',
      'let objects: Objects | null = null;',
      'export function dbConnect(callback: DbConnectCallback): void;',
      'export function dbConnect(params: Record<string, unknown>, callback: DbConnectCallback): void;',
      'export function dbConnect(params: Record<string, unknown> | DbConnectCallback, callback?: DbConnectCallback): void {',
      "  if (typeof params === 'function') {",
      '    callback = params;',
      '    params = {};',
      '  }',
      "  if (!callback) throw new Error('No callback for dbConnect');",
      '  objects ??= { writeFile: async () => undefined };',
      '  callback({ objects });',
      '}',
      '',
    ].join('\n'),
    'src/lib/setup/visDebug.ts': [
      "import fs from 'node:fs';",
      "import { dbConnect, type Objects } from '@/lib/setup/dbConnection.js';",
      'export class VisDebug {',
      '  constructor(private readonly objects: Objects) {}',
      '  private async uploadWidgets(dir: string): Promise<void> {',
      '    for (const name of fs.readdirSync(dir)) await this.objects.writeFile(name, Buffer.alloc(0));',
      '    await this.checkDependencies(dir);',
      '  }',
      '  async enableDebug(widgetset: string): Promise<void> {',
      '    await this.uploadWidgets(`widgets/${widgetset}`);',
      '  }',
      '  // A widget set that needs another enables it first: calls in a cycle.',
      '  private async checkDependencies(dir: string): Promise<void> {',
      "    if (dir.endsWith('-charts')) await this.enableDebug('basic');",
      '  }',
      '}',
      'export function processCommandVisDebug(params: Record<string, unknown>): void {',
      '  dbConnect(params, ({ objects }) => {',
      '    const visDebug = new VisDebug(objects);',
      '    visDebug.enableDebug(String(params.widgetset)).catch(error => console.error(error));',
      '  });',
      '}',
      '',
    ].join('\n'),
  };
  /** A class run by the `upgrade` command that keeps a VisDebug in a field, and asks before it upgrades. */
  const UPGRADE = [
    "import rl from 'readline-sync';",
    "import { VisDebug } from '@/lib/setup/visDebug.js';",
    "import type { Objects } from '@/lib/setup/dbConnection.js';",
    'export class Upgrade {',
    '  private readonly visDebug: VisDebug;',
    '  constructor(objects: Objects) {',
    '    this.visDebug = new VisDebug(objects);',
    '  }',
    '  async upgrade(widgetset: string): Promise<void> {',
    "    if (rl.question('Upgrade the widgets? ') !== 'y') return;",
    '    await this.visDebug.enableDebug(widgetset);',
    '  }',
    '}',
    '',
  ].join('\n');
  COMMAND_LINE_PROGRAM['src/lib/setup/upgrade.ts'] = UPGRADE;
  const VIS_DEBUG_READ_LINE = 6;

  /** The program above, with some of its files replaced. */
  function commandLineProgram(replaced: Record<string, string> = {}): string {
    return writePackage({ ...COMMAND_LINE_PROGRAM, ...replaced }, { name: 'controller-cli', main: 'build/index.js', type: 'module' });
  }

  it("a command's helpers are command-line code through a lazily imported module, a callback a function of the program only calls, an instance the command makes or keeps in a field, private methods calling each other in a cycle", () => {
    assert.deepEqual(blockingLines(commandLineProgram(), 'src/lib/setup/visDebug.ts'), []);
  });

  /** Changes to the program that leave the helper's callers unknown, or long-running. */
  const CALLERS_NOT_KNOWN: [string, Record<string, string>][] = [
    [
      'reported when the function given the callback hands it on: an emitter may call it at any time',
      {
        'src/lib/setup/dbConnection.ts': [
          "import { EventEmitter } from 'node:events';",
          'export interface Objects { writeFile(name: string, data: Buffer): Promise<void> }',
          'export const connections = new EventEmitter();',
          'export function dbConnect(params: Record<string, unknown>, callback: (clients: { objects: Objects }) => void): void {',
          "  connections.on('connected', callback);",
          '}',
          '',
        ].join('\n'),
      },
    ],
    [
      'reported when the function given the callback keeps it in a variable of its module, to call later',
      {
        'src/lib/setup/dbConnection.ts': [
          'export interface Objects { writeFile(name: string, data: Buffer): Promise<void> }',
          'let onConnected: ((clients: { objects: Objects }) => void) | undefined;',
          'export function dbConnect(params: Record<string, unknown>, callback: (clients: { objects: Objects }) => void): void {',
          '  onConnected = callback;',
          '}',
          'export function connected(objects: Objects): void {',
          '  onConnected?.({ objects });',
          '}',
          '',
        ].join('\n'),
      },
    ],
    [
      'reported when the instance is kept where others reach it',
      {
        'src/lib/setup/registry.ts': "import type { VisDebug } from '@/lib/setup/visDebug.js';\nexport const debuggers: VisDebug[] = [];\n",
        'src/lib/setup/visDebug.ts': COMMAND_LINE_PROGRAM['src/lib/setup/visDebug.ts']!.replace(
          'const visDebug = new VisDebug(objects);',
          'const visDebug = new VisDebug(objects);\n    debuggers.push(visDebug);',
        ).replace("import fs from 'node:fs';", "import fs from 'node:fs'; import { debuggers } from '@/lib/setup/registry.js';"),
      },
    ],
    [
      'reported when another module calls the method on an instance it was handed (a daemon restarting debugging)',
      {
        'src/lib/daemon.ts': "import type { VisDebug } from '@/lib/setup/visDebug.js';\nexport function watch(visDebug: VisDebug): void {\n  setInterval(() => void visDebug.enableDebug('basic'), 1000);\n}\n",
        // The instance goes to the daemon's module on the same line as it is made (the read stays on its line).
        'src/lib/setup/visDebug.ts': COMMAND_LINE_PROGRAM['src/lib/setup/visDebug.ts']!.replace(
          'const visDebug = new VisDebug(objects);',
          'const visDebug = new VisDebug(objects); watch(visDebug);',
        ).replace("import fs from 'node:fs';", "import fs from 'node:fs'; import { watch } from '@/lib/daemon.js';"),
      },
    ],
    [
      "reported when the package's entry exports the class: its users make instances anywhere",
      { 'src/index.ts': "export { execute } from '@/lib/setup.js';\nexport { VisDebug } from '@/lib/setup/visDebug.js';\n" },
    ],
    [
      'reported when the entry imports the class and exports it as its default',
      { 'src/index.ts': "import { VisDebug } from '@/lib/setup/visDebug.js';\nexport { execute } from '@/lib/setup.js';\nexport default VisDebug;\n" },
    ],
    [
      "reported when the entry exports a class that keeps an instance, though its file prompts at the terminal: a daemon may run it too (ioBroker's Upgrade)",
      { 'src/index.ts': "export { execute } from '@/lib/setup.js';\nexport { Upgrade } from '@/lib/setup/upgrade.js';\n" },
    ],
    [
      'reported when the class that keeps the instance hands it on',
      { 'src/lib/setup/upgrade.ts': UPGRADE.replace("if (rl.question('Upgrade the widgets? ') !== 'y') return;", "if (rl.question('Upgrade the widgets? ') !== 'y') return void console.log(this.visDebug);") },
    ],
    [
      'reported when a method of the cycle is called from outside it by code whose callers are unknown',
      {
        'src/lib/setup/visDebug.ts': COMMAND_LINE_PROGRAM['src/lib/setup/visDebug.ts']!.replace(
          'export function processCommandVisDebug(',
          'export function refreshCharts(visDebug: VisDebug): Promise<void> {\n  return visDebug.enableDebug(\'charts\');\n}\nexport function processCommandVisDebug(',
        ),
      },
    ],
    [
      'reported when the dispatcher loads a module by a path it computes: it may be any',
      { 'src/lib/setup.ts': COMMAND_LINE_PROGRAM['src/lib/setup.ts']!.replace('require(file).version', 'require(`./plugins/${String(params.type)}`).version') },
    ],
    [
      'reported when the dispatcher runs the command after starting a child process whose output it relays',
      {
        'src/lib/setup.ts': COMMAND_LINE_PROGRAM['src/lib/setup.ts']!.replace(
          "    case 'visdebug': {",
          "    case 'visdebug': {\n      spawn('vis-server').stdout.pipe(process.stdout);",
        ).replace("import yargs from 'yargs/yargs';", "import yargs from 'yargs/yargs';\nimport { spawn } from 'node:child_process';"),
      },
    ],
  ];
  for (const [title, replaced] of CALLERS_NOT_KNOWN) {
    it(title, () => {
      assert.deepEqual(blockingLines(commandLineProgram(replaced), 'src/lib/setup/visDebug.ts'), [VIS_DEBUG_READ_LINE]);
    });
  }

  /**
   * The program above as the command-line package of a workspace (ioBroker's js-controller): its
   * entry hands out the dispatcher and the tool's parts, and a daemon package beside it depends on
   * it, runs the tool through its bin, and reuses one of those parts.
   */
  const CLI_ENTRY = "export { execute } from '@/lib/setup.js';\nexport { VisDebug } from '@/lib/setup/visDebug.js';\nexport { dbConnect } from '@/lib/setup/dbConnection.js';\n";
  const DAEMON: Record<string, string> = {
    'iobroker.js': "import('@demo/controller-cli').then(cli => cli.execute());\n",
    'src/main.ts': [
      "import { dbConnect } from '@demo/controller-cli';",
      'export function start(): void {',
      '  dbConnect({}, ({ objects }) => {',
      "    setInterval(() => void objects.writeFile('status', Buffer.alloc(0)), 1000);",
      '  });',
      '}',
      '',
    ].join('\n'),
  };
  function workspace(
    options: { root?: Record<string, unknown>; cli?: Record<string, string>; daemon?: Record<string, string>; daemonDependsOnCli?: boolean } = {},
  ): string {
    const dir = path.join(root, `workspace-${(count += 1)}`);
    const files: Record<string, string> = {
      'package.json': JSON.stringify(options.root ?? { name: 'controller-repo', private: true, workspaces: ['packages/*'] }),
      'packages/cli/package.json': JSON.stringify({ name: '@demo/controller-cli', main: 'build/index.js', type: 'module' }),
      'packages/daemon/package.json': JSON.stringify({
        name: '@demo/controller',
        main: 'src/main.ts',
        bin: { iobroker: './iobroker.js' },
        dependencies: options.daemonDependsOnCli === false ? {} : { '@demo/controller-cli': 'file:../cli' },
      }),
    };
    const cli = { ...COMMAND_LINE_PROGRAM, 'tsconfig.json': JSON.stringify({ compilerOptions: { baseUrl: '.', outDir: 'build', rootDir: 'src', paths: { '@/*': ['./src/*'] } } }), 'src/index.ts': CLI_ENTRY, ...options.cli };
    for (const [relative, text] of Object.entries(cli)) files[`packages/cli/${relative}`] = text;
    for (const [relative, text] of Object.entries({ ...DAEMON, ...options.daemon })) files[`packages/daemon/${relative}`] = text;
    fs.mkdirSync(path.join(dir, '.git'), { recursive: true });
    for (const [relative, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, relative)), { recursive: true });
      fs.writeFileSync(path.join(dir, relative), text);
    }
    return path.join(dir, 'packages/cli');
  }

  it("a command-line tool's package in a workspace: what its entry exports besides the dispatcher is called by the workspace's packages that depend on it, and only there", () => {
    assert.deepEqual(blockingLines(workspace(), 'src/lib/setup/visDebug.ts'), []);
    // pnpm's list of the workspace's packages, in place of package.json's.
    const pnpm = workspace({ root: { name: 'controller-repo', private: true } });
    fs.writeFileSync(path.join(pnpm, '../../pnpm-workspace.yaml'), "packages:\n  - 'packages/*'\n");
    assert.deepEqual(blockingLines(pnpm, 'src/lib/setup/visDebug.ts'), []);
  });

  const TOOL_PARTS_USED_ELSEWHERE: [string, Parameters<typeof workspace>[0]][] = [
    [
      "reported when the daemon beside it makes an instance of the exported class and calls the method (ioBroker's controller runs Upgrade)",
      { daemon: { 'src/restart.ts': "import { VisDebug } from '@demo/controller-cli';\nexport async function onChange(objects: never): Promise<void> {\n  await new VisDebug(objects).enableDebug('basic');\n}\n" } },
    ],
    ['reported when the package is in no workspace: its exports are for any program', { root: { name: 'controller-repo', private: true } }],
    ["reported when the workspace's list is a pattern this does not read", { root: { name: 'controller-repo', private: true, workspaces: ['packages/**'] } }],
    ['reported when the entry hands out no dispatcher: the package is a library', { cli: { 'src/index.ts': CLI_ENTRY.replace("export { execute } from '@/lib/setup.js';\n", '') } }],
    [
      "reported when a package of the workspace names the package other than in an import (a path it computes from the name)",
      { daemon: { 'src/plugins.ts': "const CLI = '@demo/controller-cli';\nexport async function load(): Promise<unknown> {\n  return import(CLI);\n}\n" } },
    ],
    [
      'reported when a package of the workspace that does not declare the dependency calls it (a hoisted node_modules resolves it all the same)',
      { daemonDependsOnCli: false, daemon: { 'src/restart.ts': "import { VisDebug } from '@demo/controller-cli';\nexport async function onChange(objects: never): Promise<void> {\n  await new VisDebug(objects).enableDebug('basic');\n}\n" } },
    ],
  ];
  for (const [title, options] of TOOL_PARTS_USED_ELSEWHERE) {
    it(title, () => {
      assert.deepEqual(blockingLines(workspace(options), 'src/lib/setup/visDebug.ts'), [VIS_DEBUG_READ_LINE]);
    });
  }

  /**
   * ioBroker's `iobroker start|stop` commands, reduced: the dispatcher calls the command's method
   * by the name the switch tests (`procCommand[command]()`), the command's `set` hands its work to
   * the `dbConnect` its options hold, and that work reads the config file synchronously. The
   * command's base class keeps the options; another module of the package calls `set` on a Map.
   */
  const PROCESS_COMMAND: Record<string, string> = {
    'tsconfig.json': COMMAND_LINE_PROGRAM['tsconfig.json']!,
    'src/index.ts': "export { execute } from '@/lib/setup.js';\n",
    'src/lib/setup/dbConnection.ts': COMMAND_LINE_PROGRAM['src/lib/setup/dbConnection.ts']!,
    'src/lib/setup.ts': [
      "import yargs from 'yargs/yargs';",
      "import { dbConnect } from '@/lib/setup/dbConnection.js';",
      "import { CLIProcess } from '@/lib/cli/cliProcess.js';",
      'export function execute(): void {',
      "  const argv = yargs(process.argv.slice(2)).command('start', 'Starts').command('stop', 'Stops').argv as { _: string[] };",
      '  processCommand(argv._[0]!);',
      '}',
      'function processCommand(command: string): void {',
      '  switch (command) {',
      "    case 'start':",
      "    case 'stop': {",
      '      const procCommand = new CLIProcess({ dbConnect });',
      '      procCommand[command]().catch(error => console.error(error));',
      '      break;',
      '    }',
      '  }',
      '}',
      '',
    ].join('\n'),
    'src/lib/cli/cliCommand.ts': [
      "import type { Objects } from '@/lib/setup/dbConnection.js';",
      'export interface CommandOptions { dbConnect(callback: (clients: { objects: Objects }) => void): void }',
      'export class CLICommand {',
      '  protected readonly options: CommandOptions;',
      '  constructor(options: CommandOptions) {',
      '    this.options = options;',
      '  }',
      '}',
      '',
    ].join('\n'),
    'src/lib/cli/cliProcess.ts': [
      "import fs from 'node:fs';",
      "import { CLICommand } from '@/lib/cli/cliCommand.js';",
      'export class CLIProcess extends CLICommand {',
      '  async start(): Promise<void> {',
      '    this.set(true);',
      '  }',
      '  async stop(): Promise<void> {',
      '    this.set(false);',
      '  }',
      '  set(enabled: boolean): void {',
      '    const { dbConnect } = this.options;',
      '    dbConnect(async ({ objects }) => {',
      "      const config = JSON.parse(fs.readFileSync('iobroker.json', 'utf8')) as { enabled: boolean };",
      "      await objects.writeFile('enabled', Buffer.from(String(enabled && config.enabled)));",
      '    });',
      '  }',
      '}',
      '',
    ].join('\n'),
    'src/lib/cache.ts': 'export const cache = new Map<string, number>();\nexport function remember(key: string): void {\n  cache.set(key, Date.now());\n}\n',
  };
  const CONFIG_READ_LINE = 13;
  function processCommandProgram(replaced: Record<string, string> = {}): string {
    return writePackage({ ...PROCESS_COMMAND, ...replaced }, { name: 'process-cli', main: 'build/index.js', type: 'module' });
  }

  it("a command's work handed to a function its options hold, from a method the dispatcher calls by the name its switch tests, is command-line code", () => {
    assert.deepEqual(blockingLines(processCommandProgram(), 'src/lib/cli/cliProcess.ts'), []);
  });

  const PROCESS_COMMAND_NOT_KNOWN: [string, Record<string, string>][] = [
    [
      'reported when start-up code hands the work over: it may run while the server serves',
      {
        'src/lib/daemon.ts': [
          "import http from 'node:http';",
          "import { dbConnect } from '@/lib/setup/dbConnection.js';",
          "import { CLIProcess } from '@/lib/cli/cliProcess.js';",
          '(async () => {',
          '  new CLIProcess({ dbConnect }).set(true);',
          '  http.createServer((request, response) => response.end()).listen(8081);',
          '})();',
          '',
        ].join('\n'),
      },
    ],
    [
      'reported when the base class hands the instance on: a module holding it may call set',
      {
        'src/lib/cli/cliCommand.ts': PROCESS_COMMAND['src/lib/cli/cliCommand.ts']!.replace('    this.options = options;', '    this.options = options;\n    commands.push(this);').replace(
          'export class CLICommand {',
          'export const commands: CLICommand[] = [];\nexport class CLICommand {',
        ),
      },
    ],
    [
      'reported when the class hands the instance on',
      { 'src/lib/cli/cliProcess.ts': PROCESS_COMMAND['src/lib/cli/cliProcess.ts']!.replace('    this.set(false);', '    this.set(false); stopped.add(this);').replace('export class', 'export const stopped = new Set<unknown>(); export class') },
    ],
    [
      'reported when the switch writes the key it tests',
      { 'src/lib/setup.ts': PROCESS_COMMAND['src/lib/setup.ts']!.replace('      const procCommand = new CLIProcess({ dbConnect });', "      command = command === 'start' ? 'set' : command;\n      const procCommand = new CLIProcess({ dbConnect });") },
    ],
    ['reported when a case is not a string written there', { 'src/lib/setup.ts': PROCESS_COMMAND['src/lib/setup.ts']!.replace("    case 'start':", '    case START:').replace('function processCommand', "const START = 'set';\nfunction processCommand") }],
  ];
  for (const [title, replaced] of PROCESS_COMMAND_NOT_KNOWN) {
    it(title, () => {
      assert.deepEqual(blockingLines(processCommandProgram(replaced), 'src/lib/cli/cliProcess.ts'), [CONFIG_READ_LINE]);
    });
  }

  it('a caller another program adds on disk is found once the listing is old enough to be checked again', () => {
    // The clock is held still, then moved past the check interval: nothing here depends on timing.
    const realNow = Date.now;
    const start = realNow();
    let now = start;
    Date.now = () => now;
    try {
      const dir = writePackage({ 'src/database.js': DATABASE, 'src/server.js': server('await Database.patch();') });
      assert.deepEqual(blockingLines(dir, 'src/database.js'), []);
      // A new module calls it from a request handler; its folder's modification time moves on.
      fs.writeFileSync(path.join(dir, 'src/admin.js'), "const Database = require('./database');\nmodule.exports = async (request, response) => {\n  await Database.patch();\n  response.end();\n};\n");
      const later = new Date(start + 5000);
      fs.utimesSync(path.join(dir, 'src'), later, later);
      // Within the check interval the listing is taken as it is; past it, the disk is read again.
      assert.deepEqual(blockingLines(dir, 'src/database.js'), []);
      now = start + 5000;
      assert.deepEqual(blockingLines(dir, 'src/database.js'), [READ_LINE]);
    } finally {
      Date.now = realNow;
    }
  });

  it('forgetFiles of a new file adds it to the listing: a caller created beside the others is found at once', () => {
    const dir = writePackage({ 'src/database.js': DATABASE, 'src/server.js': server('await Database.patch();') });
    assert.deepEqual(blockingLines(dir, 'src/database.js'), []);
    const admin = path.join(dir, 'src/admin.js');
    fs.writeFileSync(admin, "const Database = require('./database');\nmodule.exports = async (request, response) => {\n  await Database.patch();\n  response.end();\n};\n");
    plugin.forgetFiles([admin]);
    assert.deepEqual(blockingLines(dir, 'src/database.js'), [READ_LINE]);
    // Removed again, it is left out.
    fs.rmSync(admin);
    plugin.forgetFiles([admin]);
    assert.deepEqual(blockingLines(dir, 'src/database.js'), []);
  });

  it('forgetFiles drops what was learned: a caller edited on disk is read again', () => {
    const dir = writePackage({ 'src/database.js': DATABASE, 'src/server.js': server('await Database.patch();') });
    assert.deepEqual(blockingLines(dir, 'src/database.js'), []);
    const entry = path.join(dir, 'src/server.js');
    fs.writeFileSync(entry, server('await Database.patch();', 'await Database.patch();'));
    plugin.forgetFiles([entry]);
    assert.deepEqual(blockingLines(dir, 'src/database.js'), [READ_LINE]);
  });
});
