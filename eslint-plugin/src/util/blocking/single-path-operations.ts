import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-utils';

import type { BlockingCall } from '../blocking-calls';
import { isFunctionNode, isSynchronousCallbackArgument } from '../functions';

/**
 * "Does this blocking call cost only one operation on one path?" — `statSync(p)`, `mkdirSync(dir,
 * { recursive: true })`, `unlinkSync(lock)`, `renameSync(tmp, file)` block for one system call (or
 * a few, bounded by the path's depth) whatever the file holds: microseconds on a local disk, like
 * `existsSync`. On real code such calls, made once in a handler (the data folder made before a
 * write, a temporary file removed after it), were not what owners change; the reads, writes,
 * listings and child processes around them were. So one is reported only when it is repeated: in
 * a loop, or in the callback of an array method (`files.forEach(f => unlinkSync(f))`), within its
 * own function; or when it removes a whole tree (`rmSync(dir, { recursive: true })`), whose cost
 * grows with what the tree holds.
 */
export function blocksBriefly(call: TSESTree.CallExpression, blocking: BlockingCall): boolean {
  if (blocking.singlePath === undefined) return false;
  if (blocking.singlePath === 'unlessRecursive' && !certainlyNotRecursive(call)) return false;
  return !isRepeated(call);
}

/**
 * True when the call's options certainly do not ask for a recursive operation (a removal, a
 * directory made with its parents): no options, or an object written in place whose `recursive`
 * is absent or `false`. Options held elsewhere may.
 */
export function certainlyNotRecursive(call: TSESTree.CallExpression): boolean {
  const options = call.arguments[1];
  if (options === undefined) return true;
  if (options.type !== AST_NODE_TYPES.ObjectExpression) return false;
  return options.properties.every(property => {
    if (property.type !== AST_NODE_TYPES.Property) return false;
    const key = property.key;
    const named = !property.computed && key.type === AST_NODE_TYPES.Identifier ? key.name : key.type === AST_NODE_TYPES.Literal ? key.value : undefined;
    if (named !== 'recursive') return !property.computed || key.type === AST_NODE_TYPES.Literal;
    return property.value.type === AST_NODE_TYPES.Literal && property.value.value === false;
  });
}

/**
 * True when the call runs more than once each time its function runs: in the body or test of a
 * loop, or in a function called for each element of an array (`forEach`, `map`, `sort`, …), on the
 * way up to the function it belongs to.
 */
export function isRepeated(call: TSESTree.CallExpression): boolean {
  let child: TSESTree.Node = call;
  for (let current: TSESTree.Node | undefined = call.parent; current; child = current, current = current.parent) {
    switch (current.type) {
      case AST_NODE_TYPES.WhileStatement:
      case AST_NODE_TYPES.DoWhileStatement:
        return true;
      case AST_NODE_TYPES.ForStatement:
        if (child !== current.init) return true;
        break;
      case AST_NODE_TYPES.ForInStatement:
      case AST_NODE_TYPES.ForOfStatement:
        if (child === current.body) return true;
        break;
      default:
        if (isFunctionNode(current)) {
          // A `new Promise` executor runs once; an array method's callback runs per element.
          if (!isSynchronousCallbackArgument(current) || current.parent?.type === AST_NODE_TYPES.NewExpression) return false;
          return true;
        }
    }
  }
  return false;
}
