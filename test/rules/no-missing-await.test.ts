import * as assert from 'node:assert/strict';
import * as path from 'node:path';

import { Linter } from 'eslint';

import rule from '../../eslint-plugin/src/rules/no-missing-await';
import { resolveRelativeModule } from '../../eslint-plugin/src/util/module-exports';
import { createRuleTester, createTypedRuleTester, FIXTURES, LONG_RUNNING_SETTINGS } from '../rule-tester';
import { CATCH, floatingCase } from './floating-case';

const ruleTester = createRuleTester();
const typedRuleTester = createTypedRuleTester();

/** A file next to the fixture modules, so that relative imports resolve on disk. */
const CONSUMER = path.join(FIXTURES, 'modules', 'consumer.ts');

const WARM_CACHE = (setup: string, step: string) => `${setup}
async function warmCache(): Promise<void> {
  ${step}
  try {
    await fetch('https://example.com/cache');
  } catch (error) {
    console.error(error);
  }
}
export function start(): void {
  warmCache();
}`;

/** A warm-up that fills an index whose first value is `init`, catching its fetch, and returns it. */
const LOAD_INDEX = (init: string) => `declare function openIndex(): Promise<Map<string, string>>;
async function loadIndex() {
  const index = ${init};
  try {
    const response = await fetch('https://example.com/index');
    console.log(response.status);
  } catch (error) {
    console.error(error);
  }
  return index;
}
export function start(): void {
  loadIndex();
}`;

