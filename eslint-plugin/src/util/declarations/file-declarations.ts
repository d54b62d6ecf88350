import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES, ASTUtils } from '../ast-utils';

import type { DeclaredType, ParameterSlot, Signature, Structure } from './declared-type';
import {
  elementOf,
  instantiateSignatures,
  memberOf,
  NULLISH,
  PRIMITIVE,
  PROMISE,
  returnTypeOf,
  union,
  unionParts,
  UNKNOWN,
  VOID,
} from './declared-type';
import type { ResolvedName } from '../imports';
import { canonicalName, normalizeModuleSource, resolveName } from '../imports';
import type { FoundDeclaration } from './scopes';
import { lookUp } from './scopes';
import { isNeverReassigned, variableOf } from '../scope/variables';

/**
 * The declarations of one file, read on demand and remembered: the declared type of any
 * expression or type annotation in it, and of its exports for the files that import it. Built for
 * the file being linted (names resolved by ESLint's scope analysis) and for files read from disk
 * (names resolved by walking up their tree, see `scopes.ts`).
 */

/** Nested resolutions (alias → alias → …, value → initialiser → …) followed before giving up. */
export const MAX_RESOLUTION_DEPTH = 24;

/**
 * Generic declarations instantiated inside one another (`Box<List<T>>`, or an alias that names
 * itself) before giving up: each may instantiate its arguments and its body, so the work grows
 * with the power of this depth.
 */
const MAX_INSTANTIATION_DEPTH = 6;
let instantiationDepth = 0;

/**
 * How many resolutions were cut short (a cycle, the depth limit) in this process: an answer
 * computed while none was can be remembered beyond the question that asked it.
 */
let resolutionCutOffs = 0;

/**
 * What a member or a class answers while it is being read, when the reading asks for it again (a
 * cycle): unknown, like `UNKNOWN`, but told apart so that the cut is counted.
 */
const BEING_READ: DeclaredType = { kind: 'unknown' };

/** The answer found in a cache; a placeholder of something being read counts as a cut-off. */
function cachedAnswer<Type extends DeclaredType | undefined>(type: Type): Type {
  if (type === BEING_READ) resolutionCutOffs += 1;
  return type;
}

/** A `Map` or a `WeakMap` of answers, each with the lint it was computed in. */
interface AnswerCache<Key> {
  get(key: Key): { lint: number; type: DeclaredType } | undefined;
  set(key: Key, answer: { lint: number; type: DeclaredType }): unknown;
}

export interface ModuleLoader {
  /** The declarations of the module `specifier` names from `fromFile`, or undefined when unknown. */
  load(fromFile: string, specifier: string): FileDeclarations | undefined;
  /** The declarations of a tree the loader read. */
  ownerOf(program: TSESTree.Node): FileDeclarations | undefined;
  /** Which lint the process is in: what a module imports is looked up again in each lint, as it may have changed. */
  currentLint(): number;
  /** True when the specifier names a source file of the program: a relative path, or one the tsconfig's `paths` map. */
  namesProgramModule?(fromFile: string, specifier: string): boolean;
}

type FunctionLike =
  | TSESTree.ArrowFunctionExpression
  | TSESTree.FunctionDeclaration
  | TSESTree.FunctionExpression
  | TSESTree.TSDeclareFunction
  | TSESTree.TSEmptyBodyFunctionExpression;

type SignatureNode =
  | FunctionLike
  | TSESTree.TSFunctionType
  | TSESTree.TSConstructorType
  | TSESTree.TSMethodSignature
  | TSESTree.TSCallSignatureDeclaration
  | TSESTree.TSConstructSignatureDeclaration;

type ClassNode = TSESTree.ClassDeclaration | TSESTree.ClassExpression;

/** Type parameters of a generic declaration bound to the declared types of its type arguments. */
type TypeBindings = ReadonlyMap<TSESTree.TSTypeParameter, DeclaredType>;

type PathStep = { member: string } | { element: number };

/** A tuple type's elements, each read by `read` (named and optional members by their type); unknown with a rest element. */
function tupleType(node: TSESTree.TSTupleType, read: (element: TSESTree.TypeNode) => DeclaredType): DeclaredType {
  const elements: DeclaredType[] = [];
  for (const element of node.elementTypes) {
    if (element.type === AST_NODE_TYPES.TSRestType) return UNKNOWN;
    elements.push(read(element.type === AST_NODE_TYPES.TSNamedTupleMember ? element.elementType : element.type === AST_NODE_TYPES.TSOptionalType ? element.typeAnnotation : element));
  }
  return { kind: 'tuple', elements };
}

const PROMISE_STATICS = new Set(['all', 'allSettled', 'any', 'race', 'reject', 'resolve', 'try']);
const CHAIN_METHODS = new Set(['then', 'catch', 'finally']);

const JSDOC_RETURNS_PROMISE = /@returns?\s*\{\s*Promise\b/;
const JSDOC_TYPE = /@type\s*\{\s*([^}]*)\}/;

const PRIMITIVE_KEYWORDS = new Set<string>([
  AST_NODE_TYPES.TSStringKeyword,
  AST_NODE_TYPES.TSNumberKeyword,
  AST_NODE_TYPES.TSBooleanKeyword,
  AST_NODE_TYPES.TSBigIntKeyword,
  AST_NODE_TYPES.TSSymbolKeyword,
  AST_NODE_TYPES.TSNeverKeyword,
  AST_NODE_TYPES.TSLiteralType,
  AST_NODE_TYPES.TSTemplateLiteralType,
  AST_NODE_TYPES.TSTypePredicate,
]);

function isFunctionLike(node: TSESTree.Node | null | undefined): node is FunctionLike {
  return (
    node?.type === AST_NODE_TYPES.ArrowFunctionExpression ||
    node?.type === AST_NODE_TYPES.FunctionDeclaration ||
    node?.type === AST_NODE_TYPES.FunctionExpression ||
    node?.type === AST_NODE_TYPES.TSDeclareFunction ||
    node?.type === AST_NODE_TYPES.TSEmptyBodyFunctionExpression
  );
}

function keyName(key: TSESTree.Node, computed: boolean): string | undefined {
  if (!computed && key.type === AST_NODE_TYPES.Identifier) return key.name;
  if (key.type === AST_NODE_TYPES.PrivateIdentifier) return `#${key.name}`;
  if (key.type === AST_NODE_TYPES.Literal && (typeof key.value === 'string' || typeof key.value === 'number')) return String(key.value);
  return undefined;
}

function typeAnnotationOf(node: TSESTree.Node): TSESTree.TypeNode | undefined {
  return (node as { typeAnnotation?: TSESTree.TSTypeAnnotation }).typeAnnotation?.typeAnnotation;
}

/** The annotation of a parameter, whatever its form (`x: T`, `x: T = v`, `...xs: T[]`, `private x: T`). */
function parameterAnnotation(parameter: TSESTree.Parameter): TSESTree.TypeNode | undefined {
  if (parameter.type === AST_NODE_TYPES.TSParameterProperty) return parameterAnnotation(parameter.parameter);
  if (parameter.type === AST_NODE_TYPES.AssignmentPattern) return typeAnnotationOf(parameter.left) ?? typeAnnotationOf(parameter);
  return typeAnnotationOf(parameter);
}

function structureType(structure: Structure): DeclaredType {
  return { kind: 'structure', structure };
}

export interface FileDeclarationsOptions {
  /** The file being linted: names resolve through ESLint's scope analysis. */
  sourceCode?: Readonly<TSESLint.SourceCode>;
  filename?: string;
  loader?: ModuleLoader;
  /** Comments and text of a file read from disk (for JSDoc and constructor assignments). */
  comments?: readonly TSESTree.Comment[];
  text?: string;
}

/** The export table's name for what `module.exports = value` gives (no ES export can be named so). */
const COMMONJS_VALUE = '\0module.exports';

/** True when `node` is the value of a top-level CommonJS export assignment (`exports.x = node`). */
function isCommonJsAssigned(node: TSESTree.Node): boolean {
  const parent = node.parent;
  return parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.right === node && parent.parent?.type === AST_NODE_TYPES.ExpressionStatement;
}

export class FileDeclarations {
  private readonly typeCache = new WeakMap<TSESTree.Node, DeclaredType>();
  private readonly valueCache = new WeakMap<TSESTree.Node, DeclaredType>();
  private readonly classInstances = new WeakMap<ClassNode, DeclaredType>();
  private readonly classStatics = new WeakMap<ClassNode, DeclaredType>();
  private readonly inProgress = new Set<TSESTree.Node>();
  private depth = 0;
  private exportCache: Map<string, TSESTree.Node[]> | undefined;
  /** The types and values this module exports, by name: each importing annotation or name asks again. */
  private readonly exportedTypes = new Map<string, { lint: number; type: DeclaredType }>();
  private readonly exportedValues = new Map<string, { lint: number; type: DeclaredType }>();
  /** What each binding holds (an ESLint variable, a declaration list, a parameter), read once however often the file names it. */
  private readonly bindingTypes = new WeakMap<object, { lint: number; type: DeclaredType }>();

  constructor(
    readonly program: TSESTree.Program,
    private readonly options: FileDeclarationsOptions,
  ) {}

  get filename(): string | undefined {
    return this.options.filename;
  }

  // ---- guarded, cached evaluation ----

  private guarded(cache: WeakMap<TSESTree.Node, DeclaredType>, node: TSESTree.Node, compute: () => DeclaredType): DeclaredType {
    const cached = cache.get(node);
    if (cached) return cached;
    if (this.inProgress.has(node) || this.depth >= MAX_RESOLUTION_DEPTH) {
      resolutionCutOffs += 1;
      return UNKNOWN;
    }
    this.inProgress.add(node);
    this.depth++;
    let result: DeclaredType;
    try {
      result = compute();
    } finally {
      this.depth--;
      this.inProgress.delete(node);
    }
    cache.set(node, result);
    return result;
  }

  /**
   * `compute()`, remembered under `key` for the rest of the lint: what a module imports is looked
   * up again in each lint (it may have changed), and so is whatever depends on it. Not an answer
   * that a cycle or the depth limit cut short: it depends on the question being asked then.
   */
  private remembered<Key>(cache: AnswerCache<Key>, key: Key, compute: () => DeclaredType): DeclaredType {
    const lint = this.options.loader?.currentLint() ?? 0;
    const known = cache.get(key);
    if (known?.lint === lint) return known.type;
    const cutOffsBefore = resolutionCutOffs;
    const type = compute();
    if (resolutionCutOffs === cutOffsBefore) cache.set(key, { lint, type });
    return type;
  }

  // ---- type annotations ----

  /** The declared type a type annotation names. */
  typeOfTypeNode(node: TSESTree.TypeNode): DeclaredType {
    return this.guarded(this.typeCache, node, () => this.computeTypeOfTypeNode(node));
  }

