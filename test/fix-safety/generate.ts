import type { Language } from './parsing';
import type { Random } from './random';

/**
 * Random async programs in the plugin's vocabulary: blocking calls, resources, async callbacks,
 * floating promises, swallowed errors, requests, `Promise.all` over lists, busy waits, loops of
 * awaits, written in the positions where a fix is easy to get wrong (a callee in parentheses, a
 * call as a superclass or decorator, a namespace, a class field, an arrow's expression body).
 */

interface Context {
  random: Random;
  language: Language;
  /** `await` is allowed here. */
  async: boolean;
  depth: number;
  /** Names declared so far in the program, reused to make shadowing and clashes likely. */
  names: string[];
  counter: { value: number };
}

const PATHS = ["'data.txt'", '`${dir}/out.json`', 'path.join(dir, name)', 'file', "new URL('./a', import.meta.url)", '0', 'fd'];
const ARRAYS = ['items', 'users', 'this.items', '[1, 2, 3]', 'list.filter(Boolean)', 'Object.keys(map)', 'urls', 'new Map()', 'set', 'Array.from(set)', 'Object.entries(map)'];
const PLAIN_VALUES = ['1', "'x'", 'null', 'undefined', 'value', 'options', '{ a: 1 }', '[]', 'this', 'total', 'text', 'g'];

function fresh(context: Context, prefix: string): string {
  context.counter.value += 1;
  // Now and then a name that a fix may want too: what it reads, or what it imports.
  const name = context.random.chance(0.2)
    ? context.random.pick(['total', 'text', 'result', 'data', 'item', 'error', 'g', 'handle', 'readFile', 'promisify', 'exec', 'sleep', 'setTimeout', 'fsp', 'console', 'limit', 'pLimit', 'limitConcurrency', 'limitFunction', 'next', 'caught', '_req', '_res'])
    : `${prefix}${context.counter.value}`;
  context.names.push(name);
  return name;
}

function known(context: Context): string {
  return context.names.length > 0 && context.random.chance(0.6) ? context.random.pick(context.names) : context.random.pick(PLAIN_VALUES);
}

/** A call that blocks (by import or global). */
function blockingCall(context: Context): string {
  const r = context.random;
  return r.pick([
    `fs.readFileSync(${r.pick(PATHS)}, 'utf8')`,
    `fs.readFileSync(${r.pick(PATHS)})`,
    `readFileSync(${r.pick(PATHS)})`,
    `fs.writeFileSync(${r.pick(PATHS)}, ${known(context)})`,
    `fs.existsSync(${r.pick(PATHS)})`,
    `fs.statSync(${r.pick(PATHS)})`,
    `execSync('ls -la')`,
    `execSync(command, { encoding: 'utf8' })`,
    `cp.execFileSync('git', ['status'])`,
    `crypto.pbkdf2Sync(password, salt, 1000, 64, 'sha512')`,
    `zlib.gzipSync(buffer)`,
    `Atomics.wait(shared, 0, 0, 100)`,
    `(fs.readFileSync)(${r.pick(PATHS)})`,
    `fs['readFileSync'](${r.pick(PATHS)})`,
    `require('fs').readFileSync(${r.pick(PATHS)})`,
    `fs.mkdirSync(dir, { recursive: true })`,
    ...(context.language === 'ts' ? [`(fs.readFileSync as typeof fs.readFileSync)(${r.pick(PATHS)})`, `fs.readFileSync!(${r.pick(PATHS)})`] : []),
  ]);
}

