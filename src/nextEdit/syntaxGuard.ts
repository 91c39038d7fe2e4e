/**
 * The parse-error rule: a suggestion is dropped when the code it leaves has more tree-sitter ERROR and
 * MISSING nodes on the lines it rewrote than the code had there before. The new text is parsed
 * incrementally from a copy of the current tree (the region's replacement as one tree edit), so the check
 * costs a fraction of a full parse.
 */
import type { Language, Node, Tree } from 'web-tree-sitter';
import type { LineRange } from './types';

export interface SyntaxAccess {
  language: Language;
  /** Parses `text`, reusing `oldTree` (already edited) when given. */
  parse(language: Language, text: string, oldTree?: Tree): Tree | undefined;
}

/**
 * Whether replacing `region` of `lines` (parsed as `tree`) by `newRegion` adds parse errors on those lines.
 * False when it cannot tell (no tree, a parse given up on).
 */
export function addsParseErrors(syntax: SyntaxAccess, tree: Tree, lines: readonly string[], region: LineRange, newRegion: readonly string[]): boolean {
  const startIndex = lines.slice(0, region.startLine).reduce((n, l) => n + l.length + 1, 0);
  const oldText = lines.slice(region.startLine, region.endLine + 1).join('\n');
  const newText = newRegion.join('\n');
  const text = [...lines.slice(0, region.startLine), ...newRegion, ...lines.slice(region.endLine + 1)].join('\n');
  const copy = tree.copy();
  copy.edit({
    startIndex,
    oldEndIndex: startIndex + oldText.length,
    newEndIndex: startIndex + newText.length,
    startPosition: { row: region.startLine, column: 0 },
    oldEndPosition: { row: region.endLine, column: lines[region.endLine].length },
    newEndPosition: { row: region.startLine + newRegion.length - 1, column: newRegion[newRegion.length - 1].length },
  });
  const next = syntax.parse(syntax.language, text, copy);
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

/** ERROR and MISSING nodes that start on lines first..last, visiting only subtrees that hold some there. */
export function errorsOnLines(node: Node, first: number, last: number): number {
  if ((!node.hasError && !node.isMissing) || node.endPosition.row < first || node.startPosition.row > last) return 0;
  const here = (node.isError || node.isMissing) && node.startPosition.row >= first && node.startPosition.row <= last ? 1 : 0;
  let count = here;
  for (const child of node.children) if (child) count += errorsOnLines(child, first, last);
  return count;
}