  private computeTypeOfTypeNode(node: TSESTree.TypeNode): DeclaredType {
    if (PRIMITIVE_KEYWORDS.has(node.type)) return PRIMITIVE;
    switch (node.type) {
      case AST_NODE_TYPES.TSVoidKeyword:
        return VOID;
      case AST_NODE_TYPES.TSUndefinedKeyword:
      case AST_NODE_TYPES.TSNullKeyword:
        return NULLISH;
      case AST_NODE_TYPES.TSUnionType:
        return union(node.types.map(part => this.typeOfTypeNode(part)));
      case AST_NODE_TYPES.TSIntersectionType: {
        const parts = node.types.map(part => this.typeOfTypeNode(part));
        // `Promise<T> & { extra }` is still a promise.
        if (parts.some(part => part.kind === 'promise')) return PROMISE;
        return { kind: 'intersection', parts };
      }
      case AST_NODE_TYPES.TSArrayType:
        return { kind: 'array', element: this.typeOfTypeNode(node.elementType) };
      case AST_NODE_TYPES.TSTupleType:
        return tupleType(node, element => this.typeOfTypeNode(element));
      case AST_NODE_TYPES.TSTypeOperator:
        if (node.operator === 'keyof' || node.operator === 'unique') return PRIMITIVE;
        return node.typeAnnotation ? this.typeOfTypeNode(node.typeAnnotation) : UNKNOWN;
      case AST_NODE_TYPES.TSFunctionType:
        return structureType(this.signatureStructure([this.signature(node)], [], 'function'));
      case AST_NODE_TYPES.TSConstructorType:
        return structureType(this.signatureStructure([], [this.signature(node)], 'constructor'));
      case AST_NODE_TYPES.TSTypeLiteral:
        return this.membersType([node.members], () => [], '{…}');
      case AST_NODE_TYPES.TSTypeQuery: {
        const type = this.typeOfEntityValue(node.exprName);
        if (!node.typeArguments) return type;
        // `typeof fn<() => void>`, an instantiation expression: the function's signatures, bound.
        const signatures = type.kind === 'structure' && type.structure.constructSignatures().length === 0 ? type.structure.callSignatures() : [];
        const typeArguments = node.typeArguments.params.map(argument => this.typeOfTypeNode(argument));
        const bound = signatures.length > 0 ? instantiateSignatures(signatures, typeArguments) : undefined;
        return bound ? structureType(this.signatureStructure(bound, [], type.kind === 'structure' ? type.structure.name : 'function')) : UNKNOWN;
      }
      case AST_NODE_TYPES.TSTypeReference:
        return this.typeOfReference(node);
      default:
        return UNKNOWN;
    }
  }

  private typeOfEntityValue(name: TSESTree.Node): DeclaredType {
    if (name.type === AST_NODE_TYPES.Identifier) return this.typeOfExpression(name);
    if (name.type === AST_NODE_TYPES.TSQualifiedName) return memberOf(this.typeOfEntityValue(name.left), name.right.name);
    return UNKNOWN;
  }

  private typeOfReference(node: TSESTree.TSTypeReference): DeclaredType {
    const args = node.typeArguments?.params ?? [];
    if (node.typeName.type === AST_NODE_TYPES.TSQualifiedName) {
      // `ns.Type` of `import * as ns`: the module's type export.
      const left = node.typeName.left;
      if (left.type !== AST_NODE_TYPES.Identifier) return UNKNOWN;
      const found = this.findType(left.name, node);
      const imported = found?.kind === 'declarations' ? found.nodes[0] : undefined;
      if (imported?.type !== AST_NODE_TYPES.ImportNamespaceSpecifier) return UNKNOWN;
      const module = this.loadModule((imported.parent as TSESTree.ImportDeclaration).source.value);
      return module ? module.exportedType(node.typeName.right.name) : UNKNOWN;
    }
    if (node.typeName.type !== AST_NODE_TYPES.Identifier) return UNKNOWN;
    const name = node.typeName.name;
    const found = this.findType(name, node);
    if (found) {
      // A generic declaration of the file, bound by the arguments and the parameters' defaults.
      return this.instantiatedDeclaration(found, args.map(argument => this.typeOfTypeNode(argument))) ?? this.typeOfFoundType(found);
    }
    return this.globalType(name, args);
  }

  private globalType(name: string, args: readonly TSESTree.TypeNode[]): DeclaredType {
    switch (name) {
      case 'Promise':
      case 'PromiseLike': {
        const value = args[0];
        if (!value) return PROMISE;
        let resolved: DeclaredType | undefined;
        return { kind: 'promise', resolves: () => (resolved ??= this.typeOfTypeNode(value)) };
      }
      case 'Array':
      case 'ReadonlyArray':
        return { kind: 'array', element: args[0] ? this.typeOfTypeNode(args[0]) : UNKNOWN };
      case 'Record': {
        const value = args[1];
        const key = args[0];
        if (!value || key?.type !== AST_NODE_TYPES.TSStringKeyword) return UNKNOWN;
        return this.indexType(() => this.typeOfTypeNode(value));
      }
      case 'Readonly':
      case 'Partial':
      case 'Required':
        return args[0] ? this.typeOfTypeNode(args[0]) : UNKNOWN;
      case 'NonNullable':
        return args[0] ? union(unionParts(this.typeOfTypeNode(args[0])).filter(part => part.kind !== 'nullish')) : UNKNOWN;
      case 'PromiseConstructor':
      case 'PromiseConstructorLike':
        return structureType(this.signatureStructure([], [{ parameters: [], returns: () => PROMISE }], name));
      case 'String':
      case 'Number':
      case 'Boolean':
        return PRIMITIVE;
      default:
        return UNKNOWN;
    }
  }

  private indexType(value: () => DeclaredType): DeclaredType {
    let resolved: DeclaredType | undefined;
    return structureType({
      name: 'Record',
      complete: true,
      member: () => undefined,
      index: () => (resolved ??= value()),
      callSignatures: () => [],
      constructSignatures: () => [],
    });
  }

  private findType(name: string, at: TSESTree.Node): FoundDeclaration | undefined {
    return lookUp(name, at, 'type');
  }

  private typeOfFoundType(found: FoundDeclaration): DeclaredType {
    if (found.kind === 'typeParameter') {
      const constraint = found.node.constraint;
      return constraint ? this.typeOfTypeNode(constraint) : UNKNOWN;
    }
    if (found.kind !== 'declarations') return UNKNOWN;
    const [first] = found.nodes;
    if (!first) return UNKNOWN;
    switch (first.type) {
      case AST_NODE_TYPES.TSInterfaceDeclaration: {
        const declarations = found.nodes.filter((node): node is TSESTree.TSInterfaceDeclaration => node.type === AST_NODE_TYPES.TSInterfaceDeclaration);
        return this.interfaceType(declarations);
      }
      case AST_NODE_TYPES.TSTypeAliasDeclaration:
        return found.nodes.length === 1 ? this.typeOfTypeNode(first.typeAnnotation) : UNKNOWN;
      case AST_NODE_TYPES.ClassDeclaration:
        return this.classInstanceType(first);
      case AST_NODE_TYPES.TSEnumDeclaration:
        return PRIMITIVE;
      case AST_NODE_TYPES.ImportSpecifier:
      case AST_NODE_TYPES.ImportDefaultSpecifier: {
        const module = this.loadModule((first.parent as TSESTree.ImportDeclaration).source.value);
        if (!module) return UNKNOWN;
        return module.exportedType(first.type === AST_NODE_TYPES.ImportDefaultSpecifier ? 'default' : keyName(first.imported, false) ?? '');
      }
      default:
        return UNKNOWN;
    }
  }

  /** The type named `name` as this module exports it. */
  exportedType(name: string): DeclaredType {
    return this.remembered(this.exportedTypes, name, () => this.computeExportedType(name));
  }

  private computeExportedType(name: string): DeclaredType {
    const declarations = this.exported(name, 'type', 0);
    const owner = declarations?.[0] && this.ownerOf(declarations[0]);
    if (!declarations || !owner) return UNKNOWN;
    return owner.typeOfFoundType({ kind: 'declarations', nodes: declarations });
  }

  // ---- structures ----

  /**
   * The signature a declaration gives; with `bindings`, its annotations read with those type
   * parameters bound (computed per instantiation, not cached by node: the same annotation means
   * other types at other calls). A generic one can be instantiated with type arguments.
   */
  private signature(node: SignatureNode, bindings?: TypeBindings): Signature {
    const parameters: ParameterSlot[] = node.params.map(parameter => {
      const annotation = parameterAnnotation(parameter);
      let resolved: DeclaredType | undefined;
      return {
        rest: parameter.type === AST_NODE_TYPES.RestElement,
        type: () => (resolved ??= annotation ? this.typeIn(annotation, bindings) : UNKNOWN),
      };
    });
    let returned: DeclaredType | undefined;
    const typeParameters = node.typeParameters?.params ?? [];
    return {
      parameters,
      returns: () => (returned ??= this.returnTypeOfSignature(node, bindings)),
      instantiate:
        !bindings && typeParameters.length > 0
          ? typeArguments => {
              const bound = this.bindingsOf(typeParameters, typeArguments);
              return bound && this.signature(node, bound);
            }
          : undefined,
    };
  }

  /** Type parameters bound to arguments, in order, defaults filling the rest; undefined for too many arguments. */
  private bindingsOf(typeParameters: readonly TSESTree.TSTypeParameter[], typeArguments: readonly DeclaredType[]): TypeBindings | undefined {
    if (typeArguments.length > typeParameters.length) return undefined;
    const bindings = new Map<TSESTree.TSTypeParameter, DeclaredType>();
    typeParameters.forEach((parameter, index) => {
      const bound = typeArguments[index] ?? (parameter.default ? this.typeOfTypeNode(parameter.default) : undefined);
      if (bound) bindings.set(parameter, bound);
    });
    return bindings;
  }

  /** An annotation's declared type, read with `bindings` when there are any. */
  private typeIn(annotation: TSESTree.TypeNode, bindings: TypeBindings | undefined): DeclaredType {
    return bindings ? this.typeWithBindings(annotation, bindings) : this.typeOfTypeNode(annotation);
  }

