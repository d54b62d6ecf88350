#!/usr/bin/env node
// Benchmark of the VS Code extension (not a test: it prints figures and their ratio to the targets).
//
//   node bench/extension.mjs [--iterations 40] [--no-package]
//
// - keystroke → diagnostics on a ~5,000-line TypeScript file of real code (the largest source files
//   of a pinned `mongodb` release, fetched with `npm pack` into bench/.work/), through the built
//   server (extension/dist/server.js, started with the client's environment) over LSP on stdio,
//   against floors timed on the same text, interleaved in the same run: the parser alone as
//   ESLint runs it by default (@typescript-eslint/parser's `parseForESLint`) and with the server's
//   parser options (which skip work no rule needs: JSDoc, node maps; target ≤ 1.15×), ESLint's
//   `Linter` running it so with no rule (target ≤ 1.2×), and with the recommended rules (what the
//   rules cost, and what the server adds to them, apart). Each floor runs in a child process of
//   its own started as the server is (same Node, same environment, a heap of its own), asked once
//   per keystroke as the server is (see FloorProcesses: a process linting back to back is faster
//   than one linting at an editor's pace); this script's heap holds every text it typed;
// - with types: the server with `typeAware` against ESLint running only
//   @typescript-eslint/no-floating-promises (target ≤ 1×), and running it with no-misused-promises
//   (the same pitfalls as the recommended config);
// - the server's resident memory after that file and a scan of a 2,000-file workspace, once the
//   scan's freed pages are returned (3 s after it answers; ≤ 300 MB);
// - client activation, from the last real VS Code run (`node test/vscode/run.mjs`): VS Code's own
//   figure (loading the main module plus `activate`, as "Show Running Extensions" counts it), which
//   the extension host records as performance marks (≤ 100 ms);
// - the size of the .vsix that `npm run package` builds (≤ 10 MB).
//
// Each keystroke follows a quiet spell longer than twice the last lint, which the server lints at
// once (a burst of keystrokes is debounced by design, and the first of them is what this measures).
import * as cp from 'node:child_process';
import { once } from 'node:events';
import * as fs from 'node:fs/promises';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as util from 'node:util';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const WORK = path.join(REPO, 'bench', '.work');
const REAL_CODE_PACKAGE = 'mongodb@7.9.0';
const TARGET_LINES = 5000;
const SCAN_FILES = 2000;
const require = createRequire(path.join(REPO, 'package.json'));
const rpc = require('vscode-jsonrpc/node');
const tsParser = require('@typescript-eslint/parser');
const plugin = require(path.join(REPO, 'eslint-plugin', 'dist'));
const SERVER_ENVIRONMENT = require(path.join(REPO, 'extension', 'src', 'shared', 'server-environment.json'));

const { values: options } = util.parseArgs({
  options: {
    iterations: { type: 'string', default: '40' },
    'no-package': { type: 'boolean', default: false },
    'typed-only': { type: 'boolean', default: false },
    // Internal: run as a process that times a floor (see FloorProcess).
    floor: { type: 'string' },
    only: { type: 'string' },
    workspace: { type: 'string' },
    file: { type: 'string' },
  },
});
const ITERATIONS = Number(options.iterations);
const WARMUP = 5;
const execFile = util.promisify(cp.execFile);

