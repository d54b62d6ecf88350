import rule from '../../eslint-plugin/src/rules/no-misused-async-callback';
import { createRuleTester, createTypedRuleTester } from '../rule-tester';

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
    // A handler that catches everything it can throw.
    `process.on('SIGTERM', async () => {
       try { await server.close(); } catch (error) { console.error(error); }
     });`,
    `window.addEventListener('load', async () => {
       try { await init(); } catch (error) { report(error); }
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
      // A call outside the try can fail, and its error becomes an unseen rejection.
      code: "emitter.on('close', async () => { cleanup(); try { await flush(); } catch {} });",
      errors: [{
        messageId: 'handler',
        suggestions: [{
          messageId: 'wrapInTryCatch',
          output: "emitter.on('close', async () => { try { cleanup(); try { await flush(); } catch {} } catch (error) { console.error(error); } });",
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
