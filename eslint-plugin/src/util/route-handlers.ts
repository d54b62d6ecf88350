import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { arrowBodyRange } from './ast';
import { AST_NODE_TYPES } from './ast-utils';
import { bodyWrappedInTryCatch } from './fix/wrap-function-body';
import type { FunctionNode } from './functions';
import { resolveName, skipTypeWrappers, staticPropertyName } from './imports';
import { dependencyVersion } from './project/dependency-version';
import { nearestPackageManifest } from './project/package-manifest';
import { variablesNamed } from './scope/variables';
import { constantInitializer } from './values';
import { someOwnNode } from './walk';

/** Methods of an Express application or router that take request handlers. */
export const ROUTE_METHODS: ReadonlySet<string> = new Set([
  'all',
  'delete',
  'get',
  'head',
  'options',
  'patch',
  'post',
  'put',
  'use',
]);

/** `express()` or `express.Router()` / `Router()` from 'express'. */
function isExpressFactoryCall(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node): boolean {
  const call = skipTypeWrappers(node);
  if (call.type !== AST_NODE_TYPES.CallExpression) return false;
  const name = resolveName(sourceCode, call.callee);
  if (name?.source !== 'express') return false;
  const path = name.path.join('.');
  return path === '' || path === 'Router';
}

/**
 * Whether `node` is an Express application or router, by how it was made in this file:
 * `const app = express()`, `const router = express.Router()`, `app.route('/x')`.
 */
export function isExpressApplication(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node, depth = 0): boolean {
  if (depth > 4) return false;
  const target = skipTypeWrappers(node);
  if (target.type === AST_NODE_TYPES.CallExpression) {
    if (isExpressFactoryCall(sourceCode, target)) return true;
    const callee = target.callee;
    return (
      callee.type === AST_NODE_TYPES.MemberExpression &&
      staticPropertyName(callee) === 'route' &&
      isExpressApplication(sourceCode, callee.object, depth + 1)
    );
  }
  let init = constantInitializer(sourceCode, target);
  // `const app = module.exports = express()`.
  while (init?.type === AST_NODE_TYPES.AssignmentExpression && init.operator === '=') init = init.right;
  return init !== undefined && isExpressFactoryCall(sourceCode, init);
}

/**
 * The major version of the Express the file's project runs when it drops a handler's rejection:
 * 4 or older does (5 passes it to `next`), unless `express-async-errors` patches it to forward.
 * Undefined when it forwards, or when the version cannot be known: without evidence, nothing is
 * reported.
 */
export function expressVersionIgnoringHandlerPromises(filename: string): number | undefined {
  const major = dependencyVersion(filename, 'express')?.major;
  if (major === undefined || major >= 5) return undefined;
  return nearestPackageManifest(filename)?.dependencies.has('express-async-errors') ? undefined : major;
}

/** Inside the block of a `try` whose `catch` does not rethrow, within `fn`. */
function isGuarded(node: TSESTree.Node, fn: FunctionNode): boolean {
  for (let child = node, current = node.parent; current && child !== fn; child = current, current = current.parent) {
    if (
      current.type === AST_NODE_TYPES.TryStatement &&
      current.block === child &&
      current.handler !== null &&
      !someOwnNode(current.handler.body, inner => inner.type === AST_NODE_TYPES.ThrowStatement)
    ) {
      return true;
    }
  }
  return false;
}

/**
 * Whether a route handler's promise can reject where nothing catches it: an `await` (or
 * `for await`) or a `throw` outside every `try` that catches without rethrowing, or a returned
 * promise anywhere (a `try` does not catch the rejection of a promise it returns without
 * `await`). Sync calls outside (`allowOrigin(res)`, `res.json(…)`) are not counted: a handler
 * whose waiting all happens inside its `try` is written right, as its owner sees it.
 */
export function mayRejectUnguarded(fn: FunctionNode, isPromise: (node: TSESTree.Node) => boolean): boolean {
  // An expression body is what the handler returns.
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement && isPromise(fn.body)) return true;
  return someOwnNode(fn.body, node => {
    if (node.type === AST_NODE_TYPES.ReturnStatement) return node.argument !== null && node.argument.type !== AST_NODE_TYPES.AwaitExpression && isPromise(node.argument);
    const rejects =
      node.type === AST_NODE_TYPES.AwaitExpression || node.type === AST_NODE_TYPES.ThrowStatement || (node.type === AST_NODE_TYPES.ForOfStatement && node.await);
    return rejects && !isGuarded(node, fn);
  });
}

