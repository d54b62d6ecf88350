import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-utils';

/**
 * Name lookup by walking up the syntax tree: type parameters of enclosing declarations, the
 * parameters of enclosing functions, and the declarations of enclosing blocks. Used for type
 * names everywhere (ESLint's scope analysis does not exist for files read from disk) and for
 * values in files read from disk. Nothing is hoisted across functions and nothing is guessed: a
 * name not found is a global.
 */
export type Space = 'type' | 'value';

export type FoundDeclaration =
  | { kind: 'typeParameter'; node: TSESTree.TSTypeParameter }
  | { kind: 'parameter'; node: TSESTree.Parameter; fn: TSESTree.Node }
  | { kind: 'declarations'; nodes: TSESTree.Node[] };

/** The declarations of a block, by space and name, read once. */
const blockDeclarations = new WeakMap<TSESTree.Node, Map<string, TSESTree.Node[]>>();

function add(map: Map<string, TSESTree.Node[]>, key: string, node: TSESTree.Node): void {
  const list = map.get(key);
  if (list) list.push(node);
  else map.set(key, [node]);
}

function patternNames(pattern: TSESTree.Node, names: TSESTree.Identifier[]): void {
  switch (pattern.type) {
    case AST_NODE_TYPES.Identifier:
      names.push(pattern);
      break;
    case AST_NODE_TYPES.ObjectPattern:
      for (const property of pattern.properties) patternNames(property.type === AST_NODE_TYPES.Property ? property.value : property, names);
      break;
    case AST_NODE_TYPES.ArrayPattern:
      for (const element of pattern.elements) if (element) patternNames(element, names);
      break;
    case AST_NODE_TYPES.AssignmentPattern:
      patternNames(pattern.left, names);
      break;
    case AST_NODE_TYPES.RestElement:
      patternNames(pattern.argument, names);
      break;
    case AST_NODE_TYPES.TSParameterProperty:
      patternNames(pattern.parameter, names);
      break;
    default:
      break;
  }
}

/** The identifiers a parameter or pattern binds. */
export function boundIdentifiers(pattern: TSESTree.Node): TSESTree.Identifier[] {
  const names: TSESTree.Identifier[] = [];
  patternNames(pattern, names);
  return names;
}

function declarationsOf(block: TSESTree.Node & { body: readonly TSESTree.Node[] }): Map<string, TSESTree.Node[]> {
  let map = blockDeclarations.get(block);
  if (map) return map;
  map = new Map();
  const visit = (statement: TSESTree.Node): void => {
    switch (statement.type) {
      case AST_NODE_TYPES.ExportNamedDeclaration:
      case AST_NODE_TYPES.ExportDefaultDeclaration:
        if (statement.declaration) visit(statement.declaration);
        break;
      case AST_NODE_TYPES.TSInterfaceDeclaration:
      case AST_NODE_TYPES.TSTypeAliasDeclaration:
        add(map, `type:${statement.id.name}`, statement);
        break;
      case AST_NODE_TYPES.ClassDeclaration:
      case AST_NODE_TYPES.TSEnumDeclaration:
        if (statement.id) {
          add(map, `type:${statement.id.name}`, statement);
          add(map, `value:${statement.id.name}`, statement);
        }
        break;
      case AST_NODE_TYPES.FunctionDeclaration:
      case AST_NODE_TYPES.TSDeclareFunction:
        if (statement.id) add(map, `value:${statement.id.name}`, statement);
        break;
      case AST_NODE_TYPES.VariableDeclaration:
        for (const declarator of statement.declarations) {
          for (const id of boundIdentifiers(declarator.id)) add(map, `value:${id.name}`, id);
        }
        break;
      case AST_NODE_TYPES.ImportDeclaration:
        for (const specifier of statement.specifiers) {
          add(map, `type:${specifier.local.name}`, specifier);
          if (statement.importKind !== 'type' && !(specifier.type === AST_NODE_TYPES.ImportSpecifier && specifier.importKind === 'type')) {
            add(map, `value:${specifier.local.name}`, specifier);
          }
        }
        break;
      case AST_NODE_TYPES.TSModuleDeclaration:
        if (statement.id.type === AST_NODE_TYPES.Identifier) add(map, `value:${statement.id.name}`, statement);
        break;
      default:
        break;
    }
  };
  for (const statement of block.body) visit(statement);
  blockDeclarations.set(block, map);
  return map;
}

const FUNCTION_TYPES = new Set<string>([
  AST_NODE_TYPES.FunctionDeclaration,
  AST_NODE_TYPES.FunctionExpression,
  AST_NODE_TYPES.ArrowFunctionExpression,
  AST_NODE_TYPES.TSDeclareFunction,
  AST_NODE_TYPES.TSEmptyBodyFunctionExpression,
]);

/** The declaration `name` refers to at `at`, in the given space; undefined: not declared in the file. */
export function lookUp(name: string, at: TSESTree.Node, space: Space): FoundDeclaration | undefined {
  for (let current: TSESTree.Node | undefined = at; current; current = current.parent) {
    const typeParameters = (current as { typeParameters?: TSESTree.TSTypeParameterDeclaration }).typeParameters;
    if (space === 'type' && typeParameters?.params) {
      const found = typeParameters.params.find(parameter => parameter.name.name === name);
      if (found) return { kind: 'typeParameter', node: found };
    }
    if (space === 'value' && FUNCTION_TYPES.has(current.type)) {
      for (const parameter of (current as TSESTree.FunctionLike).params) {
        if (boundIdentifiers(parameter).some(id => id.name === name)) return { kind: 'parameter', node: parameter, fn: current };
      }
    }
    if (
      current.type === AST_NODE_TYPES.Program ||
      current.type === AST_NODE_TYPES.BlockStatement ||
      current.type === AST_NODE_TYPES.TSModuleBlock
    ) {
      const nodes = declarationsOf(current).get(`${space}:${name}`);
      if (nodes) return { kind: 'declarations', nodes };
    }
  }
  return undefined;
}

/** Gives a tree parsed outside ESLint the `parent` links ESLint sets. */
export function linkParents(root: TSESTree.Node): void {
  const stack: TSESTree.Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    for (const key of Object.keys(node)) {
      if (key === 'parent' || key === 'loc' || key === 'range' || key === 'tokens' || key === 'comments') continue;
      const value = (node as unknown as Record<string, unknown>)[key];
      const children = Array.isArray(value) ? value : [value];
      for (const child of children) {
        if (child && typeof child === 'object' && typeof (child as TSESTree.Node).type === 'string') {
          (child as { parent?: TSESTree.Node }).parent = node;
          stack.push(child as TSESTree.Node);
        }
      }
    }
  }
}
