import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import * as espree from 'espree';

import blockingInAsync from '../../eslint-plugin/src/rules/no-blocking-in-async';
import missingAwait from '../../eslint-plugin/src/rules/no-missing-await';
import misusedCallback from '../../eslint-plugin/src/rules/no-misused-async-callback';
import { createRuleTester, FIXTURES, LONG_RUNNING_SETTINGS } from '../rule-tester';
import { floatingCase } from './floating-case';

/**
 * What the rules know without type information from what the code declares (`util/declarations`):
 * annotations, declared functions, classes, interfaces and aliases in the file, and the exports of
 * the relative modules it imports. Every report is one the declarations make certain; every
 * non-report is one a careless reading of them would make.
 */
const ruleTester = createRuleTester();

/** A queue from a promise that may be absent, awaited, then \`call\`. */
const MAYBE_QUEUE = (call: string) => `interface Queue { add(job: string): Promise<void> }
declare function maybeQueue(): Promise<Queue> | undefined;
export async function f() { const queue = await maybeQueue(); ${call}; }`;

/** A file next to the fixture modules of `test/fixtures/declarations`, so that imports resolve on disk. */
const CONSUMER = path.join(FIXTURES, 'declarations', 'consumer.ts');
const JS_CONSUMER = path.join(FIXTURES, 'declarations', 'consumer.js');
/** The fixture folder is test code by its path; these cases are about what modules declare. */
const inFixture = { filename: CONSUMER, settings: LONG_RUNNING_SETTINGS };

/** The report of a call in an async function whose sync helpers end in `fs.readFileSync`: `names` are the helpers, outermost first. */
const readChainError = (line: number, ...names: string[]) => ({
  messageId: 'blockingChain' as const,
  line,
  data: { helper: names[0]!, chain: [...names, 'fs.readFileSync'].join(' → '), last: names[names.length - 1]!, twin: "await readFile() from 'node:fs/promises'" },
});