  /**
   * A generic interface or type alias of the file with its type arguments bound (`Listener<void>`):
   * its call signatures, members and aliased type read with them. Undefined when the declaration
   * is not generic that way (merged interfaces, bases, another kind, too many arguments).
   */
  private instantiatedDeclaration(found: FoundDeclaration, typeArguments: readonly DeclaredType[]): DeclaredType | undefined {
    if (found.kind !== 'declarations' || found.nodes.length !== 1) return undefined;
    const declaration = found.nodes[0]!;
    if (declaration.type !== AST_NODE_TYPES.TSInterfaceDeclaration && declaration.type !== AST_NODE_TYPES.TSTypeAliasDeclaration) return undefined;
    const typeParameters = declaration.typeParameters?.params;
    if (!typeParameters) return undefined;
    if (declaration.type === AST_NODE_TYPES.TSInterfaceDeclaration && declaration.extends.length > 0) return undefined;
    if (instantiationDepth >= MAX_INSTANTIATION_DEPTH) {
      resolutionCutOffs += 1;
      return UNKNOWN;
    }
    instantiationDepth++;
    try {
      const bindings = this.bindingsOf(typeParameters, typeArguments);
      if (!bindings) return undefined;
      if (declaration.type === AST_NODE_TYPES.TSTypeAliasDeclaration) return this.typeWithBindings(declaration.typeAnnotation, bindings);
      return this.membersType([declaration.body.body], () => [], declaration.id.name, bindings);
    } finally {
      instantiationDepth--;
    }
  }

  /** The declared type of an annotation in which some type parameters are bound. */
  private typeWithBindings(node: TSESTree.TypeNode, bindings: TypeBindings): DeclaredType {
    switch (node.type) {
      case AST_NODE_TYPES.TSTypeReference: {
        if (node.typeName.type !== AST_NODE_TYPES.Identifier) break;
        const name = node.typeName.name;
        const found = this.findType(name, node);
        if (found?.kind === 'typeParameter' && !node.typeArguments) return bindings.get(found.node) ?? this.typeOfFoundType(found);
        if (found) {
          const instantiated = this.instantiatedDeclaration(found, (node.typeArguments?.params ?? []).map(argument => this.typeWithBindings(argument, bindings)));
          if (instantiated) return instantiated;
        }
        const element = node.typeArguments?.params[0];
        if (!found && element && (name === 'Array' || name === 'ReadonlyArray')) return { kind: 'array', element: this.typeWithBindings(element, bindings) };
        break;
      }
      case AST_NODE_TYPES.TSUnionType:
        return union(node.types.map(part => this.typeWithBindings(part, bindings)));
      case AST_NODE_TYPES.TSArrayType:
        return { kind: 'array', element: this.typeWithBindings(node.elementType, bindings) };
      case AST_NODE_TYPES.TSTupleType:
        return tupleType(node, element => this.typeWithBindings(element, bindings));
      case AST_NODE_TYPES.TSTypeOperator:
        if (node.operator === 'readonly' && node.typeAnnotation) return this.typeWithBindings(node.typeAnnotation, bindings);
        break;
      case AST_NODE_TYPES.TSFunctionType:
        return structureType(this.signatureStructure([this.signature(node, bindings)], [], 'function'));
      case AST_NODE_TYPES.TSTypeLiteral:
        return this.membersType([node.members], () => [], '{…}', bindings);
      default:
        break;
    }
    return this.typeOfTypeNode(node);
  }

  private returnTypeOfSignature(node: SignatureNode, bindings?: TypeBindings): DeclaredType {
    const annotation = node.returnType?.typeAnnotation;
    if (isFunctionLike(node)) {
      if (node.generator) return UNKNOWN;
      if (node.async) {
        // `async (): Promise<PadType> =>`: a promise, with what it resolves to when declared.
        const declared = annotation ? this.typeIn(annotation, bindings) : UNKNOWN;
        return declared.kind === 'promise' ? declared : PROMISE;
      }
    }
    if (annotation) return this.typeIn(annotation, bindings);
    if (isFunctionLike(node)) {
      if (this.jsDocReturnsPromise(node)) return PROMISE;
      if (node.type === AST_NODE_TYPES.ArrowFunctionExpression && node.body.type !== AST_NODE_TYPES.BlockStatement) {
        return this.typeOfExpression(node.body);
      }
    }
    return UNKNOWN;
  }

  private jsDocReturnsPromise(fn: FunctionLike): boolean {
    const comment = this.leadingJSDoc(fn);
    return comment !== undefined && JSDOC_RETURNS_PROMISE.test(comment.value);
  }

