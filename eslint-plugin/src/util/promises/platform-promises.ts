import type { ParserServicesWithTypeInformation, TSESTree } from '@typescript-eslint/utils';
import type * as ts from 'typescript';

import { AST_NODE_TYPES } from '../ast-utils';
import { calledDeclaration } from '../type-services';

/**
 * Methods of the platform whose promise only ever resolves, by their documented behaviour: left
 * floating, they lose no failure. Each is named by the module that declares it (both spellings,
 * `x` and `node:x`), its class and the method.
 *
 * - `worker_threads` `Worker#terminate()`: "Returns a Promise for the exit code that is fulfilled
 *   when the 'exit' event is emitted" (Node's documentation); Node resolves it from the `exit`
 *   listener and never rejects it, and resolves at once when the thread has already stopped.
 */
const RESOLVE_ONLY_METHODS: ReadonlyArray<{ module: string; className: string; method: string }> = [
  { module: 'worker_threads', className: 'Worker', method: 'terminate' },
];

/** The name a declaration node carries (`class Worker`, `terminate()`, `declare module "x"`), read without the `typescript` module. */
function declaredName(node: ts.Node | undefined): string | undefined {
  const name = (node as { name?: { text?: unknown } } | undefined)?.name;
  return typeof name?.text === 'string' ? name.text : undefined;
}

/**
 * True when, by the type checker, `call` calls one of those methods: the signature it resolves to
 * is declared as that method, in a class of that name, inside `declare module "<module>"` (as
 * `@types/node` declares them).
 */
export function callsResolveOnlyMethod(services: ParserServicesWithTypeInformation, expression: TSESTree.Node): boolean {
  const call = expression.type === AST_NODE_TYPES.ChainExpression ? expression.expression : expression;
  if (call.type !== AST_NODE_TYPES.CallExpression) return false;
  const declaration = calledDeclaration(services, call);
  const method = declaredName(declaration);
  if (method === undefined) return false;
  const owner = declaration?.parent;
  const className = declaredName(owner);
  let module: string | undefined;
  for (let node = owner?.parent; node && module === undefined; node = node.parent) module = quotedModuleName(node);
  const bare = module?.startsWith('node:') ? module.slice('node:'.length) : module;
  return RESOLVE_ONLY_METHODS.some(entry => entry.method === method && entry.className === className && entry.module === bare);
}

/** The name of `declare module "x"` (a module named by a string, not a namespace), or undefined. */
function quotedModuleName(node: ts.Node): string | undefined {
  const name = (node as { name?: ts.Node & { text?: unknown } }).name;
  if (typeof name?.text !== 'string') return undefined;
  const written = name.getText();
  return written.startsWith('"') || written.startsWith("'") ? name.text : undefined;
}
