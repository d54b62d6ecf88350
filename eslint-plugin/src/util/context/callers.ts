import * as path from 'node:path';

import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-utils';

import { getFileDeclarations } from '../declarations';
import type { FileDeclarations } from '../declarations/file-declarations';
import { resolveModuleFile } from '../declarations/modules';
import type { FunctionNode } from '../functions';
import { getEnclosingFunction, isSynchronouslyInvoked } from '../functions';
import { staticPropertyName } from '../imports';
import { commonJsExportPath } from '../module-exports';
import { packageFilesGeneration, packageSourceFiles } from '../project/package-files';
import { nearestPackageManifest } from '../project/package-manifest';
import { nearestTsconfigOptions } from '../project/runtime-support';
import { sourceCodeOfFile } from '../source/disk-source-code';
import type { SpecifierUse } from '../source/module-specifiers';
import { isRequireCall, moduleSpecifiers } from '../source/module-specifiers';
import { workspacePackages } from '../project/workspace-packages';
import { someOwnNode } from '../walk';
import { handsOutCommandLine } from './command-line';
import { isTestPath } from './test-code';
import { callbackDestination } from './callback-receivers';
import { hasWorkInFlightAt } from './work-in-flight';

/**
 * Where a function runs, learned from the places that call it: the function's role in the program
 * (the precision standard asks for "the function, its callers, the file's role"). A function that
 * only start-up code calls, and waits for, is start-up code; one that only a command-line tool's
 * code calls is command-line code; one that only a test runner's service hooks call runs there.
 *
 * A function's call sites are found in its own file and, when the file exports it, in the modules
 * of its package that import it (a text search for the module's name narrows the files parsed).
 * The answer is certain or absent: any use of the function that is not a call (handed on as a
 * value, re-exported, imported by a path this cannot resolve, reached through a name too common
 * to search), a package too large to search, or a chain of callers deeper than the bound leaves
 * the callers unknown, and the code is judged where it stands.
 */

/**
 * Where one call runs: a code context, or a test runner's service hook (see `inTestRunnerService`),
 * or a file that is command-line code only because it prompts at the terminal ('prompting': the
 * call is command-line code when the function making it has no callers to follow, else its
 * callers decide; a class whose one method asks the user to confirm may be run by a daemon too).
 */
export type CallSituation = 'long-running' | 'startup' | 'cli' | 'test' | 'service' | 'prompting';

/** Where a node runs by what its own file shows, without asking who calls its function. */
export type SituationReader = (sourceCode: Readonly<TSESLint.SourceCode>, filename: string, node: TSESTree.Node) => CallSituation;

