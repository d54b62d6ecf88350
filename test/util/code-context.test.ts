import * as assert from 'node:assert/strict';

import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { Linter } from 'eslint';

import { getCodeContext } from '../../eslint-plugin/src/util/context';

/** The context the model gives to each call of a plain function name, as `name: context`. */
function contextsOfCalls(code: string): string[] {
  const rule: TSESLint.RuleModule<'context'> = {
    defaultOptions: [],
    meta: { type: 'problem', schema: [], messages: { context: '{{name}}: {{context}}' } },
    create(context) {
      const model = getCodeContext(context);
      return {
        CallExpression(node: TSESTree.CallExpression) {
          if (node.callee.type !== 'Identifier') return;
          context.report({ node, messageId: 'context', data: { name: node.callee.name, context: model.contextOf(node) } });
        },
      };
    },
  };
  const linter = new Linter({ configType: 'flat' });
  const messages = linter.verify(
    code,
    [
      {
        files: ['**/*.js'],
        plugins: { probe: { rules: { context: rule as never } } },
        languageOptions: { ecmaVersion: 'latest', sourceType: 'commonjs' },
        rules: { 'probe/context': 'error' },
      },
    ],
    { filename: 'src/service.js' },
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

  it('answers for code nested hundreds of functions deep (each function asks the next one up once)', () => {
    const depth = 200;
    const code = `${'const f = async () => {\n'.repeat(depth)}work();\n${'};\n'.repeat(depth)}`;
    assert.deepEqual(contextsOfCalls(code), ['work: long-running']);
  });
});
