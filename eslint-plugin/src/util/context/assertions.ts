import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { AST_NODE_TYPES } from '../ast-utils';
import { callChainRoot } from '../ast';
import { isFunctionNode } from '../functions';
import { resolveName, skipTypeWrappers, staticPropertyName } from '../imports';
import { variableOf } from '../scope/variables';
import { isTestRegistration } from './test-code';

/** Modules whose exports (or whose module object) assert: Node's, chai's, `expect`'s. */
const ASSERTION_MODULES = new Set(['assert', 'assert/strict', 'chai', 'expect', 'power-assert', 'should', 'uvu/assert']);
/**
 * Test runners' modules: only their `expect` (or `assert`) asserts. Their mocks and spies
 * (`vi.fn()`, `jest.fn()`) and hooks assert nothing.
 */
const RUNNER_MODULES = new Set(['vitest', '@jest/globals', '@playwright/test']);
const ASSERTION_NAMES = new Set(['expect', 'assert', 'should', 'chai', 'expectTypeOf']);
/** What a test's context object (`t`) has besides assertions. */
const TEST_CONTEXT_NON_ASSERTIONS = new Set(['test', 'todo', 'skip', 'only', 'plan', 'end', 'teardown', 'before', 'after', 'beforeEach', 'afterEach', 'timeout', 'log', 'diagnostic', 'context', 'name', 'signal', 'mock', 'runOnly', 'pass']);

type SourceCode = Readonly<TSESLint.SourceCode>;

/**
 * The function called first in a chain: `expect` in `expect(x).resolves.toBe(y)`, `vi.fn` in
 * `vi.fn().mockImplementation(f)`.
 */
function innermostCallee(call: TSESTree.CallExpression): TSESTree.Node {
  let innermost: TSESTree.Node = call.callee;
  for (let current: TSESTree.Node = call.callee; ; ) {
    if (current.type === AST_NODE_TYPES.MemberExpression) current = current.object;
    else if (current.type === AST_NODE_TYPES.ChainExpression) current = current.expression;
    else if (current.type === AST_NODE_TYPES.CallExpression) innermost = current = current.callee;
    else return innermost;
  }
}

/** The function whose parameter `identifier` is, when it is one. */
function parameterOwner(sourceCode: SourceCode, identifier: TSESTree.Identifier): TSESTree.Node | undefined {
  const variable = variableOf(sourceCode, identifier);
  const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  return definition?.type === 'Parameter' ? definition.node : undefined;
}

/** A test callback: the function a runner registers (`it('x', (t) => …)`). */
function isTestCallback(fn: TSESTree.Node | undefined): boolean {
  const parent = fn?.parent;
  return parent?.type === AST_NODE_TYPES.CallExpression && parent.arguments.includes(fn as TSESTree.CallExpressionArgument) && isTestRegistration(parent);
}

/**
 * True when the call asserts: `expect(…)…`, `assert.equal(…)`, `x.should.…`, chai's, or a
 * test context's method (`t.is(…)`, `t.assert.equal(…)`) inside the test that received `t`.
 */
export function isAssertionCall(sourceCode: SourceCode, call: TSESTree.CallExpression): boolean {
  for (let callee: TSESTree.Node = call.callee; callee.type === AST_NODE_TYPES.MemberExpression; callee = callee.object) {
    if (staticPropertyName(callee) === 'should') return true;
  }
  const root = callChainRoot(call.callee);
  if (root.type !== AST_NODE_TYPES.Identifier) return false;
  const name = resolveName(sourceCode, root);
  if (name && name.source !== undefined && ASSERTION_MODULES.has(name.source)) return true;
  if (name && name.source !== undefined && RUNNER_MODULES.has(name.source)) {
    const first = resolveName(sourceCode, innermostCallee(call))?.path[0];
    return first !== undefined && ASSERTION_NAMES.has(first);
  }
  if (name?.source === undefined && ASSERTION_NAMES.has(root.name) && (name?.path.length ?? 1) >= 1) {
    if (!parameterOwner(sourceCode, root)) return true;
  }
  // `t.is(…)`: `t` is the test's own context.
  const owner = parameterOwner(sourceCode, root);
  if (owner && isTestCallback(owner) && call.callee.type === AST_NODE_TYPES.MemberExpression) {
    const first = call.callee.object === root ? staticPropertyName(call.callee) : undefined;
    return first === undefined ? true : !TEST_CONTEXT_NON_ASSERTIONS.has(first);
  }
  return false;
}

function someNode(root: TSESTree.Node, visitorKeys: SourceCode['visitorKeys'], visit: (node: TSESTree.Node) => boolean): boolean {
  const stack: TSESTree.Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (visit(node)) return true;
    for (const key of visitorKeys[node.type] ?? []) {
      const child = (node as unknown as Record<string, unknown>)[key];
      for (const item of Array.isArray(child) ? child : [child]) {
        if (item && typeof (item as TSESTree.Node).type === 'string') stack.push(item as TSESTree.Node);
      }
    }
  }
  return false;
}

/**
 * True when `node` (callbacks written inside it included) asserts something. The assertions of a
 * test it registers (`test('x', (t) => …)`) belong to that test, not to `node`.
 */
