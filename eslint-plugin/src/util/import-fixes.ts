import { isBuiltin } from 'node:module';

import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from './ast-utils';

import { findBindingExpression, findModuleImport, normalizeModuleSource, prefersNodeProtocol, usesCommonJs } from './imports';

/** An export a fix needs at some place of the file: `{ module: 'fs/promises', name: 'readFile' }`. */
export interface ImportRequest {
  /** Module specifier, with or without `node:`. */
  module: string;
  /** Exported name. */
  name: string;
  /** Local names to try, in order, when the export's own name is taken (`setTimeout` → `sleep`). */
  fallbackNames?: string[];
}

export interface ImportPlan {
  /** For each request, the expression that reaches it at the place of the fix. */
  expressions: string[];
  /** The modules whose import the fix adds (empty when every binding was already there). */
  addedModules: string[];
  /** The edits that add the missing imports; merge them with the fix's own edit. */
  fixes(fixer: TSESLint.RuleFixer): TSESLint.RuleFix[];
}

/** True when `name` is declared anywhere in the file or used there as a global. */
function isNameTaken(sourceCode: Readonly<TSESLint.SourceCode>, name: string): boolean {
  const scopeManager = sourceCode.scopeManager;
  if (!scopeManager) return true;
  for (const scope of scopeManager.scopes) {
    const variable = scope.set.get(name);
    if (variable && (variable.defs.length > 0 || variable.references.length > 0)) return true;
  }
  return scopeManager.globalScope?.through.some(reference => reference.identifier.name === name) ?? false;
}

interface AddedBinding {
  imported: string;
  local: string;
}

function specifierText({ imported, local }: AddedBinding, commonJs: boolean): string {
  if (imported === local) return imported;
  return commonJs ? `${imported}: ${local}` : `${imported} as ${local}`;
}

/** A top-level `const { a, b } = require('<module>')` that more names can join. */
function findRequireDestructuring(
  sourceCode: Readonly<TSESLint.SourceCode>,
  module: string,
): TSESTree.ObjectPattern | undefined {
  for (const statement of sourceCode.ast.body) {
    if (statement.type !== AST_NODE_TYPES.VariableDeclaration || statement.declarations.length !== 1) continue;
    const declarator = statement.declarations[0]!;
    const init = declarator.init;
    if (
      declarator.id.type === AST_NODE_TYPES.ObjectPattern &&
      declarator.id.properties.length > 0 &&
      declarator.id.properties.every(property => property.type === AST_NODE_TYPES.Property) &&
      init?.type === AST_NODE_TYPES.CallExpression &&
      init.callee.type === AST_NODE_TYPES.Identifier &&
      init.callee.name === 'require' &&
      init.arguments[0]?.type === AST_NODE_TYPES.Literal &&
      typeof init.arguments[0].value === 'string' &&
      normalizeModuleSource(init.arguments[0].value) === module
    ) {
      return declarator.id;
    }
  }
  return undefined;
}

function isRequireStatement(statement: TSESTree.ProgramStatement): boolean {
  if (statement.type !== AST_NODE_TYPES.VariableDeclaration) return false;
  return statement.declarations.some(declarator => {
    let init: TSESTree.Node | null | undefined = declarator.init;
    while (init?.type === AST_NODE_TYPES.MemberExpression) init = init.object;
    return (
      init?.type === AST_NODE_TYPES.CallExpression &&
      init.callee.type === AST_NODE_TYPES.Identifier &&
      init.callee.name === 'require'
    );
  });
}

/**
 * How a fix at `at` reaches each export it needs: through a binding already in scope
 * (`fs.promises.readFile`, an existing named import), or by adding the name to an existing
 * import of its module, or by a new `import`/`require` statement that follows the file's style
 * (`node:` prefix, ES modules or CommonJS). Local names never collide with a name of the file.
 */
export function planImports(
  sourceCode: Readonly<TSESLint.SourceCode>,
  at: TSESTree.Node,
  requests: readonly ImportRequest[],
): ImportPlan {
  const commonJs = usesCommonJs(sourceCode);
  const nodeProtocol = prefersNodeProtocol(sourceCode);
  const chosenNames = new Set<string>();
  const additions = new Map<string, AddedBinding[]>();
  const expressions: string[] = [];

  for (const request of requests) {
    const module = normalizeModuleSource(request.module);
    const existing = findBindingExpression(sourceCode, at, { source: module, path: [request.name] });
    if (existing !== undefined) {
      expressions.push(existing);
      continue;
    }
    const planned = additions.get(module)?.find(binding => binding.imported === request.name);
    if (planned) {
      expressions.push(planned.local);
      continue;
    }
    const candidates = [request.name, ...(request.fallbackNames ?? []), `${request.name}Async`];
    let local = candidates.find(name => !chosenNames.has(name) && !isNameTaken(sourceCode, name));
    for (let counter = 2; local === undefined; counter++) {
      const numbered = `${request.name}Async${counter}`;
      if (!chosenNames.has(numbered) && !isNameTaken(sourceCode, numbered)) local = numbered;
    }
    chosenNames.add(local);
    additions.set(module, [...(additions.get(module) ?? []), { imported: request.name, local }]);
    expressions.push(local);
  }

  function fixes(fixer: TSESLint.RuleFixer): TSESLint.RuleFix[] {
    const edits: TSESLint.RuleFix[] = [];
    const newStatements: string[] = [];
    for (const [module, bindings] of additions) {
      const names = bindings.map(binding => specifierText(binding, commonJs)).join(', ');
      if (commonJs) {
        const pattern = findRequireDestructuring(sourceCode, module);
        const last = pattern?.properties[pattern.properties.length - 1];
        if (last) {
          edits.push(fixer.insertTextAfter(last, `, ${names}`));
          continue;
        }
      } else {
        const declaration = findModuleImport(sourceCode, module);
        const named = declaration?.specifiers.filter(specifier => specifier.type === AST_NODE_TYPES.ImportSpecifier);
        const last = named?.[named.length - 1];
        if (last) {
          edits.push(fixer.insertTextAfter(last, `, ${names}`));
          continue;
        }
      }
      const specifier = nodeProtocol && isBuiltin(module) ? `node:${module}` : module;
      newStatements.push(
        commonJs ? `const { ${names} } = require('${specifier}');` : `import { ${names} } from '${specifier}';`,
      );
    }
    if (newStatements.length > 0) {
      const body = sourceCode.ast.body;
      const anchors = body.filter(statement =>
        commonJs ? isRequireStatement(statement) : statement.type === AST_NODE_TYPES.ImportDeclaration,
      );
      const lastAnchor = anchors[anchors.length - 1];
      const text = newStatements.join('\n');
      if (lastAnchor) {
        edits.push(fixer.insertTextAfter(lastAnchor, `\n${text}`));
      } else {
        const first = body.find(
          statement => !(statement.type === AST_NODE_TYPES.ExpressionStatement && typeof statement.directive === 'string'),
        );
        edits.push(first ? fixer.insertTextBefore(first, `${text}\n`) : fixer.insertTextAfterRange([0, 0], `${text}\n`));
      }
    }
    return edits;
  }

  return { expressions, addedModules: [...additions.keys()], fixes };
}
