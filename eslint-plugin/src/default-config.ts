import type { TSESLint } from '@typescript-eslint/utils';

import type { ConfigName } from './configs';
import { CONFIG_RULES, PLUGIN_NAMESPACE, TYPESCRIPT_FILE_PATTERNS } from './configs';
import { javascriptParser } from './javascript-parser';

export type { ConfigName } from './configs';
export { TYPESCRIPT_FILE_PATTERNS } from './configs';
export type { TunableSetting } from './tunable-options';
export { ruleOptionsFromTunables, TUNABLE_RULE_OPTIONS } from './tunable-options';

/** The files the built-in default lints: every JavaScript and TypeScript flavour. */
export const LINTED_FILE_PATTERNS = ['**/*.{js,mjs,cjs,jsx,ts,mts,cts,tsx}'];

export const MISSING_TYPESCRIPT_MESSAGE =
  'TypeScript files need the `typescript` package and typescript-eslint, which are not installed: npm install --save-dev typescript typescript-eslint';

/**
 * Stands in for `@typescript-eslint/parser` when it or `typescript` is missing, so that each
 * TypeScript file gets one clear finding instead of the whole run failing.
 */
export function missingTypeScriptParser(message = MISSING_TYPESCRIPT_MESSAGE): TSESLint.FlatConfig.Parser {
  return {
    meta: { name: `${PLUGIN_NAMESPACE}/missing-typescript` },
    parseForESLint(): never {
      throw new Error(message);
    },
  };
}

export type RuleSeverity = 'off' | 'warn' | 'error';

export interface DefaultConfigOptions {
  /** Which of the plugin's configs to start from. */
  config?: ConfigName;
  /** Type-aware linting through typescript-eslint's project service (needs `typescript`). */
  typeAware?: boolean;
  /** Where the project's tsconfig lives (type-aware mode); defaults to the current directory. */
  tsconfigRootDir?: string;
  /**
   * Type-aware mode: the files that belong to a tsconfig's program, which get types; the others
   * are linted without. Default: every file (the parser then fails the ones no tsconfig holds).
   */
  typedFiles?: (filePath: string) => boolean;
  /** Why TypeScript files cannot be parsed when `parser` is missing (each such file says it). */
  missingTypeScript?: string;
  /**
   * Per-rule severity overrides, by rule name with or without the plugin prefix. A name may hold
   * `*` wildcards (`prefer-*`, `*`); exact names win over patterns, longer patterns over shorter.
   */
  ruleSeverities?: Record<string, RuleSeverity>;
  /** Rule options, by rule name with or without the plugin prefix (the rule's first option object). */
  ruleOptions?: Record<string, Record<string, unknown>>;
  /**
   * Told about every setting that is ignored (an unknown rule, an option a rule does not have),
   * so that a caller can show it; without it such settings are dropped silently. Never throws.
   */
  onWarning?: (message: string) => void;
}

function prefixed(ruleName: string): string {
  return ruleName.startsWith(`${PLUGIN_NAMESPACE}/`) ? ruleName : `${PLUGIN_NAMESPACE}/${ruleName}`;
}

function unprefixed(ruleName: string): string {
  return ruleName.startsWith(`${PLUGIN_NAMESPACE}/`) ? ruleName.slice(PLUGIN_NAMESPACE.length + 1) : ruleName;
}

