import * as fs from 'node:fs';
import * as path from 'node:path';

import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from './ast-utils';

/**
 * What the exports of a relative module say about promises, read from disk without type
 * information: which exported functions certainly return a promise, and which exports are
 * promises themselves. Only relative specifiers are followed (never into `node_modules`), files
 * larger than `MAX_FILE_BYTES` are not read, re-export chains stop after `MAX_REEXPORT_DEPTH`
 * hops, and a cycle of re-exports ends the search without an answer.
 */

/** Larger files are generated bundles: too slow to parse on every keystroke, rarely imported. */
export const MAX_FILE_BYTES = 512 * 1024;
/** `export * from` / `export { x } from` hops followed before giving up. */
export const MAX_REEXPORT_DEPTH = 6;

const EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.mjs', '.cjs', '.jsx'];

export type ExportEvidence = 'returns-promise' | 'promise';

type LocalExport =
  | { kind: 'evidence'; evidence: ExportEvidence }
  | { kind: 'reexport'; specifier: string; name: string };

interface ModuleSummary {
  /** Exports known locally (`default` for the default export; `` for `module.exports = …`). */
  exports: Map<string, LocalExport>;
  /** Specifiers of `export * from '…'`. */
  starExports: string[];
}

interface CacheEntry {
  mtimeMs: number;
  size: number;
  summary: ModuleSummary | undefined;
}

const summaryCache = new Map<string, CacheEntry>();

export type Parse = (code: string, jsx: boolean) => TSESTree.Program | undefined;

let cachedParser: Parse | null | undefined;

/**
 * The parser for modules read from disk, loaded on first use: `@typescript-eslint/typescript-estree`
 * needs `typescript`, an optional peer, so a project without it still gets evidence from
 * JavaScript files through ESLint's own `espree`.
 */
export function getParser(): Parse | null {
  if (cachedParser !== undefined) return cachedParser;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const estree = require('@typescript-eslint/typescript-estree') as typeof import('@typescript-eslint/typescript-estree');
    cachedParser = (code, jsx) => estree.parse(code, { jsx, comment: true, range: true, loc: false, suppressDeprecatedPropertyWarnings: true });
  } catch {
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const espree = require('espree') as { parse(code: string, options: object): unknown };
      cachedParser = (code, jsx) =>
        espree.parse(code, { ecmaVersion: 'latest', sourceType: 'module', ecmaFeatures: { jsx }, comment: true, range: true }) as TSESTree.Program;
    } catch {
      cachedParser = null;
    }
  }
  return cachedParser;
}

