import rule from '../../eslint-plugin/src/rules/no-blocking-in-async';
import { createRuleTester } from '../rule-tester';

const ruleTester = createRuleTester();

ruleTester.run('no-blocking-in-async', rule, {
  valid: [
    // A local function that happens to share the name of a blocking call.
    `function readFileSync() { return 1; }
     async function f() { return readFileSync(); }`,
    // A *Sync method of an unknown object.
    `async function f(db) { return db.querySync('x'); }`,
    `import { Effect } from 'effect';
     async function f(program) { return Effect.runSync(program); }`,
    // Top level and sync functions may block (start-up code, CLIs).
    `import { readFileSync } from 'node:fs';
     const config = readFileSync('config.json', 'utf8');`,
    `import { readFileSync } from 'node:fs';
     function load() { return readFileSync('config.json', 'utf8'); }`,
    // A sync function declared inside an async one and passed elsewhere runs later.
    `import { readFileSync } from 'node:fs';
     async function f(emitter) { emitter.on('reload', () => readFileSync('x')); }`,
    `import { readFileSync } from 'node:fs';
     async function f() { setTimeout(() => readFileSync('x'), 10); }`,
  ],
  invalid: [
    {
      code: `import fs from 'node:fs';
async function f() { const text = fs.readFileSync('a.txt', 'utf8'); }`,
      output: `import fs from 'node:fs';
async function f() { const text = await fs.promises.readFile('a.txt', 'utf8'); }`,
      errors: [{ messageId: 'blockingCall', data: { name: 'readFileSync', twin: "readFile() from 'fs/promises'" } }],
    },
    {
      code: `const { execSync } = require('child_process');
async function f() { [1, 2].map(() => execSync('ls')); }`,
      errors: [{ messageId: 'blockingCall' }],
    },
    {
      code: `import { readFileSync } from 'node:fs';
function load() { return readFileSync('config.json', 'utf8'); }
async function f() { return load(); }`,
      errors: [{ messageId: 'blockingHelper', line: 3 }],
    },
    {
      code: `async function f(ms) { const end = Date.now() + ms; while (Date.now() < end) {} }`,
      errors: [{ messageId: 'busyWait' }],
    },
  ],
});
