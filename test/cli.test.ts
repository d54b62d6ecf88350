import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

import type { ESLint, Linter } from 'eslint';

import { CATALOGUE_RULES, CLI_BIN, EXAMPLES_DIR, REPOSITORY_ROOT, exampleFiles, readSections, sectionAt } from './examples-sections';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const plugin = require('../eslint-plugin/dist/index.js') as { rules: Record<string, unknown> };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const pluginPackage = require('../eslint-plugin/package.json') as { version: string };

const PLUGIN_RULES = Object.keys(plugin.rules);
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { MAX_FILE_BYTES } = require('../eslint-plugin/dist/cli.js') as typeof import('../eslint-plugin/src/cli');
const HIDE_TYPESCRIPT = path.join(__dirname, 'fixtures', 'cli', 'hide-typescript.cjs');

interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

function runCli(args: string[], options: { cwd?: string; nodeOptions?: string[] } = {}): CliRun {
  const run = spawnSync(process.execPath, [...(options.nodeOptions ?? []), CLI_BIN, ...args], {
    cwd: options.cwd ?? REPOSITORY_ROOT,
    encoding: 'utf8',
    env: { ...process.env, FORCE_COLOR: '0' },
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

function runJson(args: string[], options: { cwd?: string; nodeOptions?: string[] } = {}): { run: CliRun; results: ESLint.LintResult[] } {
  const run = runCli(['--format', 'json', ...args], options);
  return { run, results: JSON.parse(run.stdout) as ESLint.LintResult[] };
}

function makeTempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'async-pitfalls-cli-'));
}

const BLOCKING_JS = `import { readFileSync } from 'node:fs';

export async function load() {
  return readFileSync('data.txt', 'utf8');
}
`;

function ruleIds(result: ESLint.LintResult | undefined): (string | null)[] {
  return (result?.messages ?? []).map(message => message.ruleId);
}

function resultFor(results: ESLint.LintResult[], name: string): ESLint.LintResult | undefined {
  return results.find(result => path.basename(result.filePath) === name);
}

/**
 * Every finding lies in a pitfall section, every pitfall section of a rule the plugin has gets a
 * finding of that rule, and no corrected section gets any finding.
 */
function checkExamples(results: ESLint.LintResult[]): void {
  const files = exampleFiles();
  assert.deepEqual(results.map(result => result.filePath).sort(), files);
  let checkedPitfalls = 0;
  for (const file of files) {
    const name = path.basename(file);
    const sections = readSections(file);
    assert.ok(sections.some(section => section.kind === 'pitfall'), `${name} has no ❌ Pitfall section`);
    assert.ok(sections.some(section => section.kind === 'corrected'), `${name} has no ✅ Corrected section`);
    const messages: Linter.LintMessage[] = resultFor(results, name)?.messages ?? [];
    for (const message of messages) {
      assert.ok(!message.fatal, `${name}:${message.line}: ${message.message}`);
      const section = sectionAt(sections, message.line);
      assert.ok(
        section?.kind === 'pitfall',
        `${name}:${message.line}: ${message.ruleId ?? ''} reported ${section ? 'in a corrected section' : 'outside every section'}: ${message.message}`,
      );
    }
    for (const section of sections) {
      if (section.kind !== 'pitfall') continue;
      assert.ok(section.rule && CATALOGUE_RULES.includes(section.rule), `${name}:${section.startLine}: unknown rule '${section.rule ?? ''}'`);
      if (!PLUGIN_RULES.includes(section.rule)) continue;
      checkedPitfalls += 1;
      const found = messages.some(
        message => message.ruleId === `async-pitfalls/${section.rule}` && section.startLine <= message.line && message.line <= section.endLine,
      );
      assert.ok(found, `${name}:${section.startLine}: the pitfall of ${section.rule} gets no finding of that rule`);
    }
  }
  assert.ok(checkedPitfalls > 0, 'no pitfall section is marked with a rule of the plugin');
}

