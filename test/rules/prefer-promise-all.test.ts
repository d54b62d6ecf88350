import rule from '../../eslint-plugin/src/rules/prefer-promise-all';
import { createRuleTester } from '../rule-tester';

const ruleTester = createRuleTester();

ruleTester.run('prefer-promise-all', rule, {
  valid: [
    // The second operand reads what the first wrote (def-use, not text).
    `async function f() { const user = await getUser(id); const posts = await getPosts(user.id); }`,
    // The read hides in a shorthand property.
    `async function f() { const id = await newId(); const row = await load({ id }); }`,
    // Only one await.
    `async function f() { const a = await x(1); const b = y(2); }`,
    // Awaiting promises that are already running gains nothing.
    `async function f(p, q) { const a = await p; const b = await q; }`,
    // Same receiver: the order of calls on one object may be observable.
    `async function f(db) { const inserted = await db.insert(row); const rows = await db.select(); }`,
    `class Repo { async f() { const a = await this.load(); const b = await this.count(); } }`,
    // Two calls given the same object: the first may change what the second reads.
    `async function f(options) { const app = await promptForApp(options); const project = await needProject(options); }`,
    // A file written, then read.
    `import { writeFile, readFile } from 'node:fs/promises';
     async function f(p) { const w = await writeFile(p, 'x'); const r = await readFile(p, 'utf8'); }`,
    `import fs from 'node:fs';
     async function f(dir, file) { const made = await fs.promises.mkdir(dir); const text = await fs.promises.readFile(file); }`,
    // A later statement reads a variable the earlier one assigns.
    `async function f() { let token; token = await login(); const data = await fetchData(token); }`,
    // A local function that reads the first result through its closure.
    `async function f() { const config = await loadConfig(path); const db = await connect(4); async function connect(size) { return open(config.url, size); } }`,
    // The first call writes a file the second reads: the command is built from the same variable.
    `async function f(file) { const cmd = 'flux install > ' + file; const result = await exec(cmd); const text = await readLocalFile(file); }`,
    // A call given nothing reads state the code does not show, which the first call may change.
    `async function f(name) { const files = await updateLockFiles(name); const status = await getRepoStatus(); }`,
    // The same local closure twice shares what it captured.
    `async function f(session) { const run = async opts => session.send(opts); const a = await run({ x: 1 }); const b = await run({ x: 2 }); }`,
    // Bare await statements are actions, ordered on purpose by default.
    `async function f() { await server.listen(); await client.connect(); }`,
    `async function f() { await sleep(100); await ping(); }`,
    // Awaits in separate try blocks, each with its own catch.
    `async function f() { try { a = await x(1); } catch { a = null; } try { b = await y(2); } catch { b = null; } }`,
    // Loops: iteration stops on a result.
    `async function f(urls) { const out = []; for (const url of urls) { const r = await fetch(url); if (!r.ok) break; out.push(r); } }`,
    `async function f(urls) { for (const url of urls) { const r = await fetch(url); if (r.ok) return r; } }`,
    `async function f(urls) { const out = []; for (const url of urls) { const r = await fetch(url); if (!r.ok) continue; out.push(r); } }`,
    // Loops: state carried into the next iteration (cursor, accumulator, retry counter).
    `async function f(pages) { let cursor; for (const page of pages) { cursor = await next(page, cursor); } }`,
    `async function f(ids) { let total = 0; for (const id of ids) { total += await count(id); } }`,
    // Loops: a pause or an await that does not depend on the item orders the iterations on purpose.
    `async function f(ids) { const out = []; for (const id of ids) { const pause = await sleep(100); out.push(await load(id)); } }`,
    // Loops: calls on one outer object (a page, a connection) or given a shared object.
    `async function f(page, urls) { const titles = []; for (const url of urls) { titles.push(await page.goto(url)); } }`,
    `async function f(options, items) { const out = []; for (const item of items) { out.push(await build(options, item)); } }`,
    // Loops: a function handed in by the caller may have to run in series.
    `async function runInSeries(values, mapper) { const results = []; for (const value of values) { const result = await mapper(value); results.push(result); } return results; }`,
    // Loops: a pipeline of functions, called in turn.
    `async function f(steps, ctx) { const results = []; for (const step of steps) { results.push(await step()); } }`,
    // Loops: work done for its effect, or with visible side effects between awaits.
    `async function f(files) { for (const file of files) { await upload(file); } }`,
    `async function f(files) { const out = []; for (const file of files) { log(file); out.push(await upload(file)); } }`,
    // Loops: a work list that grows while it is iterated.
    `async function f(queue) { for (const item of queue) { queue.push(await expand(item)); } }`,
    // Loops: \`for await\` reads a stream in order.
    `async function f(stream) { const out = []; for await (const chunk of stream) { out.push(await parse(chunk)); } }`,
    // Only remote requests gain from running at once: local file calls queue on the thread pool,
    // and queries often share one connection or transaction.
    `import { readFile, stat } from 'node:fs/promises';
async function f(p, q) { const text = await readFile(p, 'utf8'); const info = await stat(q); }`,
    `import fs from 'node:fs/promises';
async function f(files, config) { const texts = {}; for (const file of files) { texts[file] = await fs.readFile(file, config.encoding); } }`,
    `import pg from 'pg';
const pool = new pg.Pool();
async function f() { const users = await pool.query('select * from users'); const teams = await pool.query('select * from teams'); }`,
    `async function f() { const a = await x(1); const b = await y(2); }`,
    // Loops are not checked when turned off.
    {
      code: `async function f(urls) { const out = []; for (const url of urls) { out.push(await fetch(url)); } }`,
      options: [{ checkLoops: false }],
    },
  ],
  invalid: [
    {
      // A local `Promise` (here in its temporal dead zone) is not the one the rewrite means: no suggestion.
      code: `async function f() {
  const user = await fetch(userUrl);
  const posts = await fetch(postsUrl);
  const Promise = [];
}`,
      errors: [{ messageId: 'sequentialAwaits', suggestions: [] }],
    },
    {
      code: `async function f() {
  const user = await fetch(userUrl);
  const posts = await fetch(postsUrl);
}`,
      errors: [
        {
          messageId: 'sequentialAwaits',
          data: { count: '2' },
          line: 2,
          endLine: 3,
          suggestions: [
            {
              messageId: 'usePromiseAll',
              output: `async function f() {
  const [user, posts] = await Promise.all([fetch(userUrl), fetch(postsUrl)]);
}`,
            },
          ],
        },
      ],
    },
    {
      code: `async function f() { const a = await fetch(a1); const b = await fetch(b2); }`,
      errors: [
        {
          messageId: 'sequentialAwaits',
          suggestions: [
            { messageId: 'usePromiseAll', output: `async function f() { const [a, b] = await Promise.all([fetch(a1), fetch(b2)]); }` },
          ],
        },
      ],
    },
    {
      // A third await that needs both results ends the group.
      code: `async function f() { const a = await fetch(a1); const b = await fetch(b2); const c = await fetch(a, b); }`,
      errors: [
        {
          messageId: 'sequentialAwaits',
          data: { count: '2' },
          suggestions: [
            {
              messageId: 'usePromiseAll',
              output: `async function f() { const [a, b] = await Promise.all([fetch(a1), fetch(b2)]); const c = await fetch(a, b); }`,
            },
          ],
        },
      ],
    },
    {
      // Module top level, TypeScript: a typed binding is reported, but the rewrite is not mechanical.
      code: `const config: Config = await fetch(configUrl);
const secrets = await fetch(secretsUrl);`,
      errors: [{ messageId: 'sequentialAwaits', suggestions: [] }],
    },
    {
      // \`let\` bindings: reported without a rewrite to \`const\`.
      code: `async function f() { let a = await fetch(a1); let b = await fetch(b2); a = 1; }`,
      errors: [{ messageId: 'sequentialAwaits', suggestions: [] }],
    },
    {
      // A comment between the statements would be lost: no suggestion.
      code: `async function f() {
  const a = await fetch(a1);
  // then b
  const b = await fetch(b2);
}`,
      errors: [{ messageId: 'sequentialAwaits', suggestions: [] }],
    },
    {
      code: `async function f() { await fetch(a1); await fetch(b2); const c = await fetch(c3); }`,
      options: [{ checkExpressionStatements: true }],
      errors: [
        {
          messageId: 'sequentialAwaits',
          data: { count: '3' },
          suggestions: [
            { messageId: 'usePromiseAll', output: `async function f() { const [, , c] = await Promise.all([fetch(a1), fetch(b2), fetch(c3)]); }` },
          ],
        },
      ],
    },
    {
      code: `async function f() { await fetch(a1); await fetch(b2); }`,
      options: [{ checkExpressionStatements: true }],
      errors: [
        {
          messageId: 'sequentialAwaits',
          suggestions: [{ messageId: 'usePromiseAll', output: `async function f() { await Promise.all([fetch(a1), fetch(b2)]); }` }],
        },
      ],
    },
    {
      // Assignments: reported, no mechanical rewrite.
      code: `async function f() { let a, b; a = await fetch(a1); b = await fetch(b2); }`,
      options: [{ checkExpressionStatements: true }],
      errors: [{ messageId: 'sequentialAwaits', suggestions: [] }],
    },
    {
      // In a switch case.
      code: `async function f(kind) { switch (kind) { case 1: { break; } default: const a = await fetch(a1); const b = await fetch(b2); } }`,
      errors: [
        {
          messageId: 'sequentialAwaits',
          suggestions: [
            {
              messageId: 'usePromiseAll',
              output: `async function f(kind) { switch (kind) { case 1: { break; } default: const [a, b] = await Promise.all([fetch(a1), fetch(b2)]); } }`,
            },
          ],
        },
      ],
    },
    {
      // Loop: each result is collected, nothing carries over.
      code: `async function f(urls) { const pages = []; for (const url of urls) { pages.push(await fetch(url)); } return pages; }`,
      errors: [{ messageId: 'awaitInLoop', line: 1, column: 81 }],
    },
    {
      code: `async function f(ids: string[]) {
  const byId = new Map<string, User>();
  for (const id of ids) {
    const user = await fetch(id);
    byId.set(id, user);
  }
  return byId;
}`,
      errors: [{ messageId: 'awaitInLoop', line: 4 }],
    },
    {
      // Nested loops: the inner loop is reported; the outer one is not a list of independent tasks.
      code: `async function f(groups) { for (const group of groups) { for (const id of group) { const row = await fetch(id); } } }`,
      errors: [{ messageId: 'awaitInLoop', column: 96 }],
    },
  ],
});
