import { ESLintUtils } from '@typescript-eslint/utils';

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

export const createRule = ESLintUtils.RuleCreator<AsyncPitfallsRuleDocs>(ruleDocsUrl);
