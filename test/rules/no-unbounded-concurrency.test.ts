import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vm from 'node:vm';

import rule from '../../eslint-plugin/src/rules/no-unbounded-concurrency';
import { applySuggestion, syntaxErrors, typeErrors } from '../fix-output';
import { createRuleTester, createTypedRuleTester, FIXTURES, LONG_RUNNING_SETTINGS } from '../rule-tester';

const ruleTester = createRuleTester();
const WITH_P_LIMIT = path.join(FIXTURES, 'with-p-limit', 'src', 'download.ts');
const WITH_P_LIMIT_7 = path.join(FIXTURES, 'with-p-limit-7', 'src', 'download.ts');
const WITH_P_LIMIT_7_CJS = path.join(FIXTURES, 'with-p-limit-7', 'src', 'download.cjs');
const WITH_P_LIMIT_3_CJS = path.join(FIXTURES, 'with-p-limit-3', 'src', 'download.cjs');
/** A service's source folder (its own package.json, no p-limit): code the rule reports in. */
const APP = path.join(FIXTURES, 'app', 'src');

/** The limiter the suggestion adds to a JavaScript file, as it must read. */
const LIMITER = `/** Wraps fn so that at most \`concurrency\` of its calls run at once; the others wait their turn. */
function limitConcurrency(fn, concurrency) {
  let active = 0;
  const waiting = [];
  const startNext = () => {
    const start = active < concurrency ? waiting.shift() : undefined;
    if (start) {
      active++;
      start();
    }
  };
  return (...args) =>
    new Promise((resolve, reject) => {
      waiting.push(() => {
        Promise.resolve()
          .then(() => fn(...args))
          .then(resolve, reject)
          .finally(() => {
            active--;
            startNext();
          });
      });
      startNext();
    });
}`;

/** The same in TypeScript: the wrapped function keeps its parameter and result types. */
const TYPED_LIMITER = `/** Wraps fn so that at most \`concurrency\` of its calls run at once; the others wait their turn. */
function limitConcurrency<A extends unknown[], R>(fn: (...args: A) => R | PromiseLike<R>, concurrency: number): (...args: A) => Promise<R> {
  let active = 0;
  const waiting: (() => void)[] = [];
  const startNext = (): void => {
    const start = active < concurrency ? waiting.shift() : undefined;
    if (start) {
      active++;
      start();
    }
  };
  return (...args) =>
    new Promise<R>((resolve, reject) => {
      waiting.push(() => {
        Promise.resolve()
          .then(() => fn(...args))
          .then(resolve, reject)
          .finally(() => {
            active--;
            startNext();
          });
      });
      startNext();
    });
}`;

