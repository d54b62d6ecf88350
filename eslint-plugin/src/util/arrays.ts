import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from './ast-utils';

import { resolveName, skipTypeWrappers, staticPropertyName } from './imports';
import { isNeverReassigned, variableOf } from './scope/variables';

/** Methods of an array that return a new array. */
const ARRAY_RETURNING_METHODS = new Set([
  'concat',
  'filter',
  'flat',
  'flatMap',
  'map',
  'reverse',
  'slice',
  'sort',
  'splice',
  'toReversed',
  'toSorted',
  'toSpliced',
  'with',
]);

/** Global functions that return an array: `Array.from(…)`, `Object.keys(…)`. */
const ARRAY_FACTORIES = new Set(['Array', 'Array.from', 'Array.of', 'Object.keys', 'Object.values', 'Object.entries']);

const MAX_DEPTH = 4;

/** `T[]`, `readonly T[]`, `Array<T>`, `ReadonlyArray<T>` or a tuple. */
function isArrayAnnotation(annotation: TSESTree.TypeNode | undefined): boolean {
  if (!annotation) return false;
  if (annotation.type === AST_NODE_TYPES.TSTypeOperator && annotation.operator === 'readonly') {
    return isArrayAnnotation(annotation.typeAnnotation);
  }
  if (annotation.type === AST_NODE_TYPES.TSArrayType || annotation.type === AST_NODE_TYPES.TSTupleType) return true;
  return (
    annotation.type === AST_NODE_TYPES.TSTypeReference &&
    annotation.typeName.type === AST_NODE_TYPES.Identifier &&
    (annotation.typeName.name === 'Array' || annotation.typeName.name === 'ReadonlyArray')
  );
}

/**
 * True when `node` is certainly an array, by syntax alone: a literal, `Array.from(…)`,
 * `Object.keys(…)`, an array method's result on a certain array, or a name declared with an array
 * type or bound once to one of those. Not a `Map`, a `Set`, a `NodeList` or an unknown value, whose
 * `forEach` passes other arguments and which have no `map`.
 */
export function isCertainlyArray(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node, depth = 0): boolean {
  if (depth > MAX_DEPTH) return false;
  const target = skipTypeWrappers(node);
  switch (target.type) {
    case AST_NODE_TYPES.ArrayExpression:
      return true;
    case AST_NODE_TYPES.LogicalExpression:
      return isCertainlyArray(sourceCode, target.left, depth + 1) && isCertainlyArray(sourceCode, target.right, depth + 1);
    case AST_NODE_TYPES.ConditionalExpression:
      return isCertainlyArray(sourceCode, target.consequent, depth + 1) && isCertainlyArray(sourceCode, target.alternate, depth + 1);
    case AST_NODE_TYPES.NewExpression:
    case AST_NODE_TYPES.CallExpression: {
      const name = resolveName(sourceCode, target.callee);
      if (name?.source === undefined && name !== undefined && ARRAY_FACTORIES.has(name.path.join('.'))) return true;
      if (target.type !== AST_NODE_TYPES.CallExpression || target.callee.type !== AST_NODE_TYPES.MemberExpression) return false;
      const method = staticPropertyName(target.callee);
      return method !== undefined && ARRAY_RETURNING_METHODS.has(method) && isCertainlyArray(sourceCode, target.callee.object, depth + 1);
    }
    case AST_NODE_TYPES.Identifier: {
      const variable = variableOf(sourceCode, target);
      const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
      if (!definition) return false;
      if (definition.name.type === AST_NODE_TYPES.Identifier && isArrayAnnotation(definition.name.typeAnnotation?.typeAnnotation)) {
        return true;
      }
      return (
        definition.type === 'Variable' &&
        definition.node.id === definition.name &&
        definition.node.init !== null &&
        isNeverReassigned(variable!) &&
        isCertainlyArray(sourceCode, definition.node.init, depth + 1)
      );
    }
    default:
      return false;
  }
}
