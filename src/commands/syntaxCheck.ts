/**
 * Before a proposed edit is applied: does the new code break the document's syntax? The document is
 * parsed as it is and with the target replaced; the user is warned when the second has more ERROR or
 * MISSING nodes than the first (a document that was already broken is judged by what the edit adds).
 */
import type { Node } from 'web-tree-sitter';
import type { Parsers } from '../syntax/parsers';

export interface ParseErrorCheck {
  /** ERROR and MISSING nodes in the document before and after the replacement. */
  before: number;
  after: number;
  adds: boolean;
  /** False when the language has no grammar (or the text is too large): nothing could be checked. */
  checked: boolean;
}

export async function addsParseErrors(
  documentText: string,
  target: { start: number; end: number },
  newCode: string,
  languageId: string,
  parsers: Parsers,
): Promise<ParseErrorCheck> {
  const language = await parsers.language(languageId);
  if (!language) return { before: 0, after: 0, adds: false, checked: false };
  const replaced = documentText.slice(0, target.start) + newCode + documentText.slice(target.end);
  const trees = [parsers.parse(language, documentText), parsers.parse(language, replaced)];
  const [before, after] = trees.map((t) => countErrors(t?.rootNode));
  for (const t of trees) t?.delete();
  if (before === undefined || after === undefined) return { before: before ?? 0, after: after ?? 0, adds: false, checked: false };
  return { before, after, adds: after > before, checked: true };
}

/** ERROR and MISSING nodes under `root`; undefined when there is no tree. Subtrees without errors are skipped. */
export function countErrors(root: Node | undefined): number | undefined {
  if (!root) return undefined;
  let count = 0;
  const cursor = root.walk();
  try {
    let descend = true;
    for (;;) {
      const node = cursor.currentNode;
      if (descend && (node.isError || node.isMissing)) count++;
      if (descend && node.hasError && !node.isMissing && cursor.gotoFirstChild()) continue;
      if (cursor.gotoNextSibling()) {
        descend = true;
        continue;
      }
      if (!cursor.gotoParent()) break;
      descend = false;
    }
  } finally {
    cursor.delete();
  }
  return count;
}
