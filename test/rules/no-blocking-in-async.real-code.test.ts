/**
 * no-blocking-in-async on code reduced from the labeled corpus (eval/verdicts): each valid case is a
 * kind of report a careful owner would not act on, each invalid case a kind they would. A comment
 * names the project and file each case comes from.
 */
import rule from '../../eslint-plugin/src/rules/no-blocking-in-async';
import { createRuleTester } from '../rule-tester';

const ruleTester = createRuleTester();

/** Folders made with their parents, without waiting, and in a loop: the writes after them, as written or changed. */
const PREPARE_FOLDERS = ({
  first = "fsSync.writeFileSync(dir + '/a', fsSync.readFileSync(template))",
  second = "fsSync.writeFileSync(dir + '/b/c', 'x')",
  inLoop = "fsSync.writeFileSync(d + '/c', 'x')",
}: { first?: string; second?: string; inLoop?: string } = {}): string => `const fs = require('node:fs/promises')
const fsSync = require('node:fs')
exports.prepare = async (dir, dirs, template) => {
    await fs.mkdir(dir, { recursive: true })
    ${first}
    fs.mkdir(dir + '/b')
    ${second}
    for (const d of dirs) {
        await fs.mkdir(d)
        ${inLoop}
    }
}
`;
const FIRST_WRITE = "await fs.writeFile(dir + '/a', fsSync.readFileSync(template))";
const SECOND_WRITE = "await fs.writeFile(dir + '/b/c', 'x')";
const LOOP_WRITE = "await fs.writeFile(d + '/c', 'x')";

/** webdriverio's downloadFile, reduced: the folder made, the archive written, each entry removed. */
const DOWNLOAD_FILE = (write: string, removal: string): string => `import fs from 'node:fs'
import path from 'node:path'

export async function downloadFile(this: WebdriverIO.Browser, fileName: string, targetDirectory: string) {
    const response = await this.download(fileName)
    fs.mkdirSync(targetDirectory, { recursive: true })
    const zipFilePath = path.join(targetDirectory, \`\${fileName}.zip\`)
    ${write}
    for (const key of response.keys) {
        ${removal}
    }
}
`;

/**
 * dockge backend/stack.ts, reduced: saving a stack writes its compose file, then gives the folder
 * and the file the owner of the stacks folder; `chown` is how the file's owner is changed.
 */
const SAVE_STACK = (chown: string) => `import fs from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
class Stack {
  constructor(private path: string, private composeYAML: string) {}
  async save(uid: number, gid: number): Promise<void> {
    const file = path.join(this.path, 'compose.yaml');
    await writeFile(file, this.composeYAML);
    fs.lchownSync(this.path, uid, gid);
    ${chown}
  }
}`;

/**
 * etherpad-lite src/node/hooks/express.ts, reduced: the server's banner names the git commit, read
 * with a sync helper, at `banner`'s place in createServer; restartServer, a CommonJS export of the
 * file, is what listens.
 */
const CREATE_SERVER = (before: string, after: string) => `const fs = require('fs');
const http = require('http');
const { promisify } = require('util');
const getGitCommit = () => fs.readFileSync('.git/HEAD', 'utf8').trim();
exports.createServer = async () => {
  ${before}
  await exports.restartServer();
  ${after}
};
exports.restartServer = async () => {
  exports.server = http.createServer(() => {});
  await promisify(exports.server.listen).bind(exports.server)(9001);
};
`;

/**
 * ioBroker packages/adapter/src/lib/adapter/managers/CertificateManager.ts, reduced: an adapter asks
 * for the certificates of its HTTPS server; a private helper reads the file when it is given a path
 * (`before` runs in it first), and its value becomes the server's `key` and `cert` (`keyOption`).
 */
const CERTIFICATES = (keyOption = 'key', before = ''): string => `import fs from 'node:fs';
import https from 'node:https';
export class CertificateManager {
  async createServer(certificates: Record<string, string>, names: { private: string; public: string }) {
    await this.ready();
    const certs = {
      ${keyOption}: this.#resolveCert(certificates[names.private]),
      cert: this.#resolveCert(certificates[names.public]),
    };
    return https.createServer(certs);
  }
  async ready(): Promise<void> {}
  #resolveCert(value: string): string {
    ${before}if (value.length < 1024 && fs.existsSync(value)) return fs.readFileSync(value, 'utf8');
    return value;
  }
}
`;

