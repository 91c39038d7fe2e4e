/**
 * The document may change while the model answers (the user keeps typing). Before an edit is applied,
 * the target is found again in the current text; when that is not certain, the edit is refused rather
 * than applied to the wrong lines.
 *
 *   1. One edited region (the usual case: typing somewhere) is found from the common start and end of
 *      the two texts. If it lies wholly before or after the target, the target moves by its length.
 *   2. Otherwise the target's text is searched for: one occurrence is the target; among several, the
 *      one whose surrounding lines are unchanged (the longest matching context, if only one has it).
 *   3. The target's text edited, or several equally good places: undefined (the adapter says why).
 */

/** Characters of context each side that tell several identical copies of the target apart. */
const CONTEXT_CHARS = 400;

export function reanchor(originalText: string, target: { start: number; end: number }, currentText: string): { start: number; end: number } | undefined {
  const { start, end } = target;
  if (start < 0 || end > originalText.length || start > end) return undefined;
  const text = originalText.slice(start, end);
  if (currentText === originalText) return { start, end };

  const moved = throughEditedRegion(originalText, start, end, currentText);
  if (moved && currentText.slice(moved.start, moved.end) === text) return moved;
  if (!text.trim()) return undefined;

  const found: number[] = [];
  for (let at = currentText.indexOf(text); at !== -1; at = currentText.indexOf(text, at + 1)) found.push(at);
  if (found.length === 0) return undefined;
  if (found.length === 1) return { start: found[0], end: found[0] + text.length };

  const before = originalText.slice(Math.max(0, start - CONTEXT_CHARS), start);
  const after = originalText.slice(end, end + CONTEXT_CHARS);
  const scored = found.map((at) => ({
    at,
    score: commonSuffix(before, currentText.slice(Math.max(0, at - CONTEXT_CHARS), at)) + commonPrefix(after, currentText.slice(at + text.length, at + text.length + CONTEXT_CHARS)),
  }));
  scored.sort((a, b) => b.score - a.score);
  if (scored[0].score === scored[1].score) return undefined;
  return { start: scored[0].at, end: scored[0].at + text.length };
}

/** Where the range is after one edited region, when that region does not touch it; else undefined. */
function throughEditedRegion(original: string, start: number, end: number, current: string): { start: number; end: number } | undefined {
  const prefix = commonPrefix(original, current);
  const suffix = Math.min(commonSuffix(original, current), Math.min(original.length, current.length) - prefix);
  const editStart = prefix;
  const editEnd = original.length - suffix;
  const shift = current.length - original.length;
  if (editEnd <= start) return { start: start + shift, end: end + shift };
  if (editStart >= end) return { start, end };
  return undefined;
}

function commonPrefix(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

function commonSuffix(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a.charCodeAt(a.length - 1 - i) === b.charCodeAt(b.length - 1 - i)) i++;
  return i;
}
