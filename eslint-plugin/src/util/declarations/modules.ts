import * as fs from 'node:fs';

import type { TSESTree } from '@typescript-eslint/utils';

import { getParser, MAX_FILE_BYTES, resolveRelativeModule } from '../module-exports';
import type { ModuleLoader } from './file-declarations';
import { FileDeclarations } from './file-declarations';
import { linkParents } from './scopes';

/**
 * The declarations of files read from disk, one per file for the whole process, keyed by path and
 * checked against the file's mtime and size on each use; a file that changed is read again.
 * Files over `MAX_FILE_BYTES` and files that do not parse give nothing. `.ts` files need
 * `@typescript-eslint/typescript-estree` (and so `typescript`); without it only JavaScript is read.
 */
interface Entry {
  mtimeMs: number;
  size: number;
  declarations: FileDeclarations | undefined;
}

const files = new Map<string, Entry>();
const owners = new WeakMap<TSESTree.Node, FileDeclarations>();

function read(file: string): FileDeclarations | undefined {
  let stats: fs.Stats;
  try {
    stats = fs.statSync(file);
  } catch {
    files.delete(file);
    return undefined;
  }
  const cached = files.get(file);
  if (cached && cached.mtimeMs === stats.mtimeMs && cached.size === stats.size) return cached.declarations;
  let declarations: FileDeclarations | undefined;
  const parse = stats.isFile() && stats.size <= MAX_FILE_BYTES ? getParser() : null;
  if (parse) {
    try {
      const text = fs.readFileSync(file, 'utf8');
      const program = parse(text, /\.(t|j)sx$/.test(file));
      if (program) {
        linkParents(program);
        declarations = new FileDeclarations(program, { filename: file, loader: moduleLoader, comments: program.comments ?? [], text });
        owners.set(program, declarations);
      }
    } catch {
      // A file that does not parse declares nothing; the file being linted is unaffected.
      declarations = undefined;
    }
  }
  files.set(file, { mtimeMs: stats.mtimeMs, size: stats.size, declarations });
  return declarations;
}

/** Resolves a module specifier to a file: relative specifiers (`./db.js` naming `./db.ts` too). */
export function resolveModuleFile(fromFile: string, specifier: string): string | undefined {
  return resolveRelativeModule(fromFile, specifier);
}

export const moduleLoader: ModuleLoader = {
  load(fromFile, specifier) {
    const file = resolveModuleFile(fromFile, specifier);
    return file === undefined ? undefined : read(file);
  },
  ownerOf(program) {
    return owners.get(program);
  },
};

/**
 * Forgets what was read from these files (all files when none is given): the language server
 * calls it when files change on disk, as an edit may keep a file's size and mtime.
 */
export function forgetDeclarations(paths?: readonly string[]): void {
  if (!paths) {
    files.clear();
    return;
  }
  for (const file of paths) files.delete(file);
}
