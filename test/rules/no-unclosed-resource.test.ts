import { Linter } from 'eslint';
import * as assert from 'node:assert/strict';
import * as path from 'node:path';

import type { InvalidTestCase } from '@typescript-eslint/rule-tester';

import type { Options } from '../../eslint-plugin/src/rules/no-unclosed-resource';
import rule from '../../eslint-plugin/src/rules/no-unclosed-resource';
import { FIXTURES, createRuleTester, createTypedRuleTester } from '../rule-tester';

/** A package for Node 24 and later, with a tsconfig for ESNext: `using` runs there as written. */
const NODE_24 = path.join(FIXTURES, 'runtime', 'node24');
const ruleTester = createRuleTester({ ts: path.join(NODE_24, 'file.ts'), tsx: path.join(NODE_24, 'react.tsx') });

// Cases follow real bug reports and documented patterns: Node's "closing file descriptor on garbage
// collection" warning, node-postgres pool exhaustion, MongoClient keeping the process alive,
// puppeteer/playwright browsers left running, readline hanging the process, undici connections held
// by unread fetch bodies, intervals never cleared.
type MessageId = 'unreleased' | 'unreadBody' | 'releasedOnlyOnSuccess' | 'releasedOnlyOnFulfilment';
type SuggestionOutputs = Partial<Record<'useAwaitUsing' | 'wrapInTryFinally', string>>;

/** One report at `line`, with the exact output of each suggestion (none when `suggestions` is empty). */
function reported(
  code: string,
  messageId: MessageId,
  line: number,
  suggestions: SuggestionOutputs = {},
  extra: Omit<InvalidTestCase<MessageId | keyof SuggestionOutputs, Options>, 'code' | 'errors'> = {},
): InvalidTestCase<MessageId | keyof SuggestionOutputs, Options> {
  const expected = Object.entries(suggestions).map(([id, output]) => ({ messageId: id as keyof SuggestionOutputs, output }));
  return { code, ...extra, errors: [{ messageId, line, suggestions: expected }] };
}

