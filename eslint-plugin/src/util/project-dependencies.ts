import * as fs from 'node:fs';
import * as path from 'node:path';

/** Dependencies of the nearest package.json, by folder; a folder's answer never changes during a run. */
const dependenciesByFolder = new Map<string, ReadonlySet<string>>();

function readDependencies(manifestPath: string): ReadonlySet<string> | undefined {
  let text: string;
  try {
    text = fs.readFileSync(manifestPath, 'utf8');
  } catch {
    return undefined;
  }
  try {
    const manifest = JSON.parse(text) as Record<string, unknown>;
    const names = new Set<string>();
    for (const field of ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies']) {
      const block = manifest[field];
      if (block && typeof block === 'object') for (const name of Object.keys(block)) names.add(name);
    }
    return names;
  } catch {
    // An unreadable manifest says nothing about dependencies.
    return new Set();
  }
}

/**
 * The dependencies declared by the package.json nearest to `filename` (walking up from its
 * folder), or an empty set when there is none or the file has no real path (`<input>`).
 */
export function projectDependencies(filename: string): ReadonlySet<string> {
  if (!path.isAbsolute(filename)) return new Set();
  const visited: string[] = [];
  let folder = path.dirname(filename);
  let found: ReadonlySet<string> = new Set();
  for (;;) {
    const cached = dependenciesByFolder.get(folder);
    if (cached) {
      found = cached;
      break;
    }
    visited.push(folder);
    const dependencies = readDependencies(path.join(folder, 'package.json'));
    if (dependencies) {
      found = dependencies;
      break;
    }
    const parent = path.dirname(folder);
    if (parent === folder) break;
    folder = parent;
  }
  for (const each of visited) dependenciesByFolder.set(each, found);
  return found;
}
