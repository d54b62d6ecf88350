import * as fs from 'node:fs';
import * as path from 'node:path';

import type { FoundPackage } from 'eslint-plugin-async-pitfalls/typescript-package';
import { chooseTypeScriptPackage, redirectTypeScript } from 'eslint-plugin-async-pitfalls/typescript-package';

import type { TypeScriptSource } from '../shared/protocol';

/** Oldest TypeScript that @typescript-eslint/typescript-estree supports. */
const MINIMUM_VERSION = [4, 8, 4];

export interface TypeScriptChoice {
  /** Folder of the `typescript` package that `require('typescript')` loads. */
  root: string;
  /**
   * The extension's own copy, the workspace's `typescript`, or the TypeScript 6 that the
   * workspace's `@typescript/typescript6` provides beside a TypeScript 7.
   */
  source: TypeScriptSource;
  version: string;
  /** Why the workspace's own `typescript` is not the one in use, when it is installed and is not. */
  note?: string;
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

/** Why a workspace's own TypeScript cannot be the one the parser runs on. */
function unusable(own: FoundPackage): string {
  return Number.parseInt(own.version, 10) >= 7
    ? `The workspace's TypeScript ${own.version} (${own.root}) has no compiler API, which typescript-eslint needs (TypeScript 5 or 6)`
    : `The workspace's TypeScript ${own.version} (${own.root}) is older than typescript-eslint supports (${MINIMUM_VERSION.join('.')})`;
}

/**
 * The TypeScript the parser runs on, chosen as the command line chooses: in a trusted workspace,
 * the first folder's own `typescript` that has the compiler API, else the `@typescript/typescript6`
 * installed beside a TypeScript 7 (one process holds one TypeScript, so the first folder that
 * has either wins); the bundled one otherwise.
 */
export function chooseTypeScript(bundledRoot: string, folders: readonly string[], trusted: boolean): TypeScriptChoice {
  const bundled: TypeScriptChoice = { root: bundledRoot, source: 'bundled', version: readVersion(bundledRoot) ?? 'unknown' };
  if (!trusted) return bundled;
  const reasons: string[] = [];
  for (const folder of folders) {
    const { own, usable } = chooseTypeScriptPackage([folder], { accepts: found => isSupported(found.version) });
    if (usable?.origin === 'typescript') return { root: usable.root, source: 'workspace', version: usable.version };
    const reason = own && unusable(own);
    if (usable) {
      return {
        root: usable.root,
        source: 'typescript6',
        version: usable.version,
        note: `${reason ?? "The workspace's typescript package is not installed"}; TypeScript is parsed with TypeScript ${usable.version} from @typescript/typescript6 (${usable.root}).`,
      };
    }
    if (reason) reasons.push(reason);
  }
  if (reasons.length === 0) return bundled;
  const hint = reasons.some(reason => reason.includes('no compiler API'))
    ? ' To parse with a TypeScript 6 of the workspace beside its TypeScript 7: npm install --save-dev @typescript/typescript6.'
    : '';
  return { ...bundled, note: `${reasons.join('; ')}; TypeScript is parsed with the bundled TypeScript ${bundled.version}.${hint}` };
}

let installed: TypeScriptChoice | undefined;

/**
 * Routes every `require('typescript')` and `require('typescript/…')` of the bundled parser to the
 * chosen package. Must run before the parser is first loaded; later calls keep the first choice.
 */
export function installTypeScript(choice: TypeScriptChoice): TypeScriptChoice {
  if (installed) return installed;
  installed = choice;
  redirectTypeScript(choice.root);
  return choice;
}
