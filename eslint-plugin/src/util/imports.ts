import { isBuiltin } from 'node:module';

import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from './ast-utils';

import { perFile } from './per-file';
import { allVariables, isNeverReassigned, isVisibleAt, variableOf } from './scope/variables';

/**
 * Where a name in the code comes from: a module's export (possibly a member of it,
 * `fs.promises.readFile` is `{ source: 'fs', path: ['promises', 'readFile'] }`) or a global
 * (`source: undefined`, `Atomics.wait` is `{ path: ['Atomics', 'wait'] }`).
 */
export interface ResolvedName {
  /** Module specifier without a `node:` prefix; undefined for a global. */
  source: string | undefined;
  /** Property path inside the module (empty: the module object itself) or from the global. */
  path: string[];
}

/** `node:fs` and `fs` are the same module; so are `fs/promises` and `fs`'s `promises` member. */
export function normalizeModuleSource(source: string): string {
  return source.startsWith('node:') ? source.slice('node:'.length) : source;
}

/** Node modules whose `promises` member is the same object as their `/promises` submodule. */
const PROMISES_SUBMODULES = new Set(['fs', 'dns', 'readline', 'stream', 'timers']);

/**
 * Rewrites `fs` + `['promises', 'readFile']` as `fs/promises` + `['readFile']`, so that a rule
 * keyed by `fs/promises` matches every way of reaching the same function.
 */
export function canonicalName(name: ResolvedName): ResolvedName {
  const { source, path } = name;
  if (source !== undefined && PROMISES_SUBMODULES.has(source) && path[0] === 'promises') {
    return { source: `${source}/promises`, path: path.slice(1) };
  }
  // `import fs from 'fs'` then `fs.default.x` never happens in practice; `default` of a CommonJS
  // module is the module object itself.
  if (source !== undefined && path[0] === 'default') {
    return { source, path: path.slice(1) };
  }
  return name;
}

export function formatResolvedName(name: ResolvedName): string {
  const path = name.path.join('.');
  if (name.source === undefined) return path;
  return path === '' ? name.source : `${name.source}.${path}`;
}

/** The name of a member access written with a static key (`a.b`, `a['b']`), or undefined. */
export function staticPropertyName(node: TSESTree.MemberExpression): string | undefined {
  if (!node.computed) {
    return node.property.type === AST_NODE_TYPES.Identifier ? node.property.name : undefined;
  }
  if (node.property.type === AST_NODE_TYPES.Literal && typeof node.property.value === 'string') {
    return node.property.value;
  }
  if (node.property.type === AST_NODE_TYPES.TemplateLiteral && node.property.expressions.length === 0) {
    return node.property.quasis[0]?.value.cooked ?? undefined;
  }
  return undefined;
}

/** The name a callee is written with: `listen` for `listen(…)` and for `server.listen(…)`. */
export function calleeName(callee: TSESTree.Node): string | undefined {
  if (callee.type === AST_NODE_TYPES.Identifier) return callee.name;
  return callee.type === AST_NODE_TYPES.MemberExpression ? staticPropertyName(callee) : undefined;
}

/** The expression under TypeScript-only wrappers (`x as T`, `x!`, `x satisfies T`) and `?.` chains. */
export function skipTypeWrappers(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  while (
    current.type === AST_NODE_TYPES.TSAsExpression ||
    current.type === AST_NODE_TYPES.TSNonNullExpression ||
    current.type === AST_NODE_TYPES.TSSatisfiesExpression ||
    current.type === AST_NODE_TYPES.TSTypeAssertion ||
    current.type === AST_NODE_TYPES.ChainExpression
  ) {
    current = current.expression;
  }
  return current;
}

/**
 * The module of a `require('x')` call, when `require` is Node's own (not a local binding).
 */
/**
 * The specifier of `require('x')`, as written, read from the syntax alone (which `require` it calls
 * is not checked): for modules read from disk, which have no scopes.
 */
export function literalRequireSpecifier(node: TSESTree.Node | null | undefined): string | undefined {
  const call = node && skipTypeWrappers(node);
  if (
    call?.type !== AST_NODE_TYPES.CallExpression ||
    call.callee.type !== AST_NODE_TYPES.Identifier ||
    call.callee.name !== 'require' ||
    call.arguments.length !== 1
  ) {
    return undefined;
  }
  const argument = call.arguments[0];
  return argument?.type === AST_NODE_TYPES.Literal && typeof argument.value === 'string' ? argument.value : undefined;
}

function requiredSource(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node, depth: number): string | undefined {
  const specifier = literalRequireSpecifier(node);
  if (specifier === undefined) return undefined;
  const call = skipTypeWrappers(node) as TSESTree.CallExpression;
  const variable = variableOf(sourceCode, call.callee as TSESTree.Identifier);
  if (variable && variable.defs.length > 0 && !isCreateRequireBinding(sourceCode, variable, depth)) return undefined;
  return normalizeModuleSource(specifier);
}

