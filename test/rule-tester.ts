import * as assert from 'node:assert/strict';
import * as path from 'node:path';

import type { RuleModule } from '@typescript-eslint/utils/ts-eslint';
import type { RunTests } from '@typescript-eslint/rule-tester';
import { RuleTester } from '@typescript-eslint/rule-tester';

import { parseFacts, typeScriptGrammarErrors } from './fix-safety/parsing';

// mocha names its hook `after`; RuleTester looks for `afterAll`.
RuleTester.afterAll = after;
RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

/** typescript-eslint's RuleTester's own names for a case without a filename. */
const DEFAULT_FILENAMES = { ts: 'file.ts', tsx: 'react.tsx' };

type RuleTesterConfig = ConstructorParameters<typeof RuleTester>[0];

/**
 * What is wrong with an output that was not wrong with its input: for a TypeScript file, the
 * syntax and grammar errors TypeScript itself finds (its checker's too, such as `TS1308`, `await`
 * where it may not stand, which typescript-eslint's parser accepts) beyond those of the input; for
 * JavaScript, espree's parse error.
 */
function newGrammarErrors(input: string, output: string, filename: string, sourceType: 'module' | 'script'): string[] {
  if (!/\.[cm]?tsx?$/.test(filename)) {
    const error = parseFacts(output, { language: 'js', sourceType: /\.cjs$/.test(filename) ? 'script' : sourceType }).error;
    return error === undefined ? [] : [error];
  }
  const jsx = filename.endsWith('x');
  const before = typeScriptGrammarErrors(input, sourceType, jsx);
  return typeScriptGrammarErrors(output, sourceType, jsx).filter(error => {
    const index = before.indexOf(error);
    if (index < 0) return true;
    before.splice(index, 1);
    return false;
  });
}

/**
 * A RuleTester that also checks, for every rule it runs, that each fix's and each suggestion's
 * output parses under the grammar of its file, as the fix-safety check does for generated
 * programs (see `test/fix-safety/parsing.ts`). The exact outputs are the cases' own assertions;
 * this is the "a fix never breaks code" floor under all of them.
 */
class GrammarCheckedRuleTester extends RuleTester {
  private readonly defaultFilenames: { ts: string; tsx: string };
  private readonly jsx: boolean;

  constructor(config: RuleTesterConfig) {
    super(config);
    this.defaultFilenames = config?.defaultFilenames ?? DEFAULT_FILENAMES;
    this.jsx = (config?.languageOptions?.parserOptions as { ecmaFeatures?: { jsx?: boolean } } | undefined)?.ecmaFeatures?.jsx === true;
  }

  override run<MessageIds extends string, Options extends readonly unknown[]>(
    ruleName: string,
    rule: RuleModule<MessageIds, Options>,
    tests: RunTests<MessageIds, Options>,
  ): void {
    super.run(ruleName, rule, tests);
    const outputs: { filename: string; sourceType: 'module' | 'script'; input: string; output: string }[] = [];
    for (const test of tests.invalid) {
      const parserOptions = test.languageOptions?.parserOptions as { ecmaFeatures?: { jsx?: boolean }; sourceType?: string } | undefined;
      const jsx = parserOptions?.ecmaFeatures?.jsx ?? this.jsx;
      const filename = test.filename ?? (jsx ? this.defaultFilenames.tsx : this.defaultFilenames.ts);
      const sourceType = parserOptions?.sourceType === 'script' ? 'script' : 'module';
      const fixed = test.output === undefined || test.output === null ? [] : Array.isArray(test.output) ? test.output : [test.output];
      const suggested = test.errors.flatMap(error => (Array.isArray(error.suggestions) ? error.suggestions : []).map(suggestion => suggestion.output));
      for (const output of [...fixed, ...suggested]) {
        if (typeof output === 'string') outputs.push({ filename, sourceType, input: test.code, output });
      }
    }
    if (outputs.length === 0) return;
    describe(`${ruleName}: fix and suggestion outputs`, () => {
      it(`${outputs.length} of ${outputs.length} parse under their file's grammar (TypeScript's own for TypeScript)`, () => {
        for (const { filename, sourceType, input, output } of outputs) {
          assert.deepEqual(newGrammarErrors(input, output, filename, sourceType), [], `${filename}:\n${output}`);
        }
      });
    });
  }
}

/** Fixture folder for rules that read files or need a tsconfig. */
export const FIXTURES = path.join(__dirname, 'fixtures');

/**
 * Declares the code under test long-running, whatever its path: the typed fixture project lives in
 * `test/fixtures/`, which the rules would otherwise read as test code. A case about test code sets
 * its own `settings`.
 */
export const LONG_RUNNING_SETTINGS = { 'async-pitfalls': { codeContext: 'long-running' } };

/**
 * A RuleTester that parses with `@typescript-eslint/parser` and no type information. `defaultFilenames`
 * places the cases without a filename in a fixture folder (whose package.json and tsconfig count);
 * the code there is declared long-running, as the fixture folder would otherwise make it test code.
 */
export function createRuleTester(defaultFilenames?: { ts: string; tsx: string }): RuleTester {
  return new GrammarCheckedRuleTester({
    ...(defaultFilenames ? { settings: LONG_RUNNING_SETTINGS } : {}),
    languageOptions: {
      parserOptions: { ecmaVersion: 'latest', sourceType: 'module', ecmaFeatures: { jsx: true } },
    },
    ...(defaultFilenames ? { defaultFilenames } : {}),
  });
}

/** A RuleTester for cases whose filename is in a fixture package: its code is declared long-running. */
export function createFixtureRuleTester(): RuleTester {
  return new GrammarCheckedRuleTester({
    settings: LONG_RUNNING_SETTINGS,
    languageOptions: {
      parserOptions: { ecmaVersion: 'latest', sourceType: 'module', ecmaFeatures: { jsx: true } },
    },
  });
}

/**
 * Parser options giving type information from the fixture project's tsconfig. Every typed test
 * uses these same options: typescript-eslint keeps one project service per process for a
 * tsconfig root, made with the options of the first file it parses, so a test with narrower
 * options would make the tests that run after it fail, depending on the order.
 */
export const TYPED_PARSER_OPTIONS = {
  projectService: {
    allowDefaultProject: ['*.ts*', '*.js', '*.mjs', '*.cjs'],
    defaultProject: path.join(FIXTURES, 'typed', 'tsconfig.json'),
  },
  tsconfigRootDir: path.join(FIXTURES, 'typed'),
};

/** A RuleTester with type information from the fixture project's tsconfig. */
export function createTypedRuleTester(): RuleTester {
  return new GrammarCheckedRuleTester({
    settings: LONG_RUNNING_SETTINGS,
    languageOptions: { parserOptions: TYPED_PARSER_OPTIONS },
  });
}
