/**
 * The rows of a JSON Lines file, as the CLI's `--queries` and `--cases` files are read: split on "\n" only (a
 * row's strings may hold U+2028, which is no line break here; a "\r" before it is JSON whitespace), blank rows
 * skipped, and a byte-order mark at the start dropped (editors and PowerShell on Windows write one, and
 * JSON.parse reads it as a stray character).
 */
export function jsonLines(text: string): { line: number; row: string }[] {
  const rows = (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).split('\n');
  const out: { line: number; row: string }[] = [];
  for (let i = 0; i < rows.length; i++) if (rows[i].trim() !== '') out.push({ line: i + 1, row: rows[i] });
  return out;
}
