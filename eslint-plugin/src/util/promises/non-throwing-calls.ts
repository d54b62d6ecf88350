import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { AST_NODE_TYPES } from '../ast-utils';
import { callChainRoot } from '../ast';
import { classMemberName, isFunctionNode, readMemberName } from '../functions';
import { resolveName, skipTypeWrappers, staticPropertyName } from '../imports';
import { variableOf } from '../scope/variables';
import { constantInitializer } from '../values';

/**
 * Calls whose failure modes are known not to include throwing, for the code that asks whether a
 * function can fail ("can this promise reject?"). Decided by where the callee comes from, never
 * by its name alone:
 * - globals that do not throw for what code passes them: timers, `console`, `Math`, `Object.keys`…;
 * - the functions of `node:path` (`path.join(dir, name)`), which compute a string from strings;
 * - `push` and `destroy` of a `Readable` made here from `node:stream`'s own class, which report
 *   failures through the stream's `'error'` event;
 * - a logger made by a logging package (`const log = debug('app')`, `logger('svc')`, `pino()`,
 *   `winston.createLogger(…)`), or the logger a package exports itself (`loglevel`, `consola`):
 *   a logger writes or drops a line, it does not throw for what it is given;
 * - the reading and writing methods of a `Map`, `Set` or array made in this file and held by a
 *   constant or by a field of the class every write of which makes the same kind of collection
 *   (`private jobs = new Map()`): `get`, `set`, `push`, `keys`… never throw for any argument; and
 *   of such a map's values when its declared type says what they are
 *   (`Map<string, Set<string>>`: `this.dependents.get(name)?.add(plugin)`);
 * - registering a listener on an `EventEmitter` of `node:events` made here, or on `this` in a class
 *   extending it (`this.once('ready', resolve)`): registering calls no listener.
 */
export interface NonThrowingCalls {
  /** True when the call cannot throw, whatever its (already checked) arguments evaluate to. */
  neverThrows(call: TSESTree.CallExpression): boolean;
  /**
   * True when the call is one of the platform's functions above that give back a plain value,
   * never a promise (a timer's handle, a number, a string), or a logger's (`return
   * logger.error(…)` gives nothing, or the logger): `() => setImmediate(work)` hands nothing back
   * that could reject.
   */
  givesPlainValue(call: TSESTree.CallExpression): boolean;
}

/** Global functions that do not throw for the arguments code passes them, and return no promise. */
const SAFE_GLOBAL_CALLS = new Set([
  'setTimeout', 'setInterval', 'setImmediate', 'clearTimeout', 'clearInterval', 'clearImmediate', 'queueMicrotask',
  'process.nextTick', 'console.log', 'console.error', 'console.warn', 'console.info', 'console.debug', 'console.trace',
  'Date.now', 'Math.max', 'Math.min', 'Math.floor', 'Math.ceil', 'Math.round', 'Math.random', 'Math.abs',
  'Number', 'String', 'Boolean', 'Array.isArray', 'Object.keys', 'Object.values', 'Object.entries', 'Object.assign',
]);

/**
 * Functions of `node:path` (and of its `posix` and `win32` members): they compute a string from
 * strings and throw only a `TypeError` for an argument that is not one, the same programming error
 * as reading a property of `undefined`, which this analysis does not count as a way to fail either.
 */
const PATH_FUNCTIONS: ReadonlySet<string> = new Set(['join', 'resolve', 'normalize', 'basename', 'dirname', 'extname', 'relative', 'isAbsolute', 'parse', 'format', 'toNamespacedPath']);

function isPathFunction(path: readonly string[]): boolean {
  const [first, second] = path;
  if (path.length === 1) return PATH_FUNCTIONS.has(first!);
  return path.length === 2 && (first === 'posix' || first === 'win32') && PATH_FUNCTIONS.has(second!);
}

/**
 * Methods of a `Readable` that report failures through the stream's `'error'` event, never by
 * throwing: `push` (a chunk after the end, a wrong type) and `destroy`.
 */
const READABLE_SAFE_METHODS = new Set(['push', 'destroy']);


/** Packages exporting a function or factory that makes a logger (`debug('ns')`, `pino()`, `log4js.getLogger()`). */
const LOGGER_FACTORY_PACKAGES = new Set(['debug', '@wdio/logger', 'pino', 'winston', 'log4js', 'bunyan', 'tslog']);

