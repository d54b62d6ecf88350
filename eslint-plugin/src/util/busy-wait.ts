import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from './ast-utils';

import { resolveName } from './imports';
import { constantInitializer } from './values';

export type LoopNode = TSESTree.DoWhileStatement | TSESTree.ForStatement | TSESTree.WhileStatement;

export interface BusyWait {
  loop: LoopNode;
  /** Source text of the wait in milliseconds, when the code states it (`ms` of `Date.now() + ms`). */
  durationText: string | undefined;
}

/** `Date.now()`, `performance.now()` (global or from perf_hooks), `new Date().getTime()`, `+new Date()`. */
function isClockRead(node: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  if (node.type === AST_NODE_TYPES.UnaryExpression && node.operator === '+') {
    return isNewDate(node.argument, sourceCode);
  }
  if (node.type !== AST_NODE_TYPES.CallExpression || node.arguments.length > 0) return false;
  const callee = node.callee;
  if (
    callee.type === AST_NODE_TYPES.MemberExpression &&
    !callee.computed &&
    callee.property.type === AST_NODE_TYPES.Identifier &&
    (callee.property.name === 'getTime' || callee.property.name === 'valueOf') &&
    isNewDate(callee.object, sourceCode)
  ) {
    return true;
  }
  const name = resolveName(sourceCode, callee);
  if (!name) return false;
  const path = name.path.join('.');
  if (name.source === undefined) return path === 'Date.now' || path === 'performance.now';
  return name.source === 'perf_hooks' && path === 'performance.now';
}

function isNewDate(node: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  if (node.type !== AST_NODE_TYPES.NewExpression || node.arguments.length > 0) return false;
  const name = resolveName(sourceCode, node.callee);
  return name?.source === undefined && name?.path.join('.') === 'Date';
}

/** A duration expression that can be copied to the loop's place: numbers, names, arithmetic. */
function isCopyableDuration(node: TSESTree.Node): boolean {
  switch (node.type) {
    case AST_NODE_TYPES.Literal:
      return typeof node.value === 'number';
    case AST_NODE_TYPES.Identifier:
      return true;
    case AST_NODE_TYPES.MemberExpression:
      return !node.computed && isCopyableDuration(node.object);
    case AST_NODE_TYPES.BinaryExpression:
      return ['+', '-', '*', '/'].includes(node.operator) && isCopyableDuration(node.left) && isCopyableDuration(node.right);
    default:
      return false;
  }
}

/** `X` of `clock + X` or `X + clock`, when the sum adds a duration to a clock read. */
function durationAddedToClock(node: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): TSESTree.Node | undefined {
  if (node.type !== AST_NODE_TYPES.BinaryExpression || node.operator !== '+') return undefined;
  const startsAtClock = (side: TSESTree.Node): boolean => {
    if (isClockRead(side, sourceCode)) return true;
    const value = constantInitializer(sourceCode, side);
    return value !== undefined && isClockRead(value, sourceCode);
  };
  if (startsAtClock(node.left)) return node.right;
  if (startsAtClock(node.right)) return node.left;
  return undefined;
}

/**
 * The duration a clock comparison waits for, or undefined when the code does not state it.
 * `clockSide` is `Date.now()` or `Date.now() - start`; `limit` is what it is compared with.
 */
function statedDuration(
  clockSide: TSESTree.Node,
  limit: TSESTree.Node,
  sourceCode: Readonly<TSESLint.SourceCode>,
): TSESTree.Node | undefined {
  if (clockSide.type === AST_NODE_TYPES.BinaryExpression) {
    // Date.now() - start < ms, where start = Date.now()
    const start = constantInitializer(sourceCode, clockSide.right);
    return start !== undefined && isClockRead(start, sourceCode) ? limit : undefined;
  }
  // Date.now() < end, where end = Date.now() + ms (or end is written in place)
  return durationAddedToClock(constantInitializer(sourceCode, limit) ?? limit, sourceCode);
}

function isClockSide(node: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  if (isClockRead(node, sourceCode)) return true;
  return node.type === AST_NODE_TYPES.BinaryExpression && node.operator === '-' && isClockRead(node.left, sourceCode);
}

/**
 * When `test` compares the clock with a limit in the given sense (`'until'`: true while the time
 * has not come, as a loop condition; `'reached'`: true once it has, as a break condition), the
 * duration it states (or null when it states none). Undefined when it is no such comparison.
 */
function clockComparison(
  test: TSESTree.Node,
  sense: 'reached' | 'until',
  sourceCode: Readonly<TSESLint.SourceCode>,
): TSESTree.Node | null | undefined {
  if (test.type !== AST_NODE_TYPES.BinaryExpression) return undefined;
  const lessThan = test.operator === '<' || test.operator === '<=';
  const greaterThan = test.operator === '>' || test.operator === '>=';
  if (!lessThan && !greaterThan) return undefined;
  const clockLeft = isClockSide(test.left, sourceCode);
  const clockRight = !clockLeft && isClockSide(test.right, sourceCode);
  if (!clockLeft && !clockRight) return undefined;
  // Normalise to `clock < limit` (still waiting) or `clock > limit` (reached).
  const waiting = clockLeft ? lessThan : greaterThan;
  if (waiting !== (sense === 'until')) return undefined;
  const [clockSide, limit] = clockLeft ? [test.left, test.right] : [test.right, test.left];
  const duration = statedDuration(clockSide, limit, sourceCode);
  return duration && isCopyableDuration(duration) ? duration : null;
}

function isEmptyBody(body: TSESTree.Statement): boolean {
  return body.type === AST_NODE_TYPES.EmptyStatement || (body.type === AST_NODE_TYPES.BlockStatement && body.body.length === 0);
}

function isAlwaysTrue(test: TSESTree.Expression | null): boolean {
  return test === null || (test.type === AST_NODE_TYPES.Literal && test.value === true);
}

/** `{ if (<reached>) break; }`: the body of a `for (;;)` that spins until the time has come. */
function breakCondition(body: TSESTree.Statement): TSESTree.Expression | undefined {
  const statements = body.type === AST_NODE_TYPES.BlockStatement ? body.body : [body];
  const only = statements.length === 1 ? statements[0] : undefined;
  if (only?.type !== AST_NODE_TYPES.IfStatement || only.alternate) return undefined;
  const consequent =
    only.consequent.type === AST_NODE_TYPES.BlockStatement && only.consequent.body.length === 1
      ? only.consequent.body[0]!
      : only.consequent;
  return consequent.type === AST_NODE_TYPES.BreakStatement && !consequent.label ? only.test : undefined;
}

/**
 * A loop that does nothing but wait for the clock: `while (Date.now() < end) {}`,
 * `do {} while (performance.now() - start < ms)`, `for (;;) { if (Date.now() >= end) break; }`.
 * A loop that does work while it checks the clock (a time-boxed batch) is not one.
 */
export function detectBusyWait(loop: LoopNode, sourceCode: Readonly<TSESLint.SourceCode>): BusyWait | undefined {
  if (loop.type === AST_NODE_TYPES.ForStatement && (loop.init || loop.update)) return undefined;
  let duration: TSESTree.Node | null | undefined;
  if (isAlwaysTrue(loop.test)) {
    const condition = breakCondition(loop.body);
    duration = condition && clockComparison(condition, 'reached', sourceCode);
  } else if (loop.test && isEmptyBody(loop.body)) {
    duration = clockComparison(loop.test, 'until', sourceCode);
  }
  if (duration === undefined) return undefined;
  return { loop, durationText: duration === null ? undefined : sourceCode.getText(duration) };
}