/** `require(name)`, `import(path.join(…))`: a module loaded by a path the text does not spell. */
const COMPUTED_LOAD = /\b(?:require|import)\s*\(\s*[^'"`\s)]/;

/** How many callers up a chain is followed (a helper of a helper of the start-up function). */
export const MAX_CALLER_DEPTH = 6;
/** A function called from more places than this is called from too many to know. */
const MAX_CALL_SITES = 64;

type CallSite =
  | {
      readonly sourceCode: Readonly<TSESLint.SourceCode>;
      readonly filename: string;
      readonly call: TSESTree.CallExpression;
      /**
       * The call hands the function over to a callee this cannot read, which may run it at any
       * time: the function runs in the process of the code handing it over, which tells where it
       * runs only when that code is command-line code (see `callSitesOf`).
       */
      readonly handedOver?: boolean;
    }
  /** A test file of the package that imports the function: whatever it does with it runs in tests. */
  | { readonly testFile: string };

/** How the function is named where it is declared, which decides how its callers reach it. */
type Handle =
  /** `declaration` declares the name; `statement` is what an `export` keyword would wrap. */
  | { kind: 'function'; name: string; declaration: TSESTree.Node; statement: TSESTree.Node }
  | { kind: 'static' | 'method'; name: string; classNode: TSESTree.ClassDeclaration; isPrivate: boolean };

/** The method of a class whose callers are sought: a static one is called on the class, an instance one on its instances. */
interface MethodTarget {
  readonly name: string;
  readonly isStatic: boolean;
}

const UNKNOWN = Symbol('unknown');
type Found = CallSite[] | typeof UNKNOWN;

/**
 * The function `node` runs in, for the callers model: its enclosing function, or the function
 * around a callback that runs right there (an array method's callback, an IIFE, a promise
 * executor). Undefined at a module's top level.
 */
export function owningFunction(node: TSESTree.Node): FunctionNode | undefined {
  let fn = getEnclosingFunction(node);
  while (fn && isSynchronouslyInvoked(fn)) fn = getEnclosingFunction(fn);
  return fn;
}

/** True when `node`, inside `fn`, sits in a loop that runs while a condition holds: a worker's loop may run for the process's life. */
export function inConditionLoop(node: TSESTree.Node, fn: FunctionNode | undefined): boolean {
  for (let current = node.parent; current && current !== fn; current = current.parent) {
    if (current.type === AST_NODE_TYPES.WhileStatement || current.type === AST_NODE_TYPES.DoWhileStatement) return true;
    if (current.type === AST_NODE_TYPES.ForStatement && current.test === null) return true;
  }
  return false;
}

function isModuleLevel(node: TSESTree.Node): boolean {
  let parent = node.parent;
  if (parent?.type === AST_NODE_TYPES.ExportNamedDeclaration || parent?.type === AST_NODE_TYPES.ExportDefaultDeclaration) parent = parent.parent;
  return parent?.type === AST_NODE_TYPES.Program;
}

function handleOf(fn: FunctionNode): Handle | undefined {
  const parent = fn.parent;
  if (fn.type === AST_NODE_TYPES.FunctionDeclaration) {
    return fn.id && isModuleLevel(fn) ? { kind: 'function', name: fn.id.name, declaration: fn, statement: fn } : undefined;
  }
  if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.init === fn && parent.id.type === AST_NODE_TYPES.Identifier) {
    const declaration = parent.parent;
    return declaration.kind === 'const' && isModuleLevel(declaration) ? { kind: 'function', name: parent.id.name, declaration: parent, statement: declaration } : undefined;
  }
  if (parent?.type === AST_NODE_TYPES.MethodDefinition && parent.value === fn && parent.kind === 'method' && !parent.computed) {
    const name = parent.key.type === AST_NODE_TYPES.Identifier ? parent.key.name : undefined;
    const classNode = parent.parent.parent;
    if (name === undefined || classNode.type !== AST_NODE_TYPES.ClassDeclaration || !classNode.id || !isModuleLevel(classNode)) return undefined;
    return { kind: parent.static ? 'static' : 'method', name, classNode, isPrivate: parent.accessibility === 'private' };
  }
  return undefined;
}

function declaredVariable(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node, name: string): TSESLint.Scope.Variable | undefined {
  return sourceCode.scopeManager?.getDeclaredVariables(node).find(variable => variable.name === name);
}

/** True when `identifier` is what a call calls: `f()`, `f?.()`. */
function isCalled(node: TSESTree.Node): node is TSESTree.Node & { parent: TSESTree.CallExpression } {
  const parent = node.parent;
  return parent?.type === AST_NODE_TYPES.CallExpression && parent.callee === node;
}

/** The export name a CommonJS assignment target gives: `module.exports` → 'module', `exports.x` / `module.exports.x` → 'x'. */
function commonJsExportName(target: TSESTree.Node): string | undefined {
  // `exports = f` rebinds the name only; `module.exports` is what `require` gives.
  if (target.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const exportPath = commonJsExportPath(target);
  if (exportPath === undefined || exportPath.length > 1) return undefined;
  return exportPath[0] ?? 'module';
}

/**
 * The names under which the file exports the thing `variable` holds, or UNKNOWN when one of its
 * uses is neither a call (collected in `calls`), a member of it, nor an export.
 */
function exportsAndUses(
  variable: TSESLint.Scope.Variable,
  declaration: TSESTree.Node,
  accept: (identifier: TSESTree.Identifier) => 'ok' | 'call' | 'unknown',
  calls: TSESTree.CallExpression[],
): Set<string> | typeof UNKNOWN {
  const names = new Set<string>();
  const exported = declaration.parent;
  if (exported?.type === AST_NODE_TYPES.ExportDefaultDeclaration) names.add('default');
  if (exported?.type === AST_NODE_TYPES.ExportNamedDeclaration || exported?.parent?.type === AST_NODE_TYPES.ExportNamedDeclaration) names.add(variable.name);
  for (const reference of variable.references) {
    const identifier = reference.identifier as TSESTree.Identifier;
    if (reference.init) continue;
    const parent = identifier.parent;
    if (parent?.type === AST_NODE_TYPES.ExportSpecifier && parent.local === identifier) {
      names.add(parent.exported.type === AST_NODE_TYPES.Identifier ? parent.exported.name : String(parent.exported.value));
      continue;
    }
    if (parent?.type === AST_NODE_TYPES.ExportDefaultDeclaration) {
      names.add('default');
      continue;
    }
    if (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.right === identifier) {
      const name = commonJsExportName(parent.left);
      if (name === undefined) return UNKNOWN;
      names.add(name);
      continue;
    }
    // `module.exports = { f }`, `module.exports = { f: f }`
    if (parent?.type === AST_NODE_TYPES.Property && parent.value === identifier && !parent.computed && parent.key.type === AST_NODE_TYPES.Identifier) {
      const object = parent.parent;
      const assignment = object.parent;
      if (object.type === AST_NODE_TYPES.ObjectExpression && assignment?.type === AST_NODE_TYPES.AssignmentExpression && commonJsExportName(assignment.left) === 'module') {
        names.add(parent.key.name);
        continue;
      }
      return UNKNOWN;
    }
    const verdict = accept(identifier);
    if (verdict === 'unknown') return UNKNOWN;
    if (verdict === 'call') calls.push(identifier.parent as TSESTree.CallExpression);
  }
  return names;
}

/** The class whose body holds `node`, through arrow functions (their `this` is the method's). */
function thisClass(node: TSESTree.Node): { classNode: TSESTree.Node; isStatic: boolean } | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === AST_NODE_TYPES.FunctionExpression || current.type === AST_NODE_TYPES.FunctionDeclaration) {
      const member = current.parent;
      if (member?.type !== AST_NODE_TYPES.MethodDefinition) return undefined;
      return { classNode: member.parent.parent, isStatic: member.static };
    }
    if (current.type === AST_NODE_TYPES.PropertyDefinition) return { classNode: current.parent.parent, isStatic: current.static };
  }
  return undefined;
}

/** `.name` property accesses under `root` (a file, a class), `this.name` and `x.name` alike. */
function memberAccesses(root: TSESTree.Node, name: string): TSESTree.MemberExpression[] {
  const found: TSESTree.MemberExpression[] = [];
  someOwnNode(
    root,
    node => {
      if (node.type === AST_NODE_TYPES.MemberExpression && staticPropertyName(node) === name) found.push(node);
      return false;
    },
    () => true,
  );
  return found;
}