ruleTester.run('no-unclosed-resource', rule, {
  valid: [
    // Two bindings whose values come from each other (one read in its temporal dead zone): the
    // search for a derived resource stops instead of chasing itself until the stack overflows.
    `async function f(file) {
  const handle = await store.open(file);
  const store = await handle.read();
}`,
    // await using releases the handle when the block exits
    `import { open } from 'node:fs/promises';
async function firstLine(path) {
  await using file = await open(path);
  for await (const line of file.readLines()) return line;
}`,
    // released in finally (the Node docs pattern)
    `import { open } from 'node:fs/promises';
async function read(path) {
  const file = await open(path, 'r');
  try {
    return await file.readFile('utf8');
  } finally {
    await file.close();
  }
}`,
    // let declared outside try, optional close in finally
    `import * as fs from 'node:fs/promises';
async function append(path, text) {
  let handle;
  try {
    handle = await fs.open(path, 'a');
    await handle.appendFile(text);
  } finally {
    await handle?.close();
  }
  await notify(path);
}`,
    // guarded close in finally
    `const fsp = require('fs').promises;
async function size(path) {
  let fh;
  try {
    fh = await fsp.open(path);
    return (await fh.stat()).size;
  } finally {
    if (fh) await fh.close();
  }
}`,
    // returned to the caller, who owns it
    `import { open } from 'node:fs/promises';
async function openLog(path) {
  const handle = await open(path, 'a');
  await handle.write('started\\n');
  return handle;
}`,
    // stored on this
    `import pg from 'pg';
class Store {
  async start() {
    const client = new pg.Client(this.config);
    await client.connect();
    this.client = client;
  }
}`,
    // passed to another function (it escapes)
    `import { Pool } from 'pg';
export function createStore(config) {
  const pool = new Pool(config);
  return new Store(pool);
}`,
    // pool client released in finally (node-postgres docs)
    `import { Pool } from 'pg';
const pool = new Pool();
export async function transfer(from, to, amount) {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('UPDATE accounts SET balance = balance - $1 WHERE id = $2', [amount, from]);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}`,
    // module-level pool is a singleton
    `const mysql = require('mysql2/promise');
const pool = mysql.createPool({ host: 'localhost', database: 'app' });
module.exports.query = sql => pool.query(sql);`,
    // released in catch and on success
    `const { MongoClient } = require('mongodb');
async function ping(uri) {
  const client = new MongoClient(uri);
  try {
    await client.connect();
  } catch (error) {
    await client.close();
    throw error;
  }
  await client.close();
}`,
    // redis client handed to the caller through an object
    `import { createClient } from 'redis';
export async function connect(url) {
  const client = createClient({ url });
  client.on('error', error => console.error(error));
  await client.connect();
  return { client, url };
}`,
    // playwright browser closed in finally
    `import { chromium } from 'playwright';
export async function title(url) {
  const browser = await chromium.launch();
  try {
    const page = await browser.newPage();
    await page.goto(url);
    return await page.title();
  } finally {
    await browser.close();
  }
}`,
    // a listening server is meant to live
    `import http from 'node:http';
export function main(port) {
  const server = http.createServer((req, res) => res.end('ok'));
  server.listen(port);
}`,
    // server closed in a callback registered on it
    `const net = require('net');
function probe(port, done) {
  const server = net.createServer();
  server.once('listening', () => server.close(() => done(true)));
  server.once('error', () => done(false));
  server.listen(port);
}`,
    // interval cleared by its own callback (polling)
    `export function waitFor(check) {
  return new Promise(resolve => {
    const timer = setInterval(() => {
      if (check()) {
        clearInterval(timer);
        resolve();
      }
    }, 100);
  });
}`,
    // unref: a background timer on purpose
    `export function startHeartbeat(send) {
  const timer = setInterval(send, 30_000);
  timer.unref();
}`,
    // setTimeout is not an interval
    `async function f() {
  const timer = setTimeout(() => {}, 1000);
  await work();
}`,
    // fetch body read
    `async function getJson(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(\`\${url}: \${response.status}\`);
  return response.json();
}`,
    // fetch body cancelled
    `async function exists(url) {
  const response = await fetch(url, { method: 'GET' });
  await response.body?.cancel();
  return response.ok;
}`,
    // fetch body streamed to a file
    `import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { createWriteStream } from 'node:fs';
async function download(url, path) {
  const response = await fetch(url);
  await pipeline(Readable.fromWeb(response.body), createWriteStream(path));
}`,
    // a local function named open is not fs open
    `async function open(path) { return { path }; }
async function f() {
  const handle = await open('x');
  return handle.path.length;
}`,
    // an unknown receiver is never guessed
    `async function f(db) {
  const conn = await db.connect();
  await conn.query('SELECT 1');
}`,
    // readline iterated to the end closes itself
    `import { createInterface } from 'node:readline';
import { createReadStream } from 'node:fs';
async function count(path) {
  const lines = createInterface({ input: createReadStream(path) });
  let n = 0;
  for await (const line of lines) n += line.length > 0 ? 1 : 0;
  return n;
}`,
    // file descriptor closed in finally
    `const fs = require('fs');
function head(path) {
  const fd = fs.openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(64);
    fs.readSync(fd, buffer, 0, 64, 0);
    return buffer;
  } finally {
    fs.closeSync(fd);
  }
}`,
    // worker managed through its events
    `import { Worker } from 'node:worker_threads';
export function run(file, data) {
  return new Promise((resolve, reject) => {
    const worker = new Worker(file, { workerData: data });
    worker.once('message', resolve);
    worker.once('error', reject);
  });
}`,
    // file handle streamed (createReadStream closes it)
    `import { open } from 'node:fs/promises';
export async function stream(path, res) {
  const handle = await open(path);
  handle.createReadStream().pipe(res);
}`,
    // a user resource released
    { code: `import { createPool } from 'generic-pool';
async function f(factory) {
  const pool = createPool(factory);
  try { await pool.use(work); } finally { await pool.drain(); }
}`, options: [{"resources":[{"module":"generic-pool","name":"createPool","release":["drain","clear"]}]}] },
    // top-level script resources are singletons
    `import { MongoClient } from 'mongodb';
const client = new MongoClient(process.env.URI);
await client.connect();`,
    // checkThrowPaths: false accepts a success-path release
    { code: `import { open } from 'node:fs/promises';
async function f(path) {
  const fh = await open(path);
  await fh.write('x');
  await fh.close();
}`, options: [{"checkThrowPaths":false}] },
    // a logging call before the try/finally does not count as a throw (mongodb-memory-server)
    `const { MongoClient } = require('mongodb');
async function initiate(uri, log) {
  const con = await MongoClient.connect(uri, { directConnection: true });
  log('connected');
  try {
    await con.db('admin').command({ replSetInitiate: {} });
  } finally {
    await con.close();
  }
}`,
    // released in a promise callback registered right away
    `import puppeteer from 'puppeteer';
export function render(html) {
  return puppeteer.launch().then(browser => {
    return browser.newPage().then(page => page.setContent(html)).finally(() => browser.close());
  });
}`,
    // released in .finally(): runs on rejection too
    `const net = require('net');
function probe(waitPort) {
  const server = net.createServer();
  server.listen(9021, '127.0.0.1');
  return waitPort({ port: 9021 }).finally(() => server.close());
}`,
  ],
  invalid: [
    // FileHandle never closed: Node warns "Closing file descriptor N on garbage collection"
    // A name the wrapped statements declare is read by a closure declared before them (an arrow, or a
    // function declaration called after): moved into the `try`, it would be out of the closure's
    // reach. Only `await using`, which moves nothing, is offered.
    ...['const g = () => text;', 'function g() { return text; }'].map(reader =>
      reported(
        `import { open } from 'node:fs/promises';
async function f(p) {
  ${reader}
  const fh = await open(p);
  const text = await fh.readFile('utf8');
  await fh.close();
  return g();
}`,
        'releasedOnlyOnSuccess',
        4,
        {
          useAwaitUsing: `import { open } from 'node:fs/promises';
async function f(p) {
  ${reader}
  await using fh = await open(p);
  const text = await fh.readFile('utf8');
  return await g();
}`,
        },
      ),
    ),
    // A local `clearInterval` is not the release a `finally` would call: only `using` is offered.
    reported(
      `export async function f(tick, work) {
  const clearInterval = () => {};
  const id = setInterval(tick, 100);
  await work();
  return [id.hasRef(), clearInterval];
}`,
      'unreleased',
      3,
      {
        useAwaitUsing: `export async function f(tick, work) {
  const clearInterval = () => {};
  using id = setInterval(tick, 100);
  await work();
  return [id.hasRef(), clearInterval];
}`,
      },
    ),
    // A file with CRLF line ends gets CRLF line ends in the lines a suggestion writes or removes.
    reported(
      "import { open } from 'node:fs/promises';\r\nasync function f(p) {\r\n  const fh = await open(p);\r\n  const text = await fh.readFile('utf8');\r\n  await fh.close();\r\n  return text;\r\n}\r\n",
      'releasedOnlyOnSuccess',
      3,
      {
        useAwaitUsing:
          "import { open } from 'node:fs/promises';\r\nasync function f(p) {\r\n  await using fh = await open(p);\r\n  const text = await fh.readFile('utf8');\r\n  return text;\r\n}\r\n",
        wrapInTryFinally:
          "import { open } from 'node:fs/promises';\r\nasync function f(p) {\r\n  const fh = await open(p);\r\n  try {\r\n    const text = await fh.readFile('utf8');\r\n    return text;\r\n  } finally {\r\n    await fh.close();\r\n  }\r\n}\r\n",
      },
    ),
    reported(
      `import { open } from 'node:fs/promises';
async function firstLine(path) {
  const file = await open(path);
  const { buffer } = await file.read(Buffer.alloc(80), 0, 80, 0);
  return buffer.toString();
}`,
      'unreleased',
      3,
      {
        useAwaitUsing: `import { open } from 'node:fs/promises';
async function firstLine(path) {
  await using file = await open(path);
  const { buffer } = await file.read(Buffer.alloc(80), 0, 80, 0);
  return buffer.toString();
}`,
        wrapInTryFinally: `import { open } from 'node:fs/promises';
async function firstLine(path) {
  const file = await open(path);
  try {
    const { buffer } = await file.read(Buffer.alloc(80), 0, 80, 0);
    return buffer.toString();
  } finally {
    await file.close();
  }
}`,
      },
    ),
    // fs.promises.open via require, closed only on success
    reported(
      `const fs = require('fs');
async function write(path, data) {
  const handle = await fs.promises.open(path, 'w');
  await handle.writeFile(data);
  await handle.close();
}`,
      'releasedOnlyOnSuccess',
      3,
      {
        useAwaitUsing: `const fs = require('fs');
async function write(path, data) {
  await using handle = await fs.promises.open(path, 'w');
  await handle.writeFile(data);
}`,
        wrapInTryFinally: `const fs = require('fs');
async function write(path, data) {
  const handle = await fs.promises.open(path, 'w');
  try {
    await handle.writeFile(data);
  } finally {
    await handle.close();
  }
}`,
      },
    ),
    // pg client: the query can throw before end() (classic connection leak)
    reported(
      `const { Client } = require('pg');
async function getUser(id) {
  const client = new Client();
  await client.connect();
  const result = await client.query('SELECT * FROM users WHERE id = $1', [id]);
  await client.end();
  return result.rows[0];
}`,
      'releasedOnlyOnSuccess',
      3,
      {
        wrapInTryFinally: `const { Client } = require('pg');
async function getUser(id) {
  const client = new Client();
  try {
    await client.connect();
    const result = await client.query('SELECT * FROM users WHERE id = $1', [id]);
    return result.rows[0];
  } finally {
    await client.end();
  }
}`,
      },
    ),
    // pg pool client never released (pool exhaustion)
    reported(
      `import pg from 'pg';
const pool = new pg.Pool();
export async function count() {
  const client = await pool.connect();
  const { rows } = await client.query('SELECT count(*) FROM jobs');
  return rows[0].count;
}`,
      'unreleased',
      4,
      {
        wrapInTryFinally: `import pg from 'pg';
const pool = new pg.Pool();
export async function count() {
  const client = await pool.connect();
  try {
    const { rows } = await client.query('SELECT count(*) FROM jobs');
    return rows[0].count;
  } finally {
    client.release();
  }
}`,
      },
    ),
    // pg pool created per call and never ended
    reported(
      `import { Pool } from 'pg';
export async function handler(event) {
  const pool = new Pool({ connectionString: process.env.DATABASE_URL });
  const { rows } = await pool.query('SELECT now()');
  return rows[0];
}`,
      'unreleased',
      3,
      {
        wrapInTryFinally: `import { Pool } from 'pg';
export async function handler(event) {
  const pool = new Pool({ connectionString: process.env.DATABASE_URL });
  try {
    const { rows } = await pool.query('SELECT now()');
    return rows[0];
  } finally {
    await pool.end();
  }
}`,
      },
    ),
    // mysql2/promise connection released only on success
    reported(
      `import mysql from 'mysql2/promise';
export async function users() {
  const connection = await mysql.createConnection({ host: 'localhost', user: 'root', database: 'test' });
  const [rows] = await connection.execute('SELECT * FROM users');
  await connection.end();
  return rows;
}`,
      'releasedOnlyOnSuccess',
      3,
      {
        wrapInTryFinally: `import mysql from 'mysql2/promise';
export async function users() {
  const connection = await mysql.createConnection({ host: 'localhost', user: 'root', database: 'test' });
  try {
    const [rows] = await connection.execute('SELECT * FROM users');
    return rows;
  } finally {
    await connection.end();
  }
}`,
      },
    ),
    // mysql2 pool connection never released
    reported(
      `const mysql = require('mysql2/promise');
const pool = mysql.createPool({ database: 'app' });
async function find(id) {
  const conn = await pool.getConnection();
  const [rows] = await conn.query('SELECT * FROM t WHERE id = ?', [id]);
  return rows;
}`,
      'unreleased',
      4,
      {
        wrapInTryFinally: `const mysql = require('mysql2/promise');
const pool = mysql.createPool({ database: 'app' });
async function find(id) {
  const conn = await pool.getConnection();
  try {
    const [rows] = await conn.query('SELECT * FROM t WHERE id = ?', [id]);
    return rows;
  } finally {
    conn.release();
  }
}`,
      },
    ),
    // MongoClient never closed (process does not exit)
    reported(
      `const { MongoClient } = require('mongodb');
async function listDatabases(uri) {
  const client = await MongoClient.connect(uri);
  const result = await client.db().admin().listDatabases();
  console.log(result.databases);
}`,
      'unreleased',
      3,
      {
        useAwaitUsing: `const { MongoClient } = require('mongodb');
async function listDatabases(uri) {
  await using client = await MongoClient.connect(uri);
  const result = await client.db().admin().listDatabases();
  console.log(result.databases);
}`,
        wrapInTryFinally: `const { MongoClient } = require('mongodb');
async function listDatabases(uri) {
  const client = await MongoClient.connect(uri);
  try {
    const result = await client.db().admin().listDatabases();
    console.log(result.databases);
  } finally {
    await client.close();
  }
}`,
      },
    ),
    // redis client never quit
    reported(
      `import { createClient } from 'redis';
export async function cached(key) {
  const client = await createClient().on('error', err => console.error(err)).connect();
  return client.get(key);
}`,
      'unreleased',
      3,
      {
        wrapInTryFinally: `import { createClient } from 'redis';
export async function cached(key) {
  const client = await createClient().on('error', err => console.error(err)).connect();
  try {
    return await client.get(key);
  } finally {
    await client.quit();
  }
}`,
      },
    ),
    // ioredis never disconnected
    reported(
      `import Redis from 'ioredis';
export async function publish(channel, message) {
  const redis = new Redis();
  await redis.publish(channel, message);
}`,
      'unreleased',
      3,
      {
        wrapInTryFinally: `import Redis from 'ioredis';
export async function publish(channel, message) {
  const redis = new Redis();
  try {
    await redis.publish(channel, message);
  } finally {
    await redis.quit();
  }
}`,
      },
    ),
    // puppeteer browser left running when goto throws
    reported(
      `import puppeteer from 'puppeteer';
export async function screenshot(url, path) {
  const browser = await puppeteer.launch();
  const page = await browser.newPage();
  await page.goto(url);
  await page.screenshot({ path });
  await browser.close();
}`,
      'releasedOnlyOnSuccess',
      3,
      {
        useAwaitUsing: `import puppeteer from 'puppeteer';
export async function screenshot(url, path) {
  await using browser = await puppeteer.launch();
  const page = await browser.newPage();
  await page.goto(url);
  await page.screenshot({ path });
}`,
        wrapInTryFinally: `import puppeteer from 'puppeteer';
export async function screenshot(url, path) {
  const browser = await puppeteer.launch();
  try {
    const page = await browser.newPage();
    await page.goto(url);
    await page.screenshot({ path });
  } finally {
    await browser.close();
  }
}`,
      },
    ),
    // playwright browser never closed
    reported(
      `const { chromium } = require('playwright');
async function title(url) {
  const browser = await chromium.launch({ headless: true });
  const page = await browser.newPage();
  await page.goto(url);
  return page.title();
}`,
      'unreleased',
      3,
      {
        wrapInTryFinally: `const { chromium } = require('playwright');
async function title(url) {
  const browser = await chromium.launch({ headless: true });
  try {
    const page = await browser.newPage();
    await page.goto(url);
    return await page.title();
  } finally {
    await browser.close();
  }
}`,
      },
    ),
    // test server closed only if the request succeeds
    reported(
      `import { createServer } from 'node:http';
import { once } from 'node:events';
export async function check(handler) {
  const server = createServer(handler);
  server.listen(0);
  await once(server, 'listening');
  const body = await (await fetch(\`http://localhost:\${server.address().port}\`)).text();
  server.close();
  return body;
}`,
      'releasedOnlyOnSuccess',
      4,
      {
        useAwaitUsing: `import { createServer } from 'node:http';
import { once } from 'node:events';
export async function check(handler) {
  await using server = createServer(handler);
  server.listen(0);
  await once(server, 'listening');
  const body = await (await fetch(\`http://localhost:\${server.address().port}\`)).text();
  return body;
}`,
        wrapInTryFinally: `import { createServer } from 'node:http';
import { once } from 'node:events';
export async function check(handler) {
  const server = createServer(handler);
  try {
    server.listen(0);
    await once(server, 'listening');
    const body = await (await fetch(\`http://localhost:\${server.address().port}\`)).text();
    return body;
  } finally {
    server.close();
  }
}`,
      },
    ),
    // interval never cleared
    reported(
      `export async function progress(task) {
  const timer = setInterval(() => process.stdout.write('.'), 500);
  await task();
}`,
      'unreleased',
      2,
      {
        useAwaitUsing: `export async function progress(task) {
  using timer = setInterval(() => process.stdout.write('.'), 500);
  await task();
}`,
      },
    ),
    // interval cleared after an await that can throw
    reported(
      `export async function progress(task) {
  const timer = setInterval(() => process.stdout.write('.'), 500);
  await task();
  clearInterval(timer);
}`,
      'releasedOnlyOnSuccess',
      2,
      {
        useAwaitUsing: `export async function progress(task) {
  using timer = setInterval(() => process.stdout.write('.'), 500);
  await task();
}`,
        wrapInTryFinally: `export async function progress(task) {
  const timer = setInterval(() => process.stdout.write('.'), 500);
  try {
    await task();
  } finally {
    clearInterval(timer);
  }
}`,
      },
    ),
    // fetch response whose body is never read (undici keeps the connection)
    reported(
      `export async function isUp(url) {
  const response = await fetch(url);
  return response.status === 200;
}`,
      'unreadBody',
      2,
    ),
    // readline interface never closed: the process hangs
    reported(
      `import * as readline from 'node:readline/promises';
import { stdin as input, stdout as output } from 'node:process';
export async function ask(question) {
  const rl = readline.createInterface({ input, output });
  const answer = await rl.question(question);
  return answer.trim();
}`,
      'unreleased',
      4,
      {
        wrapInTryFinally: `import * as readline from 'node:readline/promises';
import { stdin as input, stdout as output } from 'node:process';
export async function ask(question) {
  const rl = readline.createInterface({ input, output });
  try {
    const answer = await rl.question(question);
    return answer.trim();
  } finally {
    rl.close();
  }
}`,
      },
    ),
    // fs.openSync descriptor never closed
    reported(
      `const fs = require('fs');
function magic(path) {
  const fd = fs.openSync(path, 'r');
  const buffer = Buffer.alloc(4);
  fs.readSync(fd, buffer, 0, 4, 0);
  return buffer.toString('hex');
}`,
      'unreleased',
      3,
      {
        wrapInTryFinally: `const fs = require('fs');
function magic(path) {
  const fd = fs.openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(4);
    fs.readSync(fd, buffer, 0, 4, 0);
    return buffer.toString('hex');
  } finally {
    fs.closeSync(fd);
  }
}`,
      },
    ),
    // socket never ended
    reported(
      `import net from 'node:net';
export function send(port, text) {
  const socket = net.connect(port);
  socket.write(text);
}`,
      'unreleased',
      3,
      {
        wrapInTryFinally: `import net from 'node:net';
export function send(port, text) {
  const socket = net.connect(port);
  try {
    socket.write(text);
  } finally {
    socket.destroy();
  }
}`,
      },
    ),
    // worker terminated only on success
    reported(
      `import { Worker } from 'node:worker_threads';
export async function compute(file) {
  const worker = new Worker(file);
  worker.postMessage('start');
  const result = await nextResult();
  await worker.terminate();
  return result;
}`,
      'releasedOnlyOnSuccess',
      3,
      {
        wrapInTryFinally: `import { Worker } from 'node:worker_threads';
export async function compute(file) {
  const worker = new Worker(file);
  try {
    worker.postMessage('start');
    const result = await nextResult();
    return result;
  } finally {
    await worker.terminate();
  }
}`,
      },
    ),
    // swallowing catch: the handle leaks when write fails
    reported(
      `import { open } from 'node:fs/promises';
async function save(path, text) {
  try {
    const fh = await open(path, 'w');
    await fh.writeFile(text);
    await fh.close();
  } catch (error) {
    console.error(error);
  }
}`,
      'releasedOnlyOnSuccess',
      4,
      {
        useAwaitUsing: `import { open } from 'node:fs/promises';
async function save(path, text) {
  try {
    await using fh = await open(path, 'w');
    await fh.writeFile(text);
  } catch (error) {
    console.error(error);
  }
}`,
        wrapInTryFinally: `import { open } from 'node:fs/promises';
async function save(path, text) {
  try {
    const fh = await open(path, 'w');
    try {
      await fh.writeFile(text);
    } finally {
      await fh.close();
    }
  } catch (error) {
    console.error(error);
  }
}`,
      },
    ),
    // early throw between acquire and release
    reported(
      `import { open } from 'node:fs/promises';
async function check(path) {
  const fh = await open(path);
  const { size } = await fh.stat();
  if (size === 0) throw new Error('empty');
  await fh.close();
}`,
      'releasedOnlyOnSuccess',
      3,
      {
        useAwaitUsing: `import { open } from 'node:fs/promises';
async function check(path) {
  await using fh = await open(path);
  const { size } = await fh.stat();
  if (size === 0) throw new Error('empty');
}`,
        wrapInTryFinally: `import { open } from 'node:fs/promises';
async function check(path) {
  const fh = await open(path);
  try {
    const { size } = await fh.stat();
    if (size === 0) throw new Error('empty');
  } finally {
    await fh.close();
  }
}`,
      },
    ),
    // a user resource never released
    reported(
      `import { createPool } from 'generic-pool';
async function f(factory) {
  const pool = createPool(factory);
  await pool.use(work);
}`,
      'unreleased',
      3,
      {
        wrapInTryFinally: `import { createPool } from 'generic-pool';
async function f(factory) {
  const pool = createPool(factory);
  try {
    await pool.use(work);
  } finally {
    await pool.drain();
  }
}`,
      },
      { options: [{"resources":[{"module":"generic-pool","name":"createPool","release":"drain"}]}] },
    ),
    // TypeScript file: await using is offered
    reported(
      `import { open } from 'node:fs/promises';
export async function read(path: string): Promise<string> {
  const handle = await open(path);
  return handle.readFile('utf8');
}`,
      'unreleased',
      3,
      {
        useAwaitUsing: `import { open } from 'node:fs/promises';
export async function read(path: string): Promise<string> {
  await using handle = await open(path);
  return await handle.readFile('utf8');
}`,
        wrapInTryFinally: `import { open } from 'node:fs/promises';
export async function read(path: string): Promise<string> {
  const handle = await open(path);
  try {
    return await handle.readFile('utf8');
  } finally {
    await handle.close();
  }
}`,
      },
      { filename: path.join(NODE_24, 'file.ts') },
    ),
    // ES2022: no await using suggestion
    reported(
      `import { open } from 'node:fs/promises';
async function read(path) {
  const handle = await open(path);
  return handle.readFile('utf8');
}`,
      'unreleased',
      3,
      {
        wrapInTryFinally: `import { open } from 'node:fs/promises';
async function read(path) {
  const handle = await open(path);
  try {
    return await handle.readFile('utf8');
  } finally {
    await handle.close();
  }
}`,
      },
      { filename: path.join(NODE_24, 'file.js'), languageOptions: { parserOptions: { ecmaVersion: 2022 } } },
    ),
    // browser closed in a .then callback registered after awaits that can throw (html-pdf-node)
    reported(
      `const puppeteer = require('puppeteer');
async function generatePdf(file, options) {
  const browser = await puppeteer.launch({ args: ['--no-sandbox'] });
  const page = await browser.newPage();
  await page.goto(file.url, { waitUntil: 'networkidle0' });
  return page.pdf(options).then(async data => {
    await browser.close();
    return data;
  });
}`,
      'releasedOnlyOnSuccess',
      3,
    ),
    // server closed in .then(): a rejection skips it (wait-port tests)
    reported(
      `const net = require('net');
function probe(waitPort) {
  const server = net.createServer();
  server.listen(9021, '127.0.0.1');
  return waitPort({ host: '127.0.0.1', port: 9021 })
    .then(({ open }) => {
      server.close();
      return open;
    });
}`,
      'releasedOnlyOnFulfilment',
      3,
    ),
    // sync function: using for an interval
    reported(
      `function poll(fn) {
  const timer = setInterval(fn, 10);
  fn();
}`,
      'unreleased',
      2,
      {
        useAwaitUsing: `function poll(fn) {
  using timer = setInterval(fn, 10);
  fn();
}`,
      },
    ),
  ],
});

