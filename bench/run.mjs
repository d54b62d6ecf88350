#!/usr/bin/env node
// Benchmark: lints a pinned large real code base (the `mongodb` driver's TypeScript sources, from
// the npm registry) several times in one process, with the parser alone (the floor), with each
// rule of the plugin, with the plugin's configs and with the peer rules it competes with, and
// prints medians and each median's ratio to its floor. Then the two hosts as a user runs them:
// the command line (ESLint) and oxlint (pinned, from the registry) with `configs.recommended`,
// each a process of its own, and their ratio. Between the two, ESLint's own stats for
// `configs.recommended` without types: each rule's share of the parse time, and the rules' cost
// per file with the cache of modules read from disk cold and warm. Not a test: nothing here fails
// on time.
//
//   npm run bench                 every configuration, 5 rounds
//   npm run bench -- --rounds 9   more rounds
//   npm run bench -- --no-types   skip the type-aware part (it builds a TypeScript program)
//   npm run bench -- --only no-missing-await,n/no-sync
//   npm run bench -- --no-hosts   skip the command line / oxlint comparison
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const require = createRequire(import.meta.url);
const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const workDir = join(repoRoot, 'bench', '.work');

export const CODE_BASE = { name: 'mongodb', version: '7.9.0', sources: 'src' };
/** The oxlint release compared with (the one test/oxlint.test.ts checks). */
const OXLINT_VERSION = '1.94.0';

const { values: args } = parseArgs({
  options: {
    rounds: { type: 'string', default: '5' },
    types: { type: 'boolean', default: true },
    'no-types': { type: 'boolean', default: false },
    'no-hosts': { type: 'boolean', default: false },
    only: { type: 'string' },
  },
});
const rounds = Number.parseInt(args.rounds, 10);
if (!Number.isInteger(rounds) || rounds < 1) {
  console.error(`--rounds takes a whole number above 0, not '${args.rounds}'`);
  process.exit(2);
}
const withTypes = args.types && !args['no-types'];
const only = args.only ? new Set(args.only.split(',')) : undefined;

/** Installs the pinned code base (with its dependencies, for type information) and oxlint once. */
function installCodeBase() {
  const projectDir = join(workDir, CODE_BASE.name);
  const marker = join(projectDir, '.installed');
  const installed = `${CODE_BASE.version} oxlint@${OXLINT_VERSION}`;
  if (existsSync(marker) && readFileSync(marker, 'utf8') === installed) return projectDir;
  mkdirSync(workDir, { recursive: true });
  writeFileSync(join(workDir, 'package.json'), JSON.stringify({ name: 'bench-work', private: true }));
  console.log(`Installing ${CODE_BASE.name}@${CODE_BASE.version} and oxlint@${OXLINT_VERSION} from the npm registry…`);
  // One command: a later `--no-save` install would prune the other package.
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--no-save', `${CODE_BASE.name}@${CODE_BASE.version}`, `oxlint@${OXLINT_VERSION}`], {
    cwd: workDir,
    stdio: 'inherit',
  });
  const packageDir = join(workDir, 'node_modules', CODE_BASE.name);
  // Outside node_modules, so that the project service treats it as a project of its own.
  cpSync(join(packageDir, CODE_BASE.sources), join(projectDir, CODE_BASE.sources), { recursive: true });
  cpSync(join(packageDir, 'tsconfig.json'), join(projectDir, 'tsconfig.json'));
  writeFileSync(marker, installed);
  return projectDir;
}

function listSourceFiles(dir) {
  const files = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...listSourceFiles(path));
    else if (/\.(ts|mts|cts|js|mjs|cjs)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) files.push(path);
  }
  return files.sort();
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

const projectDir = installCodeBase();
const files = listSourceFiles(join(projectDir, CODE_BASE.sources)).map(path => ({
  path,
  text: readFileSync(path, 'utf8'),
}));
const lineCount = files.reduce((sum, file) => sum + file.text.split('\n').length, 0);

const { Linter } = require('eslint');
const parser = require('@typescript-eslint/parser');
const tseslint = require('typescript-eslint');
const nodePlugin = require('eslint-plugin-n');
const plugin = require(join(repoRoot, 'eslint-plugin'));

const NAMESPACE = 'async-pitfalls';

function baseConfig(parserOptions, plugins, rules) {
  return [
    {
      files: ['**/*.ts', '**/*.mts', '**/*.cts', '**/*.js', '**/*.mjs', '**/*.cjs'],
      plugins,
      languageOptions: { parser, parserOptions: { ecmaVersion: 'latest', sourceType: 'module', ...parserOptions } },
      linterOptions: { reportUnusedDisableDirectives: 'off' },
      rules,
    },
  ];
}

const plugins = {
  [NAMESPACE]: plugin,
  n: nodePlugin,
  '@typescript-eslint': tseslint.plugin,
};

