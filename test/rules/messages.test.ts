import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

import type { Linter } from 'eslint';
import { Linter as ESLintLinter } from 'eslint';
import tseslint from 'typescript-eslint';

import { rules } from '../../eslint-plugin/src/rules';
import { exampleFiles, EXAMPLES_DIR } from '../examples-sections';
import { FIXTURES, LONG_RUNNING_SETTINGS } from '../rule-tester';

/** Every rule of the plugin on, as `async-pitfalls/<rule>`, with the TypeScript parser for every file. */
function lint(code: string, filename: string): Linter.LintMessage[] {
  const linter = new ESLintLinter({ configType: 'flat', cwd: path.dirname(filename) });
  return linter.verify(
    code,
    [
      {
        files: ['**/*.{js,cjs,mjs,jsx,ts,cts,mts,tsx}'],
        languageOptions: { parser: tseslint.parser },
        plugins: { 'async-pitfalls': { rules } as never },
        rules: Object.fromEntries(Object.keys(rules).map(name => [`async-pitfalls/${name}`, 'error'])),
        // The fixture package lives under test/: declared the long-running code it stands for.
        settings: LONG_RUNNING_SETTINGS,
      },
    ],
    filename,
  );
}

/** The titles of the suggestions of every report of `ruleId`. */
function titles(messages: Linter.LintMessage[], ruleId: string): string[] {
  return messages.filter(message => message.ruleId === `async-pitfalls/${ruleId}`).flatMap(message => (message.suggestions ?? []).map(s => s.desc));
}

describe('diagnostic text', () => {
  it('no message of any rule has markdown backticks (VS Code and the terminal show them as they are)', () => {
    for (const [name, rule] of Object.entries(rules)) {
      for (const [id, text] of Object.entries(rule.meta.messages as Record<string, string>)) {
        assert.ok(!text.includes('`'), `${name} ${id}: ${text}`);
      }
    }
  });

  it('on examples/, messages are plain sentences and suggestion titles short imperatives without a period', () => {
    let reports = 0;
    let suggestions = 0;
    for (const file of exampleFiles()) {
      for (const message of lint(fs.readFileSync(file, 'utf8'), file)) {
        if (!message.ruleId) continue;
        reports++;
        const where = `${path.relative(EXAMPLES_DIR, file)}:${message.line} ${message.ruleId}`;
        assert.ok(!/[`]|\{\{/.test(message.message), `${where}: ${message.message}`);
        assert.match(message.message, /[.)]$/, `${where}: ${message.message}`);
        for (const suggestion of message.suggestions ?? []) {
          suggestions++;
          assert.ok(!/[`]|\{\{/.test(suggestion.desc), `${where}: ${suggestion.desc}`);
          assert.ok(!suggestion.desc.endsWith('.'), `${where}: a title ends without a period: ${suggestion.desc}`);
          assert.match(suggestion.desc, /^[A-Z]/, `${where}: ${suggestion.desc}`);
          assert.ok(suggestion.desc.length <= 80, `${where}: a title says what happens, in short: ${suggestion.desc}`);
        }
      }
    }
    assert.ok(reports > 20 && suggestions > 10, `${reports} reports, ${suggestions} suggestions`);
  });

  it('titles name what happens, and modules as the file imports them', () => {
    // A service's source file (test code is judged differently).
    const file = path.join(FIXTURES, 'app', 'src', 'file.ts');
    assert.deepEqual(
      titles(lint(`import { readFileSync } from 'node:fs';\nexport async function f(p: string) { return readFileSync(p, 'utf8'); }`, file), 'no-blocking-in-async'),
      ['Use await readFile() from node:fs/promises'],
    );
    assert.deepEqual(
      titles(lint(`import { readFileSync } from 'fs';\nexport async function f(p: string) { return readFileSync(p, 'utf8'); }`, file), 'no-blocking-in-async'),
      ['Use await readFile() from fs/promises'],
    );
    assert.deepEqual(titles(lint('export async function f(url: string) { return fetch(url); }', file), 'require-timeout'), [
      'Add a 10 s timeout',
    ]);
    assert.deepEqual(
      // `await using` is offered where the package's runtime has it (Node 24).
      titles(
        lint(`import { open } from 'node:fs/promises';\nexport async function f(p: string) { const file = await open(p); await file.read(); }`, path.join(FIXTURES, 'runtime', 'node24', 'file.ts')),
        'no-unclosed-resource',
      ),
      ['Use await using'],
    );
    assert.deepEqual(titles(lint('async function save() {}\nexport async function f() { save(); }', file), 'no-missing-await'), [
      'Add await',
      'Add void to leave it unawaited (a rejection stays unhandled)',
      'Add .catch() that logs the error',
    ]);
  });
});
