import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { ASTUtils } from '../ast-utils';
import { firstIndexAtOrAfter } from '../sorted';

type Reference = TSESLint.Scope.Reference;
type Scope = TSESLint.Scope.Scope;
type Variable = TSESLint.Scope.Variable;

/**
 * What the scope analysis of one file says, indexed once per file and shared by every rule: the
 * reference of each identifier (so that a lookup never walks the scope chain, which in deeply
 * nested code is as long as the nesting); and, built the first time a rule needs them, every
 * reference in source order, every variable by name, and the names taken.
 */
class ScopeIndex {
  readonly references = new Map<TSESTree.Node, Reference>();
  #inOrder: Reference[] | undefined;
  #byName: Map<string, Variable[]> | undefined;
  #takenNames: Set<string> | undefined;

  constructor(private readonly scopeManager: TSESLint.Scope.ScopeManager) {
    for (const scope of scopeManager.scopes) for (const reference of scope.references) this.references.set(reference.identifier, reference);
  }

  /** Every reference, by the position of its identifier. */
  get inOrder(): Reference[] {
    this.#inOrder ??= this.scopeManager.scopes
      .flatMap(scope => scope.references)
      .sort((a, b) => a.identifier.range[0] - b.identifier.range[0]);
    return this.#inOrder;
  }

  get byName(): Map<string, Variable[]> {
    if (!this.#byName) {
      this.#byName = new Map();
      for (const scope of this.scopeManager.scopes) {
        for (const variable of scope.variables) {
          let named = this.#byName.get(variable.name);
          if (!named) this.#byName.set(variable.name, (named = []));
          named.push(variable);
        }
      }
    }
    return this.#byName;
  }

  /** Names declared anywhere in the file or used there as globals. */
  get takenNames(): Set<string> {
    if (!this.#takenNames) {
      this.#takenNames = new Set();
      for (const [name, variables] of this.byName) {
        if (variables.some(variable => variable.defs.length > 0 || variable.references.length > 0)) this.#takenNames.add(name);
      }
      for (const reference of this.scopeManager.globalScope?.through ?? []) this.#takenNames.add(reference.identifier.name);
    }
    return this.#takenNames;
  }
}

/** Keyed by the file's syntax tree: oxlint hands every file the same SourceCode and scope manager objects. */
const indexes = new WeakMap<object, ScopeIndex>();

function scopeIndex(sourceCode: Readonly<TSESLint.SourceCode>): ScopeIndex | undefined {
  const scopeManager = sourceCode.scopeManager;
  if (!scopeManager) return undefined;
  let index = indexes.get(sourceCode.ast);
  if (!index) {
    index = new ScopeIndex(scopeManager);
    indexes.set(sourceCode.ast, index);
  }
  return index;
}

/**
 * The variable an identifier refers to or declares, or null (an undeclared global). A read or a
 * write is answered by the scope manager's own reference, in constant time; a declaration without
 * one (a parameter, an import, a function's name) by its name from the scope it is in.
 */
export function variableOf(sourceCode: Readonly<TSESLint.SourceCode>, identifier: TSESTree.Identifier | TSESTree.JSXIdentifier): Variable | null {
  const reference = scopeIndex(sourceCode)?.references.get(identifier);
  if (reference) return reference.resolved;
  return ASTUtils.findVariable(sourceCode.getScope(identifier), identifier.name);
}

/** Per variable: whether it is written only where it is declared. */
const neverReassigned = new WeakMap<Variable, boolean>();

/**
 * True when the variable is written only by its declaration (`const`, or a `let` never assigned
 * again). Asked for a variable at each of its references, so answered once per variable: a
 * variable read N times would otherwise cost N × N.
 */
export function isNeverReassigned(variable: Variable): boolean {
  let answer = neverReassigned.get(variable);
  if (answer === undefined) {
    answer = variable.references.every(reference => !reference.isWrite() || reference.init === true);
    neverReassigned.set(variable, answer);
  }
  return answer;
}

/** The variable `name` is bound to at `at` (a global one if the file declares none there), or null. */
export function variableNamedAt(sourceCode: Readonly<TSESLint.SourceCode>, name: string, at: TSESTree.Node): Variable | null {
  return ASTUtils.findVariable(sourceCode.getScope(at), name);
}

/** True when `name` is declared anywhere in the file or used there as a global. */
export function isNameTaken(sourceCode: Readonly<TSESLint.SourceCode>, name: string): boolean {
  const index = scopeIndex(sourceCode);
  return index === undefined || index.takenNames.has(name);
}

/** Every variable of the file, in the order of its scopes. */
export function allVariables(sourceCode: Readonly<TSESLint.SourceCode>): Iterable<Variable> {
  const index = scopeIndex(sourceCode);
  return index ? [...index.byName.values()].flat() : [];
}

/** The variables named `name`, in every scope of the file, from the index. */
export function variablesNamed(sourceCode: Readonly<TSESLint.SourceCode>, name: string): readonly Variable[] {
  return scopeIndex(sourceCode)?.byName.get(name) ?? [];
}

function contains(outer: TSESTree.Range, position: number): boolean {
  return outer[0] <= position && position < outer[1];
}

function isInside(inner: Scope, outer: Scope): boolean {
  for (let scope: Scope | null = inner.upper; scope; scope = scope.upper) if (scope === outer) return true;
  return false;
}

/**
 * True when `variable` is what its name means at `at`: `at` is inside its scope, and no variable of
 * the same name declared in a scope nested in that one (a parameter, a local) holds `at`. Only the
 * variables of the same name are looked at, not the scope chain.
 */
export function isVisibleAt(sourceCode: Readonly<TSESLint.SourceCode>, variable: Variable, at: TSESTree.Node): boolean {
  const position = at.range[0];
  const scope = variable.scope;
  if (scope.type !== 'global' && scope.type !== 'module' && !contains(scope.block.range, position)) return false;
  for (const other of scopeIndex(sourceCode)?.byName.get(variable.name) ?? []) {
    if (other !== variable && contains(other.scope.block.range, position) && isInside(other.scope, scope)) return false;
  }
  return true;
}

/** The references whose identifier lies within `range`, in source order: found by position, not by scanning scopes. */
export function referencesWithin(sourceCode: Readonly<TSESLint.SourceCode>, range: TSESTree.Range): Reference[] {
  const inOrder = scopeIndex(sourceCode)?.inOrder ?? [];
  const found: Reference[] = [];
  for (let index = firstIndexAtOrAfter(inOrder, range[0], reference => reference.identifier.range[0]); index < inOrder.length && inOrder[index]!.identifier.range[1] <= range[1]; index++) found.push(inOrder[index]!);
  return found;
}

/**
 * True when `name` means the global at `at`: no declaration of the file holds it there (a local
 * `Promise`, `console` or `AbortSignal` would be what a fix writing that name calls, or a binding in
 * its temporal dead zone). Only the variables of that name are looked at.
 */
export function isGlobalAt(sourceCode: Readonly<TSESLint.SourceCode>, name: string, at: TSESTree.Node): boolean {
  const position = at.range[0];
  for (const variable of scopeIndex(sourceCode)?.byName.get(name) ?? []) {
    if (variable.defs.length === 0) continue;
    const scope = variable.scope;
    if (scope.type === 'global' || scope.type === 'module' || contains(scope.block.range, position)) return false;
  }
  return true;
}
