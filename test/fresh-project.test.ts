import * as assert from 'node:assert/strict';
import type { SpawnSyncReturns } from 'node:child_process';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import type { ESLint } from 'eslint';

import { REPOSITORY_ROOT } from './examples-sections';

// The README's commands as a new user runs them: in a fresh `npm init -y` project outside the
// repository, with the packages installed from the npm registry (the plugin from its packed
// tarball, in place of its name), then `npx eslint .`, `npx async-pitfalls` and `npx oxlint`.

const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const NPX = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const PACKAGE_NAME = 'eslint-plugin-async-pitfalls';

const PITFALL_SOURCE = `import { readFileSync } from 'node:fs';

export async function loadConfig(path) {
  const text = readFileSync(path, 'utf8');
  return JSON.parse(text);
}
`;
const PITFALL_LINE = 4;
const BLOCKING = ['async-pitfalls/no-blocking-in-async', PITFALL_LINE];
/** Floats a promise that only the type checker sees (`save` is a method of a class). */
const TYPED_ONLY_SOURCE = `class Store {
  save(): Promise<void> {
    return Promise.resolve();
  }
}

export function run(store: Store): void {
  store.save();
}
`;

/** The README's blocks after a `<!-- <kind>:<name> -->` marker. */
function readmeBlocks(kind: 'command' | 'config'): Map<string, string> {
  const readme = fs.readFileSync(path.join(REPOSITORY_ROOT, 'README.md'), 'utf8');
  const blocks = new Map<string, string>();
  for (const match of readme.matchAll(new RegExp(`<!-- ${kind}:([\\w-]+) -->\\n\`\`\`\\w+\\n([\\s\\S]*?)\`\`\``, 'g'))) {
    blocks.set(match[1] ?? '', match[2] ?? '');
  }
  return blocks;
}

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function run(command: string, args: string[], cwd: string): Run {
  const result: SpawnSyncReturns<string> = spawnSync(command, args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, FORCE_COLOR: '0', npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Runs a README command line (`npm install …`), with the plugin's tarball in place of its name. */
function runReadmeCommand(command: string, cwd: string, tarball: string): Run {
  const words = command.trim().split(/\s+/);
  assert.equal(words[0], 'npm', `not an npm command: ${command}`);
  return run(NPM, words.slice(1).map(word => (word === PACKAGE_NAME ? tarball : word)), cwd);
}

/** Each linted file (but the config) with its findings. */
function findings(output: string): [string, (string | number | null)[][]][] {
  return (JSON.parse(output) as ESLint.LintResult[]).filter(result => path.basename(result.filePath) !== 'eslint.config.mjs').map(result => [
    path.basename(result.filePath),
    result.messages.map(message => [message.ruleId, message.line]),
  ]);
}

describe('a fresh npm init -y project, as the README says (npm registry)', function () {
  this.timeout(900_000);

  const commands = readmeBlocks('command');
  const configs = readmeBlocks('config');
  let workDir: string;
  let tarball: string;

  /** A new project folder with `npm init -y` run in it. */
  function freshProject(name: string): string {
    const dir = path.join(workDir, name);
    fs.mkdirSync(dir);
    const init = run(NPM, ['init', '-y'], dir);
    assert.equal(init.status, 0, init.stderr);
    return dir;
  }

  function install(dir: string, commandName: string): void {
    const command = commands.get(commandName);
    assert.ok(command, `README has no command:${commandName} block`);
    const installed = runReadmeCommand(command, dir, tarball);
    assert.equal(installed.status, 0, `${command}\n${installed.stderr}`);
    assert.doesNotMatch(installed.stderr, /ERESOLVE/);
  }

  function useConfig(dir: string, configName: string, file = 'eslint.config.mjs'): void {
    const config = configs.get(configName);
    assert.ok(config, `README has no config:${configName} block`);
    fs.writeFileSync(path.join(dir, file), config);
  }

  before(() => {
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'async-pitfalls-fresh-'));
    const packed = JSON.parse(
      execFileSync(NPM, ['pack', '--workspace', 'eslint-plugin', '--pack-destination', workDir, '--json', '--ignore-scripts'], {
        cwd: REPOSITORY_ROOT,
        encoding: 'utf8',
      }),
    ) as { filename: string }[];
    tarball = path.join(workDir, packed[0]?.filename ?? '');
  });

  after(() => {
    fs.rmSync(workDir, { recursive: true, force: true });
  });

  it('has the blocks this test runs', () => {
    assert.deepEqual([...commands.keys()].sort(), ['js', 'oxlint', 'ts', 'ts7']);
    assert.deepEqual([...configs.keys()].sort(), ['js', 'oxlint', 'ts', 'ts-types']);
  });

  it('JavaScript: installs no TypeScript; npx eslint . and npx async-pitfalls report the pitfall', () => {
    const dir = freshProject('javascript');
    assert.equal((JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { type?: string }).type, 'commonjs');
    install(dir, 'js');
    assert.ok(!fs.existsSync(path.join(dir, 'node_modules', 'typescript')), 'TypeScript was installed for JavaScript');
    assert.ok(!fs.existsSync(path.join(dir, 'node_modules', '@typescript-eslint', 'typescript-estree')));
    useConfig(dir, 'js');
    fs.writeFileSync(path.join(dir, 'pitfall.mjs'), PITFALL_SOURCE);
    const eslint = run(NPX, ['eslint', '--format', 'json', '.'], dir);
    assert.equal(eslint.status, 1, eslint.stderr);
    assert.deepEqual(findings(eslint.stdout), [['pitfall.mjs', [BLOCKING]]]);
    const cli = run(NPX, ['async-pitfalls', '--format', 'json'], dir);
    assert.equal(cli.status, 1, cli.stderr);
    assert.deepEqual(findings(cli.stdout), [['pitfall.mjs', [BLOCKING]]]);
    assert.equal(cli.stderr, '');
    // A type-checked preset without typescript-eslint says what to install, in one line, once it has a TypeScript file to parse.
    fs.writeFileSync(path.join(dir, 'pitfall.ts'), PITFALL_SOURCE);
    fs.writeFileSync(
      path.join(dir, 'eslint.config.mjs'),
      "import asyncPitfalls from 'eslint-plugin-async-pitfalls';\nexport default [...asyncPitfalls.configs['recommended-type-checked']];\n",
    );
    const typeChecked = run(NPX, ['eslint', '.'], dir);
    assert.equal(typeChecked.status, 2);
    assert.match(typeChecked.stderr, /typescript-eslint, which is not installed: npm install --save-dev typescript typescript-eslint/);
  });

  it('TypeScript: the README configs with and without types, and the command line, with one copy of typescript-eslint', () => {
    const dir = freshProject('typescript');
    install(dir, 'ts');
    fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { strict: true, module: 'nodenext', target: 'es2022', types: [] }, include: ['*.ts'] }));
    fs.writeFileSync(path.join(dir, 'pitfall.mjs'), PITFALL_SOURCE);
    fs.writeFileSync(path.join(dir, 'pitfall.ts'), PITFALL_SOURCE.replace('(path)', '(path: string)'));
    fs.writeFileSync(path.join(dir, 'typed.ts'), TYPED_ONLY_SOURCE);
    const copies = run(NPM, ['ls', '--all', '--parseable', '@typescript-eslint/types'], dir).stdout.trim().split('\n');
    assert.equal(copies.length, 1, copies.join('\n'));

    useConfig(dir, 'ts');
    const untyped = run(NPX, ['eslint', '--format', 'json', '.'], dir);
    assert.equal(untyped.status, 1, untyped.stderr);
    assert.deepEqual(findings(untyped.stdout), [['pitfall.mjs', [BLOCKING]], ['pitfall.ts', [BLOCKING]], ['typed.ts', []]]);
    useConfig(dir, 'ts-types');
    const typed = run(NPX, ['eslint', '--format', 'json', '.'], dir);
    assert.equal(typed.status, 1, typed.stderr);
    assert.deepEqual(findings(typed.stdout), [
      ['pitfall.mjs', [BLOCKING]],
      ['pitfall.ts', [BLOCKING]],
      ['typed.ts', [['async-pitfalls/no-missing-await', 8]]],
    ]);
    const cli = run(NPX, ['async-pitfalls', '--types', '--format', 'json'], dir);
    assert.equal(cli.status, 1, cli.stderr);
    assert.deepEqual(findings(cli.stdout).slice(1), findings(typed.stdout).slice(1));
  });

  it("TypeScript 7's tsc beside TypeScript 6's compiler API, as the README installs them", () => {
    const dir = freshProject('typescript-7-side-by-side');
    install(dir, 'ts7');
    assert.match(run(NPX, ['tsc', '--version'], dir).stdout, /^Version 7\./);
    fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { strict: true, module: 'nodenext', target: 'es2022', types: [] }, include: ['*.ts'] }));
    fs.writeFileSync(path.join(dir, 'typed.ts'), TYPED_ONLY_SOURCE);
    useConfig(dir, 'ts-types');
    const typed = run(NPX, ['eslint', '--format', 'json', '.'], dir);
    assert.equal(typed.status, 1, typed.stderr);
    assert.deepEqual(findings(typed.stdout), [['typed.ts', [['async-pitfalls/no-missing-await', 8]]]]);
    const cli = run(NPX, ['async-pitfalls', '--types', '--format', 'json', 'typed.ts'], dir);
    assert.deepEqual(findings(cli.stdout), findings(typed.stdout));
    assert.equal(cli.stderr, '');
  });

  it('a plain TypeScript 7 project: installs without ERESOLVE, lints JavaScript, says what TypeScript files need; with @typescript/typescript6 beside it, lints them', () => {
    const dir = freshProject('typescript-7');
    const typescript7 = run(NPM, ['install', '--save-dev', 'typescript@^7'], dir);
    assert.equal(typescript7.status, 0, typescript7.stderr);
    install(dir, 'js');
    fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { strict: true, module: 'nodenext', target: 'es2022', types: [] }, include: ['*.ts'] }));
    fs.writeFileSync(path.join(dir, 'pitfall.mjs'), PITFALL_SOURCE);
    fs.writeFileSync(path.join(dir, 'typed.ts'), TYPED_ONLY_SOURCE);
    const alone = run(NPX, ['async-pitfalls', '--format', 'json'], dir);
    assert.equal(alone.status, 1, alone.stderr);
    const [javascript, typescript] = JSON.parse(alone.stdout) as ESLint.LintResult[];
    assert.deepEqual(javascript?.messages.map(message => [message.ruleId, message.line]), [BLOCKING]);
    assert.match(typescript?.messages[0]?.message ?? '', /TypeScript 7\.\d+\.\d+ has no compiler API/);
    assert.doesNotMatch(alone.stderr, /internal error/);

    // What a pnpm or --legacy-peer-deps install gives: the parser beside TypeScript 7, and TypeScript 6's API.
    const beside = run(NPM, ['install', '--save-dev', '--legacy-peer-deps', '@typescript-eslint/parser@^8', '@typescript/typescript6'], dir);
    assert.equal(beside.status, 0, beside.stderr);
    const withTypeScript6 = run(NPX, ['async-pitfalls', '--types', '--format', 'json'], dir);
    assert.equal(withTypeScript6.status, 1, withTypeScript6.stderr);
    assert.deepEqual(findings(withTypeScript6.stdout), [['pitfall.mjs', [BLOCKING]], ['typed.ts', [['async-pitfalls/no-missing-await', 8]]]]);
    assert.match(
      withTypeScript6.stderr,
      /^async-pitfalls: TypeScript 7\.\d+\.\d+ \(node_modules\/typescript\) has no compiler API; TypeScript is parsed with TypeScript 6\.\d+\.\d+ from @typescript\/typescript6\nasync-pitfalls: linted without type information, in no tsconfig \(1\):\n {2}pitfall\.mjs\n$/,
    );
  });

  it('oxlint with the README .oxlintrc.json reports the pitfall', () => {
    const dir = freshProject('oxlint');
    install(dir, 'oxlint');
    useConfig(dir, 'oxlint', '.oxlintrc.json');
    fs.writeFileSync(path.join(dir, 'pitfall.mjs'), PITFALL_SOURCE);
    const oxlint = run(NPX, ['oxlint', '--format', 'json'], dir);
    assert.equal(oxlint.status, 1, oxlint.stderr);
    const { diagnostics } = JSON.parse(oxlint.stdout) as { diagnostics: { code: string; filename: string; labels: { span: { line: number } }[] }[] };
    assert.deepEqual(
      diagnostics.filter(diagnostic => diagnostic.code.startsWith('async-pitfalls')).map(diagnostic => [diagnostic.filename, diagnostic.code, diagnostic.labels[0]?.span.line]),
      [['pitfall.mjs', 'async-pitfalls(no-blocking-in-async)', PITFALL_LINE]],
    );
  });
});
