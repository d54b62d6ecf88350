import * as fs from 'node:fs';

import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-utils';

import { getFileDeclarations } from '../declarations';
import { moduleLoader, resolveModuleFile } from '../declarations/modules';
import { calleeName, literalRequireSpecifier, moduleSpecifiers, normalizeModuleSource, staticPropertyName } from '../imports';
import { MAX_FILE_BYTES, statFile } from '../module-exports';
import { isProcessProperty } from './process-calls';
import { someOwnNode } from '../walk';

/**
 * "Does this file ask the user questions at a terminal?" Code that prompts is an interactive
 * command-line tool: a daemon or a server has no terminal to ask, and a person waits at the other
 * end. Decided from the code, never from names of the file or its functions:
 * - it imports a prompt library (inquirer, prompts, enquirer, …);
 * - it asks through a readline interface over `process.stdin` (`rl.question(…)`), or puts the
 *   terminal in raw mode to read keys (`process.stdin.setRawMode(…)`);
 * - or a relative module it imports does either (one level: a project's own prompt helper).
 */

/** Packages whose whole purpose is asking the user at a terminal. */
const PROMPT_MODULES = new Set([
  'inquirer',
  '@inquirer/prompts',
  '@inquirer/core',
  'prompts',
  'enquirer',
  '@clack/prompts',
  'readline-sync',
  'promptly',
  'prompt',
  'read',
  'password-prompt',
]);

/** How many relative modules of one file are read to find a prompt helper. */
const MAX_RELATIVE_MODULES = 24;

type SourceCode = Readonly<TSESLint.SourceCode>;

/** `moduleSpecifiers` for a module read from disk, which has no scopes: every import and `require` in it. */
const specifiersOfModules = new WeakMap<TSESTree.Program, string[]>();
function importedSpecifiersOfModule(program: TSESTree.Program): string[] {
  let specifiers = specifiersOfModules.get(program);
  if (specifiers) return specifiers;
  const found: string[] = [];
  someOwnNode(
    program,
    node => {
      if (node.type === AST_NODE_TYPES.ImportDeclaration && node.importKind !== 'type') found.push(node.source.value);
      else if (node.type === AST_NODE_TYPES.CallExpression) {
        const specifier = literalRequireSpecifier(node);
        if (specifier !== undefined) found.push(specifier);
      }
      return false;
    },
    () => true,
  );
  specifiers = found;
  specifiersOfModules.set(program, specifiers);
  return specifiers;
}

/** `createInterface({ input: process.stdin, … })` (readline's, however it was imported). */
function readsStdinByLine(call: TSESTree.CallExpression): boolean {
  const name = calleeName(call.callee);
  const options = call.arguments[0];
  return (
    name === 'createInterface' &&
    options?.type === AST_NODE_TYPES.ObjectExpression &&
    options.properties.some(
      property =>
        property.type === AST_NODE_TYPES.Property &&
        property.key.type === AST_NODE_TYPES.Identifier &&
        property.key.name === 'input' &&
        isProcessProperty(property.value, 'stdin'),
    )
  );
}

/** Text without which a program cannot ask at the terminal through readline or raw mode. */
const ASKING_TEXT = /setRawMode|\.question\s*\(/;

const askingPrograms = new WeakMap<TSESTree.Program, boolean>();

/** True when the program asks through readline over stdin (`rl.question(…)`) or reads raw keys. */
function programAsks(program: TSESTree.Program): boolean {
  const known = askingPrograms.get(program);
  if (known !== undefined) return known;
  let readsStdin = false;
  let asks = false;
  const answer = someOwnNode(
    program,
    node => {
      if (node.type !== AST_NODE_TYPES.CallExpression) return false;
      if (node.callee.type === AST_NODE_TYPES.MemberExpression) {
        const method = staticPropertyName(node.callee);
        if (method === 'setRawMode' && isProcessProperty(node.callee.object, 'stdin')) return true;
        if (method === 'question') asks = true;
      }
      if (readsStdinByLine(node)) readsStdin = true;
      return readsStdin && asks;
    },
    () => true,
  );
  askingPrograms.set(program, answer);
  return answer;
}

function importsPromptModule(specifiers: readonly string[]): boolean {
  return specifiers.some(specifier => PROMPT_MODULES.has(normalizeModuleSource(specifier)));
}

/**
 * Text without which a module cannot prompt: readline's question, raw mode, or a prompt library's
 * name in quotes. Most modules fail it and are never parsed.
 */
const PROMPTING_TEXT = new RegExp(
  `${ASKING_TEXT.source}|['"](?:${[...PROMPT_MODULES].map(name => name.replace(/[/@]/g, '\\$&')).join('|')})['"]`,
);

/** Per relative module: whether it prompts, with the size and mtime it had when read. */
const modulePrompts = new Map<string, { mtimeMs: number; size: number; prompts: boolean }>();
/** Bounds the map in a long-running language server. */
const MAX_REMEMBERED_MODULES = 2000;

/** True when the module `specifier` names from `fromFile` (a relative one) prompts. */
function relativeModulePrompts(fromFile: string, specifier: string): boolean {
  const file = resolveModuleFile(fromFile, specifier);
  if (file === undefined) return false;
  const stats = statFile(file);
  if (!stats || stats.size > MAX_FILE_BYTES) return false;
  const known = modulePrompts.get(file);
  if (known && known.mtimeMs === stats.mtimeMs && known.size === stats.size) return known.prompts;
  let prompts = false;
  try {
    if (PROMPTING_TEXT.test(fs.readFileSync(file, 'utf8'))) {
      const module = moduleLoader.load(fromFile, specifier);
      prompts = module !== undefined && (importsPromptModule(importedSpecifiersOfModule(module.program)) || programAsks(module.program));
    }
  } catch {
    prompts = false;
  }
  if (modulePrompts.size >= MAX_REMEMBERED_MODULES) modulePrompts.clear();
  modulePrompts.set(file, { mtimeMs: stats.mtimeMs, size: stats.size, prompts });
  return prompts;
}

/** True when the file being linted prompts the user at a terminal itself. */
export function promptsAtTerminal(sourceCode: SourceCode): boolean {
  return importsPromptModule(moduleSpecifiers(sourceCode)) || (ASKING_TEXT.test(sourceCode.text) && programAsks(sourceCode.ast));
}

/**
 * True when a relative module the file being linted imports prompts (a prompt helper of the
 * project). It reads the file system, so the context model asks only once a rule has something to
 * report. `filename` must be absolute.
 */
export function promptsThroughRelativeModule(sourceCode: SourceCode, filename: string): boolean {
  const relative = moduleSpecifiers(sourceCode).filter(specifier => specifier.startsWith('.'));
  if (relative.length === 0) return false;
  // Starts the lint of the declaration index, so that a prompt helper changed on disk is read again.
  getFileDeclarations(sourceCode, filename);
  return relative.slice(0, MAX_RELATIVE_MODULES).some(specifier => relativeModulePrompts(filename, specifier));
}