/**
 * What one use of an instance (`c`, `this.install`, `new C()`) tells about the calls of its method
 * `name`: the call (`c.name()`), none (`c.other`), or UNKNOWN when the instance itself is used
 * (handed on, read whole) or a member is read by a computed name.
 */
function callOnInstance(use: TSESTree.Node, name: string): TSESTree.CallExpression | null | typeof UNKNOWN {
  const parent = use.parent;
  if (parent?.type !== AST_NODE_TYPES.MemberExpression || parent.object !== use) return UNKNOWN;
  const property = staticPropertyName(parent);
  const names = property === undefined ? switchedNames(parent) : [property];
  if (names === undefined) return UNKNOWN;
  if (!names.includes(name)) return null;
  return isCalled(parent) ? parent.parent : UNKNOWN;
}

/**
 * The names `x[key]` may read where `key` is what the `switch` around it tests and the cases that
 * lead to it are strings: `case 'start': case 'stop': procCommand[command](args)` (ioBroker's
 * dispatcher) reads `start` or `stop`. Undefined when the key is anything else, or is written
 * inside the switch.
 */
function switchedNames(member: TSESTree.MemberExpression): string[] | undefined {
  const key = member.property;
  if (!member.computed || key.type !== AST_NODE_TYPES.Identifier) return undefined;
  let child: TSESTree.Node = member;
  for (let current: TSESTree.Node | undefined = member.parent; current; child = current, current = current.parent) {
    if (current.type !== AST_NODE_TYPES.SwitchCase) continue;
    const statement = current.parent;
    if (statement.discriminant.type !== AST_NODE_TYPES.Identifier || statement.discriminant.name !== key.name || !current.consequent.includes(child as TSESTree.Statement)) return undefined;
    // This case, and the empty cases that fall through into it.
    const index = statement.cases.indexOf(current);
    let first = index;
    while (first > 0 && statement.cases[first - 1]!.consequent.length === 0) first -= 1;
    const names: string[] = [];
    for (const each of statement.cases.slice(first, index + 1)) {
      if (each.test?.type !== AST_NODE_TYPES.Literal || typeof each.test.value !== 'string') return undefined;
      names.push(each.test.value);
    }
    const rebinds = someOwnNode(
      statement,
      node =>
        (node.type === AST_NODE_TYPES.AssignmentExpression && node.left.type === AST_NODE_TYPES.Identifier && node.left.name === key.name) ||
        (node.type === AST_NODE_TYPES.UpdateExpression && node.argument.type === AST_NODE_TYPES.Identifier && node.argument.name === key.name) ||
        (node.type === AST_NODE_TYPES.VariableDeclarator && node.id.type === AST_NODE_TYPES.Identifier && node.id.name === key.name),
      () => true,
    );
    return rebinds ? undefined : names;
  }
  return undefined;
}

/**
 * The calls of the instance method `name` on the instance `creation` makes: `new C().name()`, or
 * `const c = new C(); c.name()` where every use of `c` reads a member of it. UNKNOWN when the
 * instance is kept some other way (handed on, stored, reassigned): its callers may be anywhere.
 */
function instanceCalls(sourceCode: Readonly<TSESLint.SourceCode>, creation: TSESTree.NewExpression, name: string): TSESTree.CallExpression[] | typeof UNKNOWN {
  const holder = creation.parent;
  if (holder?.type === AST_NODE_TYPES.MemberExpression && holder.object === creation) {
    const call = callOnInstance(creation, name);
    return call === UNKNOWN ? UNKNOWN : call ? [call] : [];
  }
  // `this.install = new Install(options)` in a class that keeps it: the calls on `this.install` there.
  if (holder?.type === AST_NODE_TYPES.AssignmentExpression && holder.right === creation && holder.operator === '=') {
    return fieldCalls(holder.left, name);
  }
  if (
    holder?.type !== AST_NODE_TYPES.VariableDeclarator ||
    holder.init !== creation ||
    holder.id.type !== AST_NODE_TYPES.Identifier ||
    holder.parent.kind !== 'const'
  ) {
    // `await new C().start()`-style chains aside, a `new C()` whose value is dropped calls nothing.
    return holder?.type === AST_NODE_TYPES.ExpressionStatement ? [] : UNKNOWN;
  }
  const variable = declaredVariable(sourceCode, holder, holder.id.name);
  if (!variable) return UNKNOWN;
  const calls: TSESTree.CallExpression[] = [];
  for (const reference of variable.references) {
    if (reference.init) continue;
    const call = callOnInstance(reference.identifier, name);
    if (call === UNKNOWN) return UNKNOWN;
    if (call) calls.push(call);
  }
  return calls;
}

/**
 * The calls of the method `name` on the instance a class keeps in its field `target` (`this.x`):
 * `this.x.name()` in the class's own members. UNKNOWN when the class uses the field otherwise
 * (hands it on, reads it whole).
 */
function fieldCalls(target: TSESTree.Node, name: string): TSESTree.CallExpression[] | typeof UNKNOWN {
  if (target.type !== AST_NODE_TYPES.MemberExpression || target.object.type !== AST_NODE_TYPES.ThisExpression) return UNKNOWN;
  const field = staticPropertyName(target);
  const holder = thisClass(target);
  if (field === undefined || !holder || holder.isStatic) return UNKNOWN;
  const calls: TSESTree.CallExpression[] = [];
  for (const access of memberAccesses(holder.classNode, field)) {
    if (access.object.type !== AST_NODE_TYPES.ThisExpression) continue;
    const owner = thisClass(access);
    if (owner?.classNode !== holder.classNode || owner.isStatic) continue;
    if (access.parent?.type === AST_NODE_TYPES.AssignmentExpression && access.parent.left === access) continue;
    const call = callOnInstance(access, name);
    if (call === UNKNOWN) return UNKNOWN;
    if (call) calls.push(call);
  }
  return calls;
}

