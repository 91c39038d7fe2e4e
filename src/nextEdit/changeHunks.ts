/**
 * The editor's change events as edit-history hunks: each change (an offset range of the text before it and
 * its new text, as VS Code reports it, applied in order) becomes "lines startLine.. of the old text became
 * these lines". The caller keeps the document's previous text; this returns the hunks and the new text.
 */
import { countBreaks } from '../text/lineStarts';

export interface TextChange {
  rangeOffset: number;
  rangeLength: number;
  text: string;
}

export interface LineHunk {
  startLine: number;
  before: string[];
  after: string[];
}

export function changeHunks(oldText: string, changes: readonly TextChange[]): { text: string; hunks: LineHunk[] } {
  let text = oldText;
  const hunks: LineHunk[] = [];
  for (const c of changes) {
    const lineStart = text.lastIndexOf('\n', c.rangeOffset - 1) + 1;
    const endOffset = c.rangeOffset + c.rangeLength;
    const nextBreak = text.indexOf('\n', endOffset);
    const lineEnd = nextBreak === -1 ? text.length : nextBreak;
    const startLine = countBreaks(text, 0, lineStart);
    const before = text.slice(lineStart, lineEnd).split('\n');
    const after = (text.slice(lineStart, c.rangeOffset) + c.text + text.slice(endOffset, lineEnd)).split('\n');
    hunks.push({ startLine, before, after });
    text = text.slice(0, c.rangeOffset) + c.text + text.slice(endOffset);
  }
  return { text, hunks };
}