/** Names a parameter list may gain: placeholders before `next`, by position. */
const PLACEHOLDER_PARAMETERS = ['_error', '_req', '_res'];

/** True when `name` can be added as a parameter of `fn`: nothing in it declares or reads that name already. */
function isNameFreeIn(sourceCode: Readonly<TSESLint.SourceCode>, fn: FunctionNode, name: string): boolean {
  const scopeManager = sourceCode.scopeManager;
  const own = scopeManager?.acquire(fn);
  if (!scopeManager || !own) return false;
  if (own.through.some(reference => reference.identifier.name === name)) return false;
  // The variables of that name only, not every scope of the file for each handler.
  return !variablesNamed(sourceCode, name).some(
    variable => variable.scope.block.range[0] >= fn.range[0] && variable.scope.block.range[1] <= fn.range[1],
  );
}

/**
 * The fix that makes an async route handler pass its errors to `next`: its body inside
 * `try { … } catch (error) { next(error); }` (a returned promise awaited there, see
 * `bodyWrappedInTryCatch`), with the `next` parameter (at `nextIndex`, after
 * `req, res`, or `err, req, res` for an error handler) added when missing. Undefined when that
 * cannot be done exactly (a rest or destructured parameter in `next`'s place, a name taken).
 */
export function passErrorsToNextFix(
  sourceCode: Readonly<TSESLint.SourceCode>,
  fn: FunctionNode,
  nextIndex: number,
  returnsPromise: (node: TSESTree.Node) => boolean,
): { next: string; fix: TSESLint.ReportFixFunction } | undefined {
  if (!fn.async || fn.generator) return undefined;
  const params = fn.params;
  // A rest parameter swallows the position, and TypeScript's `this` parameter shifts every other.
  const first = params[0];
  if (first?.type === AST_NODE_TYPES.Identifier && first.name === 'this') return undefined;
  if (params.some(param => param.type === AST_NODE_TYPES.RestElement)) return undefined;
  let next: string;
  let addParameters: ((fixer: TSESLint.RuleFixer) => TSESLint.RuleFix) | undefined;
  if (params.length > nextIndex) {
    const param = params[nextIndex]!;
    if (param.type !== AST_NODE_TYPES.Identifier) return undefined;
    next = param.name;
  } else {
    next = 'next';
    const added = [...PLACEHOLDER_PARAMETERS.slice(PLACEHOLDER_PARAMETERS.length - nextIndex).slice(params.length), next];
    if (!added.every(name => isNameFreeIn(sourceCode, fn, name))) return undefined;
    const lastParam = params[params.length - 1];
    const openParen = lastParam ? sourceCode.getTokenBefore(params[0]!) : undefined;
    if (lastParam && openParen?.value !== '(') {
      // `async req => …`: the single parameter gains parentheses.
      const text = `(${sourceCode.getText(lastParam)}, ${added.join(', ')})`;
      addParameters = fixer => fixer.replaceText(lastParam, text);
    } else {
      const closeParen = sourceCode.getTokenBefore(fn.returnType ?? fn.body, token => token.value === ')');
      if (!closeParen) return undefined;
      const before = sourceCode.getTokenBefore(closeParen)!;
      const separator = !lastParam ? '' : before.value === ',' ? ' ' : ', ';
      addParameters = fixer => fixer.insertTextBefore(closeParen, `${separator}${added.join(', ')}`);
    }
  }
  // A name nothing in the handler uses, so that the catch clause shadows nothing.
  const catchParameter = ['error', 'caught', 'caughtError'].find(name => name !== next && isNameFreeIn(sourceCode, fn, name));
  if (catchParameter === undefined) return undefined;
  const body = bodyWrappedInTryCatch(sourceCode, fn, catchParameter, `${next}(${catchParameter});`, returnsPromise);
  if (body === undefined) return undefined;
  const bodyRange = fn.type === AST_NODE_TYPES.ArrowFunctionExpression && fn.body.type !== AST_NODE_TYPES.BlockStatement ? arrowBodyRange(sourceCode, fn) : fn.body.range;
  return {
    next,
    // An expression body goes with the parentheses around it (`=> ({ … })`).
    fix: fixer => [...(addParameters ? [addParameters(fixer)] : []), fixer.replaceTextRange(bodyRange, body)],
  };
}
