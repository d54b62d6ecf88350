// Cases reduced from real projects of the labeled corpus (eval/corpus.json): every kind of report
// judged wrong there that the rule no longer makes, and kinds judged right that it keeps. Each
// comment names the project and file the code comes from.
import rule from '../../eslint-plugin/src/rules/no-misused-async-callback';
import { createRuleTester, createTypedRuleTester } from '../rule-tester';
import { PUSH_EXAMPLE_HANDLER } from './real-code-cases';

/** Where the code runs, declared (oxlint's test copies the cases to folders whose paths say nothing). */
const TEST = { 'async-pitfalls': { codeContext: 'test' } };
const CLI = { 'async-pitfalls': { codeContext: 'cli' } };

const ruleTester = createRuleTester();

/**
 * webdriverio packages/wdio-lighthouse-service/src/gatherer/trace.ts, reduced: when no page load
 * follows a click, a timer gives up the trace through a plain method of the class, then ends the
 * browser's trace in a try that logs a failure; `reset` is a step of the plain method.
 */
const TRACE_TIMEOUT = (reset: string) => `import logger from '@wdio/logger';
const log = logger('lighthouse:trace');
declare const driver: { endTrace(): Promise<void> };
class TraceGatherer {
  frames = new Map<string, string>();
  traceStart?: number;
  clickTimeout?: ReturnType<typeof setTimeout>;
  startTracing(): void {
    this.traceStart = Date.now();
    this.clickTimeout = setTimeout(async () => {
      log.info('No page load detected, canceling trace');
      this.finishTracing();
      try {
        await driver.endTrace();
      } catch (error) {
        log.error(error);
      }
    }, 5000);
  }
  finishTracing(): void {
    log.info('Tracing completed');
    ${reset}
    delete this.traceStart;
  }
}`;

/**
 * etherpad-lite src/node/hooks/express/adminsettings.ts, reduced: the admin settings page's `load`
 * listener reads the settings file (`read`), then answers on the socket.
 */
const SETTINGS_LOAD = (read: string): string => `import fsp from 'node:fs/promises';
import log4js from 'log4js';
import settings from '../../utils/Settings';
const logger = log4js.getLogger('adminSettings');
export const socketio = (io: any) => io.of('/settings').on('connection', (socket: any) => {
  socket.on('load', async (query: string) => {
    let data;
    ${read}
    if (settings.showSettingsInAdminPage === false) {
      socket.emit('settings', { results: 'NOT_ALLOWED' });
    } else {
      socket.emit('settings', { results: data });
    }
  });
});`;
/** The same with the listener's body wrapped by the rule's suggestion. */
const SETTINGS_LOAD_WRAPPED = (read: string): string =>
  SETTINGS_LOAD(read)
    .replace("socket.on('load', async (query: string) => {", "socket.on('load', async (query: string) => { try {")
    .replace('    }\n  });\n});', '    }\n  } catch (error) { console.error(error); } });\n});');
/** A read whose promise is returned from the try. */
const RETURNED_READ = 'try {\n      return fsp.readFile(settings.settingsFilename, "utf8");\n    } catch (err) {\n      return logger.error(`Error loading settings: ${err}`);\n    }';
/** Its real read: in a try whose catch logs and returns. */
const LOAD_READ = 'try {\n      data = await fsp.readFile(settings.settingsFilename, "utf8");\n    } catch (err) {\n      return logger.error(`Error loading settings: ${err}`);\n    }';

/** uptime-kuma's getPushExample socket handler, ending with an emit instead of the acknowledgement. */
const PUSH_EXAMPLE_EMITS = `socket.on("getPushExample", async (language, callback) => {
  try {
    const files = await fsAsync.readdir(path.join("./extra/push-examples", language));
    callback({ ok: true, files });
    return;
  } catch (e) {}
  socket.emit("pushExampleMissing", language);
});`;

/**
 * webdriverio's logger wait (the valid case below) followed by `last`, a statement after which the
 * timer's callee is no longer known: the timer's async callback is reported.
 */
