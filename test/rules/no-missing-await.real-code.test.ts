// Cases reduced from real projects of the labeled corpus (eval/corpus.json): every kind of report
// judged wrong there that the rule no longer makes, and kinds judged right that it keeps. Each
// comment names the project and file the code comes from. Types stand in with `declare` where the
// real code had them from its imports.
import rule from '../../eslint-plugin/src/rules/no-missing-await';
import { createRuleTester, createTypedRuleTester } from '../rule-tester';
import { floatingCase } from './floating-case';

const ruleTester = createRuleTester();
const typedRuleTester = createTypedRuleTester();

/** Where the code runs, declared (oxlint's test copies the cases to folders whose paths say nothing). */
const TEST = { 'async-pitfalls': { codeContext: 'test' } };
const CLI = { 'async-pitfalls': { codeContext: 'cli' } };

/** got test/https.ts, reduced: a test that watches for a warning while it makes a request, its watcher's first step `first`. */
const WARNING_WATCHER_TEST = (first: string) => `import test from 'ava';
import {pEvent} from 'p-event';
test.serial('non-deprecated rejectUnauthorized option', async t => {
  (async () => {
    ${first}
    t.not(warning.name, 'DeprecationWarning');
  })();

  await got({https: {rejectUnauthorized: false}});
  t.pass();
});`;

/** webdriverio packages/wdio-cli/tests/launcher.test.ts, reduced: a test of the exit handler, calling it as `call`. */
const LAUNCHER_EXIT_TEST = (call: string) => `import { beforeEach, expect, it, vi } from 'vitest';
class Launcher {
  runner?: { shutdown(): Promise<void> };
  hasTriggeredExitRoutine = false;
  exitHandler(callback?: (value: boolean) => void): void | Promise<void> {
    if (!callback || !this.runner) {
      return;
    }
    this.hasTriggeredExitRoutine = true;
    return this.runner.shutdown().then(callback);
  }
}
let launcher: Launcher;
beforeEach(() => {
  launcher = new Launcher();
});
it('should shutdown', () => {
  launcher.runner = { shutdown: vi.fn().mockReturnValue(Promise.resolve()) };
  ${call}
  expect(launcher.hasTriggeredExitRoutine).toBe(true);
});`;

/**
 * etherpad-lite src/node/utils/UpdateCheck.ts, reduced: the version check catches every failure
 * and tells the optional callback the caller passed (`params`), returning what it gives back;
 * `handler` is its catch's body, `call` the statement starting it.
 */
const UPDATE_CHECK = (params: string, handler: string, call: string) => `declare function loadInformations(): Promise<{ latestVersion: string }>;
declare function newer(a: string): boolean;
const needsUpdate = async (${params}) => {
  try {
    const info = await loadInformations();
    if (newer(info.latestVersion)) {
      if (cb) return cb(true);
    }
  } catch (err) {
    ${handler}
  }
};
export const check = () => {
  ${call}
};`;

/** The version check started with `.catch()` (given `args`), reported at `line`, with its suggestions' exact outputs. */
function updateCheckCaughtNowhere(params: string, handler: string, line: number, args = '') {
  return {
    code: UPDATE_CHECK(params, handler, `needsUpdate(${args}).catch();`),
    errors: [
      {
        messageId: 'floating' as const,
        line,
        suggestions: [
          { messageId: 'addVoid' as const, output: UPDATE_CHECK(params, handler, `void needsUpdate(${args}).catch();`) },
          // The handler goes into the empty `.catch()`.
          { messageId: 'addCatch' as const, output: UPDATE_CHECK(params, handler, `needsUpdate(${args}).catch((error) => { console.error(error); });`) },
        ],
      },
    ],
  };
}

/**
 * etherpad-lite src/static/js/pluginfw/LinkInstaller.ts, reduced: linking a plugin's sub-dependency
 * records who uses it in a map of sets (declared as \`map\`), then links the dependency's own
 * dependencies without waiting; every step that can fail runs in a try that logs.
 */
const SUB_DEPENDENCY_LINKER = (map: string) => `import { readFileSync, symlinkSync } from 'node:fs';
export class LinkInstaller {
  private readonly dependenciesMap: ${map};
  constructor() {
    this.dependenciesMap = new Map();
  }
  private linkDependency(dependency: string) {
    symlinkSync(dependency, 'node_modules/' + dependency);
  }
  private async addSubDependency(plugin: string, dependency: string) {
    if (this.dependenciesMap.has(dependency)) {
      this.dependenciesMap.get(dependency)?.add(plugin);
    } else {
      try {
        this.linkDependency(dependency);
        const json = JSON.parse(readFileSync(dependency + '/package.json', 'utf8'));
        if (json.dependencies) {
          Object.keys(json.dependencies).forEach((subDependency: string) => {
            this.addSubDependency(dependency, subDependency);
          });
        }
      } catch (err) {
        console.error(\`Error reading package.json \${err}\`);
      }
      this.dependenciesMap.set(dependency, new Set([plugin]));
    }
  }
}`;

/**
 * etherpad-lite src/static/js/pluginfw/hooks.ts, reduced: a second error is scheduled to surface as
 * an unhandled rejection; `comment` is the lines written just above the statement that does it.
 */
const SETTLE_HOOK = (comment: string[]) => `async function settleHook(settle, err) {
  try {
    settle(err);
  } catch (doubleSettleErr) {
${comment.map(line => (line === '' ? '' : `    ${line}`)).join('\n')}
    Promise.resolve().then(() => { throw doubleSettleErr; });
  }
  throw err;
}`;

