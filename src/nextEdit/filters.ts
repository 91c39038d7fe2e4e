/**
 * The rules that drop a suggestion before it is shown: one that only changes whitespace, one that puts back
 * what the user just changed (undoes their last edit), and one that rewrites more than a bounded share of its
 * region (a model that rewrote everything rather than continuing a change). Parse errors are judged in
 * syntaxGuard.ts, ignored files before any request (pipeline.ts).
 */
import { tokenize } from './editIntent';
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
