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
/** The start of a package's name (which never starts with `.` or `_`): neither a relative nor an absolute path. */
const PACKAGE_NAME_HEAD = /^(?:@[a-z0-9~-][\w.~-]*\/)?[a-z0-9~-]/i;

/** The text a computed path starts with (`@iobroker/db-objects-` of `` `@iobroker/db-objects-${type}` ``), when it starts with one. */
function staticHead(source: TSESTree.Node): string | undefined {
  if (source.type === AST_NODE_TYPES.TemplateLiteral) return source.quasis[0]!.value.cooked ?? undefined;
  if (source.type === AST_NODE_TYPES.BinaryExpression && source.operator === '+') {
    return source.left.type === AST_NODE_TYPES.Literal && typeof source.left.value === 'string' ? source.left.value : staticHead(source.left);
  }
  return undefined;
}

/** The value a `const` of the blocks around `identifier` is initialised with, declared before it. */
function constInitializer(identifier: TSESTree.Identifier): TSESTree.Expression | undefined {
  for (let child: TSESTree.Node = identifier, current: TSESTree.Node | undefined = identifier.parent; current; child = current, current = current.parent) {
    const statements = current.type === AST_NODE_TYPES.BlockStatement || current.type === AST_NODE_TYPES.Program ? current.body : undefined;
    if (!statements) continue;
    for (const statement of statements as readonly TSESTree.Node[]) {
      if (statement === child) break;
      if (statement.type !== AST_NODE_TYPES.VariableDeclaration || statement.kind !== 'const') continue;
      for (const declarator of statement.declarations) {
        if (declarator.id.type === AST_NODE_TYPES.Identifier && declarator.id.name === identifier.name) return declarator.init ?? undefined;
      }
    }
  }
  return undefined;
}

/**
 * True when a computed path names no module of the program: it ends with a data file's name
 * (`` require(`${name}/package.json`) ``, `require(dir + '/io-package.json')`), or it starts with a
 * package's name (`` require(`@iobroker/db-objects-${type}`) ``), itself or as the path
 * `require.resolve` found for it (`const file = require.resolve(…); require(file)`).
 */
function namesNoProgramModule(source: TSESTree.Node | null | undefined, depth = 0): boolean {
  if (!source) return false;
  if (source.type === AST_NODE_TYPES.TemplateLiteral && DATA_FILE.test(source.quasis[source.quasis.length - 1]!.value.cooked ?? '')) return true;
  if (source.type === AST_NODE_TYPES.BinaryExpression && source.operator === '+' && source.right.type === AST_NODE_TYPES.Literal && typeof source.right.value === 'string' && DATA_FILE.test(source.right.value)) return true;
  const head = staticHead(source);
  if (head !== undefined && PACKAGE_NAME_HEAD.test(head)) return true;
  if (source.type === AST_NODE_TYPES.Identifier && depth === 0) {
    const init = constInitializer(source);
    const resolved =
      init?.type === AST_NODE_TYPES.CallExpression &&
      init.callee.type === AST_NODE_TYPES.MemberExpression &&
      isRequireIdentifier(init.callee.object) &&
      init.callee.property.type === AST_NODE_TYPES.Identifier &&
      init.callee.property.name === 'resolve'
        ? init.arguments[0]
        : undefined;
    if (resolved?.type === AST_NODE_TYPES.Literal) return typeof resolved.value === 'string' && PACKAGE_NAME_HEAD.test(resolved.value);
    return resolved !== undefined && namesNoProgramModule(resolved, depth + 1);
  }
  return false;
}

function isRequireIdentifier(node: TSESTree.Node): boolean {
  return node.type === AST_NODE_TYPES.Identifier && node.name === 'require';
}

function readModuleSpecifiers(program: TSESTree.Program): ModuleSpecifiers {
  const uses: SpecifierUse[] = [];
  let computed = false;
  const add = (source: TSESTree.Node | null | undefined): void => {
    if (source?.type === AST_NODE_TYPES.Literal && typeof source.value === 'string') uses.push({ value: source.value, node: source });
    else if (source?.type === AST_NODE_TYPES.TemplateLiteral && source.quasis.length === 1) uses.push({ value: source.quasis[0]!.value.cooked ?? '', node: source });
    else if (!namesNoProgramModule(source)) computed = true;
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
