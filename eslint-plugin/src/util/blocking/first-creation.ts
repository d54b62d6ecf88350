import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-utils';

import { isFunctionNode } from '../functions';
import { resolveName } from '../imports';
import { certainlyNotRecursive, isRepeated } from './single-path-operations';

/** Modules whose `mkdir` returns a promise, and the sync ones, by the name `resolveName` gives. */
const PROMISE_MKDIR: ReadonlySet<string> = new Set(['fs/promises:mkdir', 'fs-extra:mkdir', 'graceful-fs/promises:mkdir']);
const SYNC_MKDIR: ReadonlySet<string> = new Set(['fs:mkdirSync', 'graceful-fs:mkdirSync', 'fs-extra:mkdirSync']);

/**
 * "Does this call run only right after a directory was first made?" — an earlier statement of
 * the call's block, or of a block around it within its function, makes a directory without
 * `recursive` and waits for it (`await fs.mkdir(dir)` of `fs/promises`, `fs.mkdirSync(dir)`).
 * That throws when the directory exists, so what follows it runs once over the directory's life
 * (Haraka's queue folder: made on first start, then given its owner with `execSync('id -u …')`),
 * not each time the function runs. Not for a call that repeats within its function (a loop, an
 * array method's callback: see `isRepeated`), where a directory made on each turn repeats it.
 */
export function followsFirstCreation(call: TSESTree.CallExpression, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  if (isRepeated(call)) return false;
  for (let child: TSESTree.Node = call, parent: TSESTree.Node | undefined = call.parent; parent && !isFunctionNode(parent); child = parent, parent = parent.parent) {
    if (parent.type !== AST_NODE_TYPES.BlockStatement) continue;
    const index = parent.body.indexOf(child as TSESTree.Statement);
    if (parent.body.slice(0, index).some(statement => makesDirectory(statement, sourceCode))) return true;
  }
  return false;
}

/** `await fs.mkdir(dir)`, `fs.mkdirSync(dir, 0o755)`, as a statement or a declaration's value, never recursive. */
function makesDirectory(statement: TSESTree.Statement, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  let expression: TSESTree.Node | null | undefined;
  if (statement.type === AST_NODE_TYPES.ExpressionStatement) expression = statement.expression;
  else if (statement.type === AST_NODE_TYPES.VariableDeclaration && statement.declarations.length === 1) expression = statement.declarations[0]!.init;
  if (!expression) return false;
  const awaited = expression.type === AST_NODE_TYPES.AwaitExpression;
  const call = awaited ? (expression as TSESTree.AwaitExpression).argument : expression;
  if (call.type !== AST_NODE_TYPES.CallExpression || call.arguments.length === 0) return false;
  // A mode written as a number (`0o755`) asks for no parents either.
  const options = call.arguments[1];
  if (!(options?.type === AST_NODE_TYPES.Literal && typeof options.value === 'number') && !certainlyNotRecursive(call)) return false;
  const name = resolveName(sourceCode, call.callee);
  if (name?.source === undefined) return false;
  const key = `${name.source}:${name.path.join('.')}`;
  return awaited ? PROMISE_MKDIR.has(key) : SYNC_MKDIR.has(key);
}
