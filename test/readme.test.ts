import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

import { Linter } from 'eslint';

import { rules } from '../eslint-plugin/src/rules';
import { REPOSITORY_ROOT } from './examples-sections';

/** Code on which each rule's options make a difference, to show that an example option does something. */
const OPTION_PROBES: Record<string, string> = {
  'no-blocking-in-async': `import fs from 'node:fs';
import { execSync } from 'node:child_process';
export async function run() {
  const config = fs.readFileSync('config.json', 'utf8');
  if (fs.existsSync('lock')) return config;
  execSync('git fetch');
  while (Date.now() < 0) {}
  return config;
}`,
};

describe('README.md', () => {
  it('has the rules table generated from the current rules metadata', () => {
    const run = spawnSync(process.execPath, [path.join(REPOSITORY_ROOT, 'scripts', 'generate-docs.mjs'), '--check'], {
      cwd: REPOSITORY_ROOT,
      encoding: 'utf8',
    });
    assert.equal(run.status, 0, `${run.stderr}(the fix: npm run docs)`);
  });

  it('gives option examples that ESLint accepts and that change what the rule reports', () => {
    const readme = fs.readFileSync(path.join(REPOSITORY_ROOT, 'README.md'), 'utf8').replace(/\s*\n\s*/g, ' ');
    const examples = [...readme.matchAll(/`(\{ rules: \{ 'async-pitfalls\/[^`]+\})`/g)].map(match => match[1]!);
    assert.ok(examples.length > 0, 'no option example found in README.md');
    const plugin = { rules } as never;
    for (const example of examples) {
      // The example as a user pastes it into eslint.config.js: a JavaScript object.
      const override = new Function(`return (${example});`)() as Linter.Config;
      for (const [ruleId, setting] of Object.entries(override.rules ?? {})) {
        const name = ruleId.replace('async-pitfalls/', '');
        const probe = OPTION_PROBES[name];
        assert.ok(probe !== undefined, `no probe for ${ruleId}: add one to OPTION_PROBES`);
        const lint = (config: Linter.Config[]): string[] =>
          new Linter({ configType: 'flat' })
            .verify(probe, config, 'probe.mjs')
            .map(message => `${message.line}:${message.ruleId ?? ''}:${message.message}`);
        const base: Linter.Config = { plugins: { 'async-pitfalls': plugin }, rules: { [ruleId]: 'error' } };
        const before = lint([base]);
        const after = lint([base, { rules: { [ruleId]: setting } }]);
        assert.ok(before.length > 0, `${ruleId} reports nothing on its probe`);
        assert.ok(after.every(message => !message.includes('::')), `${example}: ${after.join('\n')}`);
        assert.notDeepEqual(after, before, `${example} changes nothing on:\n${probe}`);
      }
    }
  });
});
