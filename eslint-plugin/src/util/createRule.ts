import type { ESLintUtils } from '@typescript-eslint/utils';

import { CODE_CONTEXT_NAMES } from './context/code-context';
import type { ContextsOption } from './context/contexts-option';
import { withCodeContextFilter } from './context/contexts-option';

export const REPOSITORY_URL = 'https://github.com/async-pitfalls/async-pitfalls';

/** Which of the plugin's configs first enables a rule; `strict` and `all` include `recommended`. */
export type RuleConfigName = 'recommended' | 'strict';

export interface AsyncPitfallsRuleDocs {
  description: string;
  /** The smallest config the rule belongs to; absent: only in `all`. */
  recommended?: RuleConfigName;
  /** True when the rule does nothing without type information (no rule here does). */
  requiresTypeChecking?: boolean;
  /** True when the rule becomes more precise with type information. */
  usesTypeInformation?: boolean;
}

export function ruleDocsUrl(ruleName: string): string {
  return `${REPOSITORY_URL}/blob/main/docs/rules/${ruleName}.md`;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `second` over `first`, objects merged key by key at every depth; arrays and other values replace. */
function deepMerge(first: Record<string, unknown>, second: Record<string, unknown>): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...first };
  for (const [key, value] of Object.entries(second)) {
    const base = merged[key];
    merged[key] = isPlainObject(base) && isPlainObject(value) ? deepMerge(base, value) : value;
  }
  return merged;
}

/** Each option the user gave, deep-merged over its default (as typescript-eslint's `applyDefault`). */
function applyDefault<Options extends readonly unknown[]>(defaults: Readonly<Options>, given: readonly unknown[] | undefined): Options {
  const options = structuredClone(defaults) as unknown as unknown[];
  options.forEach((option, index) => {
    const user = given?.[index];
    if (user === undefined) return;
    options[index] = isPlainObject(option) && isPlainObject(user) ? deepMerge(option, user) : user;
  });
  return options as unknown as Options;
}

/** Distinct option sets remembered per rule (a language server may see many configs over time). */
const MAX_MERGED_OPTIONS = 32;

/** Options shared by every file are read, never written: freezing makes a rule that writes fail at once. */
function deepFreeze<Value>(value: Value): Value {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

type NamedRuleModule<Options extends readonly unknown[], MessageIds extends string> = ESLintUtils.RuleModule<
  MessageIds,
  Options,
  AsyncPitfallsRuleDocs
> & { name: string };

/**
 * typescript-eslint's `ESLintUtils.RuleCreator`, with the same rule shape: the docs URL from the
 * rule's name, and `create` called with the options merged over `defaultOptions`. Written here
 * because `@typescript-eslint/utils` cannot be a run-time dependency (see `ast-utils.ts`).
 */
function createNamedRule<Options extends readonly unknown[], MessageIds extends string>({
  name,
  meta,
  defaultOptions,
  create,
}: Readonly<ESLintUtils.RuleWithMetaAndName<Options, MessageIds, AsyncPitfallsRuleDocs>>): NamedRuleModule<Options, MessageIds> {
  const defaults = (defaultOptions ?? []) as Readonly<Options>;
  // ESLint hands each file a fresh copy of the same configured options: merge each distinct
  // configuration once, not once per file (the clone and merge showed in profiles of the editor).
  const merged = new Map<string, Options>();
  return {
    name,
    meta: { ...meta, docs: { ...meta.docs, url: ruleDocsUrl(name) } },
    defaultOptions: defaults,
    create(context) {
      const key = JSON.stringify(context.options);
      let options = merged.get(key);
      if (!options) {
        options = deepFreeze(applyDefault<Options>(defaults, context.options));
        if (merged.size >= MAX_MERGED_OPTIONS) merged.clear();
        merged.set(key, options);
      }
      return create(context, options);
    },
  };
}

/**
 * Every rule of the plugin: `createNamedRule` (docs URL, default options), plus the `contexts`
 * option every rule has. A rule reports only where the code runs in one of its `contexts` (see
 * `util/context`): the filter sits here, once, so that every report of every rule goes through
 * it, and a rule that cannot report anywhere in a file does not run on it.
 */
export function createRule<Options extends readonly [ContextsOption, ...unknown[]], MessageIds extends string>(
  rule: Readonly<ESLintUtils.RuleWithMetaAndName<Options, MessageIds, AsyncPitfallsRuleDocs>>,
): NamedRuleModule<Options, MessageIds> {
  return createNamedRule<Options, MessageIds>({
    ...rule,
    create(context, options) {
      const filtered = withCodeContextFilter(context, options[0].contexts ?? CODE_CONTEXT_NAMES);
      return filtered ? rule.create(filtered, options) : {};
    },
  });
}
