import * as fs from 'node:fs';
import { builtinModules } from 'node:module';
import * as path from 'node:path';

import type { TSESTree } from '@typescript-eslint/utils';

import { clearModuleExportsCache, forgetModuleExports, getParser, MAX_FILE_BYTES, resolveRelativeModule } from '../module-exports';
import { forgetTsconfigs, nearestTsconfigOptions } from '../project/runtime-support';
import { forgetPackageFiles } from '../project/package-files';
import { clearWorkspaceCache } from '../project/workspace-packages';
import { forgetSourceFiles } from '../source/disk-source-code';
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
  /** The lint in which the file's mtime and size were last checked. */
  checkedInLint: number;
}

/**
 * Counts the files linted: a module is checked against the disk once per lint, not at every
 * question a rule asks about it (a file imports the same module at many places).
 */
let currentLint = 0;

/** Called when a new file is being linted: every module read is checked against the disk again. */
export function beginLint(): void {
  currentLint += 1;
}

/**
 * The files read, least recently used first (a Map keeps insertion order). Bounded: a workspace
 * scan in the editor reads every module, and each entry holds a syntax tree and its text.
 */
const files = new Map<string, Entry>();
export const MAX_CACHED_FILES = 200;

/** How many files the process cache holds now (for the test of its bound). */
export function cachedFileCount(): number {
  return files.size;
}

function remember(file: string, entry: Entry): void {
  files.delete(file);
  files.set(file, entry);
  if (files.size > MAX_CACHED_FILES) files.delete(files.keys().next().value as string);
}
/** Package declaration entry points, by the folder asking and the specifier; read once per process. */
const packageTypes = new Map<string, string | undefined>();
const BUILTINS = new Set(builtinModules);

/** Folders searched upwards for `node_modules`. */
const MAX_PACKAGE_SEARCH_DEPTH = 12;
const owners = new WeakMap<TSESTree.Node, FileDeclarations>();

function read(file: string): FileDeclarations | undefined {
  const cached = files.get(file);
  if (cached?.checkedInLint === currentLint) {
    remember(file, cached);
    return cached.declarations;
  }
  let stats: fs.Stats | undefined;
  try {
    stats = fs.statSync(file, { throwIfNoEntry: false });
  } catch {
    stats = undefined;
  }
  if (!stats) {
    files.delete(file);
    return undefined;
  }
  if (cached && cached.mtimeMs === stats.mtimeMs && cached.size === stats.size) {
    cached.checkedInLint = currentLint;
    remember(file, cached);
    return cached.declarations;
  }
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
  remember(file, { mtimeMs: stats.mtimeMs, size: stats.size, declarations, checkedInLint: currentLint });
  return declarations;
}

/** Resolves a module specifier to a file: relative specifiers (`./db.js` naming `./db.ts` too), then packages' declarations. */
export function resolveModuleFile(fromFile: string, specifier: string): string | undefined {
  if (specifier.startsWith('.')) {
    // Inside a package, a relative import names the declarations next to the emitted file.
    if (isInsideNodeModules(fromFile)) return declarationFor(path.resolve(path.dirname(fromFile), specifier)) ?? declarationFor(`${path.resolve(path.dirname(fromFile), specifier)}.js`);
    return resolveRelativeModule(fromFile, specifier);
  }
  if (!isInsideNodeModules(fromFile)) {
    const mapped = resolveTsconfigPath(fromFile, specifier);
    if (mapped) return mapped;
  }
  return resolvePackageTypes(fromFile, specifier);
}

/** By folder and specifier: whether it names a module of the program (see `namesProgramModule`); dropped when files change. */
const programSpecifiers = new Map<string, boolean>();

