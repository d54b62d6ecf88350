import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES, ASTUtils } from '@typescript-eslint/utils';

export type FunctionNode =
  | TSESTree.ArrowFunctionExpression
  | TSESTree.FunctionDeclaration
  | TSESTree.FunctionExpression;

export function isFunctionNode(node: TSESTree.Node): node is FunctionNode {
  return (
    node.type === AST_NODE_TYPES.ArrowFunctionExpression ||
    node.type === AST_NODE_TYPES.FunctionDeclaration ||
    node.type === AST_NODE_TYPES.FunctionExpression
  );
}

/** Array methods that call their callback with each element as its first argument. */
export const ELEMENT_CALLBACK_METHODS: ReadonlySet<string> = new Set([
  'every',
  'filter',
  'find',
  'findIndex',
  'findLast',
  'findLastIndex',
  'flatMap',
  'forEach',
  'map',
  'some',
]);

/**
 * Array methods whose callback runs synchronously, before the call returns, on the caller's
 * stack. A blocking call in such a callback blocks the function that called the method.
 */
const SYNC_CALLBACK_METHODS = new Set([...ELEMENT_CALLBACK_METHODS, 'reduce', 'reduceRight', 'sort', 'toSorted']);

function calleeMethodName(call: TSESTree.CallExpression): string | undefined {
  const callee = call.callee;
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  if (!callee.computed && callee.property.type === AST_NODE_TYPES.Identifier) return callee.property.name;
  if (callee.property.type === AST_NODE_TYPES.Literal && typeof callee.property.value === 'string') {
    return callee.property.value;
  }
  return undefined;
}

function unwrapParentheses(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  while (
    current.parent &&
    (current.parent.type === AST_NODE_TYPES.TSAsExpression ||
      current.parent.type === AST_NODE_TYPES.TSNonNullExpression ||
      current.parent.type === AST_NODE_TYPES.TSSatisfiesExpression)
  ) {
    current = current.parent;
  }
  return current;
}

/**
 * True when `fn` runs synchronously while the code around it runs: an IIFE (`(() => …)()`,
 * `(function () {…}).call(this)`), the callback of an array method from `SYNC_CALLBACK_METHODS`,
 * `Array.from`'s map function, or a `new Promise` executor.
 */
export function isSynchronouslyInvoked(fn: FunctionNode): boolean {
  if (fn.async || fn.generator) return false;
  const node = unwrapParentheses(fn);
  const parent = node.parent;
  if (!parent) return false;
  if (parent.type === AST_NODE_TYPES.CallExpression && parent.callee === node) return true;
  if (
    parent.type === AST_NODE_TYPES.MemberExpression &&
    parent.object === node &&
    parent.parent?.type === AST_NODE_TYPES.CallExpression &&
    parent.parent.callee === parent
  ) {
    const method = !parent.computed && parent.property.type === AST_NODE_TYPES.Identifier ? parent.property.name : '';
    return method === 'call' || method === 'apply';
  }
  if (parent.type === AST_NODE_TYPES.NewExpression) {
    return (
      parent.arguments[0] === node &&
      parent.callee.type === AST_NODE_TYPES.Identifier &&
      parent.callee.name === 'Promise'
    );
  }
  if (parent.type !== AST_NODE_TYPES.CallExpression || !parent.arguments.includes(node as TSESTree.CallExpressionArgument)) {
    return false;
  }
  const method = calleeMethodName(parent);
  if (method === undefined) return false;
  if (method === 'from') {
    const callee = parent.callee as TSESTree.MemberExpression;
    return (
      callee.object.type === AST_NODE_TYPES.Identifier &&
      callee.object.name === 'Array' &&
      parent.arguments[1] === node
    );
  }
  return SYNC_CALLBACK_METHODS.has(method) && parent.arguments[0] === node;
}

/** The innermost function that contains `node`, or undefined at module or class-field level. */
export function getEnclosingFunction(node: TSESTree.Node): FunctionNode | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (isFunctionNode(current)) return current;
  }
  return undefined;
}

/**
 * The async function (or async generator) on whose stack `node` runs: its own body, or a
 * synchronously invoked callback nested in it (see `isSynchronouslyInvoked`). Undefined at the
 * top level, in a sync function, and in a nested function that runs later or elsewhere
 * (a `setTimeout` callback, an event handler, a function passed to another module).
 */
export function getRunningAsyncFunction(node: TSESTree.Node): FunctionNode | undefined {
  for (let fn = getEnclosingFunction(node); fn; fn = getEnclosingFunction(fn)) {
    if (fn.async) return fn;
    if (!isSynchronouslyInvoked(fn)) return undefined;
  }
  return undefined;
}

/**
 * True when `await` is legal at `node`: directly in an async function (not a nested sync
 * callback), or at the top level of an ES module.
 */
export function canAwaitAt(node: TSESTree.Node, isModule: boolean): boolean {
  const fn = getEnclosingFunction(node);
  if (fn) return fn.async;
  // Class field initialisers and static blocks are not module top level.
  for (let current = node.parent; current; current = current.parent) {
    if (
      current.type === AST_NODE_TYPES.PropertyDefinition ||
      current.type === AST_NODE_TYPES.StaticBlock ||
      current.type === AST_NODE_TYPES.AccessorProperty
    ) {
      return false;
    }
  }
  return isModule;
}

/** The function a reference is bound to, when it is bound once and never reassigned. */
export function resolveLocalFunction(
  sourceCode: Readonly<TSESLint.SourceCode>,
  node: TSESTree.Node,
): FunctionNode | undefined {
  if (isFunctionNode(node)) return node;
  if (node.type !== AST_NODE_TYPES.Identifier) return undefined;
  const variable = ASTUtils.findVariable(sourceCode.getScope(node), node);
  if (!variable || variable.defs.length !== 1) return undefined;
  const definition = variable.defs[0]!;
  if (definition.type === 'FunctionName' && isFunctionNode(definition.node)) return definition.node;
  if (
    definition.type === 'Variable' &&
    definition.node.id.type === AST_NODE_TYPES.Identifier &&
    definition.node.init &&
    isFunctionNode(definition.node.init) &&
    variable.references.every(reference => !reference.isWrite() || reference.init === true)
  ) {
    return definition.node.init;
  }
  return undefined;
}
