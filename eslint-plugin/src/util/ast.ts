import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from './ast-utils';

/** The direct child nodes of `node`, in source order, by the parser's visitor keys. */
export function childNodes(node: TSESTree.Node, visitorKeys: TSESLint.SourceCode['visitorKeys']): TSESTree.Node[] {
  const children: TSESTree.Node[] = [];
  for (const key of visitorKeys[node.type] ?? []) {
    const value = (node as unknown as Record<string, unknown>)[key];
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item && typeof item === 'object' && 'type' in item) children.push(item as TSESTree.Node);
    }
  }
  return children;
}

/** The outermost node reached from `node` by climbing through parents of the given types. */
export function climbThrough(node: TSESTree.Node, parentTypes: ReadonlySet<string>): TSESTree.Node {
  let current = node;
  while (current.parent && parentTypes.has(current.parent.type)) current = current.parent;
  return current;
}

/** TypeScript-only wrappers around an expression: `x as T`, `x!`, `x satisfies T`. */
export const TYPE_WRAPPER_TYPES: ReadonlySet<string> = new Set([
  AST_NODE_TYPES.TSAsExpression,
  AST_NODE_TYPES.TSNonNullExpression,
  AST_NODE_TYPES.TSSatisfiesExpression,
]);
