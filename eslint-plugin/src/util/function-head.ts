import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { AST_NODE_TYPES } from './ast-utils';
import { isFunctionNode } from './functions';
import { skipTypeWrappers } from './imports';

type AnyFunctionNode =
  | TSESTree.ArrowFunctionExpression
  | TSESTree.FunctionDeclaration
  | TSESTree.FunctionExpression
  | TSESTree.TSDeclareFunction
  | TSESTree.TSEmptyBodyFunctionExpression;

/** Class and object members whose head starts at the member (its modifiers and key). */
const MEMBER_PARENTS = new Set<string>([
  AST_NODE_TYPES.MethodDefinition,
  AST_NODE_TYPES.TSAbstractMethodDefinition,
  AST_NODE_TYPES.PropertyDefinition,
  AST_NODE_TYPES.TSAbstractPropertyDefinition,
  AST_NODE_TYPES.AccessorProperty,
  AST_NODE_TYPES.Property,
]);

/** Where a member's own text starts: after its decorators, which say nothing about the function. */
function memberStart(member: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): TSESTree.Position {
  const decorators = 'decorators' in member ? (member.decorators as TSESTree.Decorator[] | undefined) : undefined;
  const last = decorators?.[decorators.length - 1];
  if (last) {
    const afterDecorators = sourceCode.getTokenAfter(last);
    if (afterDecorators) return afterDecorators.loc.start;
  }
  return member.loc.start;
}

/**
 * The function's head, where a report about the whole function belongs (as typescript-eslint's
 * `getFunctionHeadLoc` does, so that a handler's body is not underlined): `async (req, res) =>`,
 * `async function name(a, b)`, a method's modifiers, key and parameters (`async handle(req)`),
 * `handle = async () =>` for a class field. The return type is left out, except for an arrow,
 * whose head ends with its `=>`.
 */
export function functionHeadLoc(fn: AnyFunctionNode, sourceCode: Readonly<TSESLint.SourceCode>): TSESTree.SourceLocation {
  const parent = fn.parent;
  const start = parent && MEMBER_PARENTS.has(parent.type) && (parent as { value?: unknown }).value === fn
    ? memberStart(parent, sourceCode)
    : fn.loc.start;
  let endToken: TSESTree.Token | null;
  if (fn.type === AST_NODE_TYPES.ArrowFunctionExpression) {
    endToken = sourceCode.getTokenBefore(fn.body, token => token.value === '=>');
  } else if (fn.returnType) {
    endToken = sourceCode.getTokenBefore(fn.returnType);
  } else if (fn.body) {
    endToken = sourceCode.getTokenBefore(fn.body);
  } else {
    endToken = sourceCode.getLastToken(fn);
  }
  const end = endToken ? endToken.loc.end : fn.loc.end;
  return { start: { ...start }, end: { ...end } };
}

/**
 * Where to report about a value: a function written in place (under `as`, `!` or `satisfies`)
 * by its head, anything else as a whole.
 */
export function reportLocation(node: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): TSESTree.SourceLocation {
  const target = skipTypeWrappers(node);
  return isFunctionNode(target) ? functionHeadLoc(target, sourceCode) : node.loc;
}

/** The first function written in place as an argument of the call chain `node` is (`p.then(data => …)`), in source order. */
function firstCallbackArgument(node: TSESTree.Node): AnyFunctionNode | undefined {
  const target = skipTypeWrappers(node);
  switch (target.type) {
    case AST_NODE_TYPES.ExpressionStatement:
    case AST_NODE_TYPES.AwaitExpression:
    case AST_NODE_TYPES.UnaryExpression:
      return firstCallbackArgument(target.type === AST_NODE_TYPES.ExpressionStatement ? target.expression : target.argument);
    case AST_NODE_TYPES.MemberExpression:
      return firstCallbackArgument(target.object);
    case AST_NODE_TYPES.CallExpression:
    case AST_NODE_TYPES.NewExpression: {
      const inCallee = firstCallbackArgument(target.callee);
      if (inCallee) return inCallee;
      for (const argument of target.arguments) {
        const value = skipTypeWrappers(argument);
        if (isFunctionNode(value)) return value;
      }
      return undefined;
    }
    default:
      return undefined;
  }
}

/**
 * Where to report about a call or a statement that spans lines because it passes a function
 * written in place (`load().then(async data => {…})`, `https.get(url, res => {…})`): from its
 * start to that function's head, not over the function's body. Anything else as a whole.
 */
export function callReportLocation(node: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): TSESTree.SourceLocation {
  if (node.loc.start.line === node.loc.end.line) return node.loc;
  const callback = firstCallbackArgument(node);
  return callback ? { start: { ...node.loc.start }, end: functionHeadLoc(callback, sourceCode).end } : node.loc;
}
