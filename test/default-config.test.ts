import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import type { TSESLint } from '@typescript-eslint/utils';
import type { ESLint } from 'eslint';

import { CLI_BIN, exampleFiles } from './examples-sections';

/* eslint-disable @typescript-eslint/no-require-imports */
const plugin = require('../eslint-plugin/dist/index.js') as TSESLint.FlatConfig.Plugin;
const { createDefaultConfig } = require('../eslint-plugin/dist/default-config.js') as typeof import('../eslint-plugin/src/default-config');
const tsParser = require('@typescript-eslint/parser') as typeof import('@typescript-eslint/parser');
/* eslint-enable @typescript-eslint/no-require-imports */

const WITH_JSDOC = `/**
 * Saves a record.
 * @param {string} id The key.
 * @returns {Promise<void>} Settles when written.
 * @see {@link load}
 */
export async function save(id: string): Promise<void> {
  /** @type {number} */
  const attempts = 3; // a line comment
  for (let i = 0; i < attempts; i++) await write(id, /* inline */ i);
}
/** @deprecated use save */
declare function write(id: string, attempt: number): Promise<void>;
const view = <T,>(props: { value: T }) => <div title={\`\${props.value}\`}>{/* jsx comment */ String(props.value)}</div>;
`;

/** The parse without the parent links (cycles) and with everything else, for comparing two parses. */
function serialize(result: ReturnType<typeof tsParser.parseForESLint>): string {
  return JSON.stringify({ body: result.ast.body, tokens: result.ast.tokens, comments: result.ast.comments }, (key, value: unknown) =>
    key === 'parent' ? undefined : value,
  );
}

/** The options the default config gives the TypeScript parser: the later objects' over the earlier ones', as ESLint merges them. */
function defaultParserOptions(options: { typeAware?: boolean; tsconfigRootDir?: string } = {}): Record<string, unknown> {
  const configs = createDefaultConfig(plugin, tsParser as unknown as TSESLint.FlatConfig.Parser, { config: 'recommended', ...options });
  const merged: Record<string, unknown> = {};
  for (const config of configs) {
    const languageOptions = config.languageOptions ?? {};
    Object.assign(merged, { ecmaVersion: languageOptions.ecmaVersion ?? merged.ecmaVersion, sourceType: languageOptions.sourceType ?? merged.sourceType });
    Object.assign(merged, languageOptions.parserOptions);
  }
  return merged;
}

describe('the built-in default config', () => {
  it('parses without types to the same ESTree, tokens and comments as the parser by default, JSDoc and all', () => {
    const options = defaultParserOptions();
    // The options that make its parse cheaper than the parser's default one.
    assert.equal(options.jsDocParsingMode, 'none');
    assert.equal(options.preserveNodeMaps, false);
    const sources: { file: string; text: string }[] = [{ file: 'jsdoc.tsx', text: WITH_JSDOC }];
    for (const file of exampleFiles()) sources.push({ file, text: fs.readFileSync(file, 'utf8') });
    for (const { file, text } of sources) {
      const filePath = path.resolve(file);
      const byDefault = tsParser.parseForESLint(text, { ecmaVersion: 'latest', sourceType: 'module', ecmaFeatures: { jsx: true }, filePath });
      const asConfigured = tsParser.parseForESLint(text, { ...options, filePath });
      assert.ok(byDefault.ast.comments.length > 0, `${file} has comments to compare`);
      assert.equal(serialize(asConfigured), serialize(byDefault), file);
    }
  });

  it('with types reads the JSDoc types of a JavaScript file an allowJs tsconfig includes', () => {
    // Through the CLI, in a process of its own: typescript-eslint keeps one project service per
    // process, made with the options of the first typed parse.
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'async-pitfalls-default-config-'));
    try {
      fs.writeFileSync(path.join(folder, 'tsconfig.json'), JSON.stringify({ compilerOptions: { allowJs: true, checkJs: true, noEmit: true }, include: ['*.js'] }));
      // Only a JSDoc type says that \`save\` returns a promise (its body calls an unknown receiver),
      // which the rules without types do not read.
      fs.writeFileSync(
        path.join(folder, 'store.js'),
        `/** @type {(store: { pending: any }) => Promise<void>} */
export const save = store => store.write();

export function run(store) {
  save(store);
}
`,
      );
      const typed = defaultParserOptions({ typeAware: true, tsconfigRootDir: folder });
      assert.equal(typed.jsDocParsingMode, 'type-info');
      const lint = (extraArguments: string[]): { ruleIds: (string | null)[]; stderr: string } => {
        const run = spawnSync(process.execPath, [CLI_BIN, '--format', 'json', ...extraArguments, 'store.js'], { cwd: folder, encoding: 'utf8' });
        const [result] = JSON.parse(run.stdout) as ESLint.LintResult[];
        return { ruleIds: (result?.messages ?? []).map(message => message.ruleId), stderr: run.stderr };
      };
      assert.deepEqual(lint([]).ruleIds, []);
      const withTypes = lint(['--types']);
      assert.deepEqual(withTypes.ruleIds, ['async-pitfalls/no-missing-await']);
      assert.doesNotMatch(withTypes.stderr, /without type information/);
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });
});
