import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from './ast-utils';

import { climbThrough, TYPE_WRAPPER_TYPES } from './ast';
import { staticPropertyName } from './imports';
import { commonJsExportPath } from './module-exports';
import { isNeverReassigned, variableOf } from './scope/variables';

export type FunctionNode =
  | TSESTree.ArrowFunctionExpression
  | TSESTree.FunctionDeclaration
  | TSESTree.FunctionExpression;

export function isFunctionNode(node: TSESTree.Node): node is FunctionNode {
  return (
    node.type === AST_NODE_TYPES.ArrowFunctionExpression ||
    node.type === AST_NODE_TYPES.FunctionDeclaration ||
    node.type === AST_NODE_TYPES.FunctionExpression
  );
}

/** Array methods that call their callback with each element as its first argument. */
export const ELEMENT_CALLBACK_METHODS: ReadonlySet<string> = new Set([
  'every',
  'filter',
  'find',
  'findIndex',
  'findLast',
  'findLastIndex',
  'flatMap',
  'forEach',
  'map',
  'some',
]);

/**
 * Array methods whose callback runs synchronously, before the call returns, on the caller's
 * stack. A blocking call in such a callback blocks the function that called the method.
 */
const SYNC_CALLBACK_METHODS = new Set([...ELEMENT_CALLBACK_METHODS, 'reduce', 'reduceRight', 'sort', 'toSorted']);

function calleeMethodName(call: TSESTree.CallExpression): string | undefined {
  const callee = call.callee;
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  if (!callee.computed && callee.property.type === AST_NODE_TYPES.Identifier) return callee.property.name;
  if (callee.property.type === AST_NODE_TYPES.Literal && typeof callee.property.value === 'string') {
    return callee.property.value;
  }
  return undefined;
}

/**
 * True when `node`, passed as an argument, is called before the call it is passed to returns:
 * the callback of an array method from `SYNC_CALLBACK_METHODS`, `Array.from`'s map function, or a
 * `new Promise` executor. Works for a function written in place and for a reference to one.
 */
export function isSynchronousCallbackArgument(node: TSESTree.Node): boolean {
  const argument = climbThrough(node, TYPE_WRAPPER_TYPES);
  const parent = argument.parent;
  if (!parent) return false;
  if (parent.type === AST_NODE_TYPES.NewExpression) {
    return (
      parent.arguments[0] === argument &&
      parent.callee.type === AST_NODE_TYPES.Identifier &&
      parent.callee.name === 'Promise'
    );
  }
  if (parent.type !== AST_NODE_TYPES.CallExpression || !parent.arguments.includes(argument as TSESTree.CallExpressionArgument)) {
    return false;
  }
  const method = calleeMethodName(parent);
  if (method === undefined) return false;
  if (method === 'from') {
    const callee = parent.callee as TSESTree.MemberExpression;
    return (
      callee.object.type === AST_NODE_TYPES.Identifier &&
      callee.object.name === 'Array' &&
      parent.arguments[1] === argument
    );
  }
  return SYNC_CALLBACK_METHODS.has(method) && parent.arguments[0] === argument;
}

/**
 * True when `fn` runs synchronously while the code around it runs: an IIFE (`(() => …)()`,
 * `(function () {…}).call(this)`), or a synchronous callback (`isSynchronousCallbackArgument`).
 */
export function isSynchronouslyInvoked(fn: FunctionNode): boolean {
  if (fn.async || fn.generator) return false;
  const node = climbThrough(fn, TYPE_WRAPPER_TYPES);
  const parent = node.parent;
  if (!parent) return false;
  if (parent.type === AST_NODE_TYPES.CallExpression && parent.callee === node) return true;
  if (
    parent.type === AST_NODE_TYPES.MemberExpression &&
    parent.object === node &&
    parent.parent?.type === AST_NODE_TYPES.CallExpression &&
    parent.parent.callee === parent
  ) {
    const method = !parent.computed && parent.property.type === AST_NODE_TYPES.Identifier ? parent.property.name : '';
    return method === 'call' || method === 'apply';
  }
  return isSynchronousCallbackArgument(node);
}

/** True when `child` is the initial value of a class field: it runs in the constructor, later. */
function isClassFieldValue(parent: TSESTree.Node, child: TSESTree.Node): boolean {
  return (
    (parent.type === AST_NODE_TYPES.PropertyDefinition || parent.type === AST_NODE_TYPES.AccessorProperty) &&
    parent.value === child
  );
}