ruleTester.run('no-missing-await (without types)', rule, {
  valid: [
    // A function merged with a namespace of its name (found by the fix-safety fuzz, where it
    // crashed the declaration index): what the name holds is not followed, and nothing is reported.
    `async function load() {}
namespace load { load(); }`,
    // Handled: awaited, returned, void, assigned and used, passed on, chained with a handler.
    `async function load() { await fetch('x'); }
     async function f() { await load(); }`,
    `async function load() { await fetch('x'); }
     function f() { return load(); }`,
    `async function load() { await fetch('x'); }
     void load();`,
    `async function load() { await fetch('x'); }
     async function f() { const pending = load(); await pending; }`,
    `async function load() { await fetch('x'); }
     function f(register) { register(load()); }`,
    `async function load() { await fetch('x'); }
     load().catch(error => console.error(error));`,
    `async function load() { await fetch('x'); }
     load().then(value => value, error => console.error(error));`,
    `async function load() { await fetch('x'); }
     load().catch(console.error).finally(() => {});`,
    `async function load() { await fetch('x'); }
     async function f() { await Promise.all([load(), load()]); }`,
    // Top-level await in a module.
    `async function load() { await fetch('x'); }
     await load();`,
    // An unknown receiver or a name alone is no evidence.
    `function f(db) { db.query('select 1'); }`,
    `function f(client) { client.fetchUser(1); }`,
    `function f() { loadAsync(); }`,
    // A local function that only shares a promise function's name.
    `function fetch(url) { return url; }
     fetch('x');`,
    `import { readFile } from './not-fs';
     readFile('x');`,
    // Not every return is a promise: no certainty.
    `function maybe(flag) { if (flag) { return fetch('x'); } return 1; }
     maybe(true);`,
    `function fallsThrough(flag) { if (flag) { return fetch('x'); } }
     fallsThrough(true);`,
    // Generators return iterators, not promises.
    `async function* stream() {}
     stream();`,
    // A let may hold something else by the time it is used.
    `let pending = fetch('x');
     pending;`,
    // json() only on something known to be a Response.
    `function f(body) { body.json(); }`,
    // Test registrars of node:test, vitest, jest and mocha.
    `import { test, describe } from 'node:test';
     describe('suite', () => { test('case', async () => {}); });`,
    `import { it } from 'vitest';
     it.each([1, 2])('case %i', async () => {});`,
    `it('works', async () => {});
     describe.each([1])('later %i', () => {});`,
    // The user's allow-list.
    {
      code: `async function main() {}
             main();`,
      options: [{ allowForKnownSafeCalls: [{ names: ['main'] }] }],
    },
    {
      code: `import { nextTick } from 'vue';
             nextTick();`,
      options: [{ promiseFunctions: [{ module: 'vue', names: ['nextTick'] }], allowForKnownSafeCalls: [{ module: 'vue', names: ['nextTick'] }] }],
    },
    // Returned with await, or outside try, or in a sync function.
    `async function load() { await fetch('x'); }
     async function f() { try { return await load(); } catch { return null; } }`,
    `async function load() { await fetch('x'); }
     async function f() { try { await load(); } finally { cleanup(); } return load(); }`,
    `async function load() { await fetch('x'); }
     function f() { try { return load(); } catch { return null; } }`,
    // Awaited before it is returned: it has settled, its rejection was already thrown here.
    `async function f() { const done = fetch('a'); try { await done; return done; } finally { close(); } }`,
    {
      code: `async function load() { await fetch('x'); }
             async function f() { try { return load(); } catch { return null; } }`,
      options: [{ checkReturnInTry: false }],
    },
    // Not certainly arrays, not certainly promises.
    `function f(list) { list.map(async item => item); }`,
    `function f(done?: () => void) { done?.(); }`,
    // A plain function has its own \`this\`; a static method is not on the instance; a sync method is no evidence.
    `class Worker {
       async run() { await fetch('x'); }
       static async create() {}
       start() { const g = function () { this.run(); }; this.create(); }
       static make() { this.run(); }
     }
     class Other { run() {} go() { this.run(); } }`,
    // Directives are not promises.
    `'use strict';`,
    // Cross-file: a sync export, a missing module, a name found nowhere in a cycle of re-exports.
    { code: `import { compute } from './api'; compute();`, filename: CONSUMER },
    { code: `import { computeAgain } from './cycle-b'; computeAgain();`, filename: CONSUMER },
    { code: `import { nowhere } from './index'; nowhere();`, filename: CONSUMER },
    { code: `import { gone } from './missing-module'; gone();`, filename: CONSUMER },
    { code: `const { format } = require('./legacy'); format('x');`, filename: CONSUMER },
    // A warm-up whose fetch is caught, logging before it through a logging package's logger:
    // winston's default logger, a logger winston made, npm's proc-log.
    WARM_CACHE("import winston from 'winston';", "winston.info('warming');"),
    WARM_CACHE("import winston from 'winston';\nconst logger = winston.createLogger({ level: 'info' });", "logger.child({ step: 'warm' }).info('warming');"),
    WARM_CACHE("const { log } = require('proc-log');", "log.silly('cache', 'warming');"),
    // A warm-up that catches its fetch and returns the Map it filled: a Map is no promise.
    LOAD_INDEX('new Map<string, string>()'),
  ],
  invalid: [
    // The same warm-up returning what a call gave, which may be a promise that rejects.
    floatingCase(LOAD_INDEX('openIndex()'), ['loadIndex()'], { canAwait: false }),
    // The same warm-up when its first step sets the logging package up, which reads options and
    // transports and may throw, or makes a logger from options.
    ...[
      WARM_CACHE("import winston from 'winston';\ndeclare const file: winston.transport;", 'winston.add(file);'),
      WARM_CACHE("import winston from 'winston';", "winston.createLogger({ level: 'verbose' });"),
      WARM_CACHE("import pino from 'pino';", "pino({ level: 'info' }).info('warming');"),
    ].map(code => floatingCase(code, ['warmCache()'], { canAwait: false })),
    {
      // A statement that passes a function written in place is reported up to that function's
      // head (\`fetch(url).then(async response =>\`), not over its body.
      code: `async function f(url) {
  fetch(url).then(async response => {
    console.log(await response.text());
  });
}`,
      errors: [
        {
          messageId: 'floating',
          line: 2,
          column: 3,
          endLine: 2,
          endColumn: 36,
          suggestions: [
            {
              messageId: 'addAwait',
              output: `async function f(url) {
  await fetch(url).then(async response => {
    console.log(await response.text());
  });
}`,
            },
            {
              messageId: 'addVoid',
              output: `async function f(url) {
  void fetch(url).then(async response => {
    console.log(await response.text());
  });
}`,
            },
            {
              messageId: 'addCatch',
              output: `async function f(url) {
  fetch(url).then(async response => {
    console.log(await response.text());
  }).catch((error) => { console.error(error); });
}`,
            },
          ],
        },
      ],
    },
    {
      code: `async function load() { await fetch('x'); }
async function f() {
  load();
}`,
      errors: [
        {
          messageId: 'floating',
          line: 3,
          suggestions: [
            { messageId: 'addAwait', output: `async function load() { await fetch('x'); }\nasync function f() {\n  await load();\n}` },
            { messageId: 'addVoid', output: `async function load() { await fetch('x'); }\nasync function f() {\n  void load();\n}` },
            { messageId: 'addCatch', output: `async function load() { await fetch('x'); }\nasync function f() {\n  load()${CATCH};\n}` },
          ],
        },
      ],
    },
    {
      // No `await` suggestion where `await` is not legal (a sync function, a script).
      code: `async function load() { await fetch('x'); }
function f() { load(); }`,
      errors: [
        {
          messageId: 'floating',
          suggestions: [
            { messageId: 'addVoid', output: `async function load() { await fetch('x'); }\nfunction f() { void load(); }` },
            { messageId: 'addCatch', output: `async function load() { await fetch('x'); }\nfunction f() { load()${CATCH}; }` },
          ],
        },
      ],
    },
    {
      // Nor in a namespace body, even of a module: TypeScript rejects `await` there (TS1308),
      // although its ESTree parser accepts it.
      code: `async function load() { await fetch('x'); }
namespace Jobs { load(); }`,
      errors: [
        {
          messageId: 'floating',
          suggestions: [
            { messageId: 'addVoid', output: `async function load() { await fetch('x'); }\nnamespace Jobs { void load(); }` },
            { messageId: 'addCatch', output: `async function load() { await fetch('x'); }\nnamespace Jobs { load()${CATCH}; }` },
          ],
        },
      ],
    },
    {
      // No `.catch(…)` that logs where `console` is a local.
      code: `async function load() { await fetch('x'); }
async function f() {
  const console = { error() {} };
  load();
}`,
      errors: [
        {
          messageId: 'floating',
          suggestions: [
            { messageId: 'addAwait', output: `async function load() { await fetch('x'); }\nasync function f() {\n  const console = { error() {} };\n  await load();\n}` },
            { messageId: 'addVoid', output: `async function load() { await fetch('x'); }\nasync function f() {\n  const console = { error() {} };\n  void load();\n}` },
          ],
        },
      ],
    },
    {
      code: `async function load() { await fetch('x'); }
load();
module.exports = load;`,
      languageOptions: { parserOptions: { sourceType: 'script' } },
      errors: [
        {
          messageId: 'floating',
          suggestions: [
            { messageId: 'addVoid', output: `async function load() { await fetch('x'); }\nvoid load();\nmodule.exports = load;` },
            { messageId: 'addCatch', output: `async function load() { await fetch('x'); }\nload()${CATCH};\nmodule.exports = load;` },
          ],
        },
      ],
    },
    {
      // Parentheses where the operator binds looser than `await`.
      code: `async function load() { await fetch('x'); }
async function f(ready) {
  ready && load();
}`,
      errors: [
        {
          messageId: 'floating',
          suggestions: [
            { messageId: 'addAwait', output: `async function load() { await fetch('x'); }\nasync function f(ready) {\n  await (ready && load());\n}` },
            { messageId: 'addVoid', output: `async function load() { await fetch('x'); }\nasync function f(ready) {\n  void (ready && load());\n}` },
            { messageId: 'addCatch', output: `async function load() { await fetch('x'); }\nasync function f(ready) {\n  (ready && load())${CATCH};\n}` },
          ],
        },
      ],
    },
    // Annotations and JSDoc.
    floatingCase(`export {};\nfunction save(): Promise<void> { return write(); }\nsave();`, ['save()']),
    floatingCase(`export {};\n/** @returns {Promise<string>} */\nfunction read() { return readLater(); }\nread();`, ['read()']),
    floatingCase(`declare function later(): Promise<void>;\nlater();`, ['later()']),
    floatingCase(`declare const later: () => Promise<void>;\nlater();`, ['later()']),
    floatingCase(`const wait = async () => { await fetch('x'); };\nexport const run = () => { wait(); };`, ['wait()'], { canAwait: false }),
    floatingCase(`declare const tagged: Promise<number> & { label: string };\ntagged.finally(() => {});`, ['tagged.finally(() => {})']),
    floatingCase(`async function run(done: () => Promise<void>) {\n  done();\n}`, ['done()']),
    // A known array mapped through a promise function is an array of promises.
    {
      code: `const urls = ['a', 'b'];\nasync function f() {\n  urls.map(async url => fetch(url));\n}`,
      errors: [
        {
          messageId: 'floatingArray',
          suggestions: [
            {
              messageId: 'awaitAll',
              output: `const urls = ['a', 'b'];\nasync function f() {\n  await Promise.all(urls.map(async url => fetch(url)));\n}`,
            },
          ],
        },
      ],
    },
    // \`this.method()\` of the same class: the receiver is known.
    floatingCase(
      `class Worker {\n  async run() { await fetch('x'); }\n  async #tick() { await fetch('x'); }\n  start() {\n    this.run();\n    setTimeout(() => { this.#tick(); }, 10);\n  }\n}`,
      ['this.run()', 'this.#tick()'],
      { canAwait: false },
    ),
    // One level of return inference.
    floatingCase(`export {};\nfunction delay(ms) { return new Promise(resolve => setTimeout(resolve, ms)); }\ndelay(10);`, ['delay(10)']),
    floatingCase(`export {};\nasync function load() { await fetch('x'); }\nconst reload = () => load().then(() => 1);\nreload();`, ['reload()']),
    // Promise modules, keyed by import source.
    floatingCase(`import { writeFile } from 'node:fs/promises';\nwriteFile('a', 'b');`, ["writeFile('a', 'b')"]),
    floatingCase(`const fs = require('fs');\nfs.promises.unlink('a');`, ["fs.promises.unlink('a')"]),
    floatingCase(`import { setTimeout as sleep } from 'timers/promises';\nsleep(10);`, ['sleep(10)']),
    floatingCase(
      `import { pipeline } from 'node:stream/promises';\nimport * as dns from 'node:dns/promises';\npipeline(a, b);\ndns.lookup('example.com');`,
      ['pipeline(a, b)', "dns.lookup('example.com')"],
    ),
    floatingCase(
      `import { promisify } from 'node:util';\nimport { exec } from 'node:child_process';\nconst run = promisify(exec);\nrun('ls');`,
      ["run('ls')"],
    ),
    floatingCase(`export {};\nimport('./plugin.js');`, ["import('./plugin.js')"]),
    // fetch and Response body methods.
    floatingCase(`fetch('https://example.com');`, ["fetch('https://example.com')"]),
    floatingCase(`async function f() {\n  const response = await fetch('https://example.com');\n  response.json();\n}`, ['response.json()']),
    floatingCase(`fetch('https://example.com').then(response => { response.text(); }, console.error);`, ['response.text()'], {
      canAwait: false,
    }),
    // Promise statics, constructor, chains without a rejection handler.
    floatingCase(`Promise.reject(new Error('x'));\nnew Promise((resolve, reject) => reject(new Error('x')));\nPromise.all([fetch('a')]);`, [
      "Promise.reject(new Error('x'))",
      "new Promise((resolve, reject) => reject(new Error('x')))",
      "Promise.all([fetch('a')])",
    ]),
    floatingCase(`fetch('a').then(response => response.ok);\nfetch('a').catch();\nfetch('a').finally(() => {});`, [
      "fetch('a').then(response => response.ok)",
      "fetch('a').catch()",
      "fetch('a').finally(() => {})",
    ]),
    {
      code: `fetch('a').catch(undefined);`,
      errors: [
        {
          messageId: 'floatingUselessHandler',
          suggestions: [
            { messageId: 'addAwait', output: `await fetch('a').catch(undefined);` },
            { messageId: 'addVoid', output: `void fetch('a').catch(undefined);` },
          ],
        },
      ],
    },
    {
      code: `export {};\n(async () => { await work(); })();`,
      errors: [
        {
          messageId: 'floating',
          suggestions: [
            { messageId: 'addAwait', output: `export {};\nawait (async () => { await work(); })();` },
            { messageId: 'addVoid', output: `export {};\nvoid (async () => { await work(); })();` },
            { messageId: 'addCatch', output: `export {};\n(async () => { await work(); })()${CATCH};` },
          ],
        },
      ],
    },
    floatingCase(`const pending = fetch('a');\npending;`, ['pending']),
    {
      code: `async function load() { await fetch('x'); }
async function f() { [load(), load()]; }`,
      errors: [
        {
          messageId: 'floatingArray',
          suggestions: [{ messageId: 'awaitAll', output: `async function load() { await fetch('x'); }\nasync function f() { await Promise.all([load(), load()]); }` }],
        },
      ],
    },
    {
      code: `async function load() { await fetch('x'); }\nload(), 1;`,
      errors: [
        {
          messageId: 'floating',
          suggestions: [
            { messageId: 'addAwait', output: `async function load() { await fetch('x'); }\nawait (load(), 1);` },
            { messageId: 'addVoid', output: `async function load() { await fetch('x'); }\nvoid (load(), 1);` },
            { messageId: 'addCatch', output: `async function load() { await fetch('x'); }\n(load(), 1)${CATCH};` },
          ],
        },
      ],
    },
    // The user's own list of promise functions.
    floatingCase(
      `import got from 'got';\nimport { query } from 'db';\ngot('https://example.com');\nquery('select 1');`,
      ["got('https://example.com')", "query('select 1')"],
      { ruleOptions: [{ promiseFunctions: [{ module: 'got', names: ['default'] }, { module: 'db', names: ['query'] }] }] },
    ),
    floatingCase(`sendMetrics();`, ['sendMetrics()'], { ruleOptions: [{ promiseFunctions: [{ names: ['sendMetrics'] }] }] }),
    // A promise returned inside try escapes the catch.
    {
      code: `async function load() { await fetch('x'); }
async function f() {
  try {
    return load();
  } catch (error) {
    return null;
  }
}`,
      errors: [
        {
          messageId: 'returnInTry',
          line: 4,
          suggestions: [
            {
              messageId: 'returnAwait',
              output: `async function load() { await fetch('x'); }
async function f() {
  try {
    return await load();
  } catch (error) {
    return null;
  }
}`,
            },
          ],
        },
      ],
    },
    {
      code: `async function f(flag) {
  try {
    audit();
  } catch {
    return flag ? fetch('a') : fetch('b');
  } finally {
    close();
  }
}`,
      errors: [
        {
          messageId: 'returnInTry',
          suggestions: [
            {
              messageId: 'returnAwait',
              output: `async function f(flag) {
  try {
    audit();
  } catch {
    return await (flag ? fetch('a') : fetch('b'));
  } finally {
    close();
  }
}`,
            },
          ],
        },
      ],
    },
    // Cross-file evidence, read from disk.
    {
      ...floatingCase(
        `import main, { load, save, legacy, refresh } from './api';\nload();\nsave('x');\nlegacy();\nrefresh();\nmain();`,
        ['load()', "save('x')", 'legacy()', 'refresh()', 'main()'],
      ),
      filename: CONSUMER,
      // The fixture folder is test code by its path; these cases are about module resolution.
      settings: LONG_RUNNING_SETTINGS,
    },
    {
      // Through \`export *\`, a renamed re-export and a cycle of re-exports, next to a missing module.
      ...floatingCase(
        `import { load, loadAgain, fromCycleA } from './index';\nimport * as api from './index.js';\nload();\nloadAgain();\nfromCycleA();\napi.save('x');`,
        ['load()', 'loadAgain()', 'fromCycleA()', "api.save('x')"],
      ),
      filename: CONSUMER,
      // The fixture folder is test code by its path; these cases are about module resolution.
      settings: LONG_RUNNING_SETTINGS,
    },
    {
      ...floatingCase(`const { send, connect } = require('./legacy');\nsend('x');\nconnect();`, ["send('x')", 'connect()']),
      filename: CONSUMER,
      // The fixture folder is test code by its path; these cases are about module resolution.
      settings: LONG_RUNNING_SETTINGS,
    },
  ],
});

