import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-utils';

import { staticPropertyName } from '../imports';

/**
 * Test code by where it lives, as projects lay it out: a test folder anywhere under the package
 * root (`test/`, `tests/`, `__tests__/`, `spec/`, `e2e/`, `__mocks__/`, `test-utils/`,
 * `integration-tests/`, …), or a test file name (`x.test.ts`, `x.spec.js`, `x.e2e.mjs`,
 * `x.test-d.ts`). The path is relative to the package root, so that a checkout living under a folder
 * named `test` is not all test code.
 */
const TEST_FOLDER = /(?:^|\/)(?:tests?|__tests__|__mocks__|__fixtures__|specs?|e2e|fixtures?|test[-_][\w-]+|[\w-]+[-_]tests?)\//i;
const TEST_FILE = /[._-](?:test|spec|e2e|test-d)\.[cm]?[jt]sx?$/i;

export function isTestPath(relativePath: string): boolean {
  return TEST_FOLDER.test(relativePath) || TEST_FILE.test(relativePath);
}

/** Modules that only test code imports: runners, and their assertion and mocking companions. */
const TEST_MODULES = new Set([
  'node:test',
  'test',
  'vitest',
  '@jest/globals',
  'mocha',
  'ava',
  'tap',
  'tape',
  'uvu',
  'uvu/assert',
  '@playwright/test',
  'chai',
  'sinon',
  'nock',
  'supertest',
  'expect-type',
  'tsd',
  '@testing-library/react',
  '@testing-library/dom',
]);

function moduleSpecifier(node: TSESTree.Node): string | undefined {
  if (node.type === AST_NODE_TYPES.ImportDeclaration) return node.source.value ?? undefined;
  if (
    node.type === AST_NODE_TYPES.CallExpression &&
    node.callee.type === AST_NODE_TYPES.Identifier &&
    node.callee.name === 'require' &&
    node.arguments[0]?.type === AST_NODE_TYPES.Literal &&
    typeof node.arguments[0].value === 'string'
  ) {
    return node.arguments[0].value;
  }
  return undefined;
}

/** Names under which runners register suites, tests and hooks (mocha, jest, vitest, node:test, ava, tap). */
export const TEST_REGISTRARS: ReadonlySet<string> = new Set([
  'describe', 'it', 'test', 'suite', 'context', 'specify',
  'before', 'after', 'beforeEach', 'afterEach', 'beforeAll', 'afterAll',
  'setup', 'teardown', 'suiteSetup', 'suiteTeardown',
  'xit', 'xdescribe', 'xtest', 'fit', 'fdescribe', 'xcontext', 'xspecify',
]);

/** `describe`, `it.only`, `test.each(table)`, `describe.skip.each(t)`: the registrar's base name. */
export function registrarName(callee: TSESTree.Node): string | undefined {
  let current = callee;
  for (;;) {
    if (current.type === AST_NODE_TYPES.CallExpression) current = current.callee;
    else if (current.type === AST_NODE_TYPES.TaggedTemplateExpression) current = current.tag;
    else if (current.type === AST_NODE_TYPES.MemberExpression && staticPropertyName(current) !== undefined) current = current.object;
    else break;
  }
  if (current.type === AST_NODE_TYPES.Identifier && TEST_REGISTRARS.has(current.name)) return current.name;
  // `t.test(…)` (tap, node:test's sub-tests): a test inside a test.
  if (
    callee.type === AST_NODE_TYPES.MemberExpression &&
    staticPropertyName(callee) === 'test' &&
    callee.object.type === AST_NODE_TYPES.Identifier
  ) {
    return 'test';
  }
  return undefined;
}

function isFunctionExpression(node: TSESTree.Node | undefined): boolean {
  return node?.type === AST_NODE_TYPES.ArrowFunctionExpression || node?.type === AST_NODE_TYPES.FunctionExpression;
}

/** `it('name', fn)`, `beforeEach(fn)`, `test.each(rows)('name', fn)`: a registration with a function written in place. */
export function isTestRegistration(call: TSESTree.CallExpression): boolean {
  return registrarName(call.callee) !== undefined && call.arguments.some(argument => isFunctionExpression(argument));
}

