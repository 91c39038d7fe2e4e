/**
 * Never insert what is already there. A model that does not know where to stop runs on into the code
 * after the cursor: a single-line completion that ends with the rest of the cursor line loses that
 * ending; one that just repeats the next line is dropped; a multi-line completion is cut before the first
 * line from which it repeats the lines below the cursor. Closers are the completion's own, never a repeat,
 * when they close what it opened or stand in for the auto-closed ones it replaces (replaceAutoClosed runs
 * first): a cut through them would delete a bracket from the document.
 */
import { CodeScanner, scanFamily } from '../analysis/codeScanner';
import { indentOf, indentWidth, isBlank, nextNonBlankLines } from '../analysis/cursorContext';
import type { CursorContext } from '../analysis/cursorContext';
import type { Filter } from './types';
import { SUFFIX_REPEAT_LINES_COMPARED as LINES_COMPARED } from '../../tunables/tunables';


export const cutAtSuffixRepeat: Filter = (draft, { cursor }) => {
  const text = draft.text;
  // What replaces auto-closed characters is not a repeat of them: `a(b(█))` + `c)` keeps its `)`.
  const keep = draft.replacementEnd ?? 0;
  if (!text.includes('\n')) {
    const rest = cursor.lineSuffix.slice(draft.replaceLength).trim();
    if (rest && text.trimEnd().endsWith(rest)) {
      // Where the repeat overlaps those closers, only what follows them goes: `a(b(█));` + `c);` → `c)`.
      const end = Math.max(text.trimEnd().length - rest.length, keep);
      if (closesOnlyOutside(text, end, cursor)) return { ...draft, text: text.slice(0, end) };
    }
    const next = nextNonBlankLines(cursor, 1)[0];
    if (isBlank(cursor.linePrefix) && next !== undefined && text.trim() === next.trim() && keep === 0) return { ...draft, text: '' };
    return draft;
  }
  const at = suffixRepeatStart(text.split('\n'), cursor);
  if (at === undefined) return draft;
  const lines = text.split('\n').slice(0, at);
  while (lines.length > 1 && isBlank(lines[lines.length - 1])) lines.pop();
  const cut = lines.join('\n');
  return cut.length >= keep ? { ...draft, text: cut } : draft;
};

/**
 * Whether the closers in `text` from `end` on all close brackets opened before the cursor, as the rest of
 * the line's do: then that ending repeats the rest. A closer the completion opened itself ends its own
 * code: `console.log(█)` + `JSON.stringify(x)` keeps its `)`.
 */
function closesOnlyOutside(text: string, end: number, cursor: CursorContext): boolean {
  const family = scanFamily(cursor.languageId);
  const outside = new CodeScanner(family).prime(cursor.linePrefix).scan(text).unmatched.filter((u) => u.index >= end).length;
  // Primed with all before it, the ending's scan counts every closer it does not open itself.
  const closers = new CodeScanner(family).prime(cursor.linePrefix + text.slice(0, end)).scan(text.slice(end)).unmatched.length;
  return closers === outside;
}

/**
 * Index of the first completion line (after the cursor line) from which the completion repeats the
 * non-blank lines below the cursor, indentation included: the next LINES_COMPARED of them, or as many as
 * a finished completion still has, and more than bare punctuation. While the text is still arriving
 * (`final` false) a repeat counts only once all LINES_COMPARED lines are there to compare.
 */
export function suffixRepeatStart(lines: readonly string[], cursor: CursorContext, final = true): number | undefined {
  const belowLines = nextNonBlankLines(cursor, LINES_COMPARED);
  const below = belowLines.map(lineKey);
  if (below.length === 0) return undefined;
  for (let i = 1; i < lines.length; i++) {
    if (lineKey(lines[i]) !== below[0]) continue;
    const ahead = lines.slice(i).filter((l) => !isBlank(l)).map(lineKey);
    if (!final && ahead.length < below.length) return undefined;
    const compared = Math.min(below.length, ahead.length);
    let same = 0;
    while (same < compared && ahead[same] === below[same]) same++;
    if (same === compared && /\w/.test(belowLines.slice(0, same).join(''))) return i;
  }
  return undefined;
}

/** A line as compared: its indentation width and its trimmed text. */
function lineKey(line: string): string {
  return `${indentWidth(indentOf(line))}|${line.trim()}`;
}