/** A call that certainly returns a promise (by evidence without types). */
function promiseCall(context: Context): string {
  const r = context.random;
  return r.pick([
    `load(${known(context)})`,
    `save(${known(context)})`,
    `fetch(${r.pick(["'https://example.com'", 'url', '`${base}/api`'])})`,
    `fetch(url, { method: 'POST' })`,
    `fsp.readFile(${r.pick(PATHS)}, 'utf8')`,
    `fs.promises.writeFile(${r.pick(PATHS)}, ${known(context)})`,
    `sleep(${r.pick(['10', 'ms', '1000'])})`,
    `Promise.resolve(${known(context)})`,
    `new Promise(resolve => setTimeout(resolve, 10))`,
    `this.refresh()`,
    `helper.run()`,
    `axios.get(url)`,
    `load(${known(context)}).then(${r.pick(['render', 'x => x', '(x) => { use(x); }'])})`,
    `pool.query('SELECT 1')`,
  ]);
}

function expression(context: Context): string {
  const r = context.random;
  return r.weighted<() => string>([
    [3, () => promiseCall(context)],
    [2, () => blockingCall(context)],
    [2, () => known(context)],
    [1, () => `${known(context)} ${r.pick(['+', '||', '??', '&&'])} ${known(context)}`],
    [1, () => `${r.pick(['a', 'flag', 'ok'])} ? ${promiseCall(context)} : ${promiseCall(context)}`],
    [1, () => `{ a: ${expression({ ...context, depth: context.depth + 1 })} }`],
    [1, () => `[${known(context)}, ${promiseCall(context)}]`],
  ])();
}

/** `expr` in a place of the grammar where a rewrite of it may need parentheses or be illegal. */
function inSlot(context: Context, expr: string): string {
  const r = context.random;
  const v = fresh(context, 'v');
  const slots: (readonly [number, () => string])[] = [
    [6, () => `${expr};`],
    [4, () => `const ${v} = ${expr};`],
    [2, () => `let ${v} = ${expr};`],
    [1, () => `var ${v} = ${expr};`],
    [2, () => `${known(context)} = ${expr};`],
    [2, () => `return ${expr};`],
    [1, () => `return (${expr});`],
    [1, () => `(${expr});`],
    [1, () => `void ${expr};`],
    [1, () => `const ${v} = (${expr}).length;`],
    [1, () => `const ${v} = ${expr}.toString();`],
    [1, () => `use(${expr}, 1);`],
    [1, () => `const ${v} = { key: ${expr}, ...rest };`],
    [1, () => `const ${v} = flag ? ${expr} : null;`],
    [1, () => `const ${v} = \`\${${expr}}\`;`],
    [1, () => `if (${expr}) { done(); }`],
    [1, () => `for (const part of ${expr}) { use(part); }`],
    [1, () => `class K${context.counter.value} extends ${expr} {}`],
    [1, () => `throw ${expr};`],
    [1, () => `const { a: ${v} } = ${expr};`],
    [1, () => `${v}: ${expr};`],
    [1, () => `const ${v} = () => ${expr};`],
    [1, () => `const ${v} = async () => ${expr};`],
    [1, () => `const ${v} = new (${expr})();`],
    [1, () => `const ${v} = ${expr} ** 2;`],
    [1, () => `const ${v} = typeof ${expr};`],
    [1, () => `const ${v} = ${expr}?.value;`],
    [1, () => `const ${v} = [...${expr}];`],
    [1, () => `switch (${expr}) { case 1: break; }`],
    [1, () => `const ${v} = { [${expr}]: 1 };`],
    [1, () => `class C${context.counter.value} { field = ${expr}; static s = ${expr}; }`],
    [1, () => `class S${context.counter.value} { static { ${expr}; } }`],
    [1, () => `function d${context.counter.value}(a = ${expr}) { return a; }`],
  ];
  if (context.language === 'ts') {
    slots.push(
      [1, () => `const ${v} = ${expr} as unknown;`],
      [1, () => `const ${v} = (${expr})!;`],
      [1, () => `const ${v} = ${expr} satisfies unknown;`],
      [1, () => `@${expr} class D${context.counter.value} {}`],
      [1, () => `class M${context.counter.value} { @${expr} method() {} }`],
      [1, () => `enum E${context.counter.value} { A = ${expr} }`],
    );
  }
  return r.weighted(slots)();
}

