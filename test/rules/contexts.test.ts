import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import type { Linter as LinterTypes } from 'eslint';
import { Linter } from 'eslint';

import { rules } from '../../eslint-plugin/src/rules';

/**
 * Where each rule reports: by default in the contexts its docs name, everywhere with
 * `contexts: [all four]`, and as a files-scoped `settings` object declares. The files live in a real
 * checkout on disk (a `.git` folder and a package.json), so the context model reads their roles from
 * their paths as it does in a user's repository.
 */

type RuleName = keyof typeof rules;
const ALL_CONTEXTS = ['long-running', 'startup', 'cli', 'test'];

/** Code each rule reports in long-running code, written so that it is also a pitfall in a test. */
const PITFALLS: Record<RuleName, string> = {
  'no-blocking-in-async': "import fs from 'node:fs';\nexport async function readSettings(file) {\n  return JSON.parse(fs.readFileSync(file, 'utf8'));\n}\n",
  // A test would pass without its assertion running: the floating chain holds it.
  'no-missing-await':
    "import assert from 'node:assert';\nasync function load(id) {\n  return fetch('https://api.example.com/orders/' + id);\n}\nexport async function checkout(order) {\n  load(order.id).then(response => assert.equal(response.status, 200));\n}\n",
  'no-misused-async-callback':
    "import assert from 'node:assert';\nexport function watch(emitter) {\n  emitter.on('order', async (order) => {\n    const response = await fetch('https://api.example.com/orders/' + order.id);\n    assert.equal(response.status, 200);\n  });\n}\n",
  'no-swallowed-rejection': 'export async function refresh(cache) {\n  try {\n    await cache.reload();\n  } catch {}\n}\n',
  'no-unbounded-concurrency': "export async function notifyAll(users) {\n  await Promise.all(users.map(user => fetch('https://api.example.com/notify/' + user.id)));\n}\n",
  'no-unclosed-resource':
    "import { open } from 'node:fs/promises';\nexport async function firstLine(file) {\n  const handle = await open(file);\n  const text = await handle.readFile('utf8');\n  await handle.close();\n  return text.split('\\n')[0];\n}\n",
  'prefer-promise-all':
    "export async function dashboard() {\n  const users = await fetch('https://api.example.com/users');\n  const orders = await fetch('https://api.example.com/orders');\n  return [users, orders];\n}\n",
  'require-timeout': "export async function users() {\n  return fetch('https://api.example.com/users');\n}\n",
};

/** A file of each whole-file role, by the path conventions of the context model. */
const FILES = { 'long-running': 'src/service.js', test: 'test/service.test.js', cli: 'scripts/task.js' } as const;

let checkout: string;

function lint(ruleName: RuleName, relativePath: string, options: unknown[], extraConfig: LinterTypes.Config[] = [], code = PITFALLS[ruleName]): string[] {
  const linter = new Linter({ configType: 'flat', cwd: checkout });
  const messages = linter.verify(
    code,
    [
      {
        files: ['**/*.js'],
        languageOptions: { ecmaVersion: 'latest', sourceType: 'module' },
        plugins: { 'async-pitfalls': { rules } as never },
        rules: { [`async-pitfalls/${ruleName}`]: ['error', ...options] as LinterTypes.RuleEntry },
      },
      ...extraConfig,
    ],
    path.join(checkout, relativePath),
  );
  return messages.map(message => message.ruleId ?? `fatal: ${message.message}`);
}

function defaultContexts(ruleName: RuleName): readonly string[] {
  const [defaults] = rules[ruleName].defaultOptions as readonly [{ contexts: readonly string[] }];
  return defaults.contexts;
}

