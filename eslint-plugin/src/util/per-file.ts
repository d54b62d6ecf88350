import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

/**
 * Memoises a fact about a whole file: computed the first time a rule asks, then shared by every
 * rule and every report on the same parse (keyed by its syntax tree, which a re-parse replaces).
 */
export function perFile<T>(compute: (sourceCode: Readonly<TSESLint.SourceCode>) => T): (sourceCode: Readonly<TSESLint.SourceCode>) => T {
  const cache = new WeakMap<TSESTree.Program, { value: T }>();
  return sourceCode => {
    let entry = cache.get(sourceCode.ast);
    if (!entry) {
      entry = { value: compute(sourceCode) };
      cache.set(sourceCode.ast, entry);
    }
    return entry.value;
  };
}
