import rule from '../../eslint-plugin/src/rules/no-swallowed-rejection';
import { createRuleTester } from '../rule-tester';

const ruleTester = createRuleTester();

ruleTester.run('no-swallowed-rejection', rule, {
  valid: [
    // The error is reported.
    `load().catch(error => console.error(error));`,
    `load().catch(error => { logger.warn(error); return null; });`,
    `load().then(ok, error => report(error));`,
    // A handler that returns something other than nothing is a fallback value, not a drop.
    `load().catch(() => []);`,
    // A comment says why the error does not matter.
    `load().catch(() => { /* the cache is optional */ });`,
    `load().catch(() => {}); // the cache is optional`,
    `// Cleanup is best effort: the process is exiting.
unlink(tmp).catch(() => {});`,
    `// These promises are observed later; only silence the unhandled-rejection warning here.
first.catch(() => {});
second.catch(() => {});`,
    // The promise is observed elsewhere: the handler only marks it handled.
    `async function f() { const pending = load(); pending.catch(() => {}); await other(); return pending; }`,
    `class Stream { constructor() { this.done = new Promise(r => r()); this.done.catch(() => {}); } }`,
    `function enqueue(task) { const result = chain.then(task); chain = result.then(() => undefined, () => undefined); return result; }`,
    `function check(result) { if (isThenable(result)) { void Promise.resolve(result).catch(() => undefined); throw new Error('sync only'); } }`,
    `async function f() { const clone = git.clone(url); cache.set(key, clone.then(() => path).catch(() => null)); await clone; }`,
    // A named handler is a choice spelled out where it is defined.
    `load().catch(ignoreErrors);`,
    // One argument to then: no rejection handler.
    `load().then(() => {});`,
    // A catch that does something, or says why it does not.
    `async function f() { try { await load(); } catch (error) { report(error); } }`,
    `async function f() { try { await load(); } catch { /* missing is fine */ } }`,
    `async function f() { try { await load(); } catch {
  // missing is fine
} }`,
    // An empty catch around synchronous code is not about promises.
    `function f() { try { JSON.parse(text); } catch {} }`,
    `async function f() { try { JSON.parse(text); } catch {} }`,
    // An await inside a nested function does not run in this try.
    `async function f() { try { register(async () => { await load(); }); } catch {} }`,
    // allSettled results read for rejections.
    `async function f(tasks) { const results = await Promise.allSettled(tasks); for (const r of results) { if (r.status === 'rejected') console.error(r.reason); } }`,
    `async function f(tasks) { const results = await Promise.allSettled(tasks); return results; }`,
    `async function f(tasks) { const results = await Promise.allSettled(tasks); report(results); }`,
    `async function f(tasks) { const results = await Promise.allSettled(tasks); results.forEach(r => { if (r.status !== 'fulfilled') log(r.reason); }); }`,
    `function f(tasks) { return Promise.allSettled(tasks); }`,
    `Promise.allSettled(tasks).then(results => results.filter(r => r.status === 'rejected').forEach(r => log(r.reason)));`,
    `async function f(a, b) { const [first, second] = await Promise.allSettled([a, b]); log(first.reason, second.reason); }`,
    // A local \`Promise\` is not the global one.
    `import { Promise } from 'bluebird'; async function f(tasks) { await Promise.allSettled(tasks); }`,
  ],
  invalid: [
    {
      code: `load().catch(() => {});`,
      errors: [
        {
          messageId: 'emptyHandler',
          // The handler's head: \`() =>\`.
          line: 1,
          column: 14,
          endLine: 1,
          endColumn: 19,
          suggestions: [{ messageId: 'logError', output: `load().catch((error) => { console.error(error); });` }],
        },
      ],
    },
    {
      // TypeScript's `this` parameter is not the error: the error comes after it.
      code: `load().catch(function (this: void) {});
load().catch(function (this: void, reason) {});`,
      errors: [
        {
          messageId: 'emptyHandler',
          line: 1,
          suggestions: [{
            messageId: 'logError',
            output: `load().catch(function(this: void, error) { console.error(error); });
load().catch(function (this: void, reason) {});`,
          }],
        },
        {
          messageId: 'emptyHandler',
          line: 2,
          suggestions: [{
            messageId: 'logError',
            output: `load().catch(function (this: void) {});
load().catch(function(this: void, reason) { console.error(reason); });`,
          }],
        },
      ],
    },
    {
      code: `load().catch(e => null);`,
      errors: [
        {
          messageId: 'emptyHandler',
          suggestions: [{ messageId: 'logError', output: `load().catch((e) => { console.error(e); return null; });` }],
        },
      ],
    },
    {
      code: `await load().catch(() => undefined);`,
      errors: [
        {
          messageId: 'emptyHandler',
          suggestions: [
            {
              messageId: 'logError',
              output: `await load().catch((error) => { console.error(error); return undefined; });`,
            },
          ],
        },
      ],
    },
    {
      code: `load().catch(function () { return; });`,
      errors: [
        {
          messageId: 'emptyHandler',
          line: 1,
          column: 14,
          endLine: 1,
          endColumn: 25,
          suggestions: [{ messageId: 'logError', output: `load().catch(function(error) { console.error(error); });` }],
        },
      ],
    },
    {
      code: `load().then(show, function onError() {});`,
      errors: [
        {
          messageId: 'emptyHandler',
          suggestions: [{ messageId: 'logError', output: `load().then(show, function onError(error) { console.error(error); });` }],
        },
      ],
    },
    {
      // TypeScript: the annotated parameter is kept.
      code: `load().catch(async (reason: unknown) => void 0);`,
      errors: [
        {
          messageId: 'emptyHandler',
          suggestions: [
            { messageId: 'logError', output: `load().catch(async (reason: unknown) => { console.error(reason); return void 0; });` },
          ],
        },
      ],
    },
    {
      // A return type annotation would be lost by the rewrite: no suggestion.
      code: `load().catch((): void => {});`,
      errors: [{ messageId: 'emptyHandler', suggestions: [] }],
    },
    {
      // A local \`console\` is not the global one: no suggestion.
      code: `const console = makeLogger(); load().catch(() => {});`,
      errors: [{ messageId: 'emptyHandler', suggestions: [] }],
    },
    {
      // Not observed elsewhere: the variable is read only here.
      code: `async function f() { const pending = load(); pending.catch(() => {}); }`,
      errors: [
        {
          messageId: 'emptyHandler',
          suggestions: [
            {
              messageId: 'logError',
              output: `async function f() { const pending = load(); pending.catch((error) => { console.error(error); }); }`,
            },
          ],
        },
      ],
    },
    {
      code: `async function f() { try { await load(); } catch {} }`,
      errors: [
        {
          messageId: 'emptyCatch',
          suggestions: [
            { messageId: 'logError', output: `async function f() { try { await load(); } catch (error) { console.error(error); } }` },
          ],
        },
      ],
    },
    {
      code: `async function f() {
  try {
    await load();
  } catch (err) {
  }
}`,
      errors: [
        {
          messageId: 'emptyCatch',
          line: 4,
          suggestions: [
            {
              messageId: 'logError',
              output: `async function f() {
  try {
    await load();
  } catch (err) { console.error(err); }
}`,
            },
          ],
        },
      ],
    },
    {
      // A promise-returning call in the try, without await.
      code: `function f() { try { return fetch('/a'); } catch {} }`,
      errors: [
        {
          messageId: 'emptyCatch',
          suggestions: [
            { messageId: 'logError', output: `function f() { try { return fetch('/a'); } catch (error) { console.error(error); } }` },
          ],
        },
      ],
    },
    {
      code: `async function f(items) { for await (const item of items) { try { for await (const x of item) use(x); } catch (e: unknown) {} } }`,
      errors: [
        {
          messageId: 'emptyCatch',
          suggestions: [
            {
              messageId: 'logError',
              output: `async function f(items) { for await (const item of items) { try { for await (const x of item) use(x); } catch (e: unknown) { console.error(e); } } }`,
            },
          ],
        },
      ],
    },
    {
      // Destructured catch parameter: reported, no suggestion.
      code: `async function f() { try { await load(); } catch ({ message }) {} }`,
      errors: [{ messageId: 'emptyCatch', suggestions: [] }],
    },
    {
      code: `async function f(tasks) { await Promise.allSettled(tasks); }`,
      errors: [{ messageId: 'unreadAllSettled' }],
    },
    {
      code: `Promise.allSettled(tasks);`,
      errors: [{ messageId: 'unreadAllSettled' }],
    },
    {
      code: `async function f(tasks) { const results = await Promise.allSettled(tasks); return results.map(r => r.value); }`,
      errors: [{ messageId: 'unreadAllSettled' }],
    },
    {
      code: `async function f(tasks: Promise<number>[]) {
  const results = await Promise.allSettled(tasks);
  return results.filter(r => r.status === 'fulfilled').length;
}`,
      errors: [{ messageId: 'unreadAllSettled', line: 2 }],
    },
    {
      code: `async function f(a, b) { const [first, second] = await Promise.allSettled([a, b]); use(first.status === 'fulfilled' ? first.value : 0, second.value); }`,
      errors: [{ messageId: 'unreadAllSettled' }],
    },
    {
      code: `Promise.allSettled(tasks).then(() => done());`,
      errors: [{ messageId: 'unreadAllSettled' }],
    },
    {
      code: `async function f(tasks) { const results = await Promise.allSettled(tasks); for (const r of results) use(r.value); }`,
      errors: [{ messageId: 'unreadAllSettled' }],
    },
  ],
});
