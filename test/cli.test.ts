import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

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
