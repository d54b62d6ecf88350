import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

import type { ESLint } from 'eslint';

import { CLI_BIN, REPOSITORY_ROOT } from './examples-sections';

// oxlint runs ESLint-compatible JavaScript plugins (no type information). The registry's oxlint,
// installed into a temporary folder, runs every rule of the plugin on examples/ and the test
// fixtures; its findings must be exactly those of ESLint (through the command line, without types).

const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
/** The oxlint release this is checked against (its JavaScript plugin support is young: pinned). */
export const OXLINT_VERSION = '1.94.0';
const LINTED = ['examples', path.join('test', 'fixtures', 'modules'), path.join('test', 'fixtures', 'typed')];

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
        jsPlugins: [path.join(REPOSITORY_ROOT, 'eslint-plugin', 'dist', 'index.js')],
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
});
