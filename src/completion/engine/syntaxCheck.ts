/**
 * Counts parse errors with a completion in place, to choose between plausible endings. Parsing the
 * whole document for every candidate would cost more than the whole request may (a 5,000-line file takes
 * tens of milliseconds in wasm), so only a window around the cursor is parsed: at most WINDOW_LINES each
 * way, cut where the code's nesting is the same at both ends, so that a completion that closes its block
 * parses clean and one that does not (or closes it twice) shows an error.
 */
import type { Language, Node, Tree } from 'web-tree-sitter';
import { CLOSERS, CodeScanner, scanFamily } from '../analysis/codeScanner';
import { closesKeywordBlock, keywordCloser } from '../analysis/keywordBlocks';
import { endsWithBlockOpener } from '../analysis/multiline';
import { indentWidth } from '../analysis/cursorContext';
import type { ParseErrorCounter } from '../postprocess/types';
import type { DocumentSnapshot } from '../../workspace/document';
import { WINDOW_LINES } from '../../tunables/tunables';
import { HEADER_SEARCH_LINES } from '../../tunables/tunables';

export { WINDOW_LINES };

export function parseErrorCounter(
  snapshot: Pick<DocumentSnapshot, 'text' | 'offset' | 'languageId'>,
  language: Language,
  parse: (language: Language, text: string) => Tree | undefined,
): ParseErrorCounter {
  const window = checkWindow(snapshot.text, snapshot.offset, snapshot.languageId);
  return (insert, replaceLength) => {
    if (!window) return undefined;
    const { start, end, head, tail } = window;
    const text = head + snapshot.text.slice(start, snapshot.offset) + insert + snapshot.text.slice(Math.min(end, snapshot.offset + replaceLength), end) + tail;
    const tree = parse(language, text);
    if (!tree) return undefined;
    try {
      return countErrors(tree.rootNode);
    } finally {
      tree.delete();
    }
  };
}

/** ERROR and MISSING nodes under `node`, visiting only subtrees that contain some. */
export function countErrors(node: Node): number {
  if (!node.hasError && !node.isMissing) return 0;
  let count = node.isError || node.isMissing ? 1 : 0;
  for (const child of node.children) if (child) count += countErrors(child);
  return count;
}

export interface CheckWindow {
  /** [start, end) offsets of the document lines parsed. */
  start: number;
  end: number;
  /** The headers of the blocks the window sits in (`class A {`, `def f(self):`), outermost first. */
  head: string;
  /** Closers for those headers' brackets, innermost first. */
  tail: string;
}


/**
 * The lines around `offset` that the check parses, chosen so the window is balanced: it starts at the
 * least indented statement within WINDOW_LINES above the cursor and ends before the first line below
 * that is indented less (at the top level, before the next top-level statement, after a top-level
 * closer such as `}` or Ruby's `end`, which belongs to the code above). When the start is nested, the headers of the
 * enclosing blocks go before it and their closers after, so the window parses as it would in place.
 * Undefined when those headers cannot be told (a wrapped header, a continuation line).
 */
