/**
 * The minimal line diff between a region and the model's rewrite of it, as hunks (a run of old lines
 * replaced by new ones), and those hunks as line edits on the document. Lines equal at both ends are trimmed
 * first, then a longest-common-subsequence over the rest splits the change into separate hunks. A hunk that
 * only inserts or only deletes lines grows by one unchanged neighbour, so every edit replaces at least one
 * line (the output's inclusive line ranges cannot say "between two lines").
 */
import type { LineEdit } from './types';

export interface Hunk {
  /** Old lines [oldStart, oldEnd) of the region, replaced by `lines`. */
  oldStart: number;
  oldEnd: number;
  lines: string[];
}

/** Above this many cells the middle is one hunk instead of an LCS (a runaway answer is dropped later anyway). */
const MAX_LCS_CELLS = 250_000;

export function diffLines(oldLines: readonly string[], newLines: readonly string[]): Hunk[] {
  let p = 0;
  while (p < oldLines.length && p < newLines.length && oldLines[p] === newLines[p]) p++;
  let s = 0;
  while (s < oldLines.length - p && s < newLines.length - p && oldLines[oldLines.length - 1 - s] === newLines[newLines.length - 1 - s]) s++;
  const a = oldLines.slice(p, oldLines.length - s);
  const b = newLines.slice(p, newLines.length - s);
  if (a.length === 0 && b.length === 0) return [];
  if (a.length * b.length > MAX_LCS_CELLS) return [{ oldStart: p, oldEnd: p + a.length, lines: b }];
  return lcsHunks(a, b).map((h) => ({ ...h, oldStart: h.oldStart + p, oldEnd: h.oldEnd + p }));
}

function lcsHunks(a: readonly string[], b: readonly string[]): Hunk[] {
  const n = a.length;
  const m = b.length;
  // table[i][j]: length of the longest common subsequence of a[i..] and b[j..].
  const table: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) table[i][j] = a[i] === b[j] ? table[i + 1][j + 1] + 1 : Math.max(table[i + 1][j], table[i][j + 1]);
  const hunks: Hunk[] = [];
  let open: Hunk | undefined;
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) {
      if (open) hunks.push(open);
      open = undefined;
      i++;
      j++;
    } else if (j >= m || (i < n && table[i + 1][j] >= table[i][j + 1])) {
      open ??= { oldStart: i, oldEnd: i, lines: [] };
      open.oldEnd = ++i;
    } else {
      open ??= { oldStart: i, oldEnd: i, lines: [] };
      open.lines.push(b[j++]);
    }
  }
  if (open) hunks.push(open);
  return hunks;
}

/**
 * The hunks of a region starting at document line `regionStart` as line edits on `docLines`, top to bottom,
 * each relative to the document the previous ones left.
 */
export function hunksToEdits(hunks: readonly Hunk[], docLines: readonly string[], regionStart: number): LineEdit[] {
  let shift = 0;
  return hunks.map((h) => {
    let start = regionStart + h.oldStart;
    let end = regionStart + h.oldEnd;
    let lines = h.lines;
    if (end === start || lines.length === 0) {
      // Pure insertion or deletion: take in the unchanged line above (below at the top of the file).
      if (start > 0) {
        start--;
        lines = [docLines[start], ...lines];
      } else if (end < docLines.length) {
        lines = [...lines, docLines[end]];
        end++;
      }
    }
    const edit = { startLine: start + shift, endLine: end - 1 + shift, text: lines.join('\n') };
    shift += lines.length - (end - start);
    return edit;
  });
}