function block(context: Context, count: number): string {
  const statements: string[] = [];
  for (let index = 0; index < count; index++) statements.push(statement(context));
  return statements.join('\n');
}

function nested(context: Context, async: boolean): Context {
  return { ...context, async, depth: context.depth + 1 };
}

function callbackFunction(context: Context, parameters: string, async = true): string {
  const r = context.random;
  const inner = nested(context, async);
  const prefix = async ? 'async ' : '';
  return r.weighted<() => string>([
    [4, () => `${prefix}(${parameters}) => {\n${block(inner, 1 + r.int(3))}\n}`],
    [2, () => `${prefix}(${parameters}) => ${expression(inner)}`],
    [1, () => `${prefix}${parameters.includes(',') || parameters === '' ? `(${parameters})` : parameters} => ${promiseCall(inner)}`],
    [2, () => `${prefix}function (${context.language === 'ts' && r.chance(0.3) ? `this: void${parameters ? ', ' : ''}` : ''}${parameters}) {\n${block(inner, 1 + r.int(3))}\n}`],
    [1, () => `${prefix}(${parameters}) => ({ a: ${expression(inner)} })`],
    [1, () => `${prefix}(${parameters}) => ${known(context)} = ${expression(inner)}`],
    [1, () => `${prefix}(${parameters}) => { var ${r.pick(['total', 'text', 'result'])} = ${expression(inner)}; function ${r.pick(['g', 'helper'])}() {} }`],
  ])();
}

function resourceStatements(context: Context): string {
  const r = context.random;
  const h = fresh(context, 'handle');
  const use = (): string =>
    r.pick([`await ${h}.write(${known(context)});`, `const ${fresh(context, 'text')} = await ${h}.readFile('utf8');`, `use(${h});`, `log(${known(context)});`, `const g = () => ${known(context)};`]);
  const uses = Array.from({ length: r.int(3) }, use).join('\n');
  const release = r.chance(0.7) ? `await ${h}.close();` : '';
  const acquire = r.pick([
    `const ${h} = await open(${r.pick(PATHS)});`,
    `const ${h} = await fsp.open(${r.pick(PATHS)}, 'r');`,
    `let ${h} = await open(file);`,
    `const ${h} = await fs.promises.open(file);`,
  ]);
  const others = r.pick([
    () => `const server = http.createServer(handler);\n${r.chance(0.5) ? 'server.close();' : ''}`,
    () => `const client = new Client();\nawait client.connect();\n${r.chance(0.5) ? 'await client.end();' : ''}`,
    () => `const browser = await puppeteer.launch();\nconst page = await browser.newPage();\n${r.chance(0.6) ? 'await browser.close();' : ''}`,
    () => `const timer = setInterval(tick, 1000);\n${r.chance(0.6) ? 'clearInterval(timer);' : ''}`,
    () => `const response = await fetch(url);\n${r.chance(0.5) ? 'return response.json();' : 'log(response.status);'}`,
    () => `const rl = readline.createInterface({ input });\n${r.chance(0.5) ? 'rl.close();' : ''}`,
    () => `const fd = fs.openSync(file, 'r');\nfs.readSync(fd, buffer);\n${r.chance(0.6) ? 'fs.closeSync(fd);' : ''}`,
    () => '',
  ])();
  const after = r.chance(0.4) ? `\n${r.pick([`return g();`, `log(${known(context)});`, `return ${known(context)};`])}` : '';
  return `${acquire}\n${uses}\n${release}\n${others}${after}`;
}

const MAPPERS = [
  'async (item) => { await fsp.readFile(item); }',
  'async (u) => fetch(u)',
  'fetch',
  'load',
  'async function (item) { return fetch(item); }',
  'async function (item) { return this.load(item, arguments.length); }',
  'async ({ id }) => load(id)',
  'async (item, index) => save(item, index)',
  'async (item) => {\n  const text = `line\n  ${item}`;\n  await fetch(text);\n}',
  'async (item): Promise<void> => { await save(item); }',
  '(async (item) => fetch(item)) as (item: string) => Promise<Response>',
];