/**
 * moleculer src/service-broker.js, reduced: a local broadcast hands its handlers' promise back
 * when the options ask for it (`throwError`) and otherwise logs their failure; `setThrow` is a
 * line of the broadcast, `call` the statement of the broker's stop that starts one.
 */
const BROADCAST_LOCAL = (setThrow: string, call: string) => `class ServiceBroker {
  async emitLocalServices(ctx) {
    await this.registry.events.emitLocalServices(ctx);
  }
  broadcastLocal(eventName, payload, opts) {
    if (Array.isArray(opts) || typeof opts === 'string') opts = { groups: opts };
    else if (opts == null) opts = {};
    if (opts.groups && !Array.isArray(opts.groups)) opts.groups = [opts.groups];
    ${setThrow}
    const ctx = { eventName, payload, groups: opts.groups };
    const p = this.emitLocalServices(ctx);
    if (opts.throwError) {
      return p;
    }
    return p.catch(err => {
      this.logger.error(err);
    });
  }
  stop(opts) {
    ${call}
    this.started = false;
  }
}
module.exports = ServiceBroker;`;

/**
 * agenda packages/agenda/src/JobProcessor.ts, reduced: the processor's first pass starts from its
 * constructor; every step that can fail runs inside a try whose catch emits 'error'. `logSetup`
 * makes the logger, `filling` declares the field tracking which queues are filling.
 */
const JOB_PROCESSOR = (logSetup: string, filling: string) => `import { EventEmitter } from 'node:events';
import debug from 'debug';
${logSetup}
declare function lockNextJob(name: string): Promise<{ name: string } | undefined>;
class JobProcessor {
  ${filling}
  lockedJobs: { name: string }[] = [];
  isRunning = true;
  constructor(private agenda: EventEmitter, private names: string[]) {
    this.process();
  }
  async process(): Promise<void> {
    if (!this.isRunning) {
      log.extend('process')('JobProcessor got stopped already, returning');
      return;
    }
    await Promise.all(
      this.names.map(async name => {
        log.extend('process')('queuing up job to process: [%s]', name);
        await this.jobQueueFilling(name);
      }),
    );
  }
  private async jobQueueFilling(name: string): Promise<void> {
    this.isJobQueueFilling.set(name, true);
    try {
      const job = await lockNextJob(name);
      if (job) {
        this.lockedJobs.push(job);
        await this.jobQueueFilling(name);
      }
    } catch (error) {
      log.extend('jobQueueFilling')('[%s] job lock failed while filling queue', name, error);
      this.agenda.emit('error', error);
    } finally {
      this.isJobQueueFilling.delete(name);
    }
  }
}`;

/**
 * A client that starts connecting from its constructor, registering a listener first; `member`
 * is a further member of the class.
 */
const EMITTER_CLIENT = (member: string) => `import { EventEmitter } from 'node:events';
declare function connect(): Promise<void>;
const bus = new EventEmitter();
class Client extends EventEmitter {
  constructor() {
    super();
    this.start();
  }
  ${member}
  async start(): Promise<void> {
    this.once('close', () => this.emit('ended'));
    bus.on('shutdown', () => this.emit('close'));
    try {
      await connect();
    } catch (error) {
      this.emit('error', error);
    }
  }
}`;

/** A worker thread's helper and a pool of the project, with the two calls under test. */
const WORKER_CALLS = (snapshot: string, terminate: string) => `import { Worker } from 'worker_threads';
class Child {
  worker: Worker | undefined;
  snapshot() {
    ${snapshot}
  }
}
class Pool { terminate(): Promise<number> { return Promise.reject(new Error('busy')); } }
function stop(pool: Pool) {
  ${terminate}
}`;

