import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';

import type { BlockingCall } from '../util/blocking-calls';
import { BLOCKING_CALLS, blockingCallKey, describeTwin, userBlockingCallKey } from '../util/blocking-calls';
import { createRule } from '../util/createRule';
import type { FunctionNode } from '../util/functions';
import {
  canAwaitAt,
  getEnclosingFunction,
  getRunningAsyncFunction,
  isSynchronouslyInvoked,
  resolveLocalFunction,
} from '../util/functions';
import { resolveName } from '../util/imports';

export type Options = [
  {
    /** More blocking calls: `{ module: 'better-sqlite3', names: [...] }`, or `{ names: ['sleepSync'] }` for globals. */
    blockingCalls?: { module?: string; names: string[]; asyncTwin?: string }[];
    /** Calls not to report, as `module.name` (`fs.existsSync`) or a global path (`Atomics.wait`). */
    allow?: string[];
    /** Report loops that spin until a time passes (`while (Date.now() < end) {}`). */
    checkBusyWait?: boolean;
    /** Report a call to a sync function of the same file that blocks. */
    checkSyncHelpers?: boolean;
  },
];

export type MessageIds = 'blockingCall' | 'blockingHelper' | 'busyWait' | 'useAsyncTwin';

function calleeName(call: TSESTree.CallExpression): string {
  const callee = call.callee;
  if (callee.type === AST_NODE_TYPES.Identifier) return callee.name;
  if (callee.type === AST_NODE_TYPES.MemberExpression && !callee.computed && callee.property.type === AST_NODE_TYPES.Identifier) {
    return callee.property.name;
  }
  return 'this call';
}

/** `await x` must be parenthesised where it is the target of a member access, a call or `**`. */
function needsParenthesesForAwait(node: TSESTree.Node): boolean {
  const parent = node.parent;
  if (!parent) return false;
  switch (parent.type) {
    case AST_NODE_TYPES.MemberExpression:
      return parent.object === node;
    case AST_NODE_TYPES.CallExpression:
    case AST_NODE_TYPES.NewExpression:
      return parent.callee === node;
    case AST_NODE_TYPES.TaggedTemplateExpression:
      return parent.tag === node;
    case AST_NODE_TYPES.BinaryExpression:
      return parent.operator === '**' && parent.left === node;
    default:
      return false;
  }
}

const TIME_SOURCES = new Set(['Date.now', 'performance.now']);

function isTimeRead(node: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  if (node.type === AST_NODE_TYPES.CallExpression) {
    const name = resolveName(sourceCode, node.callee);
    if (name?.source === undefined && name && TIME_SOURCES.has(name.path.join('.'))) return true;
    if (name?.source === 'perf_hooks' && name.path.join('.') === 'performance.now') return true;
    // new Date().getTime()
    if (
      node.callee.type === AST_NODE_TYPES.MemberExpression &&
      node.callee.object.type === AST_NODE_TYPES.NewExpression &&
      node.callee.object.callee.type === AST_NODE_TYPES.Identifier &&
      node.callee.object.callee.name === 'Date' &&
      !node.callee.computed &&
      node.callee.property.type === AST_NODE_TYPES.Identifier &&
      node.callee.property.name === 'getTime'
    ) {
      return true;
    }
  }
  return false;
}

/** A loop that does nothing but compare the clock: `while (Date.now() < end) {}`. */
function isBusyWaitLoop(
  loop: TSESTree.WhileStatement | TSESTree.DoWhileStatement | TSESTree.ForStatement,
  sourceCode: Readonly<TSESLint.SourceCode>,
): boolean {
  const test = loop.test;
  if (!test || test.type !== AST_NODE_TYPES.BinaryExpression) return false;
  if (!['<', '<=', '>', '>='].includes(test.operator)) return false;
  if (!isTimeRead(test.left, sourceCode) && !isTimeRead(test.right, sourceCode)) return false;
  const body = loop.body;
  if (body.type === AST_NODE_TYPES.EmptyStatement) return true;
  return body.type === AST_NODE_TYPES.BlockStatement && body.body.length === 0;
}

/** The sync function on whose stack `node` runs, skipping synchronously invoked callbacks. */
function getRunningSyncFunction(node: TSESTree.Node): FunctionNode | undefined {
  for (let fn = getEnclosingFunction(node); fn; fn = getEnclosingFunction(fn)) {
    if (fn.async || fn.generator) return undefined;
    if (!isSynchronouslyInvoked(fn)) return fn;
  }
  return undefined;
}

