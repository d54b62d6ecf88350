import type { ParserServicesWithTypeInformation, TSESLint, TSESTree } from '@typescript-eslint/utils';
import type * as ts from 'typescript';

/**
 * The parser services when they carry a type-checked program, or undefined when the file is linted
 * without type information. Read directly rather than through `ESLintUtils.getParserServices`,
 * which throws under parsers that give no services (espree).
 */
export function getTypeServices(
  context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>> | undefined,
): ParserServicesWithTypeInformation | undefined {
  const services = context?.sourceCode.parserServices as Partial<ParserServicesWithTypeInformation> | undefined;
  if (!services?.program || !services.esTreeNodeToTSNodeMap) return undefined;
  return services as ParserServicesWithTypeInformation;
}

/** The declaration of the signature a call resolves to, by the type checker (a method, a function, an overload). */
export function calledDeclaration(services: ParserServicesWithTypeInformation, call: TSESTree.CallExpression): ts.SignatureDeclaration | undefined {
  const tsCall = services.esTreeNodeToTSNodeMap.get(call) as ts.CallExpression | undefined;
  const declaration = tsCall && services.program.getTypeChecker().getResolvedSignature(tsCall)?.declaration;
  // A JSDoc signature has no name to ask for; callers look for declarations with one.
  return declaration && 'name' in declaration ? (declaration as ts.SignatureDeclaration) : undefined;
}

export function unionParts(type: ts.Type): ts.Type[] {
  return type.isUnion() ? type.types : [type];
}

/**
 * What makes a type a thenable for a rule:
 * - `callable`: its `then` takes a callback first (anything `await` or a caller waits on, as
 *   TypeScript's own `await` check and `no-misused-promises` see it);
 * - `rejectable`: its `then` takes two callbacks, so it can also be rejected (what
 *   `no-floating-promises` sees: a thenable that cannot reject cannot float an error).
 */
export type ThenableKind = 'callable' | 'rejectable';

/** Whether `type`, or a member of its union, is a thenable of that kind. Needs no `typescript` import. */
export function isThenableType(checker: ts.TypeChecker, type: ts.Type, at: ts.Node, kind: ThenableKind): boolean {
  const callbacks = kind === 'rejectable' ? 2 : 1;
  const isCallbackParameter = (parameter: ts.Symbol): boolean =>
    unionParts(checker.getApparentType(checker.getTypeOfSymbolAtLocation(parameter, at))).some(
      part => part.getCallSignatures().length > 0,
    );
  for (const part of unionParts(checker.getApparentType(type))) {
    const then = part.getProperty('then');
    if (!then) continue;
    for (const thenPart of unionParts(checker.getTypeOfSymbolAtLocation(then, at))) {
      const takesCallbacks = thenPart
        .getCallSignatures()
        .some(
          signature =>
            signature.parameters.length >= callbacks && signature.parameters.slice(0, callbacks).every(isCallbackParameter),
        );
      if (takesCallbacks) return true;
    }
  }
  return false;
}
