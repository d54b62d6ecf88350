import type { ParserServicesWithTypeInformation, TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from './ast-utils';
import type * as ts from 'typescript';

import type { FunctionNode } from './functions';
import { isFunctionNode, resolveCommonJsExportFunction, resolveLocalFunction } from './functions';
import type { ResolvedName } from './imports';
import { canonicalName, normalizeModuleSource, resolveName, skipTypeWrappers, staticPropertyName } from './imports';
import {
  getExportEvidence,
  hasPromiseReturnAnnotation,
  isJSDocReturningPromise,
  isPromiseFunctionType,
  isPromiseTypeAnnotation,
} from './module-exports';
import { getTypeServices, isThenableType, unionParts } from './type-services';
import type { FileDeclarations } from './declarations';
import { declared, getFileDeclarations } from './declarations';
import { isNeverReassigned, variableOf } from './scope/variables';

/**
 * "Does this evaluate to a promise?" — one answer for every rule of the plugin.
 *
 * With type information (parser services with a program) the type checker decides: any
 * thenable whose `then` takes a rejection handler. Without it, the answer comes only from
 * evidence, most certain first, and is no when unsure — a false alarm costs more trust than a
 * miss: `async` functions, `Promise<T>` annotations and JSDoc `@returns {Promise}`, one level of
 * return inference, promise modules keyed by import source, global `fetch` and the body methods
 * of a known `Response`, `.then/.catch/.finally` chains, relative modules read from disk, and
 * functions the user lists. Never a name alone, never an unknown receiver.
 */
export interface PromiseEvidence {
  /** True when the expression certainly evaluates to a promise (or thenable). */
  isPromise(node: TSESTree.Node): boolean;
  /** True when calling this value (a function node, or a reference to one) returns a promise. */
  returnsPromise(callee: TSESTree.Node): boolean;
  /** True when the type checker answers (the file is part of a typed program). */
  readonly usesTypeInformation: boolean;
  /** The expression is an array or tuple holding promises (without types: a known array mapped through a promise function, or a literal). */
  isPromiseArray(node: TSESTree.Node): boolean;
  /**
   * Whether the value can be called (a rejection handler): with types the checker answers;
   * without, only literals that are certainly not functions say no.
   */
  isCallable(node: TSESTree.Node): boolean;
}

/** Functions known to return a promise, by module (`module` omitted: a global) and dotted name. */
export interface PromiseFunctionList {
  module?: string;
  names: string[];
}

export interface PromiseEvidenceOptions {
  /** The rule context: gives the parser services, hence the type checker when there is one. */
  context?: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;
  /** More promise-returning functions (a rule option). */
  promiseFunctions?: readonly PromiseFunctionList[];
  /** Read relative modules from disk for evidence (default true). */
  readImportedModules?: boolean;
}

const PROMISE_STATICS = new Set(['all', 'allSettled', 'any', 'race', 'reject', 'resolve', 'try', 'withResolvers']);
const CHAIN_METHODS = new Set(['then', 'catch', 'finally']);
const RESPONSE_BODY_METHODS = new Set(['json', 'text', 'arrayBuffer', 'blob', 'formData', 'bytes']);

/**
 * Node's promise modules: every listed export returns a promise. (Not `watch` or `setInterval`,
 * which return async iterators, nor classes and constants.)
 */
const PROMISE_MODULES: Record<string, readonly string[]> = {
  'fs/promises': [
    'access', 'appendFile', 'chmod', 'chown', 'copyFile', 'cp', 'lchmod', 'lchown', 'link', 'lstat', 'lutimes',
    'mkdir', 'mkdtemp', 'open', 'opendir', 'readdir', 'readFile', 'readlink', 'realpath', 'rename', 'rm', 'rmdir',
    'stat', 'statfs', 'symlink', 'truncate', 'unlink', 'utimes', 'writeFile',
  ],
  'timers/promises': ['setTimeout', 'setImmediate', 'scheduler.wait', 'scheduler.yield'],
  'stream/promises': ['pipeline', 'finished'],
  'dns/promises': [
    'lookup', 'lookupService', 'resolve', 'resolve4', 'resolve6', 'resolveAny', 'resolveCaa', 'resolveCname',
    'resolveMx', 'resolveNaptr', 'resolveNs', 'resolvePtr', 'resolveSoa', 'resolveSrv', 'resolveTxt', 'reverse',
  ],
  'readline/promises': [],
  undici: ['fetch', 'request'],
};

function nameKey(source: string | undefined, path: readonly string[]): string {
  return `${source ?? ''}\0${path.join('.')}`;
}

function buildKnownFunctions(extra: readonly PromiseFunctionList[]): ReadonlySet<string> {
  const known = new Set<string>();
  for (const [source, names] of Object.entries(PROMISE_MODULES)) {
    for (const name of names) known.add(nameKey(source, name.split('.')));
  }
  known.add(nameKey(undefined, ['fetch']));
  for (const entry of extra) {
    const source = entry.module === undefined ? undefined : normalizeModuleSource(entry.module);
    for (const name of entry.names) {
      const canonical = source === undefined ? { source, path: name.split('.') } : canonicalName({ source, path: name.split('.') });
      known.add(nameKey(canonical.source, canonical.path));
    }
  }
  return known;
}

/** The known promise functions without any the user lists: built once, not for every file and rule. */
const BUILT_IN_PROMISE_FUNCTIONS: ReadonlySet<string> = buildKnownFunctions([]);

/** The single, never reassigned definition of an identifier, or undefined. */
function singleDefinition(
  sourceCode: Readonly<TSESLint.SourceCode>,
  node: TSESTree.Identifier,
): { variable: TSESLint.Scope.Variable; definition: TSESLint.Scope.Definition } | undefined {
  const variable = variableOf(sourceCode, node);
  if (!variable || variable.defs.length !== 1) return undefined;
  if (!isNeverReassigned(variable)) return undefined;
  return { variable, definition: variable.defs[0]! };
}

/**
 * The type-checker half: a thenable is a type whose `then` accepts two callbacks (a Promise, a
 * subclass, a polyfill, a custom thenable that can be rejected).
 */
function createTypedEvidence(services: ParserServicesWithTypeInformation) {
  const checker = services.program.getTypeChecker();

  function typeOf(node: TSESTree.Node): { type: ts.Type; tsNode: ts.Node } | undefined {
    const tsNode = services.esTreeNodeToTSNodeMap.get(node);
    try {
      return { type: checker.getTypeAtLocation(tsNode), tsNode };
    } catch {
      return undefined;
    }
  }

  const isThenable = (type: ts.Type, at: ts.Node): boolean => isThenableType(checker, type, at, 'rejectable');

  return {
    isPromise(node: TSESTree.Node): boolean {
      const found = typeOf(node);
      return found !== undefined && isThenable(found.type, found.tsNode);
    },
    returnsPromise(callee: TSESTree.Node): boolean {
      const found = typeOf(callee);
      if (!found) return false;
      const signatures = unionParts(found.type).flatMap(part => part.getCallSignatures());
      return signatures.length > 0 && signatures.every(signature => isThenable(signature.getReturnType(), found.tsNode));
    },
    isPromiseArray(node: TSESTree.Node): boolean {
      const found = typeOf(node);
      if (!found) return false;
      for (const part of unionParts(found.type).map(t => checker.getApparentType(t))) {
        if (checker.isArrayType(part) || checker.isTupleType(part)) {
          if (checker.getTypeArguments(part as ts.TypeReference).some(element => isThenable(element, found.tsNode))) {
            return true;
          }
        }
      }
      return false;
    },
    isCallable(node: TSESTree.Node): boolean {
      const found = typeOf(node);
      // A union such as `string | (() => void)` has no call signature: it may not be callable.
      return !found || found.type.getCallSignatures().length > 0;
    },
  };
}

const NOT_CALLABLE_LITERALS = new Set<string>([
  AST_NODE_TYPES.Literal,
  AST_NODE_TYPES.TemplateLiteral,
  AST_NODE_TYPES.ObjectExpression,
  AST_NODE_TYPES.ArrayExpression,
]);

export function createPromiseEvidence(
  sourceCode: Readonly<TSESLint.SourceCode>,
  options: PromiseEvidenceOptions = {},
): PromiseEvidence {
  const services = getTypeServices(options.context);
  const typed = services ? createTypedEvidence(services) : undefined;
  const knownFunctions = options.promiseFunctions?.length ? buildKnownFunctions(options.promiseFunctions) : BUILT_IN_PROMISE_FUNCTIONS;
  const readImportedModules = options.readImportedModules ?? true;
  const filename = options.context?.filename ?? (options.context as { getFilename?: () => string } | undefined)?.getFilename?.();

  const promiseCache = new WeakMap<TSESTree.Node, boolean>();
  const inferredReturns = new WeakMap<FunctionNode, boolean>();
  const inferring = new Set<FunctionNode>();
  const visiting = new Set<TSESTree.Node>();
  const importedAnswers = new Map<string, ReturnType<typeof getExportEvidence>>();
  let fileDeclarations: FileDeclarations | undefined;
  /** What the file (and the modules it imports) declares: built on first use, shared by every rule. */
  const declarations = (): FileDeclarations => (fileDeclarations ??= getFileDeclarations(sourceCode, readImportedModules ? filename : undefined));

  function isGlobal(node: TSESTree.Node, path: string): boolean {
    const name = resolveName(sourceCode, node);
    return name !== undefined && name.source === undefined && name.path.join('.') === path;
  }

  function isKnownName(name: ResolvedName): boolean {
    if (knownFunctions.has(nameKey(name.source, name.path))) return true;
    return false;
  }

  function importedEvidence(name: ResolvedName): ReturnType<typeof getExportEvidence> {
    if (!readImportedModules || name.source === undefined || filename === undefined || !name.source.startsWith('.')) {
      return undefined;
    }
    if (name.path.length > 1) return undefined;
    // Each call site of an imported function asks again: answer from disk once per file linted.
    const key = nameKey(name.source, name.path);
    if (importedAnswers.has(key)) return importedAnswers.get(key);
    const answer =
      name.path.length === 0
        ? (getExportEvidence(filename, name.source, 'default') ?? getExportEvidence(filename, name.source, ''))
        : getExportEvidence(filename, name.source, name.path[0]!);
    importedAnswers.set(key, answer);
    return answer;
  }

  function leadingJSDoc(fn: FunctionNode): TSESTree.Comment | undefined {
    let anchor: TSESTree.Node = fn;
    const parent = fn.parent;
    if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.init === fn) anchor = parent.parent;
    else if (
      parent &&
      (parent.type === AST_NODE_TYPES.MethodDefinition || parent.type === AST_NODE_TYPES.Property || parent.type === AST_NODE_TYPES.PropertyDefinition)
    ) {
      anchor = parent;
    }
    if (
      anchor.parent &&
      (anchor.parent.type === AST_NODE_TYPES.ExportNamedDeclaration || anchor.parent.type === AST_NODE_TYPES.ExportDefaultDeclaration)
    ) {
      anchor = anchor.parent;
    }
    const comments = sourceCode.getCommentsBefore(anchor);
    return comments[comments.length - 1];
  }

  /** The `return` arguments of a function body (not of nested functions), or undefined if it can fall off its end. */
  function returnedValues(fn: FunctionNode): TSESTree.Node[] | undefined {
    if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return [fn.body];
    const last = fn.body.body[fn.body.body.length - 1];
    if (last?.type !== AST_NODE_TYPES.ReturnStatement) return undefined;
    const values: TSESTree.Node[] = [];
    let certain = true;
    const visit = (node: TSESTree.Node): void => {
      if (!certain) return;
      if (node.type === AST_NODE_TYPES.ReturnStatement) {
        if (!node.argument) certain = false;
        else values.push(node.argument);
        return;
      }
      if (isFunctionNode(node) || node.type === AST_NODE_TYPES.ClassBody) return;
      for (const key of sourceCode.visitorKeys[node.type] ?? []) {
        const child = (node as unknown as Record<string, unknown>)[key];
        if (Array.isArray(child)) {
          for (const item of child) if (item && typeof (item as TSESTree.Node).type === 'string') visit(item as TSESTree.Node);
        } else if (child && typeof (child as TSESTree.Node).type === 'string') {
          visit(child as TSESTree.Node);
        }
      }
    };
    for (const statement of fn.body.body) visit(statement);
    return certain ? values : undefined;
  }

  /** One level of return inference: every `return` is a promise by direct evidence. */
  function returnsPromiseByInference(fn: FunctionNode): boolean {
    const known = inferredReturns.get(fn);
    if (known !== undefined) return known;
    if (inferring.size > 0) return false; // one level only
    inferring.add(fn);
    let result: boolean;
    try {
      const values = returnedValues(fn);
      result = values !== undefined && values.length > 0 && values.every(value => isPromise(value));
    } finally {
      inferring.delete(fn);
    }
    inferredReturns.set(fn, result);
    return result;
  }

  function functionReturnsPromise(fn: FunctionNode): boolean {
    if (fn.generator) return false;
    if (fn.async || hasPromiseReturnAnnotation(fn)) return true;
    if (isJSDocReturningPromise(leadingJSDoc(fn))) return true;
    return returnsPromiseByInference(fn);
  }

  /** `declare function f(): Promise<T>` (every overload) and `const f: () => Promise<T>`. */
  function declaredReturnsPromise(callee: TSESTree.Identifier): boolean {
    const variable = variableOf(sourceCode, callee);
    if (!variable || variable.defs.length === 0) return false;
    if (variable.defs.every(definition => definition.node.type === AST_NODE_TYPES.TSDeclareFunction)) {
      return variable.defs.every(definition => hasPromiseReturnAnnotation(definition.node as TSESTree.TSDeclareFunction));
    }
    if (variable.defs.length !== 1) return false;
    const definition = variable.defs[0]!;
    if (definition.type === 'Parameter' && definition.name.type === AST_NODE_TYPES.Identifier) {
      // `(callback: () => Promise<void>) => …`, optional or not: when called, it returns a promise.
      const writes = variable.references.filter(reference => reference.isWrite());
      return writes.length === 0 && isPromiseFunctionType(definition.name.typeAnnotation?.typeAnnotation);
    }
    if (definition.type === 'Variable' && definition.node.id.type === AST_NODE_TYPES.Identifier) {
      const id = definition.node.id;
      return isNeverReassigned(variable) && isPromiseFunctionType(id.typeAnnotation?.typeAnnotation);
    }
    return false;
  }

  /** `util.promisify(fn)` returns a function that returns a promise. */
  function isPromisified(init: TSESTree.Node): boolean {
    const call = skipTypeWrappers(init);
    if (call.type !== AST_NODE_TYPES.CallExpression) return false;
    const name = resolveName(sourceCode, call.callee);
    return name?.source === 'util' && name.path.join('.') === 'promisify';
  }

  /**
   * `this.save()` inside a class whose method `save` is async (or annotated, or inferred): the
   * receiver is the class itself, not an unknown object. `this` is followed through arrow
   * functions only; a plain function has its own `this`.
   */
  function classMethodFor(member: TSESTree.MemberExpression): FunctionNode | undefined {
    if (member.object.type !== AST_NODE_TYPES.ThisExpression) return undefined;
    const name =
      member.property.type === AST_NODE_TYPES.PrivateIdentifier ? `#${member.property.name}` : staticPropertyName(member);
    if (name === undefined) return undefined;
    let current: TSESTree.Node | undefined = member.parent;
    while (current && current.type === AST_NODE_TYPES.ArrowFunctionExpression) current = current.parent;
    for (; current; current = current.parent) {
      if (current.type === AST_NODE_TYPES.ArrowFunctionExpression) continue;
      if (isFunctionNode(current)) {
        const owner = current.parent;
        if (owner?.type !== AST_NODE_TYPES.MethodDefinition || owner.value !== current) return undefined;
        const classBody = owner.parent;
        const isStatic = owner.static;
        const matches = classBody.body.filter(element => {
          if (element.type !== AST_NODE_TYPES.MethodDefinition && element.type !== AST_NODE_TYPES.PropertyDefinition) return false;
          const key = element.key;
          const elementName =
            key.type === AST_NODE_TYPES.PrivateIdentifier ? `#${key.name}` : !element.computed && key.type === AST_NODE_TYPES.Identifier ? key.name : undefined;
          return elementName === name;
        });
        const [method] = matches;
        if (matches.length !== 1 || method?.type !== AST_NODE_TYPES.MethodDefinition || method.kind !== 'method') return undefined;
        return method.static === isStatic && isFunctionNode(method.value) ? method.value : undefined;
      }
      if (current.type === AST_NODE_TYPES.ClassBody || current.type === AST_NODE_TYPES.PropertyDefinition) return undefined;
    }
    return undefined;
  }

  function evidenceReturnsPromise(callee: TSESTree.Node): boolean {
    const target = skipTypeWrappers(callee);
    if (target.type === AST_NODE_TYPES.MemberExpression) {
      const method = classMethodFor(target);
      if (method) return functionReturnsPromise(method);
    }
    // A function of the file, or one its top level exports through CommonJS (`exports.save()`).
    const fn = resolveLocalFunction(sourceCode, target) ?? resolveCommonJsExportFunction(sourceCode, target);
    if (fn) return functionReturnsPromise(fn);
    if (target.type === AST_NODE_TYPES.Identifier) {
      if (declaredReturnsPromise(target)) return true;
      const bound = singleDefinition(sourceCode, target);
      if (bound?.definition.type === 'Variable' && bound.definition.node.init && bound.definition.node.id === bound.definition.name) {
        if (isPromisified(bound.definition.node.init)) return true;
      }
    }
    if (target.type === AST_NODE_TYPES.Identifier || target.type === AST_NODE_TYPES.MemberExpression) {
      const name = resolveName(sourceCode, target);
      if (name) {
        if (isKnownName(name)) return true;
        if (importedEvidence(name) === 'returns-promise') return true;
      }
    }
    return declared.returnsPromise(declarations().typeOfExpression(target));
  }

  /** A value certainly a fetch `Response`: `await fetch(…)`, a const bound to it, or the parameter of `fetch(…).then(r => …)`. */
  function isResponse(node: TSESTree.Node): boolean {
    const target = skipTypeWrappers(node);
    if (target.type === AST_NODE_TYPES.AwaitExpression) return isFetchCall(target.argument);
    if (target.type !== AST_NODE_TYPES.Identifier) return false;
    const bound = singleDefinition(sourceCode, target);
    if (!bound) return false;
    const { definition } = bound;
    if (definition.type === 'Variable') {
      return definition.node.id === definition.name && definition.node.init !== null && isResponse(definition.node.init);
    }
    if (definition.type === 'Parameter') {
      const fn = definition.node;
      if (!isFunctionNode(fn) || fn.params[0] !== definition.name) return false;
      const call = fn.parent;
      if (call?.type !== AST_NODE_TYPES.CallExpression || call.arguments[0] !== fn) return false;
      const callee = call.callee;
      return (
        callee.type === AST_NODE_TYPES.MemberExpression &&
        staticPropertyName(callee) === 'then' &&
        isFetchCall(callee.object)
      );
    }
    return false;
  }

  function isFetchCall(node: TSESTree.Node): boolean {
    const target = skipTypeWrappers(node);
    if (target.type !== AST_NODE_TYPES.CallExpression) return false;
    const name = resolveName(sourceCode, target.callee);
    return name !== undefined && ((name.source === undefined && name.path.join('.') === 'fetch') || (name.source === 'undici' && name.path.join('.') === 'fetch'));
  }

  function evidenceIsPromise(node: TSESTree.Node): boolean {
    switch (node.type) {
      case AST_NODE_TYPES.NewExpression:
        return isGlobal(node.callee, 'Promise');
      case AST_NODE_TYPES.ImportExpression:
        return true;
      case AST_NODE_TYPES.TSAsExpression:
      case AST_NODE_TYPES.TSNonNullExpression:
      case AST_NODE_TYPES.TSSatisfiesExpression:
      case AST_NODE_TYPES.TSTypeAssertion:
      case AST_NODE_TYPES.ChainExpression:
        return isPromise(node.expression);
      case AST_NODE_TYPES.ConditionalExpression:
        return isPromise(node.consequent) && isPromise(node.alternate);
      case AST_NODE_TYPES.SequenceExpression:
        return isPromise(node.expressions[node.expressions.length - 1]!);
      case AST_NODE_TYPES.Identifier: {
        const bound = singleDefinition(sourceCode, node);
        if (!bound) return false;
        const { definition } = bound;
        if (definition.type !== 'Variable' || definition.node.id !== definition.name) return false;
        if (isPromiseTypeAnnotation(definition.name.typeAnnotation?.typeAnnotation)) return true;
        const declaration = definition.node.parent;
        // Only a `const` binds once; a `let` may hold a settled value later.
        return declaration.kind === 'const' && definition.node.init !== null && isPromise(definition.node.init);
      }
      case AST_NODE_TYPES.CallExpression: {
        const callee = skipTypeWrappers(node.callee);
        if (callee.type === AST_NODE_TYPES.MemberExpression) {
          const method = staticPropertyName(callee);
          if (method !== undefined && PROMISE_STATICS.has(method) && isGlobal(callee.object, 'Promise')) return true;
          if (method !== undefined && CHAIN_METHODS.has(method) && isPromise(callee.object)) return true;
          if (method !== undefined && RESPONSE_BODY_METHODS.has(method) && isResponse(callee.object)) return true;
        }
        return evidenceReturnsPromise(callee);
      }
      default:
        return false;
    }
  }

  /** An array literal, or a binding that certainly holds an array: `const a = [...]`, `a: T[]`, `a: Array<T>`. */
  function isKnownArray(node: TSESTree.Node): boolean {
    const target = skipTypeWrappers(node);
    if (target.type === AST_NODE_TYPES.ArrayExpression) return true;
    if (target.type !== AST_NODE_TYPES.Identifier) return false;
    const bound = singleDefinition(sourceCode, target);
    if (!bound) return false;
    const { definition } = bound;
    const annotation =
      definition.name.type === AST_NODE_TYPES.Identifier ? definition.name.typeAnnotation?.typeAnnotation : undefined;
    if (
      annotation?.type === AST_NODE_TYPES.TSArrayType ||
      (annotation?.type === AST_NODE_TYPES.TSTypeReference &&
        annotation.typeName.type === AST_NODE_TYPES.Identifier &&
        annotation.typeName.name === 'Array')
    ) {
      return true;
    }
    return (
      definition.type === 'Variable' &&
      definition.node.parent.kind === 'const' &&
      definition.node.id === definition.name &&
      definition.node.init?.type === AST_NODE_TYPES.ArrayExpression
    );
  }

  /** Without types: `knownArray.map(f)` where `f` returns a promise, or an array literal holding one. */
  function evidenceIsPromiseArray(node: TSESTree.Node): boolean {
    const target = skipTypeWrappers(node);
    if (target.type === AST_NODE_TYPES.ArrayExpression) {
      return target.elements.some(element => element !== null && element.type !== AST_NODE_TYPES.SpreadElement && isPromise(element));
    }
    if (DECLARED_VALUE_TYPES.has(target.type) && declared.isPromiseArray(declarations().typeOfExpression(target))) return true;
    if (target.type !== AST_NODE_TYPES.CallExpression || target.callee.type !== AST_NODE_TYPES.MemberExpression) return false;
    const callback = target.arguments[0];
    return (
      staticPropertyName(target.callee) === 'map' &&
      callback !== undefined &&
      callback.type !== AST_NODE_TYPES.SpreadElement &&
      isKnownArray(target.callee.object) &&
      returnsPromise(callback)
    );
  }

  /** Values whose declared type the index reads: a union that may hold a promise counts, as it does for the type checker. */
  const DECLARED_VALUE_TYPES = new Set<string>([
    AST_NODE_TYPES.Identifier,
    AST_NODE_TYPES.MemberExpression,
    AST_NODE_TYPES.CallExpression,
    AST_NODE_TYPES.NewExpression,
    AST_NODE_TYPES.TaggedTemplateExpression,
    AST_NODE_TYPES.ChainExpression,
    AST_NODE_TYPES.TSAsExpression,
    AST_NODE_TYPES.TSTypeAssertion,
    AST_NODE_TYPES.TSNonNullExpression,
  ]);

  function declaredIsPromise(node: TSESTree.Node): boolean {
    return DECLARED_VALUE_TYPES.has(node.type) && declared.mayBePromise(declarations().typeOfExpression(node));
  }

  function isPromise(node: TSESTree.Node): boolean {
    if (typed) return typed.isPromise(node);
    let known = promiseCache.get(node);
    if (known === undefined) {
      if (visiting.has(node)) return false;
      visiting.add(node);
      try {
        known = evidenceIsPromise(node) || declaredIsPromise(node);
      } finally {
        visiting.delete(node);
      }
      // Inference in progress may not cache a partial answer.
      if (inferring.size === 0) promiseCache.set(node, known);
    }
    return known;
  }

  function returnsPromise(callee: TSESTree.Node): boolean {
    if (typed) return typed.returnsPromise(callee);
    return evidenceReturnsPromise(callee);
  }

  return {
    isPromise,
    returnsPromise,
    usesTypeInformation: typed !== undefined,
    isPromiseArray: node => (typed ? typed.isPromiseArray(node) : evidenceIsPromiseArray(node)),
    isCallable: node =>
      typed
        ? typed.isCallable(node)
        : !NOT_CALLABLE_LITERALS.has(skipTypeWrappers(node).type) && !declared.isCertainlyNotCallable(declarations().typeOfExpression(node)),
  };
}
