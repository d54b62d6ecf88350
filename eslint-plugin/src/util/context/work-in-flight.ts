import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-utils';

import type { FileDeclarations } from '../declarations';
import { getFileDeclarations } from '../declarations';
import type { FunctionNode } from '../functions';
import { isFunctionNode, isSynchronouslyInvoked } from '../functions';
import { staticPropertyName } from '../imports';
import { someOwnNode } from '../walk';

/**
 * Whether a command-line tool has work of its own in flight when it calls a helper. The precision
 * standard: in a command-line tool "a blocking call is harmless unless the tool itself has
 * concurrent work in flight at that moment". Work in flight is something started before the call,
 * in the calling function, that goes on beside it: a child process (`spawn`, `fork`, `exec`,
 * `execFile` of `child_process`, `cross-spawn`), a server (`.listen(…)`) or a repeating timer
 * (`setInterval`), started there or by a function it calls (followed one step, in its file or a
 * relative module). WebdriverIO's inspector command starts Appium, relays its output, then opens
 * a browser with `execSync`: the relay stalls while that runs.
 */

/** Modules whose calls start a child process that runs beside the caller until it ends. */
const CHILD_PROCESS_MODULES = new Set(['child_process', 'cross-spawn']);
const CHILD_PROCESS_STARTERS = new Set(['spawn', 'fork', 'exec', 'execFile']);

/** A call that starts work which goes on after it returns. */
function startsWork(declarations: FileDeclarations, call: TSESTree.CallExpression): boolean {
  const callee = call.callee;
  if (callee.type === AST_NODE_TYPES.MemberExpression && staticPropertyName(callee) === 'listen') return true;
  // Resolved only for the few names that can be the answer: a file has many calls.
  const last = callee.type === AST_NODE_TYPES.Identifier ? callee.name : callee.type === AST_NODE_TYPES.MemberExpression ? staticPropertyName(callee) : undefined;
  if (last === undefined) return false;
  if (last === 'setInterval') {
    const name = declarations.resolvedName(callee);
    return name !== undefined && (name.source === 'timers' || (name.source === undefined && name.path.length === 1));
  }
  const name = declarations.resolvedName(callee);
  if (!name?.source || !CHILD_PROCESS_MODULES.has(name.source)) return false;
  const method = name.path[name.path.length - 1];
  // `cross-spawn` is itself `spawn`.
  return name.path.length === 0 || name.path[0] === 'default' || (method !== undefined && CHILD_PROCESS_STARTERS.has(method));
}

/** Per function: whether its own body starts work (remembered for the process while the tree lives). */
const startingFunctions = new WeakMap<TSESTree.Node, boolean>();

function bodyStartsWork(fn: TSESTree.FunctionLike, declarations: FileDeclarations): boolean {
  let known = startingFunctions.get(fn);
  if (known === undefined) {
    known = fn.body ? someOwnNode(fn.body, node => node.type === AST_NODE_TYPES.CallExpression && startsWork(declarations, node), nested => isSynchronouslyInvoked(nested)) : false;
    startingFunctions.set(fn, known);
  }
  return known;
}

/** A statement that starts work: itself, or by calling a function of the file or a relative module whose body does. */
function statementStartsWork(statement: TSESTree.Node, declarations: FileDeclarations): boolean {
  return someOwnNode(
    statement,
    node => {
      if (node.type !== AST_NODE_TYPES.CallExpression) return false;
      if (startsWork(declarations, node)) return true;
      const target = declarations.functionReference(node.callee);
      return target !== undefined && bodyStartsWork(target.fn, target.owner);
    },
    nested => isSynchronouslyInvoked(nested),
  );
}

/** The statements that run before `node` in the lists around it, up to `fn`'s body. */
function statementsBefore(node: TSESTree.Node, fn: FunctionNode | undefined): TSESTree.Node[] {
  const before: TSESTree.Node[] = [];
  for (let child: TSESTree.Node = node, current = node.parent; current && current !== fn; child = current, current = current.parent) {
    if (isFunctionNode(current)) break;
    const list =
      current.type === AST_NODE_TYPES.BlockStatement || current.type === AST_NODE_TYPES.Program
        ? current.body
        : current.type === AST_NODE_TYPES.SwitchCase
          ? current.consequent
          : undefined;
    if (!list) continue;
    for (const statement of list as readonly TSESTree.Node[]) {
      if (statement === child) break;
      before.push(statement);
    }
  }
  return before;
}

/**
 * True when, before `call`, the function that makes it (`fn`, or the module's top level) has
 * started work that goes on beside it: see the module comment.
 */
export function hasWorkInFlightAt(
  sourceCode: Readonly<TSESLint.SourceCode>,
  filename: string,
  call: TSESTree.CallExpression,
  fn: FunctionNode | undefined,
): boolean {
  const declarations = getFileDeclarations(sourceCode, filename);
  return statementsBefore(call, fn).some(statement => statementStartsWork(statement, declarations));
}