/** Each measured configuration: a name, its group (which floor it is compared with) and its rules. */
function buildScenarios() {
  const scenarios = [];
  const add = (group, name, rules) => {
    if (only && !only.has(name) && !name.startsWith('parse')) return;
    scenarios.push({ group, name, rules });
  };
  add('syntax', 'parse only (floor)', {});
  for (const rule of Object.keys(plugin.rules)) add('syntax', rule, { [`${NAMESPACE}/${rule}`]: 'error' });
  for (const config of ['recommended', 'strict', 'all']) add('syntax', `configs.${config}`, plugin.configs[config].rules);
  add('syntax', 'n/no-sync', { 'n/no-sync': 'error' });
  if (withTypes) {
    add('types', 'parse with types (floor)', {});
    for (const rule of Object.keys(plugin.rules)) {
      if (!plugin.rules[rule].meta.docs?.usesTypeInformation) continue;
      add('types', `${rule} (types)`, { [`${NAMESPACE}/${rule}`]: 'error' });
    }
    add('types', 'configs.recommended (types)', plugin.configs.recommended.rules);
    add('types', '@typescript-eslint/no-floating-promises', { '@typescript-eslint/no-floating-promises': 'error' });
    add('types', '@typescript-eslint/no-misused-promises', { '@typescript-eslint/no-misused-promises': 'error' });
  }
  return scenarios;
}

const parserOptionsByGroup = {
  syntax: {},
  types: { projectService: true, tsconfigRootDir: projectDir },
};

function lintAll(linter, config) {
  let problems = 0;
  for (const file of files) {
    const messages = linter.verify(file.text, config, file.path);
    for (const message of messages) {
      if (message.fatal) throw new Error(`${relative(repoRoot, file.path)}: ${message.message}`);
      problems += 1;
    }
  }
  return problems;
}

const scenarios = buildScenarios();
const linter = new Linter({ cwd: projectDir });
for (const scenario of scenarios) {
  scenario.config = baseConfig(parserOptionsByGroup[scenario.group], plugins, scenario.rules);
  // CPU time of this process is the measure (the machine may be busy with other work); wall
  // time is shown beside it.
  scenario.times = [];
  scenario.wallTimes = [];
}

console.log(
  `${CODE_BASE.name}@${CODE_BASE.version} ${CODE_BASE.sources}/: ${files.length} files, ${lineCount} lines; ` +
    `${rounds} rounds${withTypes ? '' : ' (no type-aware part)'}; Node ${process.version}`,
);
// A warm-up round: JIT, module loading and (type-aware) the TypeScript program are not measured.
for (const scenario of scenarios) scenario.problems = lintAll(linter, scenario.config);
for (let round = 0; round < rounds; round += 1) {
  // Interleaved, so that drift of the machine affects every scenario alike.
  for (const scenario of scenarios) {
    // Each scenario starts with a clean heap, so that no scenario pays for another's garbage.
    globalThis.gc?.();
    const wallStart = performance.now();
    const cpuStart = process.cpuUsage();
    lintAll(linter, scenario.config);
    const cpu = process.cpuUsage(cpuStart);
    scenario.wallTimes.push(performance.now() - wallStart);
    scenario.times.push((cpu.user + cpu.system) / 1000);
  }
}

const floors = {};
const floorScenarios = {};
for (const scenario of scenarios) {
  if (scenario.name.startsWith('parse')) {
    floors[scenario.group] = median(scenario.times);
    floorScenarios[scenario.group] = scenario;
  }
}
const rows = scenarios.map(scenario => {
  const time = median(scenario.times);
  const floor = floors[scenario.group];
  // Each round's time over the same round's floor, then the median: the machine's drift between
  // rounds cancels out, which the ratio of the two medians does not (on a busy machine a superset
  // of rules could come out cheaper than its subset that way).
  const roundFloors = floorScenarios[scenario.group].times;
  const paired = median(scenario.times.map((roundTime, round) => roundTime / roundFloors[round]));
  return {
    scenario: scenario.name,
    'median CPU ms': time.toFixed(0),
    'median wall ms': median(scenario.wallTimes).toFixed(0),
    'ratio to floor': (time / floor).toFixed(3),
    'paired ratio': paired.toFixed(3),
    'over floor': `${(((time - floor) / floor) * 100).toFixed(1)}%`,
    reports: scenario.problems,
  };
});
console.table(rows);

/**
 * ESLint's own stats for `configs.recommended` without types, summed over the files: the parse
 * time and each rule's time (its listeners, the declaration index they query included). First
 * with the process cache of modules read from disk emptied (`forgetFiles()`: cold, as the first
 * lint of a workspace), then again with it filled (warm, as every later lint). The difference per
 * file is what reading the imported modules costs once.
 */
