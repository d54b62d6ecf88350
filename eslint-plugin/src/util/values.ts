import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from './ast-utils';
import { isNeverReassigned, variableOf } from './scope/variables';

/**
 * The initial value of a name declared once with an initialiser and never reassigned
 * (`const end = Date.now() + ms` → `Date.now() + ms`), or undefined.
 */
export function constantInitializer(
  sourceCode: Readonly<TSESLint.SourceCode>,
  node: TSESTree.Node,
): TSESTree.Expression | undefined {
  if (node.type !== AST_NODE_TYPES.Identifier) return undefined;
  const variable = variableOf(sourceCode, node);
  const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (definition?.type !== 'Variable' || definition.node.id !== definition.name || !definition.node.init) return undefined;
  if (!isNeverReassigned(variable!)) return undefined;
  return definition.node.init;
}