/** The innermost function that contains `node`, or undefined at module or class-field level. */
export function getEnclosingFunction(node: TSESTree.Node): FunctionNode | undefined {
  for (let child = node, current = node.parent; current; child = current, current = current.parent) {
    if (isFunctionNode(current)) return current;
    if (isClassFieldValue(current, child)) return undefined;
  }
  return undefined;
}

/**
 * The async function (or async generator) on whose stack `node` runs: its own body, or a
 * synchronously invoked callback nested in it (see `isSynchronouslyInvoked`). Undefined at the
 * top level, in a sync function, and in a nested function that runs later or elsewhere
 * (a `setTimeout` callback, an event handler, a function passed to another module).
 */
export function getRunningAsyncFunction(node: TSESTree.Node): FunctionNode | undefined {
  for (let fn = getEnclosingFunction(node); fn; fn = getEnclosingFunction(fn)) {
    if (fn.async) return fn;
    if (!isSynchronouslyInvoked(fn)) return undefined;
  }
  return undefined;
}

/** Nodes inside which `await` is illegal whatever encloses them. */
const NO_AWAIT_INSIDE: ReadonlySet<string> = new Set([
  // Class field initialisers and static blocks: a syntax error.
  AST_NODE_TYPES.PropertyDefinition,
  AST_NODE_TYPES.StaticBlock,
  AST_NODE_TYPES.AccessorProperty,
  // A namespace body and an enum member's value: TypeScript's grammar error TS1308, which the
  // ESTree parser accepts.
  AST_NODE_TYPES.TSModuleBlock,
  AST_NODE_TYPES.TSEnumMember,
]);

/**
 * True when `await` is legal at `node`: directly in an async function (not a nested sync
 * callback), or at the top level of an ES module.
 */
export function canAwaitAt(node: TSESTree.Node, isModule: boolean): boolean {
  for (let child = node, current = node.parent; current; child = current, current = current.parent) {
    // `await` is a syntax error in parameters.
    if (isFunctionNode(current)) return current.async && !current.params.includes(child as TSESTree.Parameter);
    if (NO_AWAIT_INSIDE.has(current.type)) return false;
  }
  return isModule;
}

/** A class member's name as written: `name`, or `#name` for a private one; undefined when computed. */
export function classMemberName(member: Pick<TSESTree.MethodDefinition, 'key' | 'computed'>): string | undefined {
  if (member.key.type === AST_NODE_TYPES.PrivateIdentifier) return `#${member.key.name}`;
  return !member.computed && member.key.type === AST_NODE_TYPES.Identifier ? member.key.name : undefined;
}

/** The name a member expression reads, written as `classMemberName` writes it (`this.#x` → `#x`, `this['x']` → `x`). */
export function readMemberName(member: TSESTree.MemberExpression): string | undefined {
  return member.property.type === AST_NODE_TYPES.PrivateIdentifier ? `#${member.property.name}` : staticPropertyName(member);
}

/** True when a class body declares a getter `name`, static or not, abstract or not. */
export function classDeclaresGetter(body: TSESTree.ClassBody, name: string): boolean {
  return body.body.some(
    member =>
      (member.type === AST_NODE_TYPES.MethodDefinition || member.type === AST_NODE_TYPES.TSAbstractMethodDefinition) &&
      member.kind === 'get' &&
      classMemberName(member) === name,
  );
}

/**
 * The method of a class body `this` is bound in at `node`: the nearest function that is not an
 * arrow, when it is a method (not a getter's or a field's function) declared in a class body.
 */
export function enclosingMethod(node: TSESTree.Node): TSESTree.MethodDefinition | undefined {
  let fn = isFunctionNode(node) ? node : getEnclosingFunction(node);
  while (fn?.type === AST_NODE_TYPES.ArrowFunctionExpression) fn = getEnclosingFunction(fn);
  const method = fn?.parent;
  return method?.type === AST_NODE_TYPES.MethodDefinition && method.value === fn && method.parent.type === AST_NODE_TYPES.ClassBody ? method : undefined;
}

/** The function of the method named `name` that a class body declares (its implementation, not an overload's signature). */
export function classMethodFunction(body: TSESTree.ClassBody, name: string, isStatic: boolean): TSESTree.FunctionExpression | undefined {
  for (const member of body.body) {
    if (
      member.type === AST_NODE_TYPES.MethodDefinition &&
      member.kind === 'method' &&
      member.static === isStatic &&
      member.value.type === AST_NODE_TYPES.FunctionExpression &&
      classMemberName(member) === name
    ) {
      return member.value;
    }
  }
  return undefined;
}

/**
 * The method `this.name` refers to inside a method (or an arrow in one) of a class that declares
 * it: the static one in a static method. `privateOnly` keeps to `this.#name`: private methods
 * cannot be overridden or reassigned, so that reference is certain; public ones can be.
 */
