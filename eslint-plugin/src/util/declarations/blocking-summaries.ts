import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-utils';

import type { BlockingCall } from '../blocking-calls';
import { isComputedOnce } from '../blocking/computed-once';
import { forwardedParameter, pathParameterRead } from '../blocking/package-manifest-reads';
import { isFunctionNode, isSynchronouslyInvoked } from '../functions';
import type { ResolvedName } from '../imports';
import { someOwnNode } from '../walk';
import type { FileDeclarations } from './file-declarations';

/**
 * Whether a sync function blocks, followed through the sync functions it calls, in its own file
 * and in the relative modules it imports: the chain of calls down to the blocking one
 * (`loadConfig → readConfig → fs.readFileSync`). Remembered per function node, so a module read
 * from disk is summarised once for the process while it is unchanged.
 */
export interface BlockingChain {
  /** The functions called, in order, then the blocking call as written (`fs.readFileSync`). */
  names: string[];
  blocking: BlockingCall;
  /**
   * When the function blocks by one whole-file read only, of the path its caller gives as this
   * parameter (`readJSON(file)`, or `loadConfig(file)` handing `file` on to such a helper): the
   * caller's argument says which file, and so whether the read is a package manifest's (see
   * `package-manifest-reads`).
   */
  pathParameter?: number;
}

/** Longer callee texts are shown by their last name only. */
const MAX_NAME_TEXT = 40;

export type BlockingLookup = (name: ResolvedName, call: TSESTree.CallExpression) => BlockingCall | undefined;

/** What a function was found to do, and how deep the search went (a miss at depth 2 may be a hit at 3). */
interface Summary {
  depth: number;
  chain: BlockingChain | undefined;
}

const summariesByOptions = new Map<string, WeakMap<TSESTree.Node, Summary>>();

export interface BlockingSummaries {
  /** The chain by which calling `fn` blocks, at most `depth` functions deep (`fn` counts as one). */
  chainOf(fn: TSESTree.FunctionLike, owner: FileDeclarations, depth: number): BlockingChain | undefined;
}

/**
 * Summaries for one configuration of blocking calls: `optionsKey` names it (the rule's `allow`
 * and `blockingCalls`), so that files linted with the same options share what was found.
 */
export function getBlockingSummaries(optionsKey: string, isBlocking: BlockingLookup): BlockingSummaries {
  let cache = summariesByOptions.get(optionsKey);
  if (!cache) {
    cache = new WeakMap();
    summariesByOptions.set(optionsKey, cache);
  }
  const summaries = cache;
  const inProgress = new Set<TSESTree.Node>();

  function shownName(call: TSESTree.CallExpression, owner: FileDeclarations): string {
    const text = owner.textOf(call.callee);
    if (text.length <= MAX_NAME_TEXT && !text.includes('\n')) return text;
    const callee = call.callee;
    return callee.type === AST_NODE_TYPES.MemberExpression && !callee.computed && callee.property.type === AST_NODE_TYPES.Identifier
      ? callee.property.name
      : 'a call';
  }

  function chainOf(fn: TSESTree.FunctionLike, owner: FileDeclarations, depth: number): BlockingChain | undefined {
    if (depth < 1 || fn.async || fn.generator || !fn.body) return undefined;
    const key = fn as TSESTree.Node;
    const cached = summaries.get(key);
    if (cached) {
      if (cached.chain) return cached.chain.names.length <= depth ? cached.chain : undefined;
      if (cached.depth >= depth) return undefined;
    }
    if (inProgress.has(key)) return undefined; // a cycle of calls ends here
    inProgress.add(key);
    let found: BlockingChain | undefined;
    try {
      someOwnNode(
        fn.body,
        node => {
          if (node.type !== AST_NODE_TYPES.CallExpression) return false;
          const name = owner.resolvedName(node.callee);
          const blocking = name && isBlocking(name, node);
          // A value read once and kept for the process blocks the first call only (lazy set-up).
          if (blocking && isComputedOnce(node)) return false;
          let chain: BlockingChain | undefined;
          if (blocking) {
            const pathParameter = pathParameterRead(fn, node, blocking);
            chain = { names: [shownName(node, owner)], blocking, ...(pathParameter === undefined ? {} : { pathParameter }) };
          } else if (depth >= 2 && node.callee.type === AST_NODE_TYPES.Identifier) {
            const target = owner.functionReference(node.callee);
            const inner = target ? chainOf(target.fn, target.owner, depth - 1) : undefined;
            if (inner) {
              // `loadConfig(file)` → `readConfig(file)`: still the caller's path, one step up.
              const pathParameter = inner.pathParameter === undefined ? undefined : forwardedParameter(fn, node, inner.pathParameter);
              chain = { names: [node.callee.name, ...inner.names], blocking: inner.blocking, ...(pathParameter === undefined ? {} : { pathParameter }) };
            }
          }
          if (!chain) return false;
          // A read of the caller's path is the whole story only when nothing else blocks: look on.
          if (found) {
            delete found.pathParameter;
            return true;
          }
          found = chain;
          return found.pathParameter === undefined;
        },
        nested => isFunctionNode(nested) && isSynchronouslyInvoked(nested),
      );
    } finally {
      inProgress.delete(key);
    }
    summaries.set(key, { depth, chain: found });
    return found;
  }

  return { chainOf };
}
