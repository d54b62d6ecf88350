#!/usr/bin/env node
// Scaling benchmark: lints generated files of each shape in `scaling/shapes.mjs` at several sizes,
// every rule alone, and prints each rule's time (ESLint's rule stats: the rule's own listeners,
// not parsing) and the ratio of its time at 20k lines to its time at 5k lines. Linear code gives
// a ratio near 4; a rule that grows with the square of the file gives 16. Then it lints the
// largest files with every rule at once (parsing included). Not a test: nothing here fails.
//
//   npm run bench:scaling                      every shape, every rule, 3 rounds
//   npm run bench:scaling -- --rounds 5
//   npm run bench:scaling -- --only prefer-promise-all --shape 'independent awaits'
//
// Runs in a worker thread with a large stack: the parser and ESLint's traversal recurse once per
// level of nesting, and the deep shape nests thousands of functions.
import { Console } from 'node:console';
import { writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { Worker, isMainThread, workerData } from 'node:worker_threads';

const STACK_MB = 1024;

const options = {
  rounds: { type: 'string', default: '3' },
  only: { type: 'string' },
  shape: { type: 'string', multiple: true },
  sizes: { type: 'string', default: '2500,5000,10000,20000' },
};

if (isMainThread) {
  const { values } = parseArgs({ options });
  const worker = new Worker(fileURLToPath(import.meta.url), {
    workerData: values,
    resourceLimits: { stackSizeMb: STACK_MB },
  });
  worker.on('error', error => {
    console.error(error);
    process.exitCode = 1;
  });
} else {
  await run(workerData);
}

/**
 * The fastest of the rounds: a rule's work on a given file is the same every round, and whatever
 * else the machine does (another process, a collection of the parser's garbage) only adds to it,
 * so the minimum is the estimate least disturbed by noise.
 */
function fastest(values) {
  return Math.min(...values);
}

async function run(args) {
  // Written straight to the file descriptors: a worker's own stdout is flushed only when its event
  // loop turns, and this one is busy until the end.
  const stream = fd => new Writable({ write: (chunk, _encoding, done) => done(writeSync(fd, chunk) && null) });
  const console = new Console({ stdout: stream(1), stderr: stream(2) });
  const require = createRequire(import.meta.url);
  const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
  const { SHAPES } = await import('./scaling/shapes.mjs');
  const { Linter } = require('eslint');
  const parser = require('@typescript-eslint/parser');
  const plugin = require(join(repoRoot, 'eslint-plugin'));
  const gc = globalThis.gc ?? (() => {});

  const rounds = Number.parseInt(args.rounds, 10);
  const sizes = args.sizes.split(',').map(size => Number.parseInt(size, 10));
  const rules = Object.keys(plugin.rules).filter(rule => !args.only || args.only.split(',').includes(rule));
  const shapes = Object.entries(SHAPES).filter(([name]) => !args.shape || args.shape.includes(name));
  const linter = new Linter();
  const configFor = (ruleEntries, languageOptions = { parser, ecmaVersion: 'latest', sourceType: 'module' }) => [
    {
      files: ['**/*.js'],
      plugins: { 'async-pitfalls': plugin },
      languageOptions,
      linterOptions: { reportUnusedDisableDirectives: 'off' },
      // The generated files stand for a service's code, where every rule reports by default (and so
      // computes its fixes and suggestions, which is where the time went).
      settings: { 'async-pitfalls': { codeContext: 'long-running' } },
      rules: ruleEntries,
    },
  ];

  /** Lints once; the rule's own time from ESLint's stats, and the whole lint's wall time. */
  function lintOnce(text, ruleEntries, languageOptions) {
    gc();
    const start = performance.now();
    // verifyAndFix (with no fix) is the entry point that keeps ESLint's per-pass stats.
    const { messages } = linter.verifyAndFix(text, configFor(ruleEntries, languageOptions), { filename: 'shape.js', stats: true, fix: false });
    const wall = performance.now() - start;
    const fatal = messages.find(message => message.fatal);
    if (fatal) throw new Error(fatal.message);
    const pass = linter.getTimes().passes[0];
    const ruleTime = Object.values(pass?.rules ?? {}).reduce((sum, time) => sum + time.total, 0);
    return { ruleTime, wall, parse: pass?.parse?.total ?? 0, reports: messages.length };
  }

  console.log(`Node ${process.version}; ${rounds} rounds; times in ms (fastest of the rounds), rule stats of ESLint ${Linter.version}`);
  const worst = [];
  for (const [shapeName, generate] of shapes) {
    const texts = sizes.map(size => generate(size));
    // Warm-up: JIT and module loading are not measured.
    for (const rule of rules) lintOnce(texts[0], { [`async-pitfalls/${rule}`]: 'error' });
    const rows = {};
    const parseTimes = texts.map(text => lintOnce(text, {}).parse);
    for (const rule of rules) {
      const row = {};
      const times = texts.map((text, index) => {
        const samples = [];
        let reports = 0;
        for (let round = 0; round < rounds; round++) {
          const result = lintOnce(text, { [`async-pitfalls/${rule}`]: 'error' });
          samples.push(result.ruleTime);
          reports = result.reports;
        }
        const time = fastest(samples);
        row[`${sizes[index] / 1000}k`] = time.toFixed(1);
        row[`${sizes[index] / 1000}k reports`] = reports;
        return time;
      });
      const at5k = times[sizes.indexOf(5000)];
      const at20k = times[sizes.indexOf(20000)];
      if (at5k !== undefined && at20k !== undefined) {
        const ratio = at20k / Math.max(at5k, 0.1);
        row['20k/5k'] = ratio.toFixed(2);
        worst.push({ shape: shapeName, rule, ratio, at10k: times[sizes.indexOf(10000)] });
      }
      rows[rule] = row;
    }
    rows['(parse)'] = Object.fromEntries(sizes.map((size, index) => [`${size / 1000}k`, parseTimes[index].toFixed(1)]));
    console.log(`\n${shapeName} (${sizes.map(size => `${size / 1000}k`).join(' / ')} lines)`);
    console.table(rows);
  }

  if (worst.length > 0) {
    const ratios = worst.map(entry => entry.ratio);
    const slowest10k = worst.reduce((a, b) => ((b.at10k ?? 0) > (a.at10k ?? 0) ? b : a));
    console.log(
      `\nhighest 20k/5k ratio: ${Math.max(...ratios).toFixed(2)}; ` +
        `slowest rule at 10k lines: ${slowest10k.rule} on ${slowest10k.shape}, ${(slowest10k.at10k ?? 0).toFixed(0)} ms`,
    );
  }

  // Every rule at once on the largest files the issue names, parsing included: with ESLint's own
  // parser (espree, which the command line and the editor use for JavaScript) and with
  // typescript-eslint's (which a TypeScript project's config may give its JavaScript too).
  const all = Object.fromEntries(rules.map(rule => [`async-pitfalls/${rule}`, 'error']));
  const large = [
    ['nested async functions', 50000],
    ['deep async arrows', 25000],
  ].filter(([name]) => shapes.some(([shapeName]) => shapeName === name));
  const parsers = [
    ['espree', { ecmaVersion: 'latest', sourceType: 'module' }],
    ['typescript-eslint', undefined],
  ];
  for (const [name, lines] of large) {
    const text = SHAPES[name](lines);
    for (const [parserName, languageOptions] of parsers) {
      const { wall, parse, ruleTime, reports } = lintOnce(text, all, languageOptions);
      console.log(
        `${name}, ${lines / 1000}k lines, every rule, ${parserName}: ${(wall / 1000).toFixed(2)} s in all ` +
          `(parse ${(parse / 1000).toFixed(2)} s, rules ${(ruleTime / 1000).toFixed(2)} s), ${reports} reports`,
      );
    }
  }
}