/** A combinator over a mapping that does I/O for each element: the shape the concurrency-limit fix rewrites. */
function unboundedMapping(context: Context): string {
  const r = context.random;
  const mapper = r.pick(MAPPERS.filter(text => context.language === 'ts' || !/\): Promise|\) as \(/.test(text)));
  const collection = r.pick(['items', 'urls', 'users', 'Array.from(set)', 'Object.keys(map)', 'this.items', 'list.filter(Boolean)']);
  const combinator = r.pick(['all', 'all', 'allSettled', 'any', 'race']);
  const mapping = r.chance(0.75) ? `${collection}.map(${mapper})` : `Array.from(${collection}, ${mapper})`;
  return `Promise.${combinator}(${mapping})`;
}

function unboundedMappingStatement(context: Context): string {
  const r = context.random;
  const call = unboundedMapping(context);
  const awaited = context.async ? `await ${call}` : call;
  return r.weighted<() => string>([
    [4, () => `${awaited};`],
    [3, () => `const ${fresh(context, 'results')} = ${awaited};`],
    [2, () => `return ${call};`],
    [1, () => `if (${known(context)}) ${awaited};`],
    [1, () => `${fresh(context, 'label')}: for (const ${fresh(context, 'batch')} of batches) ${awaited};`],
    [1, () => `switch (${known(context)}) {\n  case 1:\n    ${awaited};\n    break;\n}`],
    [1, () => `const ${fresh(context, 'run')} = async () => ${call};`],
    [1, () => `const ${fresh(context, 'run')} = () => {\n  return ${call};\n};`],
    [1, () => `use(${call}, ${known(context)});`],
    [1, () => `for (const ${fresh(context, 'x')} of ${awaited}) {\n  use(${context.names[context.names.length - 1]});\n}`],
  ])();
}

/** Statements that an Express handler's body is made of, besides the usual ones. */
function handlerStatement(context: Context, parameters: string[]): string {
  const r = context.random;
  const request = parameters.find(name => /^req|^request/.test(name)) ?? 'req';
  return r.weighted<() => string>([
    [6, () => statement(context)],
    [3, () => `return load(${request});`],
    [1, () => `return ${known(context)} ? load(${request}) : save(${request});`],
    [1, () => `return ${request}.body;`],
    [2, () => `res.json(await load(${request}.params.id));`],
    [1, () => `if (!${request}.user) return res.status(401).end();`],
    [1, () => `throw new Error('not found');`],
    [1, () => `const ${fresh(context, 'sql')} = \`SELECT *\n  FROM users\n  WHERE id = \${${request}.params.id}\`;`],
    [1, () => `const ${fresh(context, 'text')} = 'first line \\\n  continued';`],
    [1, () => `function ${r.pick(['check', 'error', 'next', 'helper'])}() {}\nfunction ${r.pick(['check', 'helper'])}() {}`],
    [1, () => `var ${r.pick(['next', 'error', 'check', 'caught'])} = ${known(context)};`],
    [1, () => `for await (const ${fresh(context, 'chunk')} of ${request}) use(${context.names[context.names.length - 1]});`],
    [1, () => `/* a comment\n   over lines */\nawait save(${request});`],
    [1, () => `next();`],
  ])();
}

const HANDLER_PARAMETERS = ['req, res', 'req, res, next', 'req', '', 'err, req, res, next', 'request, response', '{ params }, res', 'req, res, ...rest', 'req, res, done', 'req, res,', 'this: unknown, req, res'];