ruleTester.run('no-blocking-in-async (real code)', rule, {
  valid: [
    // A key or certificate read through a helper of the class whose one blocking step reads the file.
    CERTIFICATES(),
    // homebridge src/version.ts and src/plugin.ts: the server's own version, read from its
    // package.json by a helper, checked against each plugin's requirement while plugins load.
    `import fs from 'node:fs';
import path from 'node:path';
function loadPackageJson() {
  const packageJSONPath = path.join(__dirname, '../package.json');
  return JSON.parse(fs.readFileSync(packageJSONPath, { encoding: 'utf8' }));
}
function getVersion() { return loadPackageJson().version; }
export class Plugin {
  async load(required: string) {
    if (!satisfies(getVersion(), required)) log.error('version mismatch');
    await this.initialize();
  }
}`,
    // etherpad-lite src/static/js/pluginfw/LinkInstaller.ts: a dependency's manifest read while a
    // plugin is linked (as a file URL); and release-style code reading a manifest named by a constant
    // or by a URL beside the module.
    `import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
const MANIFEST_PATH = './package.json';
export class LinkInstaller {
  async addSubDependency(pluginInstallPath: string, dependency: string) {
    const json = JSON.parse(readFileSync(pathToFileURL(path.join(pluginInstallPath, dependency, 'package.json'))) as unknown as string);
    const own = JSON.parse(readFileSync(path.resolve(MANIFEST_PATH), 'utf8'));
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    await this.link(json, own, pkg);
  }
}`,
    // dockge backend/stack.ts: after a save, the folder and the file are given their owner, one
    // system call each (attribute changes are opt-in, like existsSync).
    SAVE_STACK('fs.chownSync(file, uid, gid);'),
    // bullmq src/postgres/sql-loader.ts and postgres-queue-backend.ts: each command's SQL is read
    // once and kept in a module-level map; the listening paths run it once per process.
    `import { readFileSync } from 'node:fs';
const commandCache = new Map<string, string>();
function loadCommandSql(name: string): string {
  let sql = commandCache.get(name);
  if (sql === undefined) {
    sql = readFileSync(name + '.sql', 'utf8');
    commandCache.set(name, sql);
  }
  return sql;
}
class PostgresQueueBackend {
  private async ensureListening(): Promise<void> {
    const client = await this.connection.getListenClient();
    await client.query(loadCommandSql('listen_jobs'));
  }
}`,
    // The same kept value, read in the async method itself into a field, with ??= or an absence test.
    `import { readFileSync } from 'node:fs';
class Mailer {
  private template?: string;
  private footer: string | null = null;
  async send(to: string): Promise<void> {
    this.template ??= readFileSync('mail.html', 'utf8');
    if (this.footer === null) this.footer = readFileSync('footer.html', 'utf8');
    await this.transport.send(to, this.template + this.footer);
  }
}`,
    // uptime-kuma server/database.js: the SQLite template is copied only when the database file is
    // missing; once copied the file exists, so the copy runs once over the file's life.
    {
      code: `const fs = require("fs");
class Database {
    static async connect() {
        if (!fs.existsSync(Database.sqlitePath)) {
            log.info("server", "Copying Database");
            fs.copyFileSync(Database.templatePath, Database.sqlitePath);
        }
        await knex.raw("PRAGMA journal_mode = WAL");
    }
}
module.exports = Database;
`,
      filename: 'server/database.js',
    },
    // webdriverio wdio-appium-service aggregator.ts: the report folder is made when it is missing.
    {
      code: `import fs from 'node:fs'
export async function aggregateSelectorPerformanceData(reportDirectory: string) {
    if (!fs.existsSync(reportDirectory)) {
        fs.mkdirSync(reportDirectory, { recursive: true })
    }
    await Promise.resolve()
}
`,
      filename: 'packages/wdio-appium-service/src/mobileSelectorPerformanceOptimizer/aggregator.ts',
    },
    // webdriverio wdio-appium-service mspo-service.ts: a WebdriverIO service's hooks run inside a
    // test (beforeCommand reads the spec to say where a selector lives; afterSession writes the
    // worker's data once); the runner awaits each command, so nothing else is in flight.
    {
      code: `import fs from 'node:fs'
import type { Services } from '@wdio/types'
export default class SelectorPerformanceService implements Services.ServiceInstance {
    private _data: unknown[] = []
    async beforeCommand(commandName: string, args: unknown[]) {
        const spec = fs.readFileSync(String(args[0]), 'utf8')
        await Promise.resolve(spec.length)
    }
    async afterSession() {
        try {
            fs.writeFileSync('worker-data.json', JSON.stringify(this._data))
        } catch (err) {
            console.error(err)
        }
    }
}
`,
      filename: 'packages/wdio-appium-service/src/mobileSelectorPerformanceOptimizer/mspo-service.ts',
    },
    // zigbee2mqtt lib/mqtt.ts: the CA, key and certificate are read into the options of the MQTT
    // client's connect; a TLS handshake follows that costs far more than reading a few kilobytes.
    {
      code: `import fs from 'node:fs';
import { connectAsync } from 'mqtt';
export class Mqtt {
  client: unknown;
  async connect(settings: { server: string; ca?: string; key?: string; cert?: string }) {
    const options: Record<string, unknown> = {};
    if (settings.ca) {
      options.ca = fs.readFileSync(settings.ca);
    }
    if (settings.key && settings.cert) {
      options.key = fs.readFileSync(settings.key);
      options.cert = fs.readFileSync(settings.cert);
    }
    this.client = await connectAsync(settings.server, options);
  }
}
`,
      filename: 'lib/mqtt.ts',
    },
    // Wiki.js server/modules/search/elasticsearch/engine.js: a sync helper pushes the CA onto the
    // list it gives as ca, for the search client built at init; written in place, as text or
    // in a list, the same.
    {
      code: `const fs = require('fs')
const https = require('https')
function getTlsOptions (conf) {
  const caList = []
  if (conf.verifyTLSCertificate) {
    caList.push(fs.readFileSync(conf.tlsCertPath))
  }
  return { rejectUnauthorized: conf.verifyTLSCertificate, ca: caList }
}
module.exports = {
  async init (config, Client) {
    this.client = new Client({ nodes: config.hosts, tls: getTlsOptions(config) })
  },
  async request (config, url) {
    const agent = new https.Agent({
      key: fs.readFileSync(config.keyPath).toString(),
      cert: fs.readFileSync(config.certPath, 'utf8').trim(),
      ca: [fs.readFileSync(config.caPath)],
      'pfx': fs.readFileSync(config.pfxPath)
    })
    return fetch(url, { agent })
  }
}
`,
      filename: 'server/modules/search/elasticsearch/engine.js',
    },
    // Haraka outbound/queue.js: what follows the making of the queue folder (without parents, so
    // it fails when the folder exists) runs once over the folder's life: on first start.
    {
      code: `const childProcess = require('node:child_process')
const fs = require('node:fs/promises')
const fsSync = require('node:fs')
exports.ensureQueueDir = async (queueDir, cfg) => {
    try {
        await fs.access(queueDir)
        return
    } catch (ignore) {
        // not there yet
    }
    try {
        await fs.mkdir(queueDir, { mode: 493 })
        let uid
        if (cfg.user) uid = parseInt(childProcess.execSync(\`id -u \${cfg.user}\`).toString().trim(), 10)
        if (uid) await fs.chown(queueDir, uid, -1)
    } catch (err) {
        if (err.code !== 'EEXIST') throw err
    }
}
exports.ensureDataDir = async (dataDir) => {
    fsSync.mkdirSync(dataDir, 0o700)
    fsSync.writeFileSync(dataDir + '/README', 'data of the server')
}
`,
      filename: 'outbound/queue.js',
    },
    // pm2 lib/tools/SysMetrics.js: /proc/meminfo is served by the kernel from memory.
    {
      code: `const fs = require('fs')
async function memory () {
  try {
    var mi = fs.readFileSync('/proc/meminfo', 'utf8')
    return mi.length
  } catch (e) {
    return null
  }
}
module.exports = memory
`,
      filename: 'lib/tools/SysMetrics.js',
    },
    // etherpad-lite's createServer: the commit is read before the server listens, through
    // restartServer, which the file exports: start-up code.
    { code: CREATE_SERVER("console.log(`Your Etherpad version is ${getGitCommit()}`);", ''), filename: 'src/node/hooks/express.js' },
    // bullmq scripts/commandTransform.js: a build script, run once with nothing in flight.
    {
      code: `const fs = require('fs');
const path = require('path');
module.exports = async function transform(writeDir) {
  const writeFilenamePath = path.normalize(writeDir);
  fs.mkdirSync(writeFilenamePath, { recursive: true });
  await Promise.resolve();
};
`,
      filename: 'scripts/commandTransform.js',
    },
    // webdriverio scripts/docs-generation/wdioDocs.ts: a docs generator lists a command folder.
    {
      code: `import fs from 'node:fs'
import path from 'node:path'
export async function generateWdioDocs (sidebars: unknown) {
    const COMMAND_DIR = path.join(__dirname, 'commands')
    const browser = fs.readdirSync(path.join(COMMAND_DIR, 'browser'))
    return [sidebars, browser]
}
`,
      filename: 'scripts/docs-generation/wdioDocs.ts',
    },
    // knex docs/.vitepress/knexDialects.ts: a docs build plugin.
    {
      code: `import fs from 'node:fs'
export function knexDialects() {
  return {
    async transform(src: string) {
      const snippets = JSON.parse(fs.readFileSync('resolved-snippets.json', 'utf8'))
      return src + snippets.length
    },
  }
}
`,
      filename: 'docs/.vitepress/knexDialects.ts',
    },
    // webdriverio website/recipes/web-extension/firefox.js: a documentation recipe.
    {
      code: `import fs from 'node:fs'
export const config = {
    before: async (capabilities) => {
        if (capabilities.browserName === 'firefox') {
            const extension = fs.readFileSync(extensionPath)
            await browser.installAddOn(extension.toString('base64'), true)
        }
    }
}
`,
      filename: 'website/recipes/web-extension/firefox.js',
    },
    // fastify test/logger/instantiation.test.js: a test prepares a fixture file; tests run serially.
    {
      code: `const fs = require('node:fs')
const { test } = require('node:test')
test('file option', async (t) => {
  const file = t.tmp
  if (process.env.CITGM) { fs.writeFileSync(file, '', { mode: 0o600 }) }
  await t.assert.ok(file)
})
`,
      filename: 'test/logger/instantiation.test.js',
    },
    // bullmq tests/sandboxed_process.test.ts: a flag file armed before the worker starts, removed in finally.
    {
      code: `import { writeFileSync, existsSync, unlinkSync } from 'fs'
it('retries a failed init', async () => {
  const flagFile = __dirname + '/fixtures/fail-init-once.flag'
  writeFileSync(flagFile, '1')
  try {
    await worker.waitUntilReady()
  } finally {
    if (existsSync(flagFile)) {
      unlinkSync(flagFile)
    }
  }
})
`,
      filename: 'tests/sandboxed_process.test.ts',
    },
    // fastify test/custom-parser.0.test.js: the test reads its own source to compare with the echo.
    {
      code: `const fs = require('node:fs')
test('echo', async (t) => {
  const result = await fetch(url, { method: 'POST', body: fs.readFileSync(__filename) })
  t.assert.strictEqual(await result.text(), fs.readFileSync(__filename).toString())
})
`,
      filename: 'test/custom-parser.0.test.js',
    },
    // fastify test/body-limit.test.js: a fixture gzipped once before the server starts.
    {
      code: `const zlib = require('node:zlib')
test('body limit', async (t) => {
  const encoded = zlib.gzipSync(JSON.stringify({ x: 'x'.repeat(30000) }))
  await fastify.inject({ payload: encoded })
})
`,
      filename: 'test/body-limit.test.js',
    },
    // webdriverio e2e/wdio/xvfb/base-install.e2e.ts: a mocha step checks a binary after the install.
    {
      code: `import { execSync } from 'node:child_process'
describe('xvfb', () => {
    it('installs xvfb-run', async () => {
        await manager.init()
        const xvfbRunPath = execSync('which xvfb-run', { encoding: 'utf8' }).trim()
        expect(xvfbRunPath).toContain('xvfb-run')
    })
})
`,
      filename: 'e2e/wdio/xvfb/base-install.e2e.ts',
    },
    // uptime-kuma test/backend-test/test-migration.js and knex test/cli/esm-interop.spec.js: test clean-up.
    {
      code: `const fs = require("fs");
test("migration", async () => {
    try {
        await migrate();
    } finally {
        if (fs.existsSync(testDbPath)) {
            fs.unlinkSync(testDbPath);
        }
    }
});
`,
      filename: 'test/backend-test/test-migration.js',
    },
  ],
  invalid: [
    // The helper's value given as anything but a key or certificate is a read like any other.
    {
      code: CERTIFICATES('passphrase'),
      errors: [{ messageId: 'blockingHelper', line: 7, data: { helper: 'this.#resolveCert', name: 'fs.readFileSync', twin: "await readFile() from 'node:fs/promises'" } }],
    },
    // A helper that also lists a folder does more than read the certificate.
    {
      code: CERTIFICATES('key', "fs.readdirSync('/etc/ssl');\n    "),
      errors: [
        { messageId: 'blockingHelper', line: 7, data: { helper: 'this.#resolveCert', name: 'fs.readdirSync', twin: "await readdir() from 'node:fs/promises'" } },
        { messageId: 'blockingHelper', line: 8, data: { helper: 'this.#resolveCert', name: 'fs.readdirSync', twin: "await readdir() from 'node:fs/promises'" } },
      ],
    },
    // The same read once the server listens: it blocks the requests being served.
    {
      code: CREATE_SERVER('', "console.log(`Your Etherpad version is ${getGitCommit()}`);"),
      filename: 'src/node/hooks/express.js',
      errors: [{ messageId: 'blockingHelper', line: 8, data: { helper: 'getGitCommit', name: 'fs.readFileSync', twin: "await readFile() from 'fs/promises'" }, suggestions: [] }],
    },
    // Where the rule is asked to report in tests, it reports in a test runner's service too.
    {
      code: `import fs from 'node:fs'
import type { Services } from '@wdio/types'
export default class SpecService implements Services.ServiceInstance {
    async before() {
        return fs.readFileSync('spec.json', 'utf8')
    }
}
`,
      filename: 'packages/wdio-spec-service/src/index.ts',
      options: [{ contexts: ['long-running', 'test'] }],
      output: `import fs from 'node:fs'
import type { Services } from '@wdio/types'
export default class SpecService implements Services.ServiceInstance {
    async before() {
        return await fs.promises.readFile('spec.json', 'utf8')
    }
}
`,
      errors: [
        {
          messageId: 'blockingCall',
          line: 5,
          data: { name: 'fs.readFileSync', twin: "await readFile() from 'node:fs/promises'", note: '' },
          suggestions: [{ messageId: 'replaceWithTwin', output: `import fs from 'node:fs'
import type { Services } from '@wdio/types'
export default class SpecService implements Services.ServiceInstance {
    async before() {
        return await fs.promises.readFile('spec.json', 'utf8')
    }
}
` }],
        },
      ],
    },
    // A reporter is no service: it runs beside the tests for the whole run (webdriverio's
    // sumologic reporter ships its logs every 100 ms), so a write that blocks stalls the run.
    {
      code: `import fs from 'node:fs'
import type { Reporters } from '@wdio/types'
export default class FileReporter implements Reporters.ReporterInstance {
    async onRunnerEnd(data: unknown) {
        fs.writeFileSync('report.json', JSON.stringify(data))
    }
}
`,
      filename: 'packages/wdio-file-reporter/src/index.ts',
      output: `import fs from 'node:fs'
import type { Reporters } from '@wdio/types'
export default class FileReporter implements Reporters.ReporterInstance {
    async onRunnerEnd(data: unknown) {
        await fs.promises.writeFile('report.json', JSON.stringify(data))
    }
}
`,
      errors: [
        {
          messageId: 'blockingCall',
          line: 5,
          data: { name: 'fs.writeFileSync', twin: "await writeFile() from 'node:fs/promises'", note: '' },
          suggestions: [
            {
              messageId: 'replaceWithTwin',
              output: `import fs from 'node:fs'
import type { Reporters } from '@wdio/types'
export default class FileReporter implements Reporters.ReporterInstance {
    async onRunnerEnd(data: unknown) {
        await fs.promises.writeFile('report.json', JSON.stringify(data))
    }
}
`,
            },
          ],
        },
      ],
    },
    // What is no key or certificate is read as any other file: a body, a list given as no TLS option.
    {
      code: `const fs = require('fs')
module.exports = {
  async upload (config, files, send) {
    const parts = []
    parts.push(fs.readFileSync(config.dataPath))
    await send({ body: fs.readFileSync(config.bodyPath), files: parts })
  }
}
`,
      filename: 'server/upload.js',
      errors: [
        { messageId: 'blockingCall', line: 5, data: { name: 'fs.readFileSync', twin: "await readFile() from 'fs/promises'", note: ' The suggested readFile() takes a path, not a file descriptor.' }, suggestions: [{ messageId: 'replaceWithTwin', output: `const fs = require('fs')
module.exports = {
  async upload (config, files, send) {
    const parts = []
    parts.push(await fs.promises.readFile(config.dataPath))
    await send({ body: fs.readFileSync(config.bodyPath), files: parts })
  }
}
` }] },
        { messageId: 'blockingCall', line: 6, data: { name: 'fs.readFileSync', twin: "await readFile() from 'fs/promises'", note: ' The suggested readFile() takes a path, not a file descriptor.' }, suggestions: [{ messageId: 'replaceWithTwin', output: `const fs = require('fs')
module.exports = {
  async upload (config, files, send) {
    const parts = []
    parts.push(fs.readFileSync(config.dataPath))
    await send({ body: await fs.promises.readFile(config.bodyPath), files: parts })
  }
}
` }] },
      ],
    },
    // Not after a folder made with its parents (no failure when it exists), nor one made without
    // waiting for it, nor one made on each turn of a loop.
    {
      code: PREPARE_FOLDERS(),
      filename: 'server/prepare.js',
      output: PREPARE_FOLDERS({ first: FIRST_WRITE, second: SECOND_WRITE, inLoop: LOOP_WRITE }),
      errors: [
        { messageId: 'blockingCall', line: 5, column: 5, suggestions: [{ messageId: 'replaceWithTwin', output: PREPARE_FOLDERS({ first: FIRST_WRITE }) }] },
        {
          messageId: 'blockingCall',
          line: 5,
          column: 38,
          suggestions: [{ messageId: 'replaceWithTwin', output: PREPARE_FOLDERS({ first: "fsSync.writeFileSync(dir + '/a', await fs.readFile(template))" }) }],
        },
        { messageId: 'blockingCall', line: 7, suggestions: [{ messageId: 'replaceWithTwin', output: PREPARE_FOLDERS({ second: SECOND_WRITE }) }] },
        { messageId: 'blockingCall', line: 10, suggestions: [{ messageId: 'replaceWithTwin', output: PREPARE_FOLDERS({ inLoop: LOOP_WRITE }) }] },
      ],
    },
    // A folder made for each element of a list: what follows it repeats with the list.
    {
      code: `const fsSync = require('node:fs')
exports.prepare = async (dirs) => {
    dirs.forEach(d => {
        fsSync.mkdirSync(d)
        fsSync.writeFileSync(d + '/c', 'x')
    })
}
`,
      filename: 'server/prepare.js',
      errors: [
        { messageId: 'blockingCall', line: 4, suggestions: [] },
        { messageId: 'blockingCall', line: 5, suggestions: [] },
      ],
    },
    // Beside those: a lock file is no manifest (it grows with the dependency tree), a path the
    // caller gives may be any file, and a manifest path in a variable that is reassigned may change.
    {
      code: `import { readFileSync } from 'node:fs';
import path from 'node:path';
let manifest = 'package.json';
export async function inspect(dir: string, file: string) {
  const lock = readFileSync(path.join(dir, 'package-lock.json'), 'utf8');
  const other = readFileSync(file, 'utf8');
  const own = readFileSync(manifest, 'utf8');
  return [lock, other, own];
}
`,
      errors: [
        {
          messageId: 'blockingCall',
          line: 5,
          data: { name: 'readFileSync', twin: "await readFile() from 'node:fs/promises'", note: '' },
          suggestions: [
            {
              messageId: 'replaceWithTwin',
              output: `import { readFileSync } from 'node:fs';
import path from 'node:path';
import { readFile } from 'node:fs/promises';
let manifest = 'package.json';
export async function inspect(dir: string, file: string) {
  const lock = await readFile(path.join(dir, 'package-lock.json'), 'utf8');
  const other = readFileSync(file, 'utf8');
  const own = readFileSync(manifest, 'utf8');
  return [lock, other, own];
}
`,
            },
          ],
        },
        {
          messageId: 'blockingCall',
          line: 6,
          data: { name: 'readFileSync', twin: "await readFile() from 'node:fs/promises'", note: ' The suggested readFile() takes a path, not a file descriptor.' },
          suggestions: [{ messageId: 'replaceWithTwin', output: `import { readFileSync } from 'node:fs';
import path from 'node:path';
import { readFile } from 'node:fs/promises';
let manifest = 'package.json';
export async function inspect(dir: string, file: string) {
  const lock = readFileSync(path.join(dir, 'package-lock.json'), 'utf8');
  const other = await readFile(file, 'utf8');
  const own = readFileSync(manifest, 'utf8');
  return [lock, other, own];
}
` }],
        },
        {
          messageId: 'blockingCall',
          line: 7,
          data: { name: 'readFileSync', twin: "await readFile() from 'node:fs/promises'", note: '' },
          suggestions: [{ messageId: 'replaceWithTwin', output: `import { readFileSync } from 'node:fs';
import path from 'node:path';
import { readFile } from 'node:fs/promises';
let manifest = 'package.json';
export async function inspect(dir: string, file: string) {
  const lock = readFileSync(path.join(dir, 'package-lock.json'), 'utf8');
  const other = readFileSync(file, 'utf8');
  const own = await readFile(manifest, 'utf8');
  return [lock, other, own];
}
` }],
        },
      ],
    },
    // The same save when the user lists chownSync among the blocking calls: it gets the built-in
    // twin and its fix; lchownSync, not listed, stays off.
    {
      code: SAVE_STACK('fs.chownSync(file, uid, gid);'),
      options: [{ blockingCalls: [{ module: 'node:fs', names: ['chownSync'] }] }],
      output: SAVE_STACK('await fs.promises.chown(file, uid, gid);'),
      errors: [
        {
          messageId: 'blockingCall',
          line: 10,
          data: { name: 'fs.chownSync', twin: "await chown() from 'node:fs/promises'", note: '' },
          suggestions: [{ messageId: 'replaceWithTwin', output: SAVE_STACK('await fs.promises.chown(file, uid, gid);') }],
        },
      ],
    },
    // webdriverio packages/webdriverio/src/node/savePDF.ts: a browser command writes a whole PDF
    // synchronously, blocking other sessions of a multiremote or standalone process.
    {
      code: `import fs from 'node:fs'
import path from 'node:path'

export async function savePDF(this: WebdriverIO.Browser, filepath: string) {
    const absoluteFilepath = path.resolve(filepath)
    const pdf = await this.printPage()
    const page = Buffer.from(pdf, 'base64')
    fs.writeFileSync(absoluteFilepath, page)
    return page
}
`,
      filename: 'packages/webdriverio/src/node/savePDF.ts',
      output: `import fs from 'node:fs'
import path from 'node:path'

export async function savePDF(this: WebdriverIO.Browser, filepath: string) {
    const absoluteFilepath = path.resolve(filepath)
    const pdf = await this.printPage()
    const page = Buffer.from(pdf, 'base64')
    await fs.promises.writeFile(absoluteFilepath, page)
    return page
}
`,
      errors: [
        {
          messageId: 'blockingCall',
          line: 8,
          suggestions: [
            {
              messageId: 'replaceWithTwin',
              output: `import fs from 'node:fs'
import path from 'node:path'

export async function savePDF(this: WebdriverIO.Browser, filepath: string) {
    const absoluteFilepath = path.resolve(filepath)
    const pdf = await this.printPage()
    const page = Buffer.from(pdf, 'base64')
    await fs.promises.writeFile(absoluteFilepath, page)
    return page
}
`,
            },
          ],
        },
      ],
    },
    // webdriverio packages/webdriverio/src/node/downloadFile.ts: a browser command makes the target
    // folder (one system call, not reported: see single-path operations), then writes the
    // downloaded archive and each file in it synchronously (reported: their cost grows with the
    // download). A careless rule would also report the mkdir; one that skipped single-path calls
    // everywhere would miss a removal per file in the loop.
    {
      code: DOWNLOAD_FILE('fs.writeFileSync(zipFilePath, response.bytes)', 'fs.unlinkSync(path.resolve(targetDirectory, key))'),
      filename: 'packages/webdriverio/src/node/downloadFile.ts',
      output: DOWNLOAD_FILE('await fs.promises.writeFile(zipFilePath, response.bytes)', 'await fs.promises.unlink(path.resolve(targetDirectory, key))'),
      errors: [
        {
          messageId: 'blockingCall',
          line: 8,
          suggestions: [
            {
              messageId: 'replaceWithTwin',
              output: DOWNLOAD_FILE('await fs.promises.writeFile(zipFilePath, response.bytes)', 'fs.unlinkSync(path.resolve(targetDirectory, key))'),
            },
          ],
        },
        {
          messageId: 'blockingCall',
          line: 10,
          suggestions: [
            {
              messageId: 'replaceWithTwin',
              output: DOWNLOAD_FILE('fs.writeFileSync(zipFilePath, response.bytes)', 'await fs.promises.unlink(path.resolve(targetDirectory, key))'),
            },
          ],
        },
      ],
    },
    // A guard on another path does not make the write run once: the file it writes is not the one tested.
    {
      code: `import fs from 'node:fs'

export async function importSQLFile(filename: string, db: { run(sql: string): Promise<void> }) {
    if (!fs.existsSync(filename)) {
        fs.writeFileSync(filename + '.log', 'missing')
    }
    await db.run('SELECT 1')
}
`,
      output: `import fs from 'node:fs'

export async function importSQLFile(filename: string, db: { run(sql: string): Promise<void> }) {
    if (!fs.existsSync(filename)) {
        await fs.promises.writeFile(filename + '.log', 'missing')
    }
    await db.run('SELECT 1')
}
`,
      errors: [
        {
          messageId: 'blockingCall',
          line: 5,
          suggestions: [
            {
              messageId: 'replaceWithTwin',
              output: `import fs from 'node:fs'

export async function importSQLFile(filename: string, db: { run(sql: string): Promise<void> }) {
    if (!fs.existsSync(filename)) {
        await fs.promises.writeFile(filename + '.log', 'missing')
    }
    await db.run('SELECT 1')
}
`,
            },
          ],
        },
      ],
    },
    // webdriverio packages/wdio-utils/src/node/utils.ts: the browser's version by a sync spawn while
    // other capabilities' set-ups and downloads run concurrently (spawnSync has no drop-in twin).
    {
      code: `import cp from 'node:child_process'

export async function getBuildIdByFirefoxPath(firefoxPath: string) {
    const result = cp.spawnSync(firefoxPath, ['--version'], {
        encoding: 'utf8',
        env: process.env
    })
    return result.stdout
}
`,
      filename: 'packages/wdio-utils/src/node/utils.ts',
      errors: [{ messageId: 'blockingCall', line: 4, suggestions: [] }],
    },
    // webdriverio packages/wdio-xvfb/src/ProcessFactory.ts: every worker spawn runs 'which xvfb-run'
    // through a sync helper of the class, while other workers' output is relayed.
    {
      code: `import { execSync } from 'node:child_process'

export class ProcessFactory {
    async createWorkerProcess(scriptPath: string) {
        const isAvailable = this.#isXvfbRunAvailable()
        return isAvailable ? scriptPath : undefined
    }

    #isXvfbRunAvailable(): boolean {
        try {
            execSync('which xvfb-run', { stdio: 'ignore' })
            return true
        } catch {
            return false
        }
    }
}
`,
      filename: 'packages/wdio-xvfb/src/ProcessFactory.ts',
      errors: [{ messageId: 'blockingHelper', line: 5, data: { helper: 'this.#isXvfbRunAvailable', name: 'execSync', twin: "(await promisify(exec)(…)).stdout (promisify from 'node:util', exec from 'node:child_process')" } }],
    },
    // webdriverio packages/wdio-appium-service/src/cli-utils.ts: execSync of xdg-open after Appium
    // was spawned; the process relays Appium's output, which stalls while the opener runs.
    {
      code: `import { execSync } from 'node:child_process'

export async function openBrowser(url: string): Promise<void> {
    const command = \`xdg-open "\${url}"\`
    try {
        execSync(command, { stdio: 'ignore' })
    } catch {
        console.warn(\`please open \${url}\`)
    }
}
`,
      filename: 'packages/wdio-appium-service/src/cli-utils.ts',
      errors: [
        {
          messageId: 'blockingCall',
          line: 6,
          suggestions: [
            {
              messageId: 'replaceWithTwin',
              output: `import { exec } from 'node:child_process'
import { promisify } from 'node:util';

export async function openBrowser(url: string): Promise<void> {
    const command = \`xdg-open "\${url}"\`
    try {
        await promisify(exec)(command, { stdio: 'ignore' })
    } catch {
        console.warn(\`please open \${url}\`)
    }
}
`,
            },
          ],
        },
      ],
    },
    // The loader above with the cache declared inside the function: it is new at each call, so the
    // file is read every time.
    {
      code: `import { readFileSync } from 'node:fs';
function loadCommandSql(name: string): string {
  const commandCache = new Map<string, string>();
  let sql = commandCache.get(name);
  if (sql === undefined) {
    sql = readFileSync(name + '.sql', 'utf8');
    commandCache.set(name, sql);
  }
  return sql;
}
export async function listen(client: { query(sql: string): Promise<void> }): Promise<void> {
  await client.query(loadCommandSql('listen_jobs'));
}`,
      errors: [{ messageId: 'blockingHelper', line: 12 }],
    },
    // A field assigned without testing that it is absent: read again at every call.
    {
      code: `import { readFileSync } from 'node:fs';
class Mailer {
  private template?: string;
  async send(to: string): Promise<void> {
    this.template = readFileSync('mail.html', 'utf8');
    await this.transport.send(to, this.template);
  }
}`,
      errors: [
        {
          messageId: 'blockingCall',
          line: 5,
          suggestions: [
            {
              messageId: 'replaceWithTwin',
              output: `import { readFile } from 'node:fs/promises';
class Mailer {
  private template?: string;
  async send(to: string): Promise<void> {
    this.template = await readFile('mail.html', 'utf8');
    await this.transport.send(to, this.template);
  }
}`,
            },
          ],
        },
      ],
    },
  ],
});
