import * as fs from 'node:fs';

import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { linkParents } from '../declarations/scopes';
import { MAX_FILE_BYTES } from '../module-exports';

/**
 * A file read from disk as ESLint would lint it: its syntax tree, tokens and scope analysis in a
 * real `SourceCode`, so that the analyses written for the linted file (what a function can throw
 * or reject, whose names resolve where) answer for a function another module exports. Parsed with
 * `@typescript-eslint/parser` and built with ESLint's own `SourceCode`; where either is missing
 * (oxlint as the host, a JavaScript-only install) nothing is read and the questions stay
 * unanswered, as before. Files over `MAX_FILE_BYTES` and files that do not parse give nothing.
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

type ParseForESLint = (
  code: string,
  options: object,
) => { ast: TSESTree.Program; scopeManager: unknown; visitorKeys: TSESLint.SourceCode.VisitorKeys; services?: unknown };
type SourceCodeClass = new (config: { text: string; ast: TSESTree.Program; scopeManager: unknown; visitorKeys: TSESLint.SourceCode.VisitorKeys; parserServices: unknown }) => TSESLint.SourceCode;

let tools: { parse: ParseForESLint; SourceCode: SourceCodeClass } | null | undefined;

function loadTools(): { parse: ParseForESLint; SourceCode: SourceCodeClass } | null {
  if (tools !== undefined) return tools;
  try {
    /* eslint-disable @typescript-eslint/no-require-imports -- optional peers, loaded on first use */
    const parser = require('@typescript-eslint/parser') as { parseForESLint: ParseForESLint };
    const eslint = require('eslint') as { SourceCode: SourceCodeClass };
    /* eslint-enable @typescript-eslint/no-require-imports */
    tools = { parse: parser.parseForESLint, SourceCode: eslint.SourceCode };
  } catch {
    tools = null;
  }
  return tools;
}

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
  try {
    const text = fs.readFileSync(file, 'utf8');
    const { ast, scopeManager, visitorKeys, services } = loaded.parse(text, {
      ecmaVersion: 'latest',
      sourceType: 'module',
      range: true,
      loc: true,
      tokens: true,
      comment: true,
      jsx: /\.(t|j)sx$/.test(file),
      filePath: file,
    });
    // ESLint links parents while it traverses a file it lints; this one it never traverses.
    linkParents(ast);
    return new loaded.SourceCode({ text, ast, scopeManager, visitorKeys, parserServices: services ?? {} });
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
