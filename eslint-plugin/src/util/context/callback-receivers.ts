import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-utils';

import { climbThrough, TYPE_WRAPPER_TYPES } from '../ast';
import { getFileDeclarations } from '../declarations';
import type { FunctionNode } from '../functions';
import { staticPropertyName } from '../imports';
import { timerFunction } from '../timers';
import { someOwnNode } from '../walk';
import { LISTENER_METHODS } from './process-calls';

/**
 * Where a callback runs, for the callers model: a callback handed to a function of the program
 * that only calls it runs where that call runs. ioBroker's commands hand their work to
 * `dbConnect(params, async ({ objects }) => …)`, which connects to the database and calls it
 * once: the work runs in the command. A function that hands the callback on (to an emitter's `on`,
 * a timer, a registry) or keeps it anywhere but in its own variables may call it at any time, and
 * the callback is judged where it stands.
 */

/** Expressions that only restate their operand's type (`x as T`, `x!`, `<T>x`). */
const VALUE_WRAPPER_TYPES: ReadonlySet<string> = new Set([...TYPE_WRAPPER_TYPES, AST_NODE_TYPES.TSTypeAssertion]);

function throughTypeWrappers(node: TSESTree.Node): TSESTree.Node {
  return climbThrough(node, VALUE_WRAPPER_TYPES);
}

/** How an identifier of a variable holding the callback is used: read as a value, or not a use of it at all. */
function isNameOnly(identifier: TSESTree.Identifier): boolean {
  const parent = identifier.parent;
  if (!parent) return true;
  if (parent.type === AST_NODE_TYPES.MemberExpression && parent.property === identifier && !parent.computed) return true;
  if ((parent.type === AST_NODE_TYPES.Property || parent.type === AST_NODE_TYPES.MethodDefinition || parent.type === AST_NODE_TYPES.PropertyDefinition) && parent.key === identifier && !parent.computed) {
    return !(parent.type === AST_NODE_TYPES.Property && parent.shorthand);
  }
  // Type positions and labels name no value.
  return parent.type.startsWith('TS') && !VALUE_WRAPPER_TYPES.has(parent.type);
}

const MAX_HOLDERS = 8;

/**
 * True when `fn` does nothing with its parameter `index` but call it: every use of the parameter,
 * and of the variables of `fn` it is assigned to (`callback = params`), is a call, a test
 * (`typeof callback === 'function'`, `if (!callback)`, `callback && …`) or an assignment to it.
 */
function onlyCallsParameter(fn: TSESTree.FunctionLike, index: number): boolean {
  let parameter: TSESTree.Node | undefined = fn.params[index];
  if (parameter?.type === AST_NODE_TYPES.AssignmentPattern) parameter = parameter.left;
  if (parameter?.type !== AST_NODE_TYPES.Identifier || !fn.body) return false;
  const holders = new Set([parameter.name]);
  const declarations = new Set<TSESTree.Node>(fn.params);
  // Only the function's own variables may hold it: one of the module would keep it for later.
  const ownNames = new Set<string>();
  for (const each of fn.params) {
    const name = each.type === AST_NODE_TYPES.AssignmentPattern ? each.left : each;
    if (name.type === AST_NODE_TYPES.Identifier) ownNames.add(name.name);
  }
  const body = fn.body;
  someOwnNode(body, node => {
    if (node.type === AST_NODE_TYPES.VariableDeclarator && node.id.type === AST_NODE_TYPES.Identifier) ownNames.add(node.id.name);
    return false;
  });
  for (let grown = true; grown; ) {
    grown = false;
    const usedWell = !someOwnNode(
      body,
      node => {
        if (node.type !== AST_NODE_TYPES.Identifier || !holders.has(node.name) || declarations.has(node) || isNameOnly(node)) return false;
        const use = throughTypeWrappers(node);
        const parent = use.parent;
        if (!parent) return true;
        /** `callback = params`, `params = params || {}`: a variable of the function holds the value now. */
        const heldBy = (name: string): boolean => {
          if (holders.has(name)) return true;
          if (holders.size >= MAX_HOLDERS || !ownNames.has(name)) return false;
          holders.add(name);
          grown = true;
          return true;
        };
        switch (parent.type) {
          case AST_NODE_TYPES.CallExpression:
            return parent.callee !== use;
          case AST_NODE_TYPES.MemberExpression:
            // Reading a property of it (`params.force`) hands nothing on; a bound copy would be.
            return parent.object !== use || parent.computed || (parent.property.type === AST_NODE_TYPES.Identifier && parent.property.name === 'bind');
          case AST_NODE_TYPES.UnaryExpression:
            return parent.operator !== 'typeof' && parent.operator !== '!';
          case AST_NODE_TYPES.BinaryExpression:
            return !['===', '!==', '==', '!='].includes(parent.operator);
          case AST_NODE_TYPES.IfStatement:
          case AST_NODE_TYPES.ConditionalExpression:
            if (parent.test === use) return false;
            break;
          case AST_NODE_TYPES.AssignmentExpression:
            if (parent.left === use) return false;
            break;
          case AST_NODE_TYPES.VariableDeclarator:
            if (parent.id === use) return false;
            break;
          case AST_NODE_TYPES.LogicalExpression:
            // `callback && callback()`
            if (parent.left === use && parent.operator === '&&' && parent.parent?.type === AST_NODE_TYPES.ExpressionStatement) return false;
            break;
          default:
            return true;
        }
        // The value flows on, through `a || b` and `c ? a : b`, into one of the function's variables or nowhere else.
        let value: TSESTree.Node = use;
        while (
          value.parent?.type === AST_NODE_TYPES.LogicalExpression ||
          (value.parent?.type === AST_NODE_TYPES.ConditionalExpression && value.parent.test !== value)
        ) {
          value = throughTypeWrappers(value.parent);
        }
        const target = value.parent;
        if (target?.type === AST_NODE_TYPES.AssignmentExpression && target.right === value && target.operator === '=' && target.left.type === AST_NODE_TYPES.Identifier) return !heldBy(target.left.name);
        if (target?.type === AST_NODE_TYPES.VariableDeclarator && target.init === value && target.id.type === AST_NODE_TYPES.Identifier) return !heldBy(target.id.name);
        return true;
      },
      () => true,
    );
    if (!usedWell) return false;
  }
  return true;
}

