import * as eslintUtils from '@eslint-community/eslint-utils';
import type { ASTUtils as TypedASTUtils } from '@typescript-eslint/utils';

/**
 * The run-time parts of `@typescript-eslint/utils` that the rules use, taken from the packages it
 * re-exports them from. `@typescript-eslint/utils` itself has a required `typescript` peer: as a
 * dependency it would make npm install TypeScript for every JavaScript-only user, and fail with
 * ERESOLVE next to TypeScript 7. Its types are still the ones the rules are written against.
 */
import { AST_NODE_TYPES as NODE_TYPES } from '@typescript-eslint/types';

/**
 * The node type enum, held in a constant of this module: a re-export compiles to a getter that
 * every `AST_NODE_TYPES.X` in the rules would call (it showed in profiles of a keystroke).
 */
export const AST_NODE_TYPES = NODE_TYPES;
// The enum's type, for the type positions that name it.
export type AST_NODE_TYPES = NODE_TYPES;

export const ASTUtils: Pick<typeof TypedASTUtils, 'findVariable' | 'isParenthesized'> = {
  findVariable: eslintUtils.findVariable as unknown as typeof TypedASTUtils.findVariable,
  isParenthesized: eslintUtils.isParenthesized as unknown as typeof TypedASTUtils.isParenthesized,
};
