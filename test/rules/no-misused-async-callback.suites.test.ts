import * as assert from 'node:assert/strict';
import * as path from 'node:path';

import * as parser from '@typescript-eslint/parser';
import type { TSESLint } from '@typescript-eslint/utils';
import { Linter } from 'eslint';

import rule from '../../eslint-plugin/src/rules/no-misused-async-callback';
import { FIXTURES } from '../rule-tester';
import * as eslintExecutor from './suites/no-async-promise-executor.cases';
import type { PortedCase } from './suites/no-misused-promises-void-return.cases';
import * as voidReturn from './suites/no-misused-promises-void-return.cases';
import { LONG_RUNNING_SETTINGS, TYPED_PARSER_OPTIONS } from '../rule-tester';

const TYPED_ROOT = path.join(FIXTURES, 'typed');

function lint(testCase: PortedCase, withTypes: boolean): Linter.LintMessage[] {
  const linter = new Linter({ configType: 'flat' });
  const filename = path.join(TYPED_ROOT, testCase.jsx ? 'suite.tsx' : 'suite.ts');
  const parserOptions: Record<string, unknown> = {
    ecmaVersion: 'latest',
    sourceType: 'module',
    ecmaFeatures: { jsx: testCase.jsx === true },
  };
  if (withTypes) {
    Object.assign(parserOptions, TYPED_PARSER_OPTIONS);
  }
  const config: Linter.Config[] = [
    {
      files: ['**/*.ts', '**/*.tsx'],
      languageOptions: { parser: parser as Linter.Parser, parserOptions },
      plugins: { suite: { rules: { rule: rule as unknown as TSESLint.LooseRuleDefinition } } as never },
      rules: { 'suite/rule': 'error' },
      settings: LONG_RUNNING_SETTINGS,
    },
  ];
  const messages = linter.verify(testCase.code, config, { filename });
  const fatal = messages.find(message => message.fatal);
  assert.equal(fatal, undefined, `parse error in suite case: ${fatal?.message}\n${testCase.code}`);
  return messages.filter(message => message.ruleId === 'suite/rule');
}

/** An invalid case counts as flagged when every line the original suite expects has a report. */
function isFlagged(testCase: PortedCase, messages: Linter.LintMessage[]): boolean {
  if (messages.length === 0) return false;
  return (testCase.lines ?? []).every(line => messages.some(message => message.line === line));
}

interface Tally {
  flagged: number;
  total: number;
  missed: string[];
}

function tallyInvalid(cases: PortedCase[], withTypes: boolean): Tally {
  const missed: string[] = [];
  let flagged = 0;
  for (const testCase of cases) {
    if (isFlagged(testCase, lint(testCase, withTypes))) flagged++;
    else missed.push(testCase.code);
  }
  return { flagged, total: cases.length, missed };
}

function falseReports(cases: PortedCase[], withTypes: boolean): string[] {
  return cases.filter(testCase => lint(testCase, withTypes).length > 0).map(testCase => testCase.code);
}

const allValid = [...voidReturn.valid, ...eslintExecutor.valid];

describe('no-misused-async-callback against ported public suites', function () {
  this.timeout(240_000);

  it('with types: flags at least 90% of the invalid cases', () => {
    const tally = tallyInvalid([...voidReturn.invalid, ...eslintExecutor.invalid], true);
    console.log(`      with types: ${tally.flagged}/${tally.total} invalid cases flagged`);
    assert.ok(tally.flagged / tally.total >= 0.9, `only ${tally.flagged}/${tally.total}; missed:\n${tally.missed.join('\n---\n')}`);
  });

  it('with types: flags every array-predicate case', () => {
    const tally = tallyInvalid(voidReturn.invalidPredicates, true);
    assert.equal(tally.flagged, tally.total, tally.missed.join('\n---\n'));
  });

  it('with types: flags none of the valid cases', () => {
    assert.deepEqual(falseReports(allValid, true), []);
  });

  it('without types: flags none of the valid cases', () => {
    assert.deepEqual(falseReports(allValid, false), []);
  });

  it('without types: flags the cases the evidence can see', () => {
    const tally = tallyInvalid([...voidReturn.invalid, ...eslintExecutor.invalid], false);
    console.log(`      without types: ${tally.flagged}/${tally.total} invalid cases flagged`);
    assert.ok(tally.flagged >= 5, `only ${tally.flagged}`);
  });

  it('without types: flags at least 90% of the void-return cases from what the code declares', () => {
    const tally = tallyInvalid(voidReturn.invalid, false);
    console.log(`      without types: ${tally.flagged}/${tally.total} no-misused-promises void-return cases flagged`);
    // The issue asked for 60%; the floor keeps what generics, spreads and \`using\` reach (66 of 71).
    assert.ok(tally.flagged / tally.total >= 0.9, `only ${tally.flagged}/${tally.total}; missed:\n${tally.missed.join('\n---\n')}`);
  });
});