/**
 * Packages whose export is itself a logger (`log.info()` with `import log from 'loglevel'`,
 * `winston.warn()` through winston's default logger, `log.error()` of `proc-log`, which emits a
 * `'log'` event on the process).
 */
const LOGGER_PACKAGES = new Set(['loglevel', 'consola', 'signale', 'npmlog', 'proc-log', 'fancy-log', 'winston']);

/**
 * Calls on a logging package that do more than log: they read options, configuration or
 * transports and throw when they are wrong (`log4js.configure({ … })`, `winston.add(transport)`,
 * `log.setLevel(x)`, `winston.createLogger(options)`). A logger they made is trusted; the call
 * itself is not.
 */
const SETUP_METHODS = new Set(['configure', 'setLevel', 'setDefaultLevel', 'add', 'remove', 'clear', 'createLogger']);

/** How deep a logger made from another logger is followed (`log.extend('a').extend('b')` held in constants). */
const MAX_LOGGER_DEPTH = 3;

type CollectionKind = 'Map' | 'Set' | 'Array';

/** Methods that take no callback and never throw, by collection (a callback could throw: `forEach` is not one). */
const NON_THROWING_METHODS: Record<CollectionKind, ReadonlySet<string>> = {
  Map: new Set(['get', 'set', 'has', 'delete', 'clear', 'keys', 'values', 'entries']),
  Set: new Set(['add', 'has', 'delete', 'clear', 'keys', 'values', 'entries']),
  Array: new Set(['push', 'pop', 'shift', 'unshift', 'includes', 'indexOf', 'lastIndexOf', 'slice', 'at', 'keys', 'values', 'entries']),
};

/** Registering and removing listeners: none of them calls a listener. */
const LISTENER_METHODS = new Set(['on', 'once', 'addListener', 'prependListener', 'prependOnceListener', 'off', 'removeListener', 'removeAllListeners', 'setMaxListeners']);

/** The kind of collection `new Map()`, `new Set()`, `[]` or `new Array()` of the platform makes; undefined for anything else. */
function collectionMade(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node | null | undefined): CollectionKind | undefined {
  if (!node) return undefined;
  const value = skipTypeWrappers(node);
  if (value.type === AST_NODE_TYPES.ArrayExpression) return 'Array';
  if (value.type !== AST_NODE_TYPES.NewExpression) return undefined;
  // The global, not a class of the file that happens to be called Map.
  const name = resolveName(sourceCode, value.callee);
  if (name?.source !== undefined || name?.path.length !== 1) return undefined;
  const made = name.path[0];
  return made === 'Map' || made === 'Set' || made === 'Array' ? made : undefined;
}

/** The collection a type names: `Set<T>`, `Map<K, V>`, `Array<T>` or `T[]`; undefined for anything else. */
function declaredCollection(type: TSESTree.TypeNode | undefined): CollectionKind | undefined {
  if (type?.type === AST_NODE_TYPES.TSArrayType) return 'Array';
  if (type?.type !== AST_NODE_TYPES.TSTypeReference || type.typeName.type !== AST_NODE_TYPES.Identifier) return undefined;
  const name = type.typeName.name;
  return name === 'Map' || name === 'Set' || name === 'Array' ? name : undefined;
}

/**
 * True when `child`, met while walking the class body `body`, has a `this` of its own: a nested
 * class, or a function that is not an arrow and not one of the body's own methods or fields.
 */
function bindsOtherThis(child: TSESTree.Node, body: TSESTree.ClassBody): boolean {
  if (child.type === AST_NODE_TYPES.ClassBody) return child !== body;
  if (child.type === AST_NODE_TYPES.ClassDeclaration || child.type === AST_NODE_TYPES.ClassExpression) return true;
  if (!isFunctionNode(child) || child.type === AST_NODE_TYPES.ArrowFunctionExpression) return false;
  const member = child.parent;
  return !(member?.type === AST_NODE_TYPES.MethodDefinition && member.parent === body);
}

