import type { ParserServicesWithTypeInformation, TSESTree } from '@typescript-eslint/utils';
import type * as ts from 'typescript';

import { isThenableType, unionParts } from './type-services';

/**
 * Type-checker answers to "is a promise-returning function used where a void-returning one is
 * expected?". Only built when the parser has a program: `typescript` is an optional peer, so it is
 * loaded here, on first use, and never when the plugin is loaded.
 */
export interface VoidReturnTypes {
  readonly checker: ts.TypeChecker;
  readonly services: ParserServicesWithTypeInformation;
  /** True when calling a value of this node's type can return a thenable. */
  returnsThenable(node: TSESTree.Node): boolean;
  /** True when `type` is a function type that returns void and accepts no thenable return. */
  isVoidReturningFunctionType(type: ts.Type): boolean;
  /** True when `type` is a function type one of whose signatures returns a thenable. */
  isThenableReturningFunctionType(type: ts.Type): boolean;
  /**
   * Parameter positions of a call that expect a void-returning (and not a thenable-returning)
   * function, among the argument positions asked about.
   */
  voidArgumentIndices(call: TSESTree.CallExpression | TSESTree.NewExpression, positions: ReadonlySet<number>): Set<number>;
  /** The type TypeScript expects at an expression, if any. */
  contextualType(node: TSESTree.Node): ts.Type | undefined;
  /** True when the node's type is an array, a tuple or a union of those. */
  isArrayLike(node: TSESTree.Node): boolean;
  /** True when the type of the node is `any` or `unknown` (nothing known). */
  isUnknown(node: TSESTree.Node): boolean;
  unionParts(type: ts.Type): ts.Type[];
}

let typescriptModule: typeof ts | undefined;

function loadTypeScript(): typeof ts {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- optional peer, loaded only with type information
  typescriptModule ??= require('typescript') as typeof ts;
  return typescriptModule;
}

export function createVoidReturnTypes(services: ParserServicesWithTypeInformation): VoidReturnTypes {
  const tsModule = loadTypeScript();
  const checker = services.program.getTypeChecker();

  const isThenable = (type: ts.Type, at: ts.Node): boolean => isThenableType(checker, type, at, 'callable');

  const anchor = (): ts.Node => services.program.getSourceFiles()[0]!;

  function isThenableReturningFunctionType(type: ts.Type): boolean {
    const at = anchor();
    return unionParts(type).some(part =>
      part.getCallSignatures().some(signature => isThenable(signature.getReturnType(), at)),
    );
  }

  function isVoidReturningFunctionType(type: ts.Type): boolean {
    const at = anchor();
    let returnsVoid = false;
    for (const part of unionParts(type)) {
      for (const signature of part.getCallSignatures()) {
        const returnType = signature.getReturnType();
        // A slot that takes both a void and a thenable return waits for the promise (or says it may).
        if (isThenable(returnType, at)) return false;
        if ((returnType.flags & tsModule.TypeFlags.Void) !== 0) returnsVoid = true;
      }
    }
    return returnsVoid;
  }

  function typeOf(node: TSESTree.Node): ts.Type {
    return services.getTypeAtLocation(node);
  }

  function returnsThenable(node: TSESTree.Node): boolean {
    const type = checker.getApparentType(typeOf(node));
    return isThenableReturningFunctionType(type);
  }

  function voidArgumentIndices(call: TSESTree.CallExpression | TSESTree.NewExpression, positions: ReadonlySet<number>): Set<number> {
    const thenableSlots = new Set<number>();
    const voidSlots = new Set<number>();
    const addArgumentKind = (type: ts.Type, index: number): void => {
      if (!positions.has(index)) return;
      if (isThenableReturningFunctionType(type)) thenableSlots.add(index);
      else if (isVoidReturningFunctionType(type)) voidSlots.add(index);
    };
    const tsCall = services.esTreeNodeToTSNodeMap.get(call) as ts.CallExpression | ts.NewExpression;
    const argumentCount = tsCall.arguments?.length ?? 0;
    if (!tsCall.arguments || argumentCount === 0) return voidSlots;
    const calleeType = checker.getTypeAtLocation(tsCall.expression);
    const isNew = call.type === 'NewExpression';
    // Every overload counts: if any accepts a thenable-returning function at a position, a
    // promise-returning argument there is allowed (`it(name, async () => …)`).
    let generic = false;
    for (const part of unionParts(calleeType)) {
      const signatures = isNew ? part.getConstructSignatures() : part.getCallSignatures();
      for (const signature of signatures) {
        if (signature.typeParameters?.length) generic = true;
        signature.parameters.forEach((parameter, index) => {
          const declaration = parameter.valueDeclaration;
          const isRest = declaration !== undefined && tsModule.isParameter(declaration) && declaration.dotDotDotToken !== undefined;
          if (!isRest && !positions.has(index)) return;
          let type = checker.getTypeOfSymbolAtLocation(parameter, tsCall.expression);
          if (!isRest) {
            addArgumentKind(type, index);
            return;
          }
          if (checker.isArrayType(type)) {
            type = checker.getTypeArguments(type as ts.TypeReference)[0] ?? type;
            for (let position = index; position < argumentCount; position++) {
              addArgumentKind(type, position);
            }
          } else if (checker.isTupleType(type)) {
            const elements = checker.getTypeArguments(type as ts.TypeReference);
            elements.forEach((element, offset) => addArgumentKind(element, index + offset));
          }
        });
      }
    }
    // Generic parameters instantiated at the call (`useCallback<() => void>(…)`). Only asked of a
    // generic signature: elsewhere the contextual types are the parameter types above, and asking
    // resolves the call, which infers the type of every argument.
    if (generic) {
      tsCall.arguments.forEach((argument, index) => {
        if (!positions.has(index)) return;
        const contextual = checker.getContextualType(argument);
        if (contextual) addArgumentKind(contextual, index);
      });
    }
    for (const index of thenableSlots) voidSlots.delete(index);
    return voidSlots;
  }

  function contextualType(node: TSESTree.Node): ts.Type | undefined {
    const tsNode = services.esTreeNodeToTSNodeMap.get(node) as ts.Expression;
    return checker.getContextualType(tsNode);
  }

  function isArrayLike(node: TSESTree.Node): boolean {
    const type = checker.getApparentType(typeOf(node));
    return unionParts(type).every(part => {
      const base = part.isIntersection() ? part.types : [part];
      return base.some(inner => checker.isArrayType(inner) || checker.isTupleType(inner));
    });
  }

  function isUnknown(node: TSESTree.Node): boolean {
    const flags = typeOf(node).flags;
    return (flags & (tsModule.TypeFlags.Any | tsModule.TypeFlags.Unknown)) !== 0;
  }

  return {
    checker,
    services,
    returnsThenable,
    isVoidReturningFunctionType,
    isThenableReturningFunctionType,
    voidArgumentIndices,
    contextualType,
    isArrayLike,
    isUnknown,
    unionParts,
  };
}
