import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-utils';

import type { DeclaredType, Signature } from './declared-type';
import { acceptsPromiseReturn, elementOf, instantiateSignatures, isVoidReturningFunction, memberOf, returnTypeOf, signaturesOf, union, unionParts, UNKNOWN } from './declared-type';
import type { FileDeclarations } from './file-declarations';

/**
 * Where the code declares that a function is expected to return void, without a type checker:
 * the parameters of declared functions (`cb: (err, res) => void`, rest parameters, tuples), the
 * annotation of a variable or a property, a function's declared return, an assignment's target,
 * the props of a component whose parameter is annotated. The answer is the declared type the
 * context gives the expression; unknown when nothing is declared.
 */

/** The declared type of parameter `index` of a signature, through rest parameters (`...fns: Array<() => void>`, tuples). */
export function parameterTypeAt(signature: Signature, index: number): DeclaredType {
  const { parameters } = signature;
  for (let position = 0; position < parameters.length; position++) {
    const parameter = parameters[position]!;
    if (parameter.rest) return elementOf(parameter.type(), index - position);
    if (position === index) return parameter.type();
  }
  return UNKNOWN;
}

/** Argument positions (among those asked) whose every declared overload expects a void-returning function there, and none a promise-returning one. */
export function voidArgumentIndices(
  declarations: FileDeclarations,
  call: TSESTree.CallExpression | TSESTree.NewExpression,
  positions: ReadonlySet<number>,
): Set<number> {
  const slots = new Set<number>();
  let signatures = signaturesOf(declarations.typeOfExpression(call.callee), call.type === AST_NODE_TYPES.NewExpression);
  // A call with type arguments uses its generic signatures with them bound (`useCallback<() => void>(…)`).
  if (signatures && call.typeArguments) {
    signatures = instantiateSignatures(signatures, call.typeArguments.params.map(argument => declarations.typeOfTypeNode(argument)));
  }
  if (!signatures) return slots;
  const accepting = new Set<number>();
  for (const signature of signatures) {
    for (const position of positions) {
      const type = parameterTypeAt(signature, position);
      if (acceptsPromiseReturn(type)) accepting.add(position);
      else if (isVoidReturningFunction(type)) slots.add(position);
    }
  }
  for (const position of accepting) slots.delete(position);
  return slots;
}

type FunctionNode = TSESTree.ArrowFunctionExpression | TSESTree.FunctionDeclaration | TSESTree.FunctionExpression;

function isFunctionNode(node: TSESTree.Node | undefined): node is FunctionNode {
  return (
    node?.type === AST_NODE_TYPES.ArrowFunctionExpression ||
    node?.type === AST_NODE_TYPES.FunctionDeclaration ||
    node?.type === AST_NODE_TYPES.FunctionExpression
  );
}

function propertyKey(property: TSESTree.Property): string | undefined {
  if (!property.computed && property.key.type === AST_NODE_TYPES.Identifier) return property.key.name;
  if (property.key.type === AST_NODE_TYPES.Literal && typeof property.key.value === 'string') return property.key.value;
  return undefined;
}

/** The declared type of what a function returns, from its annotation or from the function type it is declared as. */
export function declaredReturnType(declarations: FileDeclarations, fn: FunctionNode, depth = 0): DeclaredType {
  if (fn.returnType) return fn.async ? UNKNOWN : declarations.typeOfTypeNode(fn.returnType.typeAnnotation);
  if (fn.async || fn.generator) return UNKNOWN;
  return returnTypeOf(expectedType(declarations, fn, depth + 1));
}