function loggerWaitReported(last: string) {
  const wait = (timerBody: string) => `let logFile;
export default function getLogger(name) { return loggers[name]; }
getLogger.waitForBuffer = async () => new Promise(resolve => {
  if (logFile && logFile.writableBuffer.length !== 0) {
    return setTimeout(${timerBody}, 20);
  }
  resolve();
});
${last}`;
  return {
    code: wait(`async () => {
      await getLogger.waitForBuffer();
      resolve();
    }`),
    errors: [
      {
        messageId: 'handler' as const,
        line: 5,
        suggestions: [
          {
            messageId: 'wrapInTryCatch' as const,
            output: wait(`async () => { try {
      await getLogger.waitForBuffer();
      resolve();
    } catch (error) { console.error(error); } }`),
          },
        ],
      },
    ],
  };
}

/**
 * etherpad-lite src/node/utils/Minify.ts: an async executor whose awaits are all caught; what follows
 * writes a cache that the module empties by giving it a new Map.
 */
const MINIFY = (reset: string) => `import log4js from 'log4js';
const logger = log4js.getLogger('Minify');
let contentCache = new Map();
export const getFileCompressed = async (filename: string, content: string) => {
  return await new Promise(async (resolve) => {
    try {
      logger.info('Compress JS file %s.', filename);
      try {
        content = (await compressJS(content)).code.toString();
      } catch (error) {
        console.error('Error compressing JS', error);
      }
    } catch (error) {
      console.error('getFile() returned an error: ' + error);
    }
    contentCache.set(filename, content);
    resolve(content);
  });
};
export const requestURIs = () => { ${reset} };`;

/**
 * Haraka outbound/index.js, reduced: the queue file's close listener names its destination with
 * `join`, then renames inside a try whose catch logs, removes the temporary file (its own catch)
 * and rejects the enclosing promise.
 */
const QUEUE_FILE_CLOSE = (join: string): string => `const path = require('node:path')
const fs = require('node:fs/promises')
const { createWriteStream } = require('node:fs')
exports.processDelivery = function (queueDir, tmpPath, fname, hmails, layout) {
    return new Promise((resolve, reject) => {
        const ws = createWriteStream(tmpPath)
        ws.on('close', async () => {
            const destPath = ${join}(queueDir, fname)
            try {
                await fs.rename(tmpPath, destPath)
                hmails.push(destPath)
                resolve()
            } catch (err) {
                console.error(\`Unable to rename tmp file: \${err}\`)
                await fs.unlink(tmpPath).catch(() => {})
                reject('Queue error')
            }
        })
    })
}
`;

/**
 * moleculer src/loggers/file.js, reduced: the file logger flushes its queue on a timer through a
 * plain arrow; `append` is what the flush returns when rows are queued.
 */
const FILE_LOGGER_FLUSH = (append: string): string => `const fs = require("fs/promises");
class FileLogger {
  init() {
    this.timer = setInterval(() => this.flush(), this.opts.interval);
  }
  flush() {
    if (this.queue.length > 0) {
      const filename = this.getFilename();
      const rows = Array.from(this.queue);
      this.queue.length = 0;
      const buf = rows.join(this.opts.eol) + this.opts.eol;
      return ${append};
    }
    return Promise.resolve();
  }
}
module.exports = FileLogger;`;

/**
 * moleculer src/cachers/memory.js, reduced: after the transporter connects, a listener clears the
 * cache through `clean`, which deletes the matching entries and answers with the broker's promise
 * library (`this.broker.Promise`), as its JSDoc and the cacher interface say; `answer` ends
 * `clean`, after `work`.
 */
