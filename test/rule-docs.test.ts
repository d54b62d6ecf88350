// The rule pages (docs/rules/<rule>.md) carry the lesson and the reported/fixed pair that the
// editor's hover shows, between the markers of eslint-plugin/src/rule-docs.ts: every rule's page
// has them, and each example says what the rule does with it.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

import * as tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';

import plugin from '../eslint-plugin/src';
import { parseRuleGuide, readRuleGuide, RULE_DOCS_DIRECTORY, ruleDocsPath } from '../eslint-plugin/src/rule-docs';
import { REPOSITORY_ROOT } from './examples-sections';

/** What `rule` (every rule of the plugin, for `'all'`) reports in `code`. */
function findingsOf(rule: string, code: string, language: string): Linter.LintMessage[] {
  const linter = new Linter({ configType: 'flat' });
  const rules = Object.fromEntries(
    Object.keys(plugin.rules)
      .filter(name => rule === 'all' || name === rule)
      .map(name => [`async-pitfalls/${name}`, 'error' as const]),
  );
  return linter.verify(
    code,
    [
      {
        files: ['**/*.js', '**/*.ts'],
        languageOptions: { parser: tsParser, parserOptions: { ecmaVersion: 'latest', sourceType: 'module' } },
        plugins: { 'async-pitfalls': plugin as never },
        rules,
      },
    ],
    `example.${language === 'ts' ? 'ts' : 'js'}`,
  );
}

describe('rule pages: the lesson and example an editor shows', () => {
  it('are read from the pages at the root of the repository', () => {
    assert.equal(fs.realpathSync(RULE_DOCS_DIRECTORY), path.join(REPOSITORY_ROOT, 'docs', 'rules'));
  });

  for (const rule of Object.keys(plugin.rules)) {
    describe(rule, () => {
      const page = fs.readFileSync(ruleDocsPath(rule), 'utf8');

      it('has one marked lesson: one sentence', () => {
        const { lesson } = parseRuleGuide(page);
        assert.match(lesson, /^[`A-Z][^]*[.!]$/, lesson);
        assert.doesNotMatch(lesson.slice(0, -1), /[.!?]\s+[A-Z]/, `more than one sentence: ${lesson}`);
        assert.doesNotMatch(lesson, /asyncio|Python|\bthe guide\b/i, 'the lesson speaks JavaScript');
        assert.ok(lesson.length <= 240, `${lesson.length} characters: ${lesson}`);
      });

      it('has one marked example: code the rule reports, and the same code fixed, which no rule reports', () => {
        const { reported, fixed } = parseRuleGuide(page);
        assert.equal(reported.language, fixed.language);
        const before = findingsOf(rule, reported.code, reported.language);
        assert.deepEqual(before.filter(message => message.fatal), [], 'the reported code parses');
        assert.ok(before.length > 0, `the rule reports nothing in:\n${reported.code}`);
        assert.deepEqual(findingsOf('all', fixed.code, fixed.language), [], `in:\n${fixed.code}`);
      });
    });
  }

  it('says what is missing from a page without markers', () => {
    assert.throws(() => parseRuleGuide('# rule\n\nNo markers.\n'), /no lesson between <!-- lesson:start --> and <!-- lesson:end -->/);
    const lessonOnly = '<!-- lesson:start -->\n**Await it.**\n<!-- lesson:end -->\n';
    assert.throws(() => parseRuleGuide(lessonOnly), /no example/);
    assert.throws(
      () => parseRuleGuide(`${lessonOnly}<!-- example:start -->\n❌\n\n\`\`\`js\nf();\n\`\`\`\n<!-- example:end -->\n`),
      /no line starting with ✅/,
    );
  });

  it('reads a page with CRLF line ends and fences without a language', () => {
    const page = '<!-- lesson:start -->\r\n**Await\r\nit.**\r\n<!-- lesson:end -->\r\n<!-- example:start -->\r\n❌ Reported:\r\n\r\n```\r\nf();\r\n```\r\n✅ Fixed:\r\n```\r\nawait f();\r\n```\r\n<!-- example:end -->\r\n';
    assert.deepEqual(parseRuleGuide(page), {
      lesson: 'Await it.',
      reported: { language: 'js', code: 'f();' },
      fixed: { language: 'js', code: 'await f();' },
    });
  });

  it('gives no guide for a rule without a page, or a name that is not a rule name', () => {
    assert.equal(readRuleGuide('no-such-rule'), undefined);
    assert.equal(readRuleGuide('../../README'), undefined);
    assert.ok(readRuleGuide('no-missing-await'));
  });
});
