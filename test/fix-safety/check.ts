import type { TSESLint } from '@typescript-eslint/utils';
import type { Linter } from 'eslint';

import plugin from '../../eslint-plugin/src/index';
import { CODE_CONTEXT_NAMES } from '../../eslint-plugin/src/util/context';
import type { ParseFacts, ParseSettings } from './parsing';
import { lint, parseFacts, typeScriptGrammarErrors } from './parsing';

/** A program to lint: its text, how it is parsed, and where it came from. */
export interface Program extends ParseSettings {
  code: string;
  /** `generated`, or the seed's test file, with the mutations applied. */
  origin: string;
}

export type FailureKind = 'crash' | 'unparsable-output' | 'grammar-error' | 'lost-binding' | 'captured-global';

export interface Failure {
  kind: FailureKind;
  ruleId: string;
  /** `fix`, `lint` for a crash, or the suggestion's message id. */
  edit: string;
  detail: string;
  output?: string;
}

export interface CheckResult {
  /** False when the input itself does not parse or has grammar errors: nothing was checked. */
  checked: boolean;
  reports: number;
  fixes: number;
  suggestions: number;
  /** Fixes and suggestions applied, by rule. */
  editsByRule: Map<string, number>;
  /** Fixes and suggestions applied, by kind: `fix` or the suggestion's message id. */
  editsByKind: Map<string, number>;
  failures: Failure[];
}

/**
 * Every rule of `configs.all`, reporting in every context (test, command-line and start-up code
 * too): the programs are not real files of any kind, and every report gives fixes to check.
 */
const ALL_RULES: Record<string, TSESLint.FlatConfig.RuleEntry> = Object.fromEntries(
  Object.keys(plugin.configs.all.rules ?? {}).map(name => [name, ['error', { contexts: [...CODE_CONTEXT_NAMES] }]]),
);

function countBy(items: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(item, (counts.get(item) ?? 0) + 1);
  return counts;
}

/**
 * Globals that fixes write on purpose (`console.error(error)`, `await Promise.all(…)`, and in a
 * CommonJS file `const { readFile } = require('node:fs/promises')` at its top). A fix that writes
 * one where a local of that name captures it is still caught below.
 */
const GLOBALS_FIXES_USE = new Set(['console', 'Promise', 'AbortSignal', 'clearInterval', 'clearTimeout', 'undefined', 'require']);

interface InputFacts {
  parse: ParseFacts;
  grammar: Map<string, number>;
}

/** What is wrong with an output that its input did not have, or undefined. */
function outputProblem(input: InputFacts, output: string, program: Program): { kind: FailureKind; detail: string } | undefined {
  const facts = parseFacts(output, program);
  if (facts.error !== undefined) return { kind: 'unparsable-output', detail: facts.error };
  if (program.language === 'ts') {
    for (const [error, count] of countBy(typeScriptGrammarErrors(output, program.sourceType))) {
      if (count > (input.grammar.get(error) ?? 0)) return { kind: 'grammar-error', detail: error };
    }
  }
  // A name the input declares that no longer resolves where it is used: a declaration moved out
  // of reach of a use (into a block, a `try`), so the output throws a ReferenceError. A name the
  // input already reads unresolved somewhere is left out: a fix that repeats such an expression
  // (the busy wait's duration, kept in its \`const end\` and given to \`setTimeout\`) reads the same
  // global once more, which is no change.
  for (const [name, count] of facts.unresolved) {
    if (GLOBALS_FIXES_USE.has(name) || !input.parse.declared.has(name) || input.parse.unresolved.has(name)) continue;
    if (count > 0) return { kind: 'lost-binding', detail: `'${name}' no longer resolves` };
  }
  // A global a fix writes (`Promise.all`, `console.error`) that a local of the file captures instead.
  for (const name of GLOBALS_FIXES_USE) {
    if ((facts.bound.get(name) ?? 0) > (input.parse.bound.get(name) ?? 0)) return { kind: 'captured-global', detail: `'${name}' is a local here` };
  }
  return undefined;
}

function applyEdit(code: string, edit: { range: readonly [number, number]; text: string }): string {
  return code.slice(0, edit.range[0]) + edit.text + code.slice(edit.range[1]);
}

/** Checks an input before linting it: it must parse, and TypeScript must find no grammar error in it. */
function inputFacts(program: Program): InputFacts | undefined {
  const parse = parseFacts(program.code, program);
  if (parse.error !== undefined) return undefined;
  const grammar = program.language === 'ts' ? typeScriptGrammarErrors(program.code, program.sourceType) : [];
  if (grammar.length > 0) return undefined;
  return { parse, grammar: countBy(grammar) };
}

/**
 * Lints `program` with every rule of `configs.all`, applies each fix and each suggestion alone,
 * and checks that every output parses (and, for TypeScript, that TypeScript finds no new grammar
 * error) and keeps every name the input declares within reach of its uses. Inputs that do not
 * parse, or that TypeScript rejects, are not checked.
 */
export function checkProgram(program: Program): CheckResult {
  const result: CheckResult = { checked: false, reports: 0, fixes: 0, suggestions: 0, editsByRule: new Map(), editsByKind: new Map(), failures: [] };
  const input = inputFacts(program);
  if (!input) return result;
  let messages: Linter.LintMessage[];
  try {
    messages = lint(program.code, program, ALL_RULES);
  } catch (error) {
    result.checked = true;
    const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
    const ruleId = /Rule: "([^"]+)"/.exec(text)?.[1] ?? 'unknown';
    result.failures.push({ kind: 'crash', ruleId, edit: 'lint', detail: text });
    return result;
  }
  // typescript-eslint's parser is stricter than espree in places: such inputs are not checked.
  if (messages.some(message => message.fatal)) return result;
  result.checked = true;
  // Several edits may give the same text (one fix offered by two reports): each text is checked once.
  const verdicts = new Map<string, ReturnType<typeof outputProblem>>();
  for (const message of messages) {
    result.reports += 1;
    const ruleId = message.ruleId ?? 'unknown';
    const edits: { edit: string; fix: { range: [number, number]; text: string } }[] = [];
    if (message.fix) {
      result.fixes += 1;
      edits.push({ edit: 'fix', fix: message.fix });
    }
    for (const suggestion of message.suggestions ?? []) {
      result.suggestions += 1;
      edits.push({ edit: suggestion.messageId ?? suggestion.desc, fix: suggestion.fix });
    }
    if (edits.length > 0) result.editsByRule.set(ruleId, (result.editsByRule.get(ruleId) ?? 0) + edits.length);
    for (const { edit, fix } of edits) {
      result.editsByKind.set(edit, (result.editsByKind.get(edit) ?? 0) + 1);
      const output = applyEdit(program.code, fix);
      if (!verdicts.has(output)) verdicts.set(output, outputProblem(input, output, program));
      const problem = verdicts.get(output);
      if (problem) result.failures.push({ ...problem, ruleId, edit, output });
    }
  }
  return result;
}
