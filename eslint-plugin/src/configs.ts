import type { TSESLint } from '@typescript-eslint/utils';

import type { RuleConfigName } from './util/createRule';
import { rules } from './rules';

export const PLUGIN_NAMESPACE = 'async-pitfalls';

export type ConfigName = 'recommended' | 'strict' | 'all';

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

export function buildConfigs(plugin: TSESLint.FlatConfig.Plugin): Record<ConfigName, TSESLint.FlatConfig.Config> {
  const make = (name: ConfigName): TSESLint.FlatConfig.Config => ({
    name: `${PLUGIN_NAMESPACE}/${name}`,
    plugins: { [PLUGIN_NAMESPACE]: plugin },
    rules: CONFIG_RULES[name],
  });
  return { recommended: make('recommended'), strict: make('strict'), all: make('all') };
}
