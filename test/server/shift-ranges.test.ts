// Findings kept while a file does not parse move with the edits, as the editor moves its markers.
import * as assert from 'node:assert/strict';

import type { Range } from 'vscode-languageserver';
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';

import { shiftRange } from '../../extension/src/server/shift-ranges';

const range = (startLine: number, startCharacter: number, endLine: number, endCharacter: number): Range => ({
  start: { line: startLine, character: startCharacter },
  end: { line: endLine, character: endCharacter },
});
const change = (at: Range, text: string): TextDocumentContentChangeEvent => ({ range: at, text });

describe('shiftRange', () => {
  // A finding on line 3, characters 4–10.
  const finding = range(3, 4, 3, 10);

  it('stays put for an edit after it, or on a line below it', () => {
    assert.deepEqual(shiftRange(finding, [change(range(3, 12, 3, 12), 'x')]), finding);
    assert.deepEqual(shiftRange(finding, [change(range(5, 0, 6, 0), '')]), finding);
    // Typing right after its end does not stretch it.
    assert.deepEqual(shiftRange(finding, [change(range(3, 10, 3, 10), '(')]), finding);
  });

  it('moves down with lines inserted above it and up with lines deleted above it', () => {
    assert.deepEqual(shiftRange(finding, [change(range(1, 0, 1, 0), 'a\nb\n')]), range(5, 4, 5, 10));
    assert.deepEqual(shiftRange(finding, [change(range(0, 0, 2, 0), '')]), range(1, 4, 1, 10));
  });

  it('moves along its line with text typed before it, also at its very start', () => {
    assert.deepEqual(shiftRange(finding, [change(range(3, 0, 3, 0), 'ab')]), range(3, 6, 3, 12));
    assert.deepEqual(shiftRange(finding, [change(range(3, 4, 3, 4), 'ab')]), range(3, 6, 3, 12));
  });

  it('grows and shrinks with edits inside it, across lines', () => {
    assert.deepEqual(shiftRange(finding, [change(range(3, 6, 3, 6), 'xyz')]), range(3, 4, 3, 13));
    assert.deepEqual(shiftRange(finding, [change(range(3, 6, 3, 8), '')]), range(3, 4, 3, 8));
    assert.deepEqual(shiftRange(finding, [change(range(3, 6, 3, 6), '\n  ')]), range(3, 4, 4, 6));
  });

  it('follows a line joined to the one above it', () => {
    // Line 2 is "abc": deleting the line break between lines 2 and 3 puts the finding after it.
    assert.deepEqual(shiftRange(finding, [change(range(2, 3, 3, 0), '')]), range(2, 7, 2, 13));
  });

  it('applies several changes in order, each on the text the previous one left', () => {
    assert.deepEqual(
      shiftRange(finding, [change(range(0, 0, 0, 0), '\n'), change(range(4, 0, 4, 0), '  ')]),
      range(4, 6, 4, 12),
    );
  });

  it('is lost when its whole text is replaced, or the whole document is', () => {
    assert.equal(shiftRange(finding, [change(range(3, 2, 3, 12), '')]), undefined);
    assert.equal(shiftRange(finding, [{ text: 'everything' }]), undefined);
  });
});
