import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { AST_NODE_TYPES } from '../ast-utils';
import type { FunctionNode } from '../functions';
import { someOwnNode } from '../walk';

function indentOfLine(sourceCode: Readonly<TSESLint.SourceCode>, line: number): string {
  return /^[ \t]*/.exec(sourceCode.lines[line - 1] ?? '')?.[0] ?? '';
}

/** Lines (1-based) that start inside a token spanning lines: indenting them would change a string's value. */
function linesInsideMultilineStrings(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node): Set<number> {
  const inside = new Set<number>();
  for (const token of sourceCode.getTokens(node)) {
    if (token.loc.start.line === token.loc.end.line) continue;
    if (token.type !== 'Template' && token.type !== 'String') continue;
    for (let line = token.loc.start.line + 1; line <= token.loc.end.line; line++) inside.add(line);
  }
  return inside;
}

/** Expressions that `await` can take without parentheses. */
const AWAITABLE_AS_WRITTEN = new Set<string>([
  AST_NODE_TYPES.AwaitExpression,
  AST_NODE_TYPES.CallExpression,
  AST_NODE_TYPES.Identifier,
  AST_NODE_TYPES.MemberExpression,
  AST_NODE_TYPES.NewExpression,
  AST_NODE_TYPES.TaggedTemplateExpression,
  AST_NODE_TYPES.ThisExpression,
]);

/**
 * Where `return x` must become `return await x` once the body runs inside `try`: a returned
 * promise that rejects after the function returns is not caught otherwise.
 */
export function returnAwaitEdits(body: TSESTree.BlockStatement, returnsPromise: (node: TSESTree.Node) => boolean): { at: number; text: string }[] {
  const edits: { at: number; text: string }[] = [];
  someOwnNode(body, node => {
    if (node.type !== AST_NODE_TYPES.ReturnStatement || !node.argument) return false;
    const argument = node.argument;
    if (argument.type === AST_NODE_TYPES.AwaitExpression || !returnsPromise(argument)) return false;
    if (AWAITABLE_AS_WRITTEN.has(argument.type)) edits.push({ at: argument.range[0], text: 'await ' });
    else edits.push({ at: argument.range[0], text: 'await (' }, { at: argument.range[1], text: ')' });
    return false;
  });
  return edits;
}

/**
 * Whether a function's body declares a function twice, or a name as a function and a `var`: legal
 * in a function body, a SyntaxError in the block of a `try`, where a function declaration is
 * block-scoped. (A parameter redeclared as a function counts too: the same, to be safe.)
 */
export function declaresFunctionTwice(sourceCode: Readonly<TSESLint.SourceCode>, fn: FunctionNode): boolean {
  // The innermost scope of a named function expression is its body's, not the one of its name.
  const scope = sourceCode.scopeManager?.acquire(fn, true);
  return scope?.variables.some(variable => variable.defs.length > 1 && variable.defs.some(def => def.type === 'FunctionName')) ?? false;
}

/**
 * The text that replaces an async function's body so that everything in it runs inside
 * `try { … } catch (<catchParameter>) { <catchStatement> }`, one level deeper when the body spans
 * lines (lines inside multi-line strings and templates keep their text). A returned promise
 * (`returnsPromise`) is awaited where it is returned, and an expression body becomes
 * `return await <expression>`: the same value, its rejection caught. Undefined when wrapping
 * would change what the code means: an empty body, a directive prologue (a `'use strict'`
 * moved into a block is no longer a directive), or a function declared twice (see
 * `declaresFunctionTwice`).
 */
export function bodyWrappedInTryCatch(
  sourceCode: Readonly<TSESLint.SourceCode>,
  fn: FunctionNode,
  catchParameter: string,
  catchStatement: string,
  returnsPromise: (node: TSESTree.Node) => boolean,
): string | undefined {
  const body = fn.body;
  if (body.type !== AST_NODE_TYPES.BlockStatement) {
    const expression = sourceCode.getText(body);
    const operand = AWAITABLE_AS_WRITTEN.has(body.type) ? expression : `(${expression})`;
    return `{ try { return await ${operand}; } catch (${catchParameter}) { ${catchStatement} } }`;
  }
  if (body.body.length === 0) return undefined;
  const first = body.body[0]!;
  if (first.type === AST_NODE_TYPES.ExpressionStatement && first.directive !== undefined) return undefined;
  if (declaresFunctionTwice(sourceCode, fn)) return undefined;
  const open = sourceCode.getFirstToken(body)!;
  const close = sourceCode.getLastToken(body)!;
  let inner = sourceCode.text.slice(open.range[1], close.range[0]);
  for (const edit of returnAwaitEdits(body, returnsPromise).sort((a, b) => b.at - a.at)) {
    const at = edit.at - open.range[1];
    inner = inner.slice(0, at) + edit.text + inner.slice(at);
  }
  const afterOpen = sourceCode.getTokenAfter(open, { includeComments: true })!;
  const beforeClose = sourceCode.getTokenBefore(close, { includeComments: true })!;
  const spansLines = afterOpen.loc.start.line > open.loc.end.line && beforeClose.loc.end.line < close.loc.start.line;
  if (!spansLines) return `{ try {${inner}} catch (${catchParameter}) { ${catchStatement} } }`;
  const eol = inner.includes('\r\n') ? '\r\n' : '\n';
  const base = indentOfLine(sourceCode, close.loc.start.line);
  const firstIndent = indentOfLine(sourceCode, afterOpen.loc.start.line);
  const unit =
    firstIndent.startsWith(base) && firstIndent.length > base.length ? firstIndent.slice(base.length) : base.includes('\t') ? '\t' : '  ';
  const keep = linesInsideMultilineStrings(sourceCode, body);
  // The first piece is the rest of the `{` line, the last the indentation before `}`: both only whitespace.
  const lines = inner
    .split(/\r?\n/)
    .slice(1, -1)
    .map((text, index) => (text.trim() === '' || keep.has(open.loc.end.line + 1 + index) ? text : unit + text));
  const indent = base + unit;
  return [
    '{',
    `${indent}try {`,
    ...lines,
    `${indent}} catch (${catchParameter}) {`,
    `${indent}${unit}${catchStatement}`,
    `${indent}}`,
    `${base}}`,
  ].join(eol);
}