/** An async Express handler, as written in place in a route. */
function expressHandler(context: Context): string {
  const r = context.random;
  const parameters = r.pick(HANDLER_PARAMETERS.filter(text => context.language === 'ts' || !text.startsWith('this')));
  const names = parameters.split(',').map(name => name.trim()).filter(Boolean);
  const inner = nested({ ...context, names: [...context.names, ...names.filter(name => /^\w+$/.test(name))] }, true);
  const body = (): string => {
    const lines = Array.from({ length: 1 + r.int(4) }, () => handlerStatement(inner, names));
    if (r.chance(0.1)) lines.unshift("'use strict';");
    return lines.join('\n');
  };
  const typed = context.language === 'ts' && r.chance(0.3) ? ': Promise<void>' : '';
  return r.weighted<() => string>([
    [5, () => `async (${parameters})${typed} => {\n${body()}\n}`],
    [2, () => `async function ${r.chance(0.5) ? 'handle' : ''}(${parameters})${typed} {\n${body()}\n}`],
    [2, () => `async (${parameters}) => ${r.pick(['load(req)', 'res.json(await load(req))', 'flag ? load(req) : save(req)', '({ ok: await load(req) })', 'void load(req)', '(load(req), save(req))', 'next()'])}`],
    [1, () => `async req => load(req)`],
    [1, () => `async (${parameters}) => { ${handlerStatement(inner, names)} }`],
    [1, () => `async (${parameters}) => {\t// started\n${body()}\n  }`],
  ])();
}

/** An Express application or router with routes whose async handlers Express 4 does not catch. */
function expressRoutes(context: Context, index: number): string {
  const r = context.random;
  const app = `app${index}`;
  const made = r.pick(['express()', 'express.Router()', 'express.Router({ mergeParams: true })']);
  const routes = Array.from({ length: 1 + r.int(3) }, () => {
    const method = r.pick(['get', 'post', 'put', 'delete', 'use', 'all']);
    const before = r.chance(0.3) ? 'authenticate, ' : '';
    const target = r.chance(0.15) ? `${app}.route('/items')` : app;
    const path = target === app && method !== 'use' ? "'/items/:id', " : r.chance(0.5) ? "'/items', " : '';
    return `${target}.${method}(${path}${before}${expressHandler(context)});`;
  });
  return [`const ${app} = ${made};`, ...routes].join('\n');
}

