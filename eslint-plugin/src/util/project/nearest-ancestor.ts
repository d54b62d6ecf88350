import * as path from 'node:path';

/**
 * The first folder, from `start` up to the root, for which `probe` gives an answer, remembered in
 * `cache` for every folder visited on the way (null: none up to the root). One walk serves every
 * file of a folder: the package.json or repository root of a file is asked once per folder.
 */
export function nearestAncestor<T>(start: string, cache: Map<string, T | null>, probe: (folder: string) => T | undefined): T | null {
  const visited: string[] = [];
  let found: T | null = null;
  for (let folder = start; ; ) {
    const cached = cache.get(folder);
    if (cached !== undefined) {
      found = cached;
      break;
    }
    visited.push(folder);
    const answer = probe(folder);
    if (answer !== undefined) {
      found = answer;
      break;
    }
    const parent = path.dirname(folder);
    if (parent === folder) break;
    folder = parent;
  }
  for (const folder of visited) cache.set(folder, found);
  return found;
}
