import type { TSESTree } from '@typescript-eslint/utils';

/**
 * What the code declares about a value, read from its annotations and declarations without a type
 * checker. Deliberately small: enough to say "this is a promise", "calling this returns a
 * promise", "this slot expects a function returning void", and nothing guessed. `unknown` is the
 * answer whenever a declaration is missing, generic in a way not followed, or out of reach.
 */
export type DeclaredType =
  | { readonly kind: 'unknown' }
  /**
   * A thenable that can reject: `Promise<T>`, `PromiseLike<T>`, a subclass, a class with
   * `then(ok, fail)`. `resolves`, when declared (`Promise<PadType>`), gives what `await` yields,
   * read on first use.
   */
  | { readonly kind: 'promise'; readonly resolves?: () => DeclaredType }
  | { readonly kind: 'void' }
  /** `undefined` or `null`: skipped when calling through `?.`. */
  | { readonly kind: 'nullish' }
  /** Certainly neither callable nor a thenable: strings, numbers, booleans, literal types, `never`. */
  | { readonly kind: 'primitive' }
  | { readonly kind: 'union'; readonly parts: readonly DeclaredType[] }
  | { readonly kind: 'intersection'; readonly parts: readonly DeclaredType[] }
  | { readonly kind: 'array'; readonly element: DeclaredType }
  | { readonly kind: 'tuple'; readonly elements: readonly DeclaredType[] }
  | { readonly kind: 'structure'; readonly structure: Structure };

/** An object type: members, call and construct signatures, an index signature. Resolved lazily. */
export interface Structure {
  /** The declared type of a named member; undefined when the structure does not declare it. */
  member(name: string): DeclaredType | undefined;
  /** The value type of a string index signature (`Record<string, V>`, `[key: string]: V`). */
  index(): DeclaredType | undefined;
  callSignatures(): readonly Signature[];
  constructSignatures(): readonly Signature[];
  /** False when part of the structure could not be read (an unresolved base type): absent members are then unknown. */
  readonly complete: boolean;
  /** A short name for messages and debugging (`Database`, `{…}`). */
  readonly name: string;
  /**
   * The nodes that declare a named member, own or inherited, for a class read from code (a method,
   * a field, a constructor's assignment): what a call of the member runs. Absent for structures
   * that only describe a type.
   */
  declarations?(name: string): readonly TSESTree.Node[] | undefined;
}

export interface Signature {
  readonly parameters: readonly ParameterSlot[];
  returns(): DeclaredType;
  /**
   * A generic signature with its type parameters bound to `typeArguments`, in order (defaults
   * fill the rest): `fn<() => void>(…)`, `typeof fn<() => void>`. Absent for a signature that is
   * not generic; undefined for more arguments than parameters.
   */
  instantiate?(typeArguments: readonly DeclaredType[]): Signature | undefined;
}

export interface ParameterSlot {
  type(): DeclaredType;
  readonly rest: boolean;
}

export const UNKNOWN: DeclaredType = { kind: 'unknown' };
export const PROMISE: DeclaredType = { kind: 'promise' };
export const VOID: DeclaredType = { kind: 'void' };
export const NULLISH: DeclaredType = { kind: 'nullish' };
export const PRIMITIVE: DeclaredType = { kind: 'primitive' };

export function union(parts: readonly DeclaredType[]): DeclaredType {
  const flat = parts.flatMap(part => (part.kind === 'union' ? part.parts : [part]));
  if (flat.length === 1) return flat[0]!;
  return { kind: 'union', parts: flat };
}

/** The parts of a union (a single type is its own only part). */
export function unionParts(type: DeclaredType): readonly DeclaredType[] {
  return type.kind === 'union' ? type.parts : [type];
}

/** True when the value is, or may be by its declared union, a promise (the type checker's `some` over a union). */
export function mayBePromise(type: DeclaredType): boolean {
  switch (type.kind) {
    case 'promise':
      return true;
    case 'union':
      return type.parts.some(mayBePromise);
    case 'intersection':
      return type.parts.some(mayBePromise);
    default:
      return false;
  }
}

/** The call (or construct) signatures of a value, skipping `undefined`/`null` parts; undefined when a part is not known. */
export function signaturesOf(type: DeclaredType, construct = false): Signature[] | undefined {
  const signatures: Signature[] = [];
  for (const part of unionParts(type)) {
    if (part.kind === 'nullish') continue;
    if (part.kind === 'intersection') {
      const inner = part.parts.flatMap(item => (item.kind === 'structure' ? (construct ? item.structure.constructSignatures() : item.structure.callSignatures()) : []));
      if (inner.length === 0) return undefined;
      signatures.push(...inner);
      continue;
    }
    if (part.kind !== 'structure') return undefined;
    const own = construct ? part.structure.constructSignatures() : part.structure.callSignatures();
    if (own.length === 0) return undefined;
    signatures.push(...own);
  }
  return signatures.length > 0 ? signatures : undefined;
}

