import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vm from 'node:vm';

import { Linter } from 'eslint';
import tseslint from 'typescript-eslint';

import rule from '../../eslint-plugin/src/rules/no-misused-async-callback';
import { applySuggestion, syntaxErrors } from '../fix-output';
import { createFixtureRuleTester, createRuleTester, createTypedRuleTester, FIXTURES, LONG_RUNNING_SETTINGS } from '../rule-tester';

const ruleTester = createRuleTester();

ruleTester.run('no-misused-async-callback', rule, {
  valid: [
    // Sync callbacks.
    'items.forEach(item => console.log(item));',
    'const evens = items.filter(item => item % 2 === 0);',
    'emitter.on("data", chunk => chunks.push(chunk));',
    'new Promise((resolve) => setTimeout(resolve, 10));',
    // map keeps the promises; Promise.all awaits them.
    'async function f(urls) { await Promise.all(urls.map(async url => fetch(url))); }',
    // A listener whose waiting all happens in a try that catches: the call before it is sync code,
    // which would throw out of a plain listener just the same.
    "emitter.on('close', async () => { cleanup(); try { await flush(); } catch {} });",
    // A returned value that is no promise: a property, or what a call that cannot reject gives.
    "emitter.on('close', async () => { try { await flush(); } catch {} return state.closed; });",
    // A handler that catches everything it can throw.
    `process.on('SIGTERM', async () => {
       try { await server.close(); } catch (error) { console.error(error); }
     });`,
    `window.addEventListener('load', async () => {
       try { await init(); } catch (error) { report(error); }
     });`,
    // At shutdown a failure ends the process, as the file's own error handler does too (bullmq's
    // child process: SIGTERM waits for the current job and exits; uncaughtException reports and exits).
    `process.on('SIGTERM', () => child.waitForCurrentJobAndExit());
     process.on('uncaughtException', (err) => {
       console.error(err);
       process.exit(1);
     });`,
    // Outside the try only code that cannot fail (an assignment, an early return).
    `setTimeout(async () => {
       timer = null;
       if (closing) { return; }
       try { await reconnect(); } catch (error) { schedule(error); }
     }, 1000);`,
    // A handler whose promise ends in a rejection handler.
    "emitter.on('job', job => run(job).catch(console.error));",
    "emitter.on('job', async job => { await run(job).catch(console.error); });",
    'setTimeout(() => { return refresh().then(render, showError); }, 100);',
    "items.forEach(item => save(item).catch(log));",
    // A local function with the timer's name is not the timer.
    'function setTimeout(fn) { return fn(); } setTimeout(async () => { await work(); });',
    // setTimeout from timers/promises takes no callback.
    "import { setTimeout } from 'node:timers/promises'; await setTimeout(10, async () => {});",
    // Event names we cannot read: the method may belong to anything.
    'router.on(pattern(), async () => { await load(); });',
    // Three arguments: not an emitter's `on(event, listener)`.
    "app.on('ready', async () => { await start(); }, { once: true });",
    // An executor that is not async, and a `Promise` that is not the global one.
    'const Promise = require("bluebird"); new Promise(async (resolve) => resolve(await x()));',
    // A component may await its handler: without types, only DOM elements are known.
    'const form = <Form onSubmit={async values => { await save(values); }} />;',
    // Not an event prop.
    'const b = <button data-x={async () => {}} />;',
    // A generator is not a promise.
    'items.forEach(function* (item) { yield item; });',
    // A callback with no evidence of a promise: never guessed from a name.
    'items.forEach(item => saveAsync(item));',
    // TypeScript syntax.
    `async function f(ids: string[]): Promise<void> {
       for (const id of ids) { await remove(id); }
     }`,
  ],
  invalid: [
    {
      // A comment between the receiver and \`.forEach\` would swallow the rewritten line, or be
      // lost: reported without a rewrite (found by the fix-safety test's generated programs).
      code: `async function f(registry) {
  Object.keys(registry) // note
    .forEach(async function (key) { await save(key); });
}`,
      errors: [{ messageId: 'forEach', line: 3, suggestions: [] }],
    },
    {
      // A receiver declared as an array: both rewrites.
      code: `async function f(users: User[]) {
  users.forEach(async user => {
    await save(user);
  });
}`,
      errors: [{
        messageId: 'forEach',
        line: 2,
        suggestions: [
          {
            messageId: 'useForOf',
            output: `async function f(users: User[]) {
  for (const user of users) {
    await save(user);
  }
}`,
          },
          {
            messageId: 'usePromiseAll',
            output: `async function f(users: User[]) {
  await Promise.all(users.map(async user => {
    await save(user);
  }));
}`,
          },
        ],
      }],
    },
    {
      // A `return;` ends one call of the callback: `continue;` ends one turn of the loop. The index
      // comes from `entries()`.
      code: `async function f(users: User[]) {
  users.forEach(async (user, index) => { if (!user) return; await save(user, index); });
}`,
      errors: [{
        messageId: 'forEach',
        suggestions: [
          {
            messageId: 'useForOf',
            output: `async function f(users: User[]) {
  for (const [index, user] of users.entries()) { if (!user) continue; await save(user, index); }
}`,
          },
          {
            messageId: 'usePromiseAll',
            output: `async function f(users: User[]) {
  await Promise.all(users.map(async (user, index) => { if (!user) return; await save(user, index); }));
}`,
          },
        ],
      }],
    },
    {
      // The receiver keeps its parentheses.
      code: `async function f(a: Item[], b: Item[]) {
  (a || b).forEach(async item => { await save(item); });
}`,
      errors: [{
        messageId: 'forEach',
        suggestions: [
          {
            messageId: 'useForOf',
            output: `async function f(a: Item[], b: Item[]) {
  for (const item of (a || b)) { await save(item); }
}`,
          },
          {
            messageId: 'usePromiseAll',
            output: `async function f(a: Item[], b: Item[]) {
  await Promise.all((a || b).map(async item => { await save(item); }));
}`,
          },
        ],
      }],
    },
    {
      // An array by construction; a function expression that uses neither `this` nor `arguments`,
      // and an expression body, which the loop awaits.
      code: `async function f(registry) {
  Object.keys(registry).forEach(async function (key) { await save(key); });
  Array.from(registry.values()).forEach(async key => save(key));
}`,
      errors: [
        {
          messageId: 'forEach',
          line: 2,
          suggestions: [
            {
              messageId: 'useForOf',
              output: `async function f(registry) {
  for (const key of Object.keys(registry)) { await save(key); }
  Array.from(registry.values()).forEach(async key => save(key));
}`,
            },
            {
              messageId: 'usePromiseAll',
              output: `async function f(registry) {
  await Promise.all(Object.keys(registry).map(async function (key) { await save(key); }));
  Array.from(registry.values()).forEach(async key => save(key));
}`,
            },
          ],
        },
        {
          messageId: 'forEach',
          line: 3,
          suggestions: [
            {
              messageId: 'useForOf',
              output: `async function f(registry) {
  Object.keys(registry).forEach(async function (key) { await save(key); });
  for (const key of Array.from(registry.values())) { await save(key); }
}`,
            },
            {
              messageId: 'usePromiseAll',
              output: `async function f(registry) {
  Object.keys(registry).forEach(async function (key) { await save(key); });
  await Promise.all(Array.from(registry.values()).map(async key => save(key)));
}`,
            },
          ],
        },
      ],
    },
    {
      // Without types, a receiver that may not be an array gets no rewrite: a Map's forEach passes
      // (value, key), its for…of gives [key, value] pairs, and it has no map().
      code: `async function f(users) {
  const byId = new Map();
  byId.forEach(async (user) => { await save(user); });
  users.forEach(async (user) => { await save(user); });
}`,
      errors: [
        { messageId: 'forEach', line: 3, suggestions: [] },
        { messageId: 'forEach', line: 4, suggestions: [] },
      ],
    },
    // A `var` or a function declared in the callback would land in the enclosing function (here
    // clashing with `let total`), `this` of a function expression would change, a `return` in a
    // nested loop or with a value is no `continue`, and a receiver that reads the parameter's name
    // would read the loop variable before it is bound: no for…of, only Promise.all.
    ...[
      [
        'items.forEach(async (i) => { var total = await load(i); });',
        'await Promise.all(items.map(async (i) => { var total = await load(i); }));',
      ],
      [
        'items.forEach(async (i) => { function helper() { return i; } await save(helper()); });',
        'await Promise.all(items.map(async (i) => { function helper() { return i; } await save(helper()); }));',
      ],
      [
        'items.forEach(async function (i) { await this.save(i); });',
        'await Promise.all(items.map(async function (i) { await this.save(i); }));',
      ],
      [
        'items.forEach(async (i) => { for (const n of nodes) { if (n) return; } await save(i); });',
        'await Promise.all(items.map(async (i) => { for (const n of nodes) { if (n) return; } await save(i); }));',
      ],
      [
        'items.forEach(async (i) => { if (!i) return i; await save(i); });',
        'await Promise.all(items.map(async (i) => { if (!i) return i; await save(i); }));',
      ],
      [
        'Object.values(nodes).forEach(async (nodes) => { await save(nodes); });',
        'await Promise.all(Object.values(nodes).map(async (nodes) => { await save(nodes); }));',
      ],
    ].map(([statement, output]) => {
      const inFunction = (line: string): string => `async function f(items: number[], nodes: Node[]) {
  let total = 0;
  ${line}
  return total;
}`;
      return {
        code: inFunction(statement!),
        errors: [{ messageId: 'forEach' as const, suggestions: [{ messageId: 'usePromiseAll' as const, output: inFunction(output!) }] }],
      };
    }),
    {
      // Not inside an async function: no suggestion can await.
      code: 'function f(users) { users.forEach(async user => { await save(user); }); }',
      errors: [{ messageId: 'forEach', suggestions: [] }],
    },
    {
      // A reference to a local async function; no suggestion for it.
      code: `async function notify(user) { await send(user); }
function f(users) { users.forEach(notify); }`,
      errors: [{ messageId: 'forEach', line: 2, suggestions: [] }],
    },
    {
      // Destructuring parameter, TypeScript.
      code: `async function f(pairs: [string, number][]): Promise<void> {
  pairs.forEach(async ([key, value]) => { await store.set(key, value); });
}`,
      errors: [{
        messageId: 'forEach',
        suggestions: [
          {
            messageId: 'useForOf',
            output: `async function f(pairs: [string, number][]): Promise<void> {
  for (const [key, value] of pairs) { await store.set(key, value); }
}`,
          },
          {
            messageId: 'usePromiseAll',
            output: `async function f(pairs: [string, number][]): Promise<void> {
  await Promise.all(pairs.map(async ([key, value]) => { await store.set(key, value); }));
}`,
          },
        ],
      }],
    },
    {
      // A typed parameter keeps its name only.
      code: `async function f(ids: string[]) {
  ids.forEach(async (id: string) => { await remove(id); });
}`,
      errors: [{
        messageId: 'forEach',
        suggestions: [
          {
            messageId: 'useForOf',
            output: `async function f(ids: string[]) {
  for (const id of ids) { await remove(id); }
}`,
          },
          {
            messageId: 'usePromiseAll',
            output: `async function f(ids: string[]) {
  await Promise.all(ids.map(async (id: string) => { await remove(id); }));
}`,
          },
        ],
      }],
    },
    {
      // A non-async arrow whose body is a promise (fetch).
      code: 'urls.forEach(url => fetch(url));',
      errors: [{ messageId: 'forEach', suggestions: [] }],
    },
    ...['filter', 'some', 'every', 'find', 'findIndex', 'findLast', 'findLastIndex'].map(method => ({
      code: `const found = users.${method}(async user => await isActive(user));`,
      errors: [{ messageId: 'predicate' as const, data: { method } }],
    })),
    {
      code: 'new Promise(async (resolve, reject) => { resolve(await load()); });',
      errors: [{ messageId: 'executor' }],
    },
    {
      code: 'const p = new Promise(async function (resolve) { resolve(await load()); });',
      errors: [{ messageId: 'executor' }],
    },
    {
      code: `process.on('unhandledRejection', async reason => {
  await flush(reason);
});`,
      errors: [{
        messageId: 'handler',
        data: { caller: "'on'" },
        suggestions: [{
          messageId: 'wrapInTryCatch',
          output: `process.on('unhandledRejection', async reason => { try {
  await flush(reason);
} catch (error) { console.error(error); } });`,
        }],
      }],
    },
    {
      // bullmq's child process: the error handler's own failure (the IPC send) comes back to it as
      // another uncaught error before it reaches process.exit.
      code: `process.on('uncaughtException', async (err) => {
  await send({ cmd: 'failed', value: String(err) });
  process.exit();
});`,
      errors: [{
        messageId: 'handler',
        data: { caller: "'on'" },
        line: 1,
        suggestions: [{
          messageId: 'wrapInTryCatch',
          output: `process.on('uncaughtException', async (err) => { try {
  await send({ cmd: 'failed', value: String(err) });
  process.exit();
} catch (error) { console.error(error); } });`,
        }],
      }],
    },
    {
      // The file's error handler keeps the process running: a failed drain at SIGTERM is then lost.
      code: `process.on('uncaughtException', (err) => { log(err); });
process.on('SIGTERM', async () => { await drain(); });`,
      errors: [{
        messageId: 'handler',
        data: { caller: "'on'" },
        line: 2,
        suggestions: [{
          messageId: 'wrapInTryCatch',
          output: `process.on('uncaughtException', (err) => { log(err); });
process.on('SIGTERM', async () => { try { await drain(); } catch (error) { console.error(error); } });`,
        }],
      }],
    },
    {
      code: "socket.once(EVENT, async message => handle(message));",
      errors: [{
        messageId: 'handler',
        data: { caller: "'once'" },
        suggestions: [{
          messageId: 'wrapInTryCatch',
          output: "socket.once(EVENT, async message => { try { await handle(message); } catch (error) { console.error(error); } });",
        }],
      }],
    },
    {
      // An expression body is awaited as a whole: an assignment and a conditional in parentheses,
      // an object literal without the parentheses that made it one.
      code: `setTimeout(async () => r = await load(), 10);
setTimeout(async () => ({ a: await load() }), 10);
setTimeout(async () => c ? a() : b(), 10);`,
      errors: [
        {
          messageId: 'handler',
          line: 1,
          suggestions: [{
            messageId: 'wrapInTryCatch',
            output: `setTimeout(async () => { try { await (r = await load()); } catch (error) { console.error(error); } }, 10);
setTimeout(async () => ({ a: await load() }), 10);
setTimeout(async () => c ? a() : b(), 10);`,
          }],
        },
        {
          messageId: 'handler',
          line: 2,
          suggestions: [{
            messageId: 'wrapInTryCatch',
            output: `setTimeout(async () => r = await load(), 10);
setTimeout(async () => { try { await { a: await load() }; } catch (error) { console.error(error); } }, 10);
setTimeout(async () => c ? a() : b(), 10);`,
          }],
        },
        {
          messageId: 'handler',
          line: 3,
          suggestions: [{
            messageId: 'wrapInTryCatch',
            output: `setTimeout(async () => r = await load(), 10);
setTimeout(async () => ({ a: await load() }), 10);
setTimeout(async () => { try { await (c ? a() : b()); } catch (error) { console.error(error); } }, 10);`,
          }],
        },
      ],
    },
    {
      // A directive stays the first statement of the body.
      code: "emitter.on('job', async function () { 'use strict'; await run(); });",
      errors: [{
        messageId: 'handler',
        suggestions: [{
          messageId: 'wrapInTryCatch',
          output: "emitter.on('job', async function () { 'use strict'; try { await run(); } catch (error) { console.error(error); } });",
        }],
      }],
    },
    {
      // A named function expression: its body's scope, not its name's, says that \`step\` is
      // declared twice.
      code: "emitter.on('job', async function job() { function step() {} function step() {} await step(); });",
      errors: [{ messageId: 'handler', suggestions: [] }],
    },
    {
      // No wrap where `console` is a local, nor where the body declares a function twice (legal in a
      // function body, not in the block of a `try`); no Promise.all where `Promise` is a local.
      code: `async function f(ids: string[]) {
  const console = { error() {} };
  setTimeout(async () => { await load(); }, 10);
}
emitter.on('job', async function () { function step() {} function step() {} await step(); });
async function g(ids: string[]) {
  const Promise = null;
  ids.forEach(async (id) => { await save(id); });
}`,
      errors: [
        { messageId: 'handler', line: 3, suggestions: [] },
        { messageId: 'handler', line: 5, suggestions: [] },
        {
          messageId: 'forEach',
          line: 8,
          suggestions: [{
            messageId: 'useForOf',
            output: `async function f(ids: string[]) {
  const console = { error() {} };
  setTimeout(async () => { await load(); }, 10);
}
emitter.on('job', async function () { function step() {} function step() {} await step(); });
async function g(ids: string[]) {
  const Promise = null;
  for (const id of ids) { await save(id); }
}`,
          }],
        },
      ],
    },
    {
      code: "stream.addListener('end', async () => { await close(); });",
      errors: [{
        messageId: 'handler',
        data: { caller: "'addListener'" },
        suggestions: [{
          messageId: 'wrapInTryCatch',
          output: "stream.addListener('end', async () => { try { await close(); } catch (error) { console.error(error); } });",
        }],
      }],
    },
    {
      code: "stream.prependListener('end', async () => { await close(); });",
      errors: [{
        messageId: 'handler',
        data: { caller: "'prependListener'" },
        suggestions: [{
          messageId: 'wrapInTryCatch',
          output: "stream.prependListener('end', async () => { try { await close(); } catch (error) { console.error(error); } });",
        }],
      }],
    },
    {
      // A catch that rethrows does not handle the rejection.
      code: "button.addEventListener('click', async () => { try { await send(); } catch (error) { throw error; } });",
      errors: [{
        messageId: 'handler',
        data: { caller: "'addEventListener'" },
        suggestions: [{
          messageId: 'wrapInTryCatch',
          output: "button.addEventListener('click', async () => { try { try { await send(); } catch (error) { throw error; } } catch (error) { console.error(error); } });",
        }],
      }],
    },
    {
      // Code outside the try still rejects unseen.
      code: "button.addEventListener('click', async () => { await prepare(); try { await send(); } catch {} });",
      errors: [{
        messageId: 'handler',
        suggestions: [{
          messageId: 'wrapInTryCatch',
          output: "button.addEventListener('click', async () => { try { await prepare(); try { await send(); } catch {} } catch (error) { console.error(error); } });",
        }],
      }],
    },
    {
      // A promise returned after the try: its rejection is the listener's.
      code: "emitter.on('close', async () => { try { await flush(); } catch {} return flush(); });\nasync function flush() { await fetch('https://example.com/flush'); }",
      errors: [{
        messageId: 'handler',
        suggestions: [{
          messageId: 'wrapInTryCatch',
          output: "emitter.on('close', async () => { try { try { await flush(); } catch {} return await flush(); } catch (error) { console.error(error); } });\nasync function flush() { await fetch('https://example.com/flush'); }",
        }],
      }],
    },
    {
      code: 'setTimeout(async () => { await refresh(); }, 1000);',
      errors: [{
        messageId: 'handler',
        data: { caller: "'setTimeout'" },
        suggestions: [{
          messageId: 'wrapInTryCatch',
          output: 'setTimeout(async () => { try { await refresh(); } catch (error) { console.error(error); } }, 1000);',
        }],
      }],
    },
    {
      code: `const { setInterval } = require('node:timers');
setInterval(async function poll() { await check(); }, 5000);`,
      errors: [{
        messageId: 'handler',
        data: { caller: "'setInterval'" },
        suggestions: [{
          messageId: 'wrapInTryCatch',
          output: `const { setInterval } = require('node:timers');
setInterval(async function poll() { try { await check(); } catch (error) { console.error(error); } }, 5000);`,
        }],
      }],
    },
    {
      code: 'setImmediate(async () => { await drain(); });',
      errors: [{
        messageId: 'handler',
        data: { caller: "'setImmediate'" },
        suggestions: [{
          messageId: 'wrapInTryCatch',
          output: 'setImmediate(async () => { try { await drain(); } catch (error) { console.error(error); } });',
        }],
      }],
    },
    {
      code: `async function tick(): Promise<void> { await step(); }
const id = setInterval(tick, 100);`,
      errors: [{ messageId: 'handler', line: 2, suggestions: [] }],
    },
    {
      code: 'const view = <button onClick={async () => { await save(); }}>Save</button>;',
      errors: [{
        messageId: 'handler',
        data: { caller: "The 'onClick' handler" },
        suggestions: [{
          messageId: 'wrapInTryCatch',
          output: 'const view = <button onClick={async () => { try { await save(); } catch (error) { console.error(error); } }}>Save</button>;',
        }],
      }],
    },
  ],
});