const MEMORY_CACHER_CLEAN = (answer: string, work = 'const matches = Array.isArray(match) ? match : [match];\n    this.cache.forEach((value, key) => {\n      if (matches.some(match => utils.match(key, match))) this.cache.delete(key);\n    });\n    ') => `const utils = require("../utils");
class MemoryCacher {
  init(broker) {
    this.broker = broker;
    this.cache = new Map();
    broker.localBus.on("$transporter.connected", () => {
      return this.clean();
    });
  }
  /**
   * Clean cache. Remove every key by match
   *
   * @param {string|Array<string>} match string. Default is "**"
   * @returns {Promise}
   */
  clean(match = "**") {
    ${work}${answer}
  }
}
module.exports = MemoryCacher;`;

/**
 * ioBroker packages/adapter/src/lib/adapter/adapter.ts, reduced: the adapter's process listeners
 * hand the event to its methods. The exception handler logs, then writes a notification inside a
 * try whose catch ignores the failure (`notify`); the stop closes the database.
 */
const ADAPTER_LISTENERS = (notify: string, exitEvent = 'exit'): string => `class Adapter {
  private async _exceptionHandler(err: Error, isUnhandledRejection?: boolean): Promise<void> {
    logger.error(\`unhandled \${isUnhandledRejection ? 'rejection' : 'exception'}: \${err.message}\`);
${notify}
  }
  private async _stop(): Promise<void> {
    await db.close();
  }
  init(): void {
    process.once('${exitEvent}', () => this._stop());
    process.on('uncaughtException', err => this._exceptionHandler(err));
    process.on('unhandledRejection', err => this._exceptionHandler(err as Error, true));
  }
}`;
const GUARDED_NOTIFICATION = "    try {\n      await db.write('notifications', err.message);\n    } catch {\n      // ignore\n    }";

