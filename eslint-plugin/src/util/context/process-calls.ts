import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { AST_NODE_TYPES } from '../ast-utils';
import { resolveName, staticPropertyName } from '../imports';
import { someOwnNode } from '../walk';

/**
 * Calls on Node's `process` object that decide how a program ends, recognised once for the
 * context model and every rule: `process.exit(…)`, and the listeners `process.on(event, fn)`
 * registers. `process` is the global or `node:process` imported (not a local of that name).
 */

/** The methods of an event emitter that add a listener (not `off`/`removeListener`, which take one away). */
export const LISTENER_METHODS = new Set(['on', 'once', 'addListener', 'prependListener', 'prependOnceListener']);

/**
 * `process.<property>` read from the syntax alone (the global `process`): for modules read from
 * disk, which have no scopes, and for reads (`process.stdin`, `process.env`) rather than calls.
 */
export function isProcessProperty(node: TSESTree.Node, property: string): boolean {
  return (
    node.type === AST_NODE_TYPES.MemberExpression &&
    node.object.type === AST_NODE_TYPES.Identifier &&
    node.object.name === 'process' &&
    staticPropertyName(node) === property
  );
}

/** The member of Node's `process` a callee names (`process.exit` → `exit`), or undefined. */
function processMember(sourceCode: Readonly<TSESLint.SourceCode>, callee: TSESTree.Node): string | undefined {
  const name = resolveName(sourceCode, callee);
  if (!name) return undefined;
  if (name.source === undefined && name.path.length === 2 && name.path[0] === 'process') return name.path[1];
  if (name.source === 'process' && name.path.length === 1) return name.path[0];
  return undefined;
}

/**
 * False when the callee is a member whose property is none of `methods`: decided from the syntax,
 * so that the context model, which asks about every call of a file, resolves only the few names
 * that could be the answer.
 */
function mayCall(callee: TSESTree.Node, methods: ReadonlySet<string>): boolean {
  return callee.type !== AST_NODE_TYPES.MemberExpression || methods.has(staticPropertyName(callee) ?? '');
}

const EXIT = new Set(['exit']);

/** `process.exit(…)`. */
export function isProcessExitCall(sourceCode: Readonly<TSESLint.SourceCode>, call: TSESTree.CallExpression): boolean {
  return mayCall(call.callee, EXIT) && processMember(sourceCode, call.callee) === 'exit';
}

/** The methods of an event emitter that take a listener away. */
const REMOVER_METHODS = new Set(['off', 'removeListener', 'removeAllListeners']);

/** The event a `process.<method>('event', …)` call names, when written as a string and `method` is one of `methods`. */
function processEventOf(sourceCode: Readonly<TSESLint.SourceCode>, call: TSESTree.CallExpression, methods: ReadonlySet<string>): string | undefined {
  const event = call.arguments[0];
  if (event?.type !== AST_NODE_TYPES.Literal || typeof event.value !== 'string' || !mayCall(call.callee, methods)) return undefined;
  const method = processMember(sourceCode, call.callee);
  return method !== undefined && methods.has(method) ? event.value : undefined;
}

/** The event a `process.on('event', listener)` call listens to, when written as a string; else undefined. */
export function processListenerEvent(sourceCode: Readonly<TSESLint.SourceCode>, call: TSESTree.CallExpression): string | undefined {
  return processEventOf(sourceCode, call, LISTENER_METHODS);
}

export interface ProcessListenerCalls {
  /** The calls that add a listener to `process`, with the event each names. */
  readonly added: ReadonlyArray<{ readonly call: TSESTree.CallExpression; readonly event: string }>;
  /** The events whose listeners a call takes away (`process.removeListener('unhandledRejection', fn)`). */
  readonly removedEvents: ReadonlySet<string>;
}

const listenerCallsByProgram = new WeakMap<TSESTree.Program, ProcessListenerCalls>();

/** The calls of a file that add or take away a listener of `process`, anywhere in it: found in one walk per file. */
export function processListenerCalls(sourceCode: Readonly<TSESLint.SourceCode>): ProcessListenerCalls {
  let known = listenerCallsByProgram.get(sourceCode.ast);
  if (known === undefined) {
    const added: { call: TSESTree.CallExpression; event: string }[] = [];
    const removedEvents = new Set<string>();
    someOwnNode(
      sourceCode.ast,
      node => {
        if (node.type !== AST_NODE_TYPES.CallExpression) return false;
        const event = processListenerEvent(sourceCode, node);
        if (event !== undefined) added.push({ call: node, event });
        else {
          const removed = processEventOf(sourceCode, node, REMOVER_METHODS);
          if (removed !== undefined) removedEvents.add(removed);
        }
        return false;
      },
      () => true,
    );
    known = { added, removedEvents };
    listenerCallsByProgram.set(sourceCode.ast, known);
  }
  return known;
}

/** `process.exit(…)` anywhere in `node`. */
export function callsProcessExit(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node): boolean {
  return someOwnNode(node, inner => inner.type === AST_NODE_TYPES.CallExpression && isProcessExitCall(sourceCode, inner), () => true);
}
