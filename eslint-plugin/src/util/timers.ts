import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { AST_NODE_TYPES } from './ast-utils';
import type { FunctionNode } from './functions';
import { isModuleExport, resolveName } from './imports';
import { variableOf } from './scope/variables';

/** The platform's timer functions, which run a callback later and drop what it returns. */
export const TIMER_FUNCTIONS: ReadonlySet<string> = new Set(['setTimeout', 'setInterval', 'setImmediate']);

/**
 * The timer function a callee names: the global one (also through `globalThis` or `window`) or the
 * `timers` module's export; undefined for anything else, such as a local function of that name.
 */
export function timerFunction(sourceCode: Readonly<TSESLint.SourceCode>, callee: TSESTree.Node): string | undefined {
  const resolved = resolveName(sourceCode, callee);
  if (!resolved) return undefined;
  const path = resolved.source === undefined ? resolved.path.join('.') : undefined;
  for (const name of TIMER_FUNCTIONS) {
    if (path === undefined ? isModuleExport(resolved, 'timers', name) : path === name || path === `globalThis.${name}` || path === `window.${name}`) return name;
  }
  return undefined;
}

/** True when `node` is the callback a `setInterval` call runs. */
export function isIntervalCallback(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node): boolean {
  const parent = node.parent;
  if (parent?.type !== AST_NODE_TYPES.CallExpression || parent.arguments[0] !== node) return false;
  return timerFunction(sourceCode, parent.callee) === 'setInterval';
}

/**
 * True when only a `setInterval` runs `fn`, with nothing waiting for what it returns: it is written
 * as the interval's callback, or it is a function or local constant that is handed to
 * `setInterval` and otherwise only called as a statement of its own (`check(); setInterval(check, ms)`).
 */
export function onlyRunByInterval(sourceCode: Readonly<TSESLint.SourceCode>, fn: FunctionNode): boolean {
  if (isIntervalCallback(sourceCode, fn)) return true;
  const declarator = fn.parent;
  const id =
    fn.type === AST_NODE_TYPES.FunctionDeclaration
      ? fn.id
      : declarator?.type === AST_NODE_TYPES.VariableDeclarator && declarator.init === fn && declarator.id.type === AST_NODE_TYPES.Identifier
        ? declarator.id
        : null;
  if (!id) return false;
  const variable = variableOf(sourceCode, id);
  if (!variable || variable.defs.length !== 1) return false;
  let handedToInterval = false;
  for (const reference of variable.references) {
    if (reference.init === true) continue;
    if (reference.isWrite()) return false;
    const use = reference.identifier;
    if (isIntervalCallback(sourceCode, use)) handedToInterval = true;
    else if (!(use.parent?.type === AST_NODE_TYPES.CallExpression && use.parent.callee === use && use.parent.parent?.type === AST_NODE_TYPES.ExpressionStatement)) return false;
  }
  return handedToInterval;
}