/** The same resource left open, in packages whose runtime has `await using` or not. */
const OPEN_AND_READ = `import { open } from 'node:fs/promises';
export async function read(path) {
  const handle = await open(path);
  return handle.readFile('utf8');
}`;
const WITH_AWAIT_USING = `import { open } from 'node:fs/promises';
export async function read(path) {
  await using handle = await open(path);
  return await handle.readFile('utf8');
}`;
const WITH_TRY_FINALLY = `import { open } from 'node:fs/promises';
export async function read(path) {
  const handle = await open(path);
  try {
    return await handle.readFile('utf8');
  } finally {
    await handle.close();
  }
}`;
const typed = (code: string): string => code.replace('read(path)', 'read(path: string)');
const inFixture = (folder: string, file: string): string => path.join(FIXTURES, 'runtime', folder, file);

ruleTester.run('no-unclosed-resource: `await using` only where the runtime has it', rule, {
  valid: [],
  invalid: [
    // JavaScript runs as written: engines.node admits only Node 24 and later.
    reported(OPEN_AND_READ, 'unreleased', 3, { useAwaitUsing: WITH_AWAIT_USING, wrapInTryFinally: WITH_TRY_FINALLY }, {
      filename: inFixture('node24', 'read.js'),
    }),
    // Node 20 and 22 throw a SyntaxError on `await using`: try/finally only.
    reported(OPEN_AND_READ, 'unreleased', 3, { wrapInTryFinally: WITH_TRY_FINALLY }, { filename: inFixture('node20', 'read.js') }),
    // No engines: the runtime is unknown.
    reported(OPEN_AND_READ, 'unreleased', 3, { wrapInTryFinally: WITH_TRY_FINALLY }, { filename: inFixture('no-engines', 'read.js') }),
    // TypeScript with target ESNext emits `await using` as written: Node 24 needed.
    reported(typed(OPEN_AND_READ), 'unreleased', 3, { useAwaitUsing: typed(WITH_AWAIT_USING), wrapInTryFinally: typed(WITH_TRY_FINALLY) }, {
      filename: inFixture('node24', 'read.ts'),
    }),
    reported(typed(OPEN_AND_READ), 'unreleased', 3, { wrapInTryFinally: typed(WITH_TRY_FINALLY) }, { filename: inFixture('node20', 'read.ts') }),
    // ES2022 target: TypeScript rewrites it for Node 20, the lib declares the dispose symbols.
    reported(typed(OPEN_AND_READ), 'unreleased', 3, { useAwaitUsing: typed(WITH_AWAIT_USING), wrapInTryFinally: typed(WITH_TRY_FINALLY) }, {
      filename: inFixture('node20-downlevel', 'read.ts'),
    }),
    // A lib without the dispose symbols: TypeScript rejects `await using`.
    reported(typed(OPEN_AND_READ), 'unreleased', 3, { wrapInTryFinally: typed(WITH_TRY_FINALLY) }, { filename: inFixture('no-engines', 'read.ts') }),
  ],
});