function percentile(samples, p) {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

const format = (value, unit) => `${value.toFixed(unit === '×' ? 2 : 1)} ${unit}`;
// Each figure is printed as soon as it is measured: a later step that fails loses nothing.
function printRow(figure, value, ratio = '', note = '') {
  console.log(`${figure.padEnd(42)}  ${value.padStart(12)}  ${ratio.padEnd(26)}  ${note}`);
}
function report(figure, value, unit, target, note = '') {
  const ratio = target === undefined ? '' : `${(value / target).toFixed(2)}× of target ${target} ${unit}`;
  printRow(figure, format(value, unit), ratio, note);
}
/** A latency's p95, with its median beside it. */
function reportLatency(figure, { p95, median }) {
  report(figure, p95, 'ms', undefined, `median ${median.toFixed(1)} ms`);
}
/** The ratio of two latencies' p95s (against a target, if any), with that of their medians beside it. */
function reportRatio(figure, a, b, target) {
  report(figure, a.p95 / b.p95, '×', target, `medians ${(a.median / b.median).toFixed(2)}×`);
}

/** The real-code sources: the package's own TypeScript files, unpacked once into bench/.work/. */
async function realSources() {
  const folder = path.join(WORK, REAL_CODE_PACKAGE.replace(/[@/]/g, '-'));
  const src = path.join(folder, 'package', 'src');
  try {
    await fs.access(src);
  } catch {
    await fs.mkdir(folder, { recursive: true });
    const { stdout } = await execFile('npm', ['pack', REAL_CODE_PACKAGE, '--silent'], { cwd: folder });
    await execFile('tar', ['xzf', stdout.trim().split('\n').pop()], { cwd: folder });
  }
  const entries = await fs.readdir(src, { recursive: true, withFileTypes: true });
  const files = entries.filter((entry) => entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts'));
  const sources = await Promise.all(
    files.map(async (entry) => {
      const file = path.join(entry.parentPath, entry.name);
      return { relative: path.relative(src, file), text: await fs.readFile(file, 'utf8') };
    }),
  );
  return sources.sort((a, b) => b.text.length - a.text.length || a.relative.localeCompare(b.relative));
}

/** Whole files, largest first, until the text has at least TARGET_LINES lines. */
function bigFile(sources) {
  const parts = [];
  let lines = 0;
  for (const source of sources) {
    if (lines >= TARGET_LINES) break;
    parts.push(`// ${source.relative}\n${source.text}`);
    lines += source.text.split('\n').length + 1;
  }
  return { text: parts.join('\n'), lines, files: parts.length };
}

class LspServer {
  constructor(settings, folder) {
    this.settings = settings;
    this.folder = folder;
    // Started as the VS Code client starts it, with the same environment.
    this.child = cp.spawn(process.execPath, [path.join(REPO, 'extension', 'dist', 'server.js'), '--stdio'], {
      stdio: ['pipe', 'pipe', 'inherit'],
      env: { ...process.env, ...SERVER_ENVIRONMENT },
    });
    this.connection = rpc.createMessageConnection(new rpc.StreamMessageReader(this.child.stdout), new rpc.StreamMessageWriter(this.child.stdin));
    this.waiters = [];
    this.connection.onRequest('workspace/configuration', (params) =>
      params.items.map((item) => (item.section === 'asyncPitfalls' ? this.settings : null)),
    );
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onRequest('window/workDoneProgress/create', () => null);
    this.connection.onRequest('workspace/workspaceFolders', () => [{ uri: pathToFileURL(folder).href, name: 'bench' }]);
    this.connection.onNotification('textDocument/publishDiagnostics', (params) => {
      this.waiters = this.waiters.filter((waiter) => !waiter(params));
    });
    // The server's own account of a scan: its heap beside the resident figure read from /proc.
    this.connection.onNotification('window/logMessage', (params) => {
      if (/^Workspace scan:/.test(params.message)) this.scanLog = params.message;
    });
    this.connection.onNotification(() => undefined);
    this.connection.listen();
  }

  async start() {
    await this.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(this.folder).href,
      workspaceFolders: [{ uri: pathToFileURL(this.folder).href, name: 'bench' }],
      capabilities: {
        workspace: { configuration: true, workspaceFolders: true },
        textDocument: { publishDiagnostics: { versionSupport: true } },
      },
      initializationOptions: { workspaceTrusted: true },
    });
    await this.connection.sendNotification('initialized', {});
  }

  diagnosticsFor(uri, version) {
    return new Promise((resolve) => {
      this.waiters.push((params) => {
        if (params.uri !== uri || (params.version !== undefined && params.version < version)) return false;
        resolve(params.diagnostics);
        return true;
      });
    });
  }

  async open(uri, text) {
    const published = this.diagnosticsFor(uri, 1);
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'typescript', version: 1, text } });
    return published;
  }

  /** One keystroke: a character typed at the end of the first line. Returns the milliseconds until diagnostics. */
  async keystroke(uri, version, character, column) {
    const published = this.diagnosticsFor(uri, version);
    const start = performance.now();
    await this.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [{ range: { start: { line: 0, character: column }, end: { line: 0, character: column } }, text: character }],
    });
    await published;
    return performance.now() - start;
  }

  async memory() {
    const status = await fs.readFile(`/proc/${this.child.pid}/status`, 'utf8');
    const kb = (field) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? NaN);
    return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
  }

  async stop() {
    // The server may already be gone; stopping is best effort.
    await this.connection.sendRequest('shutdown').catch(() => undefined /* already gone */);
    await this.connection.sendNotification('exit').catch(() => undefined /* already gone */);
    const exited = once(this.child, 'exit');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
    this.connection.dispose();
  }
}

/**
 * Floors, timed in a process of their own started like the server: `kind` names a set of
 * baselines (`untyped` or `typed`), `only` one of them; `time(name, text)` runs one on a text and
 * gives its milliseconds.
 */
