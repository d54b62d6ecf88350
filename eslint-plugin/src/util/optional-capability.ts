import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { AST_NODE_TYPES } from './ast-utils';
import { isFunctionNode } from './functions';
import { skipTypeWrappers, staticPropertyName } from './imports';

/**
 * A call of an optional capability: a method the code checks for before calling it, because the
 * platform may not have it (`if (navigator.setAppBadge) navigator.setAppBadge(n)`,
 * `typeof stream.cork === 'function' && stream.cork()`, `'share' in navigator`, or the optional
 * call `navigator.clearAppBadge?.()`). Code that treats the method's presence as optional treats
 * its success the same way: where the capability is missing or refused, the feature quietly does
 * nothing.
 */
export function isOptionalCapabilityCall(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node): boolean {
  let call = skipTypeWrappers(node);
  if (call.type === AST_NODE_TYPES.ChainExpression) call = call.expression;
  if (call.type !== AST_NODE_TYPES.CallExpression) return false;
  const callee = skipTypeWrappers(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  // `navigator.clearAppBadge?.()`: the call itself checks for the method.
  if (call.optional) return true;
  const method = staticPropertyName(callee);
  if (method === undefined) return false;
  const receiver = sourceCode.getText(callee.object);
  const checksMethod = (test: TSESTree.Node): boolean => testsForMethod(sourceCode, test, receiver, method);
  let child: TSESTree.Node = call;
  for (let current: TSESTree.Node | undefined = call.parent; current && !isFunctionNode(current); child = current, current = current.parent) {
    if (current.type === AST_NODE_TYPES.IfStatement && current.consequent === child && checksMethod(current.test)) return true;
    // `if (!navigator.setAppBadge) return;` earlier in the same block.
    if (current.type === AST_NODE_TYPES.BlockStatement || current.type === AST_NODE_TYPES.Program) {
      const before = (current.body as TSESTree.Node[]).slice(0, (current.body as TSESTree.Node[]).indexOf(child));
      if (before.some(statement => isGuardClause(statement, checksMethod))) return true;
    }
    if (current.type === AST_NODE_TYPES.ConditionalExpression && current.consequent === child && checksMethod(current.test)) return true;
    if (current.type === AST_NODE_TYPES.LogicalExpression && current.operator === '&&' && current.right === child && checksMethod(current.left)) return true;
  }
  return false;
}

/** `if (!check) return;` (or `throw`): what follows runs only when the check holds. */
function isGuardClause(statement: TSESTree.Node, checks: (test: TSESTree.Node) => boolean): boolean {
  if (statement.type !== AST_NODE_TYPES.IfStatement || statement.alternate !== null) return false;
  const test = skipTypeWrappers(statement.test);
  if (test.type !== AST_NODE_TYPES.UnaryExpression || test.operator !== '!' || !checks(test.argument)) return false;
  const exit = statement.consequent.type === AST_NODE_TYPES.BlockStatement ? statement.consequent.body.at(-1) : statement.consequent;
  return exit?.type === AST_NODE_TYPES.ReturnStatement || exit?.type === AST_NODE_TYPES.ThrowStatement;
}

/** True when `test` holds only when `receiver.method` exists: a conjunction of which one part checks it. */
function testsForMethod(sourceCode: Readonly<TSESLint.SourceCode>, test: TSESTree.Node, receiver: string, method: string): boolean {
  const node = skipTypeWrappers(test);
  if (node.type === AST_NODE_TYPES.LogicalExpression && node.operator === '&&') {
    return testsForMethod(sourceCode, node.left, receiver, method) || testsForMethod(sourceCode, node.right, receiver, method);
  }
  if (node.type === AST_NODE_TYPES.UnaryExpression && node.operator === '!' && node.argument.type === AST_NODE_TYPES.UnaryExpression && node.argument.operator === '!') {
    return testsForMethod(sourceCode, node.argument.argument, receiver, method);
  }
  const isMethod = (candidate: TSESTree.Node): boolean => {
    const member = skipTypeWrappers(candidate);
    return member.type === AST_NODE_TYPES.MemberExpression && staticPropertyName(member) === method && sourceCode.getText(member.object) === receiver;
  };
  if (isMethod(node)) return true;
  if (node.type !== AST_NODE_TYPES.BinaryExpression) return false;
  // `'setAppBadge' in navigator`
  if (node.operator === 'in') {
    return node.left.type === AST_NODE_TYPES.Literal && node.left.value === method && sourceCode.getText(node.right) === receiver;
  }
  // `typeof navigator.setAppBadge === 'function'`, `navigator.setAppBadge !== undefined`
  const sides = [node.left, node.right];
  if (node.operator === '===' || node.operator === '==') {
    return sides.some(side => side.type === AST_NODE_TYPES.UnaryExpression && side.operator === 'typeof' && isMethod(side.argument)) &&
      sides.some(side => side.type === AST_NODE_TYPES.Literal && side.value === 'function');
  }
  if (node.operator === '!==' || node.operator === '!=') {
    return sides.some(isMethod) && sides.some(side => (side.type === AST_NODE_TYPES.Identifier && side.name === 'undefined') || (side.type === AST_NODE_TYPES.Literal && side.value === null));
  }
  return false;
}
