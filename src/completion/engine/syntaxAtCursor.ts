/**
 * What the document's syntax tree says about the cursor, for the multi-line decision: inside a comment
 * or a string a completion stays on one line. Looks at the few nodes around the cursor only.
 */
import type { Tree } from 'web-tree-sitter';
import { CodeScanner, scanFamily } from './codeScanner';

const COMMENT = /comment/;
const STRING = /string|heredoc|char_literal|rune_literal|regex/;
/** Nodes inside a string that hold code again: `${…}` in a template literal, `{…}` in an f-string. */
const CODE_IN_STRING = /substitution|interpolation/;

export function insideCommentOrString(tree: Tree | undefined, text: string, offset: number, languageId: string): boolean {
  return (tree !== undefined && treeSaysInside(tree, offset)) || lineSaysInside(text, offset, languageId);
}

function treeSaysInside(tree: Tree, offset: number): boolean {
  for (let node = tree.rootNode.descendantForIndex(Math.max(0, offset - 1), offset); node; node = node.parent) {
    const type = node.type;
    if (CODE_IN_STRING.test(type)) return false;
    if (COMMENT.test(type)) {
      // A line comment runs to the end of its line; a block comment ends with its closer.
      return node.startIndex < offset && (offset < node.endIndex || !/\*\/$|-->$/.test(node.text));
    }
    if (STRING.test(type)) return node.startIndex < offset && offset < node.endIndex;
  }
  return false;
}

/** Without a tree (or with a broken one): a string or comment opened earlier on the cursor line. */
function lineSaysInside(text: string, offset: number, languageId: string): boolean {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return !new CodeScanner(scanFamily(languageId)).scan(text.slice(lineStart, offset)).inCode;
}
