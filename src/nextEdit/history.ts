/**
 * The recent-edit history the next-edit prompt shows: a bounded, plain-data record of changes as
 * unified-diff-like hunks (file, first line, lines before and after). A new change that touches the lines of
 * the newest hunk of the same file extends that hunk (typing a word is one edit, not one per keystroke).
 * Listing puts the current file's hunks first, then other files', each group oldest first, within a count and
 * a size budget so a huge paste does not crowd out everything else.
 */
import type { EditHunk, EditSource } from './types';

export const MAX_HUNKS = 16;
/** Characters of before + after text one hunk may keep; a larger one is dropped from the history. */
export const MAX_HUNK_CHARS = 2000;

export class EditHistory {
  private hunks: EditHunk[] = [];

  constructor(
    private readonly maxHunks = MAX_HUNKS,
    private readonly maxHunkChars = MAX_HUNK_CHARS,
  ) {}

  /**
   * Records that lines startLine..startLine+before.length-1 of `path` became `after`. Unchanged lines at both
   * ends are trimmed; a no-op is ignored.
   */
  record(path: string, startLine: number, before: readonly string[], after: readonly string[], source: EditSource = 'user'): void {
    const hunk = trimHunk({ path, startLine, before: [...before], after: [...after], source });
    if (!hunk) return;
    if (size(hunk) > this.maxHunkChars) return;
    const last = this.hunks[this.hunks.length - 1];
    const merged = last && last.path === path && last.source === source ? mergeHunks(last, hunk) : undefined;
    if (merged) this.hunks[this.hunks.length - 1] = merged;
    else this.hunks.push(hunk);
    if (this.hunks.length > this.maxHunks) this.hunks.splice(0, this.hunks.length - this.maxHunks);
  }

  /** Hunks for a prompt about `currentPath`: that file's first, then the others, each oldest first. */
  list(currentPath: string): EditHunk[] {
    const own = this.hunks.filter((h) => h.path === currentPath);
    const others = this.hunks.filter((h) => h.path !== currentPath);
    return [...own, ...others];
  }

  /** The newest hunk the user typed in `path` (what region selection reads the intent from). */
  lastUserEdit(path: string): EditHunk | undefined {
    for (let i = this.hunks.length - 1; i >= 0; i--) if (this.hunks[i].path === path && this.hunks[i].source === 'user') return this.hunks[i];
    return undefined;
  }

  clear(): void {
    this.hunks = [];
  }
}

function size(h: EditHunk): number {
  return h.before.join('\n').length + h.after.join('\n').length;
}

/** Drops lines equal at the start and end of a hunk; undefined when nothing changed. */
export function trimHunk(h: EditHunk): EditHunk | undefined {
  let start = 0;
  while (start < h.before.length && start < h.after.length && h.before[start] === h.after[start]) start++;
  let end = 0;
  while (end < h.before.length - start && end < h.after.length - start && h.before[h.before.length - 1 - end] === h.after[h.after.length - 1 - end]) end++;
  const before = h.before.slice(start, h.before.length - end);
  const after = h.after.slice(start, h.after.length - end);
  if (before.length === 0 && after.length === 0) return undefined;
  return { ...h, startLine: h.startLine + start, before, after };
}

/**
 * The newest hunk followed by `next` as one hunk, when `next` only touches lines the newest one produced (the
 * user still typing on the same lines); otherwise undefined.
 */
function mergeHunks(last: EditHunk, next: EditHunk): EditHunk | undefined {
  const lastEnd = last.startLine + last.after.length - 1;
  const nextEnd = next.startLine + next.before.length - 1;
  if (next.startLine < last.startLine || nextEnd > lastEnd) return undefined;
  const offset = next.startLine - last.startLine;
  const after = [...last.after.slice(0, offset), ...next.after, ...last.after.slice(offset + next.before.length)];
  return trimHunk({ ...last, after });
}
