import * as path from 'node:path';

import rule from '../../eslint-plugin/src/rules/no-unbounded-concurrency';
import { createRuleTester, createTypedRuleTester, FIXTURES, LONG_RUNNING_SETTINGS } from '../rule-tester';

const ruleTester = createRuleTester();
const WITH_P_LIMIT = path.join(FIXTURES, 'with-p-limit', 'src', 'download.ts');

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
    // A literal that is later grown is not known small — but a literal never grown is.
    `const hosts = ['a', 'b'];
     console.log(hosts.length);
     await Promise.all(hosts.map(host => fetch(host)));`,
  ],
  invalid: [
    {
      code: 'async function f(urls) { return Promise.all(urls.map(fetch)); }',
      errors: [{ messageId: 'unbounded', data: { what: 'a request' } }],
    },
    {
      code: 'async function f(urls) { return Promise.all(urls.map(async url => (await fetch(url)).json())); }',
      errors: [{ messageId: 'unbounded', data: { what: 'network or file I/O' } }],
    },
    {
      code: `import axios from 'axios';
async function f(ids) { return Promise.all([...ids].map(id => axios.get('/users/' + id))); }`,
      errors: [{ messageId: 'unbounded' }],
    },
    {
      code: `import https from 'node:https';
async function f(set) { return Promise.all(Array.from(set, host => new Promise(resolve => https.get(host, resolve)))); }`,
      errors: [{ messageId: 'unbounded' }],
    },
    {
      // A database client made by an I/O module.
      code: `import { Pool } from 'pg';
const pool = new Pool();
async function f(ids) { return Promise.all(ids.map(id => pool.query('select $1', [id]))); }`,
      errors: [{ messageId: 'unbounded', line: 3 }],
    },
    {
      // One hop into a same-file function that does the I/O.
      code: `const { execFile } = require('child_process');
async function probe(file) { return new Promise(resolve => execFile('file', [file], resolve)); }
async function f(files) { return Promise.all(files.map(file => probe(file))); }
async function g(files) { return Promise.all(files.map(probe)); }`,
      errors: [{ messageId: 'unbounded', line: 3 }, { messageId: 'unbounded', line: 4 }],
    },
    {
      // A literal that grows has no known length.
      code: `const urls = ['a'];
urls.push(next());
await Promise.all(urls.map(url => fetch(url)));`,
      errors: [{ messageId: 'unbounded', line: 3 }],
    },
    {
      code: 'async function f(urls) { return Promise.all(urls.slice(0, 500).map(url => fetch(url))); }',
      errors: [{ messageId: 'unbounded' }],
    },
    {
      code: 'async function f(urls) { return Promise.all(urls.slice(0, 40).map(url => fetch(url))); }',
      errors: [{ messageId: 'unbounded' }],
    },
    {
      // A getter that may return anything is not known small.
      code: `class Registry {
  get urls() { return this.config.urls; }
  load() { return Promise.all(this.urls.map(url => fetch(url))); }
}`,
      errors: [{ messageId: 'unbounded', line: 3 }],
    },
    {
      // The project depends on p-limit: the message names it.
      code: 'async function f(urls) { return Promise.all(urls.map(url => fetch(url))); }',
      filename: WITH_P_LIMIT,
      settings: LONG_RUNNING_SETTINGS,
      errors: [{ messageId: 'unboundedPLimit', data: { what: 'network or file I/O' } }],
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
      errors: [{ messageId: 'unbounded', line: 2 }],
    },
  ],
});