const typedRuleTester = createTypedRuleTester();
// A file of the fixture project (its tsconfig: disposables in lib). TypeScript 6 loads no @types by
// default, so cases that use Node's types reference them.
const TYPED_CASE = 'no-unclosed-resource/case.ts';

typedRuleTester.run('no-unclosed-resource (type information)', rule, {
  valid: [
    // A disposable class declared with `await using`.
    { filename: TYPED_CASE, code: `class Lease { async [Symbol.asyncDispose]() {} close() {} }
async function take(): Promise<Lease> { return new Lease(); }
export async function f() {
  await using lease = await take();
}` },
    // A disposable that is returned.
    { filename: TYPED_CASE, code: `class Lease { [Symbol.dispose]() {} }
export function f() {
  const lease = new Lease();
  return lease;
}` },
    // Emitters (streams) end through their events: not tracked from their type.
    { filename: TYPED_CASE, code: `/// <reference types="node" />
import { createReadStream } from 'node:fs';
export function f(path: string) {
  const stream = createReadStream(path);
  stream.resume();
}` },
    // setTimeout returns a disposable Timeout, but a one-shot timer is not held.
    { filename: TYPED_CASE, code: `/// <reference types="node" />
export function f() {
  const timer = setTimeout(() => {}, 10);
  timer.refresh();
}` },
  ],
  invalid: [
    // A FileHandle obtained through a helper: only the type says what it is.
    {
      filename: TYPED_CASE,
      code: `/// <reference types="node" />
import { open, type FileHandle } from 'node:fs/promises';
function openLog(path: string): Promise<FileHandle> { return open(path, 'a'); }
export async function log(path: string, line: string) {
  const handle = await openLog(path);
  await handle.appendFile(line);
}`,
      errors: [
        {
          messageId: 'unreleased',
          line: 5,
          suggestions: [
            {
              messageId: 'useAwaitUsing',
              output: `/// <reference types="node" />
import { open, type FileHandle } from 'node:fs/promises';
function openLog(path: string): Promise<FileHandle> { return open(path, 'a'); }
export async function log(path: string, line: string) {
  await using handle = await openLog(path);
  await handle.appendFile(line);
}`,
            },
            {
              messageId: 'wrapInTryFinally',
              output: `/// <reference types="node" />
import { open, type FileHandle } from 'node:fs/promises';
function openLog(path: string): Promise<FileHandle> { return open(path, 'a'); }
export async function log(path: string, line: string) {
  const handle = await openLog(path);
  try {
    await handle.appendFile(line);
  } finally {
    await handle.close();
  }
}`,
            },
          ],
        },
      ],
    },
    // Any class with Symbol.asyncDispose and a close() method.
    {
      filename: TYPED_CASE,
      code: `class Session { async [Symbol.asyncDispose]() {} async close() {} async run(q: string) { return q; } }
async function connect(): Promise<Session> { return new Session(); }
export async function query(q: string) {
  const session = await connect();
  const result = await session.run(q);
  await session.close();
  return result;
}`,
      errors: [
        {
          messageId: 'releasedOnlyOnSuccess',
          line: 4,
          suggestions: [
            {
              messageId: 'useAwaitUsing',
              output: `class Session { async [Symbol.asyncDispose]() {} async close() {} async run(q: string) { return q; } }
async function connect(): Promise<Session> { return new Session(); }
export async function query(q: string) {
  await using session = await connect();
  const result = await session.run(q);
  return result;
}`,
            },
            {
              messageId: 'wrapInTryFinally',
              output: `class Session { async [Symbol.asyncDispose]() {} async close() {} async run(q: string) { return q; } }
async function connect(): Promise<Session> { return new Session(); }
export async function query(q: string) {
  const session = await connect();
  try {
    const result = await session.run(q);
    return result;
  } finally {
    await session.close();
  }
}`,
            },
          ],
        },
      ],
    },
  ],
});

