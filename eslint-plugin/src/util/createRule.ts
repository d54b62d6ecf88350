import { ESLintUtils } from '@typescript-eslint/utils';

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

const createNamedRule = ESLintUtils.RuleCreator<AsyncPitfallsRuleDocs>(ruleDocsUrl);

/**
 * Every rule of the plugin: typescript-eslint's `RuleCreator` (docs URL, default options), plus the
 * `contexts` option every rule has. A rule reports only where the code runs in one of its
 * `contexts` (see `util/context`): the filter sits here, once, so that every report of every rule
 * goes through it, and a rule that cannot report anywhere in a file does not run on it.
 */
export function createRule<Options extends readonly [ContextsOption, ...unknown[]], MessageIds extends string>(
  rule: Readonly<ESLintUtils.RuleWithMetaAndName<Options, MessageIds, AsyncPitfallsRuleDocs>>,
): ReturnType<typeof createNamedRule<Options, MessageIds>> {
  return createNamedRule<Options, MessageIds>({
    ...rule,
    create(context, options) {
      const filtered = withCodeContextFilter(context, options[0].contexts ?? CODE_CONTEXT_NAMES);
      return filtered ? rule.create(filtered, options) : {};
    },
  });
}