function recommendedStats() {
  const config = baseConfig({}, plugins, plugin.configs.recommended.rules);
  const pass = () => {
    let parse = 0;
    const ruleTimes = {};
    for (const file of files) {
      linter.verifyAndFix(file.text, config, { filename: file.path, stats: true, fix: false });
      const times = linter.getTimes().passes[0] ?? {};
      parse += times.parse?.total ?? 0;
      for (const [rule, time] of Object.entries(times.rules ?? {})) ruleTimes[rule] = (ruleTimes[rule] ?? 0) + time.total;
    }
    const rulesTotal = Object.values(ruleTimes).reduce((sum, time) => sum + time, 0);
    return { parse, rulesTotal, ruleTimes };
  };
  const cold = [];
  const warm = [];
  for (let round = 0; round < rounds; round += 1) {
    plugin.forgetFiles();
    globalThis.gc?.();
    cold.push(pass());
    globalThis.gc?.();
    warm.push(pass());
  }
  const perFile = time => `${(time / files.length).toFixed(2)} ms`;
  const warmRules = median(warm.map(run => run.rulesTotal));
  const coldRules = median(cold.map(run => run.rulesTotal));
  const parse = median(warm.map(run => run.parse));
  console.log(`configs.recommended without types, ESLint's stats (median of ${rounds}; ${files.length} files):`);
  console.table(
    Object.fromEntries([
      ['parse', { 'warm ms': parse.toFixed(0), 'share of parse': '100.0%', 'warm per file': perFile(parse) }],
      ...Object.keys(warm[0].ruleTimes).map(rule => {
        const time = median(warm.map(run => run.ruleTimes[rule] ?? 0));
        return [rule.replace(`${NAMESPACE}/`, ''), { 'warm ms': time.toFixed(0), 'share of parse': `${((time / parse) * 100).toFixed(1)}%`, 'warm per file': perFile(time) }];
      }),
      ['rules, in all', { 'warm ms': warmRules.toFixed(0), 'share of parse': `${((warmRules / parse) * 100).toFixed(1)}%`, 'warm per file': perFile(warmRules) }],
    ]),
  );
  console.log(
    `Rules with the module cache cold: ${perFile(coldRules)} per file; warm: ${perFile(warmRules)} per file; ` +
      `reading imported modules once costs ${perFile(coldRules - warmRules)} per file.`,
  );
}

if (!only || only.has('configs.recommended')) recommendedStats();

/**
 * The hosts as a user runs them, each a process of its own on the same files with
 * `configs.recommended` and no type information: the command line (ESLint) and oxlint (which
 * runs the plugin as a JavaScript plugin). Wall time, since oxlint lints on several threads.
 */
function benchmarkHosts() {
  const oxlintConfig = join(workDir, '.oxlintrc.json');
  writeFileSync(
    oxlintConfig,
    JSON.stringify({
      jsPlugins: [join(repoRoot, 'eslint-plugin', 'dist', 'index.js')],
      categories: { correctness: 'off' },
      rules: plugin.configs.recommended.rules,
    }),
  );
  const sources = join(projectDir, CODE_BASE.sources);
  const hosts = [
    {
      name: 'async-pitfalls (ESLint)',
      command: [join(repoRoot, 'eslint-plugin', 'bin', 'async-pitfalls.js'), '--format', 'json', sources],
      count: output => JSON.parse(output).reduce((sum, result) => sum + result.messages.length, 0),
    },
    {
      name: `oxlint ${OXLINT_VERSION}`,
      // Each file named: the code base lies in this repository's ignored bench/.work, whose
      // folders oxlint would skip.
      command: [join(workDir, 'node_modules', 'oxlint', 'bin', 'oxlint'), '-c', oxlintConfig, '--format', 'json', ...files.map(file => file.path)],
      count: output => JSON.parse(output).diagnostics.length,
    },
  ];
  for (const host of hosts) host.times = [];
  for (let round = 0; round < rounds; round += 1) {
    for (const host of hosts) {
      const start = performance.now();
      // Findings exit 1: only a missing output is a failure.
      const run = spawnSync(process.execPath, host.command, { cwd: projectDir, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
      host.times.push(performance.now() - start);
      if (run.status !== 0 && run.status !== 1) throw new Error(`${host.name}: exit ${run.status}\n${run.stderr}`);
      host.reports = host.count(run.stdout);
    }
  }
  const baseline = median(hosts[0].times);
  console.log('Hosts, configs.recommended without types, one process each (wall time):');
  console.table(
    hosts.map(host => ({
      host: host.name,
      'median wall ms': median(host.times).toFixed(0),
      'ratio to the command line': (median(host.times) / baseline).toFixed(3),
      reports: host.reports,
    })),
  );
}

if (!args['no-hosts']) benchmarkHosts();