function statement(context: Context): string {
  const r = context.random;
  if (context.depth > 4) return inSlot(context, expression(context));
  const inner = (async: boolean): Context => nested(context, async);
  const a = (text: string): string => (context.async ? text : text.replace(/\bawait /g, ''));
  return r.weighted<() => string>([
    [6, () => inSlot(context, expression(context))],
    [3, () => inSlot(context, context.async ? `await ${promiseCall(context)}` : promiseCall(context))],
    [2, () => `${promiseCall(context)};`],
    [2, () => (context.async ? resourceStatements(context) : `${promiseCall(context)};`)],
    [3, () => `${r.pick(ARRAYS)}.forEach(${callbackFunction(context, r.pick(['item', 'user', '{ id }', '[key, value]', 'item, index', '(item)']).replace(/^\((.*)\)$/, '$1'))});`],
    [1, () => `${r.pick(ARRAYS)}?.forEach(${callbackFunction(context, 'item')});`],
    [1, () => `const ${fresh(context, 'kept')} = ${r.pick(ARRAYS)}.filter(${callbackFunction(context, 'item')});`],
    [2, () => `${r.pick(['emitter', 'process', 'socket', 'server'])}.on('${r.pick(['data', 'close', 'SIGTERM'])}', ${callbackFunction(context, r.pick(['', 'chunk']))});`],
    [2, () => `${r.pick(['setTimeout', 'setInterval', 'setImmediate'])}(${callbackFunction(context, '')}${r.chance(0.7) ? ', 10' : ''});`],
    [1, () => `window.addEventListener('load', ${callbackFunction(context, 'event')});`],
    [1, () => `const ${fresh(context, 'p')} = new Promise(${callbackFunction(context, 'resolve, reject')});`],
    [2, () => `${promiseCall(context)}.catch(${r.pick(['() => {}', '() => null', 'function () {}', '(error) => {}', 'function (this: void) {}'].filter(text => context.language === 'ts' || !text.includes('this:')))});`],
    [1, () => `${promiseCall(context)}.then(${r.pick(['render', 'x => x'])}, () => {});`],
    [2, () => a(`try {\n${block(context, 1 + r.int(2))}\n} catch${r.chance(0.5) ? ' (error)' : ''} {}`)],
    [1, () => a(`const ${fresh(context, 'results')} = await Promise.allSettled([${promiseCall(context)}, ${promiseCall(context)}]);`)],
    [2, () => a(`await Promise.all(${r.pick(ARRAYS)}.map(${r.pick(['fetch', 'async (u) => fetch(u)', 'async (item) => { await fsp.readFile(item); }', 'load'])}));`)],
    [2, () => unboundedMappingStatement(context)],
    [1, () => `const end = Date.now() + ${r.pick(['100', 'ms', 'delay * 2'])};\nwhile (Date.now() < end) {}`],
    [1, () => `for (;;) { if (Date.now() >= deadline) break; }`],
    [2, () => a(`for (const ${fresh(context, 'entry')} of ${r.pick(ARRAYS)}) {\n${block(context, 1 + r.int(2))}\n}`)],
    [1, () => a(`const ${fresh(context, 'first')} = await load(${known(context)});\nconst ${fresh(context, 'second')} = await save(${known(context)});`)],
    [2, () => a(`const ${fresh(context, 'user')} = await ${r.pick(['fetch(userUrl)', 'axios.get(userUrl)', 'fetch(`${base}/user`)'])};\nconst ${fresh(context, 'posts')} = await ${r.pick(['fetch(postsUrl)', 'axios.get(postsUrl)', 'fetch(`${base}/posts`, { method: "GET" })'])};`)],
    [1, () => `if (${known(context)}) {\n${block(context, 1 + r.int(2))}\n} else {\n${block(context, 1)}\n}`],
    [1, () => `${r.pick(['let', 'const', 'var'])} ${fresh(context, 'n')} = ${known(context)};`],
    [1, () => `const ${fresh(context, 'g')} = () => ${known(context)};`],
    [1, () => `function ${fresh(context, 'helper')}() {\n${block(inner(false), 1 + r.int(2))}\n}`],
    [2, () => `async function ${fresh(context, 'task')}(${r.pick(['', 'item', 'items, options'])}) {\n${block(inner(true), 1 + r.int(3))}\n}`],
    [1, () => `const ${fresh(context, 'run')} = async () => {\n${block(inner(true), 1 + r.int(3))}\n};`],
    [1, () => `class ${fresh(context, 'Service')} ${r.chance(0.3) ? 'extends Base ' : ''}{\n  async ${r.pick(['start', 'run', '#tick'])}() {\n${block(inner(true), 1 + r.int(2))}\n  }\n  ${r.pick(['items = [];', 'static { init(); }', 'sync() { return 1; }'])}\n}`],
    [1, () => `(async () => {\n${block(inner(true), 1 + r.int(2))}\n})();`],
    [1, () => `switch (${known(context)}) {\n  case 1:\n${block(context, 1)}\n    break;\n  default:\n${block(context, 1)}\n}`],
    [1, () => `{\n${block(context, 1 + r.int(2))}\n}`],
    [1, () => `const ${fresh(context, 'list')} = [${known(context)}];\n${context.names[context.names.length - 1]}.forEach(${callbackFunction(context, r.pick(['item', 'item, index', '{ id }']))});`],
    ...(context.language === 'js'
      ? ([[1, () => `const ${fresh(context, 'element')} = <button onClick={${callbackFunction(context, 'event')}}>{${known(context)}}</button>;`]] as const)
      : []),
  ])();
}

