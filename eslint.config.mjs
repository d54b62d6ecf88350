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
);