export const moduleLoader: ModuleLoader = {
  load(fromFile, specifier) {
    const file = resolveModuleFile(fromFile, specifier);
    return file === undefined ? undefined : read(file);
  },
  ownerOf(program) {
    return owners.get(program);
  },
  currentLint() {
    return currentLint;
  },
  namesProgramModule(fromFile, specifier) {
    if (specifier.startsWith('.')) return true;
    if (isInsideNodeModules(fromFile)) return false;
    // Remembered for the process by folder: a bare specifier is mostly a package's, and finding
    // that out costs a stat per extension under the tsconfig's baseUrl.
    const key = `${path.dirname(fromFile)}\0${specifier}`;
    let known = programSpecifiers.get(key);
    if (known === undefined) {
      known = resolveTsconfigPath(fromFile, specifier) !== undefined;
      programSpecifiers.set(key, known);
    }
    return known;
  },
};

/**
 * Forgets what was read from these files (all files when none is given): the language server
 * calls it when files change on disk, as an edit may keep a file's size and mtime.
 */
export function forgetDeclarations(paths?: readonly string[]): void {
  // A file created or removed may be what a specifier names now.
  programSpecifiers.clear();
  forgetSourceFiles(paths);
  forgetPackageFiles(paths);
  // A package added to the workspace, or a workspace's list edited.
  if (!paths || paths.some(file => /(?:^|[\\/])(?:package\.json|pnpm-workspace\.yaml)$/.test(file))) clearWorkspaceCache();
  if (!paths) {
    files.clear();
    packageTypes.clear();
    clearModuleExportsCache();
    forgetTsconfigs();
    return;
  }
  for (const file of paths) files.delete(file);
  forgetModuleExports(paths);
  // A tsconfig created, removed or edited changes what `paths` and `baseUrl` map.
  if (paths.some(file => /\.json$/i.test(file))) forgetTsconfigs();
}

function isInsideNodeModules(file: string): boolean {
  return file.split(/[\\/]/).includes('node_modules');
}