ruleTester.run('no-misused-async-callback (real code)', rule, {
  valid: [
    // The entries are deleted, then an already-resolved promise fits the interface: nothing rejects.
    MEMORY_CACHER_CLEAN('return this.broker.Promise.resolve();'),
    MEMORY_CACHER_CLEAN('return Promise.resolve(true);'),
    // Nothing in it can reject: path's functions compute a string from strings.
    { code: QUEUE_FILE_CLOSE('path.join') },
    // The minifier's executor: nothing in it can reject, the cache is always a Map of the platform.
    MINIFY('contentCache = new Map();'),
    // thelounge client/js/socket-events/more.ts: a listener of the page's Socket.IO client (the file
    // imports Vue, which renders only in a page). A rejection there is reported in the console, as a
    // sync listener's throw would be, and ends nothing.
    `import {nextTick} from "vue";
import socket from "../socket";
import {store} from "../store";
socket.on("more", async (data) => {
    const channel = store.getters.findChannel(data.chan)?.channel;
    channel.moreHistoryAvailable = data.totalMessages > channel.messages.length;
    await nextTick();
    channel.historyLoading = false;
});`,
    // etherpad-lite src/static/js/welcome.ts: a button's click handler in the page (it reads document).
    `function handleTransferOfSession() {
  const transferNowButton = document.querySelector('[data-l10n-id="index.transferSessionNow"]') as HTMLButtonElement;
  transferNowButton.addEventListener('click', async () => {
    transferNowButton.disabled = true;
    const response = await fetch('./tokenTransfer', { method: 'POST' });
    transferNowButton.dataset.id = (await response.json()).id;
  });
}`,
    // bullmq tests/clean.test.ts: the listener settles the promise the test awaits; if its await
    // rejects, the test times out instead of passing.
    {
      settings: TEST,
      code: `it('cleans failed jobs', async () => {
  await new Promise<void>(resolve => {
    worker.on('failed', async job => {
      await queue.clean(0, 0, 'failed');
      resolve();
    });
  });
  const jobs = await queue.getJobCountByTypes('completed');
  expect(jobs).toBe(0);
});`,
    },
    // ioredis test/functional/connection.ts: the listener ends the test with done(); a rejection
    // leaves the test unfinished, which fails it.
    {
      settings: TEST,
      code: `it("connects successfully immediately after end", (done) => {
  const redis = new Redis();
  redis.once("end", async () => {
    await redis.connect();
    done();
  });
  redis.quit();
});`,
    },
    // bullmq src/classes/node-redis-client.ts: the stream's read() catches every error and
    // destroys the stream with it; the consumer sees the error.
    `const readable = new Readable({
  objectMode: true,
  async read() {
    try {
      if (connectPromise) await connectPromise;
      for await (const keys of raw.scanIterator(scanOpts)) {
        if (!readable.push(keys)) return;
      }
      readable.push(null);
    } catch (err) {
      readable.destroy(err);
    }
  },
});`,
    // uptime-kuma server/server.js: a socket handler that only answers; async adds nothing to lose.
    `io.on("connection", (socket) => {
  socket.on("needSetup", async (callback) => {
    callback(needSetup);
  });
});`,
    // uptime-kuma server/socket-handlers/general-socket-handler.js: every await is inside a try
    // whose catch answers the acknowledgement; the last step calls that acknowledgement, the
    // callback socket.io passed to be told the result.
    PUSH_EXAMPLE_HANDLER,
    // ioredis lib/Pipeline.ts: the resume hook runs a function that hands back the pipeline's own
    // promise, which exec already returned to the caller.
    `class Pipeline {
  promise!: Promise<unknown[]>;
  exec(coordinator: { intercept(hooks: { resume: () => void }): void }): Promise<unknown[]> {
    const _this = this;
    coordinator.intercept({ resume: execPipeline });
    return this.promise;
    function execPipeline(): Promise<unknown[]> {
      _this.flush();
      return _this.promise;
    }
  }
  flush(): void {}
}`,
    // uptime-kuma server/model/monitor.js: the outer listener only registers another one.
    `options.httpsAgent.once("keylog", async (line, tlsSocket) => {
  tlsSocket.once("secureConnect", () => {
    tlsInfo = checkCertificate(tlsSocket);
  });
});`,
    // webdriverio packages/wdio-appium-service/src/cli.ts: the signal handler catches the
    // failure of its only await and logs it, then exits.
    `const cleanup = async () => {
  if (isCleaningUp) return;
  isCleaningUp = true;
  if (appiumProcess && appiumProcess.pid) {
    try {
      await promisifiedTreeKill(appiumProcess.pid, 'SIGTERM');
      console.log('Appium server stopped successfully');
    } catch (err) {
      console.error('Error stopping Appium:', err);
    }
  }
  process.exit(0);
};
process.on('SIGINT', cleanup);
process.on('SIGTERM', cleanup);`,
    // agenda examples/graceful-shutdown.ts: a signal handler that drains and exits; a failed
    // drain ends the process with the error printed, the same end.
    {
      code: `let isShuttingDown = false;
async function gracefulShutdown(signal: string) {
  if (isShuttingDown) return;
  isShuttingDown = true;
  console.log(\`Received \${signal}\`);
  await agenda.drain();
  process.exit(0);
}
process.on('SIGTERM', () => gracefulShutdown('SIGTERM'));
process.on('SIGINT', () => gracefulShutdown('SIGINT'));`,
    },
    // agenda examples/backoff-retry.ts: a demo's shutdown timer.
    {
      settings: CLI,
      code: `await agenda.start();
await agenda.now('always-fails-job');
setTimeout(async () => {
  console.log('Demo complete - shutting down');
  await agenda.drain();
  process.exit(0);
}, 10000);`,
    },
    // knex scripts/stress-test/knex-stress-test.js: a manual stress tool recreates proxies on a
    // timer; a failure ending the run with the error printed is acceptable there.
    {
      settings: CLI,
      code: `async function main() {
  async function recreateProxies() {
    await recreateProxy('postgresql', 25432, 5432);
    await recreateProxy('mysql', 23306, 3306);
  }
  await recreateProxies();
  setInterval(recreateProxies, 2000);
}
main();`,
    },
    // webdriverio e2e/wdio/headless/test.e2e.ts: a predicate of a wdio element array, whose
    // find awaits async predicates; no assertion in it can be lost.
    {
      settings: TEST,
      code: `it('should be able to use async-iterators', async () => {
  const contributeLink = await browser.$$('.navbar-sidebar a.menu__link').find(
    async (link) => await link.getText() === 'Contribute');
  expect(contributeLink).toBeDefined();
});`,
    },
    // webdriverio tests/typings/webdriverio/async.ts: a type test that is only compiled.
    {
      settings: TEST,
      code: `browser.on('request.start', async (ev) => {
  await browser.pause(ev.timeout);
});`,
    },
    // webdriverio packages/webdriverio/tests/overwriteCommand.test.ts: a test helper delays the
    // original command by a timer; it carries no assertion.
    {
      settings: TEST,
      code: `const customElementCommand = async (origCmd: Function, origCmdArg: any[], arg: any) => {
  const result = await new Promise((resolve) => setTimeout(async () => resolve(await origCmd(origCmdArg)), 1));
  return \`\${result} \${origCmdArg} \${arg}\`;
};`,
    },
    // The adapter's listeners: the exit listener's work never settles (the event loop does not run
    // after 'exit'), and the error listeners hand the error to a handler whose one await is guarded.
    ADAPTER_LISTENERS(GUARDED_NOTIFICATION),
    // bullmq tests/fixtures/fixture_main_non_bullmq_messages.js: a child-process fixture.
    {
      settings: TEST,
      code: `process.on('uncaughtException', async err => {
  await childSend(process, { cmd: 'failed', value: err });
  process.exit(-1);
});`,
    },
    // webdriverio packages/wdio-logger/src/index.ts: the timer waits again for the buffer through
    // a function assigned to a property of getLogger, whose promise only ever resolves.
    `let logFile;
export default function getLogger(name) { return loggers[name]; }
getLogger.waitForBuffer = async () => new Promise(resolve => {
  if (logFile && Array.isArray(logFile.writableBuffer) && logFile.writableBuffer.length !== 0) {
    return setTimeout(async () => {
      await getLogger.waitForBuffer();
      resolve();
    }, 20);
  }
  resolve();
});`,
    // The timer's callback cannot reject: outside its try it logs through @wdio/logger's logger
    // and calls a plain method whose every step cannot throw (logging, clearing a Map made here,
    // deleting fields).
    TRACE_TIMEOUT('this.frames.clear();'),
    // ioredis docs/assets/main.js: a generated, minified documentation bundle.
    {
      filename: 'docs/assets/main.js',
      code: `"use strict";(()=>{window.addEventListener("load",async()=>{let r=await fetch("search.js");render(await r.json())});${'var b=1;'.repeat(300)}})();`,
    },
    // A plain arrow whose call may throw while it builds the rows: a throw is no rejection, and the
    // promise it hands back logs the failed write.
    FILE_LOGGER_FLUSH('fs.appendFile(filename, buf).catch(err => {\n        console.debug("Unable to write log file:", filename, err);\n      })'),
    // etherpad-lite's settings listener: its one await sits in a try whose catch logs; what runs
    // outside (a read of the settings, an emit on the socket) is sync code, which would throw out of
    // a plain listener just the same.
    SETTINGS_LOAD(LOAD_READ),
    // The same for a timer: a step of the plain method it calls may throw, as in a plain timer
    // callback, and its waiting all happens in its try.
    TRACE_TIMEOUT('this.frames.clear();\n    release(this.frames);'),
    // uptime-kuma's getPushExample handler ending with an emit on the socket after its try.
    PUSH_EXAMPLE_EMITS,
    // webdriverio's trace timer handing back what a plain method of the class returns (nothing).
    TRACE_TIMEOUT('this.frames.clear();').replace("log.info('No page load detected, canceling trace');\n      this.finishTracing();", "log.info('No page load detected, canceling trace');\n      return this.finishTracing();"),
  ],
  invalid: [
    // The adapter's error listeners when the notification's write is not guarded: its rejection is lost.
    {
      code: ADAPTER_LISTENERS("    await db.write('notifications', err.message);"),
      errors: [
        { messageId: 'handler', line: 11 },
        { messageId: 'handler', line: 12 },
      ],
    },
    // The stop started before the process exits: beforeExit lets the event loop run again, and the
    // file's own error handlers keep the process running after the stop fails.
    { code: ADAPTER_LISTENERS(GUARDED_NOTIFICATION, 'beforeExit'), errors: [{ messageId: 'handler', line: 14 }] },
    // A clean that only answers with a resolved promise is a placeholder, not evidence of a
    // decision: the real cacher behind it is unknown.
    { code: MEMORY_CACHER_CLEAN('return this.broker.Promise.resolve();', ''), errors: [{ messageId: 'handler', line: 6 }] },
    // The promise resolved with a value that may itself be a promise that rejects.
    { code: MEMORY_CACHER_CLEAN('return this.broker.Promise.resolve(this.client.flush(matches));'), errors: [{ messageId: 'handler', line: 6 }] },
    // A clean that deletes from a remote store answers with that store's promise on one path.
    { code: MEMORY_CACHER_CLEAN('if (this.client) return this.client.del(matches);\n    return this.broker.Promise.resolve();'), errors: [{ messageId: 'handler', line: 6 }] },
    // The same flush without the catch: the failed write's rejection is lost.
    { code: FILE_LOGGER_FLUSH('fs.appendFile(filename, buf)'), errors: [{ messageId: 'handler', line: 4 }] },
    // The same with a join of an object the caller passes, which may throw.
    {
      code: QUEUE_FILE_CLOSE('layout.join'),
      errors: [
        {
          messageId: 'handler',
          line: 7,
          suggestions: [
            {
              messageId: 'wrapInTryCatch',
              output: QUEUE_FILE_CLOSE('layout.join')
                .replace("ws.on('close', async () => {", "ws.on('close', async () => { try {")
                .replace('            }\n        })\n', '            }\n        } catch (error) { console.error(error); } })\n'),
            },
          ],
        },
      ],
    },
    // The same when the module may put anything else in the variable: its set may throw.
    { code: MINIFY('contentCache = loadCache();'), errors: [{ messageId: 'executor', line: 5 }] },
    // In the page too, an async executor never rejects its promise (whoever awaits it waits forever),
    // and a test that renders in a DOM loses the assertion its listener carries.
    {
      code: `const button = document.querySelector('button');
export const clicked = new Promise(async (resolve) => {
  button.addEventListener('click', () => resolve(true));
  await loadTranslations();
});`,
      errors: [{ messageId: 'executor', line: 2 }],
    },
    {
      settings: TEST,
      code: `it('shows the count', () => {
  document.body.innerHTML = '<button></button>';
  socket.on('more', async (data) => {
    await nextTick();
    expect(document.querySelector('button').textContent).toBe(String(data.count));
  });
});`,
      errors: [
        {
          messageId: 'handler',
          line: 3,
          suggestions: [
            {
              messageId: 'wrapInTryCatch',
              output: `it('shows the count', () => {
  document.body.innerHTML = '<button></button>';
  socket.on('more', async (data) => { try {
    await nextTick();
    expect(document.querySelector('button').textContent).toBe(String(data.count));
  } catch (error) { console.error(error); } });
});`,
            },
          ],
        },
      ],
    },

    // uptime-kuma extra/push-examples/javascript-fetch/index.js: a pusher that runs every
    // minute; the first failed fetch crashes it.
    {
      code: `const pushURL = "https://example.com/api/push/key?status=up&msg=OK&ping=";
const interval = 60;
setInterval(async () => {
  await fetch(pushURL);
  console.log("Pushed!");
}, interval * 1000);`,
      errors: [
        {
          messageId: 'handler',
          line: 3,
          suggestions: [
            {
              messageId: 'wrapInTryCatch',
              output: `const pushURL = "https://example.com/api/push/key?status=up&msg=OK&ping=";
const interval = 60;
setInterval(async () => { try {
  await fetch(pushURL);
  console.log("Pushed!");
} catch (error) { console.error(error); } }, interval * 1000);`,
            },
          ],
        },
      ],
    },
    // uptime-kuma server/model/monitor.js: the TLS info is stored from a listener with no catch;
    // a database error escapes as an unhandled rejection.
    {
      code: `class Monitor {
  setUp(options) {
    options.httpsAgent.once("keylog", (line, tlsSocket) => {
      tlsSocket.once("secureConnect", async () => {
        const tlsInfo = checkCertificate(tlsSocket);
        await this.handleTlsInfo(tlsInfo);
      });
    });
  }
  async handleTlsInfo(tlsInfo) {
    await R.store(tlsInfo);
  }
}`,
      errors: [
        {
          messageId: 'handler',
          line: 4,
          suggestions: [
            {
              messageId: 'wrapInTryCatch',
              output: `class Monitor {
  setUp(options) {
    options.httpsAgent.once("keylog", (line, tlsSocket) => {
      tlsSocket.once("secureConnect", async () => { try {
        const tlsInfo = checkCertificate(tlsSocket);
        await this.handleTlsInfo(tlsInfo);
      } catch (error) { console.error(error); } });
    });
  }
  async handleTlsInfo(tlsInfo) {
    await R.store(tlsInfo);
  }
}`,
            },
          ],
        },
      ],
    },
    // The logger's wait above, where the same property is assigned a second function: which one
    // the timer calls is not known, so its promise may reject.
    loggerWaitReported('getLogger.waitForBuffer = () => flush(logFile);'),
    // The same wait when the timer's function is given to Object.assign: its properties may be
    // replaced there.
    loggerWaitReported('Object.assign(getLogger, overrides);'),
    // bullmq src/classes/queue.ts: an async executor around a constructor; a throw becomes an
    // unhandled rejection and the promise never settles.
    {
      code: `class Queue {
  get jobScheduler() {
    return new Promise(async resolve => {
      if (!this._jobScheduler) {
        this._jobScheduler = new JobScheduler(this.name, this.opts);
        await this._jobScheduler.waitUntilReady();
      }
      resolve(this._jobScheduler);
    });
  }
}`,
      errors: [{ messageId: 'executor', line: 3, suggestions: [] }],
    },
    // bullmq tests/worker.redis.test.ts: the core check of the test is in a listener the test
    // never waits for; a failed expect there is lost and the test passes.
    {
      settings: TEST,
      code: `it('deletes the lock of a failed job', async () => {
  const job = await queue.add('test', { bar: 'baz' });
  worker.on('failed', async () => {
    const token = await client.get(\`\${prefix}:\${job.id}:lock\`);
    expect(token).toBeNull();
  });
  const workerCompleted = new Promise<void>(resolve => {
    worker.once('completed', () => resolve());
  });
  await workerCompleted;
});`,
      errors: [
        {
          messageId: 'handler',
          line: 3,
          suggestions: [
            {
              messageId: 'wrapInTryCatch',
              output: `it('deletes the lock of a failed job', async () => {
  const job = await queue.add('test', { bar: 'baz' });
  worker.on('failed', async () => { try {
    const token = await client.get(\`\${prefix}:\${job.id}:lock\`);
    expect(token).toBeNull();
  } catch (error) { console.error(error); } });
  const workerCompleted = new Promise<void>(resolve => {
    worker.once('completed', () => resolve());
  });
  await workerCompleted;
});`,
            },
          ],
        },
      ],
    },
    // etherpad-lite's settings listener with the read outside its try: a failed read is a lost rejection.
    {
      code: SETTINGS_LOAD('data = await fsp.readFile(settings.settingsFilename, "utf8");\n    try {\n      check(data);\n    } catch (err) {\n      return logger.error(`Error loading settings: ${err}`);\n    }'),
      errors: [{ messageId: 'handler', line: 6, suggestions: [{ messageId: 'wrapInTryCatch', output: SETTINGS_LOAD_WRAPPED('data = await fsp.readFile(settings.settingsFilename, "utf8");\n    try {\n      check(data);\n    } catch (err) {\n      return logger.error(`Error loading settings: ${err}`);\n    }') }] }],
    },
    // The same with a catch that rethrows: the failed read still rejects the listener's promise.
    {
      code: SETTINGS_LOAD(LOAD_READ.replace('return logger.error(`Error loading settings: ${err}`);', 'logger.error(`Error loading settings: ${err}`);\n      throw err;')),
      errors: [{ messageId: 'handler', line: 6, suggestions: [{ messageId: 'wrapInTryCatch', output: SETTINGS_LOAD_WRAPPED(LOAD_READ.replace('return logger.error(`Error loading settings: ${err}`);', 'logger.error(`Error loading settings: ${err}`);\n      throw err;')) }] }],
    },
    // A promise returned from inside the try: the try does not catch its rejection. The
    // suggestion awaits it where it is returned, so that its own try catches it.
    {
      code: SETTINGS_LOAD(RETURNED_READ),
      errors: [{ messageId: 'handler', line: 6, suggestions: [{ messageId: 'wrapInTryCatch', output: SETTINGS_LOAD_WRAPPED(RETURNED_READ.replace('return fsp.readFile', 'return await fsp.readFile')) }] }],
    },
    // The resume hook of the pipeline above, when execPipeline makes a new promise: it floats.
    {
      code: `class Pipeline {
  promise!: Promise<unknown[]>;
  exec(coordinator: { intercept(hooks: { resume: () => void }): void }): Promise<unknown[]> {
    const _this = this;
    coordinator.intercept({ resume: execPipeline });
    return this.promise;
    async function execPipeline(): Promise<unknown[]> {
      await _this.flush();
      return _this.promise;
    }
  }
  async flush(): Promise<void> {}
}`,
      errors: [{ messageId: 'voidReturn', line: 5 }],
    },
  ],
});

