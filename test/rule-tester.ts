import * as path from 'node:path';

import { RuleTester } from '@typescript-eslint/rule-tester';

// mocha names its hook `after`; RuleTester looks for `afterAll`.
RuleTester.afterAll = after;
RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

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
  return new RuleTester({
    ...(defaultFilenames ? { settings: LONG_RUNNING_SETTINGS } : {}),
    languageOptions: {
      parserOptions: { ecmaVersion: 'latest', sourceType: 'module', ecmaFeatures: { jsx: true } },
    },
    ...(defaultFilenames ? { defaultFilenames } : {}),
  });
}

/** A RuleTester for cases whose filename is in a fixture package: its code is declared long-running. */
export function createFixtureRuleTester(): RuleTester {
  return new RuleTester({
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
  return new RuleTester({
    settings: LONG_RUNNING_SETTINGS,
    languageOptions: { parserOptions: TYPED_PARSER_OPTIONS },
  });
}
