// Cases reduced from real projects of the labeled corpus (eval/corpus.json): every kind of report
// judged wrong there that the rule no longer makes, and every kind judged right that it keeps.
// Each comment names the project and file the code comes from.
import rule from '../../eslint-plugin/src/rules/no-swallowed-rejection';
import { createRuleTester } from '../rule-tester';
import { PUSH_EXAMPLE_HANDLER } from './real-code-cases';

/** Test code, declared (oxlint's test copies the cases to folders whose paths say nothing). */
const TEST = { 'async-pitfalls': { codeContext: 'test' } };

/**
 * An invalid case whose one `swallowed` text is reported (as `messageId`), with the suggestion that
 * replaces it by `logged`, which logs the error.
 */
function loggedErrorCase(code: string, messageId: 'emptyCatch' | 'emptyHandler', swallowed: string, logged: string) {
  const index = code.indexOf(swallowed);
  return {
    code,
    errors: [
      {
        messageId,
        line: code.slice(0, index).split('\n').length,
        suggestions: [{ messageId: 'logError' as const, output: `${code.slice(0, index)}${logged}${code.slice(index + swallowed.length)}` }],
      },
    ],
  };
}

/** An invalid case whose one `catch {}` is reported, with the suggestion that logs the error. */
function emptyCatchCase(code: string) {
  return loggedErrorCase(code, 'emptyCatch', 'catch {}', 'catch (error) { console.error(error); }');
}

/**
 * thelounge client/js/vue.ts, reduced: the unread count shown as the app's badge, where the browser
 * offers it; `clear` is how the badge is cleared.
 */
const APP_BADGE = (clear: string) => `function updateBadge(highlightCount: number): void {
  const nav = window.navigator;
  if (nav.setAppBadge) {
    if (highlightCount > 0) {
      nav.setAppBadge(highlightCount).catch(() => {});
    } else {
      ${clear}
    }
  }
}`;

/**
 * etherpad-lite src/static/js/pluginfw/LinkInstaller.ts, reduced: removing a plugin's sub-dependency
 * reads its package.json in a try whose empty catch skips one that is missing, and awaits the
 * recursive helper there; `uninstall` is the body of the helper that deletes the folder.
 */
const LINK_INSTALLER = (uninstall: string) => `import { readFileSync, rmSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
export class LinkInstaller {
  private readonly dependenciesMap = new Map<string, Set<string>>();
  private async removeSubDependency(_name: string, dependency: string) {
    if (this.dependenciesMap.has(dependency)) {
      console.debug(\`Dependency \${dependency} is still being used by other plugins\`);
      return;
    }
    try {
      const json = JSON.parse(readFileSync(path.join('plugins', dependency, 'package.json'), 'utf8'));
      if (json.dependencies) {
        for (const [subDependency] of Object.entries(json.dependencies)) {
          await this.removeSubDependency(dependency, subDependency);
        }
      }
    } catch {}
    ${uninstall}
  }
}`;

const ruleTester = createRuleTester();

/**
 * etherpad-lite src/static/js/pad.ts, reduced: the page keeps its session alive with a ping a
 * timer repeats; `use` is what the page does with the ping besides handing it to the timer.
 */
const PING = "$.ajax('../_extendExpressSessionLifetime', {method: 'PUT'}).catch(() => {})";
const PING_LOGGED = "$.ajax('../_extendExpressSessionLifetime', {method: 'PUT'}).catch((error) => { console.error(error); })";
const SESSION_PING = (ping: string, use = '') => `import $ from 'jquery';
export function handleClientVars(clientVars) {
  if (clientVars.sessionRefreshInterval) {
    const ping =
        ${ping};
    setInterval(ping, clientVars.sessionRefreshInterval);${use}
  }
}`;

