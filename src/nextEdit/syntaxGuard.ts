/**
 * The parse-error rule: a suggestion is dropped when the code it leaves has more tree-sitter ERROR and
 * MISSING nodes on the lines it rewrote than the code had there before. The new text is parsed
 * incrementally from a copy of the current tree (each hunk as its smallest character edit), so the check
 * costs a fraction of a full parse.
 */
import type { Language, Node, Point, Tree } from 'web-tree-sitter';
import type { Hunk } from './lineDiff';
import type { LineRange } from './types';
import { lineStarts } from '../text/lineStarts';

export interface SyntaxAccess {
  language: Language;
  /** Parses `text`, reusing `oldTree` (already edited) when given. */
  parse(language: Language, text: string, oldTree?: Tree): Tree | undefined;
}

/**
 * Whether the suggestion's hunks (lines of `region` of `lines`, parsed as `tree`, rewritten as `newRegion`)
 * add parse errors on the rewritten lines. Each hunk goes to the tree as the smallest character edit it
 * makes (a rename touches a few characters), so the reparse only revisits those spots. False when it
 * cannot tell (a parse given up on).
 */
export function addsParseErrors(syntax: SyntaxAccess, tree: Tree, lines: readonly string[], region: LineRange, newRegion: readonly string[], hunks: readonly Hunk[]): boolean {
  const newLines = [...lines.slice(0, region.startLine), ...newRegion, ...lines.slice(region.endLine + 1)];
  const copy = tree.copy();
  const starts = lineStarts(lines);
  let shift = 0;
  for (const h of hunks) {
    const oldFirst = region.startLine + h.oldStart;
    const oldText = lines.slice(oldFirst, region.startLine + h.oldEnd).join('\n');
    const newText = h.lines.join('\n');
    let p = 0;
    while (p < oldText.length && p < newText.length && oldText[p] === newText[p]) p++;
    let q = 0;
    while (q < oldText.length - p && q < newText.length - p && oldText[oldText.length - 1 - q] === newText[newText.length - 1 - q]) q++;
    // An insertion of whole lines has no old text: it goes in at the start of the line it precedes.
    const startIndex = (oldFirst < lines.length ? starts[oldFirst] : starts[lines.length - 1] + lines[lines.length - 1].length) + p + shift;
    const startPosition = advance({ row: oldFirst + shiftRows(hunks, h), column: 0 }, (oldText || newText).slice(0, p));
    copy.edit({
      startIndex,
      oldEndIndex: startIndex + (oldText.length - p - q),
      newEndIndex: startIndex + (newText.length - p - q),
      startPosition,
      oldEndPosition: advance(startPosition, oldText.slice(p, oldText.length - q)),
      newEndPosition: advance(startPosition, newText.slice(p, newText.length - q)),
    });
    shift += newText.length - oldText.length;
  }
  const next = syntax.parse(syntax.language, newLines.join('\n'), copy);
  copy.delete();
  if (!next) return false;
  try {
    const before = errorsOnLines(tree.rootNode, region.startLine, region.endLine);
    const after = errorsOnLines(next.rootNode, region.startLine, region.startLine + newRegion.length - 1);
    return after > before;
  } finally {
    next.delete();
  }
}

/** Rows the hunks before `h` added or removed (tree edits apply one after another). */
function shiftRows(hunks: readonly Hunk[], h: Hunk): number {
  let rows = 0;
  for (const other of hunks) {
    if (other === h) break;
    rows += other.lines.length - (other.oldEnd - other.oldStart);
  }
  return rows;
}


/** The point after `text` written from `from`. */
function advance(from: Point, text: string): Point {
  const nl = text.lastIndexOf('\n');
  if (nl === -1) return { row: from.row, column: from.column + text.length };
  return { row: from.row + text.split('\n').length - 1, column: text.length - nl - 1 };
}

/** ERROR and MISSING nodes that start on lines first..last, visiting only subtrees that hold some there. */
export function errorsOnLines(node: Node, first: number, last: number): number {
  if ((!node.hasError && !node.isMissing) || node.endPosition.row < first || node.startPosition.row > last) return 0;
  const here = (node.isError || node.isMissing) && node.startPosition.row >= first && node.startPosition.row <= last ? 1 : 0;
  let count = here;
  for (const child of node.children) if (child) count += errorsOnLines(child, first, last);
  return count;
}