/** How many classes up an `extends` chain `keepsThisToItself` reads. */
const MAX_BASE_CLASSES = 4;

/**
 * True when the class's instances reach code only through the `new C()` expressions that make them
 * (which the callers model follows): no method of it, or of the classes it extends, hands `this`
 * on (`registry.add(this)`, `emitter.on('x', this)`); reading and calling members of `this` is all
 * they do with it. A base class not found in the program (a package's) may do anything with it.
 * Then a module that makes no instance holds none, whatever members of the same names it calls
 * on other objects (`map.set(…)` beside a command's `set`).
 */
function keepsThisToItself(declarations: FileDeclarations, classNode: TSESTree.ClassDeclaration, depth = 0): boolean {
  // Asked for each method of a class: its body is read once.
  let known = keepingThis.get(classNode);
  if (known !== undefined) return known;
  const letsThisOut = someOwnNode(
    classNode.body,
    node => node.type === AST_NODE_TYPES.ThisExpression && !(node.parent?.type === AST_NODE_TYPES.MemberExpression && node.parent.object === node),
    // Methods and the arrow functions in them share the instance's `this`; a nested `function` has its own, and is read as well (its `this` may be the instance too).
    () => true,
  );
  const base = !letsThisOut && classNode.superClass && depth < MAX_BASE_CLASSES ? declarations.classReference(classNode.superClass) : undefined;
  known = !letsThisOut && (!classNode.superClass || (base !== undefined && keepsThisToItself(base.owner, base.node, depth + 1)));
  keepingThis.set(classNode, known);
  return known;
}

const keepingThis = new WeakMap<TSESTree.ClassDeclaration, boolean>();

/**
 * What one use of a class's binding tells about the calls of its method `method`: for a static one,
 * `C.method()` is a call and other members or `new C()` are not; for an instance one, the calls on
 * each instance `new C()` makes. UNKNOWN when the class is used otherwise (handed on, extended).
 */
function classUseCalls(
  sourceCode: Readonly<TSESLint.SourceCode>,
  identifier: TSESTree.Node,
  method: MethodTarget,
): TSESTree.CallExpression[] | typeof UNKNOWN {
  const parent = identifier.parent;
  if (parent?.type === AST_NODE_TYPES.NewExpression && parent.callee === identifier) {
    return method.isStatic ? [] : instanceCalls(sourceCode, parent, method.name);
  }
  if (parent?.type !== AST_NODE_TYPES.MemberExpression || parent.object !== identifier) return UNKNOWN;
  if (!method.isStatic || staticPropertyName(parent) !== method.name) return [];
  return isCalled(parent) ? [parent.parent] : UNKNOWN;
}

/** The module specifiers of a file; UNKNOWN when the file loads a module by a computed path. */
function specifierUses(program: TSESTree.Program): readonly SpecifierUse[] | typeof UNKNOWN {
  const specifiers = moduleSpecifiers(program);
  return specifiers.computed ? UNKNOWN : specifiers.uses;
}

/** True when the file, read as a module, loads a module by a path it computes (not a manifest, not a package): it may be any. */
function loadsByComputedPath(file: string): boolean {
  const sourceCode = sourceCodeOfFile(file);
  return !sourceCode || moduleSpecifiers(sourceCode.ast).computed;
}

function stemOf(file: string): string {
  const base = path.basename(file).replace(/\.[^.]+$/, '');
  return base === 'index' ? path.basename(path.dirname(file)) : base;
}

/** The package entry files named in package.json (main, module, exports, bin): callers outside the package reach them. */
function isPackageEntry(filename: string): boolean | typeof UNKNOWN {
  const manifest = nearestPackageManifest(filename);
  if (!manifest) return UNKNOWN;
  const targets: string[] = [...manifest.bin];
  const collect = (value: unknown): void => {
    if (typeof value === 'string') targets.push(path.resolve(manifest.dir, value));
    else if (value && typeof value === 'object') for (const inner of Object.values(value)) collect(inner);
  };
  collect(manifest.json.main);
  collect(manifest.json.module);
  collect(manifest.json.exports);
  if (targets.some(target => target.includes('*'))) return UNKNOWN;
  // A target the compiler emits (`build/index.js`) names its source under the tsconfig's rootDir.
  const { outDir, rootDir } = nearestTsconfigOptions(filename) ?? {};
  const sourceOf = (target: string): string => {
    if (outDir === undefined || rootDir === undefined) return target;
    const relative = path.relative(outDir, target);
    return relative.startsWith('..') || path.isAbsolute(relative) ? target : path.join(rootDir, relative);
  };
  const stem = (file: string): string => file.replace(/\.d\.[cm]?ts$|\.[^./\\]+$/, '');
  const withoutExtension = stem(filename);
  return targets.some(target => target === filename || stem(target) === withoutExtension || stem(sourceOf(target)) === withoutExtension);
}

/**
 * The calls of the function or class `names` exports from `target`, in one module that mentions
 * it: through an import or `require` of the target, by name, as a namespace's member, or (for a
 * class) as `C.method()`. UNKNOWN when the module re-exports it, imports it dynamically, names a
 * path it cannot resolve, or uses it other than by calling.
 */