ruleTester.run('no-unbounded-concurrency', rule, {
  valid: [
    // Literal lists of known length.
    "await Promise.all(['a.json', 'b.json'].map(url => fetch(url)));",
    `const files = ['a.txt', 'b.txt'];
     import { readFile } from 'node:fs/promises';
     await Promise.all(files.map(file => readFile(file, 'utf8')));`,
    `const endpoints = { users: '/users', posts: '/posts' };
     await Promise.all(Object.keys(endpoints).map(key => fetch(endpoints[key])));`,
    `async function f(urls) { return Promise.all(urls.slice(0, 5).map(url => fetch(url))); }`,
    `async function f(pair: [string, string]) { return Promise.all(pair.map(url => fetch(url))); }`,
    {
      code: 'async function f(urls) { return Promise.all(urls.slice(0, 40).map(url => fetch(url))); }',
      options: [{ smallLength: 50 }],
    },
    // A getter or function of this file that always returns a short literal.
    `import { readFile } from 'node:fs/promises';
     class Lockfile {
       get #candidates() { return ['npm-shrinkwrap.json', 'package-lock.json']; }
       load() { return Promise.all(this.#candidates.map(file => readFile(file, 'utf8'))); }
     }`,
    `function mirrors() { return ['https://a.example', 'https://b.example']; }
     async function f() { return Promise.all(mirrors().map(url => fetch(url))); }`,
    // No I/O in the callback (CPU work or unknown calls): never guessed from a name.
    'async function f(items) { return Promise.all(items.map(async item => transform(item))); }',
    'async function f(items) { return Promise.all(items.map(item => fetchLikeHelper(item))); }',
    // A local function called fetch is not the global fetch.
    'function fetch(x) { return x; } async function f(urls) { return Promise.all(urls.map(fetch)); }',
    // Already limited: the I/O runs inside a function the limiter calls later.
    `async function f(urls, limit) { return Promise.all(urls.map(url => limit(() => fetch(url)))); }`,
    // Not Promise.all over a map.
    'async function f(urls) { for (const url of urls) await fetch(url); }',
    'async function f(a, b) { return Promise.all([fetch(a), fetch(b)]); }',
    // A `Promise` that is not the global one.
    'const Promise = require("bluebird"); async function f(urls) { return Promise.all(urls.map(url => fetch(url))); }',
    // Sync file calls do not run concurrently.
    `const fs = require('fs');
     async function f(files) { return Promise.all(files.map(async file => fs.readFileSync(file))); }`,
    // File calls queue on libuv's thread pool, a few at a time, whatever the caller starts.
    `import { readFile } from 'node:fs/promises';
async function readAll(paths: string[]): Promise<string[]> {
  return Promise.all(paths.map(path => readFile(path, 'utf8')));
}`,
    `const fs = require('fs');
async function f(paths) { return Promise.allSettled(paths.map(p => fs.promises.stat(p))); }`,
    // Test code: the runner runs one test at a time over fixtures it chose.
    { code: 'async function f(urls) { return Promise.all(urls.map(url => fetch(url))); }', filename: WITH_P_LIMIT },
    // What the suggestions write is limited: nothing more to report.
    `async function f(urls) { return Promise.all(urls.map(limitConcurrency(url => fetch(url), 8))); }\n\n${LIMITER}`,
    `import { limitFunction } from 'p-limit';
     await Promise.all(urls.map(limitFunction(url => fetch(url), { concurrency: 8 })));`,
    `import pLimit from 'p-limit';
     const limit = pLimit(8);
     await Promise.all(urls.map((...args) => limit(url => fetch(url), ...args)));`,
    // A literal that is later grown is not known small — but a literal never grown is.
    `const hosts = ['a', 'b'];
     console.log(hosts.length);
     await Promise.all(hosts.map(host => fetch(host)));`,
  ],
  invalid: [
    {
      // The report covers the mapping up to the callback's head, not the callback's body.
      code: `async function f(urls) {
  return Promise.all(urls.map(async url => {
    const response = await fetch(url);
    return response.json();
  }));
}`,
      errors: [
        {
          messageId: 'unbounded',
          data: { what: 'network or file I/O', limit: '8' },
          line: 2,
          column: 22,
          endLine: 2,
          endColumn: 43,
          suggestions: [
            {
              messageId: 'limitInline',
              data: { limit: '8' },
              output: `async function f(urls) {
  return Promise.all(urls.map(limitConcurrency(async url => {
    const response = await fetch(url);
    return response.json();
  }, 8)));
}

${TYPED_LIMITER}
`,
            },
          ],
        },
      ],
    },
    {
      // A JavaScript file gets the limiter without types; a callback by name is wrapped as it is.
      code: 'async function f(urls) { return Promise.all(urls.map(fetch)); }',
      filename: 'file.js',
      errors: [
        {
          messageId: 'unbounded',
          data: { what: 'a request', limit: '8' },
          line: 1,
          column: 45,
          endLine: 1,
          endColumn: 60,
          suggestions: [
            {
              messageId: 'limitInline',
              output: `async function f(urls) { return Promise.all(urls.map(limitConcurrency(fetch, 8))); }

${LIMITER}
`,
            },
          ],
        },
      ],
    },
    {
      // A file with CRLF line ends gets the limiter's lines with CRLF too.
      code: 'async function f(urls) {\r\n  return Promise.all(urls.map(fetch));\r\n}\r\n',
      filename: 'file.js',
      errors: [
        {
          messageId: 'unbounded',
          suggestions: [
            {
              messageId: 'limitInline',
              output: `async function f(urls) {\r\n  return Promise.all(urls.map(limitConcurrency(fetch, 8)));\r\n}\r\n\r\n${LIMITER.replaceAll('\n', '\r\n')}\r\n`,
            },
          ],
        },
      ],
    },
    {
      // A limiter the file already has from an earlier fix is reused; another name in use is left alone.
      code: `async function f(urls) { return Promise.all(urls.map(fetch)); }
async function g(files, limitConcurrency2) { return Promise.all(files.map(file => fetch(file))); }

${LIMITER}
`,
      filename: 'file.js',
      errors: [
        {
          messageId: 'unbounded',
          line: 1,
          suggestions: [
            {
              messageId: 'limitInline',
              output: `async function f(urls) { return Promise.all(urls.map(limitConcurrency(fetch, 8))); }
async function g(files, limitConcurrency2) { return Promise.all(files.map(file => fetch(file))); }

${LIMITER}
`,
            },
          ],
        },
        {
          messageId: 'unbounded',
          line: 2,
          suggestions: [
            {
              messageId: 'limitInline',
              output: `async function f(urls) { return Promise.all(urls.map(fetch)); }
async function g(files, limitConcurrency2) { return Promise.all(files.map(limitConcurrency(file => fetch(file), 8))); }

${LIMITER}
`,
            },
          ],
        },
      ],
    },
    {
      code: `import axios from 'axios';
async function f(ids) { return Promise.all([...ids].map(id => axios.get('/users/' + id))); }`,
      filename: 'file.js',
      errors: [
        {
          messageId: 'unbounded',
          suggestions: [
            {
              messageId: 'limitInline',
              output: `import axios from 'axios';
async function f(ids) { return Promise.all([...ids].map(limitConcurrency(id => axios.get('/users/' + id), 8))); }

${LIMITER}
`,
            },
          ],
        },
      ],
    },
    {
      // Array.from's map function is wrapped the same way.
      code: `import https from 'node:https';
async function f(set) { return Promise.all(Array.from(set, host => new Promise(resolve => https.get(host, resolve)))); }`,
      filename: 'file.js',
      errors: [
        {
          messageId: 'unbounded',
          suggestions: [
            {
              messageId: 'limitInline',
              output: `import https from 'node:https';
async function f(set) { return Promise.all(Array.from(set, limitConcurrency(host => new Promise(resolve => https.get(host, resolve)), 8))); }

${LIMITER}
`,
            },
          ],
        },
      ],
    },
    {
      // A `this` value for the callback: no suggestion (the limiter would not pass it on).
      code: `import { Pool } from 'pg';
const pool = new Pool();
async function f(ids, context) {
  await Promise.all(ids.map(function (id) { return pool.query(this.sql, [id]); }, context));
}`,
      filename: 'file.js',
      errors: [
        { messageId: 'unbounded', line: 4, suggestions: [] },
      ],
    },
    {
      // A database client made by an I/O module.
      code: `import { Pool } from 'pg';
const pool = new Pool();
async function f(ids) { return Promise.all(ids.map(id => pool.query('select $1', [id]))); }`,
      filename: 'file.js',
      errors: [
        {
          messageId: 'unbounded',
          line: 3,
          suggestions: [
            {
              messageId: 'limitInline',
              output: `import { Pool } from 'pg';
const pool = new Pool();
async function f(ids) { return Promise.all(ids.map(limitConcurrency(id => pool.query('select $1', [id]), 8))); }

${LIMITER}
`,
            },
          ],
        },
      ],
    },
    {
      // One hop into a same-file function that does the I/O.
      code: `const { execFile } = require('child_process');
async function probe(file) { return new Promise(resolve => execFile('file', [file], resolve)); }
async function f(files) { return Promise.all(files.map(file => probe(file))); }
async function g(files) { return Promise.all(files.map(probe)); }`,
      filename: 'file.cjs',
      errors: [
        {
          messageId: 'unbounded',
          line: 3,
          suggestions: [
            {
              messageId: 'limitInline',
              output: `const { execFile } = require('child_process');
async function probe(file) { return new Promise(resolve => execFile('file', [file], resolve)); }
async function f(files) { return Promise.all(files.map(limitConcurrency(file => probe(file), 8))); }
async function g(files) { return Promise.all(files.map(probe)); }

${LIMITER}
`,
            },
          ],
        },
        {
          messageId: 'unbounded',
          line: 4,
          suggestions: [
            {
              messageId: 'limitInline',
              output: `const { execFile } = require('child_process');
async function probe(file) { return new Promise(resolve => execFile('file', [file], resolve)); }
async function f(files) { return Promise.all(files.map(file => probe(file))); }
async function g(files) { return Promise.all(files.map(limitConcurrency(probe, 8))); }

${LIMITER}
`,
            },
          ],
        },
      ],
    },
    {
      // A literal that grows has no known length.
      code: `const urls = ['a'];
urls.push(next());
await Promise.all(urls.map(url => fetch(url)));`,
      filename: 'file.mjs',
      errors: [
        {
          messageId: 'unbounded',
          line: 3,
          suggestions: [
            {
              messageId: 'limitInline',
              output: `const urls = ['a'];
urls.push(next());
await Promise.all(urls.map(limitConcurrency(url => fetch(url), 8)));

${LIMITER}
`,
            },
          ],
        },
      ],
    },
    ...[500, 40].map(length => ({
      code: `async function f(urls) { return Promise.all(urls.slice(0, ${length}).map(url => fetch(url))); }`,
      filename: 'file.js',
      errors: [
        {
          messageId: 'unbounded' as const,
          suggestions: [
            {
              messageId: 'limitInline' as const,
              output: `async function f(urls) { return Promise.all(urls.slice(0, ${length}).map(limitConcurrency(url => fetch(url), 8))); }

${LIMITER}
`,
            },
          ],
        },
      ],
    })),
    {
      // A getter that may return anything is not known small.
      code: `class Registry {
  get urls() { return this.config.urls; }
  load() { return Promise.all(this.urls.map(url => fetch(url))); }
}`,
      filename: 'file.js',
      errors: [
        {
          messageId: 'unbounded',
          line: 3,
          suggestions: [
            {
              messageId: 'limitInline',
              output: `class Registry {
  get urls() { return this.config.urls; }
  load() { return Promise.all(this.urls.map(limitConcurrency(url => fetch(url), 8))); }
}

${LIMITER}
`,
            },
          ],
        },
      ],
    },

    // --- The project depends on p-limit: the message names it, the suggestion uses it ---
    {
      // From 6.2 on, limitFunction wraps the callback as the inline limiter does.
      code: `import { request } from 'undici';
export async function readAll(paths: string[]): Promise<string[]> {
  return Promise.all(paths.map(path => request(path)));
}`,
      filename: WITH_P_LIMIT_7,
      settings: LONG_RUNNING_SETTINGS,
      errors: [
        {
          messageId: 'unboundedPLimit',
          data: { what: 'network or file I/O', limit: '8' },
          suggestions: [
            {
              messageId: 'limitWithPLimit',
              data: { limit: '8' },
              output: `import { request } from 'undici';
import { limitFunction } from 'p-limit';
export async function readAll(paths: string[]): Promise<string[]> {
  return Promise.all(paths.map(limitFunction(path => request(path), { concurrency: 8 })));
}`,
            },
          ],
        },
      ],
    },
    {
      // Before 6.2: a limiter from pLimit for this run, declared just before the statement.
      code: `import pLimit from 'p-limit';
import { request } from 'undici';
export async function readAll(paths: string[]): Promise<string[]> {
  const texts = await Promise.all(paths.map(async (path, index) => {
    const text = await request(path);
    return text + index;
  }));
  return texts;
}`,
      filename: WITH_P_LIMIT,
      settings: LONG_RUNNING_SETTINGS,
      errors: [
        {
          messageId: 'unboundedPLimit',
          data: { what: 'network or file I/O', limit: '8' },
          line: 4,
          column: 35,
          endLine: 4,
          endColumn: 67,
          suggestions: [
            {
              messageId: 'limitWithPLimit',
              output: `import pLimit from 'p-limit';
import { request } from 'undici';
export async function readAll(paths: string[]): Promise<string[]> {
  const limit = pLimit(8);
  const texts = await Promise.all(paths.map((...args) => limit(async (path, index) => {
    const text = await request(path);
    return text + index;
  }, ...args)));
  return texts;
}`,
            },
          ],
        },
      ],
    },
    {
      // The import is added; a taken name gets another.
      code: 'async function f(urls, limit) { return Promise.all(urls.map(url => fetch(url, limit))); }',
      filename: WITH_P_LIMIT,
      settings: LONG_RUNNING_SETTINGS,
      errors: [
        {
          messageId: 'unboundedPLimit',
          suggestions: [
            {
              messageId: 'limitWithPLimit',
              output: `import pLimit from 'p-limit';
async function f(urls, limit) { const limit2 = pLimit(8); return Promise.all(urls.map((...args) => limit2(url => fetch(url, limit), ...args))); }`,
            },
          ],
        },
      ],
    },
    {
      // CommonJS with a p-limit that `require` loads (3 and older).
      code: `const undici = require('undici');
async function f(paths) { return Promise.allSettled(paths.map(p => undici.request(p))); }`,
      filename: WITH_P_LIMIT_3_CJS,
      settings: LONG_RUNNING_SETTINGS,
      errors: [
        {
          messageId: 'unboundedPLimit',
          suggestions: [
            {
              messageId: 'limitWithPLimit',
              output: `const undici = require('undici');
const pLimit = require('p-limit');
async function f(paths) { const limit = pLimit(8); return Promise.allSettled(paths.map((...args) => limit(p => undici.request(p), ...args))); }`,
            },
          ],
        },
      ],
    },
    {
      // The file's pLimit is hidden by a local of that name where the limiter is declared: a new
      // binding of its own, not a read of the local (in its temporal dead zone here; found by npm run fuzz).
      code: `const undici = require('undici');
const pLimit = require('p-limit');
async function f(paths) {
  const result = Promise.allSettled(paths.map(p => undici.request(p)));
  const pLimit = 1;
  return [result, pLimit];
}`,
      filename: WITH_P_LIMIT_3_CJS,
      settings: LONG_RUNNING_SETTINGS,
      errors: [
        {
          messageId: 'unboundedPLimit',
          suggestions: [
            {
              messageId: 'limitWithPLimit',
              output: `const undici = require('undici');
const pLimit = require('p-limit');
const pLimit2 = require('p-limit');
async function f(paths) {
  const limit = pLimit2(8);
  const result = Promise.allSettled(paths.map((...args) => limit(p => undici.request(p), ...args)));
  const pLimit = 1;
  return [result, pLimit];
}`,
            },
          ],
        },
      ],
    },
    {
      // CommonJS cannot load p-limit 7 (an ES module) everywhere: the inline limiter; and an
      // expression body has no statement to declare a limiter before.
      code: `const undici = require('undici');
const statAll = async paths => Promise.allSettled(paths.map(p => undici.request(p)));`,
      filename: WITH_P_LIMIT_7_CJS,
      settings: LONG_RUNNING_SETTINGS,
      errors: [
        {
          messageId: 'unboundedPLimit',
          suggestions: [
            {
              messageId: 'limitInline',
              output: `const undici = require('undici');
const statAll = async paths => Promise.allSettled(paths.map(limitConcurrency(p => undici.request(p), 8)));

${LIMITER}
`,
            },
          ],
        },
      ],
    },
  ],
});

