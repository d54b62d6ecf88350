import type { Dirent } from 'node:fs';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';

import ignore from 'ignore';
import type { Ignore } from 'ignore';

/** Every JavaScript and TypeScript flavour. */
export const LINTED_EXTENSIONS = new Set(['.js', '.mjs', '.cjs', '.jsx', '.ts', '.mts', '.cts', '.tsx']);

/** Folders never walked into: installed packages, build output, coverage reports, version control. */
const IGNORED_FOLDERS = new Set(['node_modules', 'dist', 'coverage', '.git']);
const MINIFIED = /\.min\.[cm]?js$/i;

/**
 * Above this size a file is skipped, found in a folder or named: it is generated or minified, not
 * code to review, and the rules' cost grows with its length. The editor's default
 * (`asyncPitfalls.maxFileSize`) is the same.
 */
export const MAX_FILE_BYTES = 1_000_000;

export interface FileListOptions {
  /** Where relative `--ignore-pattern`s start (the current directory). */
  cwd: string;
  /** .gitignore-style patterns, relative to `cwd`. */
  ignorePatterns: readonly string[];
  /** Honour the `.gitignore` files of the walked folders and of their repository. */
  gitignore: boolean;
}

export interface FileList {
  /** Absolute paths, sorted, each once. */
  files: string[];
  /** One note per file left out, with the reason (`<path>: skipped, …`). */
  skipped: string[];
  /** Paths given that do not exist. */
  missing: string[];
}

/** A path as the user reads it: relative to the current folder when inside it, else absolute. */
export function displayPath(cwd: string, file: string): string {
  const relative = path.relative(cwd, file);
  if (relative === '') return '.';
  return relative.startsWith('..') || path.isAbsolute(relative) ? file : relative;
}

/** True when the first bytes hold a NUL: text source files never do. */
async function looksBinary(file: string): Promise<boolean> {
  const handle = await fs.open(file, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(8192), 0, 8192, 0);
    return buffer.subarray(0, bytesRead).includes(0);
  } finally {
    await handle.close();
  }
}

/** Why a file is not linted, or undefined when it is. */
async function skipReason(file: string, size: number): Promise<string | undefined> {
  if (size > MAX_FILE_BYTES) {
    return `${(size / 1_000_000).toFixed(1)} MB is larger than the ${MAX_FILE_BYTES / 1_000_000} MB limit`;
  }
  return (await looksBinary(file)) ? 'binary file' : undefined;
}

/** The rules of one `.gitignore`, which apply to paths below its folder. */
interface GitignoreRules {
  dir: string;
  rules: Ignore;
}

async function readGitignore(dir: string): Promise<GitignoreRules | undefined> {
  try {
    return { dir, rules: ignore().add(await fs.readFile(path.join(dir, '.gitignore'), 'utf8')) };
  } catch {
    return undefined;
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await fs.stat(file);
    return true;
  } catch {
    return false;
  }
}

/** The `.gitignore` files of the folders above `dir`, up to the repository's root (outermost first); none outside a repository. */
async function ancestorGitignores(dir: string): Promise<GitignoreRules[]> {
  const found: GitignoreRules[] = [];
  for (let folder = path.dirname(dir); ; folder = path.dirname(folder)) {
    const rules = await readGitignore(folder);
    if (rules) found.unshift(rules);
    if (await exists(path.join(folder, '.git'))) return found;
    if (path.dirname(folder) === folder) return [];
  }
}

/** git's answer for one path: the last `.gitignore` (innermost) that has a say wins. */
function isGitignored(stack: readonly GitignoreRules[], absolute: string, isDirectory: boolean): boolean {
  let ignored = false;
  for (const { dir, rules } of stack) {
    const relative = path.relative(dir, absolute).split(path.sep).join('/');
    const result = rules.test(isDirectory ? `${relative}/` : relative);
    if (result.ignored) ignored = true;
    else if (result.unignored) ignored = false;
  }
  return ignored;
}

/**
 * The files to lint for the paths given on the command line. A folder is walked, leaving out
 * installed packages, build output (`dist`, `coverage`), `*.min.js`, what `.gitignore` files
 * exclude and what `--ignore-pattern`s match. A file named on the command line is linted unless an
 * `--ignore-pattern` matches it. Either way a file that is binary or larger than `MAX_FILE_BYTES`
 * is skipped with a note, and a named file that is not JavaScript or TypeScript too.
 */
export async function listFiles(paths: readonly string[], options: FileListOptions): Promise<FileList> {
  const patterns = ignore().add(options.ignorePatterns as string[]);
  const matchesPattern = (absolute: string, isDirectory: boolean, root: string): boolean => {
    if (options.ignorePatterns.length === 0) return false;
    let relative = path.relative(options.cwd, absolute);
    // A path outside the current directory is matched from the folder it was found in.
    if (relative.startsWith('..') || path.isAbsolute(relative)) relative = path.relative(root, absolute);
    if (relative === '') return false;
    const slashed = relative.split(path.sep).join('/');
    return patterns.ignores(isDirectory ? `${slashed}/` : slashed);
  };

  const files = new Set<string>();
  const skipped: string[] = [];
  const missing: string[] = [];
  const display = (absolute: string): string => displayPath(options.cwd, absolute);

  async function consider(absolute: string, size: number): Promise<void> {
    const reason = await skipReason(absolute, size);
    if (reason) skipped.push(`${display(absolute)}: skipped, ${reason}`);
    else files.add(absolute);
  }

  async function walk(dir: string, root: string, stack: GitignoreRules[]): Promise<void> {
    const own = options.gitignore ? await readGitignore(dir) : undefined;
    const rules = own ? [...stack, own] : stack;
    let entries: Dirent[];
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch (error) {
      skipped.push(`${display(dir)}: skipped, ${(error as NodeJS.ErrnoException).code ?? 'unreadable'}`);
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const absolute = path.join(dir, entry.name);
      const isDirectory = entry.isDirectory();
      if (isDirectory ? IGNORED_FOLDERS.has(entry.name) : MINIFIED.test(entry.name)) continue;
      if (isGitignored(rules, absolute, isDirectory) || matchesPattern(absolute, isDirectory, root)) continue;
      if (isDirectory) {
        await walk(absolute, root, rules);
      } else if (entry.isFile() && LINTED_EXTENSIONS.has(path.extname(entry.name).toLowerCase())) {
        await consider(absolute, (await fs.stat(absolute)).size);
      }
    }
  }

  for (const given of paths) {
    const absolute = path.resolve(options.cwd, given);
    let stats;
    try {
      stats = await fs.stat(absolute);
    } catch {
      missing.push(given);
      continue;
    }
    if (stats.isDirectory()) {
      let stack: GitignoreRules[] = [];
      if (options.gitignore) {
        stack = await ancestorGitignores(absolute);
        // A folder named on the command line is linted even when a .gitignore above excludes it.
        if (isGitignored(stack, absolute, true)) stack = [];
      }
      await walk(absolute, absolute, stack);
    } else if (matchesPattern(absolute, false, path.dirname(absolute))) {
      continue;
    } else if (!LINTED_EXTENSIONS.has(path.extname(absolute).toLowerCase())) {
      skipped.push(`${display(absolute)}: skipped, not a JavaScript or TypeScript file`);
    } else {
      await consider(absolute, stats.size);
    }
  }
  return { files: [...files].sort(), skipped, missing };
}
