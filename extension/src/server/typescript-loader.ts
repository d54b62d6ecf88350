import Module from 'node:module';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Oldest TypeScript that @typescript-eslint/typescript-estree supports. */
const MINIMUM_VERSION = [4, 8, 4];

export interface TypeScriptChoice {
  /** Folder of the `typescript` package that `require('typescript')` loads. */
  root: string;
  /** The extension's own copy, or the workspace's `node_modules/typescript`. */
  source: 'bundled' | 'workspace';
  version: string;
}

function readVersion(root: string): string | undefined {
  try {
    const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version?: unknown };
    return typeof manifest.version === 'string' ? manifest.version : undefined;
  } catch {
    return undefined;
  }
}

function isSupported(version: string): boolean {
  const parts = version.split(/[.-]/).slice(0, 3).map(Number);
  for (let index = 0; index < 3; index++) {
    const part = parts[index] ?? 0;
    const minimum = MINIMUM_VERSION[index] ?? 0;
    if (Number.isNaN(part)) return false;
    if (part !== minimum) return part > minimum;
  }
  return true;
}

/**
 * The workspace's own TypeScript when the workspace is trusted and has a supported one (the first
 * folder that has one wins: one process holds one TypeScript), the bundled one otherwise.
 */
export function chooseTypeScript(bundledRoot: string, folders: readonly string[], trusted: boolean): TypeScriptChoice {
  if (trusted) {
    for (const folder of folders) {
      const root = path.join(folder, 'node_modules', 'typescript');
      const version = readVersion(root);
      if (version !== undefined && isSupported(version)) return { root, source: 'workspace', version };
    }
  }
  return { root: bundledRoot, source: 'bundled', version: readVersion(bundledRoot) ?? 'unknown' };
}

let installed: TypeScriptChoice | undefined;

/**
 * Routes every `require('typescript')` and `require('typescript/…')` of the bundled parser to the
 * chosen package. Must run before the parser is first loaded; later calls keep the first choice.
 */
export function installTypeScript(choice: TypeScriptChoice): TypeScriptChoice {
  if (installed) return installed;
  installed = choice;
  const moduleInternals = Module as unknown as {
    _resolveFilename: (request: string, ...rest: unknown[]) => string;
  };
  const originalResolve = moduleInternals._resolveFilename;
  moduleInternals._resolveFilename = function resolveTypeScript(request: string, ...rest: unknown[]): string {
    if (request === 'typescript') return originalResolve.call(this, choice.root, ...rest);
    if (request.startsWith('typescript/')) {
      return originalResolve.call(this, path.join(choice.root, request.slice('typescript/'.length)), ...rest);
    }
    return originalResolve.call(this, request, ...rest);
  };
  return choice;
}
