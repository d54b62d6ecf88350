import type { ESLint, Linter } from 'eslint';

import type { RuleConfigName } from './util/createRule';
import { rules } from './rules';

export const PLUGIN_NAMESPACE = 'async-pitfalls';

export type ConfigName = 'recommended' | 'strict' | 'all';

export const CONFIG_NAMES: readonly ConfigName[] = ['recommended', 'strict', 'all'];

/** The TypeScript flavours: the files the type-checked presets parse with a TypeScript program. */
export const TYPESCRIPT_FILE_PATTERNS = ['**/*.{ts,mts,cts,tsx}'];

type Severity = 'error' | 'warn';

/**
 * Rules that belong to `recommended` are errors; the strict-only rules find smells rather than
 * bugs and are warnings; `all` turns on every rule at its usual severity.
 */
function ruleEntries(include: (level: RuleConfigName | undefined) => boolean): Record<string, Severity> {
  const entries: Record<string, Severity> = {};
  for (const [name, rule] of Object.entries(rules)) {
    const level = rule.meta.docs?.recommended;
    if (!include(level)) continue;
    entries[`${PLUGIN_NAMESPACE}/${name}`] = level === 'recommended' ? 'error' : 'warn';
  }
  return entries;
}

export const CONFIG_RULES: Record<ConfigName, Record<string, Severity>> = {
  recommended: ruleEntries(level => level === 'recommended'),
  strict: ruleEntries(level => level === 'recommended' || level === 'strict'),
  all: ruleEntries(() => true),
};

/**
 * The plugin's configs, typed with ESLint's own types so that `defineConfig`, `extends`,
 * `Linter.Config[]` and `ESLint.Plugin` accept them in an `eslint.config.ts` or a `// @ts-check`
 * file (typescript-eslint's `config()` accepts them too). A type rather than an interface: only a
 * type is assignable to the string index of `ESLint.Plugin['configs']`.
 */
export type PluginConfigs = {
  /** The rules that find bugs, as errors. */
  recommended: Linter.Config;
  /** `recommended` plus the rules that find smells, as warnings. */
  strict: Linter.Config;
  /** Every rule. */
  all: Linter.Config;
  /** `recommended` with type information for TypeScript files (needs `typescript` and `typescript-eslint`). */
  'recommended-type-checked': Linter.Config[];
  /** `strict` with type information for TypeScript files. */
  'strict-type-checked': Linter.Config[];
  /** `all` with type information for TypeScript files. */
  'all-type-checked': Linter.Config[];
  /** The same objects under the names that eslint-plugin-n and eslint-plugin-promise users reach for. */
  'flat/recommended': Linter.Config;
  'flat/strict': Linter.Config;
  'flat/all': Linter.Config;
  'flat/recommended-type-checked': Linter.Config[];
  'flat/strict-type-checked': Linter.Config[];
  'flat/all-type-checked': Linter.Config[];
};

const TYPESCRIPT_ESLINT_MISSING =
  'the type-checked configs of eslint-plugin-async-pitfalls parse TypeScript with typescript-eslint, which is not installed: npm install --save-dev typescript typescript-eslint';

/**
 * `@typescript-eslint/parser` is an optional peer (a required dependency would install TypeScript
 * for JavaScript-only users): it is loaded when ESLint first reads a type-checked config, and its
 * absence is said then, in one line.
 */
function loadTypeScriptParser(): Linter.Parser {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require('@typescript-eslint/parser') as Linter.Parser;
  } catch (error) {
    if ((error as { code?: string }).code === 'MODULE_NOT_FOUND') throw new Error(TYPESCRIPT_ESLINT_MISSING, { cause: error });
    throw error;
  }
}

/** TypeScript files parsed with a program from the nearest tsconfig (typescript-eslint's project service). */
function typeCheckedLanguageOptions(name: string): Linter.Config {
  const config: Linter.Config = { name: `${PLUGIN_NAMESPACE}/${name}/typescript-program`, files: TYPESCRIPT_FILE_PATTERNS };
  let languageOptions: Linter.LanguageOptions | undefined;
  Object.defineProperty(config, 'languageOptions', {
    enumerable: true,
    configurable: true,
    get: (): Linter.LanguageOptions =>
      (languageOptions ??= { parser: loadTypeScriptParser(), parserOptions: { projectService: true } }),
  });
  return config;
}

export function buildConfigs(plugin: ESLint.Plugin): PluginConfigs {
  const make = (name: ConfigName): Linter.Config => ({
    name: `${PLUGIN_NAMESPACE}/${name}`,
    plugins: { [PLUGIN_NAMESPACE]: plugin },
    rules: CONFIG_RULES[name],
  });
  const recommended = make('recommended');
  const strict = make('strict');
  const all = make('all');
  const recommendedTypeChecked = [typeCheckedLanguageOptions('recommended-type-checked'), recommended];
  const strictTypeChecked = [typeCheckedLanguageOptions('strict-type-checked'), strict];
  const allTypeChecked = [typeCheckedLanguageOptions('all-type-checked'), all];
  return {
    recommended,
    strict,
    all,
    'recommended-type-checked': recommendedTypeChecked,
    'strict-type-checked': strictTypeChecked,
    'all-type-checked': allTypeChecked,
    'flat/recommended': recommended,
    'flat/strict': strict,
    'flat/all': all,
    'flat/recommended-type-checked': recommendedTypeChecked,
    'flat/strict-type-checked': strictTypeChecked,
    'flat/all-type-checked': allTypeChecked,
  };
}