describe('contexts: where each rule reports', () => {
  before(() => {
    checkout = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'async-pitfalls-contexts-')));
    fs.mkdirSync(path.join(checkout, '.git'));
    fs.writeFileSync(path.join(checkout, 'package.json'), JSON.stringify({ name: 'shop', main: 'src/index.js' }));
  });

  after(() => fs.rmSync(checkout, { recursive: true, force: true }));

  for (const ruleName of Object.keys(PITFALLS) as RuleName[]) {
    describe(ruleName, () => {
      it(`by default reports in ${defaultContexts(ruleName).join(', ')} code and nowhere else`, () => {
        for (const [role, relativePath] of Object.entries(FILES)) {
          const expected = defaultContexts(ruleName).includes(role) ? [`async-pitfalls/${ruleName}`] : [];
          assert.deepEqual(lint(ruleName, relativePath, []), expected, `${ruleName} in ${role} code (${relativePath})`);
        }
      });

      it('reports in every context with contexts: [long-running, startup, cli, test]', () => {
        for (const [role, relativePath] of Object.entries(FILES)) {
          assert.deepEqual(lint(ruleName, relativePath, [{ contexts: ALL_CONTEXTS }]), [`async-pitfalls/${ruleName}`], `${ruleName} in ${role} code (${relativePath})`);
        }
      });

      it("its page names its default contexts, as the README's rules table does", () => {
        const page = fs.readFileSync(path.join(__dirname, '..', '..', 'docs', 'rules', `${ruleName}.md`), 'utf8');
        const listed = defaultContexts(ruleName).map(name => `\`${name}\``).join(', ');
        assert.ok(page.includes(`Default for this\nrule: ${listed}.`), `docs/rules/${ruleName}.md does not say: Default for this rule: ${listed}.`);
      });

      it('reports nowhere but long-running code with contexts: [long-running]', () => {
        assert.deepEqual(lint(ruleName, FILES['long-running'], [{ contexts: ['long-running'] }]), [`async-pitfalls/${ruleName}`]);
        assert.deepEqual(lint(ruleName, FILES.cli, [{ contexts: ['long-running'] }]), []);
        assert.deepEqual(lint(ruleName, FILES.test, [{ contexts: ['long-running'] }]), []);
      });
    });
  }

  it('a files-scoped settings object declares the role of matching files (a load-test harness that runs as a service)', () => {
    const declareLongRunning: LinterTypes.Config = { files: ['test/load/**'], settings: { 'async-pitfalls': { codeContext: 'long-running' } } };
    assert.deepEqual(lint('no-blocking-in-async', 'test/load/harness.js', []), []);
    assert.deepEqual(lint('no-blocking-in-async', 'test/load/harness.js', [], [declareLongRunning]), ['async-pitfalls/no-blocking-in-async']);
    // Files the object does not match keep the role their path gives.
    assert.deepEqual(lint('no-blocking-in-async', 'test/service.test.js', [], [declareLongRunning]), []);
    const declareCli: LinterTypes.Config = { files: ['src/jobs/**'], settings: { 'async-pitfalls': { codeContext: 'cli' } } };
    assert.deepEqual(lint('no-blocking-in-async', 'src/jobs/nightly.js', [], [declareCli]), []);
  });

  it("require-timeout: a module of a single-page app, under a folder that holds a page, or loading a stylesheet, runs in the browser; the package's server framework, or no page, says otherwise", () => {
    const writeFile = (relativePath: string, text: string): void => {
      fs.mkdirSync(path.dirname(path.join(checkout, relativePath)), { recursive: true });
      fs.writeFileSync(path.join(checkout, relativePath), text);
    };
    // etherpad-lite admin/src/localization/i18n.ts: the admin app's translations, fetched by the page.
    const request = PITFALLS['require-timeout'];
    writeFile('admin/package.json', JSON.stringify({ name: 'admin', private: true, devDependencies: { vite: '^7.0.0', react: '^19.0.0' } }));
    writeFile('admin/index.html', '<div id="root"></div><script type="module" src="/src/main.tsx"></script>');
    writeFile('ssr/package.json', JSON.stringify({ name: 'ssr', dependencies: { express: '^5.0.0' }, devDependencies: { vite: '^7.0.0' } }));
    writeFile('ssr/index.html', '<div id="root"></div>');
    writeFile('lib/package.json', JSON.stringify({ name: 'lib', devDependencies: { vite: '^7.0.0' } }));
    const reported = ['async-pitfalls/require-timeout'];
    assert.deepEqual(lint('require-timeout', 'admin/src/localization/i18n.js', [], [], request), [], 'a module of the single-page app');
    assert.deepEqual(lint('require-timeout', 'ssr/src/render.js', [], [], request), reported, 'a Vite package that also runs express');
    assert.deepEqual(lint('require-timeout', 'lib/src/client.js', [], [], request), reported, 'a package built by Vite with no page at its root (a library)');
    // The Lounge: one package serves (express) and holds its page's source in client/, beside client/index.html.
    writeFile('ssr/client/index.html', '<div id="app"></div>');
    assert.deepEqual(lint('require-timeout', 'ssr/client/js/socket-events/part.js', [], [], request), [], "a module under the folder that holds the page");
    assert.deepEqual(lint('require-timeout', 'ssr/server/client.js', [], [], request), reported, 'a server module beside that folder');
    // Wiki.js client/index-setup.js: a module that loads a stylesheet is bundled for a page; not so
    // in a package whose framework also renders on a server (Next.js's layout imports its CSS).
    writeFile('wiki/package.json', JSON.stringify({ name: 'wiki', dependencies: { express: '^4.18.0', vue: '^2.7.0' } }));
    writeFile('next/package.json', JSON.stringify({ name: 'next-app', dependencies: { next: '^15.0.0' } }));
    const cases: [string, string, string, string[]][] = [
      ['required', 'wiki/client/index-setup.js', `require('./scss/app.scss');\n${request}`, []],
      ['imported', 'wiki/client/index-app.js', `import './app.css';\n${request}`, []],
      ['loaded as a chunk', 'wiki/client/icons.js', `import('@mdi/font/css/materialdesignicons.css');\n${request}`, []],
      ['a stylesheet named, not loaded', 'wiki/server/assets.js', `export const sheet = './app.css';\n${request}`, reported],
      ['in a server-rendering framework', 'next/app/data.js', `import './globals.css';\n${request}`, reported],
    ];
    for (const [what, file, code, expected] of cases) {
      assert.deepEqual(lint('require-timeout', file, [], [], code), expected, `a stylesheet ${what}`);
    }
  });

  it('a file that prompts at the terminal, itself or through a prompt helper of the project, is command-line code', () => {
    const request = PITFALLS['require-timeout'];
    const writeModule = (relativePath: string, code: string): void => {
      fs.mkdirSync(path.dirname(path.join(checkout, relativePath)), { recursive: true });
      fs.writeFileSync(path.join(checkout, relativePath), code);
    };
    // pm2's login flow asks through its own helper, which questions the user over stdin.
    writeModule(
      'src/tools/prompt.js',
      "import readline from 'node:readline';\nexport function prompt(message, callback) {\n  const rl = readline.createInterface({ input: process.stdin, output: process.stdout });\n  rl.question(message, answer => {\n    rl.close();\n    callback(answer);\n  });\n}\n",
    );
    writeModule('src/tools/keys.js', "export function readKey(callback) {\n  process.stdin.setRawMode(true);\n  process.stdin.once('data', callback);\n}\n");
    // A server that takes commands from stdin line by line asks nothing: it stays long-running.
    writeModule(
      'src/tools/console.js',
      "import readline from 'node:readline';\nexport function commands(run) {\n  readline.createInterface({ input: process.stdin }).on('line', run);\n}\n",
    );
    const cases: [string, string, string[]][] = [
      ['a prompt library', `import inquirer from 'inquirer';\n${request}`, []],
      ['a readline question over stdin, in the file', `import { createInterface } from 'node:readline/promises';\nconst rl = createInterface({ input: process.stdin, output: process.stdout });\nexport const ask = () => rl.question('Name? ');\n${request}`, []],
      ["the project's prompt helper", `import { prompt } from './tools/prompt.js';\n${request}`, []],
      ["the project's raw-mode key reader, required", `const { readKey } = require('./tools/keys');\n${request}`, []],
      ['a line-by-line command console (no question)', `import { commands } from './tools/console.js';\n${request}`, ['async-pitfalls/require-timeout']],
      ['a module that does not prompt', `import { helper } from './tools/missing.js';\n${request}`, ['async-pitfalls/require-timeout']],
    ];
    for (const [what, code, expected] of cases) {
      assert.deepEqual(lint('require-timeout', 'src/auth.js', [], [], code), expected, what);
    }
  });

  it('code under an if that holds only in development is developer tooling (cli), through constants of the project too', () => {
    const writeModule = (relativePath: string, code: string): void => {
      fs.mkdirSync(path.dirname(path.join(checkout, relativePath)), { recursive: true });
      fs.writeFileSync(path.join(checkout, relativePath), code);
    };
    writeModule('src/flags.js', "export const isDev = process.env.NODE_ENV === 'development';\nexport const isProduction = process.env.NODE_ENV === 'production';\n");
    // What TypeScript emits for `export const isDev = …` in CommonJS (uptime-kuma's src/util.js).
    writeModule('src/flags.cjs', 'exports.isProduction = exports.isDev = void 0;\nexports.isDev = process.env.NODE_ENV === "development";\nexports.isProduction = process.env.NODE_ENV === "production";\n');
    // uptime-kuma's server.js: end-to-end snapshot routes, registered in development only.
    const routes = (head: string, condition: string, elseBranch = ''): string =>
      `import fs from 'node:fs';\n${head}\nexport function routes(app) {\n  if (${condition}) {\n    app.get('/snapshot', async (request, response) => {\n      fs.cpSync('db.sqlite', 'db.snapshot');\n      response.send('ok');\n    });\n  }${elseBranch}\n}\n`;
    const reported = ['async-pitfalls/no-blocking-in-async'];
    const cases: [string, string, string[]][] = [
      ['NODE_ENV compared in place', routes('', "process.env.NODE_ENV === 'development'"), []],
      ['written the other way round', routes('', "'development' == process.env.NODE_ENV"), []],
      ['a constant of the file', routes("const isDev = process.env.NODE_ENV === 'development';", 'isDev'), []],
      ['one side of an &&', routes("const isDev = process.env.NODE_ENV === 'development';", 'isDev && app.debug'), []],
      ['a constant imported from a module of the project', routes("import { isDev } from './flags.js';", 'isDev'), []],
      ['a constant required from TypeScript-emitted CommonJS', routes("const { isDev } = require('./flags.cjs');", 'isDev'), []],
      ['a member of a required module', routes("const flags = require('./flags.cjs');", 'flags.isDev'), []],
      // Production often runs with NODE_ENV unset: "not production" is no development test.
      ['NODE_ENV !== production', routes('', "process.env.NODE_ENV !== 'production'"), reported],
      ['one side of an ||', routes("import { isDev } from './flags.js';", 'isDev || process.env.DEBUG'), reported],
      ['another constant of the module', routes("import { isProduction } from './flags.js';", 'isProduction'), reported],
      ['a variable assigned again', routes("let isDev = process.env.NODE_ENV === 'development';\nexport function enable() { isDev = true; }", 'isDev'), reported],
      [
        'the else branch',
        routes("import { isDev } from './flags.js';", 'isDev', " else {\n    app.get('/restore', async (request, response) => {\n      response.send(fs.readFileSync('db.sqlite'));\n    });\n  }"),
        reported,
      ],
    ];
    for (const [what, code, expected] of cases) {
      assert.deepEqual(lint('no-blocking-in-async', 'src/server.js', [], [], code), expected, what);
    }
  });

  it("no-missing-await: a floating promise in a developer's demo, which only the package's dev script runs, is not reported; in a release script it is", () => {
    fs.mkdirSync(path.join(checkout, 'packages/broker/dev'), { recursive: true });
    fs.writeFileSync(path.join(checkout, 'packages/broker/package.json'), JSON.stringify({ name: 'broker', main: 'src/index.js', scripts: { dev: 'nodemon dev/index.js', release: 'node scripts/release.js' } }));
    fs.writeFileSync(path.join(checkout, 'packages/broker/dev/index.js'), "require('./' + (process.argv[2] || 'demo'));\n");
    // Moleculer dev/buffer.js, reduced: start two brokers, then call one from the other.
    const demo = "import { broker, client } from './brokers.js';\nbroker.start().then(() => {\n  client.call('greeter.hello').then(reply => console.log(reply));\n});\nexport {};\n";
    const code = `async function start() { await fetch('https://api.example.com/start'); }\nfunction run() {\n  start();\n  console.log('started');\n}\nrun();\n${demo}`;
    assert.deepEqual(lint('no-missing-await', 'packages/broker/dev/demo.js', [], [], code), []);
    assert.deepEqual(lint('no-missing-await', 'packages/broker/scripts/release.js', [], [], code), ['async-pitfalls/no-missing-await']);
  });

  it("no-missing-await: in a program whose own unhandledRejection listener logs and keeps running, a follow-up floated after the function's awaited work, or a side job nothing builds on, is not reported in the modules it loads", () => {
    const writePackage = (name: string, serverCode: string, extra: Record<string, string> = {}): void => {
      const root = path.join(checkout, 'servers', name);
      fs.mkdirSync(path.join(root, 'src'), { recursive: true });
      fs.writeFileSync(path.join(root, 'package.json'), JSON.stringify({ name, main: 'src/server.js' }));
      // The server loads the handlers and the export (written here, linted with the code given).
      fs.writeFileSync(path.join(root, 'src/server.js'), `import { register } from './handlers.js';\nconst exporter = require('./export');\n${serverCode}`);
      for (const [file, text] of Object.entries({ 'src/handlers.js': 'export function register() {}\n', 'src/export.js': 'module.exports = {};\n', 'src/tool.js': '', ...extra })) {
        fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
        fs.writeFileSync(path.join(root, file), text);
      }
    };
    // dockge's and uptime-kuma's servers: a listener that prints the error and goes on.
    const logging = "const unexpectedErrorHandler = (error) => {\n  console.trace(error);\n  console.error('If you keep encountering errors, please report them');\n};\nprocess.addListener('unhandledRejection', unexpectedErrorHandler);\nexport function listen(app) { app.listen(3000); }\n";
    writePackage('logs', logging);
    writePackage('inline', "process.on('unhandledRejection', error => { log.error(error); });\nexport function listen(app) { app.listen(3000); }\n");
    writePackage('exits', "process.on('unhandledRejection', error => { console.error(error); process.exit(1); });\nexport function listen(app) { app.listen(3000); }\n");
    writePackage('rethrows', "process.on('unhandledRejection', error => { logger.debug(error); throw error; });\nexport function listen(app) { app.listen(3000); }\n");
    writePackage('none', 'export function listen(app) { app.listen(3000); }\n');
    writePackage('handler-aside', 'export function listen(app) { app.listen(3000); }\n', { 'test/helpers.js': logging });
    // dockge's database close: a listener added for the shutdown and taken away after it.
    writePackage('closing', "export async function close() {\n  const listener = (reason) => { console.log(reason); };\n  process.addListener('unhandledRejection', listener);\n  await db.close();\n  process.removeListener('unhandledRejection', listener);\n}\n");
    const prelude = "async function sendStackList() { const stacks = await docker.list(); io.emit('stackList', stacks); }\n";
    const handler = (body: string) => `${prelude}export function register(socket) {\n  socket.on('request', async (name, callback) => {\n${body}\n  });\n}\n`;
    const reported = ['async-pitfalls/no-missing-await'];
    const cases: [string, string, string[]][] = [
      // dockge docker-socket-handler.ts: the deploy is awaited and acknowledged, the list pushed after it.
      ['a push after the awaited work, in a try whose catch answers the acknowledgement', handler('    try {\n      await deploy(name);\n      callback({ ok: true });\n      sendStackList();\n    } catch (e) {\n      callback({ ok: false, msg: e.message });\n    }'), []],
      ['a push in a catch, after the awaited lookup, before rethrowing', handler('    try {\n      const stack = await find(name);\n      try {\n        await stack.delete();\n      } catch (e) {\n        sendStackList();\n        throw e;\n      }\n    } catch (e) {\n      callback({ ok: false });\n    }'), []],
      ['a push under an if after the awaited work', handler('    const saved = await save(name);\n    if (saved) sendStackList();\n    callback({ ok: saved });'), []],
      // dockge's "Scan Stacks Folder" handler: the push is the whole job, and the ack claims success first.
      ['a push that is the whole work of the listener', handler('    try {\n      callback({ ok: true, msg: \'Updated\' });\n      sendStackList();\n    } catch (e) {\n      callback({ ok: false });\n    }'), reported],
      // uptime-kuma monitor.js: the stats push goes out, then the beat is stored; no catch is
      // written around either.
      ['a push followed by awaited work', handler('    await save(name);\n    sendStackList();\n    await store(name);'), []],
      // uptime-kuma api-router.js: the same inside the try whose catch answers the request.
      ['a push followed by awaited work in a try', handler('    try {\n      await save(name);\n      sendStackList();\n      await store(name);\n    } catch (e) {\n      callback({ ok: false });\n    }'), reported],
      ['a push in a try written around it, after the awaited work', handler('    await save(name);\n    try {\n      sendStackList();\n    } catch (e) {\n      console.error(e);\n    }'), reported],
      ['a push after work awaited only on one branch', handler('    if (name) await save(name);\n    sendStackList();'), reported],
      ['a push in a loop after awaited work', handler('    await save(name);\n    for (const other of socket.peers) sendStackList(other);'), reported],
      // dockge dockge-server.ts: a new connection is sent the server's info, then told to set up;
      // nothing of the listener builds on the push.
      ['a side job before the rest of the listener, with nothing answered after it', handler("    const user = lookup(name);\n    sendStackList();\n    socket.emit('setup', user);"), []],
      ['a side job that the acknowledgement follows', handler('    sendStackList();\n    callback({ ok: true });'), reported],
      ['a side job whose continuation answers', handler("    sendStackList().then(() => callback({ ok: true }));\n    socket.emit('setup');"), reported],
      ['a side job in a loop', handler("    for (const other of socket.peers) sendStackList(other);\n    socket.emit('setup');"), reported],
      // dockge's afterLogin, written out: every push started, no answer after them.
      [
        'side jobs of a method',
        `${prelude}class Server {\n  async afterLogin(socket, user) {\n    socket.join(String(user.id));\n    this.sendInfo(socket);\n    sendStackList();\n    socket.agents.connectAll();\n  }\n  async sendInfo(socket) { socket.emit('info', await settings.get('info')); }\n}\nexport { Server };\n`,
        [],
      ],
      // uptime-kuma check-version.js: the first check starts now, the next ones on a timer.
      ['a background check started before its timer', "export function startInterval() {\n  const check = async () => { latest = await fetch('https://example.com/version'); };\n  check();\n  setInterval(check, 3600000);\n}\n", []],
      // dockge dockge-server.ts: croner's overrun guard (`protect`) works only when the job returns its promise.
      ['a side job that ends a function handed to a scheduler', `${prelude}export function schedule() {\n  new Cron('*/10 * * * * *', { protect: true }, () => {\n    sendStackList();\n  });\n}\n`, reported],
      ['a side job before the end of a function handed to a scheduler', `${prelude}export function schedule() {\n  new Cron('*/10 * * * * *', () => {\n    sendStackList();\n    ticks++;\n  });\n}\n`, []],
    ];
    for (const [what, code, expected] of cases) {
      assert.deepEqual(lint('no-missing-await', 'servers/logs/src/handlers.js', [], [], code), expected, what);
    }
    // wiki's export: the next batch of a recursive fetch, left floating, leaves the stream unfinished.
    assert.deepEqual(lint('no-missing-await', 'servers/logs/src/export.js', [], [], "async function fetchBatch(offset) {\n  const rows = await db.rows(offset);\n  if (rows.length > 0) {\n    stream.push(rows);\n    fetchBatch(offset + 50);\n  } else stream.push(null);\n}\nexport { fetchBatch };\n"), reported, 'a recursive call of the function itself');
    const followUp = handler('    await deploy(name);\n    callback({ ok: true });\n    sendStackList();');
    // A module of the same package that the server never loads runs in another program.
    assert.deepEqual(lint('no-missing-await', 'servers/logs/src/tool.js', [], [], followUp), reported, 'the follow-up in a module the server does not load');
    const sideJob = handler("    const user = lookup(name);\n    sendStackList();\n    socket.emit('setup', user);");
    const byPackage: [string, string[]][] = [['inline', []], ['exits', reported], ['rethrows', reported], ['none', reported], ['handler-aside', reported], ['closing', reported]];
    for (const [name, expected] of byPackage) {
      assert.deepEqual(lint('no-missing-await', `servers/${name}/src/handlers.js`, [], [], followUp), expected, `the follow-up in package ${name}`);
      assert.deepEqual(lint('no-missing-await', `servers/${name}/src/handlers.js`, [], [], sideJob), expected, `the side job in package ${name}`);
    }
    // dockge's afterLogin: an async method that awaits nothing (it sets the socket's user, joins
    // its room and starts the pushes) is called without await once the session is found, before
    // any awaited work, with the login's audit awaited after it.
    const afterLogin = (body: string, login = 'this.afterLogin(socket, user);') =>
      `class Server {\n  async afterLogin(socket, user) {\n${body}\n  }\n  register(socket) {\n    socket.on('login', async (data, callback) => {\n      const user = this.sessions.get(data.token);\n      ${login}\n      callback({ ok: true });\n      await this.audit(user);\n    });\n  }\n}\nexport { Server };\n`;
    const setsUser = '    socket.userID = user.id;\n    socket.join(String(user.id));\n    this.sendInfo(socket);';
    const synchronousCallee: [string, string, string, string[]][] = [
      ['an async method that awaits nothing', 'logs', afterLogin(setsUser), []],
      ['the same in a program whose handler does not log and go on', 'none', afterLogin(setsUser), reported],
      ['the same where the handler exits', 'exits', afterLogin(setsUser), reported],
      ['the same in a try whose catch is meant for it', 'logs', afterLogin(setsUser, 'try {\n        this.afterLogin(socket, user);\n      } catch (e) {\n        callback({ ok: false });\n      }'), reported],
      ['an async method that awaits its work', 'logs', afterLogin('    socket.userID = user.id;\n    await this.sendInfo(socket);'), reported],
      ['an async method that returns a promise', 'logs', afterLogin('    socket.userID = user.id;\n    return this.sendInfo(socket);'), reported],
      ['an async method that iterates with for await', 'logs', afterLogin('    for await (const peer of socket.peers) peer.notify(user);'), reported],
      ['an async method that disposes of a resource with await using', 'logs', afterLogin('    await using lease = socket.lease(user);\n    lease.mark();'), reported],
    ];
    for (const [what, name, code, expected] of synchronousCallee) {
      assert.deepEqual(lint('no-missing-await', `servers/${name}/src/handlers.js`, [], [], code), expected, what);
    }
  });

  it("no-blocking-in-async: an application's own file-system calls are not reported (a package whose start, serve or prod script runs its own code); a library's are, and so are the application's child processes and the calls the option or the user's list asks for", () => {
    const writeFile = (relativePath: string, text: string): void => {
      fs.mkdirSync(path.dirname(path.join(checkout, relativePath)), { recursive: true });
      fs.writeFileSync(path.join(checkout, relativePath), text);
    };
    // zigbee2mqtt lib/extension/otaUpdate.ts, reduced: an OTA request writes the firmware image an admin sent.
    const firmwareWrite =
      "import fs from 'node:fs';\nexport async function onUpdateRequest(device, message) {\n  fs.writeFileSync(device.firmwarePath, Buffer.from(message.image, 'base64'));\n  await device.update();\n}\n";
    // The same handler asking a program for the device's firmware version.
    const childProcess =
      "import { execSync } from 'node:child_process';\nexport async function onUpdateRequest(device) {\n  const version = execSync('ota-tool --version ' + device.id).toString();\n  await device.update(version);\n}\n";
    // dockge backend/socket-handlers/main-socket-handler.ts, reduced: the settings page reads the global env file through a helper.
    writeFile('dockge/backend/env.js', "import fs from 'node:fs';\nexport function readGlobalEnv(dir) {\n  return fs.readFileSync(dir + '/global.env', 'utf-8');\n}\n");
    const throughHelper = "import { readGlobalEnv } from './env.js';\nexport async function getSettings(server, settings) {\n  const data = await settings.get('general');\n  data.globalENV = readGlobalEnv(server.stacksDir);\n  return data;\n}\n";
    const reported = ['async-pitfalls/no-blocking-in-async'];
    writeFile('zigbee2mqtt/package.json', JSON.stringify({ name: 'zigbee2mqtt', main: 'index.js', scripts: { start: 'node index.js' } }));
    writeFile('dockge/package.json', JSON.stringify({ name: 'dockge', scripts: { start: 'tsx ./backend/index.ts' } }));
    // `node server` runs server/index.js, `node ./bin/www` runs bin/www, as Node finds them.
    writeFile('wiki/package.json', JSON.stringify({ name: 'wiki', main: 'wiki.js', scripts: { start: 'node server' } }));
    writeFile('wiki/server/index.js', "require('./core/kernel').init();\n");
    writeFile('express-app/package.json', JSON.stringify({ name: 'express-app', private: true, scripts: { start: 'node ./bin/www' } }));
    writeFile('express-app/bin/www', "require('../app').listen(3000);\n");
    // A production script that runs the server: etherpad-lite's src/package.json.
    writeFile('etherpad/package.json', JSON.stringify({ name: 'ep_etherpad-lite', scripts: { prod: 'cross-env NODE_ENV=production node --require tsx/cjs node/server.ts' } }));
    for (const app of ['zigbee2mqtt/lib/ota.js', 'wiki/server/core/ota.js', 'express-app/routes/ota.js', 'etherpad/node/ota.js']) {
      assert.deepEqual(lint('no-blocking-in-async', app, [], [], firmwareWrite), [], `a file-system call in ${app}`);
      assert.deepEqual(lint('no-blocking-in-async', app, [], [], childProcess), reported, `a child process in ${app}`);
      assert.deepEqual(lint('no-blocking-in-async', app, [{ checkFileSystemInApplications: true }], [], firmwareWrite), reported, `${app} with the option`);
    }
    assert.deepEqual(lint('no-blocking-in-async', 'dockge/backend/settings.js', [], [], throughHelper), [], "a helper of the application's that reads a file");
    assert.deepEqual(lint('no-blocking-in-async', 'dockge/backend/settings.js', [{ checkFileSystemInApplications: true }], [], throughHelper), reported);
    // A call the user lists as blocking is reported wherever it is.
    const listed = [{ blockingCalls: [{ module: 'node:fs', names: ['writeFileSync'] }] }];
    assert.deepEqual(lint('no-blocking-in-async', 'zigbee2mqtt/lib/ota.js', listed, [], firmwareWrite), reported);

    // Libraries: no start script, a start script that runs the library's example, or only a dev script.
    writeFile('library/package.json', JSON.stringify({ name: 'library', main: 'src/index.js' }));
    writeFile('demo-library/package.json', JSON.stringify({ name: 'demo-library', main: 'src/index.js', scripts: { start: 'node examples/server.js' } }));
    writeFile('dev-library/package.json', JSON.stringify({ name: 'dev-library', main: 'src/index.js', scripts: { dev: 'nodemon src/index.js' } }));
    writeFile('missing-server/package.json', JSON.stringify({ name: 'missing-server', main: 'src/index.js', scripts: { start: 'node server' } }));
    for (const library of ['library/src/ota.js', 'demo-library/src/ota.js', 'dev-library/src/ota.js', 'missing-server/src/ota.js']) {
      assert.deepEqual(lint('no-blocking-in-async', library, [], [], firmwareWrite), reported, `a file-system call in ${library}`);
    }
  });

  it('an unknown context is rejected by ESLint with a message naming the value', () => {
    const linter = new Linter({ configType: 'flat', cwd: checkout });
    assert.throws(
      () =>
        linter.verify(PITFALLS['require-timeout'], [
          { plugins: { 'async-pitfalls': { rules } as never }, rules: { 'async-pitfalls/require-timeout': ['error', { contexts: ['server'] }] as LinterTypes.RuleEntry } },
        ]),
      /Value "server" should be equal to one of the allowed values/,
    );
  });
});
