/**
 * Fixed windows of lines: the chunks of a file without a grammar (or whose parse failed), and of the
 * top-level code between definitions. Blank-only windows are dropped.
 */
import type { ChunkWithText } from './chunk';

/** Lines per window where nothing better is known. */
export const WINDOW_LINES = 40;

/**
 * Windows over `lines[from..to]` (0-based, inclusive) of at most `size` lines, as chunks with 1-based
 * lines. `kind` and `container` say what the windows are part of.
 */
export function lineWindows(path: string, lines: readonly string[], from: number, to: number, kind: 'code' | 'lines', container = '', size = WINDOW_LINES): ChunkWithText[] {
  const out: ChunkWithText[] = [];
  for (let start = from; start <= to; start += size) {
    let s = start;
    let e = Math.min(to, start + size - 1);
    while (s <= e && lines[s].trim() === '') s++;
    while (e >= s && lines[e].trim() === '') e--;
    if (s > e) continue;
    out.push({ path, startLine: s + 1, endLine: e + 1, kind, symbol: '', container, text: lines.slice(s, e + 1).join('\n') });
  }
  return out;
}
