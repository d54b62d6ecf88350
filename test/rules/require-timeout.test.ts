import rule from '../../eslint-plugin/src/rules/require-timeout';
import { createRuleTester } from '../rule-tester';

/** What the message says of the wait: Node's fetch (undici) gives up after its default limits; http never. */
const UNDICI_WAIT =
  "with only undici's default limits (five minutes for the response headers, five more for each pause in the body), so a server that stops answering holds this code for minutes";
const ENDLESS_WAIT = 'with no time limit, so a server that never answers hangs this code forever';

const ruleTester = createRuleTester();

ruleTester.run('require-timeout', rule, {
  valid: [
    // A server on this machine, usually the program's own or its test's: not a remote peer that stalls.
    `const http = require('http'); const req = http.request({ host: 'localhost', port }); req.on('response', onResponse);`,
    "export async function health() { const response = await fetch('http://127.0.0.1:3000/health'); return response.ok; }",
    'export async function get(port) { const response = await fetch(`http://localhost:${port}/items`); return response.json(); }',
    // A constant holding a loopback URL is followed to its value.
    `import { get } from 'node:http'; const base = 'http://localhost'; export const health = () => get(base + '/health');`,
    `await fetch(url, { signal: AbortSignal.timeout(5000) });`,
    `await fetch(url, { method: 'POST', signal });`,
    `await fetch(url, { 'signal': controller.signal });`,
    // Options the code does not show: they may carry a signal.
    `await fetch(url, init);`,
    `await fetch(url, { ...defaults, method: 'POST' });`,
    `await fetch(new Request(url, { signal }));`,
    // A local or imported \`fetch\` is not the global one.
    `import fetch from 'node-fetch'; await fetch(url);`,
    `function fetch(u) { return u; } fetch(url);`,
    `async function f(fetch) { await fetch(url); }`,
    // A wrapper that hands its caller's options through.
    `const wrapped = (input, init) => { if (init == null) { return fetch(input); } return fetch(input, init); };`,
    // Raced against a timer.
    `await Promise.race([fetch(url), timeout(5000)]);`,
    // node:http with a timeout or signal, options out of sight, or a socket timeout set later.
    `import http from 'node:http'; http.get('http://x', { timeout: 5000 }, res => {});`,
    `import https from 'https'; https.request({ host, signal: AbortSignal.timeout(1000) });`,
    `import http from 'node:http'; http.get(options, res => {});`,
    `import http from 'node:http'; const req = http.get('http://x', res => {}); req.setTimeout(5000);`,
    `import http from 'node:http'; http.get('http://x').setTimeout(5000);`,
    // Nobody waits for the answer: written and forgotten.
    `import http from 'node:http'; const req = http.request({ host, port, method: 'POST' }); req.on('error', log); req.write(body); req.end();`,
    // A method of an unknown object that happens to be called \`get\`.
    `async function f(client) { await client.get(url); }`,
    `import { get } from './http-helpers'; await get(url);`,
    // axios with a timeout; an instance made by axios.create({ timeout }); or a default timeout.
    `import axios from 'axios'; await axios.get(url, { timeout: 5000 });`,
    `import axios from 'axios'; await axios.post(url, body, { signal });`,
    `import axios from 'axios'; await axios({ url, timeout: 1000 });`,
    `import axios from 'axios'; const api = axios.create({ baseURL, timeout: 5000 }); await api.get('/users');`,
    `import axios from 'axios'; axios.defaults.timeout = 5000; await axios.get(url);`,
    `const axios = require('axios'); await axios.get(url, config);`,
    // undici and got with their own options.
    `import { request } from 'undici'; await request(url, { headersTimeout: 5000, bodyTimeout: 5000 });`,
    `import { request } from 'undici'; await request(url, { signal: AbortSignal.timeout(5000) });`,
    `import got from 'got'; await got(url, { timeout: { request: 5000 } });`,
    `import got from 'got'; await got.post(url, { json: body, timeout: { request: 5000 } });`,
    `import got from 'got'; await got({ url, timeout: { request: 5000 } });`,
    // Allowed by configuration.
    { code: `await fetch(url);`, options: [{ allow: ['fetch'] }] },
    { code: `import { request } from 'undici'; await request(url);`, options: [{ allow: ['undici.request'] }] },
  ],
  invalid: [
    // Cases that import a library end with `export {}`: a module that imports and exports nothing is a
    // script, whose top-level requests are not reported (see require-timeout.real-code.test.ts).
    {
      // A local `AbortSignal` is not the global one the option would call: no suggestion.
      code: `async function f(url) {
  const AbortSignal = null;
  await fetch(url);
}`,
      errors: [{ messageId: 'missingTimeout', suggestions: [] }],
    },
    {
      // Reported up to the head of the response callback, not over its body.
      code: `import https from 'node:https';
https.get('https://example.com', res => {
  res.resume();
});
export {};`,
      errors: [
        {
          messageId: 'missingTimeout',
          line: 2,
          column: 1,
          endLine: 2,
          endColumn: 40,
          suggestions: [
            {
              messageId: 'addTimeout',
              data: { duration: '10 s' },
              output: `import https from 'node:https';
https.get('https://example.com', { signal: AbortSignal.timeout(10000) }, res => {
  res.resume();
});
export {};`,
            },
          ],
        },
      ],
    },
    {
      // The duration as a person writes it.
      code: 'await fetch(url);',
      options: [{ defaultTimeoutMs: 1500 }],
      errors: [{ messageId: 'missingTimeout', suggestions: [{ messageId: 'addTimeout', data: { duration: '1.5 s' }, output: 'await fetch(url, { signal: AbortSignal.timeout(1500) });' }] }],
    },
    {
      code: 'await fetch(url);',
      options: [{ defaultTimeoutMs: 500 }],
      errors: [{ messageId: 'missingTimeout', suggestions: [{ messageId: 'addTimeout', data: { duration: '500 ms' }, output: 'await fetch(url, { signal: AbortSignal.timeout(500) });' }] }],
    },
    {
      code: `await fetch(url);`,
      errors: [
        {
          messageId: 'missingTimeout',
          data: { call: 'fetch', wait: UNDICI_WAIT, bound: "'signal: AbortSignal.timeout(ms)'" },
          suggestions: [
            {
              messageId: 'addTimeout',
              data: { duration: '10 s' },
              output: `await fetch(url, { signal: AbortSignal.timeout(10000) });`,
            },
          ],
        },
      ],
    },
    {
      code: `const res = await fetch(url, { method: 'POST', body });`,
      errors: [
        {
          messageId: 'missingTimeout',
          suggestions: [
            {
              messageId: 'addTimeout',
              output: `const res = await fetch(url, { method: 'POST', body, signal: AbortSignal.timeout(10000) });`,
            },
          ],
        },
      ],
    },
    {
      code: `await globalThis.fetch(url, {});`,
      options: [{ defaultTimeoutMs: 3000 }],
      errors: [
        {
          messageId: 'missingTimeout',
          suggestions: [
            { messageId: 'addTimeout', data: { duration: '3 s' }, output: `await globalThis.fetch(url, { signal: AbortSignal.timeout(3000) });` },
          ],
        },
      ],
    },
    {
      // Another library's allow entry does not cover fetch.
      code: `async function load(url: string): Promise<Response> { return fetch(url); }`,
      options: [{ allow: ['axios'] }],
      errors: [
        {
          messageId: 'missingTimeout',
          suggestions: [
            {
              messageId: 'addTimeout',
              output: `async function load(url: string): Promise<Response> { return fetch(url, { signal: AbortSignal.timeout(10000) }); }`,
            },
          ],
        },
      ],
    },
    {
      code: `import https from 'node:https'; https.get('https://example.com', res => res.resume());
export {};`,
      errors: [
        {
          messageId: 'missingTimeout',
          data: { call: 'https.get', wait: ENDLESS_WAIT, bound: "'signal: AbortSignal.timeout(ms)'" },
          suggestions: [
            {
              messageId: 'addTimeout',
              output: `import https from 'node:https'; https.get('https://example.com', { signal: AbortSignal.timeout(10000) }, res => res.resume());
export {};`,
            },
          ],
        },
      ],
    },
    {
      code: `const http = require('http'); const req = http.request({ host: 'api.example.com', port }); req.on('response', onResponse);
export {};`,
      errors: [
        {
          messageId: 'missingTimeout',
          suggestions: [
            {
              messageId: 'addTimeout',
              output: `const http = require('http'); const req = http.request({ host: 'api.example.com', port, signal: AbortSignal.timeout(10000) }); req.on('response', onResponse);
export {};`,
            },
          ],
        },
      ],
    },
    {
      code: `import axios from 'axios'; await axios.get(url);
export {};`,
      errors: [
        {
          messageId: 'missingTimeout',
          data: { call: 'axios.get', wait: ENDLESS_WAIT, bound: "the 'timeout' option" },
          suggestions: [{ messageId: 'addTimeout', output: `import axios from 'axios'; await axios.get(url, { timeout: 10000 });
export {};` }],
        },
      ],
    },
    {
      code: `import axios from 'axios'; await axios.post(url);
export {};`,
      errors: [
        {
          messageId: 'missingTimeout',
          suggestions: [
            { messageId: 'addTimeout', output: `import axios from 'axios'; await axios.post(url, undefined, { timeout: 10000 });
export {};` },
          ],
        },
      ],
    },
    {
      code: `const axios = require('axios'); await axios.put(url, body, { headers });
export {};`,
      errors: [
        {
          messageId: 'missingTimeout',
          suggestions: [
            { messageId: 'addTimeout', output: `const axios = require('axios'); await axios.put(url, body, { headers, timeout: 10000 });
export {};` },
          ],
        },
      ],
    },
    {
      code: `import axios from 'axios'; await axios({ method: 'get', url });
export {};`,
      errors: [
        {
          messageId: 'missingTimeout',
          data: { call: 'axios', wait: ENDLESS_WAIT, bound: "the 'timeout' option" },
          suggestions: [
            { messageId: 'addTimeout', output: `import axios from 'axios'; await axios({ method: 'get', url, timeout: 10000 });
export {};` },
          ],
        },
      ],
    },
    {
      // The instance made without a timeout is reported where it is made, not at every call.
      code: `import axios from 'axios'; const api = axios.create(); await api.get('/users');
export {};`,
      errors: [
        {
          messageId: 'missingTimeout',
          data: { call: 'axios.create', wait: ENDLESS_WAIT, bound: "the 'timeout' option" },
          suggestions: [
            { messageId: 'addTimeout', output: `import axios from 'axios'; const api = axios.create({ timeout: 10000 }); await api.get('/users');
export {};` },
          ],
        },
      ],
    },
    {
      code: `import { request } from 'undici'; const { body } = await request(url);
export {};`,
      errors: [
        {
          messageId: 'missingTimeout',
          data: { call: 'undici.request', wait: UNDICI_WAIT, bound: "a 'signal' (AbortSignal.timeout(ms)) or 'headersTimeout'/'bodyTimeout'" },
          suggestions: [
            {
              messageId: 'addTimeout',
              output: `import { request } from 'undici'; const { body } = await request(url, { signal: AbortSignal.timeout(10000) });
export {};`,
            },
          ],
        },
      ],
    },
    {
      code: `import * as undici from 'undici'; await undici.fetch(url, { method: 'GET' });
export {};`,
      errors: [
        {
          messageId: 'missingTimeout',
          data: { call: 'undici.fetch', wait: UNDICI_WAIT, bound: "'signal: AbortSignal.timeout(ms)'" },
          suggestions: [
            {
              messageId: 'addTimeout',
              output: `import * as undici from 'undici'; await undici.fetch(url, { method: 'GET', signal: AbortSignal.timeout(10000) });
export {};`,
            },
          ],
        },
      ],
    },
    {
      code: `import got from 'got'; const data = await got(url).json();
export {};`,
      errors: [
        {
          messageId: 'missingTimeout',
          data: { call: 'got', wait: ENDLESS_WAIT, bound: "the 'timeout: { request: ms }' option" },
          suggestions: [
            {
              messageId: 'addTimeout',
              output: `import got from 'got'; const data = await got(url, { timeout: { request: 10000 } }).json();
export {};`,
            },
          ],
        },
      ],
    },
    {
      code: `import got from 'got'; await got.post(url, { json: body });
export {};`,
      errors: [
        {
          messageId: 'missingTimeout',
          data: { call: 'got.post', wait: ENDLESS_WAIT, bound: "the 'timeout: { request: ms }' option" },
          suggestions: [
            {
              messageId: 'addTimeout',
              output: `import got from 'got'; await got.post(url, { json: body, timeout: { request: 10000 } });
export {};`,
            },
          ],
        },
      ],
    },
  ],
});
