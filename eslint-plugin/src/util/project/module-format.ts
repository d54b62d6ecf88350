import * as path from 'node:path';

import { nearestPackageManifest } from './package-manifest';

export type ModuleFormat = 'module' | 'commonjs';

export interface ModuleFormatOfFile {
  format: ModuleFormat;
  /**
   * True when the extension decides (`.mjs`, `.cjs`, `.mts`, `.cts`). Otherwise the nearest
   * package.json's `type` does, and a CommonJS file that holds module syntax (`import`, `export`,
   * `import.meta`) is an ES module after all: Node (20.19, 22.12 and later) detects that when
   * `type` is absent, and bundlers when it says `commonjs`.
   */
  byExtension: boolean;
}

const MODULE_EXTENSIONS = new Set(['.mjs', '.mts']);
const COMMONJS_EXTENSIONS = new Set(['.cjs', '.cts']);

/** The module format Node gives a file: by its extension, else by the nearest package.json's `type`. */
export function moduleFormatOf(filename: string): ModuleFormatOfFile {
  const extension = path.extname(filename).toLowerCase();
  if (MODULE_EXTENSIONS.has(extension)) return { format: 'module', byExtension: true };
  if (COMMONJS_EXTENSIONS.has(extension)) return { format: 'commonjs', byExtension: true };
  return { format: nearestPackageManifest(filename)?.type === 'module' ? 'module' : 'commonjs', byExtension: false };
}