ruleTester.run('no-missing-await: declarations without types', missingAwait, {
  valid: [
    // A sync method of an exported instance, a name the module does not export, an unknown base class.
    { code: `import { cache } from './cache.js';\ncache.set('a');`, ...inFixture },
    { code: `import { db } from './db.js';\ndb.close();`, ...inFixture },
    { code: `import { nothing } from './db.js';\nnothing.insert('a', {});`, ...inFixture },
    // TypeScript's `import x = require(…)` of a module with ES exports gives an object of them,
    // not something to construct: unknown, never a crash.
    { code: `import Deque = require('./db.js');\nconst queue = new Deque();\nqueue.push({ command: 'get' });`, ...inFixture },
    // A function of another module whose failures are caught, left floating on purpose: imported,
    // through a namespace, a method of a class that module declares, and a CommonJS export.
    {
      code: `import { checkVersion, Terminal } from './safe-helpers.js';
import * as helpers from './safe-helpers.js';
const { refresh } = require('./safe-helpers-cjs');
const objectHelpers = require('./safe-helpers-object');
const { refresh: refreshList } = require('./safe-helpers-object');
export function start(terminal: Terminal): void {
  checkVersion();
  helpers.checkVersion();
  terminal.leave('logs');
  new Terminal().leave('logs');
  refresh();
  objectHelpers.reload();
  objectHelpers.refresh();
  refreshList();
}`,
      ...inFixture,
    },
    // CommonJS: a sync export; a module that replaces \`module.exports\` and then adds to it, and a
    // name exported twice, are not followed; nor is a \`require\` of the file's own.
    { code: `const padManager = require('./pad-manager');\npadManager.padCount();`, ...inFixture },
    { code: `const store = require('./legacy-store');\nstore.size();`, ...inFixture },
    { code: `const store = require('./mixed-exports');\nstore.save({});`, ...inFixture },
    { code: `const { save } = require('./twice-exported');\nsave({});`, ...inFixture },
    {
      code: `function require(name: string) { return { getPad: (id: string) => ({ appendRevision: () => [name, id] }) }; }
const padManager = require('./pad-manager');
export async function copy() { const pad = await padManager.getPad('a'); pad.appendRevision('x'); }`,
      ...inFixture,
    },
    // What \`await\` yields from a CommonJS export declared \`Promise<Pad>\`: a sync method.
    { code: `const padManager = require('./pad-manager');\nexport async function read() { const pad = await padManager.getPad('a'); pad.text(); }`, ...inFixture },
    // A specifier no \`paths\` pattern maps.
    {
      code: `import { mailer } from '@other/lib/mailer';\nmailer.send('a');`,
      filename: path.join(FIXTURES, 'declarations-paths', 'src', 'consumer.ts'),
      settings: LONG_RUNNING_SETTINGS,
    },
    { code: `import { External } from 'external';\nclass Repo extends External {}\nnew Repo().save();`, ...inFixture },
    // Overloads that disagree: which one a call picks takes a type checker.
    `declare function f(): void;\ndeclare function f(x: string): Promise<void>;\nf();`,
    // A type parameter named like a global is not the global.
    `function g<Promise>(p: Promise) { p; }`,
    // Members an interface does not declare, when a base type is unknown.
    `interface Api extends Unknown {}\ndeclare const api: Api;\napi.run();`,
    // Declared types that hold no promise.
    `declare const api: { get(): string; items: number[] };\napi.get();\napi.items;`,
    `declare const maybe: string | undefined;\nmaybe;`,
    // Generic and computed types are not followed.
    `declare function load(): Promise<number>;\ndeclare const result: Awaited<ReturnType<typeof load>>;\nresult;`,
    // A class whose \`then\` takes no callbacks is no thenable.
    `class Box { then(a: string, b: number): Box { return this; } }\nconst box = new Box();\nbox;`,
    // A binding reassigned without annotation: its first value says nothing.
    `declare function start(): Promise<void>;\nlet task = start();\ntask = 3;\ntask;`,
    // \`this\` in a static method is the class, not an instance.
    `class Jobs { async run() {} static go() { this.run(); } }`,
    // A field assigned outside the constructor too may hold anything.
    `class Holder {
  store;
  constructor() { this.store = { save: async () => {} }; }
  reset() { this.store = { save: () => {} }; }
  go() { this.store.save(); }
}`,
    // What \`await\` yields is declared: a method that returns a number is no promise, from a
    // promise or from one that may be absent; a promise that does not declare its value.
    {
      code: `import { openQueue } from './types.js';\nexport async function count() {\n  const queue = await openQueue('mail');\n  queue.size();\n}`,
      ...inFixture,
    },
    `interface Queue { add(job: string): Promise<void>; size(): number }
declare function maybeQueue(): Promise<Queue> | undefined;
export async function f() { const queue = await maybeQueue(); queue?.size(); }`,
    `interface Queue { add(job: string): Promise<void> }
declare function someQueue(): Promise<Queue> | Promise<any> | PromiseLike<unknown>;
export async function f() { const queue = await someQueue(); queue.add('job'); }`,
  ],
  invalid: [
    // What \`await\` yields, as its promise declares it (etherpad-lite src/node/db/Pad.ts:
    // \`const dstPad = await padManager.getPad(…)\`, declared \`Promise<PadType>\`, then
    // \`dstPad.appendRevision(…)\` not awaited): in the file, and from another module.
    floatingCase(
      `type PadType = { id: string; appendRevision: (changeset: string, author: string) => Promise<void> };
declare function getPad(id: string): Promise<PadType>;
async function loadPad(id: string): Promise<PadType> { return getPad(id); }
export async function copy(id: string, changeset: string, author: string) {
  const dstPad = await getPad(id);
  dstPad.appendRevision(changeset, author);
  (await loadPad(id)).appendRevision(changeset, author);
}`,
      ['dstPad.appendRevision(changeset, author)', '(await loadPad(id)).appendRevision(changeset, author)'],
    ),
    // A promise that may be absent (\`Promise<Queue> | undefined\`): awaited, a queue or undefined.
    floatingCase(MAYBE_QUEUE("queue?.add('job')"), ["queue?.add('job')"]),
    {
      ...floatingCase(
        `import { openQueue } from './types.js';\nexport async function handler() {\n  const queue = await openQueue('mail');\n  queue.add('job');\n}`,
        ["queue.add('job')"],
      ),
      ...inFixture,
    },
    // Functions of another module that can reject: the catch rethrows, a method catches nothing,
    // and one whose only step is a helper of a third module (followed one module away only); and
    // a pause, which cannot reject but delays nothing when left floating.
    {
      ...floatingCase(
        `import { checkThroughOtherModule, pause, rethrowingCheck, Terminal } from './safe-helpers.js';
const objectHelpers = require('./safe-helpers-object');
export function start(terminal: Terminal): void {
  rethrowingCheck();
  terminal.join('logs');
  checkThroughOtherModule();
  pause(100);
  objectHelpers.fail();
}`,
        ['rethrowingCheck()', "terminal.join('logs')", 'checkThroughOtherModule()', 'pause(100)', 'objectHelpers.fail()'],
        { canAwait: false },
      ),
      ...inFixture,
    },
    // CommonJS (etherpad-lite src/node/db/Pad.ts:538: \`padManager\` is \`require('./PadManager')\`,
    // whose \`exports.getPad\` is declared \`Promise<PadType>\`): required whole, destructured, and
    // through TypeScript's \`import x = require(…)\`.
    {
      ...floatingCase(
        `const padManager = require('./pad-manager');
const { getPad, openQueue } = require('./pad-manager');
import manager = require('./pad-manager');
export async function copy() {
  const dstPad = await padManager.getPad('a');
  dstPad.appendRevision('x');
  (await getPad('b')).appendRevision('y');
  (await manager.getPad('c')).appendRevision('z');
  (await openQueue('mail')).add('job');
}`,
        ["dstPad.appendRevision('x')", "(await getPad('b')).appendRevision('y')", "(await manager.getPad('c')).appendRevision('z')", "(await openQueue('mail')).add('job')"],
      ),
      ...inFixture,
    },
    // JavaScript: \`module.exports = new Store()\`, a class with an async method.
    {
      ...floatingCase(`const store = require('./legacy-store');\nstore.save({});`, ['store.save({})']),
      filename: JS_CONSUMER,
      settings: LONG_RUNNING_SETTINGS,
    },
    // The exported instance of a class with an async method, imported the ESM way (`./db.js` is `./db.ts`).
    {
      ...floatingCase(
        `import { db } from './db.js';\nexport async function handler(user: object) {\n  db.insert('users', user);\n}`,
        ["db.insert('users', user)"],
      ),
      ...inFixture,
    },
    // A factory declared to return the class, a default export, a renamed re-export, a namespace.
    {
      ...floatingCase(
        `import store, { createDatabase } from './db.js';\nimport { database } from './reexport.js';\nimport * as data from './reexport.js';\nconst fresh = createDatabase();\nfresh.insert('a', {});\nstore.select('a');\ndatabase.insert('b', {});\ndata.db.select('c');`,
        ["fresh.insert('a', {})", "store.select('a')", "database.insert('b', {})", "data.db.select('c')"],
      ),
      ...inFixture,
    },
    // An imported interface annotating a parameter; a destructured parameter.
    {
      ...floatingCase(
        `import type { Queue } from './types.js';\nexport function enqueue(queue: Queue, { other }: { other: Queue }) {\n  queue.add('job');\n  other.add('job');\n}`,
        ["queue.add('job')", "other.add('job')"],
        { canAwait: false },
      ),
      ...inFixture,
    },
    // \`this.x\` typed by a parameter property, by a field annotation, by a constructor assignment.
    {
      ...floatingCase(
        `import { Database } from './db.js';
class Repo {
  private backup: Database;
  store;
  constructor(private readonly db: Database) {
    this.backup = db;
    this.store = new Database();
  }
  save() {
    this.db.insert('a', {});
    this.backup.insert('b', {});
    this.store.insert('c', {});
  }
}`,
        ["this.db.insert('a', {})", "this.backup.insert('b', {})", "this.store.insert('c', {})"],
        { canAwait: false },
      ),
      ...inFixture,
    },
    // Through the tsconfig's \`paths\` and \`baseUrl\` (with \`extends\` and comments in the tsconfig).
    {
      ...floatingCase(
        `import { mailer } from '@app/lib/mailer.js';\nimport { mailer as viaBase } from 'src/lib/mailer';\nmailer.send('a');\nviaBase.send('b');`,
        ["mailer.send('a')", "viaBase.send('b')"],
      ),
      filename: path.join(FIXTURES, 'declarations-paths', 'src', 'consumer.ts'),
      settings: LONG_RUNNING_SETTINGS,
    },
    // JavaScript: JSDoc \`@returns {Promise}\` on a method of an exported instance.
    {
      ...floatingCase(`import { legacy } from './legacy-db.js';\nlegacy.save({});`, ['legacy.save({})']),
      filename: JS_CONSUMER,
      settings: LONG_RUNNING_SETTINGS,
    },
    // Declared in the file: an annotated object type, an interface through an alias, a tagged template.
    floatingCase(
      `interface Client { query(sql: string): Promise<unknown> }
type Db = Client;
declare const client: Db;
declare const sql: (strings: TemplateStringsArray) => Promise<void>;
declare const api: { nested: { load: () => Promise<void> } };
client.query('x');
sql\`select 1\`;
api.nested.load();`,
      ["client.query('x')", 'sql`select 1`', 'api.nested.load()'],
    ),
    // An optional member called through \`?.\`: the handler is chained with \`?.\` too.
    {
      code: `declare const api: { load?: () => Promise<void> };\napi.load?.();`,
      errors: [
        {
          messageId: 'floating',
          line: 2,
          suggestions: [
            { messageId: 'addAwait', output: `declare const api: { load?: () => Promise<void> };\nawait api.load?.();` },
            { messageId: 'addVoid', output: `declare const api: { load?: () => Promise<void> };\nvoid api.load?.();` },
            { messageId: 'addCatch', output: `declare const api: { load?: () => Promise<void> };\napi.load?.()?.catch((error) => { console.error(error); });` },
          ],
        },
      ],
    },
    // A union holding a promise; a subclass of Promise; a class with \`then(onFulfilled, onRejected)\`.
    floatingCase(
      `declare const maybe: Promise<number> | number;
class Task extends Promise<number> {}
declare const task: Task;
class Deferred { then(ok: () => void, fail: (error: unknown) => void): void {} }
const deferred = new Deferred();
maybe;
task;
deferred;`,
      ['maybe', 'task', 'deferred'],
    ),
    // JavaScript: \`@type {Promise}\` on a variable.
    {
      ...floatingCase(`/** @type {Promise<void>} */\nconst ready = globalThis.start();\nready;`, ['ready']),
      filename: path.join(FIXTURES, 'declarations', 'ready.js'),
      settings: LONG_RUNNING_SETTINGS,
    },
    // An array of promises by its declaration.
    {
      code: `declare const pending: Array<Promise<number>>;\npending;`,
      errors: [
        {
          messageId: 'floatingArray',
          line: 2,
          suggestions: [{ messageId: 'awaitAll', output: `declare const pending: Array<Promise<number>>;\nawait Promise.all(pending);` }],
        },
      ],
    },
  ],
});

