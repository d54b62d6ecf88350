// The repository lints itself with its own plugin (built to eslint-plugin/dist by `npm run build`).
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

import asyncPitfalls from './eslint-plugin/dist/index.js';

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      'examples/**',
      'test/fixtures/**',
      'test/vscode/fixtures/**',
      'bench/.work/**',
      'eval/.work/**',
      '.vscode-host/**',
      '.tmp/**',
      // npm run fuzz's reproducers (ignored by git): shrunk programs, not the repository's code.
      '.fuzz/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  asyncPitfalls.configs.all,
  {
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['test/**/*.ts'],
    languageOptions: { globals: { ...globals.mocha } },
  },
  {
    // The published plugin depends on none of these at run time: each declares a required
    // `typescript` peer, which npm would install for JavaScript-only users (and which fails next
    // to TypeScript 7). Their types are fine; run-time helpers come from util/ast-utils.ts.
    files: ['eslint-plugin/src/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: ['@typescript-eslint/utils', '@typescript-eslint/parser', '@typescript-eslint/typescript-estree', 'typescript'].map(name => ({
            name,
            allowTypeImports: true,
            message: 'Not a run-time dependency of the plugin: import its types only (AST_NODE_TYPES and ASTUtils come from util/ast-utils).',
          })),
        },
      ],
    },
  },
);
