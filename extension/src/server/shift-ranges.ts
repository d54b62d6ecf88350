import type { Position, Range } from 'vscode-languageserver';
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';

function before(a: Position, b: Position): boolean {
  return a.line < b.line || (a.line === b.line && a.character < b.character);
}

/**
 * Where a range's start or end ends up once `range` is replaced by `text`. Inside the replaced
 * text, a start moves to where the change begins and an end to where the new text ends.
 */
function shiftPosition(position: Position, range: Range, text: string, side: 'start' | 'end'): Position {
  const lines = text.split(/\r\n|\r|\n/);
  const lastLine = lines[lines.length - 1] ?? '';
  const insertedEnd: Position =
    lines.length === 1
      ? { line: range.start.line, character: range.start.character + lastLine.length }
      : { line: range.start.line + lines.length - 1, character: lastLine.length };
  // Untouched: before the change; an end also at its start (text added after a range stays out of it).
  if (before(position, range.start) || (side === 'end' && position.line === range.start.line && position.character === range.start.character)) {
    return position;
  }
  if (before(position, range.end)) return side === 'start' ? range.start : insertedEnd;
  // At or after the end of the replaced range.
  if (position.line === range.end.line) {
    return { line: insertedEnd.line, character: insertedEnd.character + (position.character - range.end.character) };
  }
  return { line: position.line + (insertedEnd.line - range.end.line), character: position.character };
}

/**
 * A range moved with a document's incremental changes, in order, as an editor moves a marker:
 * text inserted before it pushes it along, text replaced inside it shrinks or grows it. Undefined
 * when a change replaced the whole document (nothing is known of where the range went) or the
 * range collapsed to nothing.
 */
export function shiftRange(range: Range, changes: readonly TextDocumentContentChangeEvent[]): Range | undefined {
  let current = range;
  for (const change of changes) {
    if (!('range' in change)) return undefined;
    const start = shiftPosition(current.start, change.range, change.text, 'start');
    const end = shiftPosition(current.end, change.range, change.text, 'end');
    if (!before(start, end)) return undefined;
    current = { start, end };
  }
  return current;
}