export function resolveThisMethod(node: TSESTree.MemberExpression, privateOnly: boolean): FunctionNode | undefined {
  if (node.object.type !== AST_NODE_TYPES.ThisExpression) return undefined;
  if (privateOnly && node.property.type !== AST_NODE_TYPES.PrivateIdentifier) return undefined;
  const name = readMemberName(node);
  const method = name === undefined ? undefined : enclosingMethod(node);
  return method && classMethodFunction(method.parent, name!, method.static);
}

/**
 * The method `instance.name(…)` calls when `instance` is a constant holding `new C(…)` of a class `C`
 * declared in this file that declares the method itself, and nothing ever writes a property of
 * the constant: the object is exactly an instance of `C`, so the method is `C`'s. Not a method a
 * subclass or a mixin could replace, since the object is made here from `C` itself.
 */
export function resolveLocalInstanceMethod(
  sourceCode: Readonly<TSESLint.SourceCode>,
  node: TSESTree.Node,
): FunctionNode | undefined {
  if (node.type !== AST_NODE_TYPES.MemberExpression || node.computed || node.property.type !== AST_NODE_TYPES.Identifier) return undefined;
  if (node.object.type !== AST_NODE_TYPES.Identifier) return undefined;
  const variable = variableOf(sourceCode, node.object);
  const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (definition?.type !== 'Variable' || definition.parent.kind !== 'const' || definition.node.id.type !== AST_NODE_TYPES.Identifier) return undefined;
  const init = definition.node.init;
  if (init?.type !== AST_NODE_TYPES.NewExpression || init.callee.type !== AST_NODE_TYPES.Identifier) return undefined;
  if (propertiesWritten(variable!)) return undefined;
  const classVariable = variableOf(sourceCode, init.callee);
  const classDefinition = classVariable?.defs.length === 1 ? classVariable.defs[0] : undefined;
  if (classDefinition?.type !== 'ClassName' || classDefinition.node.type !== AST_NODE_TYPES.ClassDeclaration || !isNeverReassigned(classVariable!)) return undefined;
  return classMethodFunction(classDefinition.node.body, node.property.name, false);
}

/** Per variable: the functions assigned to its properties, or null when its properties are uncertain. */
const assignedFunctions = new WeakMap<TSESLint.Scope.Variable, ReadonlyMap<string, FunctionNode> | null>();

/** Calls that can give an object properties without naming them in an assignment. */
const PROPERTY_DEFINING_CALLS = new Set(['assign', 'defineProperty', 'defineProperties', 'setPrototypeOf']);

/**
 * The function `holder.name(…)` calls when `holder` is a function or a constant of this file,
 * never reassigned, and the only write to `holder.name` is one statement at the top of the module
 * that assigns it a function: `getLogger.waitForBuffer = async () => …`. Unknown when any other
 * write could change the property: a second assignment, a computed key, `delete`, or the holder
 * handed to `Object.assign` or `Object.defineProperty`.
 */
export function resolveAssignedFunction(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node): FunctionNode | undefined {
  if (node.type !== AST_NODE_TYPES.MemberExpression || node.computed || node.property.type !== AST_NODE_TYPES.Identifier) return undefined;
  if (node.object.type !== AST_NODE_TYPES.Identifier) return undefined;
  const variable = variableOf(sourceCode, node.object);
  const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (!definition || !isNeverReassigned(variable!)) return undefined;
  if (definition.type !== 'FunctionName' && !(definition.type === 'Variable' && definition.parent.kind === 'const')) return undefined;
  let functions = assignedFunctions.get(variable!);
  if (functions === undefined) {
    functions = functionsAssignedTo(variable!);
    assignedFunctions.set(variable!, functions);
  }
  return functions?.get(node.property.name);
}

function functionsAssignedTo(variable: TSESLint.Scope.Variable): ReadonlyMap<string, FunctionNode> | null {
  const functions = new Map<string, FunctionNode>();
  const written = new Set<string>();
  for (const reference of variable.references) {
    const parent = reference.identifier.parent;
    if (parent?.type === AST_NODE_TYPES.CallExpression && parent.arguments[0] === reference.identifier) {
      const callee = parent.callee;
      if (
        callee.type === AST_NODE_TYPES.MemberExpression &&
        callee.object.type === AST_NODE_TYPES.Identifier &&
        (callee.object.name === 'Object' || callee.object.name === 'Reflect') &&
        PROPERTY_DEFINING_CALLS.has(staticPropertyName(callee) ?? '')
      ) {
        return null;
      }
    }
    if (parent?.type !== AST_NODE_TYPES.MemberExpression || parent.object !== reference.identifier || !isWriteTarget(parent)) continue;
    const name = parent.computed ? undefined : staticPropertyName(parent);
    if (name === undefined) return null;
    const assignment = parent.parent;
    const once = !written.has(name);
    written.add(name);
    functions.delete(name);
    if (
      once &&
      assignment?.type === AST_NODE_TYPES.AssignmentExpression &&
      assignment.operator === '=' &&
      isFunctionNode(assignment.right) &&
      assignment.parent?.type === AST_NODE_TYPES.ExpressionStatement &&
      assignment.parent.parent?.type === AST_NODE_TYPES.Program
    ) {
      functions.set(name, assignment.right);
    }
  }
  return functions;
}

