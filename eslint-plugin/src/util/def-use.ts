import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from './ast-utils';

import { childNodes } from './ast';
import { referencesWithin, variableOf } from './scope/variables';

/** A variable of the scope analysis, or the `this` of the running function. */
export type DataTarget = TSESLint.Scope.Variable | 'this';

/**
 * What a piece of code reads and writes, by scope analysis (not by text): two statements with
 * the same variable name in different scopes do not touch each other.
 */
export interface Footprint {
  /** Variables (and `this`) whose value the code reads. */
  reads: Set<DataTarget>;
  /** Variables the code assigns, declares with a value, or updates (`x = …`, `x++`, `const x = …`). */
  writes: Set<DataTarget>;
  /** Roots of member writes: `a` in `a.b = …`, `a.b.c++`, `delete a[k]`; `this` in `this.x = …`. */
  mutates: Set<DataTarget>;
}

/** The root of a member chain: `a` in `a.b[c].d`, `this` in `this.x.y`. */
export function memberRoot(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  for (;;) {
    if (current.type === AST_NODE_TYPES.MemberExpression) current = current.object;
    else if (current.type === AST_NODE_TYPES.ChainExpression) current = current.expression;
    else if (current.type === AST_NODE_TYPES.TSNonNullExpression) current = current.expression;
    else if (current.type === AST_NODE_TYPES.CallExpression && current.callee.type === AST_NODE_TYPES.MemberExpression) {
      // `a.b().c = 1` mutates what `a.b()` returned: as far as we know, something reachable from `a`.
      current = current.callee;
    } else return current;
  }
}

/** The variable a root identifier refers to, or `this`; undefined for globals and other roots. */
export function rootTarget(sourceCode: Readonly<TSESLint.SourceCode>, root: TSESTree.Node): DataTarget | undefined {
  if (root.type === AST_NODE_TYPES.ThisExpression) return 'this';
  if (root.type !== AST_NODE_TYPES.Identifier) return undefined;
  return variableOf(sourceCode, root) ?? undefined;
}

function mutatedRootOf(node: TSESTree.Node): TSESTree.Node | undefined {
  switch (node.type) {
    case AST_NODE_TYPES.AssignmentExpression:
      return node.left.type === AST_NODE_TYPES.MemberExpression ? memberRoot(node.left) : undefined;
    case AST_NODE_TYPES.UpdateExpression:
      return node.argument.type === AST_NODE_TYPES.MemberExpression ? memberRoot(node.argument) : undefined;
    case AST_NODE_TYPES.UnaryExpression:
      return node.operator === 'delete' && node.argument.type === AST_NODE_TYPES.MemberExpression
        ? memberRoot(node.argument)
        : undefined;
    default:
      return undefined;
  }
}

/**
 * Computes and caches the footprints of nodes of one file. References are those of the scope
 * manager, so shadowing, closures and destructuring are handled as the engine sees them.
 */
export function createFootprints(sourceCode: Readonly<TSESLint.SourceCode>): (node: TSESTree.Node) => Footprint {
  const cache = new WeakMap<TSESTree.Node, Footprint>();

  function compute(node: TSESTree.Node): Footprint {
    const footprint: Footprint = { reads: new Set(), writes: new Set(), mutates: new Set() };
    for (const reference of referencesWithin(sourceCode, node.range)) {
      const variable = reference.resolved;
      if (!variable) continue;
      if (reference.isRead()) footprint.reads.add(variable);
      if (reference.isWrite()) footprint.writes.add(variable);
    }
    // A loop, not recursion: a node may hold thousands of nested functions.
    const pending: TSESTree.Node[] = [node];
    for (let current = pending.pop(); current; current = pending.pop()) {
      if (current.type === AST_NODE_TYPES.ThisExpression) footprint.reads.add('this');
      const root = mutatedRootOf(current);
      const target = root && rootTarget(sourceCode, root);
      if (target) footprint.mutates.add(target);
      pending.push(...childNodes(current, sourceCode.visitorKeys));
    }
    return footprint;
  }

  return node => {
    let footprint = cache.get(node);
    if (!footprint) {
      footprint = compute(node);
      cache.set(node, footprint);
    }
    return footprint;
  };
}

function intersects<T>(a: ReadonlySet<T>, b: ReadonlySet<T>): boolean {
  for (const item of a) if (b.has(item)) return true;
  return false;
}

/**
 * True when running `later` before `earlier` has finished could change what either sees: a
 * flow dependence (later reads what earlier writes or mutates), an anti dependence (later writes
 * what earlier reads) or an output dependence (both write the same target).
 */
export function dependsOn(later: Footprint, earlier: Footprint): boolean {
  return (
    intersects(later.reads, earlier.writes) ||
    intersects(later.reads, earlier.mutates) ||
    intersects(later.writes, earlier.reads) ||
    intersects(later.mutates, earlier.reads) ||
    intersects(later.writes, earlier.writes) ||
    intersects(later.mutates, earlier.mutates)
  );
}
