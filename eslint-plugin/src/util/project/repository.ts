import * as fs from 'node:fs';
import * as path from 'node:path';

import { nearestAncestor } from './nearest-ancestor';

/** By folder: the root of the repository holding it (the nearest folder with a `.git`), or null. */
const roots = new Map<string, string | null>();

/**
 * The root of the version-control checkout that holds `filename`: the nearest folder, walking up,
 * that has a `.git` entry (a folder, or a file for worktrees and submodules). Undefined outside a
 * checkout (an unpacked tarball, `<input>`). Remembered per folder for the process.
 */
export function repositoryRoot(filename: string): string | undefined {
  if (!path.isAbsolute(filename)) return undefined;
  const found = nearestAncestor(path.dirname(filename), roots, folder => (fs.existsSync(path.join(folder, '.git')) ? folder : undefined));
  return found ?? undefined;
}

/** Forgets every root found so far. */
export function clearRepositoryCache(): void {
  roots.clear();
}