const typedRuleTester = createTypedRuleTester();

typedRuleTester.run('no-misused-async-callback (with types)', rule, {
  valid: [
    // The parameter accepts a promise-returning function: the caller awaits it.
    `declare function retry(task: () => Promise<void>): Promise<void>;
     retry(async () => { await Promise.resolve(); });`,
    // An emitter whose listeners may return promises (Emittery-style).
    `declare const bus: { on(event: string, listener: (data: unknown) => void | Promise<void>): void };
     bus.on('message', async data => { await Promise.resolve(data); });`,
    // A non-array receiver's filter (an async iterator helper awaits its predicate).
    `declare const rows: { filter(predicate: (row: number) => Promise<boolean>): number[] };
     rows.filter(async row => row > 1);`,
    // A sync callback where void is expected.
    'const n: number[] = [1]; n.forEach(x => { console.log(x); });',
    // `finally` waits for the promise its callback returns.
    'Promise.resolve(1).finally(async () => { await Promise.resolve(); });',
    // A void-returning variable given a sync function.
    'const onDone: () => void = () => {};',
    // A sync override of a void method.
    `class Base { run(): void {} }
     class Child extends Base { run(): void { console.log('run'); } }`,
    // An async function annotated to resolve to a value that is not a function.
    `async function load(): Promise<number> { return await Promise.resolve(1); }`,
  ],
  invalid: [
    {
      // With types the receiver's type decides: an array (or a readonly one) gets both rewrites; a Map
      // or a Set gets none.
      code: `declare function save(value: unknown): Promise<void>;
declare const ids: readonly string[];
declare const byId: Map<string, number>;
declare const tags: Set<string>;
async function f() {
  ids.forEach(async (id) => { await save(id); });
  byId.forEach(async (value) => { await save(value); });
  tags.forEach(async (tag) => { await save(tag); });
}`,
      errors: [
        {
          messageId: 'forEach',
          line: 6,
          suggestions: [
            {
              messageId: 'useForOf',
              output: `declare function save(value: unknown): Promise<void>;
declare const ids: readonly string[];
declare const byId: Map<string, number>;
declare const tags: Set<string>;
async function f() {
  for (const id of ids) { await save(id); }
  byId.forEach(async (value) => { await save(value); });
  tags.forEach(async (tag) => { await save(tag); });
}`,
            },
            {
              messageId: 'usePromiseAll',
              output: `declare function save(value: unknown): Promise<void>;
declare const ids: readonly string[];
declare const byId: Map<string, number>;
declare const tags: Set<string>;
async function f() {
  await Promise.all(ids.map(async (id) => { await save(id); }));
  byId.forEach(async (value) => { await save(value); });
  tags.forEach(async (tag) => { await save(tag); });
}`,
            },
          ],
        },
        { messageId: 'forEach', line: 7, suggestions: [] },
        { messageId: 'forEach', line: 8, suggestions: [] },
      ],
    },
    {
      code: `declare function onReady(callback: () => void): void;
onReady(async () => { await Promise.resolve(); });`,
      errors: [{ messageId: 'voidReturn', line: 2 }],
    },
    {
      code: `import { EventEmitter } from 'node:events';
const emitter = new EventEmitter();
emitter.on('data', async (chunk: string) => { await Promise.resolve(chunk); });`,
      errors: [{
        messageId: 'handler',
        line: 3,
        suggestions: [{
          messageId: 'wrapInTryCatch',
          output: `import { EventEmitter } from 'node:events';
const emitter = new EventEmitter();
emitter.on('data', async (chunk: string) => { try { await Promise.resolve(chunk); } catch (error) { console.error(error); } });`,
        }],
      }],
    },
    {
      // A function the types know returns a promise, though it is not declared here.
      code: `declare function save(value: number): Promise<void>;
const values: number[] = [1, 2];
values.forEach(save);`,
      errors: [{ messageId: 'forEach', line: 3, suggestions: [] }],
    },
    {
      code: `declare function check(value: number): Promise<boolean>;
const values: number[] = [1, 2];
const ok = values.every(check);`,
      errors: [{ messageId: 'predicate', data: { method: 'every' } }],
    },
    {
      code: `type Handlers = { onClose: () => void };
const handlers: Handlers = { onClose: async () => { await Promise.resolve(); } };`,
      errors: [{ messageId: 'voidReturn' }],
    },
    {
      // A property matched by an index signature.
      code: `const handlers: Record<string, () => void> = {
  close: async () => { await Promise.resolve(); },
};`,
      errors: [{ messageId: 'voidReturn', line: 2 }],
    },
    {
      code: `let listener: () => void = () => {};
listener = async () => { await Promise.resolve(); };`,
      errors: [{ messageId: 'voidReturn', line: 2 }],
    },
    {
      code: `interface Job { run(): void }
class SendMail implements Job { async run(): Promise<void> { await Promise.resolve(); } }`,
      errors: [{ messageId: 'voidReturnInherited', data: { base: 'Job' } }],
    },
    {
      code: `function makeHandler(): () => void {
  return async () => { await Promise.resolve(); };
}`,
      errors: [{ messageId: 'voidReturn', line: 2 }],
    },
    {
      // An async function's return is checked against what its promise resolves to.
      code: `async function makeHandler(): Promise<() => void> {
  return async () => { await Promise.resolve(); };
}`,
      errors: [{ messageId: 'voidReturn', line: 2 }],
    },
    {
      code: `function makeHandler(): (() => void) | undefined {
  return async () => { await Promise.resolve(); };
}`,
      errors: [{ messageId: 'voidReturn', line: 2 }],
    },
    {
      // An override without `async` that still returns a promise: the types tell.
      code: `class Base { run(): void {} }
class Child extends Base { run() { return Promise.resolve(); } }`,
      errors: [{ messageId: 'voidReturnInherited', data: { base: 'Base' } }],
    },
    {
      // Spread into a rest parameter of void callbacks.
      code: `declare function onAll(...callbacks: Array<() => void>): void;
const callbacks = [async () => { await Promise.resolve(); }];
onAll(...callbacks);`,
      errors: [{ messageId: 'voidReturn', line: 3 }],
    },
    {
      // A generic parameter instantiated at the call.
      code: `declare function wrap<T>(callback: T): T;
wrap<() => void>(async () => { await Promise.resolve(); });`,
      errors: [{ messageId: 'voidReturn', line: 2 }],
    },
  ],
});

