/**
 * Where a replacement starts. A target found by the syntax tree starts at its first token, after the line's
 * indentation, and the code sent begins there. Models answer either the same way (first line bare) or with
 * the first line indented like the file; in the second case the replacement must start at the line's start,
 * or the indentation would be doubled. Plain logic (no `vscode`), unit-tested.
 */
export function alignedStart(text: string, start: number, replacement: string): number {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const indent = text.slice(lineStart, start);
  if (indent === '' || !/^[ \t]+$/.test(indent)) return start;
  return replacement.startsWith(indent) ? lineStart : start;
}
