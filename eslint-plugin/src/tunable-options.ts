// No imports: the language server reads this table before it loads the parser and TypeScript.

/**
 * The rule options an editor or a CLI flag is likely to tune, by the name of the setting that
 * carries them. A rule that does not exist (yet) or lacks the option is skipped with a warning.
 */
export const TUNABLE_RULE_OPTIONS = {
  blockingCalls: { rule: 'no-blocking-in-async', option: 'blockingCalls' },
  allowBlockingCalls: { rule: 'no-blocking-in-async', option: 'allow' },
  resources: { rule: 'no-unclosed-resource', option: 'resources' },
  knownSafeCalls: { rule: 'no-missing-await', option: 'allowForKnownSafeCalls' },
} as const satisfies Record<string, { rule: string; option: string }>;

export type TunableSetting = keyof typeof TUNABLE_RULE_OPTIONS;

/** Turns tunable settings (`{ blockingCalls: [...] }`) into `ruleOptions` for `createDefaultConfig`. */
export function ruleOptionsFromTunables(
  values: Partial<Record<TunableSetting, unknown>>,
): Record<string, Record<string, unknown>> {
  const ruleOptions: Record<string, Record<string, unknown>> = {};
  for (const [setting, target] of Object.entries(TUNABLE_RULE_OPTIONS)) {
    const value = values[setting as TunableSetting];
    if (value === undefined || (Array.isArray(value) && value.length === 0)) continue;
    ruleOptions[target.rule] = { ...ruleOptions[target.rule], [target.option]: value };
  }
  return ruleOptions;
}
