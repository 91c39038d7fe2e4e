/**
 * What the document's syntax tree says about the cursor: in code, in a comment, or in a string (and how
 * much of the string's text is right of the cursor). The multi-line decision keeps completions inside a
 * comment or a string on one line; the trigger skips automatic requests in comments (when they are off)
 * and in the middle of a string's text. Looks at the few nodes around the cursor only, so it costs next
 * to nothing once the document's tree is at hand (the editor caches it per document version).
 */
import type { Node, Tree } from 'web-tree-sitter';
import { languageFacts } from '../../syntax/languages';
import { CodeScanner, scanFamily } from './codeScanner';

/** What the syntax tree says about the cursor; when absent, the trigger makes a cheap lexical guess instead. */
export interface SyntaxAtCursor {
  inComment: boolean;
  /** Inside a string literal: its text between the cursor and the closing quote. Undefined outside strings. */
  stringTextRightOfCursor?: string;
}

const COMMENT = /comment/;
const STRING = /string|heredoc|char_literal|rune_literal|regex/;
/** Nodes inside a string that hold code again: `${…}` in a template literal, `{…}` in an f-string, `#{…}` in Ruby. */
const CODE_IN_STRING = /substitution|interpolation/;
/**
 * The parts a string is written with: its delimiters, its text and escapes. Any other named node inside a
 * string is code written into it (PHP's `"{$user->name}"` has no interpolation node around the variable).
 */
const STRING_PART = /content|fragment|escape|start|end|delimiter|reference|pattern|flags/;
/** A closing delimiter: what a string's text ends at. */
const CLOSER_PART = /end|delimiter/;
/** Python's `"""…"""` and `'''…'''` (with a prefix such as `r`): docstrings, which count as comments. */
const TRIPLE_QUOTED = /^[A-Za-z]{0,2}("""|''')/;

/** Where the tree puts the cursor; undefined when the tree cannot tell (the cursor is in a parse error). */
type Place = { kind: 'code' } | { kind: 'comment' } | { kind: 'string'; node: Node };

const CODE: Place = { kind: 'code' };

export function insideCommentOrString(tree: Tree | undefined, text: string, offset: number, languageId: string): boolean {
  const place = tree && placeInTree(tree, offset);
  return (place !== undefined && place.kind !== 'code') || lineSaysInside(text, offset, languageId);
}

/**
 * What the tree says about the cursor, for the trigger (trigger.ts). Undefined when the tree cannot tell:
 * the trigger then guesses from the characters, as it does without a tree.
 */
export function syntaxAtCursor(tree: Tree, text: string, offset: number, languageId: string): SyntaxAtCursor | undefined {
  const place = placeInTree(tree, offset);
  if (!place) return undefined;
  if (place.kind === 'code') return { inComment: false };
  if (place.kind === 'comment') return { inComment: true };
  const string = place.node;
  if (languageFacts(languageId)?.lexical?.tripleQuotes && TRIPLE_QUOTED.test(text.slice(string.startIndex, string.startIndex + 5))) return { inComment: true };
  const lineEnd = text.indexOf('\n', offset);
  const end = Math.min(closerStart(string, offset), lineEnd === -1 ? text.length : lineEnd);
  return { inComment: false, stringTextRightOfCursor: text.slice(offset, Math.max(offset, end)) };
}

function placeInTree(tree: Tree, offset: number): Place | undefined {
  let child: Node | undefined;
  for (let node: Node | null = tree.rootNode.descendantForIndex(Math.max(0, offset - 1), offset); node; child = node, node = node.parent) {
    const type = node.type;
    // Only strictly inside: right after `${x}` the cursor is back in the string's text.
    if (CODE_IN_STRING.test(type) && node.startIndex < offset && offset < node.endIndex) return CODE;
    if (COMMENT.test(type)) {
      // A line comment runs to the end of its line; a block comment ends with its closer.
      const inside = node.startIndex < offset && (offset < node.endIndex || !/\*\/$|-->$/.test(node.text));
      return inside ? { kind: 'comment' } : CODE;
    }
    // A string's text, quotes and escapes: the string itself is further up.
    if (STRING.test(type) && !isPartOfString(node)) {
      if (!(node.startIndex < offset && offset < node.endIndex)) return CODE;
      if (child?.isNamed && !STRING_PART.test(child.type) && !STRING.test(child.type) && !CODE_IN_STRING.test(child.type)) return CODE;
      return { kind: 'string', node };
    }
    if (node.isError) return undefined;
  }
  return CODE;
}

/** A piece of a string rather than the string (string_content, string_fragment, string_start…), even in a parse error. */
function isPartOfString(node: Node): boolean {
  return node.isNamed && STRING_PART.test(node.type);
}

/** Where the string's text ends: its closing delimiter after the cursor, else the end of its text. */
function closerStart(string: Node, offset: number): number {
  let textEnd: number | undefined;
  for (const part of string.children) {
    if (!part || part.endIndex < offset) continue;
    if (part.startIndex >= offset && (!part.isNamed || CLOSER_PART.test(part.type))) return part.startIndex;
    textEnd = part.endIndex;
  }
  if (textEnd !== undefined) return textEnd; // Rust's r#"…"# has no node for its closer
  // A literal without parts (Rust's `'a'`, C's `<stdio.h>`): its last character is the closing delimiter.
  return string.childCount === 0 && /['"`>]$/.test(string.text) ? string.endIndex - 1 : string.endIndex;
}

/** Without a tree (or with a broken one): a string or comment opened earlier on the cursor line. */
function lineSaysInside(text: string, offset: number, languageId: string): boolean {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return !new CodeScanner(scanFamily(languageId)).scan(text.slice(lineStart, offset)).inCode;
}