ruleTester.run('no-misused-async-callback: declared void-return slots without types', misusedCallback, {
  valid: [
    // The slot accepts a promise-returning function too, or returns something else.
    `const run = (cb: () => Promise<void> | void) => cb();\nrun(async () => {});`,
    `const run = (cb: () => unknown) => cb();\nrun(async () => {});`,
    // One overload takes a promise-returning callback.
    `interface ItLike { (name: string, cb: () => Promise<void>): void; (name: string, cb: () => void): void }\ndeclare const it: ItLike;\nit('x', async () => {});`,
    // Nothing declared: an untyped parameter, an unknown import.
    `const run = (cb) => cb();\nrun(async () => {});`,
    { code: `import { register } from 'somewhere';\nregister(async () => {});`, ...inFixture },
    // A generic bound at the call to a function type that accepts a promise, to no function, or
    // called with more type arguments than it declares; an overload that is not generic.
    `declare function use<T extends () => unknown>(fn: T): T;\nuse<() => Promise<void>>(async () => {});`,
    `declare function use<T>(value: T): T;\nuse<string>(async () => {});`,
    `declare function use<T>(fn: T): T;\nuse<() => void, number>(async () => {});`,
    `interface Use { <T>(fn: T): T; (fn: () => void, name: string): void }\ndeclare const use: Use;\nuse<() => void>(async () => {});`,
    // A generic alias or interface bound to a type that accepts a promise, or to unknown; one with
    // a base type (its bases are not bound, so not followed).
    `type Callback<R> = () => R;
const later: Callback<Promise<void>> = async () => { await fetch('x'); };
const other: Callback<unknown> = async () => { await fetch('x'); };`,
    `interface Base { name: string }
interface Runner<R> extends Base { (task: () => R): void }
declare const run: Runner<void>;
run(async () => { await fetch('x'); });`,
    // Generics that name themselves (circular, as TypeScript says): read to a bounded depth, unknown.
    `type Loop<T> = Loop<T>;\nconst x: Loop<void> = async () => { await fetch('x'); };`,
    `type A<T> = B<T>;\ntype B<T> = A<T>;\nconst x: A<void> = async () => { await fetch('x'); };`,
    `type Wrap<T> = Wrap<Wrap<T>>;\nconst x: Wrap<void> = async () => { await fetch('x'); };`,
    // A type parameter that is not bound here keeps its constraint (unknown: no slot).
    `function outer<T extends () => unknown>() { const inner = (fn: T) => fn; inner(async () => {}); }`,
    // Spread callbacks that catch their own failures, of an array reassigned later, or of sync functions.
    `function all(...callbacks: Array<() => void>): void {}
const safe = [async () => { try { await fetch('x'); } catch (error) { console.error(error); } }];
all(...safe);`,
    `function all(...callbacks: Array<() => void>): void {}
let later = [async () => { await fetch('x'); }];
later = [() => {}];
all(...later);`,
    `function all(...callbacks: Array<() => void>): void {}
all(...[() => 1, () => 'x']);`,
    // A name destructured from an object with an async disposer: its value is another property.
    `declare const plainLock: { [Symbol.dispose](): void };
const { lock } = { lock: plainLock, async [Symbol.dispose]() { await fetch('x'); } };
using held = lock;
export {};`,
    // A spread into a slot that accepts promise-returning functions.
    `function all(...callbacks: Array<() => Promise<void>>): void {}
const tasks = [async () => { await fetch('x'); }];
all(...tasks);`,
    // \`await using\` awaits an async disposer; a sync disposer; a disposer that catches; a \`Symbol\` of the file.
    `async function f() { await using resource = { async [Symbol.dispose]() { await fetch('x'); } }; }`,
    `using resource = { [Symbol.dispose]() {} };
export {};`,
    `using resource = { async [Symbol.dispose]() { try { await fetch('x'); } catch (error) { console.error(error); } } };
export {};`,
    `const Symbol = { dispose: 'dispose' };\nusing resource = { async [Symbol.dispose]() { await fetch('x'); } };
export {};`,
    // An object reassigned after its declaration may no longer hold the async disposer.
    `let handle = { async [Symbol.dispose]() { await fetch('x'); } };
handle = { [Symbol.dispose]() {} };
using resource = handle;
export {};`,
    // The callback catches its own failures.
    `const run = (cb: () => void) => cb();\nrun(async () => { try { await fetch('x'); } catch (error) { console.error(error); } });`,
    // A new member is no override, even next to an index signature of the base.
    `interface Base { [key: string]: () => void }\ninterface Derived extends Base { load(): Promise<void> }`,
    // A sync function where void is expected.
    `type Handler = { f: () => void };\nconst handler: Handler = { f() {} };`,
    // JavaScript parsed by espree: classes have no \`implements\`, nothing is declared.
    {
      code: `class Base { save() {} }\nclass Queue extends Base { async save() { await fetch('x'); } }\nconst run = cb => cb();\nrun(async () => {});`,
      filename: 'queue.mjs',
      languageOptions: { parser: espree },
    },
    // A timer's async callback whose only step is a helper of another module that catches its
    // failures (etherpad-lite's periodic version check): its promise cannot reject.
    { code: `import { checkVersion } from './safe-helpers.js';\nsetInterval(async () => {\n  await checkVersion();\n}, 60_000);`, ...inFixture },
  ],
  invalid: [
    // The same with the helper that rethrows.
    {
      code: `import { rethrowingCheck } from './safe-helpers.js';\nsetInterval(async () => {\n  await rethrowingCheck();\n}, 60_000);`,
      ...inFixture,
      errors: [
        {
          messageId: 'handler',
          line: 2,
          suggestions: [
            {
              messageId: 'wrapInTryCatch',
              output: `import { rethrowingCheck } from './safe-helpers.js';\nsetInterval(async () => { try {\n  await rethrowingCheck();\n} catch (error) { console.error(error); } }, 60_000);`,
            },
          ],
        },
      ],
    },
    {
      code: `const withCallback = (arg: string, cb: (err: unknown, res: string) => void) => cb(null, arg);
withCallback('x', async (err, res) => {
  await fetch(res);
});`,
      errors: [{ messageId: 'voidReturn', line: 2 }],
    },
    // Rest parameters, a property of an annotated object, a declared return, an assignment, a component's prop.
    {
      code: `function all(first: boolean, ...callbacks: Array<() => void>): void {}
all(true, () => {}, () => Promise.resolve(1));
type Hooks = { start: () => void };
const hooks: Hooks = { start: async () => { await fetch('x'); } };
function make(): () => void {
  return async () => { await fetch('x'); };
}
let later: () => void;
later = async () => { await fetch('x'); };`,
      errors: [
        { messageId: 'voidReturn', line: 2 },
        { messageId: 'voidReturn', line: 4 },
        { messageId: 'voidReturn', line: 6 },
        { messageId: 'voidReturn', line: 9 },
      ],
    },
    {
      code: `type Props = { onDone: () => void };
const Button = (props: Props) => null;
const el = <Button onDone={async () => { await fetch('x'); }} />;`,
      filename: 'component.tsx',
      errors: [{ messageId: 'voidReturn', line: 3 }],
    },
    // A member overriding one its base declares as returning void.
    {
      code: `interface Store { save(): void }
class FileStore implements Store {
  async save() { await fetch('x'); }
}`,
      errors: [{ messageId: 'voidReturnInherited', line: 3, data: { base: 'Store' } }],
    },
    // A listener type declared in an imported module.
    {
      code: `import { onEvent } from './types.js';\nonEvent(async name => { await fetch(name); });`,
      ...inFixture,
      errors: [{ messageId: 'voidReturn', line: 2 }],
    },
    // Generics bound where they are used: type arguments of a call (a parameter, a rest tuple, a
    // rest array of a union, a default), and an instantiation expression.
    {
      code: `declare function use<T extends (...args: unknown[]) => unknown>(fn: T): T;
use<() => void>(async () => { await fetch('x'); });
declare function pair<T>(...fns: [T, string, T]): void;
pair<() => void>(async () => {}, 'x', async () => {});
declare function some<T>(...fns: (T | string)[]): void;
some<() => void>('x', async () => {});
declare function fallback<T = () => void>(fn: T): void;
fallback(async () => {});
fallback<() => void>(async () => {});
type ReturnsVoid = () => void;
declare const useVoid: typeof use<ReturnsVoid>;
useVoid(async () => {});`,
      errors: [
        { messageId: 'voidReturn', line: 2 },
        { messageId: 'voidReturn', line: 4, column: 18 },
        { messageId: 'voidReturn', line: 4, column: 39 },
        { messageId: 'voidReturn', line: 6, column: 23 },
        { messageId: 'voidReturn', line: 9 },
        { messageId: 'voidReturn', line: 12 },
      ],
    },
    // Generic aliases and interfaces of the file bound by their type arguments: a function type,
    // a call signature taking a callback, an object type's method and property, a default.
    {
      code: `type Callback<R> = () => R;
const later: Callback<void> = async () => { await fetch('x'); };
interface Runner<R> { (task: () => R): void }
declare const run: Runner<void>;
run(async () => { await fetch('x'); });
type Hooks<R = void> = { start(): R; stop: () => R };
const hooks: Hooks = { start: async () => { await fetch('x'); }, stop: async () => { await fetch('y'); } };`,
      errors: [
        { messageId: 'voidReturn', line: 2 },
        { messageId: 'voidReturn', line: 5 },
        { messageId: 'voidReturn', line: 7, column: 24 },
        { messageId: 'voidReturn', line: 7, column: 66 },
      ],
    },
    // Callbacks spread into a rest parameter: an array literal held by a variable (\`as const\`
    // too), one written in place, and a variable declared as an array of promise-returning functions.
    {
      code: `function all(...callbacks: Array<() => void>): void {}
const tasks = [() => Promise.resolve(true), () => 'x'] as const;
all(...tasks);
all('x', ...[async () => { await fetch('x'); }]);
declare const queued: Array<() => Promise<boolean>>;
all(...queued);`,
      errors: [
        { messageId: 'voidReturn', line: 3, column: 5 },
        { messageId: 'voidReturn', line: 4, column: 10 },
        { messageId: 'voidReturn', line: 6, column: 5 },
      ],
    },
    // \`using\` calls the sync disposer and drops its promise: the object written in place, or held
    // by a constant.
    {
      code: `using connection = {
  async [Symbol.dispose]() { await fetch('x'); },
};
const lock = { async [Symbol.dispose]() { await release(); } };
using held = lock;
export {};`,
      errors: [
        { messageId: 'voidReturn', line: 1, column: 20 },
        { messageId: 'voidReturn', line: 5, column: 14 },
      ],
    },
  ],
});