// ---- Where the reports go: a function's head, never its body ----

ruleTester.run('no-misused-async-callback (report locations)', rule, {
  valid: [],
  invalid: [
    {
      // `async user =>`, not the body below it.
      code: `function f(users) {
  users.forEach(async user => {
    await save(user);
  });
}`,
      errors: [{ messageId: 'forEach', line: 2, column: 17, endLine: 2, endColumn: 30, suggestions: [] }],
    },
    {
      // A named function expression: `async function poll()`.
      code: `setInterval(async function poll() {
  await check();
}, 5000);`,
      errors: [
        {
          messageId: 'handler',
          line: 1,
          column: 13,
          endLine: 1,
          endColumn: 34,
          suggestions: [
            {
              messageId: 'wrapInTryCatch',
              output: `setInterval(async function poll() { try {
  await check();
} catch (error) { console.error(error); } }, 5000);`,
            },
          ],
        },
      ],
    },
    {
      // Parameters that span lines are part of the head; a type assertion around it is not.
      code: `new Promise((async (
  resolve,
  reject,
) => {
  resolve(await load());
}) as never);`,
      errors: [{ messageId: 'executor', line: 1, column: 14, endLine: 4, endColumn: 5 }],
    },
    {
      // A reference to a function is reported as written.
      code: `async function notify(user) { await send(user); }
function f(users) { users.forEach(notify); }`,
      errors: [{ messageId: 'forEach', line: 2, column: 35, endLine: 2, endColumn: 41, suggestions: [] }],
    },
  ],
});

