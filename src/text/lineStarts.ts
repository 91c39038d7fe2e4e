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