typedRuleTester.run('no-missing-await (with types)', rule, {
  valid: [
    `declare function load(): Promise<void>;
     async function f() { await load(); }`,
    `declare const maybe: () => Promise<void> | null;
     async function f() { await maybe?.(); }`,
    // A thenable whose then takes no rejection handler cannot be caught.
    `declare const done: { then(onfulfilled: () => void): void };
     done;`,
    // Typed receivers that are not promises, even with promise-like names.
    `declare const db: { query(sql: string): number };
     db.query('select 1');`,
    `declare function load(): Promise<void>;
     load().catch(() => {});
     load().then(() => {}, () => {});`,
    `import { test } from 'node:test';
     test('case', async () => {});`,
    `declare function load(): Promise<void>;
     async function f() { const all = [load()]; await Promise.all(all); }`,
  ],
  invalid: [
    {
      // The checker knows what evidence cannot: a promise from a typed receiver.
      code: `declare const db: { query(sql: string): Promise<number> };
async function f() {
  db.query('select 1');
}`,
      errors: [
        {
          messageId: 'floating',
          line: 3,
          suggestions: [
            { messageId: 'addAwait', output: `declare const db: { query(sql: string): Promise<number> };\nasync function f() {\n  await db.query('select 1');\n}` },
            { messageId: 'addVoid', output: `declare const db: { query(sql: string): Promise<number> };\nasync function f() {\n  void db.query('select 1');\n}` },
            { messageId: 'addCatch', output: `declare const db: { query(sql: string): Promise<number> };\nasync function f() {\n  db.query('select 1')${CATCH};\n}` },
          ],
        },
      ],
    },
    floatingCase(`declare const thenable: { then(ok: (value: number) => void, fail: (error: unknown) => void): void };\nthenable;`, [
      'thenable',
    ]),
    {
      // The optional chain stays optional in the `.catch(…)` suggestion.
      code: `declare const maybe: () => Promise<void> | null;\nmaybe?.();`,
      errors: [
        {
          messageId: 'floating',
          suggestions: [
            { messageId: 'addAwait', output: `declare const maybe: () => Promise<void> | null;\nawait maybe?.();` },
            { messageId: 'addVoid', output: `declare const maybe: () => Promise<void> | null;\nvoid maybe?.();` },
            { messageId: 'addCatch', output: `declare const maybe: () => Promise<void> | null;\nmaybe?.()?${CATCH};` },
          ],
        },
      ],
    },
    {
      code: `declare const items: number[];
declare function send(item: number): Promise<void>;
async function f() {
  items.map(send);
}`,
      errors: [
        {
          messageId: 'floatingArray',
          suggestions: [
            {
              messageId: 'awaitAll',
              output: `declare const items: number[];
declare function send(item: number): Promise<void>;
async function f() {
  await Promise.all(items.map(send));
}`,
            },
          ],
        },
      ],
    },
    {
      code: `declare function load(): Promise<void>;\ndeclare const flag: boolean;\nflag ? load() : null;\nflag || load();\n(0, load());`,
      errors: [
        {
          messageId: 'floating',
          line: 3,
          suggestions: [
            { messageId: 'addAwait', output: `declare function load(): Promise<void>;\ndeclare const flag: boolean;\nawait (flag ? load() : null);\nflag || load();\n(0, load());` },
            { messageId: 'addVoid', output: `declare function load(): Promise<void>;\ndeclare const flag: boolean;\nvoid (flag ? load() : null);\nflag || load();\n(0, load());` },
            { messageId: 'addCatch', output: `declare function load(): Promise<void>;\ndeclare const flag: boolean;\n(flag ? load() : null)${CATCH};\nflag || load();\n(0, load());` },
          ],
        },
        {
          messageId: 'floating',
          line: 4,
          suggestions: [
            { messageId: 'addAwait', output: `declare function load(): Promise<void>;\ndeclare const flag: boolean;\nflag ? load() : null;\nawait (flag || load());\n(0, load());` },
            { messageId: 'addVoid', output: `declare function load(): Promise<void>;\ndeclare const flag: boolean;\nflag ? load() : null;\nvoid (flag || load());\n(0, load());` },
            { messageId: 'addCatch', output: `declare function load(): Promise<void>;\ndeclare const flag: boolean;\nflag ? load() : null;\n(flag || load())${CATCH};\n(0, load());` },
          ],
        },
        {
          messageId: 'floating',
          line: 5,
          suggestions: [
            { messageId: 'addAwait', output: `declare function load(): Promise<void>;\ndeclare const flag: boolean;\nflag ? load() : null;\nflag || load();\nawait (0, load());` },
            { messageId: 'addVoid', output: `declare function load(): Promise<void>;\ndeclare const flag: boolean;\nflag ? load() : null;\nflag || load();\nvoid (0, load());` },
            { messageId: 'addCatch', output: `declare function load(): Promise<void>;\ndeclare const flag: boolean;\nflag ? load() : null;\nflag || load();\n(0, load())${CATCH};` },
          ],
        },
      ],
    },
    {
      code: `declare function load(): Promise<void>;\nload().catch(42);`,
      errors: [
        {
          messageId: 'floatingUselessHandler',
          suggestions: [
            { messageId: 'addAwait', output: `declare function load(): Promise<void>;\nawait load().catch(42);` },
            { messageId: 'addVoid', output: `declare function load(): Promise<void>;\nvoid load().catch(42);` },
          ],
        },
      ],
    },
    {
      code: `declare const pending: Promise<number>;
async function f() {
  try {
    return pending;
  } finally {
    release();
  }
}
declare function release(): void;`,
      errors: [
        {
          messageId: 'returnInTry',
          line: 4,
          suggestions: [
            {
              messageId: 'returnAwait',
              output: `declare const pending: Promise<number>;
async function f() {
  try {
    return await pending;
  } finally {
    release();
  }
}
declare function release(): void;`,
            },
          ],
        },
      ],
    },
  ],
});

