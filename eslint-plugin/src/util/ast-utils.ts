import * as eslintUtils from '@eslint-community/eslint-utils';
import type { ASTUtils as TypedASTUtils } from '@typescript-eslint/utils';

/**
 * The run-time parts of `@typescript-eslint/utils` that the rules use, taken from the packages it
 * re-exports them from. `@typescript-eslint/utils` itself has a required `typescript` peer: as a
 * dependency it would make npm install TypeScript for every JavaScript-only user, and fail with
 * ERESOLVE next to TypeScript 7. Its types are still the ones the rules are written against.
 */
export { AST_NODE_TYPES } from '@typescript-eslint/types';

export const ASTUtils: Pick<typeof TypedASTUtils, 'findVariable' | 'isParenthesized'> = {
  findVariable: eslintUtils.findVariable as unknown as typeof TypedASTUtils.findVariable,
  isParenthesized: eslintUtils.isParenthesized as unknown as typeof TypedASTUtils.isParenthesized,
};