typedRuleTester.run('no-missing-await (real code, with types)', rule, {
  valid: [
    // bullmq tests/bun-adapter-suite.test.ts: the worker's loop is started, not awaited (it
    // resolves only when the worker closes); the test awaits the event it checks, then closes it.
    {
      settings: TEST,
      code: `declare const worker: { run(): Promise<void>; close(): Promise<void>; on(event: 'failed', listener: (job: unknown, error: Error) => void): void };
declare function it(name: string, fn: () => Promise<void>): void;
declare function expect(value: unknown): { toBe(expected: unknown): void };
it('reports the failure', async () => {
  worker.run();
  const error = await new Promise<Error>(resolve => worker.on('failed', (_, err) => resolve(err)));
  expect(error.message).toBe('failed');
  await worker.close();
});`,
    },
    // bullmq tests/events.redis.test.ts: the event consumer loop started in a hook, closed in the next.
    {
      settings: TEST,
      code: `declare const queueEvents: { waitUntilReady(): Promise<void>; run(): Promise<void>; close(): Promise<void> };
declare function beforeEach(fn: () => Promise<void>): void;
declare function afterEach(fn: () => Promise<void>): void;
beforeEach(async () => {
  await queueEvents.waitUntilReady();
  queueEvents.run();
});
afterEach(async () => {
  await queueEvents.close();
});`,
    },
    // ioredis lib/Redis.ts: the connector's promise is handed to asCallback with a node-style
    // callback that handles the error.
    `declare function asCallback<T>(promise: Promise<T>, callback: (err: Error | null, value?: T) => void): Promise<T>;
declare const connector: { connect(): Promise<unknown> };
declare function flushQueue(err: Error): void;
function connect() {
  asCallback(connector.connect(), function (err) {
    if (err) flushQueue(err);
  });
}`,
    // bullmq src/classes/child.ts: a sync kill helper ends a worker thread; terminate()'s promise
    // is only ever fulfilled, with the exit code (the caller waits for the exit event instead).
    `import { Worker } from 'node:worker_threads';
class Child {
  worker: Worker | undefined;
  killProcess() {
    if (this.worker) {
      this.worker.terminate();
    }
  }
}`,
    // ioredis lib/cluster/index.ts: a command called in callback style with a trailing callback.
    `declare const redis: { cluster(subcommand: string, callback: (err: Error | null, result?: unknown) => void): Promise<unknown> };
declare function handle(err: Error | null, result?: unknown): void;
function refreshSlots() {
  redis.cluster('SLOTS', (err, result) => handle(err, result));
}`,
  ],
  invalid: [
    // The same helper taking a heap snapshot, whose promise rejects when the thread has stopped;
    // and a class of the project that is also called Worker.
    {
      code: WORKER_CALLS('this.worker?.getHeapSnapshot();', 'pool.terminate();'),
      errors: [
        {
          messageId: 'floating',
          line: 5,
          suggestions: [
            // Inside the optional chain, so that no \`.catch\` is read from undefined.
            { messageId: 'addVoid', output: WORKER_CALLS('void this.worker?.getHeapSnapshot();', 'pool.terminate();') },
            { messageId: 'addCatch', output: WORKER_CALLS('this.worker?.getHeapSnapshot()?.catch((error) => { console.error(error); });', 'pool.terminate();') },
          ],
        },
        {
          messageId: 'floating',
          line: 10,
          suggestions: [
            { messageId: 'addVoid', output: WORKER_CALLS('this.worker?.getHeapSnapshot();', 'void pool.terminate();') },
            { messageId: 'addCatch', output: WORKER_CALLS('this.worker?.getHeapSnapshot();', 'pool.terminate().catch((error) => { console.error(error); });') },
          ],
        },
      ],
    },
    // uptime-kuma server/notification-providers/pagerduty.js (and flashduty, opsgenie, pagertree,
    // splunk, jira-service-management): the request is returned from inside try, so its
    // rejection skips the catch that formats the error.
    {
      code: `declare const axios: { post(url: string, data: unknown): Promise<{ data: unknown }> };
declare function throwGeneralAxiosError(error: unknown): never;
class PagerDuty {
  async postNotification(url: string, data: unknown) {
    await axios.post(url, data);
    return 'Sent Successfully.';
  }
  async send(url: string, msg: string) {
    try {
      return this.postNotification(url, { msg });
    } catch (error) {
      throwGeneralAxiosError(error);
    }
  }
}`,
      errors: [
        {
          messageId: 'returnInTry',
          line: 10,
          suggestions: [
            {
              messageId: 'returnAwait',
              output: `declare const axios: { post(url: string, data: unknown): Promise<{ data: unknown }> };
declare function throwGeneralAxiosError(error: unknown): never;
class PagerDuty {
  async postNotification(url: string, data: unknown) {
    await axios.post(url, data);
    return 'Sent Successfully.';
  }
  async send(url: string, msg: string) {
    try {
      return await this.postNotification(url, { msg });
    } catch (error) {
      throwGeneralAxiosError(error);
    }
  }
}`,
            },
          ],
        },
      ],
    },
    // bullmq src/classes/sandbox.ts: the parent answers the child without await; a closed IPC
    // channel rejects the send.
    floatingCase(`declare const child: { send(message: unknown): Promise<void> };
async function onMessage(message: { requestId: string }) {
  const result = await handle(message);
  child.send({ requestId: message.requestId, result });
}
declare function handle(message: unknown): Promise<unknown>;`, ['child.send({ requestId: message.requestId, result })']),
  ],
});

/** bullmq scripts/generateRawScripts.ts, with its entry moved into a function that goes on after it. */
const BUILD_IN_FUNCTION = `import { writeFile } from 'fs/promises';
class RawScriptLoader {
  async transpileScripts(readDir: string, writeDir: string): Promise<void> {
    await writeFile(writeDir + '/index.lua', readDir);
  }
}
const scriptLoader = new RawScriptLoader();
function build(): void {
  scriptLoader.transpileScripts('src/commands', 'rawScripts');
  console.log('done');
}
build();`;

/** ioredis lib/cluster/index.ts's queue replay, where sendCommand returns a new promise. */
const REPLAY_NEW_PROMISE = `class Command {
  promise!: Promise<unknown>;
}
class Cluster {
  offlineQueue: { command: Command }[] = [];
  async write(command: Command): Promise<unknown> {
    return command.promise;
  }
  sendCommand(command: Command): Promise<unknown> {
    return this.write(command);
  }
  flushQueue(): void {
    for (const item of this.offlineQueue) {
      this.sendCommand(item.command);
    }
  }
}`;

/**
 * ioredis examples/stream.js, reduced: an entry module (it exports nothing) that starts listening
 * at its top level, beside a timer; `exported` is what the module exports, if anything.
 */
const STREAM_LISTENER = (exported: string) => `import Redis from 'ioredis';
const sub = new Redis();
async function listenForMessage(lastId = '$') {
  const results = await sub.xread('BLOCK', 0, 'STREAMS', 'user-stream', lastId);
  const [, messages] = results[0];
  await listenForMessage(messages[messages.length - 1][0]);
}
listenForMessage();
setInterval(() => console.log('tick'), 1000);
${exported}`;

