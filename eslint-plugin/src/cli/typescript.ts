import * as fs from 'node:fs';
import Module, { createRequire } from 'node:module';
import * as path from 'node:path';

import type { TSESLint } from '@typescript-eslint/utils';
import type * as ts from 'typescript';

/**
 * Which TypeScript the command line parses TypeScript with. typescript-eslint needs TypeScript's
 * compiler API, which TypeScript 7 (the native compiler) does not have: its package exports a
 * version and nothing else. So the project's own `typescript` is used when it has the API, and
 * otherwise `@typescript/typescript6` (TypeScript 6's API, published for running beside 7) when
 * it is installed. Without either, JavaScript is still linted and each TypeScript file says why
 * it is not.
 */
export interface TypeScriptSetup {
  parser?: TSESLint.FlatConfig.Parser;
  /** The compiler API in use (reads tsconfig files for `--types`). */
  typescript?: typeof ts;
  /** Said once on stderr: a TypeScript other than the project's `typescript` is in use, or none. */
  note?: string;
  /** Why TypeScript files cannot be parsed (each one reports it), when they cannot. */
  missing?: string;
}

interface FoundPackage {
  /** The folder of the package that `require` loads. */
  root: string;
  version: string;
  /** Loads the package by name, resolved as it was found. */
  load: () => unknown;
}

const SIDE_BY_SIDE_INSTALL =
  'npm install --save-dev typescript@npm:@typescript/typescript6 @typescript/native@npm:typescript@^7 typescript-eslint';

function findPackage(name: string, from: readonly string[]): FoundPackage | undefined {
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
function hasCompilerApi(found: FoundPackage): boolean {
  return Number.parseInt(found.version, 10) < 7 && fs.existsSync(path.join(found.root, 'lib', 'typescript.js'));
}

/** The real TypeScript 6 package behind `@typescript/typescript6` (which only re-exports it). */
function typescript6Package(from: readonly string[]): FoundPackage | undefined {
  const wrapper = findPackage('@typescript/typescript6', from);
  if (!wrapper) return undefined;
  const inner = findPackage('@typescript/old', [wrapper.root]);
  return inner && hasCompilerApi(inner) ? inner : undefined;
}

let redirected: string | undefined;

/**
 * Makes every `require('typescript')` and `require('typescript/…')` of this process load the
 * package at `root`: typescript-eslint requires `typescript` by name. Only the command line's own
 * process does this, before the parser is first loaded.
 */
function redirectTypeScript(root: string): void {
  if (redirected !== undefined) return;
  redirected = root;
  const internals = Module as unknown as { _resolveFilename: (request: string, ...rest: unknown[]) => string };
  const resolve = internals._resolveFilename;
  internals._resolveFilename = function resolveTypeScript(request: string, ...rest: unknown[]): string {
    if (request === 'typescript') return resolve.call(this, root, ...rest);
    if (request.startsWith('typescript/')) return resolve.call(this, path.join(root, request.slice('typescript/'.length)), ...rest);
    return resolve.call(this, request, ...rest);
  };
}

function display(root: string, cwd: string): string {
  const relative = path.relative(cwd, root);
  return relative.startsWith('..') ? root : relative;
}

/**
 * Finds the parser and a TypeScript with the compiler API, looking in the project (`cwd`) first
 * and then next to the plugin.
 */
export function setUpTypeScript(cwd: string): TypeScriptSetup {
  const searchFrom = [cwd, __dirname];
  const parserPackage = findPackage('@typescript-eslint/parser', searchFrom);
  // What the parser would load by itself, else the project's own.
  const parserOwn = parserPackage && findPackage('typescript', [parserPackage.root]);
  const own = parserOwn ?? findPackage('typescript', searchFrom);
  const ownUsable = own && hasCompilerApi(own) ? own : undefined;
  const chosen = ownUsable ?? typescript6Package(parserPackage ? [cwd, parserPackage.root, __dirname] : searchFrom);

  if (!parserPackage) {
    const reason = own && !ownUsable ? `TypeScript ${own.version} has no compiler API, and typescript-eslint's parser is not installed` : 'typescript-eslint is not installed';
    return {
      missing: `TypeScript files need typescript-eslint's parser and a TypeScript with the compiler API (5.x or 6.x): ${reason}: ${
        own && !ownUsable ? SIDE_BY_SIDE_INSTALL : 'npm install --save-dev typescript typescript-eslint'
      }`,
    };
  }
  if (!chosen) {
    const reason = own ? `TypeScript ${own.version} has no compiler API (typescript-eslint needs 5.x or 6.x)` : 'the typescript package is not installed';
    return {
      missing: `TypeScript files need a TypeScript with the compiler API: ${reason}: ${
        own ? 'npm install --save-dev @typescript/typescript6' : 'npm install --save-dev typescript'
      }`,
    };
  }
  let note: string | undefined;
  if (chosen.root !== parserOwn?.root) redirectTypeScript(chosen.root);
  if (chosen !== ownUsable) {
    const instead = own ? `TypeScript ${own.version} (${display(own.root, cwd)}) has no compiler API` : 'the typescript package is not installed';
    note = `${instead}; TypeScript is parsed with TypeScript ${chosen.version} from @typescript/typescript6`;
  }
  try {
    const parser = parserPackage.load() as TSESLint.FlatConfig.Parser;
    const typescript = createRequire(path.join(parserPackage.root, 'package.json'))('typescript') as typeof ts;
    return { parser, typescript, note };
  } catch (error) {
    return { missing: `TypeScript files cannot be parsed: ${(error as Error).message.split('\n')[0] ?? ''}`, note };
  }
}
