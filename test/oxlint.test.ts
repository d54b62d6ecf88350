import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import type { ESLint } from 'eslint';
import { Linter } from 'eslint';

import { CLI_BIN, REPOSITORY_ROOT } from './examples-sections';

// oxlint runs ESLint-compatible JavaScript plugins (no type information). The registry's oxlint,
// installed into a temporary folder, runs every rule of the plugin on examples/ and the test
// fixtures; its findings must be exactly those of ESLint (through the command line, without types).

const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
/** The oxlint release this is checked against (its JavaScript plugin support is young: pinned). */
export const OXLINT_VERSION = '1.94.0';
const LINTED = ['examples', path.join('test', 'fixtures', 'modules'), path.join('test', 'fixtures', 'typed')];
const PLUGIN_ENTRY = path.join(REPOSITORY_ROOT, 'eslint-plugin', 'dist', 'index.js');

interface RuleCase {
  rule: string;
  code: string;
  filename?: string;
  options: unknown[];
  languageOptions?: unknown;
}

interface OxlintDiagnostic {
  filename: string;
  code: string;
  labels: { span: { line: number; column: number } }[];
}

/** `file:line:column rule`, sorted: what both linters report, in one shape. */
function findingsOfOxlint(output: string): string[] {
  const { diagnostics } = JSON.parse(output) as { diagnostics: OxlintDiagnostic[] };
  return diagnostics
    .map(diagnostic => {
      const span = diagnostic.labels[0]?.span;
      const rule = /^async-pitfalls\((.+)\)$/.exec(diagnostic.code)?.[1] ?? diagnostic.code;
      return `${path.normalize(diagnostic.filename)}:${span?.line}:${span?.column} async-pitfalls/${rule}`;
    })
    .sort();
}

function findingsOfESLint(results: ESLint.LintResult[]): string[] {
  return results
    .flatMap(result => result.messages.map(message => `${path.relative(REPOSITORY_ROOT, result.filePath)}:${message.line}:${message.column} ${message.ruleId}`))
    .sort();
}