// ---- Express: a version that drops a handler's rejection (4), not one that forwards it (5) ----

const EXPRESS_4 = path.join(FIXTURES, 'express-4-project', 'src', 'app.js');
const EXPRESS_5 = path.join(FIXTURES, 'express-5-project', 'src', 'app.js');
/** An Express 4 handler (after `const app = express();`) reported, with its passErrorsToNext suggestion's exact output. */
function express4HandlerCase(handler: string, fixed: string) {
  const app = "import express from 'express';\nconst app = express();\n";
  return {
    code: app + handler,
    filename: EXPRESS_4,
    errors: [{ messageId: 'expressHandler' as const, suggestions: [{ messageId: 'passErrorsToNext' as const, output: app + fixed }] }],
  };
}
const EXPRESS_ASYNC_ERRORS = path.join(FIXTURES, 'express-async-errors-project', 'src', 'app.js');

createFixtureRuleTester().run('no-misused-async-callback (Express, without types)', rule, {
  valid: [
    // Express 5 passes a handler's rejection to next.
    {
      code: `import express from 'express';
const app = express();
app.get('/users/:id', async (req, res) => { res.json(await db.find(req.params.id)); });`,
      filename: EXPRESS_5,
    },
    // express-async-errors makes Express 4 do the same.
    {
      code: `import express from 'express';
import 'express-async-errors';
const app = express();
app.get('/users/:id', async (req, res) => { res.json(await db.find(req.params.id)); });`,
      filename: EXPRESS_ASYNC_ERRORS,
    },
    // No Express version known (the nearest package.json does not depend on it): nothing is guessed.
    {
      code: `import express from 'express';
const app = express();
app.get('/users/:id', async (req, res) => { res.json(await db.find(req.params.id)); });`,
      filename: path.join(FIXTURES, 'modules', 'app.js'),
    },
    // Not an application made by Express in this file.
    {
      code: `import { makeApp } from './app.js';
const app = makeApp();
app.get('/users/:id', async (req, res) => { res.json(await db.find(req.params.id)); });`,
      filename: EXPRESS_4,
    },
    // Handlers whose waiting all happens inside a try that catches: sync preparation outside it
    // (setting a header, reading the query), an async function with nothing to wait for, early
    // returns of the response's own calls.
    {
      code: `import express from 'express';
const app = express();
app.get('/badge/:id', async (req, res) => {
  allowOrigin(res);
  const { label = 'Status' } = req.query;
  try {
    res.send(await render(req.params.id, label));
  } catch (error) {
    res.status(500).send(error.message);
  }
});
app.get('/', async (req, res) => { res.redirect('/setup'); });
app.post('/setup', async (req, res) => {
  if (!req.body) return res.status(400).json('missing');
  if (req.body.test) {
    try { await probe(req.body); } catch (error) { return res.status(400).json(error.message); }
  }
  res.json({ ok: true });
});`,
      filename: EXPRESS_4,
    },
    // A handler that passes its own errors on, and a sync one.
    {
      code: `import express from 'express';
const app = express();
app.get('/ok', async (req, res, next) => { try { res.json(await load()); } catch (error) { next(error); } });
app.get('/sync', (req, res) => { res.send('ok'); });
app.use(express.json());`,
      filename: EXPRESS_4,
    },
  ],
  invalid: [
    // A promise returned from inside the try: the try does not catch its rejection.
    express4HandlerCase(
      "async function load(req) { return db.find(req.params.id); }\napp.get('/items/:id', async (req, res, next) => { try { return load(req); } catch (error) { next(error); } });",
      "async function load(req) { return db.find(req.params.id); }\napp.get('/items/:id', async (req, res, next) => { try { try { return await load(req); } catch (error) { next(error); } } catch (caught) { next(caught); } });",
    ),
    {
      code: `import express from 'express';
const app = express();
app.get('/users/:id', async (req, res) => {
  const user = await db.find(req.params.id);
  res.json(user);
});`,
      filename: EXPRESS_4,
      errors: [
        {
          messageId: 'expressHandler',
          data: { major: '4' },
          line: 3,
          column: 23,
          endLine: 3,
          endColumn: 42,
          suggestions: [
            {
              messageId: 'passErrorsToNext',
              data: { next: 'next' },
              output: `import express from 'express';
const app = express();
app.get('/users/:id', async (req, res, next) => {
  try {
    const user = await db.find(req.params.id);
    res.json(user);
  } catch (error) {
    next(error);
  }
});`,
            },
          ],
        },
      ],
    },
    // An expression body in parentheses is replaced with them: `=> ({ … })` must not become `=> ({ try … })`.
    express4HandlerCase(
      "app.put('/items/:id', async (req) => ({ ok: await load(req) }));",
      "app.put('/items/:id', async (req, _res, next) => { try { return await ({ ok: await load(req) }); } catch (error) { next(error); } });",
    ),
    {
      // A router, a named handler after middleware, an error handler (next is its fourth
      // parameter), `route()`; CommonJS; tabs.
      code: `const express = require('express');
const router = module.exports = express.Router();
router.post('/', auth, async function create(req, res, next) {
\tawait db.insert(req.body);
\tres.sendStatus(201);
});
router.use(async (err, req, res, next) => { await report(err); res.status(500).end(); });
router.route('/x').get(async req => load(req));`,
      filename: EXPRESS_4,
      errors: [
        {
          messageId: 'expressHandler',
          line: 3,
          column: 24,
          endLine: 3,
          endColumn: 61,
          suggestions: [
            {
              messageId: 'passErrorsToNext',
              output: `const express = require('express');
const router = module.exports = express.Router();
router.post('/', auth, async function create(req, res, next) {
\ttry {
\t\tawait db.insert(req.body);
\t\tres.sendStatus(201);
\t} catch (error) {
\t\tnext(error);
\t}
});
router.use(async (err, req, res, next) => { await report(err); res.status(500).end(); });
router.route('/x').get(async req => load(req));`,
            },
          ],
        },
        {
          messageId: 'expressHandler',
          line: 7,
          suggestions: [
            {
              messageId: 'passErrorsToNext',
              output: `const express = require('express');
const router = module.exports = express.Router();
router.post('/', auth, async function create(req, res, next) {
\tawait db.insert(req.body);
\tres.sendStatus(201);
});
router.use(async (err, req, res, next) => { try { await report(err); res.status(500).end(); } catch (error) { next(error); } });
router.route('/x').get(async req => load(req));`,
            },
          ],
        },
        {
          // An expression body returns what it returned, from inside the try.
          messageId: 'expressHandler',
          line: 8,
          suggestions: [
            {
              messageId: 'passErrorsToNext',
              output: `const express = require('express');
const router = module.exports = express.Router();
router.post('/', auth, async function create(req, res, next) {
\tawait db.insert(req.body);
\tres.sendStatus(201);
});
router.use(async (err, req, res, next) => { await report(err); res.status(500).end(); });
router.route('/x').get(async (req, _res, next) => { try { return await load(req); } catch (error) { next(error); } });`,
            },
          ],
        },
      ],
    },
    {
      // A template literal across lines keeps its text; a trailing comma in the parameters; a
      // third parameter named otherwise is next all the same.
      code: `import express from 'express';
const app = express();
app.get('/page', async () => {
  const html = \`<p>
  \${await render()}
</p>\`;
  send(html);
});
app.get('/f', async ({ params }, res,) => { res.json(await load(params)); });
app.get('/e', async (req, res, error) => { await load(req); });`,
      filename: EXPRESS_4,
      errors: [
        {
          messageId: 'expressHandler',
          line: 3,
          suggestions: [
            {
              messageId: 'passErrorsToNext',
              output: `import express from 'express';
const app = express();
app.get('/page', async (_req, _res, next) => {
  try {
    const html = \`<p>
  \${await render()}
</p>\`;
    send(html);
  } catch (error) {
    next(error);
  }
});
app.get('/f', async ({ params }, res,) => { res.json(await load(params)); });
app.get('/e', async (req, res, error) => { await load(req); });`,
            },
          ],
        },
        {
          messageId: 'expressHandler',
          line: 9,
          suggestions: [
            {
              messageId: 'passErrorsToNext',
              output: `import express from 'express';
const app = express();
app.get('/page', async () => {
  const html = \`<p>
  \${await render()}
</p>\`;
  send(html);
});
app.get('/f', async ({ params }, res, next) => { try { res.json(await load(params)); } catch (error) { next(error); } });
app.get('/e', async (req, res, error) => { await load(req); });`,
            },
          ],
        },
        {
          messageId: 'expressHandler',
          line: 10,
          suggestions: [
            {
              messageId: 'passErrorsToNext',
              data: { next: 'error' },
              output: `import express from 'express';
const app = express();
app.get('/page', async () => {
  const html = \`<p>
  \${await render()}
</p>\`;
  send(html);
});
app.get('/f', async ({ params }, res,) => { res.json(await load(params)); });
app.get('/e', async (req, res, error) => { try { await load(req); } catch (caught) { error(caught); } });`,
            },
          ],
        },
      ],
    },
    {
      // Waiting outside the try, in the catch, in an expression body, or a returned call's promise.
      code: `import express from 'express';
const app = express();
app.get('/a', async (req, res) => { allowOrigin(res); const page = await load(req); try { res.send(page); } catch {} });
app.get('/b', async (req, res) => { try { res.send(await load(req)); } catch (error) { await log(error); } });
app.get('/c', async (req, res) => res.json(await load(req)));
app.get('/d', async (req, res) => { return pages.render(req.url, res); });`,
      filename: EXPRESS_4,
      errors: [3, 4, 5, 6].map(line => ({
        messageId: 'expressHandler' as const,
        line,
        suggestions: [
          {
            messageId: 'passErrorsToNext' as const,
            output: {
              3: `import express from 'express';
const app = express();
app.get('/a', async (req, res, next) => { try { allowOrigin(res); const page = await load(req); try { res.send(page); } catch {} } catch (error) { next(error); } });
app.get('/b', async (req, res) => { try { res.send(await load(req)); } catch (error) { await log(error); } });
app.get('/c', async (req, res) => res.json(await load(req)));
app.get('/d', async (req, res) => { return pages.render(req.url, res); });`,
              4: `import express from 'express';
const app = express();
app.get('/a', async (req, res) => { allowOrigin(res); const page = await load(req); try { res.send(page); } catch {} });
app.get('/b', async (req, res, next) => { try { try { res.send(await load(req)); } catch (error) { await log(error); } } catch (caught) { next(caught); } });
app.get('/c', async (req, res) => res.json(await load(req)));
app.get('/d', async (req, res) => { return pages.render(req.url, res); });`,
              5: `import express from 'express';
const app = express();
app.get('/a', async (req, res) => { allowOrigin(res); const page = await load(req); try { res.send(page); } catch {} });
app.get('/b', async (req, res) => { try { res.send(await load(req)); } catch (error) { await log(error); } });
app.get('/c', async (req, res, next) => { try { return await res.json(await load(req)); } catch (error) { next(error); } });
app.get('/d', async (req, res) => { return pages.render(req.url, res); });`,
              6: `import express from 'express';
const app = express();
app.get('/a', async (req, res) => { allowOrigin(res); const page = await load(req); try { res.send(page); } catch {} });
app.get('/b', async (req, res) => { try { res.send(await load(req)); } catch (error) { await log(error); } });
app.get('/c', async (req, res) => res.json(await load(req)));
app.get('/d', async (req, res, next) => { try { return await pages.render(req.url, res); } catch (error) { next(error); } });`,
            }[line]!,
          },
        ],
      })),
    },
    {
      // No suggestion where it would change the code's meaning: a directive, a name in use, a rest
      // parameter, a function declared twice or as a \`var\` too (legal in a function body, a
      // SyntaxError in the block of a \`try\`).
      code: `import express from 'express';
const app = express();
app.get('/a', async (req) => { 'use strict'; await load(req); });
app.get('/b', async (req, res) => { const next = 1; await load(req, next); });
app.get('/c', async (req, res) => { await load(req, next); });
app.get('/d', async (req, res, ...rest) => { await load(req, rest); });
app.get('/e', async (req, res) => { function check() {} function check() {} await load(req); });
app.get('/f', async function handle(req, res) { var check = 1; function check() {} await load(req, check); });`,
      filename: EXPRESS_4,
      errors: [
        { messageId: 'expressHandler', line: 3, suggestions: [] },
        { messageId: 'expressHandler', line: 4, suggestions: [] },
        { messageId: 'expressHandler', line: 5, suggestions: [] },
        { messageId: 'expressHandler', line: 6, suggestions: [] },
        { messageId: 'expressHandler', line: 7, suggestions: [] },
        { messageId: 'expressHandler', line: 8, suggestions: [] },
      ],
    },
  ],
});

