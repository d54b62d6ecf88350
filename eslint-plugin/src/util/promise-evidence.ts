import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';

import { resolveLocalFunction } from './functions';
import { resolveName } from './imports';

/**
 * "Does this evaluate to a promise?" — one answer for every rule of the plugin.
 *
 * Without type information it answers only from evidence and says no when unsure: a false
 * alarm costs more trust than a miss. (A fuller catalogue of evidence — annotations, JSDoc,
 * promise modules, relative imports read from disk, type information — grows here, behind
 * this same interface.)
 */
export interface PromiseEvidence {
  /** True when the expression certainly evaluates to a promise (or thenable). */
  isPromise(node: TSESTree.Node): boolean;
  /** True when calling this value (a function node, or a reference to one) returns a promise. */
  returnsPromise(callee: TSESTree.Node): boolean;
}

const PROMISE_STATICS = new Set(['all', 'allSettled', 'any', 'race', 'reject', 'resolve', 'try']);
const CHAIN_METHODS = new Set(['then', 'catch', 'finally']);

function staticMemberName(node: TSESTree.MemberExpression): string | undefined {
  if (!node.computed && node.property.type === AST_NODE_TYPES.Identifier) return node.property.name;
  return undefined;
}

export function createPromiseEvidence(sourceCode: Readonly<TSESLint.SourceCode>): PromiseEvidence {
  const cache = new WeakMap<TSESTree.Node, boolean>();

  function isGlobal(node: TSESTree.Node, path: string): boolean {
    const name = resolveName(sourceCode, node);
    return name !== undefined && name.source === undefined && name.path.join('.') === path;
  }

  function returnsPromise(callee: TSESTree.Node): boolean {
    const fn = resolveLocalFunction(sourceCode, callee);
    return fn !== undefined && fn.async && !fn.generator;
  }

  function compute(node: TSESTree.Node): boolean {
    switch (node.type) {
      case AST_NODE_TYPES.NewExpression:
        return isGlobal(node.callee, 'Promise');
      case AST_NODE_TYPES.ImportExpression:
        return true;
      case AST_NODE_TYPES.TSAsExpression:
      case AST_NODE_TYPES.TSNonNullExpression:
      case AST_NODE_TYPES.TSSatisfiesExpression:
        return isPromise(node.expression);
      case AST_NODE_TYPES.CallExpression: {
        const callee = node.callee;
        if (callee.type === AST_NODE_TYPES.MemberExpression) {
          const method = staticMemberName(callee);
          if (method !== undefined && PROMISE_STATICS.has(method) && isGlobal(callee.object, 'Promise')) return true;
          if (method !== undefined && CHAIN_METHODS.has(method) && isPromise(callee.object)) return true;
        }
        if (isGlobal(callee, 'fetch')) return true;
        return returnsPromise(callee);
      }
      default:
        return false;
    }
  }

  function isPromise(node: TSESTree.Node): boolean {
    let known = cache.get(node);
    if (known === undefined) {
      known = compute(node);
      cache.set(node, known);
    }
    return known;
  }

  return { isPromise, returnsPromise };
}
