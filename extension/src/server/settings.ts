import type { ConfigName, RuleSeverity } from 'eslint-plugin-async-pitfalls/default-config';
import type { TunableSetting } from 'eslint-plugin-async-pitfalls/tunable-options';
import { TUNABLE_RULE_OPTIONS } from 'eslint-plugin-async-pitfalls/tunable-options';

export type RunMode = 'onType' | 'onSave';
export type WorkspaceConfigMode = 'auto' | 'never';

export interface Settings {
  enable: boolean;
  run: RunMode;
  config: ConfigName;
  rules: Record<string, RuleSeverity>;
  typeAware: boolean;
  exclude: string[];
  useWorkspaceConfig: WorkspaceConfigMode;
  maxFileSize: number;
  lintBudgetMs: number;
  /** Tunable rule options (`blockingCalls`, `resources`, ...), passed on by rule name. */
  tunables: Partial<Record<TunableSetting, unknown[]>>;
  /** Any rule's options, by rule name: `{ "no-blocking-in-async": { "checkBusyWait": false } }`. */
  ruleOptions: Record<string, Record<string, unknown>>;
}

export const DEFAULT_SETTINGS: Settings = {
  enable: true,
  run: 'onType',
  config: 'recommended',
  rules: {},
  typeAware: false,
  exclude: [],
  useWorkspaceConfig: 'auto',
  maxFileSize: 1_000_000,
  lintBudgetMs: 1500,
  tunables: {},
  ruleOptions: {},
};

const SEVERITIES: readonly string[] = ['off', 'warn', 'error'];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Reads the `asyncPitfalls` section as the client sent it. Every value that is not what the
 * setting accepts is reported (by setting name) and replaced by its default.
 */
export function parseSettings(raw: unknown): { settings: Settings; problems: string[] } {
  const problems: string[] = [];
  const source = isRecord(raw) ? raw : {};
  const settings: Settings = { ...DEFAULT_SETTINGS, rules: {}, tunables: {}, ruleOptions: {} };
  const bad = (name: string, value: unknown, expected: string, fallback: unknown): void => {
    problems.push(
      `asyncPitfalls.${name}: ${JSON.stringify(value)} is not ${expected}; using ${JSON.stringify(fallback)}.`,
    );
  };
  const oneOf = <T extends string>(name: keyof Settings, allowed: readonly T[], fallback: T): T => {
    const value = source[name];
    if (value === undefined || value === null) return fallback;
    if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
    bad(name, value, `one of ${allowed.join(', ')}`, fallback);
    return fallback;
  };
  const bool = (name: keyof Settings, fallback: boolean): boolean => {
    const value = source[name];
    if (value === undefined || value === null) return fallback;
    if (typeof value === 'boolean') return value;
    bad(name, value, 'true or false', fallback);
    return fallback;
  };
  const positiveNumber = (name: keyof Settings, fallback: number): number => {
    const value = source[name];
    if (value === undefined || value === null) return fallback;
    if (typeof value === 'number' && Number.isFinite(value) && value > 0) return value;
    bad(name, value, 'a positive number', fallback);
    return fallback;
  };

  settings.enable = bool('enable', DEFAULT_SETTINGS.enable);
  settings.run = oneOf('run', ['onType', 'onSave'], DEFAULT_SETTINGS.run);
  settings.config = oneOf('config', ['recommended', 'strict', 'all'], DEFAULT_SETTINGS.config);
  settings.typeAware = bool('typeAware', DEFAULT_SETTINGS.typeAware);
  settings.useWorkspaceConfig = oneOf('useWorkspaceConfig', ['auto', 'never'], DEFAULT_SETTINGS.useWorkspaceConfig);
  settings.maxFileSize = positiveNumber('maxFileSize', DEFAULT_SETTINGS.maxFileSize);
  settings.lintBudgetMs = positiveNumber('lintBudgetMs', DEFAULT_SETTINGS.lintBudgetMs);

  const rules = source.rules;
  if (isRecord(rules)) {
    for (const [name, severity] of Object.entries(rules)) {
      if (typeof severity === 'string' && SEVERITIES.includes(severity)) {
        settings.rules[name] = severity as RuleSeverity;
      } else {
        problems.push(`asyncPitfalls.rules["${name}"]: ${JSON.stringify(severity)} is not off, warn or error; ignored.`);
      }
    }
  } else if (rules !== undefined && rules !== null) {
    bad('rules', rules, 'an object of rule name → off|warn|error', {});
  }

  const exclude = source.exclude;
  if (Array.isArray(exclude) && exclude.every(item => typeof item === 'string')) {
    settings.exclude = exclude as string[];
  } else if (exclude !== undefined && exclude !== null) {
    bad('exclude', exclude, 'a list of glob patterns', []);
  }

  for (const setting of Object.keys(TUNABLE_RULE_OPTIONS) as TunableSetting[]) {
    const value = source[setting];
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) settings.tunables[setting] = value as unknown[];
    else bad(setting, value, 'a list', []);
  }

  const ruleOptions = source.ruleOptions;
  if (isRecord(ruleOptions)) {
    for (const [name, options] of Object.entries(ruleOptions)) {
      if (isRecord(options)) settings.ruleOptions[name] = options;
      else problems.push(`asyncPitfalls.ruleOptions["${name}"]: ${JSON.stringify(options)} is not an object; ignored.`);
    }
  } else if (ruleOptions !== undefined && ruleOptions !== null) {
    bad('ruleOptions', ruleOptions, 'an object of rule name → options', {});
  }

  return { settings, problems };
}