/**
 * True when the program uses a test framework: it imports a runner or a test-only companion, or
 * registers a suite or test at its top level (`describe('…', () => …)` with mocha's or jest's
 * globals).
 */
export function usesTestFramework(program: TSESTree.Program): boolean {
  for (const statement of program.body) {
    if (statement.type === AST_NODE_TYPES.ImportDeclaration) {
      if (TEST_MODULES.has(statement.source.value)) return true;
      continue;
    }
    const expression = statement.type === AST_NODE_TYPES.ExpressionStatement ? statement.expression : undefined;
    if (expression?.type === AST_NODE_TYPES.CallExpression && isTestRegistration(expression)) return true;
    if (statement.type === AST_NODE_TYPES.VariableDeclaration) {
      for (const declarator of statement.declarations) {
        const init = declarator.init;
        const specifier = init ? moduleSpecifier(init.type === AST_NODE_TYPES.MemberExpression ? init.object : init) : undefined;
        if (specifier !== undefined && TEST_MODULES.has(specifier)) return true;
      }
    }
  }
  return false;
}

/**
 * Interfaces a test runner's service implements, by module: a WebdriverIO service
 * (`class X implements Services.ServiceInstance`) is loaded by the runner only, and its hooks
 * (`beforeCommand`, `afterTest`, `afterSession`…) run inside a test, whose commands the runner
 * awaits one after another: nothing else is in flight. Reporters are not among them: they run
 * beside the tests for the whole run, and what they block adds up.
 */
const TEST_RUNNER_SERVICE_TYPES: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ['@wdio/types', new Set(['Services.ServiceInstance', 'Services.HookFunctions'])],
]);

/** `Services.ServiceInstance` as written in a heritage clause: the root name and the names after it. */
function heritageName(node: TSESTree.Node): string[] | undefined {
  if (node.type === AST_NODE_TYPES.Identifier) return [node.name];
  if (node.type === AST_NODE_TYPES.MemberExpression && !node.computed && node.property.type === AST_NODE_TYPES.Identifier) {
    const object = heritageName(node.object);
    return object && [...object, node.property.name];
  }
  return undefined;
}

/**
 * The classes of the file that implement a test runner's service interface (see
 * `TEST_RUNNER_SERVICE_TYPES`), imported by name or as a namespace, type-only imports included.
 * Read once per file, from its imports and its top-level classes.
 */
export function testRunnerServiceClasses(program: TSESTree.Program): ReadonlySet<TSESTree.ClassDeclaration | TSESTree.ClassExpression> {
  const found = new Set<TSESTree.ClassDeclaration | TSESTree.ClassExpression>();
  /** Local name → the module and the name it imports (`''` for a namespace or default import). */
  const imported = new Map<string, { source: string; name: string }>();
  for (const statement of program.body) {
    if (statement.type !== AST_NODE_TYPES.ImportDeclaration || !TEST_RUNNER_SERVICE_TYPES.has(statement.source.value)) continue;
    for (const specifier of statement.specifiers) {
      const name =
        specifier.type === AST_NODE_TYPES.ImportSpecifier
          ? specifier.imported.type === AST_NODE_TYPES.Identifier ? specifier.imported.name : specifier.imported.value
          : '';
      imported.set(specifier.local.name, { source: statement.source.value, name });
    }
  }
  if (imported.size === 0) return found;
  for (const statement of program.body) {
    const declaration =
      statement.type === AST_NODE_TYPES.ExportNamedDeclaration || statement.type === AST_NODE_TYPES.ExportDefaultDeclaration ? statement.declaration : statement;
    if (declaration?.type !== AST_NODE_TYPES.ClassDeclaration && declaration?.type !== AST_NODE_TYPES.ClassExpression) continue;
    const implementsService = (declaration.implements ?? []).some(clause => {
      const written = heritageName(clause.expression);
      const root = written && imported.get(written[0]!);
      if (!root) return false;
      const full = [...(root.name === '' ? [] : [root.name]), ...written.slice(1)].join('.');
      return TEST_RUNNER_SERVICE_TYPES.get(root.source)!.has(full);
    });
    if (implementsService) found.add(declaration);
  }
  return found;
}
