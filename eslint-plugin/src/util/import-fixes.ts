import { isBuiltin } from 'node:module';

import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from './ast-utils';

import { lineBreakOf } from './ast';
import { findBindingExpression, findModuleImport, normalizeModuleSource, prefersNodeProtocol, usesCommonJs } from './imports';
import { perFile } from './per-file';
import { isNameTaken, isVisibleAt, variableOf, variablesNamed } from './scope/variables';

/** An export a fix needs at some place of the file: `{ module: 'fs/promises', name: 'readFile' }`. */
export interface ImportRequest {
  /** Module specifier, with or without `node:`. */
  module: string;
  /** Exported name; `default` for the module's default export (`import pLimit from 'p-limit'`, `require('p-limit')` in CommonJS). */
  name: string;
  /**
   * Local names to try, in order, when the export's own name is taken (`setTimeout` → `sleep`);
   * for `default`, the names to give it.
   */
  fallbackNames?: string[];
}

export interface ImportPlan {
  /** For each request, the expression that reaches it at the place of the fix. */
  expressions: string[];
  /** The modules whose import the fix adds (empty when every binding was already there). */
  addedModules: string[];
  /** The same modules as the file will spell them (`node:fs/promises`, or an existing import's own specifier). */
  addedSpecifiers: string[];
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
    const existing =
      request.name === 'default'
        ? visibleDefaultBinding(sourceCode, module, at)
        : findBindingExpression(sourceCode, at, { source: module, path: [request.name] });
    if (existing !== undefined) {
      expressions.push(existing);
      continue;
    }
    const planned = additions.get(module)?.find(binding => binding.imported === request.name);
    if (planned) {
      expressions.push(planned.local);
      continue;
    }
    const preferred = request.name === 'default' ? (request.fallbackNames?.[0] ?? 'defaultExport') : request.name;
    const candidates = [
      ...(request.name === 'default' ? [] : [request.name]),
      ...(request.fallbackNames ?? []),
      ...(request.name === 'default' ? [] : [`${request.name}Async`]),
    ];
    let local = candidates.find(name => !chosenNames.has(name) && !isNameTaken(sourceCode, name));
    for (let counter = 2; local === undefined; counter++) {
      const numbered = request.name === 'default' ? `${preferred}${counter}` : `${request.name}Async${counter}`;
      if (!chosenNames.has(numbered) && !isNameTaken(sourceCode, numbered)) local = numbered;
    }
    chosenNames.add(local);
    additions.set(module, [...(additions.get(module) ?? []), { imported: request.name, local }]);
    expressions.push(local);
  }

  /** Where each module's names go: after the last name of an import or `require` destructuring already there, or a new statement. */
  const targets = new Map<string, { joins: TSESTree.Node; specifier: string } | { joins?: undefined; specifier: string }>();
  for (const [module, bindings] of additions) {
    if (bindings.some(binding => binding.imported === 'default')) {
      // A default import is a statement of its own.
    } else if (commonJs) {
      const pattern = importLayout(sourceCode).requireDestructurings.get(module);
      const last = pattern?.properties[pattern.properties.length - 1];
      const init = (pattern?.parent as TSESTree.VariableDeclarator | undefined)?.init as TSESTree.CallExpression | undefined;
      const written = init?.arguments[0];
      if (last && written?.type === AST_NODE_TYPES.Literal && typeof written.value === 'string') {
        targets.set(module, { joins: last, specifier: written.value });
        continue;
      }
    } else {
      const declaration = findModuleImport(sourceCode, module);
      const named = declaration?.specifiers.filter(specifier => specifier.type === AST_NODE_TYPES.ImportSpecifier);
      const last = named?.[named.length - 1];
      if (declaration && last) {
        targets.set(module, { joins: last, specifier: declaration.source.value });
        continue;
      }
    }
    targets.set(module, { specifier: nodeProtocol && isBuiltin(module) ? `node:${module}` : module });
  }

  function fixes(fixer: TSESLint.RuleFixer): TSESLint.RuleFix[] {
    const edits: TSESLint.RuleFix[] = [];
    const newStatements: string[] = [];
    const layout = importLayout(sourceCode);
    for (const [module, bindings] of additions) {
      const { joins, specifier } = targets.get(module)!;
      const defaultBinding = bindings.find(binding => binding.imported === 'default');
      if (defaultBinding) {
        newStatements.push(
          commonJs ? `const ${defaultBinding.local} = require('${specifier}');` : `import ${defaultBinding.local} from '${specifier}';`,
        );
      }
      const named = bindings.filter(binding => binding !== defaultBinding);
      if (named.length === 0) continue;
      const names = named.map(binding => specifierText(binding, commonJs)).join(', ');
      if (joins) {
        edits.push(fixer.insertTextAfter(joins, `, ${names}`));
        continue;
      }
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

  return {
    expressions,
    addedModules: [...additions.keys()],
    addedSpecifiers: [...targets.values()].map(target => target.specifier),
    fixes,
  };
}

/**
 * The file's binding of a module's default export when it is what its name means at `at`: a local
 * of the same name there (`const pLimit = …` in a namespace or a function) hides it.
 */
function visibleDefaultBinding(sourceCode: Readonly<TSESLint.SourceCode>, module: string, at: TSESTree.Node): string | undefined {
  const local = findDefaultBinding(sourceCode, module);
  if (local === undefined) return undefined;
  const variable = variablesNamed(sourceCode, local).find(candidate => candidate.scope.type === 'module' || candidate.scope.type === 'global');
  return variable && isVisibleAt(sourceCode, variable, at) ? local : undefined;
}

/**
 * The local name of a module's default export already in the file: `pLimit` of
 * `import pLimit from 'p-limit'` or of a top-level `const pLimit = require('p-limit')`.
 */
function findDefaultBinding(sourceCode: Readonly<TSESLint.SourceCode>, module: string): string | undefined {
  for (const statement of sourceCode.ast.body) {
    if (statement.type === AST_NODE_TYPES.ImportDeclaration) {
      if (statement.importKind === 'type' || normalizeModuleSource(statement.source.value) !== module) continue;
      const specifier = statement.specifiers.find(candidate => candidate.type === AST_NODE_TYPES.ImportDefaultSpecifier);
      if (specifier) return specifier.local.name;
    } else if (statement.type === AST_NODE_TYPES.VariableDeclaration && statement.kind === 'const') {
      for (const declarator of statement.declarations) {
        if (declarator.id.type !== AST_NODE_TYPES.Identifier || declarator.init?.type !== AST_NODE_TYPES.CallExpression) continue;
        const required = requiredModule(declarator.init);
        if (required !== undefined && normalizeModuleSource(required) === module) return declarator.id.name;
      }
    }
  }
  return undefined;
}

/** The `require('<module>')` call an initializer reads from (`require('fs')`, `require('fs').promises`), if any. */
function requiredModule(init: TSESTree.Node | null): string | undefined {
  let node = init;
  while (node?.type === AST_NODE_TYPES.MemberExpression) node = node.object;
  if (
    node?.type !== AST_NODE_TYPES.CallExpression ||
    node.callee.type !== AST_NODE_TYPES.Identifier ||
    node.callee.name !== 'require' ||
    node.arguments[0]?.type !== AST_NODE_TYPES.Literal ||
    typeof node.arguments[0].value !== 'string'
  ) {
    return undefined;
  }
  return node.arguments[0].value;
}

type Range = readonly [number, number];

function conflicts(a: Range, b: Range): boolean {
  if (a[0] === a[1]) return b[0] < a[0] && a[0] < b[1];
  if (b[0] === b[1]) return a[0] < b[0] && b[0] < a[1];
  return a[0] < b[1] && b[0] < a[1];
}

/** One element of a comma-separated list, with the comma that joins it to a neighbour. */
function listElementRange(elements: readonly TSESTree.Node[], element: TSESTree.Node): Range {
  const index = elements.indexOf(element);
  const following = elements[index + 1];
  if (following) return [element.range[0], following.range[0]];
  return [elements[index - 1]!.range[1], element.range[1]];
}

/**
 * Ways to remove a whole statement, best first: with its own line when it stands alone on it
 * (the line break after it, or else the one before it), or just its text.
 */
function statementRanges(sourceCode: Readonly<TSESLint.SourceCode>, statement: TSESTree.Node): Range[] {
  const text = sourceCode.text;
  const lineStart = text.lastIndexOf('\n', statement.range[0] - 1) + 1;
  const alone = text.slice(lineStart, statement.range[0]).trim() === '' && /^[ \t]*(?:\r?\n|$)/.test(text.slice(statement.range[1]));
  const ranges: Range[] = [];
  if (alone) {
    const after = /^[ \t]*(?:\r?\n)?/.exec(text.slice(statement.range[1]))![0].length;
    ranges.push([lineStart, statement.range[1] + after]);
    if (lineStart > 0) ranges.push([text[lineStart - 2] === '\r' ? lineStart - 2 : lineStart - 1, statement.range[1]]);
  }
  ranges.push([statement.range[0], statement.range[1]]);
  return ranges;
}

/**
 * The removal of the import (or `require` binding) that `reference` reads, for a fix that
 * replaces `reference` and so leaves the binding unused: the specifier with its comma, or the
 * whole statement when it was the only one. Undefined when anything else still uses the binding
 * (another reference, the replacement's own text through `keptNames`, an `export`), or when
 * removing it could drop a module's side effects (a whole statement of a module that is not one
 * of Node's own). The returned function gives the fix's edits with the removal: a name the fix
 * adds right after the one that goes takes its place (`{ execSync }` → `{ exec }`), as does an
 * import it adds right after (or before) the statement that goes; otherwise the removal takes a
 * range that does not overlap the other edits.
 */
export function unusedBindingRemoval(
  sourceCode: Readonly<TSESLint.SourceCode>,
  reference: TSESTree.Identifier,
  keptNames: readonly string[],
): ((fixer: TSESLint.RuleFixer, edits: readonly TSESLint.RuleFix[]) => TSESLint.RuleFix[]) | undefined {
  const variable = variableOf(sourceCode, reference);
  const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (!variable || !definition || keptNames.includes(variable.name)) return undefined;
  // The declaration's own initialisation (`const { x } = require(…)`) is no use.
  if (variable.references.some(other => other.identifier !== reference && other.init !== true)) return undefined;

  let module: string | undefined;
  let statement: TSESTree.Node;
  /** The specifier or destructured property that binds the name. */
  let binding: TSESTree.Node;
  /** Removing only part of the statement, when it keeps other names. */
  let part: Range | undefined;
  if (definition.type === 'ImportBinding' && definition.parent.type === AST_NODE_TYPES.ImportDeclaration) {
    const declaration = definition.parent;
    const specifier = definition.node;
    module = declaration.source.value;
    statement = declaration;
    binding = specifier;
    const named = declaration.specifiers.filter(candidate => candidate.type === AST_NODE_TYPES.ImportSpecifier);
    if (specifier.type === AST_NODE_TYPES.ImportSpecifier && named.length > 1) {
      part = listElementRange(named, specifier);
    } else if (specifier.type === AST_NODE_TYPES.ImportSpecifier && declaration.specifiers.length > 1) {
      // `import fs, { readFileSync } from 'fs'`: the braces go with their only name.
      const closing = sourceCode.getTokenAfter(specifier, token => token.value === '}');
      const defaultSpecifier = declaration.specifiers[0]!;
      if (!closing || defaultSpecifier.type === AST_NODE_TYPES.ImportSpecifier) return undefined;
      part = [defaultSpecifier.range[1], closing.range[1]];
    } else if (declaration.specifiers.length > 1) {
      return undefined;
    }
  } else if (definition.type === 'Variable') {
    const declarator = definition.node;
    const declaration = definition.parent;
    module = requiredModule(declarator.init);
    if (module === undefined || declaration.declarations.length !== 1) return undefined;
    statement = declaration;
    binding = declarator;
    if (declarator.id !== definition.name) {
      const pattern = declarator.id;
      if (pattern.type !== AST_NODE_TYPES.ObjectPattern) return undefined;
      const property = pattern.properties.find(
        candidate => candidate.type === AST_NODE_TYPES.Property && candidate.value === definition.name,
      );
      // Without a name, a `...rest` of the same pattern would hold one more property.
      if (!property || pattern.properties.some(candidate => candidate.type === AST_NODE_TYPES.RestElement)) return undefined;
      binding = property;
      if (pattern.properties.length > 1) part = listElementRange(pattern.properties, property);
    }
  } else {
    return undefined;
  }
  const [start, end] = statement.range;
  const candidates = part ? [part] : statementRanges(sourceCode, statement);
  const wholeStatement = !part;
  const removable = part !== undefined || isBuiltin(module);
  return (fixer, edits) => {
    // The fix adds a name to this import right after the one that goes: it takes its place.
    const joined = edits.find(
      edit => edit.range[0] === binding.range[1] && edit.range[1] === binding.range[1] && edit.text.startsWith(', '),
    );
    if (joined) {
      return [...edits.filter(edit => edit !== joined), fixer.replaceTextRange(binding.range, joined.text.slice(2))];
    }
    if (!removable) return [...edits];
    if (wholeStatement) {
      // `import { readFile } from 'node:fs/promises'` added next to the import that goes: in its place.
      const after = edits.find(edit => edit.range[0] === end && edit.range[1] === end && edit.text.startsWith('\n'));
      const before = edits.find(edit => edit.range[0] === start && edit.range[1] === start && edit.text.endsWith('\n'));
      const adjacent = after ?? before;
      if (adjacent) {
        const text = after ? adjacent.text.slice(1) : adjacent.text.slice(0, -1);
        return [...edits.filter(edit => edit !== adjacent), fixer.replaceTextRange([start, end], text)];
      }
    }
    const range = candidates.find(candidate => edits.every(edit => !conflicts(candidate, edit.range)));
    return range ? [...edits, fixer.removeRange(range)] : [...edits];
  };
}