function callsInImporter(
  sourceCode: Readonly<TSESLint.SourceCode>,
  filename: string,
  target: string,
  names: ReadonlySet<string>,
  member: MethodTarget | undefined,
  packageName?: string,
): CallSite[] | typeof UNKNOWN {
  const sites: CallSite[] = [];
  const stem = stemOf(target);
  /** What a binding of the target module holds: the thing itself, or the module (a namespace). */
  const bindings: { variable: TSESLint.Scope.Variable; holds: 'thing' | 'namespace' }[] = [];
  const wholeHolds: 'thing' | 'namespace' = names.has('module') ? 'thing' : 'namespace';
  const bind = (node: TSESTree.Node, name: string, holds: 'thing' | 'namespace'): void => {
    const variable = declaredVariable(sourceCode, node, name);
    if (variable) bindings.push({ variable, holds });
  };
  // Another package reaches the target by the package's name: a path it computes loads something
  // else (an adapter's main file), unless the name is written somewhere other than a specifier.
  const uses = packageName === undefined ? specifierUses(sourceCode.ast) : moduleSpecifiers(sourceCode.ast).uses;
  if (uses === UNKNOWN) return UNKNOWN;
  if (packageName !== undefined && sourceCode.text.split(packageName).length - 1 > uses.filter(use => use.value === packageName || use.value.startsWith(`${packageName}/`)).length) return UNKNOWN;
  for (const use of uses) {
    if (packageName !== undefined) {
      // Another package of the repository names the target, its package's entry, by the package's name.
      if (use.value !== packageName) continue;
    } else {
      if (!use.value.includes(stem)) continue;
      const resolved = resolveModuleFile(filename, use.value);
      if (resolved !== undefined && resolved !== target) continue;
      // A relative path that names no file this can find may name the target (a built copy of it).
      if (resolved === undefined) {
        if (use.value.startsWith('.') || path.isAbsolute(use.value)) return UNKNOWN;
        continue;
      }
    }
    const parent = use.node.parent;
    if (parent?.type === AST_NODE_TYPES.ImportDeclaration && parent.source === use.node) {
      for (const specifier of parent.specifiers) {
        if (specifier.type === AST_NODE_TYPES.ImportNamespaceSpecifier) bind(specifier, specifier.local.name, 'namespace');
        else if (specifier.type === AST_NODE_TYPES.ImportDefaultSpecifier) {
          if (names.has('default') || names.has('module')) bind(specifier, specifier.local.name, 'thing');
        } else {
          const imported = specifier.imported.type === AST_NODE_TYPES.Identifier ? specifier.imported.name : String(specifier.imported.value);
          if (names.has(imported)) bind(specifier, specifier.local.name, 'thing');
          else if (imported === 'default' && names.has('module')) bind(specifier, specifier.local.name, 'thing');
        }
      }
      continue;
    }
    if (parent?.type === AST_NODE_TYPES.TSExternalModuleReference) {
      const declaration = parent.parent;
      if (declaration.type !== AST_NODE_TYPES.TSImportEqualsDeclaration) return UNKNOWN;
      bind(declaration, declaration.id.name, wholeHolds);
      continue;
    }
    /** `const { f, g: h } = …` of the module: binds what it names; false when a name is not a plain one. */
    const bindPattern = (holder: TSESTree.VariableDeclarator, pattern: TSESTree.ObjectPattern): boolean => {
      for (const property of pattern.properties) {
        if (property.type !== AST_NODE_TYPES.Property || property.computed || property.key.type !== AST_NODE_TYPES.Identifier) return false;
        if (!names.has(property.key.name)) continue;
        if (property.value.type !== AST_NODE_TYPES.Identifier) return false;
        bind(holder, property.value.name, 'thing');
      }
      return true;
    };
    // `const { f } = await import('./x.js')`, `const x = await import('./x.js')`: an import
    // statement's bindings, loaded when needed (a command dispatcher loads each command's module).
    if (parent?.type === AST_NODE_TYPES.ImportExpression && parent.source === use.node) {
      // `import('./x.js').then(x => x.run())`: the callback's parameter is the module.
      const then = parent.parent;
      if (then?.type === AST_NODE_TYPES.MemberExpression && then.object === parent && staticPropertyName(then) === 'then' && isCalled(then)) {
        const callback = then.parent.arguments[0];
        const parameter = callback && (callback.type === AST_NODE_TYPES.ArrowFunctionExpression || callback.type === AST_NODE_TYPES.FunctionExpression) ? callback.params[0] : undefined;
        if (then.parent.arguments.length !== 1 || parameter?.type !== AST_NODE_TYPES.Identifier) return UNKNOWN;
        bind(callback!, parameter.name, 'namespace');
        continue;
      }
      const awaited = parent.parent;
      const holder = awaited?.type === AST_NODE_TYPES.AwaitExpression ? awaited.parent : undefined;
      if (holder?.type !== AST_NODE_TYPES.VariableDeclarator || holder.init !== awaited) return UNKNOWN;
      if (holder.id.type === AST_NODE_TYPES.Identifier) bind(holder, holder.id.name, 'namespace');
      else if (holder.id.type !== AST_NODE_TYPES.ObjectPattern || !bindPattern(holder, holder.id)) return UNKNOWN;
      continue;
    }
    if (isRequireCall(parent) && parent.arguments[0] === use.node) {
      const holder = parent.parent;
      if (holder?.type === AST_NODE_TYPES.VariableDeclarator && holder.init === parent) {
        if (holder.id.type === AST_NODE_TYPES.Identifier) {
          bind(holder, holder.id.name, wholeHolds);
          continue;
        }
        if (holder.id.type === AST_NODE_TYPES.ObjectPattern && bindPattern(holder, holder.id)) continue;
        return UNKNOWN;
      }
      // `require('./x').f()`
      if (holder?.type === AST_NODE_TYPES.MemberExpression && holder.object === parent) {
        const property = staticPropertyName(holder);
        if (property === undefined) return UNKNOWN;
        if (!names.has(property)) continue;
        if (member === undefined && isCalled(holder)) {
          sites.push({ sourceCode, filename, call: holder.parent });
          continue;
        }
        return UNKNOWN;
      }
      return UNKNOWN;
    }
    // `export { Upgrade } from './setupUpgrade.js'` in the entry of a command-line tool's package:
    // the callers are in the packages of the repository that use the tool's parts.
    if (parent?.type === AST_NODE_TYPES.ExportNamedDeclaration && parent.source === use.node) {
      const exported = new Set<string>();
      for (const specifier of parent.specifiers) if (names.has(moduleExportName(specifier.local))) exported.add(moduleExportName(specifier.exported));
      if (exported.size === 0) continue;
      const found = toolPartCallSites(filename, exported, member);
      if (found === UNKNOWN) return UNKNOWN;
      sites.push(...found);
      continue;
    }
    // Any other re-export, an import() used otherwise, or the path used some other way: callers may be anywhere.
    return UNKNOWN;
  }
  for (const { variable, holds } of bindings) {
    for (const reference of variable.references) {
      // A type annotation names the thing, it does not call it.
      // (Scope managers without types, eslint-scope's, mark neither.)
      if (reference.init || (reference.isTypeReference && !reference.isValueReference)) continue;
      let node: TSESTree.Node = reference.identifier as TSESTree.Identifier;
      if (holds === 'namespace') {
        const parent = node.parent;
        if (parent?.type !== AST_NODE_TYPES.MemberExpression || parent.object !== node) return UNKNOWN;
        const property = staticPropertyName(parent);
        if (property === undefined) return UNKNOWN;
        if (!names.has(property)) continue;
        node = parent;
      }
      if (member === undefined) {
        if (!isCalled(node)) return UNKNOWN;
        sites.push({ sourceCode, filename, call: node.parent });
        continue;
      }
      const calls = classUseCalls(sourceCode, node, member);
      if (calls === UNKNOWN) return UNKNOWN;
      for (const call of calls) sites.push({ sourceCode, filename, call });
    }
  }
  return sites;
}

