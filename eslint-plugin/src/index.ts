import type { TSESLint } from '@typescript-eslint/utils';

import type { ConfigName } from './configs';
import { buildConfigs } from './configs';
import { rules } from './rules';

// Read at run time so that the published version is the one in package.json.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { name, version } = require('../package.json') as { name: string; version: string };

interface AsyncPitfallsPlugin {
  meta: { name: string; version: string };
  rules: typeof rules;
  configs: Record<ConfigName, TSESLint.FlatConfig.Config>;
}

const plugin: AsyncPitfallsPlugin = {
  meta: { name, version },
  rules,
  configs: {} as Record<ConfigName, TSESLint.FlatConfig.Config>,
};
Object.assign(plugin.configs, buildConfigs(plugin as unknown as TSESLint.FlatConfig.Plugin));

export = plugin;
