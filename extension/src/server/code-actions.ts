import type { Linter } from 'eslint';
import type { CodeAction, Diagnostic, Range, TextEdit } from 'vscode-languageserver';
import { CodeActionKind } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';

import { DIAGNOSTIC_SOURCE, ServerCommands } from '../shared/protocol';
import { PLUGIN_PREFIX } from './engine';

/** One linted problem: what ESLint said and the diagnostic shown for it. */
export interface Problem {
  message: Linter.LintMessage;
  diagnostic: Diagnostic;
}

/** The title of the quick fix that applies every safe fix of the file. */
export const FIX_ALL_TITLE = 'Fix all auto-fixable Async Pitfalls problems';

type Fix = NonNullable<Linter.LintMessage['fix']>;

export interface TitledFix {
  title: string;
  fix: Fix;
}

function sameFix(a: Fix, b: Fix): boolean {
  return a.range[0] === b.range[0] && a.range[1] === b.range[1] && a.text === b.text;
}

/**
 * A problem's fixes with the rule's own words for them. ESLint gives an autofix no description;
 * a rule that also offers the same edit as a suggestion names it there, and that suggestion is
 * then not listed a second time.
 */
export function fixesOf(message: Linter.LintMessage, ruleName: string): { autofix?: TitledFix; suggestions: TitledFix[] } {
  const suggestions = message.suggestions ?? [];
  const autofix = message.fix;
  const twin = autofix ? suggestions.find(suggestion => sameFix(suggestion.fix, autofix)) : undefined;
  return {
    ...(autofix ? { autofix: { title: twin?.desc ?? `Fix this ${ruleName} problem`, fix: autofix } } : {}),
    suggestions: suggestions.filter(suggestion => suggestion !== twin).map(suggestion => ({ title: suggestion.desc, fix: suggestion.fix })),
  };
}

function toTextEdit(document: TextDocument, fix: { range: [number, number]; text: string }): TextEdit {
  return {
    range: { start: document.positionAt(fix.range[0]), end: document.positionAt(fix.range[1]) },
    newText: fix.text,
  };
}

function overlaps(a: Range, b: Range): boolean {
  const before = (x: Range['start'], y: Range['start']): boolean => x.line < y.line || (x.line === y.line && x.character < y.character);
  return !before(a.end, b.start) && !before(b.end, a.start);
}

function sameDiagnostic(a: Diagnostic, b: Diagnostic): boolean {
  return (
    a.code === b.code &&
    a.message === b.message &&
    a.range.start.line === b.range.start.line &&
    a.range.start.character === b.range.start.character
  );
}

function lineText(document: TextDocument, line: number): string {
  if (line < 0 || line >= document.lineCount) return '';
  return document.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } }).replace(/\r?\n$/, '');
}

const NEXT_LINE_DIRECTIVE = /^(\s*\/\/\s*eslint-disable-next-line)(\s+[^]*?)?(\s+--\s[^]*)?$/;

/**
 * "Disable for this line": adds the rule to an `eslint-disable-next-line` comment right above the
 * problem when there is one, instead of stacking a second comment.
 */
export function disableForLineEdit(document: TextDocument, line: number, ruleId: string): TextEdit | undefined {
  const previous = lineText(document, line - 1);
  const match = NEXT_LINE_DIRECTIVE.exec(previous);
  if (match) {
    const rules = (match[2] ?? '').trim();
    if (rules === '' || rules.split(/\s*,\s*/).includes(ruleId)) return undefined;
    const head = match[1] ?? '';
    const updated = `${head} ${rules}, ${ruleId}${match[3] ?? ''}`;
    return {
      range: { start: { line: line - 1, character: 0 }, end: { line: line - 1, character: previous.length } },
      newText: updated,
    };
  }
  const indentation = /^\s*/.exec(lineText(document, line))?.[0] ?? '';
  return {
    range: { start: { line, character: 0 }, end: { line, character: 0 } },
    newText: `${indentation}// eslint-disable-next-line ${ruleId}\n`,
  };
}

const FILE_DIRECTIVE = /^\/\*\s*eslint-disable\s+([^*]+?)\s*\*\/\s*$/;

