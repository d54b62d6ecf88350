import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { FileDeclarations } from './file-declarations';
import { beginLint, moduleLoader } from './modules';

export type { DeclaredType, Signature, Structure } from './declared-type';
export * as declared from './declared-type';
export { FileDeclarations } from './file-declarations';
export { forgetDeclarations } from './modules';

/** One index per linted file, shared by every rule that asks (ESLint gives each rule the same tree). */
const perFile = new WeakMap<TSESTree.Program, FileDeclarations>();

/** What the file being linted declares, and through its imports, what relative modules declare. */
export function getFileDeclarations(sourceCode: Readonly<TSESLint.SourceCode>, filename: string | undefined): FileDeclarations {
  let declarations = perFile.get(sourceCode.ast);
  if (!declarations) {
    beginLint();
    declarations = new FileDeclarations(sourceCode.ast, {
      sourceCode,
      filename: filename !== undefined && /^(?:\/|[A-Za-z]:[\\/])/.test(filename) ? filename : undefined,
      loader: moduleLoader,
    });
    perFile.set(sourceCode.ast, declarations);
  }
  return declarations;
}
