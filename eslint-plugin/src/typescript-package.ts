import * as fs from 'node:fs';
import Module, { createRequire } from 'node:module';
import * as path from 'node:path';

/**
 * Which installed TypeScript can parse for typescript-eslint. The parser needs TypeScript's
 * compiler API, which TypeScript 7 (the native compiler) does not have: its package exports a
 * version and nothing else. `@typescript/typescript6` publishes TypeScript 6's API to run beside 7.
 * The command line and the editor's language server both choose through this module.
 */
export interface FoundPackage {
  /** The folder of the package that `require` loads. */
  root: string;
  version: string;
  /** Loads the package by name, resolved as it was found. */
  load: () => unknown;
}

/** The package that provides a TypeScript with the compiler API. */
export type TypeScriptOrigin = 'typescript' | '@typescript/typescript6';

export interface TypeScriptChoice {
  /** The project's own `typescript`, whatever its version, when installed. */
  own?: FoundPackage;
  /** A TypeScript with the compiler API: the project's own, else `@typescript/typescript6`'s. */
  usable?: FoundPackage & { origin: TypeScriptOrigin };
}

/** The package `name` as `require` finds it from the first of `from` (folders) that has it. */
export function findPackage(name: string, from: readonly string[]): FoundPackage | undefined {
  for (const folder of from) {
    try {
      const require = createRequire(path.join(folder, 'noop.js'));
      const manifestPath = require.resolve(`${name}/package.json`);
      const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8')) as { version?: unknown };
      const version = typeof manifest.version === 'string' ? manifest.version : '0';
      return { root: path.dirname(manifestPath), version, load: () => require(name) };
    } catch {
      // Not installed there.
    }
  }
  return undefined;
}

/** TypeScript 7 and later ship a native compiler with no JavaScript API. */
export function hasCompilerApi(found: FoundPackage): boolean {
  return Number.parseInt(found.version, 10) < 7 && fs.existsSync(path.join(found.root, 'lib', 'typescript.js'));
}

/** The real TypeScript 6 package behind `@typescript/typescript6` (which only re-exports it). */
export function typescript6Package(from: readonly string[]): FoundPackage | undefined {
  const wrapper = findPackage('@typescript/typescript6', from);
  if (!wrapper) return undefined;
  const inner = findPackage('@typescript/old', [wrapper.root]);
  return inner && hasCompilerApi(inner) ? inner : undefined;
}

/**
 * The TypeScript to parse with, looking from `from`: the project's own `typescript` when it has
 * the compiler API (and `accepts` it), otherwise `@typescript/typescript6`, looked for from
 * `typescript6From`.
 */
export function chooseTypeScriptPackage(
  from: readonly string[],
  options: { own?: FoundPackage; typescript6From?: readonly string[]; accepts?: (found: FoundPackage) => boolean } = {},
): TypeScriptChoice {
  const own = options.own ?? findPackage('typescript', from);
  const accepts = options.accepts ?? (() => true);
  if (own && hasCompilerApi(own) && accepts(own)) return { own, usable: { ...own, origin: 'typescript' } };
  const typescript6 = typescript6Package(options.typescript6From ?? from);
  return { own, usable: typescript6 && accepts(typescript6) ? { ...typescript6, origin: '@typescript/typescript6' } : undefined };
}

let redirected: string | undefined;

/**
 * Makes every `require('typescript')` and `require('typescript/…')` of this process load the
 * package at `root`: typescript-eslint requires `typescript` by name. Call it before the parser is
 * first loaded; one process holds one TypeScript, so later calls keep the first root, which is
 * returned.
 */
export function redirectTypeScript(root: string): string {
  if (redirected !== undefined) return redirected;
  redirected = root;
  const internals = Module as unknown as { _resolveFilename: (request: string, ...rest: unknown[]) => string };
  const resolve = internals._resolveFilename;
  internals._resolveFilename = function resolveTypeScript(request: string, ...rest: unknown[]): string {
    if (request === 'typescript') return resolve.call(this, root, ...rest);
    if (request.startsWith('typescript/')) return resolve.call(this, path.join(root, request.slice('typescript/'.length)), ...rest);
    return resolve.call(this, request, ...rest);
  };
  return root;
}