describe('no-missing-await options and module resolution', () => {
  const linter = new Linter({ configType: 'flat' });
  const lint = (ruleOptions: unknown) =>
    linter.verify('x();', [
      {
        plugins: { 'async-pitfalls': { rules: { 'no-missing-await': rule } } },
        rules: { 'async-pitfalls/no-missing-await': ['error', ruleOptions] },
      },
    ] as unknown as Linter.Config[]);

  it('rejects an unknown option with a message naming it', () => {
    assert.throws(() => lint({ ignoreVoid: true }), /should NOT have additional properties[\s\S]*ignoreVoid|ignoreVoid[\s\S]*additional/);
  });

  it('rejects a promise function without names', () => {
    assert.throws(() => lint({ promiseFunctions: [{ module: 'got' }] }), /required property 'names'/);
  });

  it('rejects a non-boolean checkReturnInTry', () => {
    assert.throws(() => lint({ checkReturnInTry: 'yes' }), /checkReturnInTry.*should be boolean|should be boolean/);
  });

  it('works under espree, with no parser services at all', () => {
    const messages = linter.verify("async function load() { await fetch('x'); }\nexport function start() {\n  load();\n}", [
      {
        plugins: { 'async-pitfalls': { rules: { 'no-missing-await': rule } } },
        rules: { 'async-pitfalls/no-missing-await': 'error' },
      },
    ] as unknown as Linter.Config[]);
    assert.deepEqual(
      messages.map(message => [message.line, message.messageId]),
      [[3, 'floating']],
    );
  });

  it('never follows a relative import into node_modules', () => {
    const fromFile = path.join(__dirname, '..', '..', 'file.ts');
    assert.equal(resolveRelativeModule(fromFile, './node_modules/mocha/index.js'), undefined);
    assert.equal(resolveRelativeModule(fromFile, './package.json'), path.join(__dirname, '..', '..', 'package.json'));
  });
});