describe('no-misused-async-callback: the Express version a project runs', () => {
  let project: string;
  const code = `import express from 'express';
const app = express();
app.get('/', async (req, res) => { res.send(await render()); });`;

  function reports(declared: string, installed?: string): string[] {
    fs.writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'app', dependencies: { express: declared } }));
    fs.rmSync(path.join(project, 'node_modules'), { recursive: true, force: true });
    if (installed !== undefined) {
      fs.mkdirSync(path.join(project, 'node_modules', 'express'), { recursive: true });
      fs.writeFileSync(path.join(project, 'node_modules', 'express', 'package.json'), JSON.stringify({ name: 'express', version: installed }));
    }
    const linter = new Linter({ configType: 'flat', cwd: project });
    return linter
      .verify(code, [{ plugins: { p: { rules: { r: rule } } as never }, rules: { 'p/r': 'error' } }], path.join(project, 'app.mjs'))
      .map(message => message.messageId ?? message.message);
  }

  beforeEach(() => {
    project = fs.mkdtempSync(path.join(os.tmpdir(), 'express-version-'));
  });
  afterEach(() => {
    fs.rmSync(project, { recursive: true, force: true });
  });

  it('reads the installed copy when the range names no single major', () => {
    assert.deepEqual(reports('latest', '4.21.2'), ['expressHandler']);
    assert.deepEqual(reports('*', '5.1.0'), []);
    assert.deepEqual(reports('>=4.0.0', '4.17.1'), ['expressHandler']);
  });

  it('reads the declared range when nothing is installed, and says nothing when it names no major', () => {
    assert.deepEqual(reports('~4.17.1'), ['expressHandler']);
    assert.deepEqual(reports('5.0.0-beta.3'), []);
    assert.deepEqual(reports('latest'), []);
  });

  it('trusts the declared major over a copy of another major (one hoisted for another package)', () => {
    assert.deepEqual(reports('^4.21.2', '5.1.0'), ['expressHandler']);
    assert.deepEqual(reports('^5.1.0', '4.21.2'), []);
  });
});