describe('command line', function () {
  this.timeout(180_000);

  describe('on examples/', () => {
    it('reports every pitfall of the rules that exist and nothing in the corrected parts', () => {
      const { run, results } = runJson(['--config', 'all', EXAMPLES_DIR]);
      assert.equal(run.status, 1, run.stderr);
      checkExamples(results);
    });

    it('does the same with type information', () => {
      const { run, results } = runJson(['--types', '--config', 'all', EXAMPLES_DIR]);
      assert.equal(run.status, 1, run.stderr);
      assert.equal(run.stderr, '');
      checkExamples(results);
    });

    it('prints the findings with the stylish formatter by default', () => {
      const run = runCli(['examples']);
      assert.equal(run.status, 1, run.stderr);
      assert.match(run.stdout, /03-blocking-the-event-loop\.js\n\s+\d+:\d+\s+error\s+Don't block the event loop: 'readFileSync'/);
      assert.match(run.stdout, /✖ \d+ problems? \(\d+ errors?, 0 warnings\)/);
    });

    it('lints the current directory when no path is given, skipping node_modules and dist', () => {
      const dir = makeTempDir();
      fs.writeFileSync(path.join(dir, 'blocking.js'), BLOCKING_JS);
      for (const ignored of ['node_modules/pkg', 'dist']) {
        fs.mkdirSync(path.join(dir, ignored), { recursive: true });
        fs.writeFileSync(path.join(dir, ignored, 'blocking.js'), BLOCKING_JS);
      }
      const { run, results } = runJson([], { cwd: dir });
      assert.equal(run.status, 1, run.stderr);
      assert.deepEqual(
        results.map(result => path.relative(dir, result.filePath)),
        ['blocking.js'],
      );
    });
  });

  describe('npm start', () => {
    const START = path.join(REPOSITORY_ROOT, 'scripts', 'start.mjs');
    const runStart = (args: string[]): CliRun => {
      const run = spawnSync(process.execPath, [START, ...args], {
        cwd: REPOSITORY_ROOT,
        encoding: 'utf8',
        env: { ...process.env, FORCE_COLOR: '0', INIT_CWD: REPOSITORY_ROOT },
      });
      return { status: run.status, stdout: run.stdout, stderr: run.stderr };
    };

    it('shows the findings on examples/ and succeeds, since findings are the expected output', () => {
      const run = runStart([]);
      assert.equal(run.status, 0, run.stderr);
      assert.match(run.stdout, /examples\/03-blocking-the-event-loop\.js\n/);
      assert.match(run.stdout, /✖ \d+ problems?/);
    });

    it('fails on bad usage', () => {
      const run = runStart(['no/such/dir']);
      assert.equal(run.status, 2);
      assert.match(run.stderr, /no such file or directory: no\/such\/dir/);
    });
  });

  describe('usage', () => {
    it('prints help and version', () => {
      const help = runCli(['--help']);
      assert.equal(help.status, 0);
      assert.match(help.stdout, /^Usage: async-pitfalls \[options\] \[paths\.\.\.\]/);
      for (const option of ['--config', '--types', '--fix', '--format']) assert.ok(help.stdout.includes(option), option);
      const version = runCli(['--version']);
      assert.equal(version.status, 0);
      assert.equal(version.stdout, `${pluginPackage.version}\n`);
    });

    const badUsage: [string, string[], RegExp][] = [
      ['an unknown option', ['--frobnicate', 'examples'], /^async-pitfalls: unknown option '--frobnicate' \(see --help\)\n$/],
      ['an unknown config', ['--config', 'loose', 'examples'], /^async-pitfalls: unknown --config 'loose': use recommended, strict, all\n$/],
      ['a missing option value', ['examples', '--format'], /^async-pitfalls: option '--format <value>' needs a value \(see --help\)\n$/],
      ['an unknown formatter', ['--format', 'no-such-formatter', 'examples'], /^async-pitfalls: unknown --format 'no-such-formatter'/],
      ['a missing path', ['examples', 'no/such/dir'], /^async-pitfalls: no such file or directory: no\/such\/dir\n$/],
    ];
    for (const [what, args, message] of badUsage) {
      it(`exits 2 with one line on stderr for ${what}`, () => {
        const run = runCli(args);
        assert.equal(run.status, 2);
        assert.equal(run.stdout, '');
        assert.match(run.stderr, message);
      });
    }

    it('exits 0 when nothing is found', () => {
      const dir = makeTempDir();
      fs.writeFileSync(path.join(dir, 'clean.js'), 'export async function ok() {\n  return 1;\n}\n');
      const run = runCli([dir]);
      assert.equal(run.status, 0, run.stderr);
      assert.equal(run.stdout, '');
    });
  });

  describe('bad input', () => {
    it('reports a file that does not parse and still lints the others', () => {
      const dir = makeTempDir();
      fs.writeFileSync(path.join(dir, 'broken.ts'), 'export async function f( {\n  await 1;\n');
      fs.writeFileSync(path.join(dir, 'blocking.js'), BLOCKING_JS);
      const run = runCli([dir]);
      assert.equal(run.status, 1);
      assert.match(run.stdout, /broken\.ts\n\s+\d+:\d+\s+error\s+Parsing error: /);
      assert.match(run.stdout, /blocking\.js\n\s+4:10\s+error\s+Don't block the event loop: 'readFileSync'/);
      assert.match(run.stderr, /^async-pitfalls: .*broken\.ts:\d+:\d+: not linted: Parsing error: /m);
    });

    it('skips a binary file, a huge file and a non-source file named on the command line', () => {
      const dir = makeTempDir();
      const binary = path.join(dir, 'binary.js');
      fs.writeFileSync(binary, Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x00, 0x01, 0x02, 0x00, 0xff]));
      const huge = path.join(dir, 'huge.js');
      fs.writeFileSync(huge, '// filler line of a generated file\n'.repeat(150_000));
      const image = path.join(dir, 'image.png');
      fs.writeFileSync(image, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00]));
      const blocking = path.join(dir, 'blocking.js');
      fs.writeFileSync(blocking, BLOCKING_JS);
      const { run, results } = runJson([binary, huge, image, blocking]);
      assert.equal(run.status, 1, run.stderr);
      assert.deepEqual(results.map(result => path.basename(result.filePath)), ['blocking.js']);
      assert.match(run.stderr, /binary\.js: skipped, binary file/);
      assert.match(run.stderr, /huge\.js: skipped, 5\.\d MB is larger than the 1 MB limit/);
      assert.match(run.stderr, /image\.png: skipped, not a JavaScript or TypeScript file/);
    });

    it('skips a binary file and a huge file inside a directory with a note, as when named, and lints the rest', () => {
      const dir = makeTempDir();
      fs.writeFileSync(path.join(dir, 'binary.js'), Buffer.from([0x00, 0xff, 0xfe, 0x10, 0x00, 0x9c]));
      fs.mkdirSync(path.join(dir, 'generated'));
      // Over the limit by one byte, and the same file at the limit is linted.
      fs.writeFileSync(path.join(dir, 'generated', 'huge.js'), `${BLOCKING_JS}${'/'.repeat(MAX_FILE_BYTES + 1 - BLOCKING_JS.length)}`);
      fs.writeFileSync(path.join(dir, 'generated', 'at-limit.js'), `${BLOCKING_JS}${'/'.repeat(MAX_FILE_BYTES - BLOCKING_JS.length - 1)}\n`);
      fs.writeFileSync(path.join(dir, 'blocking.js'), BLOCKING_JS);
      const { run, results } = runJson(['.'], { cwd: dir });
      assert.equal(run.status, 1, run.stderr);
      assert.deepEqual(results.map(result => path.relative(dir, result.filePath)), ['blocking.js', path.join('generated', 'at-limit.js')]);
      assert.ok(results.every(result => result.messages.every(message => !message.fatal)));
      assert.equal(
        run.stderr,
        `async-pitfalls: binary.js: skipped, binary file\nasync-pitfalls: ${path.join('generated', 'huge.js')}: skipped, 1.0 MB is larger than the 1 MB limit\n`,
      );
    });

    it('ignores disable comments that name rules of other plugins', () => {
      const dir = makeTempDir();
      fs.writeFileSync(
        path.join(dir, 'other-rules.js'),
        `// eslint-disable-next-line no-console, some-plugin/some-rule\nconsole.log('hi');\n${BLOCKING_JS.replace(
          "  return readFileSync('data.txt', 'utf8');",
          "  // eslint-disable-next-line async-pitfalls/no-blocking-in-async\n  return readFileSync('data.txt', 'utf8');",
        )}`,
      );
      const { run, results } = runJson([dir]);
      assert.equal(run.status, 0, run.stdout);
      assert.deepEqual(results[0]?.messages, []);
    });

    it('lints a file with an eslint-env comment as any other, without a note or a problem of its own', () => {
      // ESLint 10 marks the comment's problem fatal, yet lints the file; the comment configures the
      // project's own (eslintrc-era) ESLint setup and says nothing about the code.
      const dir = makeTempDir();
      fs.writeFileSync(path.join(dir, 'legacy-env.js'), `/* eslint-env node, mocha */\n${BLOCKING_JS}`);
      const { run, results } = runJson([dir]);
      assert.equal(run.status, 1, run.stdout);
      assert.equal(run.stderr, '');
      assert.deepEqual(
        results[0]?.messages.map(message => [message.ruleId, message.line, message.fatal ?? false]),
        [['async-pitfalls/no-blocking-in-async', 5, false]],
      );
      assert.equal(results[0]?.fatalErrorCount, 0);
    });

    it('lints JavaScript and explains TypeScript files when typescript is not installed', () => {
      const dir = makeTempDir();
      fs.writeFileSync(path.join(dir, 'blocking.js'), BLOCKING_JS);
      fs.writeFileSync(path.join(dir, 'blocking.ts'), BLOCKING_JS);
      const nodeOptions = ['--require', HIDE_TYPESCRIPT];
      const { run, results } = runJson([dir], { nodeOptions });
      assert.equal(run.status, 1, run.stderr);
      assert.deepEqual(ruleIds(resultFor(results, 'blocking.js')), ['async-pitfalls/no-blocking-in-async']);
      const tsMessages = resultFor(results, 'blocking.ts')?.messages ?? [];
      assert.equal(tsMessages.length, 1);
      assert.match(tsMessages[0]?.message ?? '', /TypeScript files need a TypeScript with the compiler API: the typescript package is not installed: npm install --save-dev typescript$/);

      const typed = runCli(['--types', dir], { nodeOptions });
      assert.equal(typed.status, 2);
      assert.match(typed.stderr, /^async-pitfalls: --types needs TypeScript: TypeScript files need a TypeScript with the compiler API: the typescript package is not installed/);
    });

    it('lints files outside every tsconfig without types in --types mode', () => {
      const dir = makeTempDir();
      fs.mkdirSync(path.join(dir, 'deep', 'er'), { recursive: true });
      fs.writeFileSync(path.join(dir, 'deep', 'er', 'blocking.ts'), BLOCKING_JS);
      const { run, results } = runJson(['--types', '.'], { cwd: dir });
      assert.equal(run.status, 1, run.stderr);
      assert.deepEqual(ruleIds(results[0]), ['async-pitfalls/no-blocking-in-async']);
      assert.equal(run.stderr, 'async-pitfalls: linted without type information, in no tsconfig (1):\n  deep/er/blocking.ts\n');
    });
  });

  describe("in users' setups", () => {
    /** A file with findings that --fix changes. */
    const FIXABLE_JS = fs.readFileSync(path.join(EXAMPLES_DIR, '03-blocking-the-event-loop.js'), 'utf8');
    const relativeFiles = (results: ESLint.LintResult[], dir: string): string[] =>
      results.map(result => path.relative(dir, result.filePath).split(path.sep).join('/')).sort();
    const write = (file: string, text: string | Buffer): void => {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, text);
    };

    it('lints paths outside the current folder, and --fix writes only the files it was given', () => {
      const root = makeTempDir();
      write(path.join(root, 'a', 'own.js'), 'export const ok = 1;\n');
      write(path.join(root, 'b', 'x.mjs'), FIXABLE_JS);
      write(path.join(root, 'c', 'y.js'), FIXABLE_JS);
      const sibling = runJson(['../b'], { cwd: path.join(root, 'a') });
      assert.equal(sibling.run.status, 1, sibling.run.stderr);
      assert.deepEqual(relativeFiles(sibling.results, root), ['b/x.mjs']);
      assert.deepEqual(new Set(ruleIds(sibling.results[0])), new Set(['async-pitfalls/no-blocking-in-async']));

      const mixed = runJson(['../b/x.mjs', '.'], { cwd: path.join(root, 'a') });
      assert.deepEqual(relativeFiles(mixed.results, root), ['a/own.js', 'b/x.mjs']);
      const fixed = runCli(['--fix', '../b/x.mjs', '.'], { cwd: path.join(root, 'a') });
      assert.equal(fixed.stderr, '');
      assert.ok(fs.readFileSync(path.join(root, 'b', 'x.mjs'), 'utf8').includes("= await readFile(`templates/${name}.html`, 'utf8');"));
      assert.equal(fs.readFileSync(path.join(root, 'c', 'y.js'), 'utf8'), FIXABLE_JS);
      // An absolute path anywhere on disk works the same.
      assert.deepEqual(relativeFiles(runJson([path.join(root, 'c')], { cwd: REPOSITORY_ROOT }).results, root), ['c/y.js']);
    });

    it('parses JavaScript in the module format Node gives it: package.json type, .cjs, .mjs, and module syntax detected', () => {
      const dir = makeTempDir();
      const commonJs = `const fs = require('node:fs');
const mode = 0o644 === 0644 ? 'legacy octal' : 'none';
async function load(name) {
  return fs.readFileSync(name, mode);
}
module.exports = load;
`;
      write(path.join(dir, 'cjs', 'package.json'), JSON.stringify({ name: 'cjs', type: 'commonjs' }));
      write(path.join(dir, 'cjs', 'legacy.js'), commonJs);
      write(path.join(dir, 'cjs', 'bundled.js'), BLOCKING_JS);
      write(path.join(dir, 'cjs', 'meta.mjs'), `${BLOCKING_JS}export const here = import.meta.url;\n`);
      write(path.join(dir, 'untyped', 'package.json'), JSON.stringify({ name: 'untyped' }));
      write(path.join(dir, 'untyped', 'legacy.js'), commonJs);
      write(path.join(dir, 'untyped', 'top-level-await.js'), `const { readFileSync } = await import('node:fs');\nexport async function load() {\n  return readFileSync('x');\n}\n`);
      write(path.join(dir, 'esm', 'package.json'), JSON.stringify({ name: 'esm', type: 'module' }));
      write(path.join(dir, 'esm', 'legacy.cjs'), commonJs);
      write(path.join(dir, 'esm', 'module.js'), BLOCKING_JS);
      const { run, results } = runJson(['.'], { cwd: dir });
      assert.equal(run.status, 1, run.stderr);
      assert.equal(run.stderr, '');
      assert.deepEqual(
        results.map(result => [path.relative(dir, result.filePath).split(path.sep).join('/'), ruleIds(result)]).sort(),
        [
          ['cjs/bundled.js', ['async-pitfalls/no-blocking-in-async']],
          ['cjs/legacy.js', ['async-pitfalls/no-blocking-in-async']],
          ['cjs/meta.mjs', ['async-pitfalls/no-blocking-in-async']],
          ['esm/legacy.cjs', ['async-pitfalls/no-blocking-in-async']],
          ['esm/module.js', ['async-pitfalls/no-blocking-in-async']],
          ['untyped/legacy.js', ['async-pitfalls/no-blocking-in-async']],
          ['untyped/top-level-await.js', ['async-pitfalls/no-blocking-in-async']],
        ],
      );
      // Still a module where the extension says so: a legacy octal there is a parse error.
      write(path.join(dir, 'cjs', 'strict.mjs'), 'export const mode = 0644;\n');
      const strict = runJson([path.join(dir, 'cjs', 'strict.mjs')]);
      assert.equal(strict.results[0]?.messages[0]?.fatal, true);
    });

    it(".gitignore is honoured (the folder's, nested ones and the repository's), --ignore-pattern adds to it, a named folder is linted", () => {
      const repo = makeTempDir();
      fs.mkdirSync(path.join(repo, '.git'));
      write(path.join(repo, '.gitignore'), 'build/\n*.generated.js\n');
      write(path.join(repo, 'src', 'app.js'), BLOCKING_JS);
      write(path.join(repo, 'src', 'api.generated.js'), BLOCKING_JS);
      write(path.join(repo, 'src', 'local', '.gitignore'), 'secret.js\n!keep.generated.js\n');
      write(path.join(repo, 'src', 'local', 'secret.js'), BLOCKING_JS);
      write(path.join(repo, 'src', 'local', 'keep.generated.js'), BLOCKING_JS);
      write(path.join(repo, 'build', 'out.js'), BLOCKING_JS);
      write(path.join(repo, '.next', 'server.js'), BLOCKING_JS);
      assert.deepEqual(relativeFiles(runJson([], { cwd: repo }).results, repo), ['.next/server.js', 'src/app.js', 'src/local/keep.generated.js']);
      assert.deepEqual(relativeFiles(runJson(['--ignore-pattern', '.next/', '--ignore-pattern', '**/keep.*'], { cwd: repo }).results, repo), [
        'src/app.js',
      ]);
      // From a subfolder, the repository's .gitignore still counts.
      assert.deepEqual(relativeFiles(runJson(['.'], { cwd: path.join(repo, 'src') }).results, repo), ['src/app.js', 'src/local/keep.generated.js']);
      assert.deepEqual(relativeFiles(runJson(['build'], { cwd: repo }).results, repo), ['build/out.js']);
    });

    it('--types finds ../tsconfig.json from a subfolder and lists the files no tsconfig includes, one per line', () => {
      const dir = makeTempDir();
      write(path.join(dir, 'package.json'), JSON.stringify({ type: 'module' }));
      write(
        path.join(dir, 'tsconfig.json'),
        JSON.stringify({ compilerOptions: { strict: true, target: 'es2022', module: 'nodenext', types: [], noEmit: true }, include: ['src/**/*.ts'] }),
      );
      write(path.join(dir, 'src', 'store.ts'), 'class Store {\n  save() {\n    return Promise.resolve();\n  }\n}\nexport const store = new Store();\n');
      // Only the type checker knows that `save` returns a promise: it infers it from the body.
      const run = "import { store } from '../store.js';\n\nexport function run(): void {\n  store.save();\n}\n";
      write(path.join(dir, 'src', 'sub', 'run.ts'), run);
      write(path.join(dir, 'src', 'sub', 'plain.js'), run.replace('run(): void', 'run()'));
      write(path.join(dir, 'src', 'sub', 'other.js'), 'export const other = 1;\n');
      const cwd = path.join(dir, 'src', 'sub');
      assert.deepEqual(ruleIds(resultFor(runJson(['.'], { cwd }).results, 'run.ts')), []);
      const typed = runJson(['--types', '.'], { cwd });
      assert.equal(typed.run.status, 1, typed.run.stderr);
      assert.deepEqual(ruleIds(resultFor(typed.results, 'run.ts')), ['async-pitfalls/no-missing-await']);
      assert.equal(typed.run.stderr, 'async-pitfalls: linted without type information, in no tsconfig (2):\n  other.js\n  plain.js\n');
    });

    it('shows its progress on a terminal, never on stdout, and nothing when stderr is not a terminal', () => {
      const dir = makeTempDir();
      for (let index = 0; index < 30; index += 1) write(path.join(dir, `file${index}.js`), BLOCKING_JS);
      const out: string[] = [];
      const err: string[] = [];
      // In this process, as the bin runs it, with stderr said to be a terminal.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { main } = require('../eslint-plugin/dist/cli.js') as typeof import('../eslint-plugin/src/cli');
      const output = { out: (text: string) => out.push(text), err: (text: string) => err.push(text), errIsTerminal: true, progressDelayMs: 0 };
      return main(['--format', 'json', dir], output).then(code => {
        assert.equal(code, 1);
        assert.equal((JSON.parse(out.join('')) as ESLint.LintResult[]).length, 30);
        assert.deepEqual(err, ['\r\u001b[2Kasync-pitfalls: linted 25 of 30 files…', '\r\u001b[2K']);
        const piped = runCli(['--format', 'json', dir]);
        assert.equal(piped.stderr, '');
      });
    });

    it('--format sarif: one result per finding with its rule (documentation as helpUri), parse errors as notifications', () => {
      const dir = makeTempDir();
      write(path.join(dir, 'package.json'), JSON.stringify({ type: 'module' }));
      write(path.join(dir, 'src', 'blocking file.js'), BLOCKING_JS);
      write(path.join(dir, 'src', 'swallow.js'), 'export async function f(p) {\n  try {\n    await p;\n  } catch {}\n}\n');
      write(path.join(dir, 'broken.js'), 'export async function f( {\n');
      const outside = makeTempDir();
      write(path.join(outside, 'far.mjs'), BLOCKING_JS);
      const args = ['--config', 'strict', '.', path.join(outside, 'far.mjs')];
      const { results } = runJson(args, { cwd: dir });
      const run = runCli(['--format', 'sarif', ...args], { cwd: dir });
      assert.equal(run.status, 1, run.stderr);
      const log = JSON.parse(run.stdout) as {
        version: string;
        $schema: string;
        runs: {
          tool: { driver: { name: string; rules: { id: string; helpUri: string; shortDescription: { text: string } }[] } };
          originalUriBaseIds: Record<string, { uri: string }>;
          results: {
            ruleId: string;
            ruleIndex: number;
            level: string;
            message: { text: string };
            locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region: { startLine: number; startColumn: number } } }[];
          }[];
          invocations: { toolExecutionNotifications: { level: string; message: { text: string }; locations: unknown[] }[] }[];
        }[];
      };
      assert.equal(log.version, '2.1.0');
      assert.match(log.$schema, /sarif-2\.1\.0/);
      const [sarifRun] = log.runs;
      assert.ok(sarifRun);
      assert.equal(sarifRun.tool.driver.name, 'async-pitfalls');
      assert.equal(sarifRun.originalUriBaseIds['%SRCROOT%']?.uri, `${pathToFileURL(fs.realpathSync(dir)).href}/`);
      const expected = results.flatMap(result =>
        result.messages
          .filter(message => message.ruleId !== null)
          .map(message => {
            const relative = path.relative(fs.realpathSync(dir), result.filePath);
            const uri = relative.startsWith('..') ? pathToFileURL(result.filePath).href : relative.split(path.sep).map(encodeURIComponent).join('/');
            return [message.ruleId, message.severity === 2 ? 'error' : 'warning', message.message, uri, message.line, message.column];
          }),
      );
      assert.deepEqual(
        sarifRun.results.map(result => {
          const location = result.locations[0]!.physicalLocation;
          return [result.ruleId, result.level, result.message.text, location.artifactLocation.uri, location.region.startLine, location.region.startColumn];
        }),
        expected,
      );
      assert.ok(expected.some(([, level]) => level === 'warning') && expected.some(([, level]) => level === 'error'));
      assert.ok(expected.some(([, , , uri]) => String(uri).startsWith('file://')), 'a file outside the folder has an absolute URI');
      assert.ok(expected.some(([, , , uri]) => uri === 'src/blocking%20file.js'));
      for (const result of sarifRun.results) {
        const rule: { id: string; helpUri: string; shortDescription: { text: string } } | undefined = sarifRun.tool.driver.rules[result.ruleIndex];
        assert.ok(rule);
        assert.equal(rule.id, result.ruleId);
        const name = result.ruleId.replace('async-pitfalls/', '');
        assert.equal(rule.helpUri, `https://github.com/async-pitfalls/async-pitfalls/blob/main/docs/rules/${name}.md`);
        assert.ok(rule.shortDescription.text.length > 0);
      }
      assert.equal(new Set(sarifRun.tool.driver.rules.map(rule => rule.id)).size, sarifRun.tool.driver.rules.length);
      const notifications = sarifRun.invocations[0]?.toolExecutionNotifications ?? [];
      assert.equal(notifications.length, 1);
      assert.match(notifications[0]?.message.text ?? '', /^Parsing error: /);
    });
  });

  describe('--fix', () => {
    it('changes exactly what the autofixes of the findings touch', () => {
      const dir = makeTempDir();
      fs.cpSync(EXAMPLES_DIR, dir, { recursive: true });
      const { results } = runJson(['--config', 'all', dir]);
      const fixable = results.filter(result => result.messages.some(message => message.fix));
      assert.ok(fixable.length > 0, 'the examples have no autofix to check');
      const expected = new Map<string, string>();
      for (const result of results) {
        const source = fs.readFileSync(result.filePath, 'utf8');
        const fixes = result.messages.flatMap(message => (message.fix ? [message.fix] : [])).sort((a, b) => b.range[0] - a.range[0]);
        let text = source;
        for (const fix of fixes) text = text.slice(0, fix.range[0]) + fix.text + text.slice(fix.range[1]);
        expected.set(result.filePath, text);
      }
      const run = runCli(['--fix', '--config', 'all', dir]);
      assert.notEqual(run.status, 2, run.stderr);
      for (const [file, text] of expected) assert.equal(fs.readFileSync(file, 'utf8'), text, path.basename(file));
      const after = runJson(['--config', 'all', dir]).results;
      assert.ok(after.every(result => result.messages.every(message => !message.fix)), 'a fixable finding is left after --fix');
    });
  });
});