class FloorProcess {
  constructor(kind, workspace, file, only) {
    const args = ['--floor', kind, '--workspace', workspace, '--file', file, ...(only ? ['--only', only] : [])];
    this.child = cp.fork(fileURLToPath(import.meta.url), args, {
      env: { ...process.env, ...SERVER_ENVIRONMENT },
      execArgv: [],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    this.pending = new Map();
    this.nextId = 0;
    this.child.on('message', ({ id, ms, names, error }) => {
      const waiter = this.pending.get(id);
      this.pending.delete(id);
      if (error) waiter?.reject(new Error(error));
      else waiter?.resolve(names ?? ms);
    });
    this.child.on('exit', (code) => {
      for (const waiter of this.pending.values()) waiter.reject(new Error(`the floor process exited (${code})`));
      this.pending.clear();
    });
  }

  request(message) {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.child.send({ id, ...message });
    });
  }

  /** The baselines' names, in the order the process times them. */
  names() {
    return this.request({ names: true });
  }

  time(name, text) {
    return this.request({ name, text });
  }

  async stop() {
    const exited = once(this.child, 'exit');
    this.child.disconnect();
    await exited;
  }
}

/**
 * Each floor in a process of its own, asked once per keystroke as the server is. A process that
 * lints one text after another (the same text parsed a moment before, its heap and compiled code
 * warm) runs ESLint markedly faster than one that lints once a second, as an editor's server does:
 * timed back to back in one process, the floors came out up to 100 ms faster than the same
 * `verify` in any process linting at the server's pace. Each floor idles between keystrokes as
 * the server does, so that the ratios compare the work, not the pace.
 */
class FloorProcesses {
  static async start(kind, workspace, file) {
    const probe = new FloorProcess(kind, workspace, file);
    const names = await probe.names();
    await probe.stop();
    return new FloorProcesses(names, new Map(names.map((name) => [name, new FloorProcess(kind, workspace, file, name)])));
  }

  constructor(names, processes) {
    this.list = names;
    this.processes = processes;
  }

  /** The baselines' names, in the order they are timed. */
  async names() {
    return this.list;
  }

  time(name, text) {
    return this.processes.get(name).time(name, text);
  }

  async stop() {
    await Promise.all([...this.processes.values()].map((floor) => floor.stop()));
  }
}

/** The child side of FloorProcess: builds the baselines (or only one), then times each text it is sent. */
function serveFloors(kind, workspace, file, only) {
  const all = kind === 'typed' ? typedBaselines(workspace, file) : untypedFloors(workspace, file);
  const baselines = only ? { [only]: all[only] } : all;
  process.on('message', ({ id, names, name, text }) => {
    if (names) {
      process.send({ id, names: Object.keys(baselines) });
      return;
    }
    try {
      const start = performance.now();
      baselines[name](text);
      process.send({ id, ms: performance.now() - start });
    } catch (error) {
      process.send({ id, error: String(error?.stack ?? error) });
    }
  });
}

/**
 * Types keystrokes into `file` and times the server and each floor on the same text, one of
 * each per keystroke so that all see the same machine load. Returns p95 and median per measure.
 */
async function keystrokes(server, file, firstLine, floors) {
  const names = await floors.names();
  const uri = pathToFileURL(file).href;
  let text = await fs.readFile(file, 'utf8');
  await server.open(uri, text);
  const samples = { server: [], ...Object.fromEntries(names.map((name) => [name, []])) };
  let column = firstLine.length;
  for (let i = 0; i < WARMUP + ITERATIONS; i++) {
    const version = i + 2;
    text = `${text.slice(0, column)} ${text.slice(column)}`;
    const latency = await server.keystroke(uri, version, ' ', column);
    column += 1;
    if (i >= WARMUP) samples.server.push(latency);
    // Each baseline gets a text no other call saw (trailing spaces differ): with types, the first
    // to see a text would otherwise pay the program's update for all of them.
    for (const [index, name] of names.entries()) {
      const ms = await floors.time(name, `${text}${' '.repeat(index + 1)}`);
      if (i >= WARMUP) samples[name].push(ms);
    }
    // A quiet spell, so that the next keystroke is linted at once.
    await sleep(Math.max(50, 2.5 * latency));
  }
  return Object.fromEntries(Object.entries(samples).map(([name, values]) => [name, { p95: percentile(values, 95), median: percentile(values, 50) }]));
}

/**
 * The floors of a lint without types: the parser alone as ESLint runs it by default; the parser
 * alone with the options the server's default config gives (which skip work no rule needs); and
 * ESLint's `Linter` running it so with no rule turned on (the least any ESLint-based server can do).
 */
