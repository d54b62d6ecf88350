import type { TSESTree } from '@typescript-eslint/utils';

import { AST_NODE_TYPES } from '../ast-utils';
import { staticPropertyName } from '../imports';
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
    isRequireIdentifier(node.callee) &&
    node.arguments.length === 1
  );
}

/** A file that holds data, not code: what a computed path ending so loads is no module of the program. */
const DATA_FILE = /\.(?:json|node)$/;
/** The start of a package's name (which never starts with `.` or `_`): neither a relative nor an absolute path. */
const PACKAGE_NAME_HEAD = /^(?:@[a-z0-9~-][\w.~-]*\/)?[a-z0-9~-]/i;

/** The text a path starts with (`@iobroker/db-objects-` of `` `@iobroker/db-objects-${type}` ``), when it starts with one. */
function staticHead(source: TSESTree.Node): string | undefined {
  if (source.type === AST_NODE_TYPES.Literal) return typeof source.value === 'string' ? source.value : undefined;
  if (source.type === AST_NODE_TYPES.TemplateLiteral) return source.quasis[0]!.value.cooked ?? undefined;
  return source.type === AST_NODE_TYPES.BinaryExpression && source.operator === '+' ? staticHead(source.left) : undefined;
}

/** The text a path ends with (`/package.json` of `` `${name}/package.json` ``), when it ends with one. */
function staticTail(source: TSESTree.Node): string | undefined {
  if (source.type === AST_NODE_TYPES.Literal) return typeof source.value === 'string' ? source.value : undefined;
  if (source.type === AST_NODE_TYPES.TemplateLiteral) return source.quasis[source.quasis.length - 1]!.value.cooked ?? undefined;
  return source.type === AST_NODE_TYPES.BinaryExpression && source.operator === '+' ? staticTail(source.right) : undefined;
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
function namesNoProgramModule(source: TSESTree.Node | null | undefined, followConst = true): boolean {
  if (!source) return false;
  const tail = staticTail(source);
  if (tail !== undefined && DATA_FILE.test(tail)) return true;
  const head = staticHead(source);
  if (head !== undefined && PACKAGE_NAME_HEAD.test(head)) return true;
  if (source.type !== AST_NODE_TYPES.Identifier || !followConst) return false;
  const init = constInitializer(source);
  const resolvesPath =
    init?.type === AST_NODE_TYPES.CallExpression &&
    init.callee.type === AST_NODE_TYPES.MemberExpression &&
    isRequireIdentifier(init.callee.object) &&
    staticPropertyName(init.callee) === 'resolve';
  return resolvesPath && namesNoProgramModule(init.arguments[0], false);
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
