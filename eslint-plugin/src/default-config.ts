import type { TSESLint } from '@typescript-eslint/utils';

import type { ConfigName } from './configs';
import { CONFIG_RULES, PLUGIN_NAMESPACE } from './configs';

/** The files the built-in default lints: every JavaScript and TypeScript flavour. */
export const LINTED_FILE_PATTERNS = ['**/*.{js,mjs,cjs,jsx,ts,mts,cts,tsx}'];

export interface DefaultConfigOptions {
  /** Which of the plugin's configs to start from. */
  config?: ConfigName;
  /** Type-aware linting through typescript-eslint's project service (needs `typescript`). */
  typeAware?: boolean;
  /** Where the project's tsconfig lives (type-aware mode); defaults to the current directory. */
  tsconfigRootDir?: string;
  /** Per-rule severity overrides, by rule name with or without the plugin prefix. */
  ruleSeverities?: Record<string, 'off' | 'warn' | 'error'>;
  /** Rule options, by rule name with or without the plugin prefix (the rule's first option object). */
  ruleOptions?: Record<string, Record<string, unknown>>;
}

function prefixed(ruleName: string): string {
  return ruleName.startsWith(`${PLUGIN_NAMESPACE}/`) ? ruleName : `${PLUGIN_NAMESPACE}/${ruleName}`;
}

/**
 * The configuration used when the user has none: the CLI and the language server both lint with
 * it, so that a file gets the same findings in the terminal and in the editor.
 */
export function createDefaultConfig(
  plugin: TSESLint.FlatConfig.Plugin,
  parser: TSESLint.FlatConfig.Parser,
  options: DefaultConfigOptions = {},
): TSESLint.FlatConfig.ConfigArray {
  const rules: Record<string, TSESLint.FlatConfig.RuleEntry> = { ...CONFIG_RULES[options.config ?? 'recommended'] };
  for (const [name, severity] of Object.entries(options.ruleSeverities ?? {})) {
    rules[prefixed(name)] = severity;
  }
  for (const [name, ruleOptions] of Object.entries(options.ruleOptions ?? {})) {
    const key = prefixed(name);
    const entry = rules[key];
    if (entry === undefined || entry === 'off' || entry === 0) continue;
    const severity = Array.isArray(entry) ? entry[0] : entry;
    rules[key] = [severity, ruleOptions];
  }
  const parserOptions: TSESLint.FlatConfig.ParserOptions = {
    ecmaVersion: 'latest',
    sourceType: 'module',
    ecmaFeatures: { jsx: true },
  };
  if (options.typeAware) {
    parserOptions.projectService = { allowDefaultProject: ['*.js', '*.mjs', '*.cjs'] };
    parserOptions.tsconfigRootDir = options.tsconfigRootDir ?? process.cwd();
  }
  return [
    {
      name: `${PLUGIN_NAMESPACE}/default`,
      files: LINTED_FILE_PATTERNS,
      plugins: { [PLUGIN_NAMESPACE]: plugin },
      languageOptions: { parser, parserOptions },
      linterOptions: { reportUnusedDisableDirectives: 'off' },
      rules,
    },
    {
      name: `${PLUGIN_NAMESPACE}/commonjs`,
      files: ['**/*.cjs'],
      languageOptions: { sourceType: 'commonjs' },
    },
  ];
}
