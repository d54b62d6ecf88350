import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from './ast-utils';

import { perFile } from './per-file';
import { firstIndexAtOrAfter } from './sorted';

/** The direct child nodes of `node`, in source order, by the parser's visitor keys. */
export function childNodes(node: TSESTree.Node, visitorKeys: TSESLint.SourceCode['visitorKeys']): TSESTree.Node[] {
  const children: TSESTree.Node[] = [];
  for (const key of visitorKeys[node.type] ?? []) {
    const value = (node as unknown as Record<string, unknown>)[key];
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item && typeof item === 'object' && 'type' in item) children.push(item as TSESTree.Node);
    }
  }
  return children;
}

/** The outermost node reached from `node` by climbing through parents of the given types. */
export function climbThrough(node: TSESTree.Node, parentTypes: ReadonlySet<string>): TSESTree.Node {
  let current = node;
  while (current.parent && parentTypes.has(current.parent.type)) current = current.parent;
  return current;
}

/** TypeScript-only wrappers around an expression: `x as T`, `x!`, `x satisfies T`. */
export const TYPE_WRAPPER_TYPES: ReadonlySet<string> = new Set([
  AST_NODE_TYPES.TSAsExpression,
  AST_NODE_TYPES.TSNonNullExpression,
  AST_NODE_TYPES.TSSatisfiesExpression,
]);

/**
 * Expressions that bind looser than a unary operator: as the operand of `await` or `void` they
 * need parentheses (`await (a ? b : c)`, not `await a ? b : c`).
 */
const LOOSER_THAN_UNARY: ReadonlySet<string> = new Set([
  AST_NODE_TYPES.SequenceExpression,
  AST_NODE_TYPES.ConditionalExpression,
  AST_NODE_TYPES.LogicalExpression,
  AST_NODE_TYPES.BinaryExpression,
  AST_NODE_TYPES.AssignmentExpression,
  AST_NODE_TYPES.ArrowFunctionExpression,
  AST_NODE_TYPES.YieldExpression,
  AST_NODE_TYPES.TSAsExpression,
  AST_NODE_TYPES.TSSatisfiesExpression,
]);

export function bindsLooserThanUnary(node: TSESTree.Node): boolean {
  return LOOSER_THAN_UNARY.has(node.type);
}

/** The text of `node` as the operand of a unary operator such as `await`: parenthesised where needed. */
export function unaryOperandText(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node): string {
  const text = sourceCode.getText(node);
  return bindsLooserThanUnary(node) ? `(${text})` : text;
}

/**
 * The range of an arrow function's body with the parentheses around it: `({ a })` is the object and
 * its parentheses, which an edit replacing the body must replace too.
 */
export function arrowBodyRange(sourceCode: Readonly<TSESLint.SourceCode>, fn: TSESTree.ArrowFunctionExpression): TSESTree.Range {
  const arrow = sourceCode.getTokenBefore(fn.body, { filter: token => token.value === '=>' });
  const first = arrow ? sourceCode.getTokenAfter(arrow) : null;
  if (!first) return fn.body.range;
  let last = sourceCode.getLastToken(fn.body)!;
  for (let opening: TSESTree.Token | null = first; opening && opening.range[0] < fn.body.range[0]; opening = sourceCode.getTokenAfter(opening)) {
    const closing = sourceCode.getTokenAfter(last);
    if (opening.value !== '(' || closing?.value !== ')') break;
    last = closing;
  }
  return [first.range[0], last.range[1]];
}

/** The file's own line break (`\r\n` in a Windows file): the lines a fix inserts end like the others. */
export function lineBreakOf(sourceCode: Readonly<TSESLint.SourceCode>): string {
  return /\r\n?|\n/.exec(sourceCode.text)?.[0] ?? '\n';
}

/** The ranges of the file's literals that span lines (templates, strings continued with `\`), in order. */
const multilineLiteralRanges = perFile(sourceCode =>
  sourceCode.ast.tokens
    .filter(token => (token.type === 'Template' || token.type === 'String') && token.loc.start.line !== token.loc.end.line)
    .map(token => token.range),
);

/** True when a literal that spans lines lies within `[start, end)`: re-indenting those lines would change its value. */
export function hasMultilineLiteral(sourceCode: Readonly<TSESLint.SourceCode>, start: number, end: number): boolean {
  const ranges = multilineLiteralRanges(sourceCode);
  const first = ranges[firstIndexAtOrAfter(ranges, start, range => range[0])];
  return first !== undefined && first[1] <= end;
}

/**
 * The name a chain of members and calls starts from: `log` in `log.extend('a')('b')`, `expect` in
 * `expect(x).resolves.toBe(y)`, `fh` in `fh!.write(data)`. `onMember` sees each member on the way.
 */
export function callChainRoot(node: TSESTree.Node, onMember?: (member: TSESTree.MemberExpression) => void): TSESTree.Node {
  let current = node;
  for (;;) {
    if (current.type === AST_NODE_TYPES.MemberExpression) {
      onMember?.(current);
      current = current.object;
    } else if (current.type === AST_NODE_TYPES.CallExpression) current = current.callee;
    else if (current.type === AST_NODE_TYPES.ChainExpression || current.type === AST_NODE_TYPES.TSNonNullExpression) current = current.expression;
    else return current;
  }
}
