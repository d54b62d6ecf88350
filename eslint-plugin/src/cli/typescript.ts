import { createRequire } from 'node:module';
import * as path from 'node:path';

import type { TSESLint } from '@typescript-eslint/utils';
import type * as ts from 'typescript';

import { chooseTypeScriptPackage, findPackage, redirectTypeScript } from '../typescript-package';

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

const SIDE_BY_SIDE_INSTALL =
  'npm install --save-dev typescript@npm:@typescript/typescript6 @typescript/native@npm:typescript@^7 typescript-eslint';

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
  const { own, usable: chosen } = chooseTypeScriptPackage(searchFrom, {
    own: parserOwn,
    typescript6From: parserPackage ? [cwd, parserPackage.root, __dirname] : searchFrom,
  });
  const ownUsable = chosen?.origin === 'typescript' ? chosen : undefined;

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
  if (!ownUsable) {
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