/** "Disable for the entire file": a block directive at the top (after a shebang), merged into one there. */
export function disableForFileEdit(document: TextDocument, ruleId: string): TextEdit | undefined {
  const firstLine = lineText(document, 0).startsWith('#!') ? 1 : 0;
  const existing = lineText(document, firstLine);
  const match = FILE_DIRECTIVE.exec(existing);
  if (match) {
    const rules = (match[1] ?? '').split(/\s*,\s*/);
    if (rules.includes(ruleId)) return undefined;
    return {
      range: { start: { line: firstLine, character: 0 }, end: { line: firstLine, character: existing.length } },
      newText: `/* eslint-disable ${[...rules, ruleId].join(', ')} */`,
    };
  }
  return {
    range: { start: { line: firstLine, character: 0 }, end: { line: firstLine, character: 0 } },
    newText: `/* eslint-disable ${ruleId} */\n`,
  };
}

export interface CodeActionRequest {
  document: TextDocument;
  range: Range;
  /** The diagnostics the client sent in the request's context. */
  diagnostics: readonly Diagnostic[];
  only: readonly string[] | undefined;
  problems: readonly Problem[];
  docsUrl: (ruleName: string) => string | undefined;
}

function wants(only: readonly string[] | undefined, kind: string): boolean {
  return only === undefined || only.some(prefix => kind === prefix || kind.startsWith(`${prefix}.`));
}

/** Quick fixes for the problems under the cursor: each fix and suggestion, then disable and docs actions. */
export function quickFixes(request: CodeActionRequest): CodeAction[] {
  if (!wants(request.only, CodeActionKind.QuickFix)) return [];
  const { document } = request;
  const ownDiagnostics = request.diagnostics.filter(diagnostic => diagnostic.source === DIAGNOSTIC_SOURCE);
  const relevant = request.problems.filter(
    problem =>
      problem.message.ruleId &&
      (ownDiagnostics.some(diagnostic => sameDiagnostic(diagnostic, problem.diagnostic)) ||
        (ownDiagnostics.length === 0 && overlaps(problem.diagnostic.range, request.range))),
  );
  const fixes: CodeAction[] = [];
  const disables: CodeAction[] = [];
  const seenRules = new Set<string>();
  for (const { message, diagnostic } of relevant) {
    const ruleId = message.ruleId ?? '';
    const ruleName = ruleId.slice(PLUGIN_PREFIX.length);
    const edit = (edits: TextEdit[]): CodeAction['edit'] => ({ changes: { [document.uri]: edits } });
    const { autofix, suggestions } = fixesOf(message, ruleName);
    if (autofix) {
      fixes.push({
        title: autofix.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        isPreferred: true,
        edit: edit([toTextEdit(document, autofix.fix)]),
      });
    }
    for (const suggestion of suggestions) {
      fixes.push({
        title: suggestion.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        edit: edit([toTextEdit(document, suggestion.fix)]),
      });
    }
    if (seenRules.has(ruleId)) continue;
    seenRules.add(ruleId);
    const lineEdit = disableForLineEdit(document, diagnostic.range.start.line, ruleId);
    if (lineEdit) {
      disables.push({
        title: `Disable ${ruleName} for this line`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        edit: edit([lineEdit]),
      });
    }
    const fileEdit = disableForFileEdit(document, ruleId);
    if (fileEdit) {
      disables.push({
        title: `Disable ${ruleName} for the entire file`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        edit: edit([fileEdit]),
      });
    }
    const url = request.docsUrl(ruleName);
    if (url) {
      disables.push({
        title: `Show documentation for ${ruleName}`,
        kind: CodeActionKind.QuickFix,
        command: { title: `Show documentation for ${ruleName}`, command: ServerCommands.showDocumentation, arguments: [url] },
      });
    }
  }
  // As vscode-eslint does: one entry that applies every safe fix of the file (fixes, never suggestions).
  if (relevant.length > 0 && request.problems.some(problem => problem.message.fix)) {
    fixes.push({
      title: FIX_ALL_TITLE,
      kind: CodeActionKind.QuickFix,
      command: { title: FIX_ALL_TITLE, command: ServerCommands.fixAll, arguments: [{ uri: document.uri, version: document.version }] },
    });
  }
  return [...fixes, ...disables];
}

/** One edit that turns `before` into `after`, covering only the part that differs. */
export function minimalEdit(document: TextDocument, before: string, after: string): TextEdit {
  let start = 0;
  const shorter = Math.min(before.length, after.length);
  while (start < shorter && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let endBefore = before.length;
  let endAfter = after.length;
  while (endBefore > start && endAfter > start && before.charCodeAt(endBefore - 1) === after.charCodeAt(endAfter - 1)) {
    endBefore--;
    endAfter--;
  }
  return {
    range: { start: document.positionAt(start), end: document.positionAt(endBefore) },
    newText: after.slice(start, endAfter),
  };
}