/**
 * A project with installed packages, made from `test/fixtures/declarations-package`: one package
 * with its own declarations behind `exports` type conditions, one typed by `@types/…` (a CommonJS
 * `export =`). Copied to a temporary folder, as `node_modules` is never committed.
 */
const PROJECT = fs.mkdtempSync(path.join(os.tmpdir(), 'async-pitfalls-declarations-'));
const PACKAGES = path.join(FIXTURES, 'declarations-package');
fs.cpSync(path.join(PACKAGES, 'sdk'), path.join(PROJECT, 'node_modules', 'fake-sdk'), { recursive: true });
fs.cpSync(path.join(PACKAGES, 'types-only'), path.join(PROJECT, 'node_modules', '@types', 'untyped-queue'), { recursive: true });
fs.writeFileSync(path.join(PROJECT, 'package.json'), JSON.stringify({ name: 'app', private: true, type: 'module' }));
const APP = path.join(PROJECT, 'src', 'app.ts');
after(() => fs.rmSync(PROJECT, { recursive: true, force: true }));

ruleTester.run('no-missing-await: packages\' declarations without types', missingAwait, {
  valid: [
    // Declared sync, declared by an unknown base (Node's own modules are not read), not exported.
    { code: `import { Client } from 'fake-sdk';\nconst client = new Client('x');\nclient.release();\nclient.emit('x');`, filename: APP },
    { code: `import Bucket from 'fake-sdk';\nnew Bucket().url('k');`, filename: APP },
    { code: `import { Missing } from 'fake-sdk';\nnew Missing().connect();`, filename: APP },
    { code: `import { connect } from 'not-installed';\nconnect();`, filename: APP },
    { code: `import Queue from 'untyped-queue';\nnew Queue().size();`, filename: APP },
  ],
  invalid: [
    {
      ...floatingCase(
        `import Bucket, { Client, createClient } from 'fake-sdk';
import Queue from 'untyped-queue';
const client = new Client('postgres://');
client.connect();
createClient('x').query('select 1');
new Bucket().upload('k', new Uint8Array());
new Queue().add('job');`,
        ['client.connect()', "createClient('x').query('select 1')", "new Bucket().upload('k', new Uint8Array())", "new Queue().add('job')"],
      ),
      filename: APP,
    },
  ],
});

