import * as fs from 'node:fs';
import * as path from 'node:path';

import { MAX_FILE_BYTES } from '../module-exports';

/**
 * The JavaScript and TypeScript source files of a package, with their text: what the callers
 * model searches for the modules that import a function. Listed once per process and package
 * folder (a lint of a whole project asks for the same package at every file); dropped when the
 * language server reports that files changed (`forgetPackageFiles`).
 */
export interface PackageFile {
  readonly path: string;
  readonly text: string;
}

/** Past this many files a package is not searched: its callers stay unknown. */
export const MAX_PACKAGE_FILES = 4000;
const MAX_DEPTH = 16;
const SOURCE_FILE = /\.(?:[cm]?[jt]s|[jt]sx)$/;
const NOT_SOURCE = /\.d\.[cm]?ts$|\.min\.js$/;
/** Folders that hold dependencies, output or tooling state, never the package's own code. */
const SKIPPED_FOLDERS = new Set(['node_modules', 'dist', 'build', 'out', 'coverage', 'bower_components', 'vendor']);

const listings = new Map<string, readonly PackageFile[] | null>();
/** Counts the times files were forgotten: what was learned from the listings before is stale. */
let generation = 0;

/** Changes whenever a listing is forgotten; answers computed from the listings keep the generation they were computed in. */
export function packageFilesGeneration(): number {
  return generation;
}

function list(dir: string): PackageFile[] | null {
  const found: PackageFile[] = [];
  const walk = (folder: string, depth: number): boolean => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(folder, { withFileTypes: true });
    } catch {
      return true;
    }
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) {
        if (SKIPPED_FOLDERS.has(entry.name) || depth >= MAX_DEPTH) continue;
        // A folder with its own package.json is another package, with callers of its own.
        if (fs.existsSync(path.join(full, 'package.json'))) continue;
        if (!walk(full, depth + 1)) return false;
      } else if (entry.isFile() && SOURCE_FILE.test(entry.name) && !NOT_SOURCE.test(entry.name)) {
        if (found.length >= MAX_PACKAGE_FILES) return false;
        let text: string;
        try {
          if (fs.statSync(full).size > MAX_FILE_BYTES) continue;
          text = fs.readFileSync(full, 'utf8');
        } catch {
          continue;
        }
        found.push({ path: full, text });
      }
    }
    return true;
  };
  return walk(dir, 0) ? found : null;
}

/** The package's source files under `dir`, or undefined when there are too many to search. */
export function packageSourceFiles(dir: string): readonly PackageFile[] | undefined {
  let known = listings.get(dir);
  if (known === undefined) {
    known = list(dir);
    listings.set(dir, known);
  }
  return known ?? undefined;
}

/**
 * Forgets the listings of the packages holding these files (every listing when none is given):
 * a file created, removed or edited changes who calls what.
 */
export function forgetPackageFiles(paths?: readonly string[]): void {
  generation += 1;
  if (!paths) {
    listings.clear();
    return;
  }
  for (const dir of [...listings.keys()]) {
    if (paths.some(file => !path.relative(dir, file).startsWith('..'))) listings.delete(dir);
  }
}