/** Every `x.name` of the module is the callee of a call `found` (on an instance the module made). */
function namesOnlyFoundCalls(importer: Readonly<TSESLint.SourceCode>, name: string, found: readonly CallSite[]): boolean {
  const foundCallees = new Set(found.map(site => ('call' in site ? site.call.callee : undefined)));
  return memberAccesses(importer.ast, name).every(access => foundCallees.has(access));
}

function moduleExportName(name: TSESTree.Identifier | TSESTree.StringLiteral): string {
  return name.type === AST_NODE_TYPES.Identifier ? name.name : name.value;
}

/** Entry files whose tool parts' callers are being sought: a re-export between two tools' entries is not followed round. */
const toolEntriesInProgress = new Set<string>();

/**
 * The calls, in the other packages of the repository's workspace, of what the entry `entry` of a
 * command-line tool's package (see `handsOutCommandLine`) exports as `names`. Such a package's
 * other exports are the tool's parts, for the packages of its workspace (ioBroker's controller
 * reuses the command line's `Upgrade` in its daemon), not a library's API for programs elsewhere:
 * their callers are the calls in those packages, read as in the package itself. Every package of
 * the workspace is searched, whether its manifest declares the dependency or not (a hoisted
 * `node_modules` resolves it all the same). UNKNOWN when the file is not such an entry, the package
 * is in no workspace or the workspace's list is unknown, a package is too large to search, or a
 * package uses them otherwise (hands them on, names the package other than in a specifier).
 */
function toolPartCallSites(entry: string, names: ReadonlySet<string>, member: MethodTarget | undefined): CallSite[] | typeof UNKNOWN {
  const manifest = nearestPackageManifest(entry);
  if (!manifest?.name || isPackageEntry(entry) !== true || toolEntriesInProgress.has(entry) || !handsOutCommandLine(entry)) return UNKNOWN;
  const packages = workspacePackages(entry);
  if (!packages) return UNKNOWN;
  const sites: CallSite[] = [];
  toolEntriesInProgress.add(entry);
  try {
    for (const user of packages) {
      if (user.dir === manifest.dir) continue;
      const files = packageSourceFiles(user.dir);
      if (!files) return UNKNOWN;
      for (const file of files) {
        if (!file.text.includes(manifest.name)) continue;
        if (isTestPath(path.relative(user.dir, file.path).split(path.sep).join('/'))) {
          sites.push({ testFile: file.path });
          continue;
        }
        const importer = sourceCodeOfFile(file.path);
        if (!importer) return UNKNOWN;
        const found = callsInImporter(importer, file.path, entry, names, member, manifest.name);
        if (found === UNKNOWN) return UNKNOWN;
        if (member && !member.isStatic && !namesOnlyFoundCalls(importer, member.name, found)) return UNKNOWN;
        sites.push(...found);
      }
    }
  } finally {
    toolEntriesInProgress.delete(entry);
  }
  return sites;
}

