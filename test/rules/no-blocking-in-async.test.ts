import * as assert from 'node:assert/strict';

import { Linter } from 'eslint';

import rule from '../../eslint-plugin/src/rules/no-blocking-in-async';
import { createRuleTester } from '../rule-tester';

const ruleTester = createRuleTester();

/** CommonJS: `require`, top-level scope is the script's. */
const commonJs = { filename: 'file.cjs', languageOptions: { parserOptions: { sourceType: 'script' as const } } };
const js = { filename: 'file.js' };

/** Removals and stats repeated over a list, with `removal` and `stat` written as given. */
const CLEAN = (removal: string, stat: string): string => `import fs from 'node:fs';
async function clean(files: string[]) {
  for (const file of files) ${removal};
  let i = 0;
  while (i < files.length) ${stat};
  return files.map(file => fs.lstatSync(file));
}`;

ruleTester.run('no-blocking-in-async', rule, {
  valid: [
    // A local function that happens to share the name of a blocking call.
    {
      ...js,
      code: `function readFileSync() { return 1; }
async function f() { return readFileSync(); }`,
    },
    // A *Sync method of an unknown object, of `this`, and Effect's runSync are not Node's.
    `async function f(db) { return db.querySync('x'); }`,
    `class Store { async load() { return this.readFileSync('x'); } }`,
    `import { Effect } from 'effect';
async function f(program) { return Effect.runSync(program); }`,
    // Top level and sync functions may block (start-up code, CLIs).
    `import { readFileSync } from 'node:fs';
const config = readFileSync('config.json', 'utf8');`,
    `import { readFileSync } from 'node:fs';
function load() { return readFileSync('config.json', 'utf8'); }`,
    // A sync function declared inside an async one that runs later or elsewhere.
    `import { readFileSync } from 'node:fs';
async function f(emitter) { emitter.on('reload', () => readFileSync('x')); }`,
    `import { readFileSync } from 'node:fs';
async function f() { setTimeout(() => readFileSync('x'), 10); }`,
    `import { readFileSync } from 'node:fs';
async function f(register) { const load = () => readFileSync('x'); register(load); }`,
    `import { readFileSync } from 'node:fs';
async function f(promise) { return promise.then(() => readFileSync('x')); }`,
    `import { readFileSync } from 'node:fs';
async function f() { function later() { return [1].map(() => readFileSync('x')); } return later; }`,
    // A public method may be overridden: `this.load()` is not followed.
    `import { readFileSync } from 'node:fs';
class Store { load() { return readFileSync('x'); } async get() { return this.load(); } }`,
    // A class field initialiser runs in the constructor, not where the class is declared.
    `import { readFileSync } from 'node:fs';
async function f() { class Config { data = readFileSync('x'); } return Config; }`,
    // The promise API is never blocking, however it is reached.
    `import fs from 'node:fs';
async function f() { return fs.promises.readFile('a.txt', 'utf8'); }`,
    `import { readFile } from 'fs/promises';
async function f() { return await readFile('a.txt'); }`,
    { ...commonJs, code: `const fsp = require('fs').promises;
async function f() { return await fsp.readFile('a.txt'); }` },
    // A parameter or a local that shadows the module is not the module.
    `import fs from 'fs';
async function f(fs) { return fs.readFileSync('x'); }`,
    `import { readFileSync } from 'fs';
async function f(readFileSync) { return readFileSync('x'); }`,
    `async function f(makeFs) { const fs = makeFs(); return fs.readFileSync('x'); }`,
    `async function f(Deno) { return Deno.readTextFileSync('x'); }`,
    // A `require` that is not Node's.
    {
      ...commonJs,
      code: `function require(name) { return { readFileSync: () => name }; }
const fs = require('fs');
async function f() { return fs.readFileSync('x'); }`,
    },
    // existsSync is off by default (see the docs).
    `import fs from 'node:fs';
async function f(p) { return fs.existsSync(p); }`,
    // One operation on one path, once per run of the function: a system call whatever the file
    // holds. From zigbee2mqtt lib/extension/externalJS.ts (a symlink removed at stop, an invalid
    // file renamed aside, a temporary copy removed) and lib/util/onboarding.ts (a folder made).
    `import fs from 'node:fs';
import path from 'node:path';
class ExternalJS {
  basePath = 'data';
  async stop(): Promise<void> {
    const nodeModulesSymlink = path.join(this.basePath, 'node_modules');
    fs.unlinkSync(nodeModulesSymlink);
  }
  async load(filePath: string, tmpFile: string): Promise<void> {
    fs.renameSync(filePath, \`\${filePath}.invalid\`);
    fs.rmSync(tmpFile);
    fs.rmSync(filePath, { force: true, recursive: false });
    const info = fs.statSync(filePath);
    await Promise.resolve(info);
  }
}`,
    `import { mkdirSync } from 'node:fs';
import path from 'node:path';
export async function restore(targetPath: string, data: Promise<string>) {
  mkdirSync(path.dirname(targetPath), { recursive: true });
  return data;
}`,
    // The same in a sync helper the async function calls, in Deno, and with fs-extra.
    `import { lstatSync } from 'node:fs';
function isLink(p) { return lstatSync(p).isSymbolicLink(); }
async function f(p) { return isLink(p); }`,
    `async function f(p) { Deno.mkdirSync(p, { recursive: true }); Deno.removeSync(p + '/lock'); }`,
    `import { ensureDirSync } from 'fs-extra';
async function f(dir) { ensureDirSync(dir); }`,
    // A \`new Promise\` executor runs once.
    `import fs from 'node:fs';
async function f(p) { await new Promise(resolve => { fs.unlinkSync(p); resolve(); }); }`,
    // Two hops are not followed at depth 1; a sync generator's body does not run when it is called.
    {
      code: `import { readFileSync } from 'node:fs';
function read() { return readFileSync('x'); }
function load() { return read(); }
async function f() { return load(); }`,
      options: [{ syncHelperDepth: 1 }],
    },
    `import { readFileSync } from 'node:fs';
function* lines() { yield readFileSync('x'); }
async function f() { return lines(); }`,
    // A loop that works while it watches the clock is not a busy wait.
    `async function f(end, step) { while (Date.now() < end) { step(); } }`,
    `async function f(end) { let n = 0; for (let i = 0; Date.now() < end; i++) {} return n; }`,
    // Options.
    { code: `import fs from 'fs';
async function f() { return fs.readFileSync('x'); }`, options: [{ allow: ['fs.readFileSync'] }] },
    { code: `import { execSync } from 'node:child_process';
async function f() { execSync('ls'); }`, options: [{ allow: ['node:child_process.execSync'] }] },
    { code: `import { execSync } from 'child_process';
async function f() { execSync('ls'); }`, options: [{ allow: ['execSync'] }] },
    { code: `async function f(view) { Atomics.wait(view, 0, 0); }`, options: [{ allow: ['Atomics.wait'] }] },
    { code: `async function f(ms) { const end = Date.now() + ms; while (Date.now() < end) {} }`, options: [{ checkBusyWait: false }] },
    {
      code: `import { readFileSync } from 'node:fs';
function load() { return readFileSync('x'); }
async function f() { return load(); }`,
      options: [{ checkSyncHelpers: false }],
    },
    // TypeScript: a type-only import is no value.
    `import type * as fs from 'fs';
declare const files: typeof fs;
export async function f(): Promise<string> { return files.readFileSync('x', 'utf8'); }`,
  ],
  invalid: [
    // Two hops within the file, followed by default (depth 3), with the chain in the message.
    {
      code: `import { readFileSync } from 'node:fs';
function read() { return readFileSync('x'); }
function load() { return read(); }
async function f() { return load(); }`,
      errors: [
        {
          messageId: 'blockingChain',
          line: 4,
          data: { helper: 'load', chain: 'load → read → readFileSync', last: 'read', twin: "await readFile() from 'node:fs/promises'" },
        },
      ],
    },
    // --- Name resolution and autofixes to the promise API of the same module object ---
    // Each autofix is offered as a suggestion too, with the same edit and a title that names it.
    {
      // A callee in parentheses: the arguments start after its closing parenthesis.
      ...js,
      code: `import fs from 'node:fs';
async function f() { return (fs.readFileSync)('a.txt'); }`,
      output: `import fs from 'node:fs';
async function f() { return await fs.promises.readFile('a.txt'); }`,
      errors: [{
        messageId: 'blockingCall',
        suggestions: [{
          messageId: 'replaceWithTwin',
          output: `import fs from 'node:fs';
async function f() { return await fs.promises.readFile('a.txt'); }`,
        }],
      }],
    },
    {
      // The same with a type assertion around the callee, in a suggestion.
      code: `import fs from 'node:fs';
async function f(p: string) { const x = (fs.readFileSync as typeof fs.readFileSync)(p); }`,
      errors: [{
        messageId: 'blockingCall',
        suggestions: [{
          messageId: 'replaceWithTwin',
          output: `import fs from 'node:fs';
async function f(p: string) { const x = await fs.promises.readFile(p); }`,
        }],
      }],
    },
    {
      // A superclass and a decorator take no bare `await`: the fix parenthesises it.
      code: `import fs from 'node:fs';
async function f() {
  class C extends fs.readFileSync('x') {}
  @fs.readFileSync('d') class D {}
  return [C, D];
}`,
      output: `import fs from 'node:fs';
async function f() {
  class C extends (await fs.promises.readFile('x')) {}
  @(await fs.promises.readFile('d')) class D {}
  return [C, D];
}`,
      errors: [
        {
          messageId: 'blockingCall',
          line: 3,
          suggestions: [{
            messageId: 'replaceWithTwin',
            output: `import fs from 'node:fs';
async function f() {
  class C extends (await fs.promises.readFile('x')) {}
  @fs.readFileSync('d') class D {}
  return [C, D];
}`,
          }],
        },
        {
          messageId: 'blockingCall',
          line: 4,
          suggestions: [{
            messageId: 'replaceWithTwin',
            output: `import fs from 'node:fs';
async function f() {
  class C extends fs.readFileSync('x') {}
  @(await fs.promises.readFile('d')) class D {}
  return [C, D];
}`,
          }],
        },
      ],
    },
    {
      // A decorator takes a member access of names only: `(await …).stdout` goes in parentheses.
      code: `import { execSync } from 'child_process';
async function f() {
  class M { @execSync('ls') method() {} }
  return M;
}`,
      errors: [{
        messageId: 'blockingCall',
        suggestions: [{
          messageId: 'replaceWithTwin',
          output: `import { exec } from 'child_process';
import { promisify } from 'util';
async function f() {
  class M { @((await promisify(exec)('ls')).stdout) method() {} }
  return M;
}`,
        }],
      }],
    },
    {
      ...js,
      code: `import fs from 'node:fs';
async function f() { const text = fs.readFileSync('a.txt', 'utf8'); }`,
      output: `import fs from 'node:fs';
async function f() { const text = await fs.promises.readFile('a.txt', 'utf8'); }`,
      errors: [
        {
          messageId: 'blockingCall',
          data: { name: 'fs.readFileSync', twin: "await readFile() from 'node:fs/promises'", note: '' },
          line: 2,
          column: 35,
          endLine: 2,
          endColumn: 67,
          suggestions: [
            {
              messageId: 'replaceWithTwin',
              data: { replacement: 'await fs.promises.readFile()', origin: '' },
              output: `import fs from 'node:fs';
async function f() { const text = await fs.promises.readFile('a.txt', 'utf8'); }`,
            },
          ],
        },
      ],
    },
    {
      code: `import * as fs from 'fs';
export const sizeOf = async (p: string): Promise<number> => fs.readdirSync(p).length;`,
      output: `import * as fs from 'fs';
export const sizeOf = async (p: string): Promise<number> => (await fs.promises.readdir(p)).length;`,
      errors: [
        {
          messageId: 'blockingCall',
          data: { name: 'fs.readdirSync', twin: "await readdir() from 'fs/promises'", note: '' },
          suggestions: [
            {
              messageId: 'replaceWithTwin',
              output: `import * as fs from 'fs';
export const sizeOf = async (p: string): Promise<number> => (await fs.promises.readdir(p)).length;`,
            },
          ],
        },
      ],
    },
    {
      ...commonJs,
      code: `const fs = require('fs');
async function list(dir) { return fs.readdirSync(dir).filter(Boolean); }`,
      output: `const fs = require('fs');
async function list(dir) { return (await fs.promises.readdir(dir)).filter(Boolean); }`,
      errors: [
        {
          messageId: 'blockingCall',
          suggestions: [
            {
              messageId: 'replaceWithTwin',
              data: { replacement: 'await fs.promises.readdir()', origin: '' },
              output: `const fs = require('fs');
async function list(dir) { return (await fs.promises.readdir(dir)).filter(Boolean); }`,
            },
          ],
        },
      ],
    },
    {
      // A `require` the file declares in a nested block does not reach its top, where the import
      // is written: there `require` is still Node's.
      ...commonJs,
      code: `function wrapper() {
  {
    function require(name) { return cache[name]; }
  }
  return async function read() { return fs.readFileSync("x"); };
}`,
      errors: [
        {
          messageId: 'blockingCall',
          suggestions: [
            {
              messageId: 'replaceWithTwin',
              output: `const { readFile } = require('node:fs/promises');
function wrapper() {
  {
    function require(name) { return cache[name]; }
  }
  return async function read() { return await readFile("x"); };
}`,
            },
          ],
        },
      ],
    },
    {
      // TypeScript's `import x = require()`.
      code: `import fs = require('fs');
export async function write(p: string, text: string): Promise<void> { fs.writeFileSync(\`\${p}.txt\`, text); }`,
      output: `import fs = require('fs');
export async function write(p: string, text: string): Promise<void> { await fs.promises.writeFile(\`\${p}.txt\`, text); }`,
      errors: [
        {
          messageId: 'blockingCall',
          suggestions: [
            {
              messageId: 'replaceWithTwin',
              output: `import fs = require('fs');
export async function write(p: string, text: string): Promise<void> { await fs.promises.writeFile(\`\${p}.txt\`, text); }`,
            },
          ],
        },
      ],
    },
    {
      // A binding of the promise API already in the file is reused, the shortest one; the
      // module object stays, as another line uses it.
      ...commonJs,
      code: `const fs = require('node:fs');
const fsp = require('node:fs').promises;
async function f() { return fs.readFileSync('a.txt'); }
fs.watch('.');`,
      output: `const fs = require('node:fs');
const fsp = require('node:fs').promises;
async function f() { return await fsp.readFile('a.txt'); }
fs.watch('.');`,
      errors: [
        {
          messageId: 'blockingCall',
          suggestions: [
            {
              messageId: 'replaceWithTwin',
              data: { replacement: 'await fsp.readFile()', origin: '' },
              output: `const fs = require('node:fs');
const fsp = require('node:fs').promises;
async function f() { return await fsp.readFile('a.txt'); }
fs.watch('.');`,
            },
          ],
        },
      ],
    },
    {
      // The last use of an import: the fix removes the import it leaves unused.
      code: `import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
async function f() { return readFileSync('a.txt', 'utf8'); }`,
      output: `import { readFile } from 'node:fs/promises';
async function f() { return await readFile('a.txt', 'utf8'); }`,
      errors: [
        {
          messageId: 'blockingCall',
          suggestions: [
            {
              messageId: 'replaceWithTwin',
              data: { replacement: 'await readFile()', origin: '' },
              output: `import { readFile } from 'node:fs/promises';
async function f() { return await readFile('a.txt', 'utf8'); }`,
            },
          ],
        },
      ],
    },
    {
      code: `import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
const fs = require('fs');
async function f() { fs.rmSync('dist', { recursive: true }); }`,
      output: `import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
const fs = require('fs');
async function f() { await fs.promises.rm('dist', { recursive: true }); }`,
      errors: [
        {
          messageId: 'blockingCall',
          suggestions: [
            {
              messageId: 'replaceWithTwin',
              output: `import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
const fs = require('fs');
async function f() { await fs.promises.rm('dist', { recursive: true }); }`,
            },
          ],
        },
      ],
    },
    {
      // Async methods, object methods, async generators and async arrows all count.
      code: `import fs from 'fs';
class Store { async load() { return fs.readFileSync('a.txt'); } }
const api = { async save(text) { fs.writeFileSync('b.txt', text); } };
async function* walk() { yield fs.readdirSync('.'); }
const run = async () => fs.copyFileSync('a', 'out');`,
      output: `import fs from 'fs';
class Store { async load() { return await fs.promises.readFile('a.txt'); } }
const api = { async save(text) { await fs.promises.writeFile('b.txt', text); } };
async function* walk() { yield await fs.promises.readdir('.'); }
const run = async () => await fs.promises.copyFile('a', 'out');`,
      errors: [
        {
          messageId: 'blockingCall',
          line: 2,
          suggestions: [
            {
              messageId: 'replaceWithTwin',
              data: { replacement: 'await fs.promises.readFile()', origin: '' },
              output: `import fs from 'fs';
class Store { async load() { return await fs.promises.readFile('a.txt'); } }
const api = { async save(text) { fs.writeFileSync('b.txt', text); } };
async function* walk() { yield fs.readdirSync('.'); }
const run = async () => fs.copyFileSync('a', 'out');`,
            },
          ],
        },
        {
          messageId: 'blockingCall',
          line: 3,
          suggestions: [
            {
              messageId: 'replaceWithTwin',
              data: { replacement: 'await fs.promises.writeFile()', origin: '' },
              output: `import fs from 'fs';
class Store { async load() { return fs.readFileSync('a.txt'); } }
const api = { async save(text) { await fs.promises.writeFile('b.txt', text); } };
async function* walk() { yield fs.readdirSync('.'); }
const run = async () => fs.copyFileSync('a', 'out');`,
            },
          ],
        },
        {
          messageId: 'blockingCall',
          line: 4,
          suggestions: [
            {
              messageId: 'replaceWithTwin',
              data: { replacement: 'await fs.promises.readdir()', origin: '' },
              output: `import fs from 'fs';
class Store { async load() { return fs.readFileSync('a.txt'); } }
const api = { async save(text) { fs.writeFileSync('b.txt', text); } };
async function* walk() { yield await fs.promises.readdir('.'); }
const run = async () => fs.copyFileSync('a', 'out');`,
            },
          ],
        },
        {
          messageId: 'blockingCall',
          line: 5,
          suggestions: [
            {
              messageId: 'replaceWithTwin',
              data: { replacement: 'await fs.promises.copyFile()', origin: '' },
              output: `import fs from 'fs';
class Store { async load() { return fs.readFileSync('a.txt'); } }
const api = { async save(text) { fs.writeFileSync('b.txt', text); } };
async function* walk() { yield fs.readdirSync('.'); }
const run = async () => await fs.promises.copyFile('a', 'out');`,
            },
          ],
        },
      ],
    },
    {
      // An async IIFE at the top level is an async function too.
      code: `import fs from 'fs';
(async () => { fs.readFileSync('lock'); })();`,
      output: `import fs from 'fs';
(async () => { await fs.promises.readFile('lock'); })();`,
      errors: [
        {
          messageId: 'blockingCall',
          suggestions: [
            {
              messageId: 'replaceWithTwin',
              output: `import fs from 'fs';
(async () => { await fs.promises.readFile('lock'); })();`,
            },
          ],
        },
      ],
    },
    {
      // `globalThis.` and the `Deno`/`Bun` globals: exact twins.
      code: `async function f() {
  const text = Deno.readTextFileSync('a.txt');
  Bun.sleepSync(100);
}`,
      output: `async function f() {
  const text = await Deno.readTextFile('a.txt');
  await Bun.sleep(100);
}`,
      errors: [
        {
          messageId: 'blockingCall',
          data: { name: 'Deno.readTextFileSync', twin: 'await Deno.readTextFile()', note: '' },
          suggestions: [
            {
              messageId: 'replaceWithTwin',
              data: { replacement: 'await Deno.readTextFile()', origin: '' },
              output: `async function f() {
  const text = await Deno.readTextFile('a.txt');
  Bun.sleepSync(100);
}`,
            },
          ],
        },
        {
          messageId: 'blockingCall',
          data: { name: 'Bun.sleepSync', twin: 'await Bun.sleep()', note: '' },
          suggestions: [
            {
              messageId: 'replaceWithTwin',
              data: { replacement: 'await Bun.sleep()', origin: '' },
              output: `async function f() {
  const text = Deno.readTextFileSync('a.txt');
  await Bun.sleep(100);
}`,
            },
          ],
        },
      ],
    },
    {
      // fs-extra's async forms return promises when called without a callback.
      code: `import fse from 'fs-extra';
async function f() { return fse.readJsonSync('settings.json'); }`,
      output: `import fse from 'fs-extra';
async function f() { return await fse.readJson('settings.json'); }`,
      errors: [
        {
          messageId: 'blockingCall',
          data: { name: 'fse.readJsonSync', twin: "await readJson() from 'fs-extra'", note: '' },
          suggestions: [
            {
              messageId: 'replaceWithTwin',
              data: { replacement: 'await fse.readJson()', origin: '' },
              output: `import fse from 'fs-extra';
async function f() { return await fse.readJson('settings.json'); }`,
            },
          ],
        },
      ],
    },

    // --- Suggestions that add the import ---
    {
      // The first argument may be a file descriptor: a suggestion, not an autofix, and the message
      // says what it assumes. The import it leaves unused goes, the new one in its place.
      code: `import { readFileSync } from 'node:fs';
async function f(p) { return readFileSync(p, 'utf8'); }`,
      errors: [
        {
          messageId: 'blockingCall',
          data: {
            name: 'readFileSync',
            twin: "await readFile() from 'node:fs/promises'",
            note: ' The suggested readFile() takes a path, not a file descriptor.',
          },
          suggestions: [
            {
              messageId: 'replaceWithTwin',
              data: { replacement: 'await readFile()', origin: ' from node:fs/promises' },
              output: `import { readFile } from 'node:fs/promises';
async function f(p) { return await readFile(p, 'utf8'); }`,
            },
          ],
        },
      ],
    },
    {
      code: `import fs from 'node:fs';
async function f(input) { return fs.readFileSync(input); }`,
      errors: [
        {
          messageId: 'blockingCall',
          suggestions: [
            {
              messageId: 'replaceWithTwin',
              data: { replacement: 'await fs.promises.readFile()', origin: '' },
              output: `import fs from 'node:fs';
async function f(input) { return await fs.promises.readFile(input); }`,
            },
          ],
        },
      ],
    },
    {
      // An alias; the file writes built-ins without `node:`, so do the message, the title and the
      // new import.
      code: `import { writeFileSync as write } from 'fs';
import path from 'path';
async function f(dir, data) { write(path.join(dir, 'out.txt'), data); }`,
      errors: [
        {
          messageId: 'blockingCall',
          data: { name: 'write', twin: "await writeFile() from 'fs/promises'", note: '' },
          suggestions: [
            {
              messageId: 'replaceWithTwin',
              data: { replacement: 'await writeFile()', origin: ' from fs/promises' },
              output: `import path from 'path';
import { writeFile } from 'fs/promises';
async function f(dir, data) { await writeFile(path.join(dir, 'out.txt'), data); }`,
            },
          ],
        },
      ],
    },
    {
      // An existing import of the module takes the new name; a taken name gets an alias.
      code: `import { readFile } from 'node:fs/promises';
import { readdirSync } from 'node:fs';
async function f() { const readdir = readFile; readdirSync('out'); return readdir; }`,
      errors: [
        {
          messageId: 'blockingCall',
          suggestions: [
            {
              messageId: 'replaceWithTwin',
              data: { replacement: 'await readdirAsync()', origin: ' from node:fs/promises' },
              output: `import { readFile, readdir as readdirAsync } from 'node:fs/promises';
async function f() { const readdir = readFile; await readdirAsync('out'); return readdir; }`,
            },
          ],
        },
      ],
    },
    {
      // Parentheses in a suggestion too.
      code: `import { readdirSync } from 'node:fs';
async function count(dir) { return readdirSync(dir).length; }`,
      errors: [
        {
          messageId: 'blockingCall',
          suggestions: [
            {
              messageId: 'replaceWithTwin',
              output: `import { readdir } from 'node:fs/promises';
async function count(dir) { return (await readdir(dir)).length; }`,
            },
          ],
        },
      ],
    },
    {
      // CommonJS: a `require` of the twin, after the file's requires.
      ...commonJs,
      code: `const { readFileSync } = require('fs');
const path = require('path');
async function f(dir) { return readFileSync(path.join(dir, 'a.txt'), 'utf8'); }`,
      errors: [
        {
          messageId: 'blockingCall',
          suggestions: [
            {
              messageId: 'replaceWithTwin',
              data: { replacement: 'await readFile()', origin: ' from fs/promises' },
              output: `const path = require('path');
const { readFile } = require('fs/promises');
async function f(dir) { return await readFile(path.join(dir, 'a.txt'), 'utf8'); }`,
            },
          ],
        },
      ],
    },
    {
      // CommonJS: an existing destructuring of the module takes the new name.
      ...commonJs,
      code: `const { writeFile } = require('node:fs/promises');
const { copyFileSync } = require('node:fs');
async function f() { copyFileSync('a', 'b'); await writeFile('c', ''); }`,
      errors: [
        {
          messageId: 'blockingCall',
          suggestions: [
            {
              messageId: 'replaceWithTwin',
              output: `const { writeFile, copyFile } = require('node:fs/promises');
async function f() { await copyFile('a', 'b'); await writeFile('c', ''); }`,
            },
          ],
        },
      ],
    },
    {
      // `require('fs').x(…)` written in place, in a module without imports: CommonJS style,
      // and `fs` without `node:` as the file writes it.
      code: `async function f() { return require('fs').readFileSync('a'); }`,
      errors: [
        {
          messageId: 'blockingCall',
          suggestions: [
            {
              messageId: 'replaceWithTwin',
              data: { replacement: 'await readFile()', origin: ' from fs/promises' },
              output: `const { readFile } = require('fs/promises');
async function f() { return await readFile('a'); }`,
            },
          ],
        },
      ],
    },
    {
      // execSync: a different result shape, so only a suggestion, and the message says how it
      // differs. Both carry the command.
      code: `import { execSync } from 'node:child_process';
async function status() { const out = execSync('git status', { encoding: 'utf8' }); return out; }`,
      errors: [
        {
          messageId: 'blockingCall',
          data: {
            name: 'execSync',
            twin: "(await promisify(exec)('git status', { encoding: 'utf8' })).stdout (promisify from 'node:util', exec from 'node:child_process')",
            note: ' Note that it resolves to { stdout, stderr } with strings by default (not Buffers), rejects with the output on a non-zero exit, and captures stderr instead of printing it.',
          },
          suggestions: [
            {
              messageId: 'replaceWithTwin',
              data: { replacement: "(await promisify(exec)('git status', { encoding: 'utf8' })).stdout", origin: ' from node:util and node:child_process' },
              // `exec` takes the place of the `execSync` it leaves unused.
              output: `import { exec } from 'node:child_process';
import { promisify } from 'node:util';
async function status() { const out = (await promisify(exec)('git status', { encoding: 'utf8' })).stdout; return out; }`,
            },
          ],
        },
      ],
    },
    {
      // Long arguments: the command, then `…`.
      code: `import { execSync } from 'node:child_process';
async function build() { execSync('npm run build', { cwd: process.cwd(), stdio: 'inherit' }); }`,
      errors: [
        {
          messageId: 'blockingCall',
          data: {
            name: 'execSync',
            twin: "(await promisify(exec)('npm run build', …)).stdout (promisify from 'node:util', exec from 'node:child_process')",
            note: ' Note that it resolves to { stdout, stderr } with strings by default (not Buffers), rejects with the output on a non-zero exit, and captures stderr instead of printing it.',
          },
          suggestions: [
            {
              messageId: 'replaceWithTwin',
              data: { replacement: "await promisify(exec)('npm run build', …)", origin: ' from node:util and node:child_process' },
              output: `import { exec } from 'node:child_process';
import { promisify } from 'node:util';
async function build() { await promisify(exec)('npm run build', { cwd: process.cwd(), stdio: 'inherit' }); }`,
            },
          ],
        },
      ],
    },
    {
      ...commonJs,
      code: `const cp = require('child_process');
const util = require('util');
async function install() { cp.execFileSync('npm', ['ci']); }`,
      errors: [
        {
          messageId: 'blockingCall',
          suggestions: [
            {
              messageId: 'replaceWithTwin',
              data: { replacement: "await util.promisify(cp.execFile)('npm', ['ci'])", origin: '' },
              output: `const cp = require('child_process');
const util = require('util');
async function install() { await util.promisify(cp.execFile)('npm', ['ci']); }`,
            },
          ],
        },
      ],
    },
    {
      // crypto and zlib: promisify gives the same arguments and result.
      code: `import crypto from 'node:crypto';
async function hash(password, salt) { return crypto.pbkdf2Sync(password, salt, 100000, 64, 'sha512'); }`,
      errors: [
        {
          messageId: 'blockingCall',
          suggestions: [
            {
              messageId: 'replaceWithTwin',
              data: { replacement: "await promisify(crypto.pbkdf2)(password, salt, 100000, 64, 'sha512')", origin: ' from node:util' },
              output: `import crypto from 'node:crypto';
import { promisify } from 'node:util';
async function hash(password, salt) { return await promisify(crypto.pbkdf2)(password, salt, 100000, 64, 'sha512'); }`,
            },
          ],
        },
      ],
    },
    {
      code: `import { gzipSync } from 'zlib';
export async function pack(data: Buffer): Promise<Buffer> { return gzipSync(data); }`,
      errors: [
        {
          messageId: 'blockingCall',
          suggestions: [
            {
              messageId: 'replaceWithTwin',
              data: { replacement: 'await promisify(gzip)(data)', origin: ' from util and zlib' },
              output: `import { gzip } from 'zlib';
import { promisify } from 'util';
export async function pack(data: Buffer): Promise<Buffer> { return await promisify(gzip)(data); }`,
            },
          ],
        },
      ],
    },

    // --- The import a fix leaves unused ---
    {
      // Other names of the import stay; so does a name another line still uses.
      ...commonJs,
      code: `const { readFileSync: read, readdirSync, existsSync } = require('node:fs');
async function f(dir) { if (existsSync(dir)) readdirSync(dir); return read('/a.txt'); }`,
      errors: [
        {
          messageId: 'blockingCall',
          line: 2,
          column: 46,
          suggestions: [
            {
              messageId: 'replaceWithTwin',
              output: `const { readFileSync: read, existsSync } = require('node:fs');
const { readdir } = require('node:fs/promises');
async function f(dir) { if (existsSync(dir)) await readdir(dir); return read('/a.txt'); }`,
            },
          ],
        },
        {
          messageId: 'blockingCall',
          line: 2,
          column: 71,
          suggestions: [
            {
              messageId: 'replaceWithTwin',
              output: `const { readdirSync, existsSync } = require('node:fs');
const { readFile } = require('node:fs/promises');
async function f(dir) { if (existsSync(dir)) readdirSync(dir); return await readFile('/a.txt'); }`,
            },
          ],
        },
      ],
    },
    {
      // A default import next to the name: only the braces go.
      code: `import fs, { readFileSync } from 'node:fs';
fs.watch('.');
export async function f() { return readFileSync('/a.txt'); }`,
      output: `import fs from 'node:fs';
fs.watch('.');
export async function f() { return await fs.promises.readFile('/a.txt'); }`,
      errors: [
        {
          messageId: 'blockingCall',
          suggestions: [
            {
              messageId: 'replaceWithTwin',
              data: { replacement: 'await fs.promises.readFile()', origin: '' },
              output: `import fs from 'node:fs';
fs.watch('.');
export async function f() { return await fs.promises.readFile('/a.txt'); }`,
            },
          ],
        },
      ],
    },
    {
      // Still used elsewhere: exported, read in a type, or called again.
      code: `import { readdirSync } from 'node:fs';
export { readdirSync };
async function f() { return readdirSync('/a'); }`,
      errors: [
        {
          messageId: 'blockingCall',
          suggestions: [
            {
              messageId: 'replaceWithTwin',
              output: `import { readdirSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
export { readdirSync };
async function f() { return await readdir('/a'); }`,
            },
          ],
        },
      ],
    },
    {
      code: `import { readdirSync } from 'node:fs';
type List = typeof readdirSync;
export async function f(): Promise<unknown> { return readdirSync('/a'); }`,
      errors: [
        {
          messageId: 'blockingCall',
          suggestions: [
            {
              messageId: 'replaceWithTwin',
              output: `import { readdirSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
type List = typeof readdirSync;
export async function f(): Promise<unknown> { return await readdir('/a'); }`,
            },
          ],
        },
      ],
    },
    {
      // The module object stays when the replacement reads through it.
      ...commonJs,
      code: `const fs = require('node:fs');
async function f() { return fs.readdirSync('/a'); }`,
      output: `const fs = require('node:fs');
async function f() { return await fs.promises.readdir('/a'); }`,
      errors: [
        {
          messageId: 'blockingCall',
          suggestions: [
            {
              messageId: 'replaceWithTwin',
              output: `const fs = require('node:fs');
async function f() { return await fs.promises.readdir('/a'); }`,
            },
          ],
        },
      ],
    },
    {
      // A namespace import the replacement no longer needs goes; a module that is not Node's own
      // keeps its import statement (loading it may do something).
      code: `import * as fs from 'node:fs';
import { readdir } from 'node:fs/promises';
export async function f(): Promise<unknown> { return fs.readdirSync('/a'); }`,
      output: `import { readdir } from 'node:fs/promises';
export async function f(): Promise<unknown> { return await readdir('/a'); }`,
      errors: [
        {
          messageId: 'blockingCall',
          suggestions: [
            {
              messageId: 'replaceWithTwin',
              output: `import { readdir } from 'node:fs/promises';
export async function f(): Promise<unknown> { return await readdir('/a'); }`,
            },
          ],
        },
      ],
    },
    {
      code: `import { pathExistsSync } from 'fs-extra';
import { pathExists } from 'fs-extra';
export async function f(): Promise<boolean> { return pathExistsSync('/a'); }`,
      options: [{ blockingCalls: [{ module: 'fs-extra', names: ['pathExistsSync'] }] }],
      output: `import { pathExistsSync } from 'fs-extra';
import { pathExists } from 'fs-extra';
export async function f(): Promise<boolean> { return await pathExists('/a'); }`,
      errors: [
        {
          messageId: 'blockingCall',
          suggestions: [
            {
              messageId: 'replaceWithTwin',
              output: `import { pathExistsSync } from 'fs-extra';
import { pathExists } from 'fs-extra';
export async function f(): Promise<boolean> { return await pathExists('/a'); }`,
            },
          ],
        },
      ],
    },

    // --- Reported without a fix ---
    {
      // A sync callback of map/forEach/reduce/sort runs inside the async function: reported,
      // but `await` is not legal there, so no fix.
      ...commonJs,
      code: `const { execSync } = require('child_process');
const fs = require('fs');
async function f(files) {
  [1, 2].map(() => execSync('ls'));
  files.forEach(file => fs.unlinkSync(file));
  const total = files.reduce((sum, file) => sum + fs.statSync(file).size, 0);
  files.sort((a, b) => fs.statSync(a).mtimeMs - fs.statSync(b).mtimeMs);
  return total;
}`,
      errors: [
        { messageId: 'blockingCall', line: 4 },
        { messageId: 'blockingCall', line: 5 },
        { messageId: 'blockingCall', line: 6 },
        { messageId: 'blockingCall', line: 7 },
        { messageId: 'blockingCall', line: 7 },
      ],
    },
    {
      // An IIFE and a `new Promise` executor run at once, inside the async function.
      code: `import { readFileSync } from 'node:fs';
async function f() {
  const config = (() => readFileSync('config.json', 'utf8'))();
  return new Promise(resolve => resolve(readFileSync('data.json')));
}`,
      errors: [
        { messageId: 'blockingCall', line: 3 },
        { messageId: 'blockingCall', line: 4 },
      ],
    },
    {
      // Calls whose twin is no drop-in: the message names it.
      code: `import { spawnSync } from 'node:child_process';
import { openSync } from 'node:fs';
async function f(view) {
  spawnSync('ls');
  openSync('a', 'r');
  globalThis.Atomics.wait(view, 0, 0);
}`,
      errors: [
        { messageId: 'blockingCall', data: { name: 'spawnSync', twin: "spawn() from 'node:child_process', awaiting its 'close' event", note: '' } },
        { messageId: 'blockingCall', data: { name: 'openSync', twin: "open() from 'node:fs/promises' (it returns a FileHandle)", note: '' } },
        { messageId: 'blockingCall', data: { name: 'globalThis.Atomics.wait', twin: 'await Atomics.waitAsync(…).value', note: '' } },
      ],
    },
    {
      // `await` is not legal in a parameter default.
      code: `import fs from 'fs';
async function f(text = fs.readFileSync('a.txt', 'utf8')) { return text; }`,
      errors: [{ messageId: 'blockingCall' }],
    },
    {
      // A third-party module without a binding of its twin: no import is guessed.
      code: `import { readJsonSync } from 'fs-extra';
async function f() { return readJsonSync('settings.json'); }`,
      errors: [{ messageId: 'blockingCall', data: { name: 'readJsonSync', twin: "await readJson() from 'fs-extra'", note: '' } }],
    },

    // --- One hop into a sync helper of the same file ---
    {
      code: `import { readFileSync } from 'node:fs';
function load() { return readFileSync('config.json', 'utf8'); }
const parse = () => JSON.parse(readFileSync('data.json', 'utf8'));
async function f(items) { load(); items.map(parse); return parse(); }`,
      errors: [
        { messageId: 'blockingHelper', line: 4, column: 27, data: { helper: 'load', name: 'readFileSync', twin: "await readFile() from 'node:fs/promises'" } },
        { messageId: 'blockingHelper', line: 4, column: 45, data: { helper: 'parse', name: 'readFileSync', twin: "await readFile() from 'node:fs/promises'" } },
        { messageId: 'blockingHelper', line: 4, column: 60, data: { helper: 'parse', name: 'readFileSync', twin: "await readFile() from 'node:fs/promises'" } },
      ],
    },
    {
      // A helper declared inside the async function and called there.
      code: `import { execSync } from 'node:child_process';
async function f() { const git = args => execSync('git ' + args); return git('status'); }`,
      errors: [{ messageId: 'blockingHelper', data: { helper: 'git', name: 'execSync', twin: "(await promisify(exec)(…)).stdout (promisify from 'node:util', exec from 'node:child_process')" } }],
    },
    {
      // A private method cannot be overridden: `this.#load()` is followed, also from an arrow.
      code: `import { readFileSync } from 'node:fs';
class Store {
  #size(p: string): number { return readFileSync(p).length; }
  async total(paths: string[]): Promise<number> { return paths.reduce((sum, p) => sum + this.#size(p), 0); }
}`,
      errors: [{ messageId: 'blockingHelper', line: 4, data: { helper: 'this.#size', name: 'readFileSync', twin: "await readFile() from 'node:fs/promises'" } }],
    },
    {
      // graceful-fs has fs's API; its twin is Node's promise API (with `node:`: no built-in
      // import in the file to follow).
      ...commonJs,
      code: `const fs = require('graceful-fs');
async function f() { return fs.readdirSync('.'); }`,
      errors: [
        {
          messageId: 'blockingCall',
          suggestions: [
            {
              messageId: 'replaceWithTwin',
              output: `const fs = require('graceful-fs');
const { readdir } = require('node:fs/promises');
async function f() { return await readdir('.'); }`,
            },
          ],
        },
      ],
    },
    {
      // An async helper is reported inside itself, not at its call.
      code: `import { readFileSync } from 'node:fs';
async function load(p) { return readFileSync(p); }
async function f() { return load('a'); }`,
      errors: [
        {
          messageId: 'blockingCall',
          line: 2,
          suggestions: [
            {
              messageId: 'replaceWithTwin',
              output: `import { readFile } from 'node:fs/promises';
async function load(p) { return await readFile(p); }
async function f() { return load('a'); }`,
            },
          ],
        },
      ],
    },

    // --- Busy waits ---
    {
      code: `async function pause(ms) {
  const end = Date.now() + ms;
  while (Date.now() < end) {}
}`,
      errors: [
        {
          messageId: 'busyWait',
          line: 3,
          suggestions: [
            {
              messageId: 'replaceBusyWait',
              data: { replacement: 'await setTimeout(ms)', origin: ' from node:timers/promises' },
              output: `import { setTimeout } from 'node:timers/promises';
async function pause(ms) {
  const end = Date.now() + ms;
  await setTimeout(ms);
}`,
            },
          ],
        },
      ],
    },
    {
      // The file uses the global setTimeout: the import takes another name.
      code: `import { log } from './log.js';
export async function retry(task) {
  const start = performance.now();
  for (;;) { if (performance.now() - start >= 250) break; }
  setTimeout(log, 10);
  return task();
}`,
      errors: [
        {
          messageId: 'busyWait',
          suggestions: [
            {
              messageId: 'replaceBusyWait',
              output: `import { log } from './log.js';
import { setTimeout as sleep } from 'node:timers/promises';
export async function retry(task) {
  const start = performance.now();
  await sleep(250);
  setTimeout(log, 10);
  return task();
}`,
            },
          ],
        },
      ],
    },
    {
      // An existing import of timers/promises is reused.
      code: `import { setTimeout as delay } from 'node:timers/promises';
async function f() { const until = Date.now() + 2 * 1000; do {} while (until > Date.now()); await delay(1); }`,
      errors: [
        {
          messageId: 'busyWait',
          suggestions: [
            {
              messageId: 'replaceBusyWait',
              data: { replacement: 'await delay(2 * 1000)', origin: '' },
              output: `import { setTimeout as delay } from 'node:timers/promises';
async function f() { const until = Date.now() + 2 * 1000; await delay(2 * 1000); await delay(1); }`,
            },
          ],
        },
      ],
    },
    {
      // The wait is not stated in the code: reported without a suggestion.
      code: `async function f(deadline) { while (Date.now() < deadline); while (+new Date() <= deadline) {} }`,
      errors: [{ messageId: 'busyWait', column: 30 }, { messageId: 'busyWait', column: 61 }],
    },
    {
      // TypeScript: `await x as T` is `(await x) as T`, no parentheses needed.
      code: `import fs from 'node:fs';
export async function read(): Promise<string> { const text = fs.readFileSync('a.txt', 'utf8') as string; return text; }`,
      output: `import fs from 'node:fs';
export async function read(): Promise<string> { const text = await fs.promises.readFile('a.txt', 'utf8') as string; return text; }`,
      errors: [
        {
          messageId: 'blockingCall',
          suggestions: [
            {
              messageId: 'replaceWithTwin',
              output: `import fs from 'node:fs';
export async function read(): Promise<string> { const text = await fs.promises.readFile('a.txt', 'utf8') as string; return text; }`,
            },
          ],
        },
      ],
    },
    {
      // Re-listing a built-in call keeps what the catalogue knows (here: it takes descriptors).
      code: `import fs from 'node:fs';
async function f(fd) { return fs.readFileSync(fd); }`,
      options: [{ blockingCalls: [{ module: 'fs', names: ['readFileSync'] }] }],
      errors: [
        {
          messageId: 'blockingCall',
          suggestions: [
            {
              messageId: 'replaceWithTwin',
              output: `import fs from 'node:fs';
async function f(fd) { return await fs.promises.readFile(fd); }`,
            },
          ],
        },
      ],
    },
    {
      // A sleep helper that spins: the classic `time.sleep` inside `async def`.
      code: `function sleep(ms) { const end = Date.now() + ms; while (Date.now() < end) {} }
async function f() { sleep(100); }`,
      errors: [{ messageId: 'busyWaitHelper', line: 2, data: { helper: 'sleep', timers: 'node:timers/promises' } }],
    },

    // --- One operation on one path: reported when repeated or when it removes a tree ---
    {
      // In a loop, and in a callback per element: one system call per file of a list.
      code: CLEAN('fs.unlinkSync(file)', 'fs.statSync(files[i++])'),
      output: CLEAN('await fs.promises.unlink(file)', 'await fs.promises.stat(files[i++])'),
      errors: [
        {
          messageId: 'blockingCall',
          line: 3,
          data: { name: 'fs.unlinkSync', twin: "await unlink() from 'node:fs/promises'", note: '' },
          suggestions: [{ messageId: 'replaceWithTwin', output: CLEAN('await fs.promises.unlink(file)', 'fs.statSync(files[i++])') }],
        },
        {
          messageId: 'blockingCall',
          line: 5,
          suggestions: [{ messageId: 'replaceWithTwin', output: CLEAN('fs.unlinkSync(file)', 'await fs.promises.stat(files[i++])') }],
        },
        { messageId: 'blockingCall', line: 6, data: { name: 'fs.lstatSync', twin: "await lstat() from 'node:fs/promises'", note: '' } },
      ],
    },
    {
      // Removing a tree costs what the tree holds; options held elsewhere may ask for it; fs-extra's
      // removeSync always removes a tree.
      code: `import fs from 'node:fs';
import { removeSync } from 'fs-extra';
export async function reset(dir: string, options: fs.RmOptions) {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.rmSync(dir, options);
  removeSync(dir);
}`,
      output: `import fs from 'node:fs';
import { removeSync } from 'fs-extra';
export async function reset(dir: string, options: fs.RmOptions) {
  await fs.promises.rm(dir, { recursive: true, force: true });
  await fs.promises.rm(dir, options);
  removeSync(dir);
}`,
      errors: [
        {
          messageId: 'blockingCall',
          line: 4,
          suggestions: [
            {
              messageId: 'replaceWithTwin',
              output: `import fs from 'node:fs';
import { removeSync } from 'fs-extra';
export async function reset(dir: string, options: fs.RmOptions) {
  await fs.promises.rm(dir, { recursive: true, force: true });
  fs.rmSync(dir, options);
  removeSync(dir);
}`,
            },
          ],
        },
        {
          messageId: 'blockingCall',
          line: 5,
          suggestions: [
            {
              messageId: 'replaceWithTwin',
              output: `import fs from 'node:fs';
import { removeSync } from 'fs-extra';
export async function reset(dir: string, options: fs.RmOptions) {
  fs.rmSync(dir, { recursive: true, force: true });
  await fs.promises.rm(dir, options);
  removeSync(dir);
}`,
            },
          ],
        },
        // fs-extra is not Node's own: no import is added for its twin.
        { messageId: 'blockingCall', line: 6, data: { name: 'removeSync', twin: "await remove() from 'fs-extra'", note: '' }, suggestions: [] },
      ],
    },
    {
      // A sync helper that stats every file of a folder: followed, as the loop is in the helper.
      code: `import { readdirSync, statSync } from 'node:fs';
function sizes(files) { let total = 0; for (const file of files) total += statSync(file).size; return total; }
async function f(files) { return sizes(files); }`,
      errors: [{ messageId: 'blockingHelper', line: 3, data: { helper: 'sizes', name: 'statSync', twin: "await stat() from 'node:fs/promises'" } }],
    },
    {
      // Listed by the user: reported wherever it is, with its twin.
      code: `import fs from 'node:fs';
async function f(p) { return fs.statSync(p); }`,
      options: [{ blockingCalls: [{ module: 'node:fs', names: ['statSync'] }] }],
      output: `import fs from 'node:fs';
async function f(p) { return await fs.promises.stat(p); }`,
      errors: [
        {
          messageId: 'blockingCall',
          data: { name: 'fs.statSync', twin: "await stat() from 'node:fs/promises'", note: '' },
          suggestions: [
            {
              messageId: 'replaceWithTwin',
              output: `import fs from 'node:fs';
async function f(p) { return await fs.promises.stat(p); }`,
            },
          ],
        },
      ],
    },

    // --- Options ---
    {
      code: `import fs from 'node:fs';
async function f(p) { return fs.existsSync(p); }`,
      options: [{ blockingCalls: [{ module: 'node:fs', names: ['existsSync'] }] }],
      errors: [{ messageId: 'blockingCall', data: { name: 'fs.existsSync', twin: "access() from 'node:fs/promises' in a try/catch", note: '' } }],
    },
    {
      code: `import Database from 'better-sqlite3';
async function f() { sleepSync(10); return Database.open('db'); }`,
      options: [
        {
          blockingCalls: [
            { names: ['sleepSync'], asyncTwin: "await sleep(ms) from 'node:timers/promises'" },
            { module: 'better-sqlite3', names: ['open'] },
          ],
        },
      ],
      errors: [
        { messageId: 'blockingCall', data: { name: 'sleepSync', twin: "await sleep(ms) from 'node:timers/promises'", note: '' } },
        { messageId: 'blockingCall', data: { name: 'Database.open', twin: 'an asynchronous alternative', note: '' } },
      ],
    },
  ],
});

describe('no-blocking-in-async options', () => {
  it('rejects an unknown option with a message that names it', () => {
    const linter = new Linter({ configType: 'flat' });
    const config = {
      plugins: { pitfalls: { rules: { 'no-blocking-in-async': rule } } },
      rules: { 'pitfalls/no-blocking-in-async': ['error', { alow: ['fs.readFileSync'] }] },
    } as unknown as Linter.Config;
    assert.throws(() => linter.verify('async function f() {}', config), (error: Error) => {
      assert.match(error.message, /no-blocking-in-async/);
      assert.match(error.message, /alow/);
      return true;
    });
  });

  it('rejects a blocking call entry without names', () => {
    const linter = new Linter({ configType: 'flat' });
    const config = {
      plugins: { pitfalls: { rules: { 'no-blocking-in-async': rule } } },
      rules: { 'pitfalls/no-blocking-in-async': ['error', { blockingCalls: [{ module: 'fs' }] }] },
    } as unknown as Linter.Config;
    assert.throws(() => linter.verify('async function f() {}', config), /names/);
  });
});