/** What calling the value returns: the union of every signature's return, or unknown. */
export function returnTypeOf(type: DeclaredType, construct = false): DeclaredType {
  const signatures = signaturesOf(type, construct);
  if (!signatures) return UNKNOWN;
  const returns = signatures.map(signature => signature.returns());
  // Overloads that disagree: which one a call picks takes a type checker.
  if (returns.some(item => item.kind === 'unknown')) return UNKNOWN;
  if (returns.length > 1 && !returns.every(item => mayBePromise(item) === mayBePromise(returns[0]!))) return UNKNOWN;
  return union(returns);
}

/** True when every signature of the callable value returns a (possible) promise. */
export function returnsPromise(type: DeclaredType): boolean {
  const signatures = signaturesOf(type);
  return signatures !== undefined && signatures.every(signature => mayBePromise(signature.returns()));
}

/** A function type whose signatures return void and none a thenable (what typescript-eslint calls a void-return slot). */
export function isVoidReturningFunction(type: DeclaredType): boolean {
  let returnsVoid = false;
  for (const part of unionParts(type)) {
    const structures =
      part.kind === 'structure' ? [part.structure] : part.kind === 'intersection' ? part.parts.flatMap(item => (item.kind === 'structure' ? [item.structure] : [])) : [];
    for (const structure of structures) {
      for (const signature of structure.callSignatures()) {
        const returned = signature.returns();
        if (mayBePromise(returned)) return false;
        if (returned.kind === 'void') returnsVoid = true;
      }
    }
  }
  return returnsVoid;
}

/** True when some signature of the value returns a thenable (the slot accepts a promise-returning function). */
export function acceptsPromiseReturn(type: DeclaredType): boolean {
  return unionParts(type).some(
    part => part.kind === 'structure' && part.structure.callSignatures().some(signature => mayBePromise(signature.returns())),
  );
}

/** An array or tuple holding promises, or a union with such a part. */
export function isPromiseArray(type: DeclaredType): boolean {
  return unionParts(type).some(part => {
    if (part.kind === 'array') return mayBePromise(part.element) || isPromiseArray(part.element);
    if (part.kind === 'tuple') return part.elements.some(element => mayBePromise(element) || isPromiseArray(element));
    return false;
  });
}

/** Certainly not a function: a primitive, nullish, an array, or a union with such a part. */
export function isCertainlyNotCallable(type: DeclaredType): boolean {
  return unionParts(type).some(
    part => part.kind === 'primitive' || part.kind === 'nullish' || part.kind === 'void' || part.kind === 'array' || part.kind === 'tuple',
  );
}

/** The declared type of member `name` of a value; unknown when any (non-nullish) part does not declare it. */
export function memberOf(type: DeclaredType, name: string, throughIndex = true): DeclaredType {
  const found: DeclaredType[] = [];
  for (const part of unionParts(type)) {
    if (part.kind === 'nullish') continue;
    if (part.kind === 'structure') {
      const member = part.structure.member(name) ?? (throughIndex ? part.structure.index() : undefined);
      if (!member) return UNKNOWN;
      found.push(member);
    } else if (part.kind === 'intersection') {
      const members = part.parts.flatMap(item => {
        const member = item.kind === 'structure' ? (item.structure.member(name) ?? (throughIndex ? item.structure.index() : undefined)) : undefined;
        return member ? [member] : [];
      });
      if (members.length !== 1) return UNKNOWN;
      found.push(members[0]!);
    } else {
      return UNKNOWN;
    }
  }
  return found.length > 0 ? union(found) : UNKNOWN;
}

/** The element type of an array or tuple at an index (any element when the index is not a literal). */
export function elementOf(type: DeclaredType, index: number | undefined): DeclaredType {
  const found: DeclaredType[] = [];
  for (const part of unionParts(type)) {
    if (part.kind === 'nullish') continue;
    if (part.kind === 'array') found.push(part.element);
    else if (part.kind === 'tuple') {
      if (index === undefined) found.push(...part.elements);
      else if (part.elements[index]) found.push(part.elements[index]);
      else return UNKNOWN;
    } else return UNKNOWN;
  }
  return found.length > 0 ? union(found) : UNKNOWN;
}

/**
 * The signatures of a value instantiated with explicit type arguments; undefined unless every
 * signature is generic and takes them (an overload that is not generic, or is not followed, makes
 * the call's meaning a checker's question).
 */
export function instantiateSignatures(signatures: readonly Signature[], typeArguments: readonly DeclaredType[]): Signature[] | undefined {
  const instantiated: Signature[] = [];
  for (const signature of signatures) {
    const bound = signature.instantiate?.(typeArguments);
    if (!bound) return undefined;
    instantiated.push(bound);
  }
  return instantiated;
}