/** Per variable: whether a property of it is written somewhere. */
const writtenProperties = new WeakMap<TSESLint.Scope.Variable, boolean>();

/**
 * `instance.name = …` or `instance[key] = …` anywhere: the object's methods are then uncertain.
 * Asked at each call on the variable, so answered once per variable.
 */
function propertiesWritten(variable: TSESLint.Scope.Variable): boolean {
  let written = writtenProperties.get(variable);
  if (written === undefined) {
    written = variable.references.some(reference => {
      const parent = reference.identifier.parent;
      return parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === reference.identifier && isWriteTarget(parent);
    });
    writtenProperties.set(variable, written);
  }
  return written;
}

/** True when a member expression is assigned to, updated or deleted. */
function isWriteTarget(member: TSESTree.MemberExpression): boolean {
  const parent = member.parent;
  if (parent?.type === AST_NODE_TYPES.AssignmentExpression) return parent.left === member;
  if (parent?.type === AST_NODE_TYPES.UpdateExpression) return true;
  return parent?.type === AST_NODE_TYPES.UnaryExpression && parent.operator === 'delete';
}

/**
 * The function a reference is bound to, when it is bound once and never reassigned, or the
 * private method `this.#name` of the enclosing class.
 */
export function resolveLocalFunction(
  sourceCode: Readonly<TSESLint.SourceCode>,
  node: TSESTree.Node,
): FunctionNode | undefined {
  if (isFunctionNode(node)) return node;
  if (node.type === AST_NODE_TYPES.MemberExpression) return resolveThisMethod(node, true);
  if (node.type !== AST_NODE_TYPES.Identifier) return undefined;
  const variable = variableOf(sourceCode, node);
  if (!variable || variable.defs.length !== 1) return undefined;
  const definition = variable.defs[0]!;
  if (definition.type === 'FunctionName' && isFunctionNode(definition.node)) return definition.node;
  if (
    definition.type === 'Variable' &&
    definition.node.id.type === AST_NODE_TYPES.Identifier &&
    definition.node.init &&
    isFunctionNode(definition.node.init) &&
    isNeverReassigned(variable)
  ) {
    return definition.node.init;
  }
  return undefined;
}

/** Per program: the functions its top level assigns once to `exports.name` / `module.exports.name`, by name (null: assigned otherwise). */
const commonJsExportFunctions = new WeakMap<TSESTree.Program, Map<string, FunctionNode | null>>();

/**
 * The function of the file that `exports.name` or `module.exports.name` holds, when the file's top
 * level assigns that name once and with a function (`exports.restartServer = async () => …`),
 * and `exports` and `module` are Node's own. Undefined otherwise.
 */
export function resolveCommonJsExportFunction(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node): FunctionNode | undefined {
  if (node.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const target = commonJsExportPath(node);
  if (target?.length !== 1) return undefined;
  let root: TSESTree.Node = node;
  while (root.type === AST_NODE_TYPES.MemberExpression) root = root.object;
  if (root.type !== AST_NODE_TYPES.Identifier || (variableOf(sourceCode, root)?.defs.length ?? 0) > 0) return undefined;
  const program = sourceCode.ast;
  let functions = commonJsExportFunctions.get(program);
  if (!functions) {
    functions = new Map();
    for (const statement of program.body) {
      if (statement.type !== AST_NODE_TYPES.ExpressionStatement || statement.expression.type !== AST_NODE_TYPES.AssignmentExpression) continue;
      const assignment = statement.expression;
      const path = commonJsExportPath(assignment.left);
      if (path?.length !== 1) continue;
      const name = path[0]!;
      const value = assignment.right;
      functions.set(name, functions.has(name) || assignment.operator !== '=' || !isFunctionNode(value) ? null : value);
    }
    commonJsExportFunctions.set(program, functions);
  }
  return functions.get(target[0]!) ?? undefined;
}