/** The class body `this` refers to at `node`: through arrows, up to the nearest method, accessor, constructor or field. */
function thisClassBody(node: TSESTree.Node): TSESTree.ClassBody | undefined {
  let current: TSESTree.Node | undefined = node.parent;
  while (current) {
    if (isFunctionNode(current) && current.type !== AST_NODE_TYPES.ArrowFunctionExpression) {
      const member = current.parent;
      return member?.type === AST_NODE_TYPES.MethodDefinition && !member.static && member.parent.type === AST_NODE_TYPES.ClassBody ? member.parent : undefined;
    }
    if (current.type === AST_NODE_TYPES.PropertyDefinition) {
      return !current.static && current.parent.type === AST_NODE_TYPES.ClassBody ? current.parent : undefined;
    }
    current = current.parent;
  }
  return undefined;
}

/** True when the class body declares a method named as one of the listener methods (an override, or an overload of one). */
function declaresListenerMethod(body: TSESTree.ClassBody): boolean {
  return body.body.some(
    member =>
      member.type !== AST_NODE_TYPES.StaticBlock &&
      member.type !== AST_NODE_TYPES.TSIndexSignature &&
      LISTENER_METHODS.has(classMemberName(member) ?? ''),
  );
}

export function createNonThrowingCalls(sourceCode: Readonly<TSESLint.SourceCode>): NonThrowingCalls {
  /**
   * Per class body: the kind of collection each field always holds, or null for a field written
   * otherwise somewhere in the class (or through a computed key, or never written at all).
   */
  const fieldCollections = new WeakMap<TSESTree.ClassBody, ReadonlyMap<string, CollectionKind | null>>();

  function collectFields(body: TSESTree.ClassBody): ReadonlyMap<string, CollectionKind | null> {
    let fields = fieldCollections.get(body);
    if (fields) return fields;
    const kinds = new Map<string, CollectionKind | null>();
    const note = (name: string | undefined, value: TSESTree.Node | null | undefined): void => {
      if (name === undefined) return;
      const kind = collectionMade(sourceCode, value) ?? null;
      const known = kinds.get(name);
      kinds.set(name, known === undefined || known === kind ? kind : null);
    };
    for (const member of body.body) {
      if (member.type === AST_NODE_TYPES.PropertyDefinition && !member.static && member.value) note(classMemberName(member), member.value);
    }
    // Every write to `this.x` where `this` is the class's: an assignment, a compound assignment,
    // a `delete`. (A nested class or function has a `this` of its own.)
    const stack: TSESTree.Node[] = [body];
    while (stack.length > 0) {
      const node = stack.pop()!;
      if (node.type === AST_NODE_TYPES.AssignmentExpression && node.left.type === AST_NODE_TYPES.MemberExpression && skipTypeWrappers(node.left.object).type === AST_NODE_TYPES.ThisExpression) {
        note(readMemberName(node.left) ?? '\0computed', node.operator === '=' ? node.right : null);
      }
      if (node.type === AST_NODE_TYPES.UnaryExpression && node.operator === 'delete' && node.argument.type === AST_NODE_TYPES.MemberExpression && skipTypeWrappers(node.argument.object).type === AST_NODE_TYPES.ThisExpression) {
        note(readMemberName(node.argument) ?? '\0computed', null);
      }
      for (const key of sourceCode.visitorKeys[node.type] ?? []) {
        const value = (node as unknown as Record<string, unknown>)[key];
        for (const child of Array.isArray(value) ? value : [value]) {
          if (child && typeof (child as TSESTree.Node).type === 'string' && !bindsOtherThis(child as TSESTree.Node, body)) stack.push(child as TSESTree.Node);
        }
      }
    }
    // A computed write could be to any field.
    fields = kinds.has('\0computed') ? new Map([...kinds.keys()].map(name => [name, null])) : kinds;
    fieldCollections.set(body, fields);
    return fields;
  }

  /** The collection `receiver` always holds: a constant made here, or a field of the enclosing class. */
  function heldCollection(receiver: TSESTree.Node): CollectionKind | undefined {
    const node = skipTypeWrappers(receiver);
    if (node.type === AST_NODE_TYPES.Identifier) return collectionMade(sourceCode, constantInitializer(sourceCode, node)) ?? variableCollection(node);
    if (node.type !== AST_NODE_TYPES.MemberExpression || skipTypeWrappers(node.object).type !== AST_NODE_TYPES.ThisExpression) return undefined;
    const name = readMemberName(node);
    const body = name === undefined ? undefined : thisClassBody(node);
    return (body && collectFields(body).get(name!)) ?? undefined;
  }

  /** Per variable: the collection every write of it makes, or null. Read once: a variable is called on many times. */
  const variableCollections = new WeakMap<TSESLint.Scope.Variable, CollectionKind | null>();

  /**
   * The collection a variable always holds: declared with one (`let cache = new Map()`) and given
   * only new ones of the same kind after (`cache = new Map()` to empty it; etherpad-lite's minifier).
   */
  function variableCollection(node: TSESTree.Identifier): CollectionKind | undefined {
    const variable = variableOf(sourceCode, node);
    if (!variable) return undefined;
    let known = variableCollections.get(variable);
    if (known === undefined) {
      known = writtenCollection(variable) ?? null;
      variableCollections.set(variable, known);
    }
    return known ?? undefined;
  }

  function writtenCollection(variable: TSESLint.Scope.Variable): CollectionKind | undefined {
    const definition = variable.defs.length === 1 ? variable.defs[0] : undefined;
    // A constant is the initializer's alone (see constantInitializer).
    if (definition?.type !== 'Variable' || definition.parent.kind === 'const' || definition.node.id.type !== AST_NODE_TYPES.Identifier || !definition.node.init) {
      return undefined;
    }
    let kind: CollectionKind | undefined;
    for (const reference of variable.references) {
      if (!reference.isWrite()) continue;
      const write = reference.identifier.parent;
      // Only plain assignments and the declaration: `cache ||= …` or a loop's target may hold anything.
      const plain =
        reference.init === true
          ? write === definition.node
          : write?.type === AST_NODE_TYPES.AssignmentExpression && write.operator === '=' && write.left === reference.identifier;
      const made = plain ? collectionMade(sourceCode, reference.writeExpr) : undefined;
      if (!made || (kind !== undefined && made !== kind)) return undefined;
      kind = made;
    }
    return kind;
  }

  /** True when `callee` reaches a logger: from a logging package's import, or a constant made from one. */
  function isLogger(callee: TSESTree.Node, depth: number): boolean {
    // Only the call asked about: a constant made by a setup call (`winston.createLogger()`) is a logger.
    let setsUp = false;
    const root = callChainRoot(skipTypeWrappers(callee), member => {
      setsUp ||= SETUP_METHODS.has(staticPropertyName(member) ?? '');
    });
    if (depth === 0 && setsUp) return false;
    if (root.type !== AST_NODE_TYPES.Identifier) return false;
    const name = resolveName(sourceCode, root);
    if (name?.source !== undefined) {
      if (LOGGER_PACKAGES.has(name.source)) return true;
      // What a factory made, held by a constant (`const log = debug('ns')`); calling the factory
      // itself makes a logger from options it may reject.
      return LOGGER_FACTORY_PACKAGES.has(name.source) && depth > 0;
    }
    if (depth >= MAX_LOGGER_DEPTH) return false;
    const made = constantInitializer(sourceCode, root);
    const init = made && skipTypeWrappers(made);
    if (init?.type !== AST_NODE_TYPES.CallExpression && init?.type !== AST_NODE_TYPES.NewExpression) return false;
    return isLogger(init.callee, depth + 1);
  }

  /** True when `receiver` is an `EventEmitter` of `node:events`: made here into a constant, or `this` of a class extending it. */
  function isEventEmitter(receiver: TSESTree.Node): boolean {
    const node = skipTypeWrappers(receiver);
    const isEmitterClass = (name: TSESTree.Node): boolean => {
      const resolved = resolveName(sourceCode, name);
      return resolved?.source === 'events' && (resolved.path.length === 0 || (resolved.path.length === 1 && resolved.path[0] === 'EventEmitter'));
    };
    if (node.type === AST_NODE_TYPES.ThisExpression) {
      const body = thisClassBody(node);
      const superClass = body?.parent.superClass;
      // A class that declares its own `on` (or any listener method) changes them all: the
      // platform's `once` registers through `this.on`.
      return superClass !== undefined && superClass !== null && isEmitterClass(superClass) && !declaresListenerMethod(body!);
    }
    const made = constantInitializer(sourceCode, node);
    const init = made && skipTypeWrappers(made);
    return init?.type === AST_NODE_TYPES.NewExpression && isEmitterClass(init.callee);
  }

  /**
   * `stream.push(…)` or `stream.destroy(…)` on a constant holding `new Readable(…)` of
   * `node:stream`, made here: a stream of the platform, whose methods no subclass replaced.
   */
  function isReadableReport(callee: TSESTree.Node): boolean {
    if (callee.type !== AST_NODE_TYPES.MemberExpression || !READABLE_SAFE_METHODS.has(staticPropertyName(callee) ?? '')) return false;
    const held = constantInitializer(sourceCode, callee.object);
    const init = held && skipTypeWrappers(held);
    if (init?.type !== AST_NODE_TYPES.NewExpression) return false;
    const made = resolveName(sourceCode, init.callee);
    return made?.source === 'stream' && made.path.length === 1 && made.path[0] === 'Readable';
  }

  /**
   * The collection held as the values of the `Map` that `map` always holds, by its declared type:
   * the field's annotation (`Map<string, Set<string>>`) or the type arguments it is made with
   * (`new Map<string, string[]>()`). Only the declaration says so: values are set in many places.
   */
  function mapValueCollection(map: TSESTree.Node): CollectionKind | undefined {
    const node = skipTypeWrappers(map);
    let made: TSESTree.Node | null | undefined;
    let annotation: TSESTree.TypeNode | undefined;
    if (node.type === AST_NODE_TYPES.Identifier) {
      made = constantInitializer(sourceCode, node);
    } else if (node.type === AST_NODE_TYPES.MemberExpression && skipTypeWrappers(node.object).type === AST_NODE_TYPES.ThisExpression) {
      const name = readMemberName(node);
      const body = name === undefined ? undefined : thisClassBody(node);
      const field = body?.body.find(
        (member): member is TSESTree.PropertyDefinition => member.type === AST_NODE_TYPES.PropertyDefinition && !member.static && classMemberName(member) === name,
      );
      made = field?.value;
      annotation = field?.typeAnnotation?.typeAnnotation;
    }
    const fromMade = made && skipTypeWrappers(made).type === AST_NODE_TYPES.NewExpression ? (skipTypeWrappers(made) as TSESTree.NewExpression).typeArguments?.params[1] : undefined;
    const fromAnnotation =
      annotation?.type === AST_NODE_TYPES.TSTypeReference && annotation.typeName.type === AST_NODE_TYPES.Identifier && annotation.typeName.name === 'Map'
        ? annotation.typeArguments?.params[1]
        : undefined;
    return declaredCollection(fromAnnotation ?? fromMade);
  }

  /** What `receiver` holds when it is `map.get(key)` on a `Map` whose values are declared collections. */
  function mapValueOf(receiver: TSESTree.Node): CollectionKind | undefined {
    const node = skipTypeWrappers(receiver);
    if (node.type !== AST_NODE_TYPES.CallExpression || node.callee.type !== AST_NODE_TYPES.MemberExpression || staticPropertyName(node.callee) !== 'get') return undefined;
    return heldCollection(node.callee.object) === 'Map' ? mapValueCollection(node.callee.object) : undefined;
  }

  function neverThrows(call: TSESTree.CallExpression): boolean {
    const callee = skipTypeWrappers(call.callee);
    const name = resolveName(sourceCode, callee);
    if (name && name.source === undefined && SAFE_GLOBAL_CALLS.has(name.path.join('.'))) return true;
    if (name?.source === 'path' && isPathFunction(name.path)) return true;
    if (isReadableReport(callee)) return true;
    if (callee.type === AST_NODE_TYPES.MemberExpression) {
      const method = staticPropertyName(callee);
      // `map.get(key)?.add(x)`: a value of the map, absent or a collection (a null receiver is a
      // different bug, as reading a property of one is).
      const collection = method === undefined ? undefined : (heldCollection(callee.object) ?? mapValueOf(callee.object));
      if (collection && NON_THROWING_METHODS[collection].has(method!)) return true;
      if (method !== undefined && LISTENER_METHODS.has(method) && isEventEmitter(callee.object)) return true;
    }
    return isLogger(callee, 0);
  }

  function givesPlainValue(call: TSESTree.CallExpression): boolean {
    const callee = skipTypeWrappers(call.callee);
    const name = resolveName(sourceCode, callee);
    if (name && name.source === undefined && SAFE_GLOBAL_CALLS.has(name.path.join('.'))) return true;
    if (name?.source === 'path' && isPathFunction(name.path)) return true;
    // A logger's method writes or drops a line and gives back nothing, or the logger itself.
    return isLogger(callee, 0);
  }

  return { neverThrows, givesPlainValue };
}
