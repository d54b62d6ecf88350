import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-utils';

import { lookUp } from '../declarations/scopes';
import { getEnclosingFunction } from '../functions';
import { someOwnNode } from '../walk';

/**
 * "Is this call's value computed once and kept?" — a blocking read whose result is cached for the
 * life of the process (`if (sql === undefined) { sql = readFileSync(f); cache.set(name, sql); }`,
 * `this.template ??= readFileSync(f)`) blocks the first time only: lazy set-up, as cheap over a
 * long run as reading at start-up. Decided from the syntax alone, so that it answers the same for
 * the linted file and for modules read from disk (whose trees have parent links, no scopes).
 *
 * The value must be assigned to a place tested for absence just around the call, and kept where
 * the next call finds it: a property of `this`, a variable declared outside the function, or a
 * map of that kind (`cache.set(key, value)`).
 */
export function isComputedOnce(call: TSESTree.CallExpression): boolean {
  const target = assignedPlace(call);
  if (!target) return false;
  const fn = getEnclosingFunction(call);
  if (target.lazyOperator) return outlivesCall(target.place, fn);
  const guard = absenceGuard(target.statement, target.place);
  if (!guard) return false;
  return outlivesCall(target.place, fn) || keptInLongLivedMap(guard.consequent, target.place, fn);
}

interface AssignedPlace {
  place: TSESTree.Node;
  /** The statement holding the assignment. */
  statement: TSESTree.Node;
  /** `x ??= read()`, `x ||= read()`: assigned only when absent. */
  lazyOperator: boolean;
}

/** The variable or property the call's value is assigned to by `=`, `??=` or `||=`, in a statement of its own. */
function assignedPlace(call: TSESTree.CallExpression): AssignedPlace | undefined {
  const parent = call.parent;
  if (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.right === call) {
    if (parent.parent?.type !== AST_NODE_TYPES.ExpressionStatement) return undefined;
    if (parent.operator === '??=' || parent.operator === '||=') return { place: parent.left, statement: parent.parent, lazyOperator: true };
    return parent.operator === '=' ? { place: parent.left, statement: parent.parent, lazyOperator: false } : undefined;
  }
  return undefined;
}

/**
 * The `if` whose consequent holds `statement` (directly or in its block) and whose test says the
 * place is absent: `!x`, `x === undefined`, `x == null`, `x === null`, `typeof x === 'undefined'`.
 */
function absenceGuard(statement: TSESTree.Node, place: TSESTree.Node): TSESTree.IfStatement | undefined {
  let child: TSESTree.Node = statement;
  let parent = statement.parent;
  if (parent?.type === AST_NODE_TYPES.BlockStatement) {
    child = parent;
    parent = parent.parent;
  }
  if (parent?.type !== AST_NODE_TYPES.IfStatement || parent.consequent !== child) return undefined;
  return testsAbsence(parent.test, place) ? parent : undefined;
}

function testsAbsence(test: TSESTree.Expression, place: TSESTree.Node): boolean {
  if (test.type === AST_NODE_TYPES.UnaryExpression && test.operator === '!') return sameReference(test.argument, place);
  if (test.type !== AST_NODE_TYPES.BinaryExpression || (test.operator !== '===' && test.operator !== '==')) return false;
  const [left, right] = [test.left, test.right];
  const isAbsentValue = (node: TSESTree.Node): boolean =>
    (node.type === AST_NODE_TYPES.Identifier && node.name === 'undefined') ||
    (node.type === AST_NODE_TYPES.Literal && (node.value === null || node.value === 'undefined'));
  const subject = isAbsentValue(right) ? left : isAbsentValue(left) ? right : undefined;
  if (!subject) return false;
  const tested = subject.type === AST_NODE_TYPES.UnaryExpression && subject.operator === 'typeof' ? subject.argument : subject;
  return sameReference(tested, place);
}

/** `a` and `b` name the same variable or the same property path (`x`, `this.x`, `a.b.c`). */
function sameReference(a: TSESTree.Node, b: TSESTree.Node): boolean {
  if (a.type === AST_NODE_TYPES.Identifier) return b.type === AST_NODE_TYPES.Identifier && a.name === b.name;
  if (a.type === AST_NODE_TYPES.ThisExpression) return b.type === AST_NODE_TYPES.ThisExpression;
  if (a.type !== AST_NODE_TYPES.MemberExpression || b.type !== AST_NODE_TYPES.MemberExpression) return false;
  if (a.computed || b.computed || a.property.type === AST_NODE_TYPES.PrivateIdentifier !== (b.property.type === AST_NODE_TYPES.PrivateIdentifier)) return false;
  const aName = (a.property as TSESTree.Identifier | TSESTree.PrivateIdentifier).name;
  const bName = (b.property as TSESTree.Identifier | TSESTree.PrivateIdentifier).name;
  return aName === bName && sameReference(a.object, b.object);
}

/**
 * True when the place is still there for the next call: a property of `this` or of a variable
 * declared outside the function, or such a variable itself.
 */
function outlivesCall(place: TSESTree.Node, fn: TSESTree.Node | undefined): boolean {
  let root = place;
  while (root.type === AST_NODE_TYPES.MemberExpression) root = root.object;
  if (root.type === AST_NODE_TYPES.ThisExpression) return place !== root;
  return root.type === AST_NODE_TYPES.Identifier && (fn === undefined || !declaredIn(fn, root));
}

/** True when the name `reference` reads is a parameter of `fn` or declared in its body. */
function declaredIn(fn: TSESTree.Node, reference: TSESTree.Identifier): boolean {
  const found = lookUp(reference.name, reference, 'value');
  if (!found) return false;
  if (found.kind === 'parameter') return found.fn === fn;
  return found.kind === 'declarations' && found.nodes.some(node => node.range[0] >= fn.range[0] && node.range[1] <= fn.range[1]);
}

/** `cache.set(key, place)` in the guarded block, with `cache` outliving the call. */
function keptInLongLivedMap(consequent: TSESTree.Statement, place: TSESTree.Node, fn: TSESTree.Node | undefined): boolean {
  return someOwnNode(consequent, node => {
    if (node.type !== AST_NODE_TYPES.CallExpression || node.callee.type !== AST_NODE_TYPES.MemberExpression) return false;
    const callee = node.callee;
    if (callee.computed || callee.property.type !== AST_NODE_TYPES.Identifier || callee.property.name !== 'set') return false;
    const value = node.arguments[1];
    return value !== undefined && sameReference(value, place) && outlivesCall(callee.object, fn);
  });
}
