#!/usr/bin/env node
// Benchmark: the command line's `--types` on folders that mix JavaScript and TypeScript (the
// tsconfig includes only the TypeScript half), at doubling sizes, against ESLint with the README's
// type-aware config on the same files. Prints each median wall time, the ratio of the command line
// to ESLint, and how much each grows when the folder doubles (2.0 is linear). Not a test: nothing
// here fails on time.
//
//   npm run bench:cli                    100, 200 and 400 files, 3 rounds
//   npm run bench:cli -- --sizes 200,800 --rounds 5
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const workDir = join(repoRoot, 'bench', '.work', 'cli-types');
const cli = join(repoRoot, 'eslint-plugin', 'bin', 'async-pitfalls.js');
const eslintBin = join(repoRoot, 'node_modules', 'eslint', 'bin', 'eslint.js');

const { values: args } = parseArgs({ options: { sizes: { type: 'string', default: '100,200,400' }, rounds: { type: 'string', default: '3' } } });
const sizes = args.sizes.split(',').map(size => Number.parseInt(size, 10));
const rounds = Number.parseInt(args.rounds, 10);
if (sizes.some(size => !Number.isInteger(size) || size < 2) || !Number.isInteger(rounds) || rounds < 1) {
  console.error('--sizes takes whole numbers above 1, --rounds a whole number above 0');
  process.exit(2);
}

/** The README's type-aware config, read from the README itself (with the plugin by path). */
function readmeTypeAwareConfig() {
  const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
  const block = /<!-- config:ts-types -->\n```js\n([\s\S]*?)```/.exec(readme)?.[1];
  if (!block) throw new Error('README.md has no config:ts-types block');
  return block.replace("from 'eslint-plugin-async-pitfalls'", `from ${JSON.stringify(join(repoRoot, 'eslint-plugin', 'dist', 'index.js'))}`);
}

function source(index, typescript) {
  const type = (text) => (typescript ? text : '');
  return `import { readFile } from 'node:fs/promises';

export async function load${index}(path${type(': string')})${type(': Promise<string>')} {
  const text = await readFile(path, 'utf8');
  return text.trim();
}

export async function save${index}(store${type(': { put(key: string, value: string): Promise<void> }')}, key${type(': string')}) {
  const value = await load${index}(key);
  store.put(key, value);
  return value.length;
}
`;
}

/** A folder of `size` files, half JavaScript and half TypeScript, in a package with a tsconfig for the TypeScript half. */
function makeProject(size) {
  const dir = join(workDir, `mixed-${size}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'src'), { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: `mixed-${size}`, private: true, type: 'module' }));
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({ compilerOptions: { strict: true, target: 'es2022', module: 'nodenext', types: [], noEmit: true }, include: ['src/**/*.ts'] }),
  );
  for (let index = 0; index < size; index += 1) {
    const typescript = index % 2 === 0;
    writeFileSync(join(dir, 'src', `file${index}.${typescript ? 'ts' : 'js'}`), source(index, typescript));
  }
  writeFileSync(join(dir, 'eslint.config.mjs'), readmeTypeAwareConfig());
  return dir;
}

function time(command, commandArgs, cwd) {
  const start = performance.now();
  const run = spawnSync(process.execPath, [command, ...commandArgs], { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const elapsed = performance.now() - start;
  if (run.status !== 0 && run.status !== 1) throw new Error(`${command} ${commandArgs.join(' ')}: exit ${run.status}\n${run.stderr}`);
  return elapsed;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

const rows = [];
for (const size of sizes) {
  const dir = makeProject(size);
  const cliTimes = [];
  const eslintTimes = [];
  for (let round = 0; round < rounds; round += 1) {
    // Interleaved, so that the machine's drift affects both alike.
    cliTimes.push(time(cli, ['--types', '--format', 'json', 'src'], dir));
    eslintTimes.push(time(eslintBin, ['--format', 'json', 'src'], dir));
  }
  rows.push({ files: size, cli: median(cliTimes), eslint: median(eslintTimes) });
}
console.log(`--types on mixed JavaScript/TypeScript folders; ${rounds} rounds; Node ${process.version}`);
console.table(
  rows.map((row, index) => {
    const previous = rows[index - 1];
    const growth = (key) => (previous ? `${(row[key] / previous[key]).toFixed(2)} for ${(row.files / previous.files).toFixed(1)}× files` : '');
    return {
      files: row.files,
      'async-pitfalls --types ms': row.cli.toFixed(0),
      'ESLint, README config ms': row.eslint.toFixed(0),
      'ratio to ESLint': (row.cli / row.eslint).toFixed(2),
      'growth, command line': growth('cli'),
      'growth, ESLint': growth('eslint'),
    };
  }),
);