function untypedFloors(workspace, file) {
  const { Linter } = require('eslint');
  const { createDefaultConfig } = require(path.join(REPO, 'eslint-plugin', 'dist', 'default-config'));
  const config = createDefaultConfig(plugin, tsParser, { config: 'recommended' });
  const { languageOptions } = config[0];
  const parserOptions = { ...languageOptions.parserOptions, ecmaVersion: languageOptions.ecmaVersion, sourceType: languageOptions.sourceType, filePath: file };
  const noRules = config.map((entry) => (entry.rules ? { ...entry, rules: {} } : entry));
  const linter = new Linter({ cwd: workspace });
  // What ESLint asks of the parser in any project that uses it: its defaults, with JSX on.
  const defaultParserOptions = { ecmaFeatures: { jsx: true }, ecmaVersion: 'latest', sourceType: 'module', filePath: file };
  return {
    parseByDefault: (text) => tsParser.parseForESLint(text, defaultParserOptions),
    parse: (text) => tsParser.parseForESLint(text, parserOptions),
    eslintNoRules: (text) => {
      const fatal = linter.verify(text, noRules, { filename: file }).find((message) => message.fatal);
      if (fatal) throw new Error(`ESLint could not parse the file: ${fatal.message}`);
    },
    // The same with the plugin's recommended rules: what the server runs, without the server.
    eslintRecommended: (text) => {
      const fatal = linter.verify(text, config, { filename: file }).find((message) => message.fatal);
      if (fatal) throw new Error(`ESLint could not parse the file: ${fatal.message}`);
    },
  };
}

async function untypedKeystrokes(workspace, file, firstLine) {
  const server = new LspServer({ typeAware: false }, workspace);
  await server.start();
  const floors = await FloorProcesses.start('untyped', workspace, file);
  try {
    return { server, figures: await keystrokes(server, file, firstLine, floors) };
  } finally {
    await floors.stop();
  }
}

/** Keystrokes without types against the parser, then the memory after a scan of the whole workspace. */
async function measureUntyped(workspace, file, firstLine) {
  const { server, figures } = await untypedKeystrokes(workspace, file, firstLine);
  try {
    const { server: lint, parseByDefault, parse, eslintNoRules, eslintRecommended } = figures;
    reportLatency('keystroke → diagnostics p95, no types', lint);
    reportLatency('parse alone p95, parser defaults', parseByDefault);
    reportLatency('parse alone p95, server options', parse);
    reportLatency('ESLint, no rule turned on, p95', eslintNoRules);
    reportLatency('ESLint, recommended rules, p95', eslintRecommended);
    reportRatio('server / parse (parser defaults), p95', lint, parseByDefault, 1.15);
    reportRatio('server / parse (server options), p95', lint, parse, 1.15);
    reportRatio('ESLint no rules / parse (server opt.), p95', eslintNoRules, parse);
    reportRatio('server / ESLint no rules, p95', lint, eslintNoRules, 1.2);
    // Apart: what the rules cost, and what the server adds to ESLint running them.
    reportRatio('ESLint recommended / no rules, p95', eslintRecommended, eslintNoRules);
    reportRatio('server / ESLint recommended, p95', lint, eslintRecommended);

    const scanStart = performance.now();
    const scan = await server.connection.sendRequest('asyncPitfalls/scanWorkspace', {});
    const scanMs = performance.now() - scanStart;
    const atReply = await server.memory();
    // V8 returns the pages its last collection freed on a background thread: the figure that stays
    // is the one a few seconds later, while the editor sits idle.
    await sleep(3000);
    const memory = await server.memory();
    report('server RSS 3 s after the file + scan', memory.rssMb, 'MB', 300, `peak ${memory.peakMb.toFixed(0)} MB, ${atReply.rssMb.toFixed(0)} MB at the scan's reply; scan of ${scan.filesLinted} files (${scan.filesSkipped} skipped) in ${(scanMs / 1000).toFixed(1)} s, ${scan.problems} problems`);
    if (server.scanLog) console.log(`  server log: ${server.scanLog}`);
  } finally {
    await server.stop();
  }
}

/**
 * With types, against ESLint (in the floor process) with typescript-eslint's rules for the same pitfalls:
 * no-floating-promises alone (the target), and with no-misused-promises (what the
 * recommended config covers: floating promises and async functions where void ones are expected).
 */
