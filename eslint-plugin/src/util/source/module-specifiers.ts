import type { TSESTree } from '@typescript-eslint/utils';

import { AST_NODE_TYPES } from '../ast-utils';
import { someOwnNode } from '../walk';

/**
 * The module specifiers a file names: of imports, re-exports, `require`, `import()` and `import x
 * = require`, each with its string node. Read once per parsed file and shared by every question
 * about the file's modules (who imports a function; which modules a program loads).
 */
export interface SpecifierUse {
  readonly value: string;
  readonly node: TSESTree.Node;
}

export interface ModuleSpecifiers {
  readonly uses: readonly SpecifierUse[];
  /** True when the file also loads a module by a computed path: what it loads is not all known. */
  readonly computed: boolean;
}

const specifiersByProgram = new WeakMap<TSESTree.Program, ModuleSpecifiers>();

export function moduleSpecifiers(program: TSESTree.Program): ModuleSpecifiers {
  let known = specifiersByProgram.get(program);
  if (known === undefined) {
    known = readModuleSpecifiers(program);
    specifiersByProgram.set(program, known);
  }
  return known;
}

export function isRequireCall(node: TSESTree.Node | null | undefined): node is TSESTree.CallExpression {
  return (
    node?.type === AST_NODE_TYPES.CallExpression &&
    node.callee.type === AST_NODE_TYPES.Identifier &&
    node.callee.name === 'require' &&
    node.arguments.length === 1
  );
}

/** A file that holds data, not code: what a computed path ending so loads is no module of the program. */
const DATA_FILE = /\.(?:json|node)$/;

/**
 * True when a computed path ends with a data file's name (`require(`${name}/package.json`)`,
 * `require(dir + '/io-package.json')`): it loads a manifest, not one of the program's modules.
 */
function namesDataFile(source: TSESTree.Node | null | undefined): boolean {
  if (source?.type === AST_NODE_TYPES.TemplateLiteral) return DATA_FILE.test(source.quasis[source.quasis.length - 1]!.value.cooked ?? '');
  if (source?.type === AST_NODE_TYPES.BinaryExpression && source.operator === '+') {
    return source.right.type === AST_NODE_TYPES.Literal && typeof source.right.value === 'string' && DATA_FILE.test(source.right.value);
  }
  return false;
}

function readModuleSpecifiers(program: TSESTree.Program): ModuleSpecifiers {
  const uses: SpecifierUse[] = [];
  let computed = false;
  const add = (source: TSESTree.Node | null | undefined): void => {
    if (source?.type === AST_NODE_TYPES.Literal && typeof source.value === 'string') uses.push({ value: source.value, node: source });
    else if (source?.type === AST_NODE_TYPES.TemplateLiteral && source.quasis.length === 1) uses.push({ value: source.quasis[0]!.value.cooked ?? '', node: source });
    else if (!namesDataFile(source)) computed = true;
  };
  someOwnNode(
    program,
    node => {
      if (node.type === AST_NODE_TYPES.ImportDeclaration || node.type === AST_NODE_TYPES.ExportAllDeclaration) add(node.source);
      else if (node.type === AST_NODE_TYPES.ExportNamedDeclaration && node.source) add(node.source);
      else if (node.type === AST_NODE_TYPES.ImportExpression) add(node.source);
      else if (node.type === AST_NODE_TYPES.TSExternalModuleReference) add(node.expression);
      else if (isRequireCall(node)) add(node.arguments[0]);
      return false;
    },
    () => true,
  );
  return { uses, computed };
}
