import * as path from 'node:path';

import minVersion from 'semver/ranges/min-version';
import type * as ts from 'typescript';

import { nearestPackageManifest } from './package-manifest';

/** The first Node release whose V8 has `using` and `await using` (explicit resource management). */
const NODE_WITH_USING = 24;
/** The first Node 20 with `Symbol.dispose` and `Symbol.asyncDispose`, which TypeScript's down-levelled `using` needs. */
const NODE_WITH_DISPOSE_SYMBOLS = 20;

const TYPESCRIPT_FILE = /\.[cm]?tsx?$/i;
/** The libs that declare `Symbol.asyncDispose` and `AsyncDisposable`. */
const DISPOSABLE_LIB = /^lib\.esnext(?:\.disposable|\.full)?\.d\.ts$/i;

/** The lowest Node version `engines.node` of the nearest package.json admits, as a major number. */
function minimumNodeMajor(filename: string): number | undefined {
  const range = nearestPackageManifest(filename)?.enginesNode;
  if (range === undefined) return undefined;
  try {
    return minVersion(range)?.major;
  } catch {
    return undefined;
  }
}

type TypeScript = typeof ts;
let typescriptModule: TypeScript | null | undefined;

/** TypeScript's compiler API, when installed (TypeScript 7 has none). */
function loadTypeScript(): TypeScript | undefined {
  if (typescriptModule === undefined) {
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const loaded = require('typescript') as Partial<TypeScript>;
      typescriptModule = typeof loaded.parseJsonConfigFileContent === 'function' ? (loaded as TypeScript) : null;
    } catch {
      typescriptModule = null;
    }
  }
  return typescriptModule ?? undefined;
}

/** By tsconfig path: its compiler options, read once per process. */
const tsconfigOptions = new Map<string, ts.CompilerOptions | undefined>();
/** By folder: the nearest tsconfig.json (found by a stat in each folder up to the root, so asked once per folder). */
const nearestTsconfigPath = new Map<string, string | undefined>();

/** Forgets the tsconfig files found and read (the language server calls it when such a file changes). */
export function forgetTsconfigs(): void {
  tsconfigOptions.clear();
  nearestTsconfigPath.clear();
}

/** The compiler options of the nearest tsconfig.json (with its `extends`), without listing its files. */
export function nearestTsconfigOptions(filename: string): ts.CompilerOptions | undefined {
  const typescript = loadTypeScript();
  if (!typescript) return undefined;
  const folder = path.dirname(filename);
  if (!nearestTsconfigPath.has(folder)) nearestTsconfigPath.set(folder, typescript.findConfigFile(folder, typescript.sys.fileExists));
  const configPath = nearestTsconfigPath.get(folder);
  if (configPath === undefined) return undefined;
  if (!tsconfigOptions.has(configPath)) {
    const { config, error } = typescript.readConfigFile(configPath, typescript.sys.readFile);
    const host: ts.ParseConfigHost = { ...typescript.sys, readDirectory: () => [] };
    tsconfigOptions.set(
      configPath,
      error ? undefined : typescript.parseJsonConfigFileContent(config, host, path.dirname(configPath), undefined, configPath).options,
    );
  }
  return tsconfigOptions.get(configPath);
}

/**
 * Whether the code in `filename` can use `using` and `await using` where the project runs it.
 * JavaScript runs as written: the nearest package.json's `engines.node` must admit only Node 24
 * and later. TypeScript needs a lib that declares the dispose symbols (`esnext`,
 * `esnext.disposable`) in its tsconfig (the program's options when there is one); with target
 * `esnext` the declarations reach the runtime as written, which must then be Node 24 too, and
 * with an older target TypeScript rewrites them to code that needs only the dispose symbols.
 * Anything unknown answers no: the `try`/`finally` form works everywhere.
 */
export function allowsUsingDeclarations(filename: string, programOptions?: ts.CompilerOptions): boolean {
  const nodeMajor = minimumNodeMajor(filename);
  if (!TYPESCRIPT_FILE.test(filename)) return nodeMajor !== undefined && nodeMajor >= NODE_WITH_USING;
  const options = programOptions ?? nearestTsconfigOptions(filename);
  if (!options) return false;
  // 99 is ScriptTarget.ESNext, stable across TypeScript versions (no import of typescript here).
  const emitsAsWritten = options.target === 99;
  const libs = options.lib ?? (emitsAsWritten ? ['lib.esnext.full.d.ts'] : []);
  if (!libs.some(lib => DISPOSABLE_LIB.test(path.basename(lib)))) return false;
  if (emitsAsWritten) return nodeMajor !== undefined && nodeMajor >= NODE_WITH_USING;
  return nodeMajor === undefined || nodeMajor >= NODE_WITH_DISPOSE_SYMBOLS;
}
