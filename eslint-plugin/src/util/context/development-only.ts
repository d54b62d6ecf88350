import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-utils';

import { getFileDeclarations } from '../declarations';
import { moduleLoader } from '../declarations/modules';
import { requiredModuleSource, skipTypeWrappers, staticPropertyName } from '../imports';
import { commonJsExportPath } from '../module-exports';
import { isNeverReassigned, variableOf } from '../scope/variables';
import { isProcessProperty } from './process-calls';

/**
 * "Does this condition hold only in development?" Code under it runs on a developer's machine
 * alone (debug routes, snapshot endpoints for end-to-end tests, hot reload), where a blocking
 * call, a request without a timeout or a leak costs nobody else anything. Decided from the code:
 * - `process.env.NODE_ENV === 'development'` (either side, `==` too), or an `&&` one of whose
 *   sides is such a test;
 * - a constant bound to such a test, in the file or exported by a relative module of the project
 *   (`export const isDev = …`, `exports.isDev = …`), read through `import { isDev }`,
 *   `const { isDev } = require('./util')` or `util.isDev`.
 *
 * `NODE_ENV !== 'production'` is not such a test: production often runs with NODE_ENV unset.
 */

type SourceCode = Readonly<TSESLint.SourceCode>;

/** How many constants are followed from a test to the comparison it names. */
const MAX_STEPS = 3;

/** `process.env.NODE_ENV`. */
function isNodeEnv(node: TSESTree.Node): boolean {
  const value = skipTypeWrappers(node);
  return value.type === AST_NODE_TYPES.MemberExpression && staticPropertyName(value) === 'NODE_ENV' && isProcessProperty(skipTypeWrappers(value.object), 'env');
}

function isDevelopmentLiteral(node: TSESTree.Node): boolean {
  return node.type === AST_NODE_TYPES.Literal && node.value === 'development';
}

/** `process.env.NODE_ENV === 'development'`, written either way round. */
function isDevelopmentComparison(node: TSESTree.Node): boolean {
  if (node.type !== AST_NODE_TYPES.BinaryExpression || (node.operator !== '===' && node.operator !== '==')) return false;
  return (isNodeEnv(node.left) && isDevelopmentLiteral(node.right)) || (isDevelopmentLiteral(node.left) && isNodeEnv(node.right));
}

/** The value a module exports as `name`: `export const name = …`, `exports.name = …`, `module.exports.name = …`. */
function exportedValues(program: TSESTree.Program, name: string): TSESTree.Node[] {
  const values: TSESTree.Node[] = [];
  for (const statement of program.body) {
    if (statement.type === AST_NODE_TYPES.ExportNamedDeclaration && statement.declaration?.type === AST_NODE_TYPES.VariableDeclaration) {
      for (const declarator of statement.declaration.declarations) {
        if (declarator.id.type === AST_NODE_TYPES.Identifier && declarator.id.name === name && declarator.init) values.push(declarator.init);
      }
    }
    if (statement.type !== AST_NODE_TYPES.ExpressionStatement) continue;
    // `exports.a = exports.b = void 0` (TypeScript's CommonJS output) declares before it assigns.
    for (let expression: TSESTree.Node = statement.expression; expression.type === AST_NODE_TYPES.AssignmentExpression; expression = expression.right) {
      const path = commonJsExportPath(expression.left);
      if (path?.length === 1 && path[0] === name && expression.right.type !== AST_NODE_TYPES.AssignmentExpression) values.push(expression.right);
    }
  }
  return values;
}

function isVoidZero(node: TSESTree.Node): boolean {
  return node.type === AST_NODE_TYPES.UnaryExpression && node.operator === 'void';
}

/** True when the relative module `specifier` exports `name` as a development test, and as nothing else. */
function exportsDevelopmentTest(sourceCode: SourceCode, filename: string, specifier: string, name: string): boolean {
  if (!specifier.startsWith('.')) return false;
  // Starts the lint of the declaration index, so that a module changed on disk is read again.
  getFileDeclarations(sourceCode, filename);
  const module = moduleLoader.load(filename, specifier);
  if (!module) return false;
  const values = exportedValues(module.program, name).filter(value => !isVoidZero(value));
  return values.length > 0 && values.every(value => isDevelopmentComparison(skipTypeWrappers(value)));
}