/** Per function and argument index: whether it only calls that parameter (see `onlyCallsParameter`). */
const summaries = new WeakMap<TSESTree.Node, Map<number, boolean>>();

function onlyCalls(fn: TSESTree.FunctionLike, index: number): boolean {
  let byIndex = summaries.get(fn);
  if (!byIndex) {
    byIndex = new Map();
    summaries.set(fn, byIndex);
  }
  let known = byIndex.get(index);
  if (known === undefined) {
    known = onlyCallsParameter(fn, index);
    byIndex.set(index, known);
  }
  return known;
}

/** Methods that register a listener (an emitter's, the DOM's, an observable's): it runs on events, while other work goes on. */
const REGISTRATION_METHODS: ReadonlySet<string> = new Set([...LISTENER_METHODS, 'addEventListener', 'subscribe']);

/**
 * Where a callback goes, read from the call it is handed to as an argument:
 * - the callee is a function of the program (of the file, or of a module it imports by a relative
 *   path or the tsconfig's paths) that only calls it: it runs where that call runs
 *   (`handedOver: false`);
 * - the callee is a function this cannot read (ioBroker's commands call the `dbConnect` their
 *   options hold: `dbConnect(async params => …)`, a library's): it may run at any time, but in the
 *   process that makes the call (`handedOver: true`).
 * Undefined when the callback is no argument, the program's function does more with it, or the
 * callee registers a listener (`emitter.on(…)`, `addEventListener`, `subscribe`) or is a timer,
 * which run it on events while the program goes on with other work.
 */
export function callbackDestination(
  sourceCode: Readonly<TSESLint.SourceCode>,
  filename: string,
  callback: FunctionNode,
): { readonly call: TSESTree.CallExpression; readonly handedOver: boolean } | undefined {
  const argument = throughTypeWrappers(callback);
  const call = argument.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression) return undefined;
  const index = call.arguments.indexOf(argument as TSESTree.CallExpressionArgument);
  if (index < 0) return undefined;
  const callee = call.callee;
  const target = callee.type === AST_NODE_TYPES.Identifier ? getFileDeclarations(sourceCode, filename).functionReference(callee) : undefined;
  if (target) {
    // A spread before it moves the callback to a parameter the call does not show.
    const spreadBefore = call.arguments.slice(0, index).some(each => each.type === AST_NODE_TYPES.SpreadElement);
    return !spreadBefore && onlyCalls(target.fn, index) ? { call, handedOver: false } : undefined;
  }
  if (callee.type === AST_NODE_TYPES.MemberExpression && REGISTRATION_METHODS.has(staticPropertyName(callee) ?? '')) return undefined;
  if (timerFunction(sourceCode, callee) !== undefined) return undefined;
  return { call, handedOver: true };
}
