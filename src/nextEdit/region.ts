/**
 * The editable region of one request: the contiguous lines (at most `maxLines`) the model may rewrite. The
 * model can only fix what this region holds, so it is placed on the edit's next places (places.ts), not just
 * around the cursor: anchored on the best place not yet visited (a named place or the run of alike lines at
 * the edit before a mere look-alike, inside the function of the edit first, nearest the cursor first), then slid to hold as many other places as fit, and
 * grown to take in the cursor when that still fits. With no place left it falls back to the lines around the
 * cursor, or once those were offered, to the lines right below them.
 */
import type { Place } from './places';
import type { LineRange, Position } from './types';

export const MAX_REGION_LINES = 60;
/** The fallback region around the cursor: lines above and below. */
export const CURSOR_LINES_ABOVE = 5;
export const CURSOR_LINES_BELOW = 15;

export interface RegionInput {
  lineCount: number;
  cursor: Position;
  places: readonly Place[];
  /** Regions already offered in this run of suggestions (their places are done or declined). */
  visited: readonly LineRange[];
  maxLines?: number;
}

export function chooseRegion(input: RegionInput): LineRange | undefined {
  const cap = Math.max(1, input.maxLines ?? MAX_REGION_LINES);
  const open = input.places.filter((p) => !input.visited.some((v) => overlaps(v, p)) && p.endLine - p.startLine < cap);
  if (open.length === 0) return aroundCursor(input, cap);
  // Named places and the run of alike lines at the edit first (inside the edit's function first), nearest first.
  const strong = (p: Place) => (p.rank < 2 ? 0 : 1);
  const ordered = [...open].sort((a, b) => strong(a) - strong(b) || Number(b.inScope) - Number(a.inScope) || distance(a, input.cursor.line) - distance(b, input.cursor.line));
  const anchor = ordered[0];
  const covered = bestWindow(open, anchor, cap, input.lineCount);
  let startLine = Math.min(...covered.map((p) => p.startLine));
  let endLine = Math.max(...covered.map((p) => p.endLine));
  const cursor = input.cursor.line;
  if (Math.max(endLine, cursor) - Math.min(startLine, cursor) < cap) {
    startLine = Math.min(startLine, cursor);
    endLine = Math.max(endLine, cursor);
  }
  return { startLine, endLine };
}

/** Among the windows of `cap` lines holding the anchor, the places of the one that holds the most (by weight). */
function bestWindow(places: readonly Place[], anchor: Place, cap: number, lineCount: number): Place[] {
  const lowest = Math.max(0, anchor.endLine - cap + 1);
  const highest = Math.min(anchor.startLine, Math.max(0, lineCount - cap));
  const starts = new Set<number>([lowest, Math.max(lowest, highest)]);
  for (const p of places) {
    for (const s of [p.startLine, p.endLine - cap + 1]) if (s >= lowest && s <= highest) starts.add(s);
  }
  let best: Place[] = [anchor];
  let bestScore = -1;
  let bestSpan = Infinity;
  for (const s of starts) {
    const inside = places.filter((p) => p.startLine >= s && p.endLine <= s + cap - 1);
    const score = inside.reduce((sum, p) => sum + weight(p), 0);
    const span = Math.max(...inside.map((p) => p.endLine)) - Math.min(...inside.map((p) => p.startLine));
    if (score > bestScore || (score === bestScore && span < bestSpan)) {
      best = inside;
      bestScore = score;
      bestSpan = span;
    }
  }
  return best;
}

/** A renamed name's occurrence or a call site outweighs any number of look-alike lines within one window. */
function weight(p: Place): number {
  return (p.rank < 2 ? 1000 : 1) * (p.inScope ? 2 : 1);
}

/**
 * The lines around the cursor; when those were offered already, the lines right below them (a change going
 * down the file goes on there), once.
 */
function aroundCursor(input: RegionInput, cap: number): LineRange | undefined {
  const line = input.cursor.line;
  const holding = input.visited.find((v) => line >= v.startLine && line <= v.endLine);
  if (!holding) {
    const startLine = Math.max(0, line - CURSOR_LINES_ABOVE);
    return { startLine, endLine: Math.min(input.lineCount - 1, line + CURSOR_LINES_BELOW, startLine + cap - 1) };
  }
  const startLine = holding.endLine + 1;
  const endLine = Math.min(input.lineCount - 1, startLine + CURSOR_LINES_BELOW - 1);
  if (startLine >= input.lineCount || input.visited.some((v) => v.startLine <= endLine && startLine <= v.endLine)) return undefined;
  return { startLine, endLine };
}

function overlaps(a: LineRange, b: LineRange): boolean {
  return a.startLine <= b.endLine && b.startLine <= a.endLine;
}

function distance(p: LineRange, line: number): number {
  return line < p.startLine ? p.startLine - line : line > p.endLine ? line - p.endLine : 0;
}