/** The calls of `fn` across its file and package, or UNKNOWN. */
function callSitesOf(sourceCode: Readonly<TSESLint.SourceCode>, filename: string, fn: FunctionNode): Found {
  const handle = handleOf(fn);
  if (!handle) {
    // A callback with no name runs where the call it is handed to runs, when the callee is a
    // function of the program that only calls it (a command's work handed to `dbConnect(params,
    // cb)`); handed to a function this cannot read (the `dbConnect` ioBroker's commands find in
    // their options), it runs in the process of the code handing it over: a command-line tool's,
    // when only such code does.
    const destination = callbackDestination(sourceCode, filename, fn);
    if (!destination || inConditionLoop(destination.call, owningFunction(destination.call))) return UNKNOWN;
    return [{ sourceCode, filename, call: destination.call, handedOver: destination.handedOver }];
  }
  const calls: TSESTree.CallExpression[] = [];
  let names: Set<string> | typeof UNKNOWN;
  let method: MethodTarget | undefined;
  /** For a method of instances: how another module names it (`x.name`). */
  let instanceMentions: RegExp | undefined;
  if (handle.kind === 'function') {
    const variable = declaredVariable(sourceCode, handle.declaration, handle.name);
    if (!variable) return UNKNOWN;
    names = exportsAndUses(variable, handle.statement, identifier => (isCalled(identifier) ? 'call' : 'unknown'), calls);
  } else {
    const classNode = handle.classNode;
    const variable = declaredVariable(sourceCode, classNode, classNode.id!.name);
    if (!variable) return UNKNOWN;
    method = { name: handle.name, isStatic: handle.kind === 'static' };
    const target = method;
    // What the class's uses in its file call: `C.name()` for a static method, the calls on each
    // `new C()` for an instance one. The name inside the class's body is a binding of the class
    // scope, outside it the module's.
    const usedCalls = new Set<TSESTree.Node>();
    const acceptUse = (identifier: TSESTree.Node): 'ok' | 'unknown' => {
      const found = classUseCalls(sourceCode, identifier, target);
      if (found === UNKNOWN) return 'unknown';
      for (const call of found) usedCalls.add(call.callee);
      return 'ok';
    };
    for (const each of sourceCode.scopeManager?.getDeclaredVariables(classNode) ?? []) {
      if (each === variable || each.name !== classNode.id!.name) continue;
      for (const reference of each.references) if (acceptUse(reference.identifier) === 'unknown') return UNKNOWN;
    }
    // `private` (checked by TypeScript): only the class's own code calls it.
    names = handle.isPrivate ? new Set() : exportsAndUses(variable, classNode, acceptUse, []);
    if (names === UNKNOWN) return UNKNOWN;
    // In the file: each `.name` is a call, from the class's own members of the same kind
    // (`this.name()`), or found above.
    for (const access of memberAccesses(sourceCode.ast, handle.name)) {
      const owner = access.object.type === AST_NODE_TYPES.ThisExpression ? thisClass(access) : undefined;
      const own = (owner?.classNode === classNode && owner.isStatic === method.isStatic) || usedCalls.has(access);
      if (!own || !isCalled(access)) return UNKNOWN;
      calls.push(access.parent);
    }
    if (!method.isStatic && !handle.isPrivate && !keepsThisToItself(getFileDeclarations(sourceCode, filename), classNode)) {
      // An instance is called anywhere it goes: a module that names such a member must be one
      // that imports the class and calls it only on instances it makes (checked below). (Not
      // when the class keeps `this` to itself: then instances are only where `new` makes them.)
      const files = packageFilesOf(filename);
      if (!files) return UNKNOWN;
      // A module that names it in a string may call it by a computed name (`x[method]()`): one
      // that mentions the class is read, where a computed call on an instance makes the callers unknown.
      instanceMentions = new RegExp(`[.]\\s*${handle.name}\\b|['"\`]${handle.name}['"\`]`);
      const className = classNode.id!.name;
      const exported = names.size > 0;
      if (files.some(file => file.path !== filename && instanceMentions!.test(file.text) && (!exported || !file.text.includes(className)))) return UNKNOWN;
    }
  }
  if (names === UNKNOWN) return UNKNOWN;
  const sites: CallSite[] = calls.map(call => ({ sourceCode, filename, call }));
  if (names.size > 0) {
    const entry = isPackageEntry(filename);
    if (entry !== false) return UNKNOWN;
    const files = packageFilesOf(filename);
    if (!files) return UNKNOWN;
    const stem = stemOf(filename);
    // What a module that uses it names: the function, the static method, or the class of an instance method.
    const mentioned = handle.kind === 'function' ? (names.has('default') || names.has('module') ? undefined : handle.name) : handle.kind === 'static' ? handle.name : handle.classNode.id!.name;
    const manifest = nearestPackageManifest(filename)!;
    for (const file of files) {
      if (file.path === filename) continue;

      const namesIt = mentioned === undefined || [...names, mentioned].some(name => name !== 'default' && name !== 'module' && file.text.includes(name));
      if (!namesIt) continue;
      if (!file.text.includes(stem)) {
        // A module loaded by a computed path may be this one; one naming the method has instances from elsewhere.
        if (instanceMentions?.test(file.text) || (COMPUTED_LOAD.test(file.text) && loadsByComputedPath(file.path))) return UNKNOWN;
        continue;
      }
      // A test mocks, spies on and calls what it imports; all of it runs in the test runner.
      if (isTestPath(path.relative(manifest.dir, file.path).split(path.sep).join('/'))) {
        sites.push({ testFile: file.path });
        continue;
      }
      const importer = sourceCodeOfFile(file.path);
      if (!importer) return UNKNOWN;
      const found = callsInImporter(importer, file.path, filename, names, method);
      if (found === UNKNOWN) return UNKNOWN;
      if (instanceMentions?.test(file.text) && !namesOnlyFoundCalls(importer, handle.name, found)) return UNKNOWN;
      sites.push(...found);
    }
  }
  return sites.length > MAX_CALL_SITES ? UNKNOWN : sites;
}