// ---- With types, the declared handler type decides ----

const TYPED_EXPRESS_4 = path.join(FIXTURES, 'typed', 'express-4', 'app.ts');
const TYPED_EXPRESS_5 = path.join(FIXTURES, 'typed', 'express-5', 'app.ts');

typedRuleTester.run('no-misused-async-callback (handler types)', rule, {
  valid: [
    // Express 5's handler type accepts a promise (it passes a rejection to next).
    {
      code: `import express from 'express';
const app = express();
app.get('/users/:id', async (req, res) => { res.json(await Promise.resolve(req.params.id)); });
app.use(async (error: unknown, req, res, next) => { await Promise.resolve(error); next(); });`,
      filename: TYPED_EXPRESS_5,
    },
    // Fastify- and Koa-style slots declare a promise return too.
    `declare const fastify: { get(path: string, handler: (request: unknown, reply: { send(body: unknown): void }) => unknown | Promise<unknown>): void };
     fastify.get('/', async (request, reply) => { reply.send(await Promise.resolve(request)); });`,
    `declare const koa: { use(middleware: (ctx: { body: unknown }, next: () => Promise<void>) => Promise<void> | void): void };
     koa.use(async (ctx, next) => { await next(); ctx.body = 'ok'; });`,
  ],
  invalid: [
    {
      // Express 4's handler type returns void: reported at the head, with the fix that passes errors to next.
      code: `import express from 'express';
const app = express();
app.get('/users/:id', async (req, res) => {
  const user = await Promise.resolve(req.params.id);
  res.json(user);
});`,
      filename: TYPED_EXPRESS_4,
      errors: [
        {
          messageId: 'voidReturnNext',
          line: 3,
          column: 23,
          endLine: 3,
          endColumn: 42,
          suggestions: [
            {
              messageId: 'passErrorsToNext',
              data: { next: 'next' },
              output: `import express from 'express';
const app = express();
app.get('/users/:id', async (req, res, next) => {
  try {
    const user = await Promise.resolve(req.params.id);
    res.json(user);
  } catch (error) {
    next(error);
  }
});`,
            },
          ],
        },
      ],
    },
    {
      // An error handler (next fourth), a route's handler, a router's.
      code: `import express from 'express';
const router = express.Router();
router.use(async (error: unknown, req, res, next) => { await Promise.resolve(error); res.status(500).send(); });
router.route('/x').post(async req => { await Promise.resolve(req.body); });`,
      filename: TYPED_EXPRESS_4,
      errors: [
        {
          messageId: 'voidReturnNext',
          line: 3,
          column: 12,
          endLine: 3,
          endColumn: 53,
          suggestions: [
            {
              messageId: 'passErrorsToNext',
              output: `import express from 'express';
const router = express.Router();
router.use(async (error: unknown, req, res, next) => { try { await Promise.resolve(error); res.status(500).send(); } catch (caught) { next(caught); } });
router.route('/x').post(async req => { await Promise.resolve(req.body); });`,
            },
          ],
        },
        {
          messageId: 'voidReturnNext',
          line: 4,
          suggestions: [
            {
              messageId: 'passErrorsToNext',
              output: `import express from 'express';
const router = express.Router();
router.use(async (error: unknown, req, res, next) => { await Promise.resolve(error); res.status(500).send(); });
router.route('/x').post(async (req, _res, next) => { try { await Promise.resolve(req.body); } catch (error) { next(error); } });`,
            },
          ],
        },
      ],
    },
    {
      // Express without type declarations (its type is any): the version the project runs decides.
      code: `import express from 'express';
const app = express();
app.get('/', async (req, res) => { res.send(await Promise.resolve(req.url)); });`,
      filename: path.join(FIXTURES, 'typed', 'express-untyped', 'app.ts'),
      errors: [
        {
          messageId: 'expressHandler',
          line: 3,
          suggestions: [
            {
              messageId: 'passErrorsToNext',
              output: `import express from 'express';
const app = express();
app.get('/', async (req, res, next) => { try { res.send(await Promise.resolve(req.url)); } catch (error) { next(error); } });`,
            },
          ],
        },
      ],
    },
    {
      // A void slot without a next parameter: the general message, no next fix. An object's
      // method is reported at its key and parameters; a class field at its name and arrow.
      code: `declare function onReady(callback: (value: string) => void): void;
onReady(async value => { await Promise.resolve(value); });
type Handlers = { onClose(reason: string): void };
const handlers: Handlers = {
  async onClose(reason) {
    await Promise.resolve(reason);
  },
};
class Base { stop(): void {} }
class Child extends Base {
  stop = async (): Promise<void> => {
    await Promise.resolve();
  };
}`,
      errors: [
        { messageId: 'voidReturn', line: 2, column: 9, endLine: 2, endColumn: 23 },
        { messageId: 'voidReturn', line: 5, column: 3, endLine: 5, endColumn: 24 },
        { messageId: 'voidReturnInherited', line: 11, column: 3, endLine: 11, endColumn: 36 },
      ],
    },
  ],
});