  /** The JSDoc block right before a declaration (a function, its variable, its method, its export). */
  private leadingJSDoc(node: TSESTree.Node): TSESTree.Comment | undefined {
    let anchor: TSESTree.Node = node;
    const parent = node.parent;
    if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.init === node) anchor = parent.parent;
    else if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.id === node) anchor = parent.parent;
    else if (
      parent &&
      (parent.type === AST_NODE_TYPES.MethodDefinition || parent.type === AST_NODE_TYPES.Property || parent.type === AST_NODE_TYPES.PropertyDefinition)
    ) {
      anchor = parent;
    }
    if (anchor.parent && (anchor.parent.type === AST_NODE_TYPES.ExportNamedDeclaration || anchor.parent.type === AST_NODE_TYPES.ExportDefaultDeclaration)) {
      anchor = anchor.parent;
    }
    let comment: TSESTree.Comment | undefined;
    if (this.options.sourceCode) {
      const before = this.options.sourceCode.getCommentsBefore(anchor);
      comment = before[before.length - 1];
    } else {
      for (const candidate of this.options.comments ?? []) {
        if (candidate.range[1] <= anchor.range[0]) comment = candidate;
        else break;
      }
      if (comment && this.sourceText().slice(comment.range[1], anchor.range[0]).trim() !== '') comment = undefined;
    }
    return comment?.type === 'Block' && comment.value.startsWith('*') ? comment : undefined;
  }

  private sourceText(): string {
    return this.options.sourceCode?.text ?? this.options.text ?? '';
  }

  private signatureStructure(call: Signature[], construct: Signature[], name: string): Structure {
    return {
      name,
      complete: true,
      member: () => undefined,
      index: () => undefined,
      callSignatures: () => call,
      constructSignatures: () => construct,
    };
  }

  /**
   * An object type from member lists (an interface's declarations, a type literal) and base types.
   * A `then(onFulfilled, onRejected)` method or a `Promise`/`PromiseLike` base makes it a promise.
   */
  private membersType(
    memberLists: readonly (readonly TSESTree.TypeElement[])[],
    bases: () => DeclaredType[],
    name: string,
    bindings?: TypeBindings,
  ): DeclaredType {
    const members = memberLists.flat();
    const then = members.find(
      member => member.type === AST_NODE_TYPES.TSMethodSignature && keyName(member.key, member.computed) === 'then' && this.isRejectableThen(member.params),
    );
    if (then) return PROMISE;
    const own = new Map<string, TSESTree.TypeElement[]>();
    const call: TSESTree.TSCallSignatureDeclaration[] = [];
    const construct: TSESTree.TSConstructSignatureDeclaration[] = [];
    let index: TSESTree.TSIndexSignature | undefined;
    for (const member of members) {
      if (member.type === AST_NODE_TYPES.TSCallSignatureDeclaration) call.push(member);
      else if (member.type === AST_NODE_TYPES.TSConstructSignatureDeclaration) construct.push(member);
      else if (member.type === AST_NODE_TYPES.TSIndexSignature) {
        if (member.parameters[0] && typeAnnotationOf(member.parameters[0])?.type === AST_NODE_TYPES.TSStringKeyword) index = member;
      } else if (member.type === AST_NODE_TYPES.TSPropertySignature || member.type === AST_NODE_TYPES.TSMethodSignature) {
        const key = keyName(member.key, member.computed);
        if (key === undefined) continue;
        const list = own.get(key);
        if (list) list.push(member);
        else own.set(key, [member]);
      }
    }
    let resolvedBases: DeclaredType[] | undefined;
    const baseTypes = (): DeclaredType[] => (resolvedBases ??= bases());
    const memberCache = new Map<string, DeclaredType | undefined>();
    // Read once, as the bases are: an exported type is shared by every file that imports it.
    let callSignatures: Signature[] | undefined;
    let constructSignatures: Signature[] | undefined;
    const ownMember = (key: string): DeclaredType | undefined => {
      const declared = own.get(key);
      if (!declared) return undefined;
      const methods = declared.filter((member): member is TSESTree.TSMethodSignature => member.type === AST_NODE_TYPES.TSMethodSignature);
      if (methods.length === declared.length) {
        const getter = methods.find(method => method.kind === 'get');
        if (getter) return getter.returnType ? this.typeIn(getter.returnType.typeAnnotation, bindings) : UNKNOWN;
        return structureType(this.signatureStructure(methods.map(method => this.signature(method, bindings)), [], key));
      }
      if (declared.length !== 1) return UNKNOWN;
      const annotation = typeAnnotationOf(declared[0]!);
      return annotation ? this.typeIn(annotation, bindings) : UNKNOWN;
    };
    const structure: Structure = {
      name,
      get complete() {
        return baseTypes().every(base => base.kind === 'structure' && base.structure.complete);
      },
      member: key => {
        if (memberCache.has(key)) return cachedAnswer(memberCache.get(key));
        memberCache.set(key, BEING_READ);
        let found = ownMember(key);
        if (!found) {
          for (const base of baseTypes()) {
            if (base.kind !== 'structure') {
              found = UNKNOWN;
              break;
            }
            found = base.structure.member(key);
            if (found) break;
            if (!base.structure.complete) {
              found = UNKNOWN;
              break;
            }
          }
        }
        memberCache.set(key, found);
        return found;
      },
      index: () => (index ? (typeAnnotationOf(index) ? this.typeIn(typeAnnotationOf(index)!, bindings) : UNKNOWN) : undefined),
      callSignatures: () =>
        (callSignatures ??=
          call.length > 0
            ? call.map(signature => this.signature(signature, bindings))
            : baseTypes().flatMap(base => (base.kind === 'structure' ? base.structure.callSignatures() : []))),
      constructSignatures: () =>
        (constructSignatures ??=
          construct.length > 0
            ? construct.map(signature => this.signature(signature, bindings))
            : baseTypes().flatMap(base => (base.kind === 'structure' ? base.structure.constructSignatures() : []))),
    };
    return structureType(structure);
  }

  private interfaceType(declarations: readonly TSESTree.TSInterfaceDeclaration[]): DeclaredType {
    const heritage = declarations.flatMap(declaration => declaration.extends);
    for (const base of heritage) {
      if (base.expression.type === AST_NODE_TYPES.Identifier && !this.findType(base.expression.name, base)) {
        const global = base.expression.name;
        if (global === 'Promise' || global === 'PromiseLike') return PROMISE;
      }
    }
    return this.membersType(
      declarations.map(declaration => declaration.body.body),
      () => heritage.map(base => this.typeOfHeritage(base)),
      declarations[0]?.id.name ?? 'interface',
    );
  }

  /** `extends Base<…>` / `implements Base` of an interface or class: the instance type of the base. */
  private typeOfHeritage(base: TSESTree.TSInterfaceHeritage | TSESTree.TSClassImplements): DeclaredType {
    const expression = base.expression;
    if (expression.type !== AST_NODE_TYPES.Identifier) return UNKNOWN;
    const found = this.findType(expression.name, base);
    if (found) return this.typeOfFoundType(found);
    const value = this.typeOfExpression(expression);
    if (value.kind !== 'unknown') return returnTypeOf(value, true);
    return this.globalType(expression.name, base.typeArguments?.params ?? []);
  }

  // ---- classes ----

  /** The type of `new C()`: its members, inherited ones, parameter properties and constructor assignments. */
  classInstanceType(node: ClassNode): DeclaredType {
    const cached = this.classInstances.get(node);
    if (cached) return cachedAnswer(cached);
    this.classInstances.set(node, BEING_READ);
    const result = this.computeClassInstanceType(node);
    this.classInstances.set(node, result);
    return result;
  }

  private computeClassInstanceType(node: ClassNode): DeclaredType {
    const superClass = node.superClass;
    if (superClass?.type === AST_NODE_TYPES.Identifier && superClass.name === 'Promise' && !this.findValue(superClass)) return PROMISE;
    const then = node.body.body.find(
      member =>
        member.type === AST_NODE_TYPES.MethodDefinition &&
        !member.static &&
        keyName(member.key, member.computed) === 'then' &&
        this.isRejectableThen(member.value.params),
    );
    if (then) return PROMISE;
    let base: DeclaredType | undefined;
    const baseType = (): DeclaredType | undefined => {
      if (!superClass) return undefined;
      return (base ??= returnTypeOf(this.typeOfExpression(superClass), true));
    };
    const members = new Map<string, TSESTree.Node[]>();
    const addMember = (key: string, member: TSESTree.Node): void => {
      const list = members.get(key);
      if (list) list.push(member);
      else members.set(key, [member]);
    };
    let constructor: TSESTree.MethodDefinition | undefined;
    for (const member of node.body.body) {
      if ('static' in member && member.static) continue;
      if (member.type === AST_NODE_TYPES.MethodDefinition && member.kind === 'constructor') {
        constructor = member;
        continue;
      }
      if (
        member.type === AST_NODE_TYPES.MethodDefinition ||
        member.type === AST_NODE_TYPES.PropertyDefinition ||
        member.type === AST_NODE_TYPES.AccessorProperty ||
        member.type === AST_NODE_TYPES.TSAbstractMethodDefinition ||
        member.type === AST_NODE_TYPES.TSAbstractPropertyDefinition ||
        member.type === AST_NODE_TYPES.TSAbstractAccessorProperty
      ) {
        const key = keyName(member.key, member.computed);
        if (key !== undefined) addMember(key, member);
      }
    }
    if (constructor) {
      for (const parameter of constructor.value.params) {
        if (parameter.type !== AST_NODE_TYPES.TSParameterProperty) continue;
        const inner = parameter.parameter.type === AST_NODE_TYPES.AssignmentPattern ? parameter.parameter.left : parameter.parameter;
        if (inner.type === AST_NODE_TYPES.Identifier && !members.has(inner.name)) addMember(inner.name, parameter);
      }
      if (constructor.value.body) {
        // `this.x = value` at the top of the constructor, for a member declared nowhere else.
        const assigned = new Map<string, TSESTree.Expression[]>();
        for (const statement of constructor.value.body.body) {
          if (statement.type !== AST_NODE_TYPES.ExpressionStatement) continue;
          const expression = statement.expression;
          if (expression.type !== AST_NODE_TYPES.AssignmentExpression || expression.operator !== '=') continue;
          const left = expression.left;
          if (left.type !== AST_NODE_TYPES.MemberExpression || left.object.type !== AST_NODE_TYPES.ThisExpression) continue;
          const key = keyName(left.property, left.computed);
          if (key === undefined) continue;
          const list = assigned.get(key);
          if (list) list.push(expression.right);
          else assigned.set(key, [expression.right]);
        }
        for (const [key, values] of assigned) {
          const existing = members.get(key);
          // A field declared without annotation or value (`db;`) takes its type from the constructor too.
          const field = existing?.length === 1 ? existing[0] : undefined;
          const bareField = field?.type === AST_NODE_TYPES.PropertyDefinition && !field.typeAnnotation && !field.value;
          if ((existing && !bareField) || values.length !== 1 || this.isAssignedOutsideConstructor(node, key, constructor)) continue;
          members.set(key, [values[0]!]);
        }
      }
    }
    const memberCache = new Map<string, DeclaredType | undefined>();
    const structure: Structure = {
      name: node.id?.name ?? 'class',
      get complete() {
        const inherited = baseType();
        return inherited === undefined || (inherited.kind === 'structure' && inherited.structure.complete);
      },
      member: key => {
        if (memberCache.has(key)) return cachedAnswer(memberCache.get(key));
        memberCache.set(key, BEING_READ);
        const declared = members.get(key);
        let found: DeclaredType | undefined;
        if (declared) found = this.classMemberType(declared);
        else {
          const inherited = baseType();
          if (inherited) found = inherited.kind === 'structure' ? (inherited.structure.member(key) ?? (inherited.structure.complete ? undefined : UNKNOWN)) : UNKNOWN;
        }
        memberCache.set(key, found);
        return found;
      },
      index: () => undefined,
      callSignatures: () => [],
      constructSignatures: () => [],
      declarations: key => {
        const declared = members.get(key);
        if (declared) return declared;
        const inherited = baseType();
        return inherited?.kind === 'structure' ? inherited.structure.declarations?.(key) : undefined;
      },
    };
    return structureType(structure);
  }

  /** Whether any method other than the constructor assigns `this.key` (then its type is not the constructor's). */
  private isAssignedOutsideConstructor(node: ClassNode, key: string, constructor: TSESTree.MethodDefinition): boolean {
    const source = this.sourceText();
    const text = source.slice(node.body.range[0], node.body.range[1]);
    const constructorText = source.slice(constructor.range[0], constructor.range[1]);
    const pattern = new RegExp(`this\\.${key.replace(/[$]/g, '\\$')}\\s*=[^=]`, 'g');
    return (text.match(pattern)?.length ?? 0) !== (constructorText.match(pattern)?.length ?? 0);
  }

  /** The declared type of one member of a class, an interface or a type literal (what overriding it must keep). */
  typeOfMember(member: TSESTree.Node): DeclaredType {
    if (member.type === AST_NODE_TYPES.TSMethodSignature) {
      if (member.kind === 'get') return member.returnType ? this.typeOfTypeNode(member.returnType.typeAnnotation) : UNKNOWN;
      return structureType(this.signatureStructure([this.signature(member)], [], 'method'));
    }
    if (member.type === AST_NODE_TYPES.TSPropertySignature) {
      const annotation = typeAnnotationOf(member);
      return annotation ? this.typeOfTypeNode(annotation) : UNKNOWN;
    }
    return this.classMemberType([member]);
  }

  /** The base types a class or an interface names (`extends`, `implements`), each with the node that names it. */
  heritageOf(node: ClassNode | TSESTree.TSInterfaceDeclaration): { node: TSESTree.Node; type: DeclaredType }[] {
    if (node.type === AST_NODE_TYPES.TSInterfaceDeclaration) return node.extends.map(base => ({ node: base, type: this.typeOfHeritage(base) }));
    const bases: { node: TSESTree.Node; type: DeclaredType }[] = [];
    if (node.superClass) bases.push({ node: node.superClass, type: returnTypeOf(this.typeOfExpression(node.superClass), true) });
    // `implements` exists only in TypeScript's tree (espree gives JavaScript classes none).
    for (const base of node.implements ?? []) bases.push({ node: base, type: this.typeOfHeritage(base) });
    return bases;
  }

  private classMemberType(declared: readonly TSESTree.Node[]): DeclaredType {
    const methods = declared.filter(
      (member): member is TSESTree.MethodDefinition | TSESTree.TSAbstractMethodDefinition =>
        member.type === AST_NODE_TYPES.MethodDefinition || member.type === AST_NODE_TYPES.TSAbstractMethodDefinition,
    );
    if (methods.length === declared.length) {
      const getter = methods.find(method => method.kind === 'get');
      if (getter) return this.returnTypeOfSignature(getter.value);
      if (methods.some(method => method.kind !== 'method')) return UNKNOWN;
      // Overloads declare the signatures; the implementation's own is not callable from outside.
      const overloads = methods.filter(method => method.value.type === AST_NODE_TYPES.TSEmptyBodyFunctionExpression && method.type === AST_NODE_TYPES.MethodDefinition);
      const chosen = overloads.length > 0 && overloads.length < methods.length ? overloads : methods;
      return structureType(this.signatureStructure(chosen.map(method => this.signature(method.value)), [], 'method'));
    }
    if (declared.length !== 1) return UNKNOWN;
    const member = declared[0]!;
    if (member.type === AST_NODE_TYPES.TSParameterProperty) {
      const annotation = parameterAnnotation(member);
      return annotation ? this.typeOfTypeNode(annotation) : UNKNOWN;
    }
    if (
      member.type === AST_NODE_TYPES.PropertyDefinition ||
      member.type === AST_NODE_TYPES.AccessorProperty ||
      member.type === AST_NODE_TYPES.TSAbstractPropertyDefinition ||
      member.type === AST_NODE_TYPES.TSAbstractAccessorProperty
    ) {
      const annotation = typeAnnotationOf(member);
      if (annotation) return this.typeOfTypeNode(annotation);
      // A field without annotation may be reassigned anywhere: only a readonly one keeps its initial value's type.
      if (member.value && (member.readonly || isFunctionLike(member.value) || member.value.type === AST_NODE_TYPES.NewExpression)) {
        return this.typeOfExpression(member.value);
      }
      return UNKNOWN;
    }
    // A constructor assignment's value.
    return this.typeOfExpression(member as TSESTree.Expression);
  }

  /** The type of the class value itself: `new` gives an instance; static members. */
  classStaticType(node: ClassNode): DeclaredType {
    const cached = this.classStatics.get(node);
    if (cached) return cached;
    const constructor = node.body.body.find(
      (member): member is TSESTree.MethodDefinition => member.type === AST_NODE_TYPES.MethodDefinition && member.kind === 'constructor',
    );
    const construct: Signature = {
      parameters: constructor ? this.signature(constructor.value).parameters : [],
      returns: () => this.classInstanceType(node),
    };
    const statics = new Map<string, TSESTree.Node[]>();
    for (const member of node.body.body) {
      if (!('static' in member) || !member.static || !('key' in member)) continue;
      const key = keyName(member.key, member.computed);
      if (key === undefined) continue;
      const list = statics.get(key);
      if (list) list.push(member);
      else statics.set(key, [member]);
    }
    const result = structureType({
      name: node.id?.name ?? 'class',
      complete: !node.superClass,
      member: key => {
        const declared = statics.get(key);
        return declared ? this.classMemberType(declared) : node.superClass ? UNKNOWN : undefined;
      },
      index: () => undefined,
      callSignatures: () => [],
      constructSignatures: () => [construct],
    });
    this.classStatics.set(node, result);
    return result;
  }

  // ---- values ----

  /** The declared type of an expression's value. */
  typeOfExpression(node: TSESTree.Node): DeclaredType {
    return this.guarded(this.valueCache, node, () => this.computeTypeOfExpression(node));
  }

  private computeTypeOfExpression(node: TSESTree.Node): DeclaredType {
    switch (node.type) {
      case AST_NODE_TYPES.AwaitExpression: {
        // What `await` yields: the declared value of a promise; a value that is not one, as is.
        const awaited = this.typeOfExpression(node.argument);
        if (awaited.kind === 'promise') return awaited.resolves?.() ?? UNKNOWN;
        // A union (`Promise<Queue> | undefined`): each promise gives its declared value, the rest
        // stay as they are; a promise that does not declare its value makes the whole unknown.
        const yielded: DeclaredType[] = [];
        for (const part of unionParts(awaited)) {
          if (part.kind === 'unknown') return UNKNOWN;
          const value = part.kind === 'promise' ? part.resolves?.() : part;
          if (value === undefined || value.kind === 'unknown') return UNKNOWN;
          yielded.push(value);
        }
        return union(yielded);
      }
      case AST_NODE_TYPES.Identifier:
        return this.typeOfIdentifier(node);
      case AST_NODE_TYPES.ThisExpression:
        return this.typeOfThis(node);
      case AST_NODE_TYPES.MemberExpression: {
        if (node.object.type === AST_NODE_TYPES.Super) return UNKNOWN;
        const object = this.typeOfExpression(node.object);
        if (object.kind === 'unknown') return UNKNOWN;
        if (node.computed && node.property.type === AST_NODE_TYPES.Literal && typeof node.property.value === 'number') {
          return elementOf(object, node.property.value);
        }
        const name = keyName(node.property, node.computed);
        if (name === undefined) {
          return unionParts(object).every(part => part.kind === 'array' || part.kind === 'tuple' || part.kind === 'nullish') ? elementOf(object, undefined) : UNKNOWN;
        }
        if (unionParts(object).some(part => part.kind !== 'structure' && part.kind !== 'nullish' && part.kind !== 'intersection')) return UNKNOWN;
        return memberOf(object, name);
      }
      case AST_NODE_TYPES.CallExpression: {
        const callee = node.callee;
        if (callee.type === AST_NODE_TYPES.Super) return UNKNOWN;
        const required = this.requireSpecifier(node);
        if (required !== undefined) return this.typeOfRequire(required);
        if (callee.type === AST_NODE_TYPES.MemberExpression) {
          const method = keyName(callee.property, callee.computed);
          // `Promise.resolve(…)` and the other statics; `.then/.catch/.finally` of a promise.
          if (method !== undefined && PROMISE_STATICS.has(method) && this.isGlobalPromise(callee.object)) return PROMISE;
          if (method !== undefined && CHAIN_METHODS.has(method) && this.typeOfExpression(callee.object).kind === 'promise') return PROMISE;
        }
        return returnTypeOf(this.typeOfExpression(callee));
      }
      case AST_NODE_TYPES.TaggedTemplateExpression:
        return returnTypeOf(this.typeOfExpression(node.tag));
      case AST_NODE_TYPES.NewExpression:
        if (this.isGlobalPromise(node.callee)) return PROMISE;
        return returnTypeOf(this.typeOfExpression(node.callee), true);
      case AST_NODE_TYPES.ChainExpression:
      case AST_NODE_TYPES.TSSatisfiesExpression:
        return this.typeOfExpression(node.expression);
      case AST_NODE_TYPES.TSNonNullExpression:
        return union(unionParts(this.typeOfExpression(node.expression)).filter(part => part.kind !== 'nullish'));
      case AST_NODE_TYPES.TSAsExpression:
      case AST_NODE_TYPES.TSTypeAssertion: {
        const annotation = node.typeAnnotation;
        const isConst = annotation.type === AST_NODE_TYPES.TSTypeReference && annotation.typeName.type === AST_NODE_TYPES.Identifier && annotation.typeName.name === 'const';
        return isConst ? this.typeOfExpression(node.expression) : this.typeOfTypeNode(annotation);
      }
      case AST_NODE_TYPES.ArrowFunctionExpression:
      case AST_NODE_TYPES.FunctionExpression:
      case AST_NODE_TYPES.FunctionDeclaration:
        return structureType(this.signatureStructure([this.signature(node)], [], 'function'));
      case AST_NODE_TYPES.ClassExpression:
        return this.classStaticType(node);
      case AST_NODE_TYPES.ObjectExpression:
        return this.objectLiteralType(node);
      case AST_NODE_TYPES.ArrayExpression: {
        const elements: DeclaredType[] = [];
        for (const element of node.elements) {
          if (!element || element.type === AST_NODE_TYPES.SpreadElement) return UNKNOWN;
          elements.push(this.typeOfExpression(element));
        }
        return { kind: 'tuple', elements };
      }
      case AST_NODE_TYPES.Literal:
        return node.value === null ? NULLISH : node.value instanceof RegExp ? UNKNOWN : PRIMITIVE;
      case AST_NODE_TYPES.TemplateLiteral:
        return PRIMITIVE;
      case AST_NODE_TYPES.ConditionalExpression: {
        const consequent = this.typeOfExpression(node.consequent);
        const alternate = this.typeOfExpression(node.alternate);
        return consequent.kind === 'unknown' || alternate.kind === 'unknown' ? UNKNOWN : union([consequent, alternate]);
      }
      case AST_NODE_TYPES.AssignmentExpression:
        return node.operator === '=' ? this.typeOfExpression(node.right) : UNKNOWN;
      default:
        return UNKNOWN;
    }
  }

  private objectLiteralType(node: TSESTree.ObjectExpression): DeclaredType {
    const properties = new Map<string, TSESTree.Property>();
    let complete = true;
    for (const property of node.properties) {
      if (property.type !== AST_NODE_TYPES.Property) {
        complete = false;
        continue;
      }
      const key = keyName(property.key, property.computed);
      if (key === undefined) {
        complete = false;
        continue;
      }
      properties.set(key, property);
    }
    return structureType({
      name: '{…}',
      complete,
      member: key => {
        const property = properties.get(key);
        if (!property) return complete ? undefined : UNKNOWN;
        if (property.kind === 'get') return isFunctionLike(property.value) ? this.returnTypeOfSignature(property.value) : UNKNOWN;
        if (property.kind !== 'init') return UNKNOWN;
        return this.typeOfExpression(property.value);
      },
      index: () => undefined,
      callSignatures: () => [],
      constructSignatures: () => [],
      // A function written in place (`{ async save() {…} }`), or the declaration a shorthand or a
      // name refers to (`module.exports = { save }`).
      declarations: key => {
        const property = properties.get(key);
        if (property?.kind !== 'init') return undefined;
        const value = property.value;
        if (value.type === AST_NODE_TYPES.ArrowFunctionExpression || value.type === AST_NODE_TYPES.FunctionExpression) return [value];
        const declaration = value.type === AST_NODE_TYPES.Identifier ? this.soleValueDeclaration(value) : undefined;
        return declaration ? [declaration] : undefined;
      },
    });
  }

  /** `this` in a method, constructor, accessor or field initialiser (through arrow functions) of a class. */
  private typeOfThis(node: TSESTree.ThisExpression): DeclaredType {
    let current: TSESTree.Node | undefined = node.parent;
    while (current && current.type !== AST_NODE_TYPES.FunctionExpression && current.type !== AST_NODE_TYPES.FunctionDeclaration) {
      if (current.type === AST_NODE_TYPES.PropertyDefinition || current.type === AST_NODE_TYPES.AccessorProperty) {
        const classBody = current.parent;
        return current.static ? UNKNOWN : this.classInstanceType(classBody.parent as ClassNode);
      }
      if (current.type === AST_NODE_TYPES.StaticBlock || current.type === AST_NODE_TYPES.Program) return UNKNOWN;
      current = current.parent;
    }
    const method = current?.parent;
    if (method?.type !== AST_NODE_TYPES.MethodDefinition || method.static) return UNKNOWN;
    return this.classInstanceType(method.parent.parent as ClassNode);
  }

  private isGlobalPromise(node: TSESTree.Node): boolean {
    return node.type === AST_NODE_TYPES.Identifier && node.name === 'Promise' && !this.findValue(node);
  }

  /** `then(onFulfilled: (…) => …, onRejected: (…) => …)`: a thenable that can reject (not `then(a: string, b: number)`). */
  private isRejectableThen(parameters: readonly TSESTree.Parameter[]): boolean {
    if (parameters.length < 2) return false;
    return parameters.slice(0, 2).every(parameter => {
      const annotation = parameterAnnotation(parameter);
      if (!annotation) return false;
      return unionParts(this.typeOfTypeNode(annotation)).some(part => part.kind === 'structure' && part.structure.callSignatures().length > 0);
    });
  }

  private findValue(id: TSESTree.Identifier): boolean {
    if (this.options.sourceCode) {
      const variable = variableOf(this.options.sourceCode, id);
      return variable !== null && variable.defs.length > 0;
    }
    return lookUp(id.name, id, 'value') !== undefined;
  }

  private typeOfIdentifier(id: TSESTree.Identifier): DeclaredType {
    if (id.name === 'undefined' && !this.findValue(id)) return NULLISH;
    return this.typeOfName(id.name, id);
  }

  /** The type of the component a JSX element names (`<Component …>`). */
  typeOfJsxComponent(name: TSESTree.JSXIdentifier): DeclaredType {
    return this.typeOfName(name.name, name);
  }

  /** The declared type of the binding an assignment writes to. */
  declaredTypeOfBinding(id: TSESTree.Identifier): DeclaredType {
    return this.typeOfIdentifier(id);
  }

  private typeOfName(name: string, at: TSESTree.Node): DeclaredType {
    // Every node handed to the linted file's index is in that file; other files' nodes go to their own index.
    const sourceCode = this.options.sourceCode;
    if (sourceCode) {
      const variable =
        at.type === AST_NODE_TYPES.Identifier && at.name === name ? variableOf(sourceCode, at) : ASTUtils.findVariable(sourceCode.getScope(at), name);
      if (!variable || variable.defs.length === 0) return UNKNOWN;
      return this.remembered(this.bindingTypes, variable, () => this.typeOfVariableBinding(variable));
    }
    const found = lookUp(name, at, 'value');
    if (!found) return UNKNOWN;
    if (found.kind === 'parameter') {
      const binding = this.bindingIdentifier(found.node, name);
      return binding ? this.remembered(this.bindingTypes, binding, () => this.typeOfParameter(binding)) : UNKNOWN;
    }
    if (found.kind !== 'declarations') return UNKNOWN;
    const nodes = found.nodes;
    // The list is the one the block's declarations hold: the same for every use of the name.
    return this.remembered(this.bindingTypes, nodes, () => this.typeOfDeclarations(nodes));
  }

  /** What a variable of the linted file (found by ESLint's scope analysis) holds. */
  private typeOfVariableBinding(variable: TSESLint.Scope.Variable): DeclaredType {
    const reassigned = !isNeverReassigned(variable);
    const definitions = variable.defs;
    const first = definitions[0]!;
    if (first.type === 'FunctionName') {
      // Overloads are functions all; a function merged with a namespace of its name is not followed.
      if (!definitions.every(definition => definition.type === 'FunctionName')) return UNKNOWN;
      return this.functionsType(definitions.map(definition => definition.node as FunctionLike));
    }
    if (definitions.length !== 1) {
      // A class and an interface of one name (declaration merging) or overloads: not followed.
      return UNKNOWN;
    }
    switch (first.type) {
      case 'ClassName':
        return reassigned ? UNKNOWN : this.classStaticType(first.node as ClassNode);
      case 'Variable':
        return this.typeOfVariable(first.node as TSESTree.VariableDeclarator, first.name as TSESTree.Identifier, reassigned);
      case 'Parameter':
        return this.typeOfParameter(first.name as TSESTree.Identifier);
      case 'ImportBinding':
        if (
          first.node.type === AST_NODE_TYPES.ImportSpecifier ||
          first.node.type === AST_NODE_TYPES.ImportDefaultSpecifier ||
          first.node.type === AST_NODE_TYPES.ImportNamespaceSpecifier
        ) {
          return this.typeOfImport(first.node);
        }
        // `import x = require('m')`: what `require` gives; `import x = NS.y` is not followed.
        if (
          first.node.type === AST_NODE_TYPES.TSImportEqualsDeclaration &&
          first.node.importKind !== 'type' &&
          first.node.moduleReference.type === AST_NODE_TYPES.TSExternalModuleReference &&
          first.node.moduleReference.expression.type === AST_NODE_TYPES.Literal &&
          typeof first.node.moduleReference.expression.value === 'string'
        ) {
          return this.typeOfRequire(first.node.moduleReference.expression.value);
        }
        return UNKNOWN;
      default:
        return UNKNOWN;
    }
  }

  private bindingIdentifier(pattern: TSESTree.Node, name: string): TSESTree.Identifier | undefined {
    const stack: TSESTree.Node[] = [pattern];
    while (stack.length > 0) {
      const node = stack.pop()!;
      if (node.type === AST_NODE_TYPES.Identifier && node.name === name) return node;
      if (node.type === AST_NODE_TYPES.ObjectPattern) {
        for (const property of node.properties) stack.push(property.type === AST_NODE_TYPES.Property ? property.value : property);
      } else if (node.type === AST_NODE_TYPES.ArrayPattern) {
        for (const element of node.elements) if (element) stack.push(element);
      } else if (node.type === AST_NODE_TYPES.AssignmentPattern) {
        stack.push(node.left);
      } else if (node.type === AST_NODE_TYPES.RestElement) {
        stack.push(node.argument);
      } else if (node.type === AST_NODE_TYPES.TSParameterProperty) {
        stack.push(node.parameter);
      }
    }
    return undefined;
  }

  /** Declarations found by walking a tree read from disk. */
  private typeOfDeclarations(nodes: readonly TSESTree.Node[]): DeclaredType {
    const [first] = nodes;
    if (!first) return UNKNOWN;
    if (nodes.every(node => node.type === AST_NODE_TYPES.FunctionDeclaration || node.type === AST_NODE_TYPES.TSDeclareFunction)) {
      return this.functionsType(nodes as FunctionLike[]);
    }
    if (nodes.length !== 1) return UNKNOWN;
    switch (first.type) {
      case AST_NODE_TYPES.ClassDeclaration:
        return this.classStaticType(first);
      case AST_NODE_TYPES.Identifier: {
        let declarator: TSESTree.Node | undefined = first.parent;
        while (declarator && declarator.type !== AST_NODE_TYPES.VariableDeclarator) declarator = declarator.parent;
        if (!declarator) return UNKNOWN;
        const declaration = declarator.parent as TSESTree.VariableDeclaration;
        // Without scope analysis, only a `const` (or an annotated binding) is certain.
        return this.typeOfVariable(declarator, first, declaration.kind !== 'const');
      }
      case AST_NODE_TYPES.ImportSpecifier:
      case AST_NODE_TYPES.ImportDefaultSpecifier:
      case AST_NODE_TYPES.ImportNamespaceSpecifier:
        return this.typeOfImport(first);
      default:
        return UNKNOWN;
    }
  }

  /** Overloads declare the callable signatures; an implementation after them does not add its own. */
  private functionsType(nodes: readonly FunctionLike[]): DeclaredType {
    const declared = nodes.filter(node => node.type === AST_NODE_TYPES.TSDeclareFunction);
    const chosen = declared.length > 0 ? declared : nodes;
    return structureType(this.signatureStructure(chosen.map(node => this.signature(node)), [], 'function'));
  }

  private typeOfVariable(declarator: TSESTree.VariableDeclarator, name: TSESTree.Identifier, reassigned: boolean): DeclaredType {
    const annotation = typeAnnotationOf(name);
    if (annotation) return this.typeOfTypeNode(annotation);
    const jsDoc = this.jsDocType(declarator);
    if (jsDoc) return jsDoc;
    if (reassigned || !declarator.init) return UNKNOWN;
    if (declarator.id === name) return this.typeOfExpression(declarator.init);
    const path = this.pathTo(declarator.id, name);
    if (!path) return UNKNOWN;
    const patternAnnotation = typeAnnotationOf(declarator.id);
    let type = patternAnnotation ? this.typeOfTypeNode(patternAnnotation) : this.typeOfExpression(declarator.init);
    for (const step of path) type = 'member' in step ? memberOf(type, step.member) : elementOf(type, step.element);
    return type;
  }

  /** `/** @type {Promise<…>} *\/` on a variable in JavaScript. */
  private jsDocType(declarator: TSESTree.VariableDeclarator): DeclaredType | undefined {
    const comment = this.leadingJSDoc(declarator.id);
    const match = comment && JSDOC_TYPE.exec(comment.value);
    if (!match) return undefined;
    return /^\s*Promise\s*(<|$)/.test(match[1]!) ? PROMISE : undefined;
  }

  /** The member/element path from a destructuring pattern down to one of its names. */
  private pathTo(pattern: TSESTree.Node, name: TSESTree.Identifier): PathStep[] | undefined {
    const steps: PathStep[] = [];
    let node: TSESTree.Node = name;
    while (node !== pattern) {
      const parent: TSESTree.Node | undefined = node.parent;
      if (!parent) return undefined;
      if (parent.type === AST_NODE_TYPES.Property && parent.value === node && parent.parent.type === AST_NODE_TYPES.ObjectPattern) {
        const key = keyName(parent.key, parent.computed);
        if (key === undefined) return undefined;
        steps.unshift({ member: key });
        node = parent.parent;
      } else if (parent.type === AST_NODE_TYPES.ArrayPattern) {
        steps.unshift({ element: parent.elements.indexOf(node as TSESTree.DestructuringPattern) });
        node = parent;
      } else if (parent.type === AST_NODE_TYPES.AssignmentPattern && parent.left === node) {
        node = parent;
      } else {
        return undefined;
      }
    }
    return steps;
  }

  private typeOfParameter(name: TSESTree.Identifier): DeclaredType {
    const direct = typeAnnotationOf(name);
    if (direct) {
      // `...xs: T[]`: the annotation is on the rest element in some parser versions, on the name in others.
      return name.parent?.type === AST_NODE_TYPES.RestElement ? this.typeOfTypeNode(direct) : this.typeOfTypeNode(direct);
    }
    let node: TSESTree.Node = name;
    while (node.parent && node.parent.type !== AST_NODE_TYPES.FunctionDeclaration && node.parent.type !== AST_NODE_TYPES.FunctionExpression && node.parent.type !== AST_NODE_TYPES.ArrowFunctionExpression && node.parent.type !== AST_NODE_TYPES.TSParameterProperty && node.parent.type !== AST_NODE_TYPES.TSDeclareFunction) {
      node = node.parent;
    }
    const parameter = node;
    if (parameter.type === AST_NODE_TYPES.RestElement && parameter.argument === name) {
      const annotation = typeAnnotationOf(parameter);
      return annotation ? this.typeOfTypeNode(annotation) : UNKNOWN;
    }
    if (parameter.type === AST_NODE_TYPES.AssignmentPattern && parameter.left === name) return UNKNOWN;
    const annotation = typeAnnotationOf(parameter);
    if (!annotation) return UNKNOWN;
    const path = this.pathTo(parameter.type === AST_NODE_TYPES.AssignmentPattern ? parameter.left : parameter, name);
    if (!path) return UNKNOWN;
    let type = this.typeOfTypeNode(annotation);
    for (const step of path) type = 'member' in step ? memberOf(type, step.member) : elementOf(type, step.element);
    return type;
  }

  private typeOfImport(specifier: TSESTree.ImportClause): DeclaredType {
    const declaration = specifier.parent as TSESTree.ImportDeclaration;
    const module = this.loadModule(declaration.source.value);
    if (!module) return UNKNOWN;
    if (specifier.type === AST_NODE_TYPES.ImportNamespaceSpecifier) return module.namespaceType(declaration.source.value);
    const name = specifier.type === AST_NODE_TYPES.ImportDefaultSpecifier ? 'default' : (keyName(specifier.imported, false) ?? '');
    return module.exportedValue(name);
  }

  /** What `require(specifier)` gives: the module's CommonJS value (see `commonJsValue`). */
  private typeOfRequire(specifier: string): DeclaredType {
    return this.loadModule(specifier)?.commonJsValue() ?? UNKNOWN;
  }

  /** The specifier of `require('m')` called with Node's own `require` (not a local binding of that name). */
  private requireSpecifier(node: TSESTree.CallExpression): string | undefined {
    if (node.callee.type !== AST_NODE_TYPES.Identifier || node.callee.name !== 'require' || node.arguments.length !== 1) return undefined;
    const [argument] = node.arguments;
    if (argument?.type !== AST_NODE_TYPES.Literal || typeof argument.value !== 'string') return undefined;
    const sourceCode = this.options.sourceCode;
    const local = sourceCode ? (ASTUtils.findVariable(sourceCode.getScope(node), 'require')?.defs.length ?? 0) > 0 : lookUp('require', node, 'value') !== undefined;
    return local ? undefined : argument.value;
  }

  /** The modules this file imports, by specifier, as loaded in one lint (a file read from disk outlives a lint; its imports may change). */
  private readonly modules = new Map<string, { lint: number; module: FileDeclarations | undefined }>();

  /** True when `specifier` names a module of the program (see `ModuleLoader`). */
  private namesProgramModule(specifier: string): boolean {
    const { loader, filename } = this.options;
    return specifier.startsWith('.') || (filename !== undefined && loader?.namesProgramModule?.(filename, specifier) === true);
  }

  /** True for a source file of the program: not a declaration file, not inside `node_modules`. */
  private isProgramSource(): boolean {
    const filename = this.options.filename;
    return filename !== undefined && !/\.d\.[cm]?ts$/.test(filename) && !/[\\/]node_modules[\\/]/.test(filename);
  }

  private loadModule(specifier: string): FileDeclarations | undefined {
    const { loader, filename } = this.options;
    if (!loader || !filename) return undefined;
    const lint = loader.currentLint();
    const loaded = this.modules.get(specifier);
    if (loaded?.lint === lint) return loaded.module;
    const module = loader.load(filename, specifier);
    this.modules.set(specifier, { lint, module });
    return module;
  }

  // ---- names and functions (for summaries across modules) ----

  /**
   * How a callee was imported, required or reached as a global (`fs.readFileSync` →
   * `{ source: 'fs', path: ['readFileSync'] }`); undefined for a local value. The linted file
   * answers through ESLint's scope analysis, a file read from disk by walking its tree.
   */
  resolvedName(node: TSESTree.Node): ResolvedName | undefined {
    if (this.options.sourceCode) return resolveName(this.options.sourceCode, node);
    if (node.type === AST_NODE_TYPES.MemberExpression) {
      const property = keyName(node.property, node.computed);
      const object = property === undefined ? undefined : this.resolvedName(node.object);
      return object && property !== undefined ? canonicalName({ source: object.source, path: [...object.path, property] }) : undefined;
    }
    const required = this.requiredModule(node);
    if (required !== undefined) return { source: required, path: [] };
    if (node.type !== AST_NODE_TYPES.Identifier) return undefined;
    const found = lookUp(node.name, node, 'value');
    if (!found) return { source: undefined, path: [node.name] };
    if (found.kind !== 'declarations' || found.nodes.length !== 1) return undefined;
    const declaration = found.nodes[0]!;
    if (declaration.type === AST_NODE_TYPES.ImportSpecifier || declaration.type === AST_NODE_TYPES.ImportDefaultSpecifier || declaration.type === AST_NODE_TYPES.ImportNamespaceSpecifier) {
      const statement = declaration.parent as TSESTree.ImportDeclaration;
      if (statement.importKind === 'type') return undefined;
      const source = normalizeModuleSource(statement.source.value);
      if (declaration.type !== AST_NODE_TYPES.ImportSpecifier) return { source, path: [] };
      return canonicalName({ source, path: [keyName(declaration.imported, false) ?? ''] });
    }
    if (declaration.type === AST_NODE_TYPES.Identifier) {
      let declarator: TSESTree.Node | undefined = declaration.parent;
      while (declarator && declarator.type !== AST_NODE_TYPES.VariableDeclarator) declarator = declarator.parent;
      if (declarator?.type !== AST_NODE_TYPES.VariableDeclarator || !declarator.init || (declarator.parent as TSESTree.VariableDeclaration).kind !== 'const') return undefined;
      const source = this.requiredModule(declarator.init);
      const path = this.pathTo(declarator.id, declaration);
      if (source === undefined || !path || path.some(step => !('member' in step))) return undefined;
      return canonicalName({ source, path: path.map(step => (step as { member: string }).member) });
    }
    return undefined;
  }

  /** `require('x')` with Node's own `require` (not a local binding of that name). */
  private requiredModule(node: TSESTree.Node): string | undefined {
    if (node.type !== AST_NODE_TYPES.CallExpression || node.callee.type !== AST_NODE_TYPES.Identifier || node.callee.name !== 'require') return undefined;
    const [argument] = node.arguments;
    if (argument?.type !== AST_NODE_TYPES.Literal || typeof argument.value !== 'string' || lookUp('require', node, 'value')) return undefined;
    return normalizeModuleSource(argument.value);
  }

  /** The function a callee names in this file, or the function a relative module exports under that name. */
  functionReference(node: TSESTree.Node): { fn: TSESTree.FunctionLike; owner: FileDeclarations } | undefined {
    if (node.type !== AST_NODE_TYPES.Identifier) return undefined;
    const declaration = this.soleValueDeclaration(node);
    if (!declaration) return undefined;
    const required = this.requiredExport(declaration);
    if (required) {
      const module = this.loadModule(required.specifier);
      // `module.exports = { name }`: the object's member.
      const whole = module?.commonJsValue();
      const viaObject = whole?.kind === 'structure' ? whole.structure.declarations?.(required.name) : undefined;
      const nodes = viaObject ?? module?.exported(required.name, 'value', 0);
      const owner = nodes?.[0] && module?.ownerOf(nodes[0]);
      if (nodes?.length !== 1 || !owner) return undefined;
      return FileDeclarations.functionHeldBy(nodes[0]!, owner);
    }
    if (declaration.type === AST_NODE_TYPES.ImportSpecifier || declaration.type === AST_NODE_TYPES.ImportDefaultSpecifier) {
      const statement = declaration.parent as TSESTree.ImportDeclaration;
      // A module of the program (a relative path, or one the tsconfig's `paths` map), not a
      // package's declarations, which have no bodies (and are not read for this).
      if (!this.namesProgramModule(statement.source.value)) return undefined;
      const module = this.loadModule(statement.source.value);
      if (!module?.isProgramSource()) return undefined;
      const name = declaration.type === AST_NODE_TYPES.ImportDefaultSpecifier ? 'default' : (keyName(declaration.imported, false) ?? '');
      // An overloaded function: its signatures, then the one implementation.
      const nodes = module.exported(name, 'value', 0)?.filter(node => node.type !== AST_NODE_TYPES.TSDeclareFunction);
      const owner = nodes?.[0] && module.ownerOf(nodes[0]);
      return nodes?.length === 1 && owner ? owner.functionOfDeclaration(nodes[0]!) : undefined;
    }
    return this.functionOfDeclaration(declaration);
  }

  /**
   * The class a name refers to: declared in this file, or imported from a module of the program
   * (a relative path, or one the tsconfig's `paths` map). One declaration only.
   */
  classReference(node: TSESTree.Node): { node: TSESTree.ClassDeclaration; owner: FileDeclarations } | undefined {
    if (node.type !== AST_NODE_TYPES.Identifier) return undefined;
    const sourceCode = this.options.sourceCode;
    let declaration: TSESTree.Node | undefined;
    if (sourceCode) {
      const variable = variableOf(sourceCode, node);
      const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
      declaration = definition?.type === 'ClassName' || definition?.type === 'ImportBinding' ? definition.node : undefined;
    } else {
      const found = lookUp(node.name, node, 'value');
      declaration = found?.kind === 'declarations' && found.nodes.length === 1 ? found.nodes[0] : undefined;
    }
    if (declaration?.type === AST_NODE_TYPES.ClassDeclaration) return { node: declaration, owner: this };
    if (declaration?.type !== AST_NODE_TYPES.ImportSpecifier && declaration?.type !== AST_NODE_TYPES.ImportDefaultSpecifier) return undefined;
    const statement = declaration.parent as TSESTree.ImportDeclaration;
    if (!this.namesProgramModule(statement.source.value)) return undefined;
    const module = this.loadModule(statement.source.value);
    if (!module?.isProgramSource()) return undefined;
    const name = declaration.type === AST_NODE_TYPES.ImportDefaultSpecifier ? 'default' : (keyName(declaration.imported, false) ?? '');
    const nodes = module.exported(name, 'value', 0);
    const found = nodes?.length === 1 ? nodes[0]! : undefined;
    const owner = found && module.ownerOf(found);
    return found?.type === AST_NODE_TYPES.ClassDeclaration && owner ? { node: found, owner } : undefined;
  }

  /**
   * The method a member call runs, by the receiver's declared type: `stack.leave(socket)` where
   * `stack` is declared (or made) a `Stack` whose class declares `leave` as a method or as a field
   * holding a function. One declaration only; a receiver whose type is a union, or a member
   * declared more than once (overloads), gives nothing.
   */
  methodReference(node: TSESTree.Node): { fn: TSESTree.FunctionLike; owner: FileDeclarations } | undefined {
    if (node.type !== AST_NODE_TYPES.MemberExpression || node.object.type === AST_NODE_TYPES.Super) return undefined;
    const name = keyName(node.property, node.computed);
    if (name === undefined) return undefined;
    const receiver = this.typeOfExpression(node.object);
    const declared = receiver.kind === 'structure' ? receiver.structure.declarations?.(name) : undefined;
    if (declared?.length !== 1) return undefined;
    const member = declared[0]!;
    const owner = this.ownerOf(member);
    if (!owner) return undefined;
    if (member.type === AST_NODE_TYPES.MethodDefinition && member.kind === 'method' && member.value.type === AST_NODE_TYPES.FunctionExpression) {
      return { fn: member.value, owner };
    }
    return FileDeclarations.functionHeldBy(member, owner);
  }

  /**
   * The function a declaration reached through an export or a member holds, `owner` declaring it:
   * a function written as a class field's value, as a CommonJS export's (`exports.x = async () =>
   * …`) or as an object property's; or a module's function declaration or constant holding one.
   */
  private static functionHeldBy(member: TSESTree.Node, owner: FileDeclarations): { fn: TSESTree.FunctionLike; owner: FileDeclarations } | undefined {
    const value =
      member.type === AST_NODE_TYPES.PropertyDefinition
        ? member.value
        : isCommonJsAssigned(member) || member.parent?.type === AST_NODE_TYPES.Property
          ? member
          : undefined;
    if (value?.type === AST_NODE_TYPES.ArrowFunctionExpression || value?.type === AST_NODE_TYPES.FunctionExpression) return { fn: value, owner };
    return owner.functionOfDeclaration(member);
  }

  /**
   * The one declaration a name refers to, as `lookUp` gives it: a function declaration, the
   * identifier a variable declarator binds, or an import specifier. The linted file answers from
   * ESLint's scope analysis in constant time (walking up the tree costs the depth of the nesting
   * for every call); a file read from disk by walking its tree.
   */
  private soleValueDeclaration(id: TSESTree.Identifier): TSESTree.Node | undefined {
    const sourceCode = this.options.sourceCode;
    if (!sourceCode) {
      const found = lookUp(id.name, id, 'value');
      return found?.kind === 'declarations' && found.nodes.length === 1 ? found.nodes[0] : undefined;
    }
    const variable = variableOf(sourceCode, id);
    if (variable?.defs.length !== 1) return undefined;
    const definition = variable.defs[0]!;
    switch (definition.type) {
      case 'FunctionName':
        return definition.node;
      case 'Variable':
        return definition.name;
      case 'ImportBinding':
        return definition.node;
      default:
        return undefined;
    }
  }

  /** `const { name } = require('./m')` (a constant, a relative module): the module and the name; undefined otherwise. */
  private requiredExport(declaration: TSESTree.Node): { specifier: string; name: string } | undefined {
    if (declaration.type !== AST_NODE_TYPES.Identifier) return undefined;
    const property = declaration.parent;
    if (property?.type !== AST_NODE_TYPES.Property || property.value !== declaration || property.parent?.type !== AST_NODE_TYPES.ObjectPattern) return undefined;
    const declarator = property.parent.parent;
    if (declarator?.type !== AST_NODE_TYPES.VariableDeclarator || declarator.id !== property.parent || (declarator.parent as TSESTree.VariableDeclaration).kind !== 'const') return undefined;
    const init = declarator.init;
    const specifier = init?.type === AST_NODE_TYPES.CallExpression ? this.requireSpecifier(init) : undefined;
    const name = keyName(property.key, property.computed);
    return specifier?.startsWith('.') && name !== undefined ? { specifier, name } : undefined;
  }

  private functionOfDeclaration(declaration: TSESTree.Node): { fn: TSESTree.FunctionLike; owner: FileDeclarations } | undefined {
    if (declaration.type === AST_NODE_TYPES.FunctionDeclaration) return { fn: declaration, owner: this };
    if (declaration.type === AST_NODE_TYPES.Identifier && declaration.parent?.type === AST_NODE_TYPES.VariableDeclarator) {
      const declarator = declaration.parent;
      const init = declarator.init;
      if (declarator.id !== declaration || (declarator.parent as TSESTree.VariableDeclaration).kind !== 'const') return undefined;
      if (init?.type === AST_NODE_TYPES.ArrowFunctionExpression || init?.type === AST_NODE_TYPES.FunctionExpression) return { fn: init, owner: this };
    }
    return undefined;
  }

  /** The text of a node of this file. */
  textOf(node: TSESTree.Node): string {
    return this.sourceText().slice(node.range[0], node.range[1]);
  }

  // ---- exports (for the files that import this one) ----

  private exportTable(): Map<string, TSESTree.Node[]> {
    if (this.exportCache) return this.exportCache;
    const table = new Map<string, TSESTree.Node[]>();
    const add = (name: string, node: TSESTree.Node): void => {
      const list = table.get(name);
      if (list) list.push(node);
      else table.set(name, [node]);
    };
    for (const statement of this.program.body) {
      if (statement.type === AST_NODE_TYPES.ExportNamedDeclaration) {
        const declaration = statement.declaration;
        if (declaration) {
          if (declaration.type === AST_NODE_TYPES.VariableDeclaration) {
            for (const declarator of declaration.declarations) {
              if (declarator.id.type === AST_NODE_TYPES.Identifier) add(declarator.id.name, declarator.id);
            }
          } else if ('id' in declaration && declaration.id?.type === AST_NODE_TYPES.Identifier) {
            add(declaration.id.name, declaration);
          }
          continue;
        }
        for (const specifier of statement.specifiers) {
          const exported = keyName(specifier.exported, false);
          if (exported !== undefined) add(exported, specifier);
        }
      } else if (statement.type === AST_NODE_TYPES.ExportDefaultDeclaration) {
        add('default', statement.declaration);
      } else if (statement.type === AST_NODE_TYPES.TSExportAssignment && statement.expression.type === AST_NODE_TYPES.Identifier) {
        // `export = Client` of a CommonJS declaration file: what a default import gives.
        add('default', statement.expression);
      } else if (statement.type === AST_NODE_TYPES.ExportAllDeclaration && !statement.exported) {
        add('*', statement);
      } else if (statement.type === AST_NODE_TYPES.ExpressionStatement) {
        const exported = this.commonJsExport(statement.expression);
        if (exported) add(exported.name, exported.value);
      }
    }
    this.exportCache = table;
    return table;
  }

  /**
   * `exports.name = value`, `module.exports.name = value` (named `name`) or `module.exports =
   * value` (named `COMMONJS_VALUE`) at the top level, with Node's own `module` and `exports`.
   */
  private commonJsExport(expression: TSESTree.Expression): { name: string; value: TSESTree.Expression } | undefined {
    if (expression.type !== AST_NODE_TYPES.AssignmentExpression || expression.operator !== '=' || expression.left.type !== AST_NODE_TYPES.MemberExpression) return undefined;
    const target = expression.left;
    const isFree = (node: TSESTree.Node, name: string): boolean =>
      node.type === AST_NODE_TYPES.Identifier && node.name === name && lookUp(name, expression, 'value') === undefined && !this.isLocalInLintedFile(node);
    const isModuleExports = (node: TSESTree.Node): boolean =>
      node.type === AST_NODE_TYPES.MemberExpression && keyName(node.property, node.computed) === 'exports' && isFree(node.object, 'module');
    if (isModuleExports(target)) return { name: COMMONJS_VALUE, value: expression.right };
    const name = keyName(target.property, target.computed);
    if (name === undefined || !(isFree(target.object, 'exports') || isModuleExports(target.object))) return undefined;
    return { name, value: expression.right };
  }

  /** True when the linted file binds `identifier`'s name where it stands (`const module = …`). */
  private isLocalInLintedFile(identifier: TSESTree.Identifier): boolean {
    const sourceCode = this.options.sourceCode;
    return sourceCode !== undefined && (ASTUtils.findVariable(sourceCode.getScope(identifier), identifier.name)?.defs.length ?? 0) > 0;
  }

  /**
   * What `require()` of this module gives: the value given to `module.exports` when that is all
   * the module exports; with `export =` in a declaration file, the value it names; otherwise an
   * object of the names the module exports (`exports.x = …`, and ES exports, which a compiled
   * module hands `require` the same way). A module that both replaces `module.exports` and adds
   * names, or replaces it twice, is not followed.
   */
  commonJsValue(): DeclaredType {
    return this.remembered(this.exportedValues, COMMONJS_VALUE, () => {
      const table = this.exportTable();
      const whole = table.get(COMMONJS_VALUE);
      if (whole) {
        if (whole.length !== 1 || [...table.values()].some(nodes => nodes.some(node => node !== whole[0] && isCommonJsAssigned(node)))) return UNKNOWN;
        return this.typeOfExpression(whole[0]!);
      }
      const exportAssignment = table.get('default')?.[0];
      if (exportAssignment?.parent?.type === AST_NODE_TYPES.TSExportAssignment) return this.exportedValue('default');
      return this.namespaceType(this.options.filename ?? 'module');
    });
  }

  /** The object of this module's exported values (`import * as m`, `require()` of a module that adds names). */
  namespaceType(name: string): DeclaredType {
    return structureType({
      name,
      complete: false,
      member: key => this.exportedValue(key),
      index: () => undefined,
      callSignatures: () => [],
      constructSignatures: () => [],
      declarations: key => this.exported(key, 'value', 0),
    });
  }

  /** The declarations of an export (following re-exports), or undefined. */
  private exported(name: string, space: 'type' | 'value', depth: number): TSESTree.Node[] | undefined {
    if (depth > 6) return undefined;
    const table = this.exportTable();
    const entries = table.get(name);
    if (entries) {
      const [first] = entries;
      if (first?.type === AST_NODE_TYPES.ExportSpecifier) {
        const statement = first.parent as TSESTree.ExportNamedDeclaration;
        const local = keyName(first.local, false) ?? '';
        if (statement.source) {
          const module = this.loadModule(statement.source.value);
          return module?.exported(local, space, depth + 1);
        }
        const found = lookUp(local, this.program, space);
        return found?.kind === 'declarations' ? found.nodes : undefined;
      }
      if (first?.type === AST_NODE_TYPES.Identifier) {
        // An exported variable is a value only; `export default name` / `export = name` names a binding of either space.
        if (space === 'type' && first.parent?.type === AST_NODE_TYPES.VariableDeclarator) return undefined;
        const found = lookUp(first.name, this.program, space);
        return found?.kind === 'declarations' ? found.nodes : undefined;
      }
      if (first && isCommonJsAssigned(first)) {
        // A value assigned twice (`exports.x = a; … exports.x = b;`) is not followed; nor is it a type.
        return space === 'value' && entries.length === 1 ? entries : undefined;
      }
      if (first && 'id' in first && (first as { id?: TSESTree.Node | null }).id?.type === AST_NODE_TYPES.Identifier) {
        const found = lookUp(((first as { id: TSESTree.Identifier }).id).name, this.program, space);
        return found?.kind === 'declarations' ? found.nodes : undefined;
      }
      return entries;
    }
    if (name === 'default') return undefined;
    for (const star of table.get('*') ?? []) {
      const module = this.loadModule((star as TSESTree.ExportAllDeclaration).source.value);
      const found = module?.exported(name, space, depth + 1);
      if (found) return found;
    }
    return undefined;
  }

  /** The declared type of export `name` (a value). */
  exportedValue(name: string): DeclaredType {
    return this.remembered(this.exportedValues, name, () => this.computeExportedValue(name));
  }

  private computeExportedValue(name: string): DeclaredType {
    const nodes = this.exported(name, 'value', 0);
    if (!nodes || nodes.length === 0) return UNKNOWN;
    const owner = this.ownerOf(nodes[0]!);
    if (!owner) return UNKNOWN;
    const [first] = nodes;
    // `exports.x = <expression>`.
    if (nodes.length === 1 && first && isCommonJsAssigned(first)) return owner.typeOfExpression(first);
    // `export default <expression>`.
    if (nodes.length === 1 && first && first.parent?.type === AST_NODE_TYPES.ExportDefaultDeclaration && first.type !== AST_NODE_TYPES.FunctionDeclaration && first.type !== AST_NODE_TYPES.ClassDeclaration) {
      return owner.typeOfExpression(first);
    }
    return owner.typeOfDeclarations(nodes);
  }

  /** Re-exports may hand back another module's nodes: the module whose tree holds them. */
  private ownerOf(node: TSESTree.Node): FileDeclarations | undefined {
    let root: TSESTree.Node = node;
    while (root.parent) root = root.parent;
    if (root === this.program) return this;
    return this.options.loader?.ownerOf(root);
  }
}