const typedRuleTester = createTypedRuleTester();

typedRuleTester.run('no-unbounded-concurrency (with types)', rule, {
  valid: [
    // A tuple type known from the checker, not from an annotation here.
    `declare function corners(): [string, string, string, string];
     async function f() { return Promise.all(corners().map(url => fetch(url))); }`,
  ],
  invalid: [
    {
      code: `declare function everyUrl(): string[];
async function f() { return Promise.all(everyUrl().map(url => fetch(url))); }`,
      errors: [
        {
          messageId: 'unbounded',
          line: 2,
          suggestions: [
            {
              messageId: 'limitInline',
              output: `declare function everyUrl(): string[];
async function f() { return Promise.all(everyUrl().map(limitConcurrency(url => fetch(url), 8))); }

${TYPED_LIMITER}
`,
            },
          ],
        },
      ],
    },
  ],
});

describe('no-unbounded-concurrency suggestions', () => {
  const mapping = `async function downloadAll(urls) {
  return Promise.all(urls.map(async url => {
    const response = await fetch(url);
    return response.text();
  }));
}`;

  /** Runs a script's `downloadAll` over `count` URLs, with a fetch that takes a random time and counts how many run at once. */
  async function run(script: string, count: number, failAt?: number): Promise<{ result: unknown; mostAtOnce: number }> {
    let running = 0;
    let mostAtOnce = 0;
    const fetch = async (url: number): Promise<{ text(): Promise<string> }> => {
      running++;
      mostAtOnce = Math.max(mostAtOnce, running);
      await new Promise(resolve => setTimeout(resolve, Math.floor(Math.random() * 5)));
      running--;
      if (url === failAt) throw new Error(`failed ${url}`);
      return { text: async () => `page ${url}` };
    };
    const context = vm.createContext({ fetch, setTimeout, Promise });
    const downloadAll = vm.runInContext(`${script}\ndownloadAll;`, context) as (urls: number[]) => Promise<unknown>;
    const urls = Array.from({ length: count }, (_, index) => index);
    try {
      return { result: await downloadAll(urls), mostAtOnce };
    } catch (error) {
      return { result: `rejected: ${(error as Error).message}`, mostAtOnce };
    }
  }

  it('the inline limiter gives the same results in the same order, at most 8 at a time', async () => {
    const limited = applySuggestion('no-unbounded-concurrency', mapping, path.join(APP, 'file.cjs'));
    assert.match(limited, /limitConcurrency\(async url =>/);
    const before = await run(mapping, 50);
    const after = await run(limited, 50);
    assert.deepEqual(after.result, before.result);
    assert.deepEqual(after.result, Array.from({ length: 50 }, (_, index) => `page ${index}`));
    assert.equal(before.mostAtOnce, 50);
    assert.equal(after.mostAtOnce, 8);
  });

  it('the inline limiter rejects with the first failure, as Promise.all did', async () => {
    const limited = applySuggestion('no-unbounded-concurrency', mapping, path.join(APP, 'file.cjs'));
    const before = await run(mapping, 30, 17);
    const after = await run(limited, 30, 17);
    assert.equal(after.result, before.result);
    assert.equal(after.result, 'rejected: failed 17');
  });

  it('every suggestion parses: the limiter in JavaScript (module and script) and TypeScript, p-limit in both', () => {
    const cases = [
      { file: path.join(APP, 'file.js'), code: mapping },
      { file: path.join(APP, 'file.cjs'), code: mapping },
      { file: path.join(APP, 'file.ts'), code: 'export async function f(urls: string[]) { return Promise.all(urls.map(async url => fetch(url))); }' },
      { file: path.join(APP, 'file.tsx'), code: 'export async function f(urls: string[]) { return Promise.all(urls.map(async url => fetch(url))); }' },
      { file: WITH_P_LIMIT, code: 'export async function f(urls: string[]) { return Promise.all(urls.map(async url => fetch(url))); }' },
      { file: WITH_P_LIMIT_7, code: 'export async function f(urls: string[]) { return Promise.all(urls.map(async url => fetch(url))); }' },
      { file: WITH_P_LIMIT_3_CJS, code: mapping },
    ];
    for (const { file, code } of cases) {
      const output = applySuggestion('no-unbounded-concurrency', code, file);
      assert.notEqual(output, code);
      assert.deepEqual(syntaxErrors(output, file), [], `${path.relative(FIXTURES, file)}:\n${output}`);
    }
  });

  it('the typed limiter type-checks, and types the callback it wraps', () => {
    const code = `export async function lengths(urls: string[]): Promise<number[]> {
  return Promise.all(urls.map(async (url, index) => (await fetch(url)).status + url.length + index));
}`;
    const output = applySuggestion('no-unbounded-concurrency', code, path.join(APP, 'file.ts'));
    // The global fetch, as the DOM library declares it in short (that library alone takes seconds to load).
    const fetchType = 'declare function fetch(url: string): Promise<{ status: number }>;\n';
    assert.deepEqual(typeErrors(fetchType + output), []);
    assert.notDeepEqual(typeErrors(`${fetchType}${output}\nconst wrong: (url: number) => Promise<number> = limitConcurrency(async (url: string) => url.length, 8);`), []);
  });
});
