import type { ESLint, Rule } from 'eslint';

import type { PluginConfigs } from './configs';
import { buildConfigs } from './configs';
import { rules } from './rules';

// Read at run time so that the published version is the one in package.json.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { name, version } = require('../package.json') as { name: string; version: string };

/**
 * The plugin as ESLint's own types describe one, so that an `eslint.config.ts` type-checks with
 * nothing but `eslint` installed (the rules are written against typescript-eslint's types, which
 * describe the same objects).
 */
interface AsyncPitfallsPlugin extends ESLint.Plugin {
  meta: { name: string; version: string; namespace: string };
  rules: Record<string, Rule.RuleModule>;
  configs: PluginConfigs;
}

const plugin = {
  meta: { name, version, namespace: 'async-pitfalls' },
  rules: rules as unknown as Record<string, Rule.RuleModule>,
} as AsyncPitfallsPlugin;
plugin.configs = buildConfigs(plugin);

export = plugin;
