import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

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