function wildcardToRegExp(pattern: string): RegExp {
  const escaped = pattern.split('*').map(part => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${escaped.join('.*')}$`);
}

interface RuleLike {
  meta?: { schema?: unknown };
}

/** The option names a rule's first option object accepts, or undefined when its schema says nothing usable. */
function knownOptionNames(rule: RuleLike): Set<string> | undefined {
  const schema = rule.meta?.schema;
  const first = Array.isArray(schema) ? (schema[0] as unknown) : undefined;
  if (typeof first !== 'object' || first === null) return undefined;
  const properties = (first as { properties?: unknown }).properties;
  if (typeof properties !== 'object' || properties === null) return undefined;
  return new Set(Object.keys(properties));
}

/**
 * The configuration used when the user has none: the CLI and the language server both lint with
 * it, so that a file gets the same findings in the terminal and in the editor.
 *
 * JavaScript is parsed by ESLint's own parser in the module format Node gives each file; `parser`
 * (`@typescript-eslint/parser`) parses TypeScript, and JavaScript too in type-aware mode. Without
 * it each TypeScript file reports why (`missingTypeScript`).
 */
export function createDefaultConfig(
  plugin: TSESLint.FlatConfig.Plugin,
  parser: TSESLint.FlatConfig.Parser | undefined,
  options: DefaultConfigOptions = {},
): TSESLint.FlatConfig.ConfigArray {
  const warn = options.onWarning ?? ((): void => undefined);
  const pluginRules = (plugin.rules ?? {}) as Record<string, RuleLike>;
  const ruleNames = Object.keys(pluginRules);
  const rules: Record<string, TSESLint.FlatConfig.RuleEntry> = { ...CONFIG_RULES[options.config ?? 'recommended'] };

  const severityEntries = Object.entries(options.ruleSeverities ?? {});
  const patterns = severityEntries
    .filter(([name]) => name.includes('*'))
    .sort(([a], [b]) => a.length - b.length);
  for (const [pattern, severity] of patterns) {
    const matcher = wildcardToRegExp(unprefixed(pattern));
    const matched = ruleNames.filter(name => matcher.test(name));
    if (matched.length === 0) warn(`"${pattern}" matches no rule of ${PLUGIN_NAMESPACE}; ignored.`);
    for (const name of matched) rules[prefixed(name)] = severity;
  }
  for (const [name, severity] of severityEntries) {
    if (name.includes('*')) continue;
    if (!(unprefixed(name) in pluginRules)) {
      warn(`${PLUGIN_NAMESPACE} has no rule "${unprefixed(name)}"; its severity setting is ignored.`);
      continue;
    }
    rules[prefixed(name)] = severity;
  }

  for (const [name, ruleOptions] of Object.entries(options.ruleOptions ?? {})) {
    const rule = pluginRules[unprefixed(name)];
    if (rule === undefined) {
      warn(`${PLUGIN_NAMESPACE} has no rule "${unprefixed(name)}"; its options are ignored.`);
      continue;
    }
    const key = prefixed(name);
    const entry = rules[key];
    if (entry === undefined || entry === 'off' || entry === 0) continue;
    const known = knownOptionNames(rule);
    const accepted: Record<string, unknown> = {};
    for (const [option, value] of Object.entries(ruleOptions)) {
      if (known !== undefined && !known.has(option)) {
        warn(`Rule "${unprefixed(name)}" has no option "${option}"; it is ignored.`);
        continue;
      }
      accepted[option] = value;
    }
    if (Object.keys(accepted).length === 0) continue;
    const severity = Array.isArray(entry) ? entry[0] : entry;
    rules[key] = [severity, accepted];
  }
  const configs: TSESLint.FlatConfig.ConfigArray = [
    {
      name: `${PLUGIN_NAMESPACE}/default`,
      files: LINTED_FILE_PATTERNS,
      plugins: { [PLUGIN_NAMESPACE]: plugin },
      // JavaScript in the module format Node gives it (see javascript-parser.ts). ecmaVersion and
      // sourceType belong to languageOptions: ESLint hands them to the parser.
      languageOptions: {
        ecmaVersion: 'latest',
        sourceType: 'module',
        parser: javascriptParser as TSESLint.FlatConfig.Parser,
        parserOptions: { ecmaFeatures: { jsx: true } },
      },
      linterOptions: { reportUnusedDisableDirectives: 'off' },
      rules,
    },
  ];
  if (!parser) {
    configs.push({
      name: `${PLUGIN_NAMESPACE}/typescript-missing`,
      files: TYPESCRIPT_FILE_PATTERNS,
      languageOptions: { parser: missingTypeScriptParser(options.missingTypeScript) },
    });
    return configs;
  }
  // No rule reads JSDoc: TypeScript parses it only where it carries types (JavaScript files of a
  // typed program), and not at all without types. The ESTree, tokens and comments are the same;
  // a parse takes about a fifth less. Without a program no rule maps ESTree nodes to TypeScript's;
  // not building the two maps saves about a tenth of each parse.
  configs.push({
    name: `${PLUGIN_NAMESPACE}/typescript`,
    files: TYPESCRIPT_FILE_PATTERNS,
    languageOptions: { parser, parserOptions: { preserveNodeMaps: false, jsDocParsingMode: 'none' } },
  });
  if (options.typeAware) {
    // Only the tsconfig's files: a default project for other files would also claim those of an
    // `allowJs` tsconfig, which the project service refuses. Files outside every tsconfig are
    // linted without types (the CLI passes `typedFiles`; otherwise the CLI and the language
    // server lint a file again without types when the parser cannot place it).
    const typedFiles = options.typedFiles;
    configs.push({
      name: `${PLUGIN_NAMESPACE}/type-aware`,
      // A function in `files` is matched against the file's absolute path (ESLint's config-array).
      files: typedFiles ? [typedFiles as unknown as string] : LINTED_FILE_PATTERNS,
      languageOptions: {
        parser,
        parserOptions: {
          projectService: true,
          tsconfigRootDir: options.tsconfigRootDir ?? process.cwd(),
          jsDocParsingMode: 'type-info',
          preserveNodeMaps: true,
        },
      },
    });
  }
  return configs;
}

/** What ESLint reports for a disable comment naming a rule that is not loaded. */
const UNKNOWN_RULE_PROBLEM = /^Definition for rule '[^']+' was not found\.?$/;
/**
 * What ESLint reports for an `/* eslint-env *\/` comment, which only eslintrc configs read. ESLint
 * 10 marks it fatal, yet lints the file all the same.
 */
const ESLINT_ENV_PROBLEM = /^\/\* eslint-env \*\/ comments are no longer (?:supported|recognized)/;

interface LintMessageLike {
  ruleId: string | null;
  message: string;
  severity: number;
  fatal?: boolean;
  fix?: unknown;
}

interface LintResultLike<Message extends LintMessageLike> {
  messages: Message[];
  errorCount: number;
  fatalErrorCount: number;
  warningCount: number;
  fixableErrorCount: number;
  fixableWarningCount: number;
}

/**
 * True for a problem ESLint raises about comments that configure the user's own ESLint setup, not
 * this plugin: an `eslint-disable` comment naming another plugin's rule (the built-in default loads
 * only this plugin), or an `/* eslint-env *\/` comment of an eslintrc-era config. Neither says
 * anything about the code; comments naming this plugin's rules keep working.
 */
export function isForeignConfigProblem(message: LintMessageLike): boolean {
  if (message.ruleId === null) return ESLINT_ENV_PROBLEM.test(message.message);
  return !message.ruleId.startsWith(`${PLUGIN_NAMESPACE}/`) && UNKNOWN_RULE_PROBLEM.test(message.message);
}

/** Drops the problems of `isForeignConfigProblem` from a lint result. Counts are recomputed. */
export function withoutForeignConfigProblems<Message extends LintMessageLike, Result extends LintResultLike<Message>>(
  result: Result,
): Result {
  if (!result.messages.some(isForeignConfigProblem)) return result;
  const messages = result.messages.filter(message => !isForeignConfigProblem(message));
  const errors = messages.filter(message => message.severity === 2);
  const warnings = messages.filter(message => message.severity === 1);
  return {
    ...result,
    messages,
    errorCount: errors.length,
    fatalErrorCount: errors.filter(message => message.fatal).length,
    warningCount: warnings.length,
    fixableErrorCount: errors.filter(message => message.fix !== undefined).length,
    fixableWarningCount: warnings.filter(message => message.fix !== undefined).length,
  };
}