/** The file's stats when it exists and is a file; never throws. */
export function statFile(file: string): fs.Stats | undefined {
  try {
    // Most candidates of a specifier do not exist: asked not to throw, a missing file costs a
    // fraction of what an exception does.
    const stats = fs.statSync(file, { throwIfNoEntry: false });
    return stats?.isFile() ? stats : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Resolved relative specifiers, by the importing folder and the specifier, for the process: every
 * file of a folder imports the same siblings, and each resolution tries several candidate files.
 * Emptied whenever files are forgotten (the language server forgets on every change on disk, a
 * created file included, which can change what a specifier names).
 */
const resolvedSpecifiers = new Map<string, string | undefined>();

function isInsideNodeModules(file: string): boolean {
  return file.split(/[\\/]/).includes('node_modules');
}

/** The file a relative specifier names, as Node and TypeScript resolve it; undefined otherwise. */
export function resolveRelativeModule(fromFile: string, specifier: string): string | undefined {
  if (!specifier.startsWith('./') && !specifier.startsWith('../') && specifier !== '.' && specifier !== '..') {
    return undefined;
  }
  const key = `${path.dirname(fromFile)}\0${specifier}`;
  if (resolvedSpecifiers.has(key)) return resolvedSpecifiers.get(key);
  const resolved = resolveRelativeCandidates(path.resolve(path.dirname(fromFile), specifier));
  resolvedSpecifiers.set(key, resolved);
  return resolved;
}

function resolveRelativeCandidates(base: string): string | undefined {
  const candidates = [base];
  // TypeScript ESM imports name the emitted `.js` file; the source is `.ts`.
  const emitted = /\.(m|c)?jsx?$/.exec(base);
  if (emitted) {
    const stem = base.slice(0, -emitted[0].length);
    const flavour = emitted[1] ?? '';
    candidates.push(`${stem}.${flavour}ts`, `${stem}.${flavour}tsx`);
  }
  for (const extension of EXTENSIONS) candidates.push(base + extension);
  for (const extension of EXTENSIONS) candidates.push(path.join(base, `index${extension}`));
  for (const candidate of candidates) {
    if (isInsideNodeModules(candidate)) return undefined;
    if (statFile(candidate)) return candidate;
  }
  return undefined;
}

function isPromiseTypeAnnotation(annotation: TSESTree.TypeNode | undefined): boolean {
  if (annotation?.type === AST_NODE_TYPES.TSIntersectionType) {
    // `Promise<T> & { extra }` is still a promise; a union is not certainly one.
    return annotation.types.some(isPromiseTypeAnnotation);
  }
  return (
    annotation?.type === AST_NODE_TYPES.TSTypeReference &&
    annotation.typeName.type === AST_NODE_TYPES.Identifier &&
    annotation.typeName.name === 'Promise'
  );
}

/** `: Promise<T>` on a function, or on a variable whose type is a function returning one. */
export function hasPromiseReturnAnnotation(node: {
  returnType?: TSESTree.TSTypeAnnotation | undefined;
}): boolean {
  return isPromiseTypeAnnotation(node.returnType?.typeAnnotation);
}

export function isPromiseFunctionType(annotation: TSESTree.TypeNode | undefined): boolean {
  return annotation?.type === AST_NODE_TYPES.TSFunctionType && isPromiseTypeAnnotation(annotation.returnType?.typeAnnotation);
}

export { isPromiseTypeAnnotation };

const JSDOC_RETURNS_PROMISE = /@returns?\s*\{\s*Promise\b/;

/** True for a JSDoc block (`/** … *\/`) that says the function returns a promise. */
export function isJSDocReturningPromise(comment: TSESTree.Comment | undefined): boolean {
  return comment !== undefined && comment.type === 'Block' && comment.value.startsWith('*') && JSDOC_RETURNS_PROMISE.test(comment.value);
}

interface ForeignFile {
  comments: TSESTree.Comment[];
  text: string;
}

function jsDocBefore(file: ForeignFile, node: TSESTree.Node): TSESTree.Comment | undefined {
  let candidate: TSESTree.Comment | undefined;
  for (const comment of file.comments) {
    if (comment.range[1] <= node.range[0]) candidate = comment;
    else break;
  }
  if (!candidate) return undefined;
  return file.text.slice(candidate.range[1], node.range[0]).trim() === '' ? candidate : undefined;
}

type FunctionLike =
  | TSESTree.ArrowFunctionExpression
  | TSESTree.FunctionDeclaration
  | TSESTree.FunctionExpression
  | TSESTree.TSDeclareFunction;

function isFunctionLike(node: TSESTree.Node | null | undefined): node is FunctionLike {
  return (
    node?.type === AST_NODE_TYPES.ArrowFunctionExpression ||
    node?.type === AST_NODE_TYPES.FunctionDeclaration ||
    node?.type === AST_NODE_TYPES.FunctionExpression ||
    node?.type === AST_NODE_TYPES.TSDeclareFunction
  );
}

/**
 * The top-level bindings of a module read from disk, with what each says about promises. Scope
 * analysis is not run on foreign files: a name declared at the top level once is enough.
 */
function collectTopLevel(program: TSESTree.Program, file: ForeignFile): Map<string, ExportEvidence | undefined> {
  const declared = new Map<string, ExportEvidence | undefined>();
  const functionEvidence = (fn: FunctionLike, anchor: TSESTree.Node): ExportEvidence | undefined => {
    if (fn.generator) return undefined;
    if (fn.async || hasPromiseReturnAnnotation(fn) || isJSDocReturningPromise(jsDocBefore(file, anchor))) {
      return 'returns-promise';
    }
    return undefined;
  };
  const remember = (name: string, evidence: ExportEvidence | undefined): void => {
    // A name declared twice (overloads aside) is not certain.
    if (declared.has(name) && declared.get(name) !== evidence) declared.set(name, undefined);
    else declared.set(name, evidence);
  };
  // Parsed without parent links: `anchor` is the statement a JSDoc comment would precede.
  const visit = (statement: TSESTree.Node, anchor: TSESTree.Node): void => {
    if (statement.type === AST_NODE_TYPES.ExportNamedDeclaration || statement.type === AST_NODE_TYPES.ExportDefaultDeclaration) {
      if (statement.declaration) visit(statement.declaration, statement);
      return;
    }
    if (isFunctionLike(statement) && statement.id) {
      remember(statement.id.name, functionEvidence(statement, anchor));
      return;
    }
    if (statement.type === AST_NODE_TYPES.VariableDeclaration) {
      for (const declarator of statement.declarations) {
        if (declarator.id.type !== AST_NODE_TYPES.Identifier) continue;
        const init = declarator.init;
        let evidence: ExportEvidence | undefined;
        if (isFunctionLike(init)) evidence = functionEvidence(init, anchor);
        else if (isPromiseFunctionType(declarator.id.typeAnnotation?.typeAnnotation)) evidence = 'returns-promise';
        else if (statement.kind === 'const' && isPromiseTypeAnnotation(declarator.id.typeAnnotation?.typeAnnotation)) evidence = 'promise';
        remember(declarator.id.name, evidence);
      }
    }
  };
  for (const statement of program.body) visit(statement, statement);
  return declared;
}

function exportedName(node: TSESTree.Identifier | TSESTree.StringLiteral): string {
  return node.type === AST_NODE_TYPES.Identifier ? node.name : node.value;
}

/**
 * The path under `module.exports` that an assignment target names: `[]` for `module.exports` or
 * `exports` itself, `['f']` for `exports.f`, undefined for anything else.
 */
export function commonJsExportPath(node: TSESTree.Node): string[] | undefined {
  if (node.type === AST_NODE_TYPES.Identifier && node.name === 'exports') return [];
  if (node.type !== AST_NODE_TYPES.MemberExpression || node.computed || node.property.type !== AST_NODE_TYPES.Identifier) {
    return undefined;
  }
  if (node.object.type === AST_NODE_TYPES.Identifier && node.object.name === 'module' && node.property.name === 'exports') return [];
  const base = commonJsExportPath(node.object);
  return base && [...base, node.property.name];
}

function summarize(program: TSESTree.Program, file: ForeignFile): ModuleSummary {
  const topLevel = collectTopLevel(program, file);
  const exports = new Map<string, LocalExport>();
  const starExports: string[] = [];
  const exportLocal = (exported: string, evidence: ExportEvidence | undefined): void => {
    if (evidence) exports.set(exported, { kind: 'evidence', evidence });
  };
  const expressionEvidence = (node: TSESTree.Node): ExportEvidence | undefined => {
    if (node.type === AST_NODE_TYPES.Identifier) return topLevel.get(node.name);
    if (isFunctionLike(node) && !node.generator && (node.async || hasPromiseReturnAnnotation(node))) return 'returns-promise';
    return undefined;
  };
  const assignedNames = new Set<string>();
  const reassignedNames = new Set<string>();
  for (const statement of program.body) {
    if (statement.type === AST_NODE_TYPES.ExportAllDeclaration) {
      if (statement.exportKind === 'type') continue;
      if (statement.exported) {
        // `export * as ns from` exposes a namespace object, not functions.
        continue;
      }
      starExports.push(statement.source.value);
    } else if (statement.type === AST_NODE_TYPES.ExportNamedDeclaration) {
      if (statement.exportKind === 'type') continue;
      if (statement.declaration) {
        const declaration = statement.declaration;
        if (isFunctionLike(declaration) && declaration.id) exportLocal(declaration.id.name, topLevel.get(declaration.id.name));
        if (declaration.type === AST_NODE_TYPES.VariableDeclaration) {
          for (const declarator of declaration.declarations) {
            if (declarator.id.type === AST_NODE_TYPES.Identifier) exportLocal(declarator.id.name, topLevel.get(declarator.id.name));
          }
        }
        continue;
      }
      for (const specifier of statement.specifiers) {
        if (specifier.exportKind === 'type') continue;
        const local = exportedName(specifier.local);
        const exported = exportedName(specifier.exported);
        if (statement.source) exports.set(exported, { kind: 'reexport', specifier: statement.source.value, name: local });
        else exportLocal(exported, topLevel.get(local));
      }
    } else if (statement.type === AST_NODE_TYPES.ExportDefaultDeclaration) {
      const declaration = statement.declaration;
      if (isFunctionLike(declaration)) {
        exportLocal('default', declaration.id ? topLevel.get(declaration.id.name) : expressionEvidence(declaration));
      } else {
        exportLocal('default', expressionEvidence(declaration));
      }
    } else if (
      statement.type === AST_NODE_TYPES.ExpressionStatement &&
      statement.expression.type === AST_NODE_TYPES.AssignmentExpression &&
      statement.expression.operator === '='
    ) {
      // CommonJS: `exports.f = async () => …`, `module.exports = { f, g: async () => … }`.
      const target = commonJsExportPath(statement.expression.left);
      if (!target || target.length > 1) continue;
      const value = statement.expression.right;
      if (target.length === 1) {
        // A name assigned twice (`exports.save = async …; exports.save = …;`) is not followed.
        const name = target[0]!;
        if (assignedNames.has(name)) {
          exports.delete(name);
          reassignedNames.add(name);
        }
        assignedNames.add(name);
        if (!reassignedNames.has(name)) exportLocal(name, expressionEvidence(value));
      } else if (value.type === AST_NODE_TYPES.ObjectExpression) {
        for (const property of value.properties) {
          if (property.type !== AST_NODE_TYPES.Property || property.computed) continue;
          const key = property.key.type === AST_NODE_TYPES.Identifier ? property.key.name : undefined;
          if (key === undefined) continue;
          const propertyValue = property.value;
          if (property.method && isFunctionLike(propertyValue) && propertyValue.async && !propertyValue.generator) {
            exports.set(key, { kind: 'evidence', evidence: 'returns-promise' });
          } else {
            exportLocal(key, expressionEvidence(propertyValue));
          }
        }
      } else {
        exportLocal('', expressionEvidence(value));
      }
    }
  }
  return { exports, starExports };
}

function readSummary(file: string): ModuleSummary | undefined {
  const stats = statFile(file);
  if (!stats) return undefined;
  const cached = summaryCache.get(file);
  if (cached && cached.mtimeMs === stats.mtimeMs && cached.size === stats.size) return cached.summary;
  let summary: ModuleSummary | undefined;
  if (stats.size <= MAX_FILE_BYTES) {
    const parse = getParser();
    if (parse) {
      try {
        const text = fs.readFileSync(file, 'utf8');
        const program = parse(text, /\.(t|j)sx$/.test(file));
        if (program) summary = summarize(program, { comments: program.comments ?? [], text });
      } catch {
        // A file that does not parse gives no evidence; the file being linted is unaffected.
        summary = undefined;
      }
    }
  }
  summaryCache.set(file, { mtimeMs: stats.mtimeMs, size: stats.size, summary });
  return summary;
}

function lookup(file: string, name: string, depth: number, visited: Set<string>): ExportEvidence | undefined {
  if (depth > MAX_REEXPORT_DEPTH) return undefined;
  const key = `${file}\0${name}`;
  if (visited.has(key)) return undefined;
  visited.add(key);
  const summary = readSummary(file);
  if (!summary) return undefined;
  const local = summary.exports.get(name);
  if (local?.kind === 'evidence') return local.evidence;
  if (local?.kind === 'reexport') {
    const target = resolveRelativeModule(file, local.specifier);
    return target ? lookup(target, local.name, depth + 1, visited) : undefined;
  }
  if (name === 'default' || name === '') return undefined;
  for (const specifier of summary.starExports) {
    const target = resolveRelativeModule(file, specifier);
    const found = target && lookup(target, name, depth + 1, visited);
    if (found) return found;
  }
  return undefined;
}

/**
 * What export `name` of the relative module `specifier` (imported from `fromFile`) says about
 * promises. `default` is the default export; an empty name is `module.exports` itself.
 */
export function getExportEvidence(fromFile: string, specifier: string, name: string): ExportEvidence | undefined {
  if (!path.isAbsolute(fromFile)) return undefined;
  const target = resolveRelativeModule(fromFile, specifier);
  return target ? lookup(target, name, 0, new Set()) : undefined;
}

/** Forgets every file read; for tests that rewrite fixtures. */
export function clearModuleExportsCache(): void {
  summaryCache.clear();
  resolvedSpecifiers.clear();
}

/** Forgets what was read from these files, and every resolved specifier (a file created or removed can change one). */
export function forgetModuleExports(paths: readonly string[]): void {
  for (const file of paths) summaryCache.delete(file);
  resolvedSpecifiers.clear();
}