/** The declared type the context gives an expression; unknown when the context declares nothing. */
export function expectedType(declarations: FileDeclarations, node: TSESTree.Node, depth = 0): DeclaredType {
  if (depth > 6) return UNKNOWN;
  const parent = node.parent;
  if (!parent) return UNKNOWN;
  switch (parent.type) {
    case AST_NODE_TYPES.TSAsExpression:
    case AST_NODE_TYPES.TSSatisfiesExpression: {
      const annotation = parent.typeAnnotation;
      const isConst = annotation.type === AST_NODE_TYPES.TSTypeReference && annotation.typeName.type === AST_NODE_TYPES.Identifier && annotation.typeName.name === 'const';
      if (parent.type === AST_NODE_TYPES.TSSatisfiesExpression && !isConst) return declarations.typeOfTypeNode(annotation);
      return isConst ? expectedType(declarations, parent, depth + 1) : UNKNOWN;
    }
    case AST_NODE_TYPES.VariableDeclarator: {
      if (parent.init !== node || parent.id.type !== AST_NODE_TYPES.Identifier) return UNKNOWN;
      const annotation = parent.id.typeAnnotation?.typeAnnotation;
      return annotation ? declarations.typeOfTypeNode(annotation) : UNKNOWN;
    }
    case AST_NODE_TYPES.AssignmentExpression:
      if (parent.right !== node || parent.operator !== '=') return UNKNOWN;
      // The target's declared type, not what was assigned to it before.
      if (parent.left.type === AST_NODE_TYPES.Identifier) return declarations.declaredTypeOfBinding(parent.left);
      if (parent.left.type === AST_NODE_TYPES.MemberExpression) return declarations.typeOfExpression(parent.left);
      return UNKNOWN;
    case AST_NODE_TYPES.Property: {
      if (parent.value !== node || parent.parent.type !== AST_NODE_TYPES.ObjectExpression) return UNKNOWN;
      const key = propertyKey(parent);
      if (key === undefined) return UNKNOWN;
      const object = expectedType(declarations, parent.parent, depth + 1);
      if (object.kind === 'unknown') return UNKNOWN;
      const parts = unionParts(object).filter(part => part.kind !== 'nullish');
      if (parts.length === 0 || parts.some(part => part.kind !== 'structure' && part.kind !== 'intersection')) return UNKNOWN;
      return memberOf(union(parts), key);
    }
    case AST_NODE_TYPES.ReturnStatement: {
      let fn: TSESTree.Node | undefined = parent.parent;
      while (fn && !isFunctionNode(fn)) fn = fn.parent;
      return isFunctionNode(fn) ? declaredReturnType(declarations, fn, depth + 1) : UNKNOWN;
    }
    case AST_NODE_TYPES.ArrowFunctionExpression:
      return parent.body === node ? declaredReturnType(declarations, parent, depth + 1) : UNKNOWN;
    case AST_NODE_TYPES.CallExpression:
    case AST_NODE_TYPES.NewExpression: {
      const index = parent.arguments.indexOf(node as TSESTree.CallExpressionArgument);
      if (index < 0) return UNKNOWN;
      let signatures = signaturesOf(declarations.typeOfExpression(parent.callee), parent.type === AST_NODE_TYPES.NewExpression);
      if (signatures && parent.typeArguments) {
        signatures = instantiateSignatures(signatures, parent.typeArguments.params.map(argument => declarations.typeOfTypeNode(argument)));
      }
      if (signatures?.length !== 1) return UNKNOWN;
      return parameterTypeAt(signatures[0]!, index);
    }
    case AST_NODE_TYPES.JSXExpressionContainer: {
      const attribute = parent.parent;
      if (attribute?.type !== AST_NODE_TYPES.JSXAttribute || attribute.name.type !== AST_NODE_TYPES.JSXIdentifier) return UNKNOWN;
      const element = attribute.parent;
      if (element.name.type !== AST_NODE_TYPES.JSXIdentifier || !/^[A-Z]/.test(element.name.name)) return UNKNOWN;
      const component = declarations.typeOfJsxComponent(element.name);
      const signatures = signaturesOf(component);
      if (signatures?.length !== 1) return UNKNOWN;
      return memberOf(parameterTypeAt(signatures[0]!, 0), attribute.name.name);
    }
    default:
      return UNKNOWN;
  }
}
