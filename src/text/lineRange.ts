/** A 1-based line range as people write it: `7` for one line, `3–6` for several (an en dash). */
export function lineRange(startLine: number, endLine: number): string {
  return endLine > startLine ? `${startLine}–${endLine}` : `${startLine}`;
}