describe('no-unclosed-resource options', () => {
  function configError(options: unknown): string | undefined {
    const linter = new Linter();
    try {
      linter.verify('x', {
        plugins: { p: { rules: { r: rule as unknown as Linter.RuleEntry & object } } } as never,
        rules: { 'p/r': ['error', options] } as never,
      });
      return undefined;
    } catch (error) {
      return (error as Error).message;
    }
  }

  it('accepts a resource with one release method or several', () => {
    assert.equal(configError({ resources: [{ module: 'generic-pool', name: 'createPool', release: 'drain' }] }), undefined);
    assert.equal(configError({ resources: [{ name: 'openDb', release: ['close', 'end'] }], checkThrowPaths: false }), undefined);
  });

  it('rejects unknown options, a resource without release and an empty release list', () => {
    assert.match(configError({ resource: [] }) ?? '', /should NOT have additional properties|must NOT have additional properties/);
    assert.match(configError({ resources: [{ module: 'x', name: 'y' }] }) ?? '', /required property 'release'/);
    assert.match(configError({ resources: [{ name: 'y', release: [] }] }) ?? '', /should NOT have fewer than 1 items|must NOT have fewer than 1 items/);
    assert.match(configError({ checkThrowPaths: 'yes' }) ?? '', /should be boolean|must be boolean/);
  });
});
