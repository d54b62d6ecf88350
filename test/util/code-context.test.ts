import * as assert from 'node:assert/strict';

import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import * as tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';

import { getCodeContext } from '../../eslint-plugin/src/util/context';

/**
 * The context the model gives to each call of a plain function name, as `name: context`; a
 * `.ts` filename is parsed as TypeScript.
 */
function contextsOfCalls(code: string, filename = 'src/service.js'): string[] {
  const rule: TSESLint.RuleModule<'context'> = {
    defaultOptions: [],
    meta: { type: 'problem', schema: [], messages: { context: '{{name}}: {{context}}' } },
    create(context) {
      const model = getCodeContext(context);
      return {
        CallExpression(node: TSESTree.CallExpression) {
          if (node.callee.type !== 'Identifier') return;
          const where = `${model.contextOf(node)}${model.inTestRunnerService(node) ? ', in a test runner service' : ''}`;
          context.report({ node, messageId: 'context', data: { name: node.callee.name, context: where } });
        },
      };
    },
  };
  const linter = new Linter({ configType: 'flat' });
  const messages = linter.verify(
    code,
    [
      {
        files: ['**/*.js', '**/*.ts'],
        plugins: { probe: { rules: { context: rule as never } } },
        languageOptions: filename.endsWith('.ts')
          ? { parser: tsParser as unknown as Linter.Parser, sourceType: 'module' }
          : { ecmaVersion: 'latest', sourceType: 'commonjs' },
        rules: { 'probe/context': 'error' },
      },
    ],
    { filename },
  );
  return messages.map(message => message.message);
}

describe('util/context contextOf', () => {
  it('gives code inside nested functions the context that any function or block around it imposes', () => {
    assert.deepEqual(
      contextsOfCalls(`
start();
async function serve() {
  loadConfig();
  app.listen(3000);
  handle();
  const later = () => { respond(); };
}
if (require.main === module) {
  main();
  (async () => { const step = () => { run(); }; })();
}
function suite() {
  it('works', async () => {
    const outer = () => { const inner = () => { check(); }; };
  });
}
yargs.command('build', 'builds', () => {}, async () => { const helper = () => { build(); }; });
if (require.main === module) {
  it('runs', () => { probe(); });
}
`),
      [
        'start: startup',
        'loadConfig: startup',
        'handle: long-running',
        'respond: long-running',
        'main: cli',
        'run: cli',
        'it: long-running',
        'check: test',
        'build: cli',
        'it: cli',
        'probe: test',
      ],
    );
  });

  it('takes code before the statement that starts a server, in the same block, for start-up code', () => {
    // zigbee2mqtt lib/extension/frontend.ts: the TLS files are read in the block that then listens.
    assert.deepEqual(
      contextsOfCalls(`
async function start(ssl, host) {
  if (ssl) {
    const options = { key: readKey(), cert: readCert() };
    server = createSecureServer(options);
    if (!host) {
      server.listen(8080);
    } else {
      server.listen(8080, host);
    }
    afterListen();
  } else {
    readOther();
  }
  later();
}
`),
      ['readKey: startup', 'readCert: startup', 'createSecureServer: startup', 'afterListen: long-running', 'readOther: long-running', 'later: long-running'],
    );
    // etherpad-lite src/node/hooks/express.ts: the TLS files are read before the server's listen,
    // which is promisified and called through bind.
    assert.deepEqual(
      contextsOfCalls(`
async function restartServer() {
  if (ssl) {
    options = { key: readKey() };
  }
  server = createServer(options);
  await promisify(server.listen).bind(server)(port);
  serve();
}
`),
      ['readKey: startup', 'createServer: startup', 'promisify: long-running', 'serve: long-running'],
    );
  });

  it('takes code before a call of a function of the file that starts the server for start-up code', () => {
    // etherpad-lite src/node/hooks/express.ts: createServer reads the git commit for its banner,
    // then awaits restartServer, a CommonJS export of the file that listens.
    const etherpad = (more: string) => `
exports.createServer = async () => {
  banner(getGitCommit());
  await exports.restartServer();
  announce();
};
exports.restartServer = async () => {
  server = createServer(app);
  await promisify(server.listen).bind(server)(port);
};
${more}`;
    assert.deepEqual(contextsOfCalls(etherpad('')), [
      'banner: startup',
      'getGitCommit: startup',
      'announce: long-running',
      'createServer: startup',
      'promisify: long-running',
    ]);
    // The export assigned again: not known to be that function.
    assert.deepEqual(contextsOfCalls(etherpad('exports.restartServer = other;')), [
      'banner: long-running',
      'getGitCommit: long-running',
      'announce: long-running',
      'createServer: startup',
      'promisify: long-running',
    ]);
    // A function of the file, a method of the class; a function that connects as a client starts no server.
    assert.deepEqual(
      contextsOfCalls(`
async function start() {
  readConfig();
  await listenOn(8080);
  serve();
}
async function listenOn(port) {
  http.createServer(app).listen(port);
}
class Frontend {
  async start() {
    readCertificates();
    await this.open();
    answer();
  }
  async open() {
    this.server.listen(8080);
  }
}
async function connect() {
  readCa();
  await openSocket();
  publish();
}
async function openSocket() {
  net.connect(1883);
}
`),
      ['readConfig: startup', 'listenOn: long-running', 'serve: long-running', 'readCertificates: startup', 'answer: long-running', 'readCa: long-running', 'openSocket: long-running', 'publish: long-running'],
    );
  });

  it("knows the members of a test runner's service class, not its reporters or other classes; they are no test code", () => {
    // The shape of a WebdriverIO service (wdio-appium-service's selector performance service):
    // its hooks run inside a test, whose commands the runner awaits one by one; a rejection they
    // lose is still unhandled in the runner's process.
    assert.deepEqual(
      contextsOfCalls(
        `
import type { Services, Reporters } from '@wdio/types';
import * as wdio from '@wdio/types';
import { Services as S } from '@wdio/types';
import type { Services as Other } from './types.js';

export default class SelectorService implements Services.ServiceInstance {
  constructor() { configure(); }
  async beforeCommand(name: string) { const read = () => { readSpec(); }; }
  afterSession = async () => { writeReport(); };
}
class HookService implements wdio.Services.HookFunctions { async afterTest() { inHook(); } }
export class AliasedService implements S.ServiceInstance { async before() { aliased(); } }
class LogReporter implements Reporters.ReporterInstance { async onRunnerEnd() { ship(); } }
class Lookalike implements Other.ServiceInstance { async before() { lookalike(); } }
class Plain { async handle() { serve(); } }
helper();
`,
        'src/service.ts',
      ),
      [
        'configure: long-running, in a test runner service',
        'readSpec: long-running, in a test runner service',
        'writeReport: long-running, in a test runner service',
        'inHook: long-running, in a test runner service',
        'aliased: long-running, in a test runner service',
        'ship: long-running',
        'lookalike: long-running',
        'serve: long-running',
        'helper: startup',
      ],
    );
  });

  it('answers for code nested hundreds of functions deep (each function asks the next one up once)', () => {
    const depth = 200;
    const code = `${'const f = async () => {\n'.repeat(depth)}work();\n${'};\n'.repeat(depth)}`;
    assert.deepEqual(contextsOfCalls(code), ['work: long-running']);
  });
});