export function containsAssertion(sourceCode: SourceCode, node: TSESTree.Node): boolean {
  const stack: TSESTree.Node[] = [node];
  while (stack.length > 0) {
    const current = stack.pop()!;
    if (current.type === AST_NODE_TYPES.CallExpression) {
      if (isAssertionCall(sourceCode, current)) return true;
      if (isTestRegistration(current)) continue;
    }
    for (const key of sourceCode.visitorKeys[current.type] ?? []) {
      const child = (current as unknown as Record<string, unknown>)[key];
      for (const item of Array.isArray(child) ? child : [child]) {
        if (item && typeof (item as TSESTree.Node).type === 'string') stack.push(item as TSESTree.Node);
      }
    }
  }
  return false;
}

/** Functions that wait for an event: `once` of `node:events`, p-event's. */
const EVENT_WAITERS: readonly { source: string; path: string }[] = [
  { source: 'events', path: 'once' },
  { source: 'events', path: 'EventEmitter.once' },
  { source: 'p-event', path: 'pEvent' },
  { source: 'p-event', path: 'pEventMultiple' },
  { source: 'p-event', path: 'default' },
  { source: 'p-event', path: '' },
];

/** True when `expression` is `await <wait for an event>(…)`. */
function awaitsEvent(sourceCode: SourceCode, expression: TSESTree.Node | null | undefined): boolean {
  const current = expression && skipTypeWrappers(expression);
  if (current?.type !== AST_NODE_TYPES.AwaitExpression || current.argument.type !== AST_NODE_TYPES.CallExpression) return false;
  const name = resolveName(sourceCode, current.argument.callee);
  return name?.source !== undefined && EVENT_WAITERS.some(waiter => waiter.source === name.source && waiter.path === name.path.join('.'));
}

/**
 * True when `node` is an async function expression called in place whose first step waits for an
 * event (`(async () => { const warning = await pEvent(process, 'warning'); … })()`): a watcher,
 * a listener written with `await`. Its checks run if the event comes, as a listener's would, and
 * awaiting it would hang the test when the event never comes, as it may by design.
 */
export function isEventWatcher(sourceCode: SourceCode, node: TSESTree.Node): boolean {
  if (node.type !== AST_NODE_TYPES.CallExpression) return false;
  const fn = node.callee;
  if ((fn.type !== AST_NODE_TYPES.ArrowFunctionExpression && fn.type !== AST_NODE_TYPES.FunctionExpression) || !fn.async) return false;
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return awaitsEvent(sourceCode, fn.body);
  const first = fn.body.body[0];
  if (first?.type === AST_NODE_TYPES.ExpressionStatement) return awaitsEvent(sourceCode, first.expression);
  return first?.type === AST_NODE_TYPES.VariableDeclaration && first.declarations.length === 1 && awaitsEvent(sourceCode, first.declarations[0]!.init);
}

/**
 * True when the test around `node` counts its assertions (`t.plan(n)`, `expect.assertions(n)`,
 * `expect.hasAssertions()`): an assertion that never runs fails the test, so none is lost.
 */
export function testCountsAssertions(sourceCode: SourceCode, node: TSESTree.Node): boolean {
  let test: TSESTree.Node | undefined;
  for (let current = node.parent; current; current = current.parent) {
    if (isFunctionNode(current) && isTestCallback(current)) {
      test = current;
      break;
    }
  }
  if (!test || !isFunctionNode(test)) return false;
  const context = test.params[0]?.type === AST_NODE_TYPES.Identifier ? test.params[0].name : undefined;
  return someNode(test.body, sourceCode.visitorKeys, current => {
    if (current.type !== AST_NODE_TYPES.CallExpression || current.callee.type !== AST_NODE_TYPES.MemberExpression) return false;
    const method = staticPropertyName(current.callee);
    const object = current.callee.object;
    if (object.type !== AST_NODE_TYPES.Identifier) return false;
    if (object.name === context && method === 'plan') return true;
    return object.name === 'expect' && (method === 'assertions' || method === 'hasAssertions');
  });
}

/**
 * True when `fn` settles what its test waits for: it calls the `resolve`/`reject` of an enclosing
 * `new Promise` executor, or the `done` callback (or `t.end()`) of the enclosing test. A failure
 * before that point leaves the test waiting, and the runner fails it (a timeout, or the unhandled
 * rejection it reports), so no assertion is lost.
 */
export function settlesEnclosingTest(sourceCode: SourceCode, fn: TSESTree.Node): boolean {
  return someNode(fn, sourceCode.visitorKeys, current => {
    if (current.type !== AST_NODE_TYPES.CallExpression) return false;
    const callee = current.callee;
    const identifier =
      callee.type === AST_NODE_TYPES.Identifier
        ? callee
        : callee.type === AST_NODE_TYPES.MemberExpression && callee.object.type === AST_NODE_TYPES.Identifier && staticPropertyName(callee) === 'end'
          ? callee.object
          : undefined;
    if (!identifier) return false;
    const owner = parameterOwner(sourceCode, identifier);
    if (!owner || !isFunctionNode(owner) || owner === fn) return false;
    const parent = owner.parent;
    const isExecutor =
      parent?.type === AST_NODE_TYPES.NewExpression &&
      parent.arguments[0] === owner &&
      parent.callee.type === AST_NODE_TYPES.Identifier &&
      parent.callee.name === 'Promise';
    return isExecutor || isTestCallback(owner);
  });
}
