import * as fs from 'node:fs';
import { createRequire } from 'node:module';

import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { linkParents } from '../declarations/scopes';
import { MAX_FILE_BYTES } from '../module-exports';

/**
 * A file read from disk as ESLint would lint it: its syntax tree, tokens and scope analysis in a
 * real `SourceCode`, so that the analyses written for the linted file (what a function can throw
 * or reject, whose names resolve where) answer for a function another module exports. Built with
 * ESLint's own `SourceCode`; where ESLint or the reader of a file's language is missing (oxlint as
 * the host without ESLint installed, a TypeScript file without `@typescript-eslint/parser`)
 * nothing is read and the questions stay unanswered, as before. Files over `MAX_FILE_BYTES` and
 * files that do not parse give nothing.
 *
 * Cached for the process by path, mtime and size, least recently used first, and bounded: a
 * SourceCode holds the file's tokens and scopes.
 */
interface Entry {
  mtimeMs: number;
  size: number;
  sourceCode: TSESLint.SourceCode | undefined;
}

const files = new Map<string, Entry>();
export const MAX_CACHED_SOURCE_FILES = 64;

interface Parsed {
  ast: TSESTree.Program;
  scopeManager: unknown;
  visitorKeys: TSESLint.SourceCode.VisitorKeys;
  services?: unknown;
}
type SourceCodeClass = new (config: { text: string; ast: TSESTree.Program; scopeManager: unknown; visitorKeys: TSESLint.SourceCode.VisitorKeys; parserServices: unknown }) => TSESLint.SourceCode;

/**
 * How files are read: JavaScript as ESLint reads it by default (`espree` and `eslint-scope`,
 * resolved from ESLint's own install, so a JavaScript-only project has them), TypeScript with
 * `@typescript-eslint/parser` when it is installed.
 */
interface Tools {
  SourceCode: SourceCodeClass;
  parseJavaScript?: (text: string, jsx: boolean) => Parsed;
  parseTypeScript?: (text: string, file: string) => Parsed;
}

let tools: Tools | null | undefined;

/* eslint-disable @typescript-eslint/no-require-imports -- optional peers, loaded on first use */
/**
 * A package ESLint depends on: found from here when hoisted (and so bundled with the language
 * server), else from ESLint's own folder.
 */
function requireBesideEslint<T>(name: 'eslint-scope' | 'eslint-visitor-keys', load: () => unknown): T {
  try {
    return load() as T;
  } catch {
    return createRequire(require.resolve('eslint'))(name) as T;
  }
}

function loadTools(): Tools | null {
  if (tools !== undefined) return tools;
  tools = null;
  try {
    tools = { SourceCode: (require('eslint') as { SourceCode: SourceCodeClass }).SourceCode };
  } catch {
    return tools;
  }
  try {
    const espree = require('espree') as { parse(code: string, options: object): TSESTree.Program };
    const scope = requireBesideEslint<{ analyze(ast: TSESTree.Program, options: object): unknown }>('eslint-scope', () => require('eslint-scope'));
    const keys = requireBesideEslint<{ KEYS: TSESLint.SourceCode.VisitorKeys; getKeys(node: object): readonly string[] }>('eslint-visitor-keys', () =>
      require('eslint-visitor-keys'),
    );
    tools.parseJavaScript = (text, jsx) => {
      const ast = espree.parse(text, { ecmaVersion: 'latest', sourceType: 'module', range: true, loc: true, tokens: true, comment: true, ecmaFeatures: { jsx } });
      const scopeManager = scope.analyze(ast, { ignoreEval: true, ecmaVersion: 2026, sourceType: 'module', childVisitorKeys: keys.KEYS, fallback: keys.getKeys, jsx });
      return { ast, scopeManager, visitorKeys: keys.KEYS };
    };
  } catch {
    // No JavaScript reader: such files stay unread.
  }
  try {
    const parser = require('@typescript-eslint/parser') as { parseForESLint(code: string, options: object): Parsed };
    tools.parseTypeScript = (text, file) =>
      parser.parseForESLint(text, { ecmaVersion: 'latest', sourceType: 'module', range: true, loc: true, tokens: true, comment: true, jsx: file.endsWith('x'), filePath: file });
  } catch {
    // No TypeScript reader: TypeScript files stay unread.
  }
  return tools;
}
/* eslint-enable @typescript-eslint/no-require-imports */

/** The SourceCode of `file` as read from disk now, or undefined when it cannot be read. */
export function sourceCodeOfFile(file: string): TSESLint.SourceCode | undefined {
  let stats: fs.Stats | undefined;
  try {
    stats = fs.statSync(file, { throwIfNoEntry: false });
  } catch {
    stats = undefined;
  }
  const cached = files.get(file);
  if (!stats?.isFile()) {
    files.delete(file);
    return undefined;
  }
  if (cached && cached.mtimeMs === stats.mtimeMs && cached.size === stats.size) {
    files.delete(file);
    files.set(file, cached);
    return cached.sourceCode;
  }
  const sourceCode = stats.size <= MAX_FILE_BYTES ? read(file) : undefined;
  files.delete(file);
  files.set(file, { mtimeMs: stats.mtimeMs, size: stats.size, sourceCode });
  if (files.size > MAX_CACHED_SOURCE_FILES) files.delete(files.keys().next().value as string);
  return sourceCode;
}

function read(file: string): TSESLint.SourceCode | undefined {
  const loaded = loadTools();
  if (!loaded) return undefined;
  const typeScript = /\.[cm]?tsx?$/.test(file);
  const parseJavaScript = loaded.parseJavaScript;
  try {
    const text = fs.readFileSync(file, 'utf8');
    let parsed: Parsed | undefined;
    if (typeScript) parsed = loaded.parseTypeScript?.(text, file);
    else if (parseJavaScript) {
      // `.js` files of React projects hold JSX too.
      try {
        parsed = parseJavaScript(text, /\.jsx$/.test(file));
      } catch {
        parsed = parseJavaScript(text, true);
      }
    }
    if (!parsed) return undefined;
    // ESLint links parents while it traverses a file it lints; this one it never traverses.
    linkParents(parsed.ast);
    return new loaded.SourceCode({ text, ast: parsed.ast, scopeManager: parsed.scopeManager, visitorKeys: parsed.visitorKeys, parserServices: parsed.services ?? {} });
  } catch {
    return undefined;
  }
}

/** The node of `sourceCode`'s tree with this range and type (the same file parsed twice gives the same ranges). */
export function nodeAt(sourceCode: TSESLint.SourceCode, range: TSESTree.Range, type: string): TSESTree.Node | undefined {
  let node: TSESTree.Node = sourceCode.ast;
  for (;;) {
    if (node.range[0] === range[0] && node.range[1] === range[1] && node.type === type) return node;
    let next: TSESTree.Node | undefined;
    for (const key of sourceCode.visitorKeys[node.type] ?? []) {
      const value = (node as unknown as Record<string, unknown>)[key];
      for (const child of Array.isArray(value) ? value : [value]) {
        const candidate = child as TSESTree.Node | null | undefined;
        if (candidate && typeof candidate.type === 'string' && candidate.range[0] <= range[0] && candidate.range[1] >= range[1]) {
          next = candidate;
          break;
        }
      }
      if (next) break;
    }
    if (!next) return undefined;
    node = next;
  }
}

/** Drops what was read from these files (all when none is given). */
export function forgetSourceFiles(paths?: readonly string[]): void {
  if (!paths) files.clear();
  else for (const file of paths) files.delete(file);
}