export function checkWindow(text: string, offset: number, languageId: string): CheckWindow | undefined {
  const cursorLineStart = text.lastIndexOf('\n', offset - 1) + 1;
  let start = cursorLineStart;
  let width = indentWidth(leadingIndent(text, cursorLineStart));
  for (let lines = 0, at = cursorLineStart; at > 0 && lines < WINDOW_LINES && width > 0; lines++) {
    at = text.lastIndexOf('\n', at - 2) + 1;
    const lead = leadingIndent(text, at);
    if (!startsStatement(text, at + lead.length, languageId)) continue;
    if (indentWidth(lead) <= width) {
      width = indentWidth(lead);
      start = at;
    }
  }
  const headers = enclosingHeaders(text, start, width, languageId, 0);
  if (!headers) return undefined;
  let end: number | undefined;
  /** The least indented statement below, in case the window's own end is out of reach. */
  let shallowest: { at: number; width: number } | undefined;
  for (let lines = 0, at = text.indexOf('\n', offset); at !== -1 && lines < WINDOW_LINES; lines++) {
    const lineStart = at + 1;
    const lead = leadingIndent(text, lineStart);
    const first = text[lineStart + lead.length];
    at = text.indexOf('\n', lineStart);
    if (first === undefined || first === '\n' || first === '\r') continue;
    const w = indentWidth(lead);
    if (w < width || (w === 0 && width === 0 && !startsWithCloser(text, lineStart + lead.length, languageId))) {
      end = lineStart;
      break;
    }
    if (w === 0 && width === 0) {
      end = at === -1 ? text.length : at + 1;
      break;
    }
    if (startsStatement(text, lineStart + lead.length, languageId) && (!shallowest || w < shallowest.width)) shallowest = { at: lineStart, width: w };
  }
  // Out of reach: end before the shallowest statement below, closing the blocks it sits in.
  let inner: string[] = [];
  if (end === undefined) {
    if (!shallowest) end = text.length;
    else {
      end = shallowest.at;
      const opened = enclosingHeaders(text, shallowest.at, shallowest.width, languageId, width);
      if (!opened) return undefined;
      inner = opened;
    }
  }
  const family = scanFamily(languageId);
  const tail = [...headers, ...inner]
    .map((h) => CLOSING[new CodeScanner(family).scan(h).open.at(-1) ?? ''] ?? keywordCloser(h, languageId) ?? '')
    .reverse()
    .filter((c) => c !== '')
    .join('\n');
  return { start, end, head: headers.map((h) => h + '\n').join(''), tail: tail && '\n' + tail + '\n' };
}

const CLOSING: Readonly<Record<string, string>> = { '{': '}', '(': ')', '[': ']' };

/**
 * The opener lines of the blocks that a line indented `width` at `lineStart` sits in, outermost first,
 * down to those indented `floor` (inclusive). Undefined when a line on the way is not a plain opener.
 */
function enclosingHeaders(text: string, lineStart: number, width: number, languageId: string, floor: number): string[] | undefined {
  const headers: string[] = [];
  for (let lines = 0, at = lineStart; width > floor; lines++) {
    if (at === 0 || lines >= HEADER_SEARCH_LINES) return undefined;
    at = text.lastIndexOf('\n', at - 2) + 1;
    const lead = leadingIndent(text, at);
    if (!startsStatement(text, at + lead.length, languageId) || indentWidth(lead) >= width) continue;
    if (indentWidth(lead) < floor) return undefined;
    const lineEnd = text.indexOf('\n', at);
    const line = text.slice(at, lineEnd === -1 ? text.length : lineEnd).replace(/\r$/, '');
    const scanner = new CodeScanner(scanFamily(languageId)).scan(line);
    if (!endsWithBlockOpener(line, languageId) || scanner.unmatched.length > 0 || scanner.open.length > 1) return undefined;
    headers.unshift(line);
    width = indentWidth(lead);
  }
  return headers;
}

/** The line from `at` starts code (not blank, not a closer such as `}` or Ruby's `end`, not a comment's ` * `). */
function startsStatement(text: string, at: number, languageId: string): boolean {
  const first = text[at];
  return first !== undefined && first !== '\n' && first !== '\r' && first !== '*' && !startsWithCloser(text, at, languageId);
}

/** The line from `at` starts by closing a block: a bracket, or a keyword such as Ruby's `end`. */
function startsWithCloser(text: string, at: number, languageId: string): boolean {
  return CLOSERS.includes(text[at]) || closesKeywordBlock(text.slice(at, at + 8), languageId);
}

function leadingIndent(text: string, lineStart: number): string {
  let i = lineStart;
  while (text[i] === ' ' || text[i] === '\t') i++;
  return text.slice(lineStart, i);
}