function typedBaselines(workspace, file) {
  const { Linter } = require('eslint');
  const tseslint = require('typescript-eslint');
  const linter = new Linter({ configType: 'flat', cwd: workspace });
  const configWith = (rules) => [
    {
      files: ['**/*.ts'],
      languageOptions: {
        parser: tsParser,
        parserOptions: { projectService: true, tsconfigRootDir: workspace },
      },
      plugins: { '@typescript-eslint': tseslint.plugin },
      rules: Object.fromEntries(rules.map((rule) => [`@typescript-eslint/${rule}`, 'error'])),
    },
  ];
  const verifier = (config) => (text) => {
    const fatal = linter.verify(text, config, file).find((message) => message.fatal);
    if (fatal) throw new Error(`typescript-eslint could not lint the file: ${fatal.message}`);
  };
  return {
    noFloatingPromises: verifier(configWith(['no-floating-promises'])),
    typescriptEslintPair: verifier(configWith(['no-floating-promises', 'no-misused-promises'])),
  };
}

async function typedKeystrokes(workspace, file, firstLine) {
  const server = new LspServer({ typeAware: true }, workspace);
  await server.start();
  const floors = await FloorProcesses.start('typed', workspace, file);
  try {
    return await keystrokes(server, file, firstLine, floors);
  } finally {
    await floors.stop();
    await server.stop();
  }
}

/** The scan workspace: the package's sources copied until there are SCAN_FILES files, plus the big file. */
async function scanWorkspace(sources, big) {
  const workspace = await fs.mkdtemp(path.join(os.tmpdir(), 'ap-bench-'));
  await fs.writeFile(path.join(workspace, 'tsconfig.json'), JSON.stringify({
    compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, skipLibCheck: true },
    include: ['big.ts'],
  }));
  const file = path.join(workspace, 'big.ts');
  await fs.writeFile(file, big.text);
  for (let i = 0; i < SCAN_FILES - 1; i++) {
    const source = sources[i % sources.length];
    const target = path.join(workspace, 'copies', String(Math.floor(i / sources.length)), source.relative);
    await fs.mkdir(path.dirname(target), { recursive: true });
    await fs.writeFile(target, source.text);
  }
  return { workspace, file };
}

async function activationFromLastVsCodeRun() {
  try {
    return JSON.parse(await fs.readFile(path.join(REPO, '.vscode-host', 'last-run-metrics.json'), 'utf8'));
  } catch {
    return undefined;
  }
}

async function vsixSize() {
  const vsix = path.join(REPO, 'async-pitfalls.vsix');
  if (!options['no-package']) await execFile('npm', ['run', '--silent', 'package'], { cwd: REPO });
  return (await fs.stat(vsix)).size / (1024 * 1024);
}

async function main() {
  await fs.mkdir(WORK, { recursive: true });
  const sources = await realSources();
  const big = bigFile(sources);
  const firstLine = big.text.slice(0, big.text.indexOf('\n'));
  const { workspace, file } = await scanWorkspace(sources, big);
  console.log(`real code: ${big.lines} lines from the ${big.files} largest files of ${REAL_CODE_PACKAGE}; ${ITERATIONS} keystrokes after ${WARMUP} warm-up ones`);
  console.log(`machine: ${os.cpus().length} cores, load average ${os.loadavg()[0].toFixed(1)}, Node ${process.version}`);
  try {
    if (!options['typed-only']) await measureUntyped(workspace, file, firstLine);

    const typed = await typedKeystrokes(workspace, file, firstLine);
    reportLatency('keystroke → diagnostics p95, with types', typed.server);
    reportLatency('no-floating-promises alone p95', typed.noFloatingPromises);
    reportRatio('server / no-floating-promises, p95', typed.server, typed.noFloatingPromises, 1);
    const pair = typed.typescriptEslintPair;
    reportLatency('no-floating- + no-misused-promises p95', pair);
    reportRatio('server / that pair, p95', typed.server, pair);
  } finally {
    await fs.rm(workspace, { recursive: true, force: true });
  }

  if (options['typed-only']) return;
  const lastRun = await activationFromLastVsCodeRun();
  if (lastRun?.activationMs !== undefined) {
    report(
      'client activation (last VS Code run)',
      lastRun.activationMs,
      'ms',
      100,
      `loading ${lastRun.codeLoadingMs} ms + activate ${lastRun.activateCallMs} ms; load average then ${lastRun.loadAverage?.toFixed(1)} on ${lastRun.cpus} cores`,
    );
  } else {
    printRow('client activation', 'not measured', '', 'run `node test/vscode/run.mjs` first');
  }
  try {
    report('.vsix size', await vsixSize(), 'MB', 10);
  } catch (error) {
    printRow('.vsix size', 'not measured', '', `npm run package failed: ${String(error.stderr ?? error).trim()}`);
  }
}

if (options.floor) serveFloors(options.floor, options.workspace, options.file, options.only);
else await main();