ruleTester.run('no-blocking-in-async: sync helpers across modules', blockingInAsync, {
  valid: [
    // An async helper, a helper that only parses, a helper whose blocking call runs later.
    { code: `import { readConfigLater } from './config.js';\nexport async function f() { await readConfigLater('a'); }`, ...inFixture },
    { code: `import { parse } from './parse.js';\nexport async function f() { return parse('{}'); }`, ...inFixture },
    { code: `import { later } from './config.js';\nexport async function f() { later('a'); }`, ...inFixture },
    // Deeper than the default depth (3 functions): loadDeep → level2 → level3 → loadConfig → readConfig.
    { code: `import { loadDeep } from './config.js';\nexport async function f() { return loadDeep('a'); }`, ...inFixture },
    // Allowed calls are allowed at any depth; the option turns helpers off.
    {
      code: `import { loadConfig } from './config.js';\nexport async function f() { return loadConfig('a'); }`,
      ...inFixture,
      options: [{ allow: ['fs.readFileSync'] }],
    },
    {
      code: `import { loadConfig } from './config.js';\nexport async function f() { return loadConfig('a'); }`,
      ...inFixture,
      options: [{ checkSyncHelpers: false }],
    },
    // A read kept in a module-level map blocks the first call only.
    { code: `import { loadTemplate } from './config.js';\nexport async function render() { return loadTemplate('a.html'); }`, ...inFixture },
    // A helper that only reads the file its caller names, called with a package manifest's path,
    // reads a manifest (release-it's npm plugin: readJSON(path.resolve(MANIFEST_PATH))); so does a
    // helper that hands its path on to such a helper.
    {
      code: `import path from 'node:path';
import { readConfig, loadConfig } from './config.js';
const MANIFEST_PATH = './package.json';
export async function init(dir: string) {
  const manifest = readConfig(path.resolve(MANIFEST_PATH));
  const own = loadConfig(path.join(dir, 'package.json'));
  return [manifest, own];
}`,
      ...inFixture,
    },
    {
      code: `import fs from 'node:fs';
const readJSON = (file: string) => JSON.parse(fs.readFileSync(file, 'utf8'));
export async function init() { return readJSON('package.json'); }`,
      ...inFixture,
    },
  ],
  invalid: [
    // The same read, kept in a map that each call makes anew.
    {
      code: `import { loadTemplateEveryTime } from './config.js';\nexport async function render() { return loadTemplateEveryTime('a.html'); }`,
      ...inFixture,
      errors: [
        readChainError(2, 'loadTemplateEveryTime'),
      ],
    },
    {
      code: `import { loadConfig, readConfig } from './config.js';
export async function start() {
  const config = loadConfig('app.json');
  return [config, readConfig('other.json')];
}`,
      ...inFixture,
      errors: [
        readChainError(3, 'loadConfig', 'readConfig'),
        readChainError(4, 'readConfig'),
      ],
    },
    // The caller's path does not say what a helper reads when it reads another file too, assigns
    // its parameter, or when the path is no manifest; a helper of the file likewise.
    {
      code: `import fs from 'node:fs';
import { readWithDefaults, readRenamed, readConfig } from './config.js';
const readBoth = (file: string) => fs.readFileSync(file, 'utf8') + fs.readFileSync('other.json', 'utf8');
export async function init() {
  readWithDefaults('package.json');
  readRenamed('package.json');
  readConfig('package-lock.json');
  readBoth('package.json');
}`,
      ...inFixture,
      errors: [
        readChainError(5, 'readWithDefaults'),
        readChainError(6, 'readRenamed'),
        readChainError(7, 'readConfig'),
        {
          messageId: 'blockingHelper',
          line: 8,
          data: { helper: 'readBoth', name: 'fs.readFileSync', twin: "await readFile() from 'node:fs/promises'" },
        },
      ],
    },
    // Through a function of the file to an imported one; a deeper chain with a larger depth.
    {
      code: `import { readConfig, loadDeep } from './config.js';
function settings() { return readConfig('a'); }
export async function start() {
  settings();
  loadDeep('b');
}`,
      ...inFixture,
      options: [{ syncHelperDepth: 5 }],
      errors: [
        readChainError(4, 'settings', 'readConfig'),
        readChainError(5, 'loadDeep', 'level2', 'level3', 'loadConfig', 'readConfig'),
      ],
    },
  ],
});
