/**
 * Offsets of line starts and the line holding an offset: shared by the code that cuts text by whole lines
 * (commands' targets, the secret-safe cut).
 */

/** The offset at which each of `lines` (a text split on '\n') starts in that text. */
export function lineStarts(lines: readonly string[]): number[] {
  const starts: number[] = [];
  let at = 0;
  for (const line of lines) {
    starts.push(at);
    at += line.length + 1;
  }
  return starts;
}

/** The offset at which each line of `text` starts (the same as `lineStarts(text.split('\n'))`, without the split). */
export function textLineStarts(text: string): number[] {
  const starts = [0];
  for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', nl + 1)) starts.push(nl + 1);
  return starts;
}

/** The index of the line holding `offset` (binary search over line starts). */
export function lineIndexAt(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Texts whose last asked line is remembered (a request's document, and the one before it while an edit is applied). */
const REMEMBERED_TEXTS = 2;
/** The last line asked of each recent text, most recent first: `offset` and the line holding it. */
const known: { text: string; offset: number; line: number }[] = [];

/** The known point of `text`, if any (a text equal to a remembered one has the same lines). */
function knownOf(text: string): { text: string; offset: number; line: number } | undefined {
  for (const k of known) if (k.text.length === text.length && k.text === text) return k;
  return undefined;
}

function remember(text: string, offset: number, line: number): void {
  const at = known.findIndex((k) => k.text === text);
  if (at >= 0) known.splice(at, 1);
  known.unshift({ text, offset, line });
  if (known.length > REMEMBERED_TEXTS) known.pop();
}

/**
 * The 0-based line holding `offset` (the line breaks before it), counted from the offset asked last of
 * the same text instead of from its top: one request asks it several times near the cursor (the cursor's
 * line, the prefix's start, the tree edit's position), in a file of thousands of lines.
 */
export function lineAtOffset(text: string, offset: number): number {
  const k = knownOf(text);
  let line: number;
  if (!k) line = countBreaks(text, 0, offset);
  else if (offset >= k.offset) line = k.line + countBreaks(text, k.offset, offset);
  else line = k.line - countBreaks(text, offset, k.offset);
  remember(text, offset, line);
  return line;
}

/** Where 0-based `line` starts (the text's length when past its end), walked from the offset asked last of the same text. */
export function offsetOfLine(text: string, line: number): number {
  const k = knownOf(text);
  if (!k || line <= 0) return lineOffsetFrom(text, line);
  let start = k.offset === 0 ? 0 : text.lastIndexOf('\n', k.offset - 1) + 1;
  if (line >= k.line) return lineOffsetFrom(text, line, start, k.line);
  for (let l = k.line; l > line; l--) start = start >= 2 ? text.lastIndexOf('\n', start - 2) + 1 : 0;
  return start;
}

/** Where 0-based `line` starts (the text's length past its end), walked forward from a known line start (`offset`, the start of `fromLine`). */
export function lineOffsetFrom(text: string, line: number, offset = 0, fromLine = 0): number {
  for (let l = fromLine; l < line; l++) {
    const nl = text.indexOf('\n', offset);
    if (nl === -1) return text.length;
    offset = nl + 1;
  }
  return offset;
}

/** Line breaks in `text` at `from` ≤ index < `to`. */
export function countBreaks(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = text.indexOf('\n', from); i !== -1 && i < to; i = text.indexOf('\n', i + 1)) n++;
  return n;
}
