import { isBuiltin } from 'node:module';

import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';

import { lineBreakOf } from './ast';
import { findBindingExpression, findModuleImport, normalizeModuleSource, prefersNodeProtocol, usesCommonJs } from './imports';
import { perFile } from './per-file';
import { isNameTaken } from './scope/variables';

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

interface AddedBinding {
  imported: string;
  local: string;
}

function specifierText({ imported, local }: AddedBinding, commonJs: boolean): string {
  if (imported === local) return imported;
  return commonJs ? `${imported}: ${local}` : `${imported} as ${local}`;
}

/** Where a fix adds imports: the statements of the file that import or require modules, found once per file. */
interface ImportLayout {
  /** The first top-level `const { a, b } = require('<module>')` of each module, which more names can join. */
  requireDestructurings: Map<string, TSESTree.ObjectPattern>;
  lastImport: TSESTree.ProgramStatement | undefined;
  lastRequire: TSESTree.ProgramStatement | undefined;
  /** The first statement after the directive prologue. */
  firstStatement: TSESTree.ProgramStatement | undefined;
}

function destructuredRequire(statement: TSESTree.ProgramStatement): { module: string; pattern: TSESTree.ObjectPattern } | undefined {
  if (statement.type !== AST_NODE_TYPES.VariableDeclaration || statement.declarations.length !== 1) return undefined;
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
    typeof init.arguments[0].value === 'string'
  ) {
    return { module: normalizeModuleSource(init.arguments[0].value), pattern: declarator.id };
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

const importLayout = perFile((sourceCode): ImportLayout => {
  const layout: ImportLayout = { requireDestructurings: new Map(), lastImport: undefined, lastRequire: undefined, firstStatement: undefined };
  for (const statement of sourceCode.ast.body) {
    if (statement.type === AST_NODE_TYPES.ImportDeclaration) layout.lastImport = statement;
    if (isRequireStatement(statement)) layout.lastRequire = statement;
    const destructured = destructuredRequire(statement);
    if (destructured && !layout.requireDestructurings.has(destructured.module)) {
      layout.requireDestructurings.set(destructured.module, destructured.pattern);
    }
    if (!layout.firstStatement && !(statement.type === AST_NODE_TYPES.ExpressionStatement && statement.directive !== undefined)) {
      layout.firstStatement = statement;
    }
  }
  return layout;
});

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
    const layout = importLayout(sourceCode);
    for (const [module, bindings] of additions) {
      const names = bindings.map(binding => specifierText(binding, commonJs)).join(', ');
      if (commonJs) {
        const pattern = layout.requireDestructurings.get(module);
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
      const lastAnchor = commonJs ? layout.lastRequire : layout.lastImport;
      const eol = lineBreakOf(sourceCode);
      const text = newStatements.join(eol);
      if (lastAnchor) {
        edits.push(fixer.insertTextAfter(lastAnchor, `${eol}${text}`));
      } else {
        const first = layout.firstStatement;
        edits.push(first ? fixer.insertTextBefore(first, `${text}${eol}`) : fixer.insertTextAfterRange([0, 0], `${text}${eol}`));
      }
    }
    return edits;
  }

  return { expressions, addedModules: [...additions.keys()], fixes };
}
