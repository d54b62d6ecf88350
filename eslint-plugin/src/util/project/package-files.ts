import * as fs from 'node:fs';
import * as path from 'node:path';

import { MAX_FILE_BYTES } from '../module-exports';

/**
 * The JavaScript and TypeScript source files of a package, with their text: what the callers
 * model searches for the modules that import a function. Listed once per package folder and kept
 * for the process (a lint of a whole project asks for the same package at many files). A listing
 * older than `RECHECK_MS` is checked against the disk when asked for again (the modification times
 * of its folders and files; a file changed is read again, a folder changed is listed again), so an
 * editor's server sees files another program changed; the language server also drops listings
 * when it is told of a change (`forgetPackageFiles`). Checking at most every `RECHECK_MS` keeps a
 * whole-project lint linear in the number of files.
 */
export interface PackageFile {
  readonly path: string;
  readonly text: string;
}

/** Past this many files a package is not searched: its callers stay unknown. */
export const MAX_PACKAGE_FILES = 4000;
const RECHECK_MS = 2000;
const MAX_DEPTH = 16;
const SOURCE_FILE = /\.(?:[cm]?[jt]s|[jt]sx)$/;
const NOT_SOURCE = /\.d\.[cm]?ts$|\.min\.js$/;
/** A file the listing holds: JavaScript or TypeScript source, not a declaration file, a minified one or a hidden one. */
function isSourceFileName(name: string): boolean {
  return !name.startsWith('.') && SOURCE_FILE.test(name) && !NOT_SOURCE.test(name);
}

/** Folders that hold dependencies, output or tooling state, never the package's own code. */
const SKIPPED_FOLDERS = new Set(['node_modules', 'dist', 'build', 'out', 'coverage', 'bower_components', 'vendor']);

interface ListedFile extends PackageFile {
  readonly stamp: string;
}

interface Listing {
  /** Undefined when the package has too many files to search. */
  readonly files: readonly ListedFile[] | undefined;
  /** Every folder walked, with its modification time: an entry added or removed changes it. */
  readonly folders: ReadonlyMap<string, number>;
  checkedAt: number;
}

const listings = new Map<string, Listing>();
/** Counts the changes seen: what was learned from the listings before is stale. */
let generation = 0;

/** Changes whenever a listing changes or is forgotten; answers computed from the listings keep the generation they were computed in. */
export function packageFilesGeneration(): number {
  return generation;
}

function stampOf(file: string): { stamp: string; size: number } | undefined {
  try {
    const stats = fs.statSync(file, { throwIfNoEntry: false });
    return stats?.isFile() ? { stamp: `${stats.mtimeMs}:${stats.size}`, size: stats.size } : undefined;
  } catch {
    return undefined;
  }
}

function folderTime(folder: string): number | undefined {
  try {
    return fs.statSync(folder, { throwIfNoEntry: false })?.mtimeMs;
  } catch {
    return undefined;
  }
}

/**
 * Files up to this size are searched by their text. A larger one is read too: a module that
 * mentions the function and is too large to parse (over `MAX_FILE_BYTES`) leaves its callers
 * unknown rather than unseen; past this size the package is not searched at all.
 */
const MAX_TEXT_BYTES = 16 * MAX_FILE_BYTES;

function readFile(full: string, known?: ListedFile): ListedFile | 'too large' | undefined {
  const stamp = stampOf(full);
  if (!stamp) return undefined;
  if (stamp.size > MAX_TEXT_BYTES) return 'too large';
  if (known?.stamp === stamp.stamp) return known;
  try {
    return { path: full, text: fs.readFileSync(full, 'utf8'), stamp: stamp.stamp };
  } catch {
    return undefined;
  }
}

function list(dir: string, previous?: ReadonlyMap<string, ListedFile>): Listing {
  const files: ListedFile[] = [];
  const folders = new Map<string, number>();
  const walk = (folder: string, depth: number): boolean => {
    let entries: fs.Dirent[];
    try {
      folders.set(folder, folderTime(folder) ?? -1);
      entries = fs.readdirSync(folder, { withFileTypes: true });
    } catch {
      return true;
    }
    for (const entry of entries) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) {
        if (entry.name.startsWith('.')) continue;
        if (SKIPPED_FOLDERS.has(entry.name) || depth >= MAX_DEPTH) continue;
        // A folder with its own package.json is another package, with callers of its own.
        if (fs.existsSync(path.join(full, 'package.json'))) continue;
        if (!walk(full, depth + 1)) return false;
      } else if (entry.isFile() && isSourceFileName(entry.name)) {
        if (files.length >= MAX_PACKAGE_FILES) return false;
        const file = readFile(full, previous?.get(full));
        if (file === 'too large') return false;
        if (file) files.push(file);
      }
    }
    return true;
  };
  const complete = walk(dir, 0);
  return { files: complete ? files : undefined, folders, checkedAt: Date.now() };
}

/** True when the disk still holds what the listing read: the same folders' entries, the same files. */
function isCurrent(listing: Listing): boolean {
  for (const [folder, time] of listing.folders) if ((folderTime(folder) ?? -1) !== time) return false;
  return (listing.files ?? []).every(file => stampOf(file.path)?.stamp === file.stamp);
}

/** The package's source files under `dir`, or undefined when there are too many to search. */
export function packageSourceFiles(dir: string): readonly PackageFile[] | undefined {
  let listing = listings.get(dir);
  if (listing && Date.now() - listing.checkedAt >= RECHECK_MS) {
    if (isCurrent(listing)) listing.checkedAt = Date.now();
    else {
      listing = list(dir, new Map((listing.files ?? []).map(file => [file.path, file])));
      listings.set(dir, listing);
      generation += 1;
    }
  }
  if (!listing) {
    listing = list(dir);
    listings.set(dir, listing);
  }
  return listing.files;
}

/**
 * Tells the listings that these files changed (every listing is dropped when none is given): a
 * file of a listing is read again, or left out when it is gone, and a new source file in a folder
 * the listing walked is added; a listing that cannot be brought up to date so (a new folder) is
 * dropped, to be made again when next asked for. An editor saving a file costs one read.
 */
export function forgetPackageFiles(paths?: readonly string[]): void {
  generation += 1;
  if (!paths) {
    listings.clear();
    return;
  }
  for (const [dir, listing] of [...listings]) {
    const changed = paths.filter(file => !path.relative(dir, file).startsWith('..'));
    if (changed.length === 0) continue;
    const updated = updateListing(listing, changed);
    if (updated) listings.set(dir, updated);
    else listings.delete(dir);
  }
}

function updateListing(listing: Listing, changed: readonly string[]): Listing | undefined {
  if (!listing.files) return undefined;
  const files = new Map(listing.files.map(file => [file.path, file]));
  const folders = new Map(listing.folders);
  for (const file of changed) {
    const folder = path.dirname(file);
    if (!folders.has(folder)) {
      // A file outside the folders walked: a source file there means a folder the listing lacks.
      if (isSourceFileName(path.basename(file)) && stampOf(file)) return undefined;
      continue;
    }
    folders.set(folder, folderTime(folder) ?? -1);
    files.delete(file);
    if (!isSourceFileName(path.basename(file))) continue;
    const read = readFile(file);
    if (read === 'too large') return { files: undefined, folders, checkedAt: Date.now() };
    if (read) files.set(file, read);
  }
  if (files.size > MAX_PACKAGE_FILES) return { files: undefined, folders, checkedAt: Date.now() };
  return { files: [...files.values()], folders, checkedAt: listing.checkedAt };
}