function packageFilesOf(filename: string): ReturnType<typeof packageSourceFiles> {
  const manifest = nearestPackageManifest(filename);
  return manifest ? packageSourceFiles(manifest.dir) : undefined;
}

interface Remembered {
  readonly generation: number;
  readonly situations: ReadonlySet<CallSituation> | undefined;
}
const remembered = new WeakMap<FunctionNode, Remembered>();

/**
 * Where `fn`'s callers run, as the chain being read sees it: `partial` when the answer left out
 * calls from within the chain (recursion: they run where the chain's outer call runs) or was cut
 * short by the depth bound, so that it holds only where it was asked from and is not remembered.
 * An empty set is such a partial answer: every call was from within the chain.
 */
interface ChainAnswer {
  readonly situations: ReadonlySet<CallSituation> | undefined;
  readonly partial: boolean;
  /** Cut short by the depth bound: even an unknown answer holds only where it was asked from. */
  readonly cut: boolean;
}

/**
 * Where `fn` runs, by its callers: the situations of every call of it, each read where the call
 * is (and, for a call in long-running code, from that function's own callers in turn, up to
 * `MAX_CALLER_DEPTH`). Undefined when its callers are unknown, when one of them is long-running,
 * or when it is called from a place whose work goes on while it runs: a start-up function or a
 * service hook that calls an async function without waiting for it.
 */
export function callerSituations(
  sourceCode: Readonly<TSESLint.SourceCode>,
  filename: string,
  fn: FunctionNode,
  readSituation: SituationReader,
): ReadonlySet<CallSituation> | undefined {
  if (!path.isAbsolute(filename)) return undefined;
  // Asked first of the package's listing, which checks it against the disk when it is old: a
  // change seen there makes every answer remembered before stale.
  packageFilesOf(filename);
  const { situations } = chainSituations(sourceCode, filename, fn, readSituation, []);
  return situations?.size ? situations : undefined;
}

function chainSituations(
  sourceCode: Readonly<TSESLint.SourceCode>,
  filename: string,
  fn: FunctionNode,
  readSituation: SituationReader,
  inProgress: FunctionNode[],
): ChainAnswer {
  const generation = packageFilesGeneration();
  const known = remembered.get(fn);
  if (known?.generation === generation) return { situations: known.situations, partial: false, cut: false };
  if (inProgress.length >= MAX_CALLER_DEPTH) return { situations: undefined, partial: false, cut: true };
  inProgress.push(fn);
  let situations: Set<CallSituation> | undefined;
  let partial = false;
  let cut = false;
  let handedOver = false;
  try {
    const sites = callSitesOf(sourceCode, filename, fn);
    if (sites !== UNKNOWN && sites.length > 0) {
      situations = new Set();
      for (const site of sites) {
        if ('call' in site && site.handedOver) handedOver = true;
        if ('testFile' in site) {
          situations.add('test');
          continue;
        }
        const call = site.call;
        const owner = owningFunction(call);
        let situation = owner && inProgress.includes(owner) ? undefined : readSituation(site.sourceCode, site.filename, call);
        // A call from within the chain being read (recursion) runs where the outer call runs.
        if (situation === undefined) {
          partial = true;
          continue;
        }
        if (situation === 'prompting') situation = owner && handleOf(owner) ? 'long-running' : 'cli';
        if (situation !== 'long-running' && inConditionLoop(call, owner)) situation = 'long-running';
        // A command-line tool's helper is command-line code unless the tool has work of its
        // own in flight when it calls it (a child process whose output it relays).
        if (situation === 'cli' && hasWorkInFlightAt(site.sourceCode, site.filename, call, owner)) situation = 'long-running';
        if ((situation === 'startup' || situation === 'service') && fn.async && site.call.parent?.type !== AST_NODE_TYPES.AwaitExpression) situation = 'long-running';
        if (situation === 'long-running') {
          const above: ChainAnswer = owner ? chainSituations(site.sourceCode, site.filename, owner, readSituation, inProgress) : { situations: undefined, partial: false, cut: false };
          if (above.partial) partial = true;
          if (above.cut) cut = true;
          // Command-line code calls the function that makes this call, which has work of its own in
          // flight by then (WebdriverIO's inspector command relays Appium's output, then opens a browser).
          if (above.situations === undefined || (above.situations.has('cli') && hasWorkInFlightAt(site.sourceCode, site.filename, call, owner))) {
            situations = undefined;
            break;
          }
          for (const each of above.situations) situations.add(each);
          continue;
        }
        situations.add(situation);
      }
    }
  } finally {
    inProgress.pop();
  }
  // A function handed over runs later, in the same process: start-up code hands a server its
  // handlers, a test its callbacks, so only command-line code tells where it runs.
  if (handedOver && situations !== undefined && [...situations].some(situation => situation !== 'cli')) situations = undefined;
  // Unknown callers are unknown wherever the question came from, unless the depth bound cut the
  // chain; a partial answer is not remembered.
  if (situations === undefined) partial = false;
  if (situations !== undefined && situations.size === 0 && !partial) situations = undefined;
  if (!partial && !cut) remembered.set(fn, { generation, situations });
  return { situations, partial, cut };
}