/** The module a `require('x')` call loads (the global `require`, or one made by `createRequire`). */
export function requiredModuleSource(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node | null | undefined): string | undefined {
  return node ? requiredSource(sourceCode, node, 0) : undefined;
}

/** `const require = createRequire(import.meta.url)` (ES modules that load CommonJS). */
function isCreateRequireBinding(sourceCode: Readonly<TSESLint.SourceCode>, variable: TSESLint.Scope.Variable, depth: number): boolean {
  const definition = variable.defs.length === 1 ? variable.defs[0] : undefined;
  if (definition?.type !== 'Variable' || !isNeverReassigned(variable)) return false;
  const init = definition.node.init;
  if (init?.type !== AST_NODE_TYPES.CallExpression || definition.node.id.type !== AST_NODE_TYPES.Identifier) return false;
  const factory = resolveNameAt(sourceCode, init.callee, depth + 1);
  return factory?.source === 'module' && factory.path.join('.') === 'createRequire';
}

/** `import('fs')` or `await import('fs')`: the module object. */
function importedSource(node: TSESTree.Node): string | undefined {
  const target = node.type === AST_NODE_TYPES.AwaitExpression ? skipTypeWrappers(node.argument) : node;
  if (target.type !== AST_NODE_TYPES.ImportExpression) return undefined;
  const specifier = target.source;
  if (specifier.type === AST_NODE_TYPES.Literal && typeof specifier.value === 'string') {
    return normalizeModuleSource(specifier.value);
  }
  return undefined;
}

/** The module-rooted path of an initializer such as `require('fs').promises`. */
function resolveInitializer(sourceCode: Readonly<TSESLint.SourceCode>, init: TSESTree.Node, depth: number): ResolvedName | undefined {
  const node = skipTypeWrappers(init);
  const source = requiredSource(sourceCode, node, depth);
  if (source !== undefined) return { source, path: [] };
  if (node.type === AST_NODE_TYPES.MemberExpression) {
    const property = staticPropertyName(node);
    if (property === undefined) return undefined;
    const object = resolveInitializer(sourceCode, node.object, depth);
    return object && { source: object.source, path: [...object.path, property] };
  }
  if (node.type === AST_NODE_TYPES.Identifier) {
    return resolveIdentifier(sourceCode, node, depth + 1);
  }
  if (node.type === AST_NODE_TYPES.AwaitExpression) {
    const imported = importedSource(node);
    if (imported !== undefined) return { source: imported, path: [] };
  }
  return undefined;
}

/** The property path leading to `target` inside a destructuring pattern, or undefined. */
function pathInPattern(pattern: TSESTree.Node, target: TSESTree.Identifier): string[] | undefined {
  if (pattern === target) return [];
  if (pattern.type === AST_NODE_TYPES.AssignmentPattern) return pathInPattern(pattern.left, target);
  if (pattern.type !== AST_NODE_TYPES.ObjectPattern) return undefined;
  for (const property of pattern.properties) {
    if (property.type !== AST_NODE_TYPES.Property) continue;
    let key: string | undefined;
    if (!property.computed && property.key.type === AST_NODE_TYPES.Identifier) key = property.key.name;
    else if (property.key.type === AST_NODE_TYPES.Literal && typeof property.key.value === 'string') {
      key = property.key.value;
    }
    if (key === undefined) continue;
    const inner = pathInPattern(property.value, target);
    if (inner) return [key, ...inner];
  }
  return undefined;
}

const MAX_ALIAS_DEPTH = 8;

