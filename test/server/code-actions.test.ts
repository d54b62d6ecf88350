// How ESLint's fixes and suggestions become LSP code actions (a message of any rule, so that
// suggestions are covered whatever rules the plugin has).
import * as assert from 'node:assert/strict';

import type { Linter } from 'eslint';
import type { Diagnostic } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';

import { disableForFileEdit, disableForLineEdit, minimalEdit, quickFixes } from '../../extension/src/server/code-actions';
import { applyEdits } from './lsp-client';

const CODE = `async function main() {
  save(data);
}
`;

function problemAt(message: Partial<Linter.LintMessage>): { message: Linter.LintMessage; diagnostic: Diagnostic } {
  const full: Linter.LintMessage = {
    ruleId: 'async-pitfalls/no-missing-await',
    message: 'The promise of save() is dropped.',
    line: 2,
    column: 3,
    endLine: 2,
    endColumn: 13,
    severity: 2,
    ...message,
  } as Linter.LintMessage;
  const diagnostic: Diagnostic = {
    range: { start: { line: 1, character: 2 }, end: { line: 1, character: 12 } },
    message: full.message,
    source: 'async-pitfalls',
    code: 'no-missing-await',
  };
  return { message: full, diagnostic };
}

describe('code actions from lint messages', () => {
  const document = TextDocument.create('file:///w/main.ts', 'typescript', 1, CODE);
  const saveCall = [CODE.indexOf('save(data)'), CODE.indexOf('save(data)')] as const;

  it('turns each suggestion into a quick fix that is not preferred, the fix into the preferred one', () => {
    const problem = problemAt({
      fix: { range: [saveCall[0], saveCall[0]], text: 'void ' },
      suggestions: [
        { desc: 'Add await', messageId: 'addAwait', fix: { range: [saveCall[0], saveCall[0]], text: 'await ' } },
        { desc: 'Handle the rejection with .catch()', messageId: 'addCatch', fix: { range: [saveCall[1] + 10, saveCall[1] + 10], text: '.catch(console.error)' } },
      ],
    });
    const actions = quickFixes({ document, range: problem.diagnostic.range, diagnostics: [problem.diagnostic], only: undefined, problems: [problem], docsUrl: () => 'https://docs/rule' });
    assert.deepEqual(
      actions.map(action => [action.title, action.isPreferred === true]),
      [
        ['Fix this no-missing-await problem', true],
        ['Add await', false],
        ['Handle the rejection with .catch()', false],
        ['Fix all auto-fixable Async Pitfalls problems', false],
        ['Disable no-missing-await for this line', false],
        ['Disable no-missing-await for the entire file', false],
        ['Show documentation for no-missing-await', false],
      ],
    );
    const texts = actions.slice(0, 3).map(action => applyEdits(CODE, action.edit?.changes?.[document.uri] ?? []));
    assert.deepEqual(texts, [
      CODE.replace('save(data)', 'void save(data)'),
      CODE.replace('save(data)', 'await save(data)'),
      CODE.replace('save(data)', 'save(data).catch(console.error)'),
    ]);
  });

  it("titles the fix with the rule's suggestion that makes the same edit, and lists that suggestion once", () => {
    const voidIt = { range: [saveCall[0], saveCall[0]] as [number, number], text: 'void ' };
    const problem = problemAt({
      fix: voidIt,
      suggestions: [
        { desc: 'Add await', messageId: 'addAwait', fix: { range: [saveCall[0], saveCall[0]], text: 'await ' } },
        { desc: 'Mark the promise as ignored with `void`', messageId: 'addVoid', fix: { ...voidIt } },
      ],
    });
    const actions = quickFixes({ document, range: problem.diagnostic.range, diagnostics: [problem.diagnostic], only: undefined, problems: [problem], docsUrl: () => undefined });
    assert.deepEqual(
      actions.slice(0, 3).map(action => [action.title, action.isPreferred === true]),
      [
        ['Mark the promise as ignored with `void`', true],
        ['Add await', false],
        ['Fix all auto-fixable Async Pitfalls problems', false],
      ],
    );
    assert.equal(applyEdits(CODE, actions[0]?.edit?.changes?.[document.uri] ?? []), CODE.replace('save(data)', 'void save(data)'));
  });

  it('offers "fix all" in the lightbulb as a command on the document, only where a problem of the file has a fix', () => {
    const fixable = problemAt({ fix: { range: [saveCall[0], saveCall[0]], text: 'void ' } });
    const unfixable = problemAt({});
    const request = { document, range: unfixable.diagnostic.range, diagnostics: [unfixable.diagnostic], only: undefined, docsUrl: () => undefined };
    const fixAll = quickFixes({ ...request, problems: [unfixable, { ...fixable, diagnostic: { ...fixable.diagnostic, message: 'another' } }] }).find(action =>
      action.title.startsWith('Fix all'),
    );
    assert.deepEqual(fixAll?.command, {
      title: 'Fix all auto-fixable Async Pitfalls problems',
      command: 'asyncPitfalls.server.fixAll',
      arguments: [{ uri: document.uri, version: 1 }],
    });
    assert.equal(quickFixes({ ...request, problems: [unfixable] }).some(action => action.title.startsWith('Fix all')), false);
  });

  it('offers nothing when only another kind is asked for, and nothing for a range without problems', () => {
    const problem = problemAt({});
    assert.deepEqual(quickFixes({ document, range: problem.diagnostic.range, diagnostics: [], only: ['refactor'], problems: [problem], docsUrl: () => undefined }), []);
    const elsewhere = { start: { line: 0, character: 0 }, end: { line: 0, character: 3 } };
    assert.deepEqual(quickFixes({ document, range: elsewhere, diagnostics: [], only: undefined, problems: [problem], docsUrl: () => undefined }), []);
  });

  it('merges a disable comment into an existing one and does not repeat a rule', () => {
    const withComment = TextDocument.create('file:///w/a.ts', 'typescript', 1, '  // eslint-disable-next-line no-console\n  save(data);\n');
    const merged = disableForLineEdit(withComment, 1, 'async-pitfalls/no-missing-await');
    assert.equal(applyEdits(withComment.getText(), merged ? [merged] : []), '  // eslint-disable-next-line no-console, async-pitfalls/no-missing-await\n  save(data);\n');
    const already = TextDocument.create('file:///w/b.ts', 'typescript', 1, '// eslint-disable-next-line async-pitfalls/no-missing-await\nsave(data);\n');
    assert.equal(disableForLineEdit(already, 1, 'async-pitfalls/no-missing-await'), undefined);
  });

  it('merges a file-wide disable into the directive at the top', () => {
    const withDirective = TextDocument.create('file:///w/c.ts', 'typescript', 1, '/* eslint-disable async-pitfalls/require-timeout */\nsave(data);\n');
    const edit = disableForFileEdit(withDirective, 'async-pitfalls/no-missing-await');
    assert.equal(
      applyEdits(withDirective.getText(), edit ? [edit] : []),
      '/* eslint-disable async-pitfalls/require-timeout, async-pitfalls/no-missing-await */\nsave(data);\n',
    );
  });

  it('fix-all edits only the part of the text that changed', () => {
    const before = 'a\nb\nc\n';
    const after = 'a\nB!\nc\n';
    const edit = minimalEdit(TextDocument.create('file:///w/d.ts', 'typescript', 1, before), before, after);
    assert.deepEqual(edit, { range: { start: { line: 1, character: 0 }, end: { line: 1, character: 1 } }, newText: 'B!' });
  });
});