function readJson(file: string): Record<string, unknown> | undefined {
  try {
    const value = JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function isFile(file: string): boolean {
  try {
    return fs.statSync(file, { throwIfNoEntry: false })?.isFile() ?? false;
  } catch {
    return false;
  }
}

/** The declaration file for an emitted JavaScript path (`./dist/index.js` → `./dist/index.d.ts`). */
function declarationFor(file: string): string | undefined {
  if (/\.d\.[cm]?ts$/.test(file)) return isFile(file) ? file : undefined;
  const stem = file.replace(/\.[cm]?js$/, '');
  const flavour = /\.([cm])js$/.exec(file)?.[1] ?? '';
  for (const candidate of [`${stem}.d.${flavour}ts`, `${stem}.d.ts`, path.join(file, 'index.d.ts')]) {
    if (isFile(candidate)) return candidate;
  }
  return undefined;
}

/** The `types` target of a package.json `exports` entry, through nested conditions. */
function typesFromExports(entry: unknown, depth = 0): string | undefined {
  if (depth > 4 || entry === null || entry === undefined) return undefined;
  if (typeof entry === 'string') return entry;
  if (Array.isArray(entry)) return typesFromExports(entry[0], depth + 1);
  if (typeof entry !== 'object') return undefined;
  const conditions = entry as Record<string, unknown>;
  for (const key of ['types', 'import', 'require', 'node', 'default']) {
    if (key in conditions) {
      const found = typesFromExports(conditions[key], depth + 1);
      if (found) return found;
    }
  }
  return undefined;
}

/** The declaration file a package's manifest names for a subpath (`.` for the package itself). */
function packageEntry(packageDir: string, subpath: string): string | undefined {
  const manifest = readJson(path.join(packageDir, 'package.json'));
  if (!manifest) return undefined;
  const exportsField = manifest.exports;
  if (exportsField !== undefined && exportsField !== null) {
    const map = typeof exportsField === 'object' && !Array.isArray(exportsField) && Object.keys(exportsField).some(key => key.startsWith('.'))
      ? (exportsField as Record<string, unknown>)
      : { '.': exportsField };
    const target = typesFromExports(map[subpath]);
    if (target) return declarationFor(path.join(packageDir, target));
  }
  if (subpath === '.') {
    const declared = manifest.types ?? manifest.typings;
    if (typeof declared === 'string') return declarationFor(path.join(packageDir, declared));
    const main = typeof manifest.main === 'string' ? manifest.main : 'index.js';
    return declarationFor(path.join(packageDir, main));
  }
  return declarationFor(path.join(packageDir, subpath));
}

/**
 * The declaration file of a package as TypeScript finds it: the package's own `types`/`typings`,
 * its `exports` type conditions, a `.d.ts` next to its entry, else `@types/<name>`. Node's built-in
 * modules are not read (their declarations are large and the rules know them already).
 */
function resolvePackageTypes(fromFile: string, specifier: string): string | undefined {
  if (specifier.startsWith('node:') || specifier.startsWith('/') || BUILTINS.has(specifier.split('/')[0]!)) return undefined;
  const parts = specifier.split('/');
  const nameLength = specifier.startsWith('@') ? 2 : 1;
  if (parts.length < nameLength || parts.some(part => part === '' || part === '..')) return undefined;
  const name = parts.slice(0, nameLength).join('/');
  const subpath = parts.length > nameLength ? `./${parts.slice(nameLength).join('/')}` : '.';
  const start = path.dirname(fromFile);
  const key = `${start}\0${specifier}`;
  if (packageTypes.has(key)) return packageTypes.get(key);
  let found: string | undefined;
  let dir = start;
  for (let depth = 0; depth < MAX_PACKAGE_SEARCH_DEPTH && found === undefined; depth++) {
    if (path.basename(dir) !== 'node_modules') {
      const packageDir = path.join(dir, 'node_modules', name);
      if (isFile(path.join(packageDir, 'package.json'))) found = packageEntry(packageDir, subpath);
      if (found === undefined) {
        const typesName = name.startsWith('@') ? name.slice(1).replace('/', '__') : name;
        const typesDir = path.join(dir, 'node_modules', '@types', typesName);
        if (isFile(path.join(typesDir, 'package.json'))) found = packageEntry(typesDir, subpath);
      }
    }
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  packageTypes.set(key, found);
  return found;
}

/** A file under `folder` named by a path relative to it, as a relative import would find it. */
function resolveUnder(folder: string, relative: string): string | undefined {
  return resolveRelativeModule(path.join(folder, 'index.ts'), `./${relative.replace(/^\.\//, '')}`);
}

/**
 * A specifier mapped by the nearest tsconfig's `paths` (longest matching pattern first, each
 * target in order), else found under its `baseUrl`. Read through TypeScript's own config reader
 * (with `extends`), so only when TypeScript is installed.
 */
function resolveTsconfigPath(fromFile: string, specifier: string): string | undefined {
  const options = nearestTsconfigOptions(fromFile);
  if (!options) return undefined;
  const base = (options as { pathsBasePath?: string }).pathsBasePath ?? options.baseUrl;
  if (options.paths && base) {
    let best: { pattern: string; star: string } | undefined;
    for (const pattern of Object.keys(options.paths)) {
      const starAt = pattern.indexOf('*');
      if (starAt < 0) {
        if (pattern === specifier) {
          best = { pattern, star: '' };
          break;
        }
        continue;
      }
      const prefix = pattern.slice(0, starAt);
      const suffix = pattern.slice(starAt + 1);
      if (specifier.length >= prefix.length + suffix.length && specifier.startsWith(prefix) && specifier.endsWith(suffix)) {
        if (!best || prefix.length > best.pattern.indexOf('*')) best = { pattern, star: specifier.slice(prefix.length, specifier.length - suffix.length) };
      }
    }
    if (best) {
      for (const target of options.paths[best.pattern] ?? []) {
        const found = resolveUnder(base, target.replace('*', best.star));
        if (found) return found;
      }
    }
  }
  return options.baseUrl ? resolveUnder(options.baseUrl, specifier) : undefined;
}