function resolveIdentifier(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Identifier, depth: number): ResolvedName | undefined {
  if (depth > MAX_ALIAS_DEPTH) return undefined;
  const variable = variableOf(sourceCode, node);
  if (!variable || variable.defs.length === 0) {
    // Undeclared, or declared only by the environment (`globals`): a global.
    return variable && variable.scope.type !== 'global' ? undefined : { source: undefined, path: [node.name] };
  }
  if (variable.defs.length !== 1) return undefined;
  const definition = variable.defs[0]!;
  if (definition.type === 'ImportBinding') {
    const specifier = definition.node;
    if (specifier.type === AST_NODE_TYPES.TSImportEqualsDeclaration) {
      // TypeScript's `import fs = require('fs')`: the module object.
      const reference = specifier.moduleReference;
      if (specifier.importKind === 'type' || reference.type !== AST_NODE_TYPES.TSExternalModuleReference) return undefined;
      const literal = reference.expression;
      return typeof literal.value === 'string' ? { source: normalizeModuleSource(literal.value), path: [] } : undefined;
    }
    const declaration = definition.parent;
    if (declaration.type !== AST_NODE_TYPES.ImportDeclaration) return undefined;
    if (declaration.importKind === 'type') return undefined;
    const source = normalizeModuleSource(declaration.source.value);
    if (specifier.type === AST_NODE_TYPES.ImportSpecifier) {
      if (specifier.importKind === 'type') return undefined;
      const imported = specifier.imported.type === AST_NODE_TYPES.Identifier
        ? specifier.imported.name
        : specifier.imported.value;
      return canonicalName({ source, path: [imported] });
    }
    // Default and namespace imports: the module object (CommonJS modules expose it as `default`).
    return { source, path: [] };
  }
  if (definition.type === 'Variable') {
    const declarator = definition.node;
    if (!declarator.init || !isNeverReassigned(variable)) return undefined;
    const path = pathInPattern(declarator.id, definition.name);
    if (!path) return undefined;
    const base = resolveInitializer(sourceCode, declarator.init, depth);
    return base && canonicalName({ source: base.source, path: [...base.path, ...path] });
  }
  return undefined;
}

/**
 * How `node` (an identifier or a member chain such as `fs.promises.readFile`) was imported,
 * required or reached as a global. Undefined when it is a local value, a parameter, reassigned,
 * computed, or anything else this cannot know for certain.
 */
export function resolveName(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node): ResolvedName | undefined {
  return resolveNameAt(sourceCode, node, 0);
}

function resolveNameAt(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node, depth: number): ResolvedName | undefined {
  const target = skipTypeWrappers(node);
  if (target.type === AST_NODE_TYPES.Identifier) {
    return resolveIdentifier(sourceCode, target, depth);
  }
  if (target.type === AST_NODE_TYPES.MemberExpression) {
    const property = staticPropertyName(target);
    if (property === undefined) return undefined;
    const object = resolveNameAt(sourceCode, target.object, depth);
    if (!object) return undefined;
    // `globalThis.Atomics.wait` is `Atomics.wait`.
    if (object.source === undefined && object.path.length === 1 && object.path[0] === 'globalThis') {
      return { source: undefined, path: [property] };
    }
    return canonicalName({ source: object.source, path: [...object.path, property] });
  }
  // `require('fs').readFileSync(…)`, `(await import('fs')).readFileSync(…)`.
  const source = requiredSource(sourceCode, target, depth) ?? importedSource(target);
  return source === undefined ? undefined : { source, path: [] };
}

/** The callee of a call as a resolved name: `fs.readFileSync(...)` → `fs` `readFileSync`. */
export function resolveCallee(
  sourceCode: Readonly<TSESLint.SourceCode>,
  call: TSESTree.CallExpression | TSESTree.NewExpression,
): ResolvedName | undefined {
  return resolveName(sourceCode, call.callee);
}

/** True when `name` is export `exportPath` (dotted) of `source` (with or without `node:`). */
export function isModuleExport(name: ResolvedName | undefined, source: string, exportPath: string): boolean {
  if (!name || name.source === undefined) return false;
  const canonical = canonicalName(name);
  const expected = canonicalName({ source: normalizeModuleSource(source), path: exportPath.split('.') });
  return canonical.source === expected.source && canonical.path.join('.') === expected.path.join('.');
}

/** The first value import of each module of the file, by its specifier without `node:`. */
const moduleImports = perFile(sourceCode => {
  const imports = new Map<string, TSESTree.ImportDeclaration>();
  for (const statement of sourceCode.ast.body) {
    if (statement.type !== AST_NODE_TYPES.ImportDeclaration || statement.importKind === 'type') continue;
    const source = normalizeModuleSource(statement.source.value);
    if (!imports.has(source)) imports.set(source, statement);
  }
  return imports;
});

/** The first value import of a module in the file (with or without `node:`), for fixes that add to it. */
export function findModuleImport(
  sourceCode: Readonly<TSESLint.SourceCode>,
  source: string,
): TSESTree.ImportDeclaration | undefined {
  return moduleImports(sourceCode).get(normalizeModuleSource(source));
}

/** A binding of the file that holds a module or a member of one: `fs`, `readFile`, `fsp = require('fs').promises`. */
interface ModuleBinding {
  variable: TSESLint.Scope.Variable;
  resolved: ResolvedName & { source: string };
}