describe('oxlint as a host', function () {
  this.timeout(600_000);

  let workDir: string;
  let oxlintBin: string;
  let configPath: string;

  before(() => {
    fs.mkdirSync(path.join(REPOSITORY_ROOT, '.tmp'), { recursive: true });
    workDir = fs.mkdtempSync(path.join(REPOSITORY_ROOT, '.tmp', 'oxlint-'));
    fs.writeFileSync(path.join(workDir, 'package.json'), JSON.stringify({ name: 'oxlint-host', private: true }));
    execFileSync(NPM, ['install', '--no-audit', '--no-fund', `oxlint@${OXLINT_VERSION}`], { cwd: workDir, stdio: 'pipe' });
    oxlintBin = path.join(workDir, 'node_modules', 'oxlint', 'bin', 'oxlint');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const plugin = require('../eslint-plugin/dist/index.js') as { configs: { all: { rules: Record<string, string> } } };
    configPath = path.join(workDir, '.oxlintrc.json');
    fs.writeFileSync(
      configPath,
      JSON.stringify({
        jsPlugins: [PLUGIN_ENTRY],
        // Only the plugin's rules: oxlint's own would add findings ESLint is not asked for.
        categories: { correctness: 'off' },
        rules: plugin.configs.all.rules,
      }),
    );
  });

  after(() => {
    fs.rmSync(workDir, { recursive: true, force: true });
  });

  it('reports exactly what ESLint reports on examples/ and the test fixtures, with every rule', () => {
    const oxlint = spawnSync(oxlintBin, ['-c', configPath, '-f', 'json', ...LINTED], { cwd: REPOSITORY_ROOT, encoding: 'utf8' });
    assert.equal(oxlint.status, 1, oxlint.stderr);
    assert.match(execFileSync(oxlintBin, ['--version'], { encoding: 'utf8' }), new RegExp(`${OXLINT_VERSION.replace(/\./g, '\\.')}`));
    const eslint = spawnSync(process.execPath, [CLI_BIN, '--config', 'all', '--format', 'json', ...LINTED], { cwd: REPOSITORY_ROOT, encoding: 'utf8' });
    assert.equal(eslint.status, 1, eslint.stderr);
    const byESLint = findingsOfESLint(JSON.parse(eslint.stdout) as ESLint.LintResult[]);
    const byOxlint = findingsOfOxlint(oxlint.stdout);
    assert.deepEqual(byOxlint, byESLint);
    // The floating promises of calls to a local async function, which oxlint once missed.
    for (const finding of ['examples/01-missing-await.ts:25:3', 'examples/02-fire-and-forget.mjs:16:3', 'examples/12-async-iterators-and-queues.mjs:47:3']) {
      assert.ok(byOxlint.includes(`${path.normalize(finding)} async-pitfalls/no-missing-await`), finding);
    }
    assert.ok(new Set(byOxlint.map(finding => finding.split(' ')[1])).size >= 8, 'every rule reports somewhere');
  });

  it("reports exactly what ESLint reports on every rule test case's code, rule by rule with its options", () => {
    // The cases' code, collected by a dry run of the rule tests (test/fixtures/oxlint/collect-rule-cases.cjs).
    const casesFile = path.join(workDir, 'cases.json');
    const collect = spawnSync(
      process.execPath,
      [
        path.join(REPOSITORY_ROOT, 'node_modules', 'mocha', 'bin', 'mocha.js'),
        '--no-config',
        '--node-option',
        'import=tsx',
        '--require',
        path.join(__dirname, 'fixtures', 'oxlint', 'collect-rule-cases.cjs'),
        '--dry-run',
        'test/rules/*.test.ts',
      ],
      { cwd: REPOSITORY_ROOT, encoding: 'utf8', env: { ...process.env, RULE_CASES_OUT: casesFile } },
    );
    assert.equal(collect.status, 0, collect.stderr);
    // Without type information (oxlint has none); a case placed by an absolute path or with its own
    // parser settings depends on files or options a copy would not have.
    const cases = (JSON.parse(fs.readFileSync(casesFile, 'utf8')) as RuleCase[]).filter(
      item => !(item.filename !== undefined && path.isAbsolute(item.filename)) && item.languageOptions === undefined,
    );
    assert.ok(cases.length > 400, `only ${cases.length} cases`);

    // Outside the repository (whose .gitignore would hide .tmp from oxlint), one folder per rule and options.
    const casesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'async-pitfalls-oxlint-cases-'));
    try {
      const groups = new Map<string, { ruleId: string; options: unknown[]; dir: string; files: { file: string; code: string }[] }>();
      cases.forEach((item, index) => {
        const key = `${item.rule}${JSON.stringify(item.options)}`;
        let group = groups.get(key);
        if (!group) {
          group = { ruleId: `async-pitfalls/${item.rule}`, options: item.options, dir: path.join(casesDir, `group-${groups.size}`), files: [] };
          groups.set(key, group);
        }
        // The rule tester's own default name: its parser options enable JSX.
        const file = path.join(group.dir, `case-${index}`, item.filename ?? 'react.tsx');
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.writeFileSync(file, item.code);
        group.files.push({ file, code: item.code });
      });
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const plugin = require(PLUGIN_ENTRY) as NonNullable<Linter.Config['plugins']>[string];
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const parser = require('@typescript-eslint/parser') as Linter.Parser;
      const linter = new Linter({ cwd: casesDir });
      const differences: string[] = [];
      for (const group of groups.values()) {
        const rules = { [group.ruleId]: ['error', ...group.options] as Linter.RuleEntry };
        const config: Linter.Config[] = [
          {
            files: ['**/*.{js,jsx,mjs,cjs,ts,tsx,mts,cts}'],
            plugins: { 'async-pitfalls': plugin },
            languageOptions: { parser, parserOptions: { ecmaVersion: 'latest', sourceType: 'module', ecmaFeatures: { jsx: true } } },
            rules,
          },
        ];
        const groupConfig = path.join(group.dir, '.oxlintrc.json');
        fs.writeFileSync(groupConfig, JSON.stringify({ jsPlugins: [PLUGIN_ENTRY], categories: { correctness: 'off' }, rules }));
        // From the cases' folder, as the Linter above: code placed by a relative path (`test/x.js`) is where the rules see it.
        const oxlint = spawnSync(oxlintBin, ['-c', groupConfig, '-f', 'json', group.dir], { cwd: casesDir, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
        const { diagnostics } = JSON.parse(oxlint.stdout) as { diagnostics: OxlintDiagnostic[] };
        for (const { file, code } of group.files) {
          const byESLint = linter.verify(code, config, file).map(message => (message.ruleId ? `${message.line}:${message.column}` : message.message));
          const byOxlint = diagnostics
            .filter(diagnostic => path.resolve(group.dir, diagnostic.filename) === file || path.resolve(casesDir, diagnostic.filename) === file)
            .map(diagnostic => `${diagnostic.labels[0]?.span.line}:${diagnostic.labels[0]?.span.column}`);
          if (JSON.stringify(byESLint.sort()) !== JSON.stringify(byOxlint.sort())) {
            differences.push(`${group.ruleId} ${JSON.stringify(group.options)}: ESLint ${JSON.stringify(byESLint)}, oxlint ${JSON.stringify(byOxlint)}\n${code}`);
          }
        }
      }
      assert.deepEqual(differences, []);
    } finally {
      fs.rmSync(casesDir, { recursive: true, force: true });
    }
  });
});