const IMPORTS_ESM = [
  "import fs from 'node:fs';",
  "import * as fs from 'fs';",
  "import { readFileSync, writeFileSync } from 'fs';",
  "import { open, readFile } from 'node:fs/promises';",
  "import fsp from 'fs/promises';",
  "import { execSync } from 'child_process';",
  "import * as cp from 'node:child_process';",
  "import { setTimeout as sleep } from 'timers/promises';",
  "import http from 'node:http';",
  "import { Pool, Client } from 'pg';",
  "import puppeteer from 'puppeteer';",
  "import axios from 'axios';",
  "import { promisify } from 'util';",
  "import crypto from 'crypto';",
  "import zlib from 'node:zlib';",
  "import readline from 'readline';",
  "import path from 'node:path';",
  "import express from 'express';",
  "import pLimit from 'p-limit';",
  "import { limitFunction } from 'p-limit';",
];

function toRequire(line: string): string {
  return line
    .replace(/^import \* as (\w+) from ('[^']+');$/, 'const $1 = require($2);')
    .replace(/^import (\w+) from ('[^']+');$/, 'const $1 = require($2);')
    .replace(/^import \{ ([^}]+) \} from ('[^']+');$/, (_all, names: string, source: string) => `const { ${names.replace(/ as /g, ': ')} } = require(${source});`);
}

/** A whole program: imports, helpers whose promises the rules can see, and units of async code. */
export function generateProgram(random: Random, language: Language): string {
  const context: Context = { random, language, async: false, depth: 0, names: [], counter: { value: 0 } };
  const commonJs = random.chance(0.25);
  // At most one import per local name: `import fs` and `import * as fs` would clash.
  const bound = new Set<string>();
  const imports: string[] = [];
  for (const line of IMPORTS_ESM) {
    const names = /import (?:\* as )?(\w+) from|import \{ ([^}]+) \}/.exec(line);
    const locals = (names?.[1] ?? names?.[2] ?? '').split(',').map(name => name.trim().split(' as ').pop()!);
    if (!random.chance(0.45) || locals.some(name => bound.has(name))) continue;
    for (const name of locals) bound.add(name);
    imports.push(commonJs ? toRequire(line) : line);
  }
  const helpers = [
    'async function load(x) { return x; }',
    'async function save(x) { await sleep(1); }',
    'const helper = { async run() {} };',
  ].map(line => (language === 'ts' ? line.replace('(x)', '(x?: unknown)') : line));
  const units: string[] = [];
  const count = 1 + random.int(3);
  for (let index = 0; index < count; index++) {
    const body = (): string => block(nested(context, true), 2 + random.int(5));
    const unit = random.weighted<() => string>([
      [5, () => `async function main${index}(items, users, file, url, options) {\n${body()}\n}`],
      [2, () => `export const handler${index} = async (request, response) => {\n${body()}\n};`],
      [2, () => `class Worker${index} {\n  items = [];\n  async run(file, url) {\n${body()}\n  }\n}`],
      [1, () => `export default async function (items) {\n${body()}\n}`],
      [1, () => `function sync${index}(file) {\n${block(nested(context, false), 2 + random.int(3))}\n}`],
      [1, () => block({ ...context, async: !commonJs }, 1 + random.int(3))],
      [1, () => `async function* stream${index}(items) {\n${body()}\n}`],
      [3, () => expressRoutes(context, index)],
      [1, () => `export const results${index} = ${unboundedMapping(context)};`],
      ...(language === 'ts'
        ? ([
            [2, () => `namespace NS${index} {\n${block(nested(context, false), 1 + random.int(3))}\n}`],
            [1, () => `export async function typed${index}(items: string[], file: string): Promise<void> {\n${body()}\n}`],
          ] as const)
        : []),
    ]);
    units.push(unit());
  }
  // Routes need express itself: `express()` of an unknown global is no Express application.
  if (units.some(unit => /\bexpress(?:\(|\.Router)/.test(unit)) && !bound.has('express')) {
    imports.push(commonJs ? "const express = require('express');" : "import express from 'express';");
  }
  const prologue = random.pick(['', '', "'use strict';", '#!/usr/bin/env node', '/* Licence header. */', '#!/usr/bin/env node\n// @ts-check']);
  return [...(prologue ? [prologue] : []), ...imports, ...helpers, ...units].join('\n') + '\n';
}
