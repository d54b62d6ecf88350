import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { AST_NODE_TYPES } from '../ast-utils';
import type { FunctionNode } from '../functions';
import { getEnclosingFunction } from '../functions';
import { skipTypeWrappers, staticPropertyName } from '../imports';
import { variableOf } from '../scope/variables';
import { someOwnNode } from '../walk';

/**
 * Where a statement stands in its async function's own waiting: after work the function awaited,
 * and with nothing awaited after it. A promise left floating there is a follow-up (a notification
 * sent once the work is done), not a step of the work: nothing of the function waits on it.
 */

const LOOPS = new Set<string>([
  AST_NODE_TYPES.ForStatement,
  AST_NODE_TYPES.ForInStatement,
  AST_NODE_TYPES.ForOfStatement,
  AST_NODE_TYPES.WhileStatement,
  AST_NODE_TYPES.DoWhileStatement,
]);

/** Statements whose await, when they hold one outside a nested function, runs every time they run. */
const STRAIGHT_STATEMENTS = new Set<string>([AST_NODE_TYPES.ExpressionStatement, AST_NODE_TYPES.VariableDeclaration]);

function isAwait(node: TSESTree.Node): boolean {
  return node.type === AST_NODE_TYPES.AwaitExpression || (node.type === AST_NODE_TYPES.ForOfStatement && node.await);
}

/**
 * True when `statement`, in the async function `fn`, runs after an `await` of `fn` on every path
 * to it, in no loop of `fn`, and, unless `awaitAfterAllowed`, with no `await` of `fn` after it.
 * The `await` before must be a statement of its own in a block that holds `statement` (not in a
 * branch that may be skipped) and, when `statement` is in a `try` block, inside that block: a
 * `try` around the statement and no awaited work was written for the statement, whose failure its
 * `catch` meant to handle.
 */
export function followsAwaitedWork(statement: TSESTree.Statement, fn: FunctionNode, awaitAfterAllowed = false): boolean {
  if (!fn.async || fn.body.type !== AST_NODE_TYPES.BlockStatement) return false;
  let awaitedBefore = false;
  let child: TSESTree.Node = statement;
  let parent: TSESTree.Node | undefined = statement.parent;
  while (parent && child !== fn.body) {
    if (LOOPS.has(parent.type)) return false;
    if (!awaitedBefore) {
      if (parent.type === AST_NODE_TYPES.BlockStatement || parent.type === AST_NODE_TYPES.SwitchCase) {
        const siblings: readonly TSESTree.Node[] = parent.type === AST_NODE_TYPES.BlockStatement ? parent.body : parent.consequent;
        const index = siblings.indexOf(child);
        awaitedBefore = siblings.slice(0, index).some(sibling => STRAIGHT_STATEMENTS.has(sibling.type) && someOwnNode(sibling, isAwait));
      }
      // Out of the block of a `try` around the statement with no awaited work found in it.
      if (!awaitedBefore && parent.type === AST_NODE_TYPES.TryStatement && parent.block === child) return false;
    }
    child = parent;
    parent = parent.parent;
  }
  return awaitedBefore && (awaitAfterAllowed || lastAwaitStart(fn) < statement.range[1]);
}

const lastAwaits = new WeakMap<FunctionNode, number>();

/** Where the last `await` of `fn`'s own body starts (-1 when none): read once per function. */
function lastAwaitStart(fn: FunctionNode): number {
  let last = lastAwaits.get(fn);
  if (last === undefined) {
    last = -1;
    someOwnNode(fn.body, node => {
      if (isAwait(node)) last = Math.max(last!, node.range[0]);
      return false;
    });
    lastAwaits.set(fn, last);
  }
  return last;
}

/** Methods that chain a continuation on a promise: the work written there is lost with a rejection. */
const CONTINUATIONS = new Set(['then', 'finally']);

/**
 * True when the promise the expression statement `statement` leaves floating in `fn` is a side
 * job of `fn`, which nothing of `fn` builds on: a push to a client, a background check started.
 * Not when
 * - it runs in a loop of `fn`: one floating promise per turn, as many as the loop runs;
 * - the statement chains a continuation on it (`check().then(ok => callback(null, ok))`): the
 *   work written there is lost with a rejection;
 * - a later step of `fn` calls a parameter of `fn` or of a function around it (`callback(…)`,
 *   `ack(…)`): the caller is told the work is done before it is, or even when it failed;
 * - it is the last step of a function written in place as an argument (`new Cron(…, () => {
 *   sync(); })`): returning the promise would let the function's caller wait for it, as a
 *   scheduler's overrun guard does.
 */
export function isSideJob(sourceCode: Readonly<TSESLint.SourceCode>, statement: TSESTree.ExpressionStatement, fn: FunctionNode): boolean {
  const value = skipTypeWrappers(statement.expression);
  if (value.type !== AST_NODE_TYPES.CallExpression) return false;
  if (value.callee.type === AST_NODE_TYPES.MemberExpression && CONTINUATIONS.has(staticPropertyName(value.callee) ?? '')) return false;
  for (let parent: TSESTree.Node | undefined = statement.parent; parent && parent !== fn; parent = parent.parent) if (LOOPS.has(parent.type)) return false;
  if (fn.body.type === AST_NODE_TYPES.BlockStatement && fn.body.body[fn.body.body.length - 1] === statement && isArgument(fn)) return false;
  const end = statement.range[1];
  const around = new Set<TSESTree.Node>();
  for (let each = getEnclosingFunction(statement); each; each = getEnclosingFunction(each)) around.add(each);
  return !someOwnNode(fn.body, node => node.range[0] >= end && node.type === AST_NODE_TYPES.CallExpression && callsParameterOf(sourceCode, node, around), () => true);
}

function isArgument(fn: FunctionNode): boolean {
  const parent = fn.parent;
  return (parent?.type === AST_NODE_TYPES.CallExpression || parent?.type === AST_NODE_TYPES.NewExpression) && parent.arguments.includes(fn as TSESTree.Expression);
}

/** `callback(…)` where `callback` is a parameter of one of the functions `around`. */
function callsParameterOf(sourceCode: Readonly<TSESLint.SourceCode>, call: TSESTree.CallExpression, around: ReadonlySet<TSESTree.Node>): boolean {
  const callee = skipTypeWrappers(call.callee);
  if (callee.type !== AST_NODE_TYPES.Identifier) return false;
  const definition = variableOf(sourceCode, callee)?.defs[0];
  return definition?.type === 'Parameter' && around.has(definition.node);
}