/**
 * moleculer examples/loadtest/client.js, reduced: each request's promise ends in a catch that
 * counts the failure, and the next request is chained on it through a timer; `ending` ends the
 * request's chain, `next` is the chained step.
 */
const LOAD_TEST_WORK = (ending: string, next: string) => `const ServiceBroker = {
  async call(action, params) {
    return { action, params };
  },
};
let callCount = 0;
let errorCount = 0;
function work() {
  const payload = { c: callCount };
  const p = ServiceBroker.call("perf.reply", payload)
    .then(() => {
      callCount++;
    })${ending};
  if (process.env.FLOOD > 0) setImmediate(work);
  else ${next};
}
work();`;

const LOAD_TEST_CATCH = `
    .catch(err => {
      console.warn(err.message, " Counter:", payload.c);
      errorCount++;
    })`;

ruleTester.run('no-missing-await (real code, without types)', rule, {
  valid: [
    // The chained step only starts a timer, whose handle is no promise; the chain cannot reject.
    LOAD_TEST_WORK(LOAD_TEST_CATCH, 'p.then(() => setImmediate(work))'),
    LOAD_TEST_WORK(LOAD_TEST_CATCH, 'p.then(() => process.nextTick(work))'),
    // The entry module's own start call: a rejection ends the process with the error printed,
    // which is what a failed start does anyway, though a timer keeps the program running.
    STREAM_LISTENER(''),
    // bullmq src/classes/sandbox.ts: the executor's helper routes every error to reject.
    `const done = new Promise((resolve, reject) => {
  const initChild = async () => {
    try {
      await child.init();
      resolve(child);
    } catch (error) {
      reject(error);
    }
  };
  initChild();
});`,
    // got test/abort.ts and test/progress.ts: a test server streams a slow body and catches the
    // pipeline's failure before ending the response.
    {
      settings: TEST,
      code: `import { pipeline as streamPipeline } from 'node:stream/promises';
const handler = (request, response) => {
  response.flushHeaders();
  (async () => {
    try {
      await streamPipeline(slowDataStream(clock), response);
    } catch {}
    response.end();
  })();
};`,
    },
    // ioBroker packages/controller/controller.js: a start script kept for older installations loads
    // the program with import() and calls its init(); a failed start ends the process with the
    // error printed, which is what it would do anyway.
    "import('./build/esm/main.js').then(res => res.init());",
    // ioredis examples/hash.js: an example script's entry call; a failure ends it with the error printed.
    {
      settings: CLI,
      code: `const Redis = require("ioredis");
const redis = new Redis();
async function main() {
  await redis.hset("user-hash", "age", 20);
  console.log(await redis.hget("user-hash", "age"));
}
main();`,
    },
    // bullmq scripts/commandTransform.js: a build script's top-level main.
    {
      settings: CLI,
      code: `const { readdir, writeFile } = require('fs/promises');
const loadScripts = async (readDir, writeDir) => {
  for (const file of await readdir(readDir)) await writeFile(writeDir + '/' + file, '');
};
loadScripts(process.argv[2], process.argv[3]);`,
    },
    // uptime-kuma server/server.js: the server's start-up IIFE; failures it does not catch go to
    // the unhandledRejection logger the file installs.
    {
      code: `process.on("unhandledRejection", (error) => { log.error("server", error); });
(async () => {
  await Database.connect();
  await server.listen(port);
})();`,
    },
    // webdriverio packages/wdio-cli/bin/wdio.js: a bin's IIFE that imports and runs the CLI.
    {
      filename: 'packages/wdio-cli/bin/wdio.js',
      code: `#!/usr/bin/env node
(async () => {
  const cli = await import('../build/index.js');
  return cli.run();
})();`,
    },
    // etherpad-lite bin/plugins.ts: each command of the tool ends by starting its async work in an
    // IIFE; a dispatcher at the top level calls the command. A rejection ends the tool with the
    // error printed, as a top-level main() would.
    {
      filename: 'bin/plugins.ts',
      settings: CLI,
      code: `const list = () => {
  const walk = async () => {
    const plugins = await readInstalled();
    console.log('Installed plugins are:', plugins);
  };
  (async () => {
    await walk();
  })();
};
const remove = (plugins: string[]) => {
  (async () => {
    await checkForMigration();
    for (const plugin of plugins) await uninstallPlugin(plugin);
  })();
};
switch (process.argv[2]) {
  case 'ls': list(); break;
  case 'rm': remove(process.argv.slice(3)); break;
}`,
    },
    // etherpad-lite src/templates/indexBootstrap.js: the page's bootstrap loads its modules in an
    // async IIFE. In a page an unhandled rejection is reported in the console and ends nothing.
    {
      filename: 'src/templates/indexBootstrap.js',
      code: `(async () => {
  window.$ = window.jQuery = await loadJQuery();
  await import('./welcome.js');
})();`,
    },
    // etherpad-lite src/static/js/broadcast.ts: the time slider tells plugins of a new revision
    // without waiting for them.
    `import $ from 'jquery';
const hooks = { async aCallAll(name, context) { return [name, context]; } };
export function goToRevision(revision) {
  $('#revision').text(revision);
  hooks.aCallAll('goToRevisionEvent', { rev: revision });
}`,
    // etherpad-lite src/static/js/pluginfw/hooks.ts: a second error is scheduled to surface as an
    // unhandled rejection, so that the caller sees the first one; the comment says so.
    SETTLE_HOOK(['// Schedule the throw of the double settle error via Promise.resolve().then() (which will', '// result in an unhandled Promise rejection) so that the original error is seen by the caller.']),
    // The same as written there: the reason is on the second of four comment lines, which a reader
    // takes as one comment.
    SETTLE_HOOK(['// Schedule the throw of the double settle error on the event loop via', '// Promise.resolve().then() (which will result in an unhandled Promise rejection) so that the', '// original error is the error that is seen by the caller. Fixing the original error will', '// likely fix the double settle bug, so the original error should get priority.']),
    // etherpad-lite src/node/utils/Stream.ts: rejections suppressed while values are buffered are
    // let through again for the values left when the consumer stops.
    `export async function* batch(values, size) {
  const b = [];
  try {
    for (const v of values) {
      Promise.resolve(v).catch(() => {});
      b.push(v);
      if (b.length >= size) yield b.splice(0);
    }
  } finally {
    for (const v of b) Promise.resolve(v).then(() => {}); // Un-suppress unhandled rejections.
  }
}`,
    // bullmq src/classes/redis-queue-backend.ts: commands queued on a pipeline, with a comment
    // saying why they are not awaited one by one.
    `class RedisQueueBackend {
  async addJobs(entries) {
    const pipeline = client.pipeline();
    // Queue each insert on the pipeline. The command is enqueued synchronously,
    // so we do not need to await each call before executing the pipeline.
    for (const entry of entries) {
      this.addJobToTransaction(pipeline, entry.job);
    }
    return pipeline.exec();
  }
  async addJobToTransaction(pipeline, job) {
    return pipeline.addJob(job);
  }
}`,
    // ioredis bin/index.js: a generator script's main is caught before it exits.
    {
      settings: CLI,
      code: `const fs = require("fs/promises");
async function main() {
  const template = await fs.readFile("template.ts", "utf8");
  await fs.writeFile("lib/utils/RedisCommander.ts", template);
}
main()
  .catch(console.error)
  .then(() => process.exit(0));`,
    },
    // knex test/tape/index.js: the entry of a test suite prepares each database in an IIFE.
    {
      settings: TEST,
      code: `(async () => {
  for (const key of Object.keys(knexfile)) {
    const knex = makeKnex(knexfile[key]);
    await prepDB(knex);
    require('./transactions')(knex);
  }
})();`,
    },
    // fastify test/custom-http-server.test.js: a test file's setup registers its tests after a lookup.
    {
      settings: TEST,
      code: `const { test } = require('node:test');
const dns = require('node:dns').promises;
async function setup() {
  const localAddresses = await dns.lookup('localhost', { all: true });
  test('custom server', async (t) => {
    t.assert.ok(localAddresses.length > 0);
  });
}
setup();`,
    },
    // got test/pagination.ts: a flag setter on a promise the test awaits two lines later.
    {
      settings: TEST,
      code: `import test from 'ava';
test('backoff', async t => {
  let receivedLastOne = false;
  const promise = asyncIterator.next();
  (async () => {
    await promise;
    receivedLastOne = true;
  })();
  await delay(100);
  t.false(receivedLastOne);
  await promise;
  t.true(receivedLastOne);
});`,
    },
    // agenda packages/agenda/test/shared/agenda-test-suite.ts: a job that calls its done-callback
    // from a detached async function, the behaviour under test.
    {
      settings: TEST,
      code: `import { delay } from './helpers';
it('waits for the callback even if the function is async', async () => {
  let finishedCb = false;
  agenda.define('async-cb-job', async (_job, cb) => {
    (async () => {
      await delay(5);
      finishedCb = true;
      cb();
    })();
  });
  await agenda.now('async-cb-job');
  expect(finishedCb).to.equal(true);
});`,
    },
    // webdriverio packages/wdio-cli/tests/launcher.test.ts: the test calls the exit handler with a
    // spy and checks only what the handler did before its first await; vitest's spies and mocks
    // (`vi.fn()`) assert nothing, so the floating promise carries no assertion.
    {
      settings: TEST,
      code: LAUNCHER_EXIT_TEST('launcher.exitHandler(vi.fn());'),
    },
    // got test/https.ts: a watcher that waits for a warning that may never come, by design; its
    // check runs if the event comes, as a listener's would.
    { settings: TEST, code: WARNING_WATCHER_TEST("const warning = await pEvent(process, 'warning') as Error;") },
    // The same with node:events' once.
    {
      settings: TEST,
      code: WARNING_WATCHER_TEST("const [warning] = await once(process, 'warning');").replace(
        "import {pEvent} from 'p-event';",
        "import {once} from 'node:events';",
      ),
    },
    // pm2 test/fixtures/promise/rejection.js: a fixture that raises an unhandled rejection on purpose.
    {
      settings: TEST,
      code: `setTimeout(function() {
  Promise.reject(new Error('Errorla'));
}, 1000);`,
    },
    // ioredis docs/assets/main.js: a generated, minified documentation bundle.
    {
      filename: 'docs/assets/main.js',
      code: `"use strict";(()=>{async function a(){let r=await fetch("search.js");return r.json()}a();${'var b=1;'.repeat(300)}})();`,
    },
    // bullmq scripts/generateRawScripts.ts: a build script's entry is a method of an instance of
    // its own class; a failure ends the script with the error printed.
    {
      settings: CLI,
      code: `import { writeFile } from 'fs/promises';
class RawScriptLoader {
  async transpileScripts(readDir: string, writeDir: string): Promise<void> {
    await writeFile(writeDir + '/index.lua', readDir);
  }
}
const scriptLoader = new RawScriptLoader();
scriptLoader.transpileScripts('src/commands', 'rawScripts');`,
    },
    // etherpad-lite's version check, started without a callback and with `.catch()` (which
    // handles nothing: the promise settles as the check's does), and with a callback and an
    // empty `.then()` step: the check cannot reject, and what the caller's own callback gives
    // back is the caller's business.
    UPDATE_CHECK('cb?: Function', 'console.error(`Can not perform update check: ${err}`);\n    if (cb) return cb(false);', 'needsUpdate().catch();'),
    // With \`cb\` not the last parameter, started without one: \`if (cb)\` never runs for this
    // call, so its catch gives nothing back and the check cannot reject.
    UPDATE_CHECK('cb?: Function, retries?: number', 'if (cb) return cb(false);', 'needsUpdate().catch();'),
    UPDATE_CHECK('cb?: Function', 'console.error(`Can not perform update check: ${err}`);\n    if (cb) return cb(false);', 'needsUpdate((update: boolean) => { if (update) console.warn(\'Update available\'); }).then(() => {});'),
    // etherpad-lite's plugin linker: the recursive step cannot reject; recording a dependent in a
    // value of the map, declared a Set, cannot throw.
    SUB_DEPENDENCY_LINKER('Map<string, Set<string>>'),
    // etherpad-lite src/node/utils/UpdateCheck.ts as CommonJS: the check is an export of the file,
    // called through \`exports\`, and catches every failure.
    `exports.needsUpdate = async () => {
  try {
    await fetch('https://example.com/info.json');
  } catch (err) {
    console.error(\`Can not perform update check: \${err}\`);
  }
};
exports.check = () => {
  exports.needsUpdate();
};`,
    // etherpad-lite src/node/server.ts: the entry runs the start the file exports when run as the
    // main module; a failure ends the program with the error printed.
    `exports.start = async () => {
  await new Promise(resolve => setTimeout(resolve, 1));
  throw new Error('port in use');
};
if (require.main === module) exports.start();`,
    // An export assigned twice is not known to be either function: no evidence of a promise.
    `exports.needsUpdate = async () => fetch('https://example.com/info.json');
exports.needsUpdate = () => undefined;
exports.check = () => {
  exports.needsUpdate();
};`,
    // A field holding the connection's ready promise, handed back by a method.
    `class Connection {
  ready: Promise<void> = connect();
  whenReady(): Promise<void> {
    return this.ready;
  }
  start(): void {
    this.whenReady();
  }
}
declare function connect(): Promise<void>;`,
    // agenda packages/agenda/src/JobProcessor.ts: the first pass cannot reject. Outside its try it
    // only logs through debug's logger and writes a Map field; three calls deep, the queue filling
    // catches every failure.
    JOB_PROCESSOR("const log = debug('agenda:jobProcessor');", 'private isJobQueueFilling = new Map<string, boolean>();'),
    // The same with the field's Map made in the constructor's place, and a logger of a logger.
    JOB_PROCESSOR("const base = debug('agenda');\nconst log = base.extend('jobProcessor');", 'private isJobQueueFilling: Map<string, boolean>;\n  reset(): void { this.isJobQueueFilling = new Map(); }'),
    // Registering listeners on node:events' own emitters (this one's class, a constant made here)
    // cannot throw; the connection's failure is caught.
    EMITTER_CLIENT('closed = false;'),
    // ioredis lib/cluster/index.ts: replaying the offline queue re-sends commands whose promise the
    // original callers hold; sendCommand only hands that promise (command.promise) back.
    `class Command {
  promise!: Promise<unknown>;
  reject(error: Error): void {}
}
class Cluster {
  status = 'ready';
  offlineQueue: { command: Command }[] = [];
  sendCommand(command: Command): Promise<unknown> {
    if (this.status === 'end') {
      command.reject(new Error('Connection is closed.'));
      return command.promise;
    }
    this.offlineQueue.push({ command });
    return command.promise;
  }
  flushQueue(): void {
    const queue = this.offlineQueue;
    this.offlineQueue = [];
    for (const item of queue) {
      this.sendCommand(item.command);
    }
  }
}`,
    // moleculer's broker: a broadcast without options, or with options that leave \`throwError\`
    // unset, logs its handlers' failure and cannot reject.
    BROADCAST_LOCAL('', "this.broadcastLocal('$broker.stopped');"),
    BROADCAST_LOCAL('', "this.broadcastLocal('$broker.error', { error: new Error('stop') }, { groups: ['metrics'] });"),
    BROADCAST_LOCAL('', "this.broadcastLocal('$broker.error', { error: new Error('stop') }, undefined);"),
  ],
  invalid: [
    // The same load in a module that exports something: it is imported, not run, and a failed
    // load is a lost rejection in whoever imports it.
    {
      code: "import('./build/esm/main.js').then(res => res.init());\nexport const version = '7.0.0';",
      errors: [
        {
          messageId: 'floating',
          line: 1,
          suggestions: [
            { messageId: 'addAwait', output: "await import('./build/esm/main.js').then(res => res.init());\nexport const version = '7.0.0';" },
            { messageId: 'addVoid', output: "void import('./build/esm/main.js').then(res => res.init());\nexport const version = '7.0.0';" },
            {
              messageId: 'addCatch',
              output: "import('./build/esm/main.js').then(res => res.init()).catch((error) => { console.error(error); });\nexport const version = '7.0.0';",
            },
          ],
        },
      ],
    },
    // Without the catch, the failed request's rejection reaches the chained step's promise.
    floatingCase(LOAD_TEST_WORK('', 'p.then(() => setImmediate(work))'), ['p.then(() => setImmediate(work))'], { canAwait: false }),
    // The chained step runs the next request itself: its promise may reject.
    floatingCase(LOAD_TEST_WORK(LOAD_TEST_CATCH, 'p.then(() => ServiceBroker.call("perf.reply", {}))'), ['p.then(() => ServiceBroker.call("perf.reply", {}))'], { canAwait: false }),
    // The same broadcast asked to give its handlers' failure back, or given options the caller
    // was handed (which may ask it), or setting the option itself: it may reject.
    floatingCase(BROADCAST_LOCAL('', "this.broadcastLocal('$broker.stopped', {}, { throwError: true });"), ["this.broadcastLocal('$broker.stopped', {}, { throwError: true })"], { canAwait: false }),
    floatingCase(BROADCAST_LOCAL('', "this.broadcastLocal('$broker.stopped', {}, opts);"), ["this.broadcastLocal('$broker.stopped', {}, opts)"], { canAwait: false }),
    floatingCase(BROADCAST_LOCAL('opts.throwError = this.strict;', "this.broadcastLocal('$broker.stopped');"), ["this.broadcastLocal('$broker.stopped')"], { canAwait: false }),
    // The same call in a module that exports: a library module, whose importer's process loses it.
    floatingCase(STREAM_LISTENER('export { listenForMessage };'), ['listenForMessage()']),
    // The map's values are declared as something else (a plugin's own object): its \`add\` may
    // throw, and the step's promise may reject.
    floatingCase(SUB_DEPENDENCY_LINKER('Map<string, { add(name: string): void }>'), ['this.addSubDependency(dependency, subDependency)'], { canAwait: false }),
    // The CommonJS export without its catch: an async function of the file, called through
    // \`exports\`, whose rejection is lost.
    floatingCase(
      `exports.needsUpdate = async () => {
  await fetch('https://example.com/info.json');
};
exports.check = () => {
  exports.needsUpdate();
};`,
      ['exports.needsUpdate()'],
      { canAwait: false },
    ),
    // The check's catch rethrows: `.catch()` with no handler leaves the rejection unhandled.
    updateCheckCaughtNowhere('cb?: Function', 'if (cb) return cb(false);\n    throw err;', 15),
    // `cb` is not the last parameter, so not the callback that hands the outcome back: what the
    // one the caller passes returns, returned from the check, may be a promise that rejects.
    updateCheckCaughtNowhere('cb?: Function, retries?: number', 'if (cb) return cb(false);', 14, 'notifyUpdate, 3'),
    // The test of the valid case above, checking the shutdown in a step chained to the handler's
    // promise: the step runs after the test has passed, so its check is lost.
    {
      settings: TEST,
      code: LAUNCHER_EXIT_TEST('launcher.exitHandler(vi.fn())?.then(() => expect(launcher.runner?.shutdown).toHaveBeenCalled());'),
      errors: [
        {
          messageId: 'floating',
          line: 19,
          suggestions: [
            // Inside the optional chain, so that no `.catch` is read from undefined.
            { messageId: 'addVoid', output: LAUNCHER_EXIT_TEST('void launcher.exitHandler(vi.fn())?.then(() => expect(launcher.runner?.shutdown).toHaveBeenCalled());') },
            { messageId: 'addCatch', output: LAUNCHER_EXIT_TEST('launcher.exitHandler(vi.fn())?.then(() => expect(launcher.runner?.shutdown).toHaveBeenCalled())?.catch((error) => { console.error(error); });') },
          ],
        },
      ],
    },
    // The watcher of the valid case above, when its first step is a request, not an event: its
    // check is lost when the test ends first.
    {
      settings: TEST,
      ...floatingCase(WARNING_WATCHER_TEST('const warning = await fetchLastWarning();'), [
        "(async () => {\n    const warning = await fetchLastWarning();\n    t.not(warning.name, 'DeprecationWarning');\n  })()",
      ]),
    },
    // The commands of etherpad-lite's bin/plugins.ts above: not when something follows the IIFE in
    // the command (it races the work), nor in an async command (its caller sees it settle before
    // the work ends), nor in long-running code (a rejection there crashes the server).
    {
      settings: CLI,
      ...floatingCase(`const list = () => {
  (async () => {
    await walk();
  })();
  console.log('done');
};
list();`, [`(async () => {
    await walk();
  })()`], { canAwait: false }),
    },
    {
      settings: CLI,
      ...floatingCase(`const remove = async () => {
  (async () => {
    await checkForMigration();
  })();
};
await remove();`, [`(async () => {
    await checkForMigration();
  })()`]),
    },
    floatingCase(`const list = () => {
  (async () => {
    await walk();
  })();
};
list();`, [`(async () => {
    await walk();
  })()`], { canAwait: false }),
    // In the page too, a floating promise inside a try skips the catch the code wrote for it.
    floatingCase(`const hooks = { async aCallAll(name) { return name; } };
export function goToRevision(revision) {
  try {
    document.title = String(revision);
    hooks.aCallAll('goToRevisionEvent');
  } catch (error) {
    document.title = 'failed';
  }
}`, ["hooks.aCallAll('goToRevisionEvent')"], { canAwait: false }),
    // A comment that only says what the code does is no reason.
    floatingCase(SETTLE_HOOK(['// Report the second error too.']), ['Promise.resolve().then(() => { throw doubleSettleErr; })']),
    // A reason in a comment a blank line away belongs to something else: the comment just above
    // only says what the code does.
    floatingCase(SETTLE_HOOK(['// Errors here would result in an unhandled Promise rejection.', '', '// Report the second error too.']), ['Promise.resolve().then(() => { throw doubleSettleErr; })']),
    // The start-up IIFE of the valid case above, where the file takes its error handler away
    // (removeListener adds none): its rejection is unhandled.
    floatingCase(`process.removeListener("unhandledRejection", onError);
(async () => {
  await Database.connect();
})();`, [`(async () => {
  await Database.connect();
})()`]),
    // The same, where `process` is a local emitter, not Node's: no process-wide handler is installed.
    floatingCase(`const process = new Emitter();
process.on("unhandledRejection", (error) => { log.error("server", error); });
(async () => {
  await Database.connect();
})();`, [`(async () => {
  await Database.connect();
})()`]),
    // uptime-kuma extra/push-examples/javascript-fetch/index.js: a long-running pusher whose
    // first push floats; a network error crashes it.
    floatingCase(`const pushURL = "https://example.com/api/push/key?status=up&msg=OK&ping=";
const interval = 60;
const push = async () => {
  await fetch(pushURL);
  console.log("Pushed!");
};
push();
setInterval(push, interval * 1000);`, ['push()']),
    // uptime-kuma server/model/maintenance.js: an async step called unawaited inside the try
    // that is meant to log the maintenance's errors.
    floatingCase(`class Maintenance {
  async startEvent() {
    this.last_start_date = new Date();
    await R.store(this);
  }
  async run() {
    try {
      this.startEvent();
    } catch (e) {
      log.error("maintenance", e);
    }
  }
}`, ['this.startEvent()']),
    // The build script's method called inside a function that goes on after it: the work races
    // ahead of what follows and its failure is lost.
    { settings: CLI, ...floatingCase(BUILD_IN_FUNCTION, ["scriptLoader.transpileScripts('src/commands', 'rawScripts')"], { canAwait: false }) },
    // The queue replay where sendCommand makes a new promise (an async write): each one floats.
    // The same method when \`ready\` is a getter: each read makes a new promise, which floats.
    floatingCase(
      `class Connection {
  async load(): Promise<void> {}
  get ready(): Promise<void> {
    return this.load();
  }
  whenReady(): Promise<void> {
    return this.ready;
  }
  start(): void {
    this.whenReady();
  }
}`,
      ['this.whenReady()'],
      { canAwait: false },
    ),
    floatingCase(REPLAY_NEW_PROMISE, ['this.sendCommand(item.command)'], { canAwait: false }),
    // The processor when the field is also given something other than a Map (whose set may
    // throw), when the logger comes from a module of the project (which may do anything), and
    // when the logger is configured, which reads options and throws on wrong ones.
    floatingCase(
      JOB_PROCESSOR("const log = debug('agenda:jobProcessor');", 'private isJobQueueFilling: Map<string, boolean> = new Map();\n  adopt(tracker: Map<string, boolean>): void { this.isJobQueueFilling = tracker; }'),
      ['this.process()'],
      { canAwait: false },
    ),
    floatingCase(
      JOB_PROCESSOR("import { log } from './log';", 'private isJobQueueFilling = new Map<string, boolean>();'),
      ['this.process()'],
      { canAwait: false },
    ),
    // ... when the field may be gone (deleted), when only a nested class's own `this` gets a Map,
    // and when the Map is a class of the file whose set throws.
    ...[
      'private isJobQueueFilling = new Map<string, boolean>();\n  stop(): void { delete this.isJobQueueFilling; }',
      'private isJobQueueFilling!: Map<string, boolean>;\n  static Tracker = class { constructor() { this.isJobQueueFilling = new Map(); } isJobQueueFilling: unknown };',
    ].map(filling => floatingCase(JOB_PROCESSOR("const log = debug('agenda:jobProcessor');", filling), ['this.process()'], { canAwait: false })),
    floatingCase(
      JOB_PROCESSOR(
        "const log = debug('agenda:jobProcessor');\nclass Map<K, V> {\n  set(key: K, value: V): void { throw new Error(`read-only: ${String(key)}`); }\n  delete(key: K): void {}\n}",
        'private isJobQueueFilling = new Map<string, boolean>();',
      ),
      ['this.process()'],
      { canAwait: false },
    ),
    floatingCase(
      JOB_PROCESSOR("const log = { extend: (ns: string) => (...args: unknown[]) => { throw new Error(ns); } };", 'private isJobQueueFilling = new Map<string, boolean>();'),
      ['this.process()'],
      { canAwait: false },
    ),
    // The client when its class declares its own listener method: the platform's once registers
    // through this.on, which may now do anything.
    floatingCase(
      EMITTER_CLIENT("on(event: string, listener: () => void): this {\n    if (event === 'close') throw new Error('not supported');\n    return super.on(event, listener);\n  }"),
      ['this.start()'],
      { canAwait: false },
    ),
    // loglevel's exported logger logs without throwing, but setting a level checks it.
    floatingCase(
      `import log from 'loglevel';
async function refresh(level: string): Promise<void> {
  log.info('refreshing');
  try {
    await fetch('https://example.com');
  } catch (error) {
    log.error(error);
  }
}
async function configure(level: string): Promise<void> {
  log.setLevel(level as log.LogLevelDesc);
  try {
    await fetch('https://example.com');
  } catch (error) {
    log.error(error);
  }
}
function start(): void {
  refresh('info');
  configure('verbose');
}`,
      ["configure('verbose')"],
      { canAwait: false },
    ),
  ],
});