/**
 * bullmq src/classes/bun-redis-client.ts: a key scan as a Readable whose read() is async. With
 * types, read() is a void-returning slot of the stream's options. \`before\` runs ahead of the try.
 */
const SCAN_STREAM = (before: string, body = `const [next, keys] = await adapter.scan(cursor);
        cursor = next;
        readable.push(keys);`) => `import { Readable } from 'node:stream';
declare const adapter: { scan(cursor: string): Promise<[string, string[]]> };
declare function flush(): void;
export function scanStream(): Readable {
  let cursor = '0';
  let started = false;
  const readable = new Readable({
    objectMode: true,
    async read() {
      ${before}
      started = true;
      try {
        ${body}
      } catch (err) {
        readable.destroy(err as Error);
      }
    },
  });
  return readable;
}`;

createTypedRuleTester().run('no-misused-async-callback (real code, with types)', rule, {
  valid: [
    // The end of the scan is pushed before the try: a Readable's push reports a failure through
    // the stream's 'error' event and never throws, so nothing can reject outside the catch.
    SCAN_STREAM("if (started && cursor === '0') { readable.push(null); return; }"),
  ],
  invalid: [
    // The same read() calling a function of unknown behaviour before the try.
    {
      code: SCAN_STREAM("if (started && cursor === '0') { flush(); return; }"),
      errors: [{ messageId: 'voidReturn', line: 9, suggestions: [] }],
    },
    // A subclass of the project may replace push(): only a Readable made from node:stream's own
    // class is known not to throw.
    {
      code: SCAN_STREAM("if (started && cursor === '0') { readable.push(null); return; }")
        .replace('const readable = new Readable({', 'class KeyStream extends Readable {}\n  const readable = new KeyStream({'),
      errors: [{ messageId: 'voidReturn', line: 10, suggestions: [] }],
    },
  ],
});
