/**
 * The rules that drop a suggestion before it is shown: one that only changes whitespace, one that puts back
 * what the user just changed (undoes their last edit), and one that rewrites more than a bounded share of its
 * region (a model that rewrote everything rather than continuing a change). Parse errors are judged in
 * syntaxGuard.ts, ignored files before any request (pipeline.ts).
 */
import { isIdentifier, tokenize } from './editIntent';
import type { Hunk } from './lineDiff';
import type { EditHunk } from './types';

export type DropReason = 'whitespace-only' | 'undoes-last-edit' | 'rewrites-too-much' | 'adds-parse-errors' | 'ignored-file' | 'unparseable-answer';

/** A suggestion may change at most this share of its region's tokens (removed plus inserted over both). */
export const MAX_REWRITE_SHARE = 0.6;
/** Below this many changed tokens the share is not judged (a rename in a one-line region changes half of it). */
export const MIN_TOKENS_FOR_SHARE = 8;

export function onlyWhitespace(hunks: readonly Hunk[], oldLines: readonly string[]): boolean {
  const squash = (lines: readonly string[]) => lines.join('').replace(/\s+/g, '');
  return hunks.every((h) => squash(oldLines.slice(h.oldStart, h.oldEnd)) === squash(h.lines));
}

/**
 * Whether the suggestion turns lines of the user's last edit back into what they were before it. `newLines`
 * is the document with the suggestion applied, `lines` the document now (same line count where it matters).
 */
export function undoesEdit(last: EditHunk | undefined, lines: readonly string[], newLines: readonly string[]): boolean {
  if (!last || last.before.length !== last.after.length || lines.length !== newLines.length) return false;
  return last.after.some((after, i) => {
    const at = last.startLine + i;
    return after !== last.before[i] && lines[at] === after && newLines[at] === last.before[i];
  });
}

/** The share of the region's tokens the hunks remove or insert (a changed line counts its changed tokens only). */
export function rewriteShare(hunks: readonly Hunk[], oldLines: readonly string[], newRegion: readonly string[]): { share: number; changed: number } {
  let changed = 0;
  for (const h of hunks) {
    const old = oldLines.slice(h.oldStart, h.oldEnd);
    if (old.length === h.lines.length) old.forEach((line, i) => (changed += changedTokens(line, h.lines[i])));
    else changed += countTokens(old) + countTokens(h.lines);
  }
  const total = countTokens(oldLines) + countTokens(newRegion);
  return { share: total === 0 ? 0 : changed / total, changed };
}

export function rewritesTooMuch(hunks: readonly Hunk[], oldLines: readonly string[], newRegion: readonly string[]): boolean {
  const { share, changed } = rewriteShare(hunks, oldLines, newRegion);
  return changed >= MIN_TOKENS_FOR_SHARE && share > MAX_REWRITE_SHARE;
}

function countTokens(lines: readonly string[]): number {
  return lines.reduce((n, l) => n + tokenize(l).length, 0);
}

/** Tokens of `a` not in its longest common subsequence with `b`, plus those of `b`. */
function changedTokens(a: string, b: string): number {
  const x = tokenize(a).map((t) => t.text);
  const y = tokenize(b).map((t) => t.text);
  const row = new Uint32Array(y.length + 1);
  for (let i = x.length - 1; i >= 0; i--) {
    let diag = 0;
    for (let j = y.length - 1; j >= 0; j--) {
      const keep = row[j];
      row[j] = x[i] === y[j] ? diag + 1 : Math.max(row[j], row[j + 1]);
      diag = keep;
    }
  }
  return x.length + y.length - 2 * row[0];
}

/**
 * Whether every changed line only swaps names for names (a rename carried on): such a change cannot unbalance
 * the code's structure, so the parse-error check, the costliest rule, is not needed for it.
 */
export function onlyNamesChange(hunks: readonly Hunk[], oldLines: readonly string[]): boolean {
  return hunks.every((h) => {
    const old = oldLines.slice(h.oldStart, h.oldEnd);
    if (old.length !== h.lines.length) return false;
    return old.every((line, i) => {
      const a = tokenize(line).map((t) => t.text);
      const b = tokenize(h.lines[i]).map((t) => t.text);
      let p = 0;
      while (p < a.length && p < b.length && a[p] === b[p]) p++;
      let q = 0;
      while (q < a.length - p && q < b.length - p && a[a.length - 1 - q] === b[b.length - 1 - q]) q++;
      return [...a.slice(p, a.length - q), ...b.slice(p, b.length - q)].every((t) => isIdentifier(t));
    });
  });
}