export default createRule<Options, MessageIds>({
  name: 'no-blocking-in-async',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow synchronous blocking calls inside async functions',
      recommended: 'recommended',
      usesTypeInformation: false,
    },
    fixable: 'code',
    hasSuggestions: true,
    messages: {
      blockingCall:
        "'{{name}}' blocks the event loop inside this async function, so nothing else runs until it returns. Use {{twin}} instead.",
      blockingHelper:
        "'{{helper}}' calls '{{name}}', which blocks the event loop inside this async function. Make '{{helper}}' async and use {{twin}} in it.",
      busyWait:
        'This loop spins until a time has passed and blocks the event loop inside this async function. Use `await setTimeout(ms)` from node:timers/promises instead.',
      useAsyncTwin: "Replace with '{{replacement}}'.",
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          blockingCalls: {
            type: 'array',
            description: 'More calls that block: the names exported by a module, or global names when `module` is omitted.',
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['names'],
              properties: {
                module: { type: 'string', description: "Import source, such as 'better-sqlite3' or 'node:fs'." },
                names: {
                  type: 'array',
                  items: { type: 'string', minLength: 1 },
                  minItems: 1,
                  description: "Exported names or dotted paths ('Database.prototype.exec' is not resolvable; use 'execSync').",
                },
                asyncTwin: { type: 'string', description: 'What to use instead; shown in the message.' },
              },
            },
          },
          allow: {
            type: 'array',
            items: { type: 'string', minLength: 1 },
            description: "Calls not to report: 'fs.existsSync', 'node:fs.existsSync' or a global such as 'Atomics.wait'.",
          },
          checkBusyWait: { type: 'boolean', description: 'Report loops that spin on the clock. Default true.' },
          checkSyncHelpers: {
            type: 'boolean',
            description: 'Report calls to a sync function of the same file that blocks. Default true.',
          },
        },
      },
    ],
  },
  defaultOptions: [{ blockingCalls: [], allow: [], checkBusyWait: true, checkSyncHelpers: true }],
  create(context, [options]) {
    const sourceCode = context.sourceCode;
    const isModule = sourceCode.ast.sourceType === 'module';
    const allowed = new Set(
      (options.allow ?? []).map(entry => {
        const dot = entry.indexOf('.');
        if (dot < 0) return entry;
        const [module, name] = [entry.slice(0, dot), entry.slice(dot + 1)];
        return userBlockingCallKey(module, name);
      }),
    );
    const userCalls = new Map<string, BlockingCall>();
    for (const entry of options.blockingCalls ?? []) {
      for (const name of entry.names) {
        const key = userBlockingCallKey(entry.module, name);
        userCalls.set(key, {
          source: entry.module,
          path: name,
          twin: { kind: 'text', text: entry.asyncTwin ?? 'an asynchronous alternative' },
        });
      }
    }

    function lookUp(call: TSESTree.CallExpression): BlockingCall | undefined {
      const name = resolveName(sourceCode, call.callee);
      if (!name) return undefined;
      const key = blockingCallKey(name);
      if (allowed.has(key)) return undefined;
      // `allow: ['existsSync']` allows the name from any module.
      if (allowed.has(name.path[name.path.length - 1] ?? '')) return undefined;
      return userCalls.get(key) ?? BLOCKING_CALLS.get(key);
    }

    function fixToPromisesTwin(call: TSESTree.CallExpression, blocking: BlockingCall): TSESLint.ReportFixFunction | undefined {
      if (blocking.twin.kind !== 'promises' && blocking.twin.kind !== 'global') return undefined;
      if (!canAwaitAt(call, isModule)) return undefined;
      const callee = call.callee;
      let newCallee: string | undefined;
      if (blocking.twin.kind === 'global') {
        newCallee = blocking.twin.path;
      } else if (callee.type === AST_NODE_TYPES.MemberExpression && !callee.computed) {
        // `fs.readFileSync` where `fs` is the module object: `fs.promises.readFile`.
        const object = resolveName(sourceCode, callee.object);
        if (object && object.source === blocking.source && object.path.length === 0) {
          newCallee = `${sourceCode.getText(callee.object)}.promises.${blocking.twin.name}`;
        }
      }
      if (newCallee === undefined) return undefined;
      const argumentsText = sourceCode.text.slice(callee.range[1], call.range[1]);
      const awaited = `await ${newCallee}${argumentsText}`;
      const replacement = needsParenthesesForAwait(call) ? `(${awaited})` : awaited;
      return fixer => fixer.replaceText(call, replacement);
    }

    function reportBlockingCall(call: TSESTree.CallExpression, blocking: BlockingCall): void {
      const fix = fixToPromisesTwin(call, blocking);
      context.report({
        node: call,
        messageId: 'blockingCall',
        data: { name: calleeName(call), twin: describeTwin(blocking.twin) },
        fix,
      });
    }

    const blockingHelpers = new Map<FunctionNode, { call: TSESTree.CallExpression; blocking: BlockingCall }>();
    const helperCalls: TSESTree.CallExpression[] = [];

    function checkLoop(loop: TSESTree.WhileStatement | TSESTree.DoWhileStatement | TSESTree.ForStatement): void {
      if (options.checkBusyWait === false) return;
      if (!getRunningAsyncFunction(loop)) return;
      if (isBusyWaitLoop(loop, sourceCode)) context.report({ node: loop, messageId: 'busyWait' });
    }

    return {
      CallExpression(call) {
        const blocking = lookUp(call);
        if (blocking) {
          if (getRunningAsyncFunction(call)) {
            reportBlockingCall(call, blocking);
            return;
          }
          const helper = getRunningSyncFunction(call);
          if (helper && !blockingHelpers.has(helper)) blockingHelpers.set(helper, { call, blocking });
          return;
        }
        if (options.checkSyncHelpers !== false && call.callee.type === AST_NODE_TYPES.Identifier && getRunningAsyncFunction(call)) {
          helperCalls.push(call);
        }
      },
      WhileStatement: checkLoop,
      DoWhileStatement: checkLoop,
      ForStatement: checkLoop,
      'Program:exit'() {
        for (const call of helperCalls) {
          const fn = resolveLocalFunction(sourceCode, call.callee);
          const found = fn && blockingHelpers.get(fn);
          if (!found) continue;
          context.report({
            node: call,
            messageId: 'blockingHelper',
            data: {
              helper: (call.callee as TSESTree.Identifier).name,
              name: calleeName(found.call),
              twin: describeTwin(found.blocking.twin),
            },
          });
        }
      },
    };
  },
});