/** True when `identifier` names a constant development test of the file or of a relative module. */
function namesDevelopmentTest(sourceCode: SourceCode, filename: string | undefined, identifier: TSESTree.Identifier, steps: number): boolean {
  const variable = variableOf(sourceCode, identifier);
  const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (!variable || !definition || !isNeverReassigned(variable)) return false;
  if (definition.type === 'ImportBinding') {
    const specifier = definition.node;
    const declaration = definition.parent;
    if (specifier.type !== AST_NODE_TYPES.ImportSpecifier || declaration.type !== AST_NODE_TYPES.ImportDeclaration || filename === undefined) return false;
    const imported = specifier.imported.type === AST_NODE_TYPES.Identifier ? specifier.imported.name : String(specifier.imported.value);
    return exportsDevelopmentTest(sourceCode, filename, declaration.source.value, imported);
  }
  if (definition.type !== 'Variable') return false;
  const declarator = definition.node;
  if (declarator.id.type === AST_NODE_TYPES.Identifier) {
    return declarator.init !== null && holdsOnlyInDevelopmentAt(sourceCode, filename, declarator.init, steps + 1);
  }
  // `const { isDev } = require('./util')`.
  const required = requiredModuleSource(sourceCode, declarator.init);
  if (declarator.id.type !== AST_NODE_TYPES.ObjectPattern || required === undefined || filename === undefined) return false;
  const property = declarator.id.properties.find(
    candidate => candidate.type === AST_NODE_TYPES.Property && candidate.value === definition.name && !candidate.computed,
  ) as TSESTree.Property | undefined;
  const key = property?.key.type === AST_NODE_TYPES.Identifier ? property.key.name : undefined;
  return key !== undefined && exportsDevelopmentTest(sourceCode, filename, required, key);
}

/** `util.isDev`, where `util` is a relative module required or imported whole. */
function readsDevelopmentExport(sourceCode: SourceCode, filename: string | undefined, member: TSESTree.MemberExpression): boolean {
  const name = staticPropertyName(member);
  if (name === undefined || filename === undefined || member.object.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = variableOf(sourceCode, member.object);
  const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (!definition) return false;
  if (definition.type === 'ImportBinding') {
    const specifier = definition.node;
    const declaration = definition.parent;
    const whole = specifier.type === AST_NODE_TYPES.ImportNamespaceSpecifier || specifier.type === AST_NODE_TYPES.ImportDefaultSpecifier;
    return whole && declaration.type === AST_NODE_TYPES.ImportDeclaration && exportsDevelopmentTest(sourceCode, filename, declaration.source.value, name);
  }
  if (definition.type !== 'Variable' || definition.node.id.type !== AST_NODE_TYPES.Identifier) return false;
  const required = requiredModuleSource(sourceCode, definition.node.init);
  return required !== undefined && exportsDevelopmentTest(sourceCode, filename, required, name);
}

function holdsOnlyInDevelopmentAt(sourceCode: SourceCode, filename: string | undefined, node: TSESTree.Node, steps: number): boolean {
  if (steps > MAX_STEPS) return false;
  const test = skipTypeWrappers(node);
  if (isDevelopmentComparison(test)) return true;
  if (test.type === AST_NODE_TYPES.LogicalExpression && test.operator === '&&') {
    return holdsOnlyInDevelopmentAt(sourceCode, filename, test.left, steps) || holdsOnlyInDevelopmentAt(sourceCode, filename, test.right, steps);
  }
  if (test.type === AST_NODE_TYPES.Identifier) return namesDevelopmentTest(sourceCode, filename, test, steps);
  if (test.type === AST_NODE_TYPES.MemberExpression) return readsDevelopmentExport(sourceCode, filename, test);
  return false;
}

/**
 * True when `test` (an `if`'s condition) holds only in development. `filename` must be absolute
 * for relative modules to be read.
 */
export function holdsOnlyInDevelopment(sourceCode: SourceCode, filename: string | undefined, test: TSESTree.Node): boolean {
  return holdsOnlyInDevelopmentAt(sourceCode, filename, test, 0);
}
