/**
 * The prefix and suffix around the cursor, fitted to their token budgets and cut at syntactic
 * boundaries: the prefix starts where a statement or declaration starts, the suffix ends where one
 * ends, so the model never sees half an expression at either edge. Without a tree (unsupported
 * language, huge file) the cut falls on a line no more indented than the cursor's.
 */
import type { Node, Tree } from 'web-tree-sitter';
import { estimateTokens } from '../text/tokens';
import { lineAtOffset } from '../text/lineStarts';
import { MAX_SEARCH_LINES, PREFIX_START_STEP_LINES } from '../tunables/tunables';

export interface PrefixSuffix {
  prefix: string;
  suffix: string;
  /** Offsets in the document where the prefix starts and the suffix ends. */
  start: number;
  end: number;
}

/** Node types whose children are statements or declarations: a line starting one of those is a clean cut. */
const CONTAINERS = /^(program|module|source_file|translation_unit|compilation_unit|statement_block|block|class_body|declaration_list|field_declaration_list|interface_body|body_statement|compound_statement|switch_body|enum_body|object|then|else|do_block|begin|impl_item|template_body)$/;


export function cutPrefixSuffix(text: string, offset: number, budget: { prefix: number; suffix: number }, tree?: Tree): PrefixSuffix {
  const before = text.slice(0, offset);
  const after = text.slice(offset);
  const rawStart = steppedStart(text, offset - takeLinesFromEnd(before, budget.prefix), offset);
  const rawEnd = offset + takeLinesFromStart(after, budget.suffix);
  const start = rawStart === 0 ? 0 : cleanStart(text, rawStart, offset, tree);
  const end = rawEnd === text.length ? text.length : cleanEnd(text, offset, rawEnd, tree);
  return { prefix: text.slice(start, offset), suffix: text.slice(offset, end), start, end };
}

/**
 * A cut prefix's start moved down to the next line whose number is a multiple of PREFIX_START_STEP_LINES
 * (never past the cursor's line): while the user types, the start stays put for that many lines, so the
 * prompts of consecutive requests share their beginning. `start` 0 (the whole prefix fits) stays 0.
 */
function steppedStart(text: string, start: number, offset: number): number {
  if (start === 0) return 0;
  const line = lineAtOffset(text, start);
  let stepped = start;
  for (let n = (PREFIX_START_STEP_LINES - (line % PREFIX_START_STEP_LINES)) % PREFIX_START_STEP_LINES; n > 0; n--) {
    const next = text.indexOf('\n', stepped);
    if (next === -1 || next + 1 > offset) break;
    stepped = next + 1;
  }
  const cursorLineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return Math.min(stepped, cursorLineStart);
}

/** Length of the longest tail of `text` made of whole lines within `budget` tokens (the cursor's line always). */
function takeLinesFromEnd(text: string, budget: number): number {
  let used = 0;
  let cut = text.length;
  let lineEnd = text.length;
  for (;;) {
    const nl = lineEnd === 0 ? -1 : text.lastIndexOf('\n', lineEnd - 1);
    const cost = estimateTokens(text.slice(nl + 1, lineEnd)) + 1;
    if (cut !== text.length && used + cost > budget) break;
    used += cost;
    cut = nl + 1;
    if (nl === -1) break;
    lineEnd = nl;
  }
  return text.length - cut;
}

/** Length of the longest head of `text` made of whole lines within `budget` tokens (the cursor's line always). */
function takeLinesFromStart(text: string, budget: number): number {
  let used = 0;
  let cut = 0;
  while (cut < text.length) {
    const nl = text.indexOf('\n', cut);
    const lineEnd = nl === -1 ? text.length : nl;
    const cost = estimateTokens(text.slice(cut, lineEnd)) + 1;
    if (cut !== 0 && used + cost > budget) break;
    used += cost;
    cut = nl === -1 ? text.length : nl + 1;
  }
  return cut;
}

/** The first line at or after `from` (at the latest the cursor's line) that starts a statement. */
function cleanStart(text: string, from: number, offset: number, tree?: Tree): number {
  const cursorLineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const cursorIndent = indentOf(text, cursorLineStart);
  let lineStart = from;
  for (let n = 0; n < MAX_SEARCH_LINES && lineStart < cursorLineStart; n++) {
    if (startsStatement(text, lineStart, tree, cursorIndent)) return lineStart;
    lineStart = text.indexOf('\n', lineStart) + 1;
  }
  return lineStart >= cursorLineStart ? cursorLineStart : from;
}

/** The end of the last line before `to` (and after the cursor's line) that ends a statement. */
function cleanEnd(text: string, offset: number, to: number, tree?: Tree): number {
  const cursorLineEnd = text.indexOf('\n', offset);
  if (cursorLineEnd === -1 || to <= cursorLineEnd + 1) return to;
  const cursorIndent = indentOf(text, text.lastIndexOf('\n', offset - 1) + 1);
  // `to` is the start of the first line left out: try the line ending just before it, then earlier ones.
  let end = to;
  for (let n = 0; n < MAX_SEARCH_LINES && end > cursorLineEnd + 1; n++) {
    const lineStart = text.lastIndexOf('\n', end - 2) + 1;
    if (endsStatement(text, lineStart, end - 1, tree, cursorIndent)) return end;
    end = lineStart;
  }
  return end <= cursorLineEnd + 1 ? cursorLineEnd + 1 : to;
}

/** Whether the line at `lineStart` begins a statement or declaration (a child of a block or the file). */
function startsStatement(text: string, lineStart: number, tree: Tree | undefined, cursorIndent: number): boolean {
  const lineEnd = text.indexOf('\n', lineStart);
  const line = text.slice(lineStart, lineEnd === -1 ? text.length : lineEnd);
  const first = line.search(/\S/);
  if (first === -1 || CONTINUATION.test(line.slice(first))) return false;
  if (!tree) return first <= cursorIndent;
  let node: Node | null = tree.rootNode.descendantForIndex(lineStart + first);
  // Climb to the largest node starting here; its parent says whether this is a statement boundary.
  while (node?.parent && node.parent.startIndex === node.startIndex && !node.parent.equals(tree.rootNode)) node = node.parent;
  return !!node?.isNamed && isStatementParent(node.parent, tree);
}

/** Whether the line from `lineStart` to `lineEnd` finishes a statement (its last token closes one). */
function endsStatement(text: string, lineStart: number, lineEnd: number, tree: Tree | undefined, cursorIndent: number): boolean {
  const line = text.slice(lineStart, lineEnd);
  const trimmed = line.trimEnd();
  if (trimmed === '') return false;
  if (!tree) return indentOf(text, lineStart) <= cursorIndent && !/[([{,=+\-*/&|\\:]$/.test(trimmed);
  let node: Node | null = tree.rootNode.descendantForIndex(lineStart + trimmed.length - 1);
  while (node?.parent && node.parent.endIndex === node.endIndex && !node.parent.equals(tree.rootNode)) node = node.parent;
  // A bare `{` opens a block rather than ending anything.
  return !!node?.isNamed && isStatementParent(node.parent, tree);
}

function isStatementParent(parent: Node | null | undefined, tree: Tree): boolean {
  return !!parent && (CONTAINERS.test(parent.type) || parent.equals(tree.rootNode));
}

/** A line starting like this continues the previous one (a closer, an operator, a member access). */
const CONTINUATION = /^[)\]}.,:;?|&+\-*/=<>]/;

function indentOf(text: string, lineStart: number): number {
  let i = lineStart;
  while (text[i] === ' ' || text[i] === '\t') i++;
  return i - lineStart;
}