/** Every binding of the file that resolves into a module, found once per file. */
const moduleBindings = perFile(sourceCode => {
  const bindings: ModuleBinding[] = [];
  for (const variable of allVariables(sourceCode)) {
    const definition = variable.defs.length === 1 ? variable.defs[0] : undefined;
    if (definition?.type !== 'ImportBinding' && definition?.type !== 'Variable') continue;
    if (definition.name.type !== AST_NODE_TYPES.Identifier) continue;
    const resolved = resolveIdentifier(sourceCode, definition.name, 0);
    if (resolved?.source !== undefined) bindings.push({ variable, resolved: resolved as ModuleBinding['resolved'] });
  }
  // Inner scopes first (they come later in the scope list): of two equally short, the nearer wins.
  return bindings.reverse();
});

/**
 * Whether a binding already in scope at `at` reaches `wanted`, and the expression that does:
 * `readFile` after `import { readFile } from 'fs/promises'`, `fs.promises.readFile` after
 * `import fs from 'node:fs'`, `fsp.readFile` after `const fsp = require('fs').promises`.
 * The shortest such expression, or undefined. Fixes use it to avoid adding an import.
 */
export function findBindingExpression(
  sourceCode: Readonly<TSESLint.SourceCode>,
  at: TSESTree.Node,
  wanted: ResolvedName,
): string | undefined {
  const target = canonicalName(wanted);
  if (target.source === undefined) return undefined;
  const spellings = [target];
  const promisesOf = target.source.endsWith('/promises') ? target.source.slice(0, -'/promises'.length) : undefined;
  if (promisesOf !== undefined && PROMISES_SUBMODULES.has(promisesOf)) {
    spellings.push({ source: promisesOf, path: ['promises', ...target.path] });
  }
  let best: string | undefined;
  for (const { variable, resolved } of moduleBindings(sourceCode)) {
    if (!spellings.some(spelling => spelling.source === resolved.source)) continue;
    const definition = variable.defs[0]!;
    // A `const` declared after `at` may still be in its temporal dead zone there.
    if (definition.type === 'Variable' && definition.name.range[1] > at.range[0]) continue;
    if (!isVisibleAt(sourceCode, variable, at)) continue;
    for (const spelling of spellings) {
      if (spelling.source !== resolved.source || resolved.path.length > spelling.path.length) continue;
      if (!resolved.path.every((part, index) => spelling.path[index] === part)) continue;
      const expression = [variable.name, ...spelling.path.slice(resolved.path.length)].join('.');
      if (best === undefined || expression.length < best.length) best = expression;
    }
  }
  return best;
}

/** The specifiers of every `import` and `require()` of the file, as written; found once per file. */
export const moduleSpecifiers = perFile((sourceCode): readonly string[] => {
  const specifiers: string[] = [];
  for (const statement of sourceCode.ast.body) {
    if (statement.type === AST_NODE_TYPES.ImportDeclaration) specifiers.push(statement.source.value);
  }
  for (const call of requireCalls(sourceCode)) {
    const specifier = literalRequireSpecifier(call);
    if (specifier !== undefined) specifiers.push(specifier);
  }
  return specifiers;
});

/** Calls of the global `require`. */
function requireCalls(sourceCode: Readonly<TSESLint.SourceCode>): TSESTree.CallExpression[] {
  const globalScope = sourceCode.scopeManager?.globalScope;
  if (!globalScope) return [];
  const references = [
    ...globalScope.through,
    ...(globalScope.set.get('require')?.references ?? []),
  ].filter(reference => reference.identifier.name === 'require');
  const calls: TSESTree.CallExpression[] = [];
  for (const reference of references) {
    const parent = reference.identifier.parent;
    if (parent?.type === AST_NODE_TYPES.CallExpression && parent.callee === reference.identifier) calls.push(parent);
  }
  return calls;
}

/**
 * Whether the file writes Node's built-in modules with the `node:` prefix: yes when any
 * import does, no when some built-in import does not, yes when there is none to follow.
 */
export const prefersNodeProtocol = perFile((sourceCode): boolean => {
  const builtins = moduleSpecifiers(sourceCode).filter(specifier => isBuiltin(specifier));
  return builtins.length === 0 || builtins.some(specifier => specifier.startsWith('node:'));
});

/** True when the file loads modules with `require()` rather than `import` declarations. */
export const usesCommonJs = perFile((sourceCode): boolean => {
  if (sourceCode.ast.sourceType !== 'module') return true;
  const hasModuleSyntax = sourceCode.ast.body.some(
    statement =>
      statement.type === AST_NODE_TYPES.ImportDeclaration ||
      statement.type === AST_NODE_TYPES.ExportNamedDeclaration ||
      statement.type === AST_NODE_TYPES.ExportDefaultDeclaration ||
      statement.type === AST_NODE_TYPES.ExportAllDeclaration ||
      statement.type === AST_NODE_TYPES.TSImportEqualsDeclaration,
  );
  return !hasModuleSyntax && requireCalls(sourceCode).length > 0;
});