describe('no-misused-async-callback: the fix that passes errors to next', () => {
  const handler = `const express = require('express');
const app = express();
app.get('/users/:id', async (req, res) => {
  const user = await find(req.params.id);
  res.json(user);
});`;

  /** Calls the handler the script registers, as Express 4 does: its promise is dropped. */
  async function call(script: string, id: string): Promise<{ sent: unknown[]; passedOn: unknown[]; unhandled: unknown[] }> {
    const sent: unknown[] = [];
    const passedOn: unknown[] = [];
    const unhandled: unknown[] = [];
    let registered: ((req: unknown, res: unknown, next: unknown) => unknown) | undefined;
    const express = (): unknown => ({ get: (_path: string, fn: typeof registered) => (registered = fn) });
    const find = async (key: string): Promise<{ id: string }> => {
      if (key === 'missing') throw new Error('not found');
      return { id: key };
    };
    vm.runInNewContext(script, { require: (name: string) => (name === 'express' ? express : undefined), find });
    const dropped = registered!({ params: { id } }, { json: (body: unknown) => sent.push(body) }, (error: unknown) => passedOn.push(error));
    await Promise.resolve(dropped).catch(error => unhandled.push(error));
    return { sent, passedOn, unhandled };
  }

  // The same handler with its promise returned: the fix must await it inside the try.
  const returning = `const express = require('express');
const app = express();
app.get('/users/:id', async (req, res) => {
  if (!req.params.id) return res.json(null);
  return find(req.params.id).then(user => res.json(user));
});`;

  for (const [name, script] of [['awaiting', handler], ['returning its promise', returning]] as const) {
    it(`keeps what the handler does, and hands its error to next instead of dropping it (${name})`, async () => {
      const fixed = applySuggestion('no-misused-async-callback', script, path.join(FIXTURES, 'express-4-project', 'src', 'app.cjs'));
      assert.deepEqual((await call(fixed, '7')).sent, (await call(script, '7')).sent);
      assert.deepEqual((await call(fixed, '7')).sent, [{ id: '7' }]);
      const before = await call(script, 'missing');
      const after = await call(fixed, 'missing');
      assert.equal(before.passedOn.length, 0);
      assert.equal(before.unhandled.length, 1);
      assert.deepEqual(after.unhandled, []);
      assert.equal((after.passedOn[0] as Error).message, 'not found');
    });
  }

  it('parses, in JavaScript and in TypeScript (TSX too)', () => {
    const cases = [
      { file: path.join(FIXTURES, 'express-4-project', 'src', 'app.cjs'), code: handler },
      {
        file: path.join(FIXTURES, 'express-4-project', 'src', 'app.mjs'),
        code: `import express from 'express';\nconst app = express();\napp.get('/', async req => render(req));\napp.use(async (err, req, res, next) => { await log(err); });`,
      },
      {
        file: path.join(FIXTURES, 'express-4-project', 'src', 'app.tsx'),
        code: `import express from 'express';\nconst app = express();\napp.get('/', async (req): Promise<void> => { await render(<p>{req.url}</p>); });`,
      },
    ];
    for (const { file, code } of cases) {
      const count = new Linter({ configType: 'flat' }).verify(code, { languageOptions: { parser: tseslint.parser, parserOptions: { ecmaFeatures: { jsx: true } } }, plugins: { p: { rules: { r: rule } } as never }, rules: { 'p/r': 'error' }, settings: LONG_RUNNING_SETTINGS }, file).length;
      assert.ok(count > 0, file);
      for (let report = 0; report < count; report++) {
        const output = applySuggestion('no-misused-async-callback', code, file, [], { report });
        assert.deepEqual(syntaxErrors(output, file), [], output);
      }
    }
  });
});