ruleTester.run('no-swallowed-rejection (real code)', rule, {
  valid: [
    // etherpad-lite src/node/security/SecretRotator.ts: each write is kept in a list that the
    // function awaits at the end; the empty handler only keeps an early failure from being
    // reported as unhandled before that await, which still sees it.
    `async function update(db, keys, now) {
  const dbWrites = [];
  for (const key of keys) {
    if (now > key.end) {
      dbWrites.push(db.remove(key.id));
      dbWrites[dbWrites.length - 1].catch(() => {}); // Prevent unhandled Promise rejections.
    }
  }
  await Promise.all(dbWrites);
}`,
    // thelounge client/js/vue.ts: the badge is set and cleared only where the browser has the
    // method, checked first; a browser that has it may still refuse, and the badge then stays as
    // it is, like one without it. Also checked by an optional call, typeof, \`in\` and a guard clause.
    APP_BADGE('if (nav.clearAppBadge) {\n        nav.clearAppBadge().catch(() => {});\n      }'),
    APP_BADGE('nav.clearAppBadge?.().catch(() => {});'),
    APP_BADGE("typeof nav.clearAppBadge === 'function' && nav.clearAppBadge().catch(() => {});"),
    APP_BADGE("if ('clearAppBadge' in nav) nav.clearAppBadge().catch(() => {});"),
    `async function share(data: ShareData): Promise<void> {
  if (!navigator.share) return;
  navigator.share(data).catch(() => {});
}`,
    // knex lib/dialects/oracledb/utils.js: closing the result set in a catch that rethrows; a
    // failed close must not replace the error being rethrown.
    `connection.executeAsync = function (sql) {
  return fetchAsync(sql).then(async (results) => {
    const closeResultSet = () => results.resultSet ? promisify(results.resultSet.close).call(results.resultSet) : Promise.resolve();
    try {
      for (const lob of lobs) results.rows[lob.index][lob.key] = await lobProcessing(lob.stream);
    } catch (e) {
      await closeResultSet().catch(() => {});
      throw e;
    }
    await closeResultSet();
    return results;
  });
};`,
    // knex lib/migrations/migrate/Migrator.js: freeing the migration lock after a failed
    // migration, in a catch that rethrows the migration's error.
    `async function runBatch(migrations) {
  try {
    await this._waterfallBatch(migrations);
  } catch (error) {
    const cleanupReady = this._freeLock();
    try {
      await cleanupReady;
    } catch (e) {}
    throw error;
  }
}`,
    // knex lib/dialects/oracledb/utils.js: a connection that hit a connection error is closed;
    // the error itself goes to the callback.
    `function onResult(err, result) {
  if (err) {
    if (isConnectionError(err)) {
      connection.close().catch(function (err) {});
      connection.__knex__disposed = err;
    }
    return cb(err);
  }
  return cb(null, result);
}`,
    // bullmq src/classes/node-redis-client.ts: quitting a client that is being discarded.
    `class NodeRedisClient {
  emitEnd() {
    if (this.raw.isOpen) {
      try {
        this.raw.quit().catch(() => {});
      } catch {
        // already closed
      }
    }
  }
}`,
    // webdriverio packages/wdio-browser-runner/src/index.ts: closing every dev server at
    // shutdown; allSettled keeps one failed close from skipping the others.
    `class BrowserRunner {
  async shutdown() {
    await super.shutdown();
    await Promise.allSettled(Array.from(this.servers).map((server) => server.close()));
    return this.generateCoverageReports();
  }
}`,
    `async function closeAll(server, client) { await Promise.allSettled([server.close(), client.quit()]); }`,
    // uptime-kuma server/monitor-types/dns.js: an address family that fails to resolve gives an
    // empty list, and the code logs when both give nothing.
    `const promises = addresses.map(async (e) => {
  if (net.isIP(e)) return [e];
  const [v4, v6] = await Promise.allSettled([resolver.resolve4(e), resolver.resolve6(e)]);
  const addrs = [
    ...(v4.status === "fulfilled" ? v4.value : []),
    ...(v6.status === "fulfilled" ? v6.value : []),
  ];
  if (!addrs.length) log.error("DNS", \`Invalid resolver server \${e}\`);
  return addrs;
});`,
    `async function f(tasks) {
  const [first] = await Promise.allSettled(tasks);
  if (first.status === 'fulfilled') use(first.value); else useDefault();
}`,
    // uptime-kuma server/monitor-types/steam.js: the server is already up; the ping only adds a
    // latency figure, which keeps its previous value when the ping fails.
    `class SteamMonitorType {
  async check(monitor, heartbeat) {
    const res = await axios.get(url);
    if (res.data.response.servers.length > 0) {
      heartbeat.status = UP;
      try {
        heartbeat.ping = await this.ping(monitor.hostname, PING_COUNT_DEFAULT);
      } catch (_) {}
    } else {
      throw new Error("Server not found on Steam");
    }
  }
}`,
    // uptime-kuma server/socket-handlers/general-socket-handler.js: the try answers and returns;
    // reaching the code after it means nothing was found, which is what it answers.
    PUSH_EXAMPLE_HANDLER,
    // The same shape answering by a throw.
    `async function readConfig(path) {
  try {
    return JSON.parse(await readFile(path, 'utf8'));
  } catch {}
  throw new Error(\`No readable configuration at \${path}\`);
}`,
    // got source/core/index.ts: with the ignoreInvalidCookies option, each cookie promise is
    // mapped to one that drops its failure; a function doing only that exists to ignore it.
    `async function setCookies(options, rawCookies, url) {
  let promises = rawCookies.map(async (rawCookie) => options.cookieJar.setCookie(rawCookie, url));
  if (options.ignoreInvalidCookies) {
    promises = promises.map(async promise => {
      try {
        await promise;
      } catch {}
    });
  }
  await Promise.all(promises);
}`,
    // got source/core/index.ts: the request promise is awaited and returned elsewhere, where its
    // rejection is handled; this await only attaches a listener once it is there.
    `function request(requestOptions, handler) {
  const result = requestOptions._request(requestOptions, handler);
  if (is.promise(result)) {
    result.once = (event, handler) => {
      if (event === 'error') {
        (async () => {
          try {
            await result;
          } catch (error) {
            handler(error);
          }
        })();
      } else {
        (async () => {
          try {
            const request = await result;
            request.once(event, handler);
          } catch {}
        })();
      }
    };
  }
  return result;
}`,
    // got source/core/index.ts: a comment in the try says where errors go.
    `class Request {
  async _setRawBody(from = this) {
    try {
      // Errors are emitted via the \`error\` event
      const fromArray = await from.toArray();
      this.response.rawBody = concat(fromArray);
      return true;
    } catch {} finally {
      this._incrementalDecode = undefined;
    }
    return false;
  }
}`,
    // bullmq src/classes/worker.ts: the comment says where connection failures are reported.
    `class Worker {
  constructor() {
    // The Worker is only "ready" once its blocking connection is ready. Connection failures are
    // surfaced via the 'error' event wired up in QueueBase.
    this.backend
      .waitUntilReady()
      .then(() => setTimeout(() => this.emit('ready'), 0))
      .catch(() => {});
  }
}`,
    // pm2 lib/tools/SysMetrics.js: a failed probe gives null or an empty value, and the snapshot
    // leaves that metric out.
    `function collect(cb) {
  return Promise.all([
    ram().catch(function () { return null }),
    net().catch(function () { return {} }),
    fsUsage().catch(function () { return [] })
  ]).then(function (r) {
    const m = buildSnapshot(r[0], r[1], r[2]);
    if (cb) cb(m);
    return m;
  });
}`,
    // release-it lib/plugin/GitBase.js: git exits non-zero when the setting is missing; null is the
    // answer the caller checks.
    `class GitBase {
  getRemoteForBranch(branch) {
    return this.exec(\`git config --get branch.\${branch}.remote\`, { options }).catch(() => null);
  }
}`,
    // webdriverio packages/wdio-browser-runner/src/vite/plugins/esbuild.ts: an unreadable file
    // gives undefined, and the loader then returns nothing.
    `const onLoad = async ({ path: id }: { path: string }) => {
  const code = await fs.readFile(id).then((buf) => buf.toString(), () => undefined);
  if (!code) return;
  return { contents: code };
};`,
    // webdriverio packages/wdio-lighthouse-service/src/index.ts: no Puppeteer means the commands
    // are replaced by ones that report the browser as unsupported.
    `async function setup(browsers: Browser[]) {
  for (const browser of browsers) {
    const puppeteer = await browser.getPuppeteer().catch(() => undefined) as unknown as PuppeteerBrowser;
    if (!puppeteer) return setUnsupportedCommand(browser);
  }
}`,
    // Tests are not checked by default: knex test/integration2/query/insert/inserts.spec.js
    // (the then(fail, () => {}) idiom of an expected rejection) and ioredis
    // test/scenario/sharded-pub-sub/basic.test.ts (quitting test clients in clean-up).
    {
      settings: TEST,
      code: `it('rejects a duplicate', async function () {
  await knex('accounts').insert(row).then(() => { throw new Error('should have failed'); }, () => {});
});`,
    },
    {
      settings: TEST,
      code: `afterEach(async () => {
  await Promise.allSettled([publisher.quit(), subscriber.quit(), other.quit()]);
});`,
    },
    // webdriverio tests/typings/webdriverio/async.ts: a type test that is only compiled.
    {
      settings: TEST,
      code: `async function bar() {
  await browser.url('https://example.com').catch(() => {});
}`,
    },
    // etherpad-lite's plugin linker: the awaited helper catches its own failures (its removal runs
    // in a try that ignores a folder already gone), so the empty catch only skips a missing or
    // unreadable package.json, a sync error.
    LINK_INSTALLER(`try {
      rmSync(path.join('plugins', dependency), { force: true, recursive: true });
    } catch (err) {
      console.debug(err);
    }`),
    // etherpad-lite's unlinking of a sub-dependency: the recursive helper drops the plugin from the
    // dependency's set of users, a value of a map declared \`Map<string, Set<string>>\`, which
    // cannot throw; the empty catch only skips a missing package.json.
    `import { readFileSync } from 'node:fs';
export class LinkInstaller {
  private readonly dependenciesMap: Map<string, Set<string>> = new Map();
  private async unlinkSubDependency(plugin: string, dependency: string) {
    if (this.dependenciesMap.has(dependency)) {
      this.dependenciesMap.get(dependency)?.delete(plugin);
      if (this.dependenciesMap.get(dependency)!.size > 0) return;
    }
    try {
      const json = JSON.parse(readFileSync(dependency + '/package.json', 'utf8'));
      for (const subDependency of Object.keys(json.dependencies ?? {})) {
        await this.unlinkSubDependency(dependency, subDependency);
      }
    } catch {}
    console.debug('Unlinking sub dependency', dependency);
    this.dependenciesMap.delete(dependency);
  }
}`,
    // The whole work of a function only a setInterval runs: the next tick pings again, and a failed
    // ping leaves nothing half done. Also written in place, and as a block of one statement.
    SESSION_PING(`() => ${PING}`),
    SESSION_PING(`() => ${PING}`, '\n    ping();'),
    `setInterval(() => { return fetch('/ping', { method: 'PUT' }).catch(() => {}); }, 60000);`,
  ],
  invalid: [
    // The same ping whose result the page also waits for, one a timeout runs once, and one that is
    // a step among others of the interval's work: the failure is thrown away where it matters.
    loggedErrorCase(SESSION_PING(`() => ${PING}`, '\n    ping().then(showSaved);'), 'emptyHandler', PING, PING_LOGGED),
    loggedErrorCase(`setTimeout(() => ${PING}, 60000);`, 'emptyHandler', PING, PING_LOGGED),
    loggedErrorCase(`setInterval(() => {\n  refreshToken();\n  ${PING};\n}, 60000);`, 'emptyHandler', PING, PING_LOGGED),
    // The same helper whose removal can reject: the empty catch throws that error away too.
    emptyCatchCase(LINK_INSTALLER(`await rm(path.join('plugins', dependency), { force: true, recursive: true });`)),
    // The same list when nothing reads it after the handler but to add to it: the failure is gone.
    loggedErrorCase(
      `async function update(db, keys, now) {
  const dbWrites = [];
  for (const key of keys) {
    dbWrites.push(db.remove(key.id));
    dbWrites[dbWrites.length - 1].catch(() => {});
    dbWrites.push(db.log(key.id));
  }
}`,
      'emptyHandler',
      '() => {}',
      '(error) => { console.error(error); }',
    ),
    // agenda packages/agenda/src/notifications/BaseNotificationChannel.ts: a handler that throws
    // is reported on the 'error' event, one that rejects vanishes.
    {
      code: `class BaseNotificationChannel {
  async notifyHandlers(notification) {
    const promises = [];
    for (const handler of this.handlers) {
      try {
        const result = handler(notification);
        if (result instanceof Promise) promises.push(result);
      } catch (error) {
        this.emit('error', error);
      }
    }
    await Promise.allSettled(promises);
  }
}`,
      errors: [{ messageId: 'unreadAllSettled', line: 12, suggestions: [] }],
    },
    // uptime-kuma server/server.js: after login, eight lists are sent together and a failed
    // query leaves the page with an empty list and nothing in the log.
    {
      code: `async function afterLogin(socket, user) {
  let monitorList = await server.sendMonitorList(socket);
  await Promise.allSettled([
    sendInfo(socket),
    server.sendMaintenanceList(socket),
    sendNotificationList(socket),
  ]);
  return monitorList;
}`,
      errors: [{ messageId: 'unreadAllSettled', line: 3, suggestions: [] }],
    },
    // Only one of the results is given a value for its failure.
    {
      code: `async function f(a, b) {
  const [first, second] = await Promise.allSettled([a, b]);
  return [first.status === 'fulfilled' ? first.value : 0, second.value];
}`,
      errors: [{ messageId: 'unreadAllSettled', line: 2, suggestions: [] }],
    },
    // uptime-kuma server/model/monitor.js and server/monitor-types/globalping.js: the empty catch
    // meant for a bad JSON string also hides a failed DELETE of the notification history.
    {
      code: `async function updateTlsInfo(tlsInfoBean, checkCertificateResult) {
  try {
    let oldCertInfo = JSON.parse(tlsInfoBean.info_json);
    if (oldCertInfo.certInfo.fingerprint256 !== checkCertificateResult.certInfo.fingerprint256) {
      await R.exec("DELETE FROM notification_sent_history WHERE monitor_id = ?", [this.id]);
    }
  } catch (e) {}
  await R.store(tlsInfoBean);
}`,
      errors: [
        {
          messageId: 'emptyCatch',
          line: 7,
          suggestions: [
            {
              messageId: 'logError',
              output: `async function updateTlsInfo(tlsInfoBean, checkCertificateResult) {
  try {
    let oldCertInfo = JSON.parse(tlsInfoBean.info_json);
    if (oldCertInfo.certInfo.fingerprint256 !== checkCertificateResult.certInfo.fingerprint256) {
      await R.exec("DELETE FROM notification_sent_history WHERE monitor_id = ?", [this.id]);
    }
  } catch (e) { console.error(e); }
  await R.store(tlsInfoBean);
}`,
            },
          ],
        },
      ],
    },
    // A try that returns, with nothing after it: the failure is dropped, not turned into an answer.
    {
      code: `async function exists(p) { try { await access(p); return true; } catch {} }`,
      errors: [
        {
          messageId: 'emptyCatch',
          suggestions: [
            { messageId: 'logError', output: `async function exists(p) { try { await access(p); return true; } catch (error) { console.error(error); } }` },
          ],
        },
      ],
    },
    // A function of its own that drops the failure of whatever promise its callers hand it.
    emptyCatchCase(`export async function settle(p) {
  try {
    await p;
  } catch {}
}`),
    // A silent default after the try: a corrupt file and a missing one look alike.
    emptyCatchCase(`async function loadDraft() {
  try {
    return JSON.parse(await readFile(DRAFT_PATH, 'utf8'));
  } catch {}
  return {};
}`),
    // The badge cleared when another method was checked for, and where nothing was checked.
    ...['if (nav.setAppBadge) {\n        nav.clearAppBadge().catch(() => {});\n      }', 'nav.clearAppBadge().catch(() => {});'].map(clear =>
      loggedErrorCase(APP_BADGE(clear), 'emptyHandler', 'nav.clearAppBadge().catch(() => {})', 'nav.clearAppBadge().catch((error) => { console.error(error); })'),
    ),
    // A handler in a catch that goes on without the error is not on an error path.
    {
      code: `async function f() { try { await save(); } catch (e) { flush().catch(() => {}); } }`,
      errors: [
        {
          messageId: 'emptyHandler',
          suggestions: [
            { messageId: 'logError', output: `async function f() { try { await save(); } catch (e) { flush().catch((error) => { console.error(error); }); } }` },
          ],
        },
      ],
    },
  ],
});
