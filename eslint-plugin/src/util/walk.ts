import type { TSESTree } from '@typescript-eslint/utils';

import type { FunctionNode } from './functions';
import { isFunctionNode } from './functions';

function isNode(value: unknown): value is TSESTree.Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

/**
 * Visits `root` and every node under it that runs as part of the same function: functions nested
 * inside (which run later, or under someone else's control) are not entered. Stops as soon as
 * `visit` returns true, and returns whether it did. `enter` names nested functions that run as part
 * of the same call after all (an IIFE, a `new Promise` executor).
 */
export function someOwnNode(
  root: TSESTree.Node,
  visit: (node: TSESTree.Node) => boolean,
  enter: (fn: FunctionNode) => boolean = () => false,
): boolean {
  const stack: TSESTree.Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (visit(node)) return true;
    for (const key of Object.keys(node) as (keyof typeof node)[]) {
      if (key === 'parent') continue;
      const value = node[key] as unknown;
      const children = Array.isArray(value) ? value : [value];
      for (const child of children) {
        if (isNode(child) && (!isFunctionNode(child) || enter(child))) stack.push(child);
      }
    }
  }
  return false;
}
