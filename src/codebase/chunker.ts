/**
 * Cuts a file into function-granular chunks from its tree-sitter tree: each function, method and class
 * is a chunk with the doc comment right above it; a class (or a long function) that holds definitions is
 * split into a header chunk, its definitions, and windows over the code between them; top-level code
 * between definitions becomes bounded windows. Without a tree (no grammar, parse failed) the file is cut
 * into fixed line windows. Plain data in and out: a worker thread can run it.
 */
import type { Node, Tree } from 'web-tree-sitter';
import type { ChunkWithText } from './chunk';
import { definitionOf, type Definition } from './definitions';
import { lineWindows, WINDOW_LINES } from './lineChunks';

/** A class longer than this that holds definitions is split into them (shorter ones stay one chunk). */
const SPLIT_CLASS_LINES = 20;
/** A function longer than this that holds nested definitions is split into them. */
const SPLIT_FUNCTION_LINES = 60;
/** Nodes shorter than this many lines are not searched for nested definitions (one-liners hold none worth a chunk). */
const MIN_SEARCH_LINES = 2;

interface Span {
  def: Definition;
  /** 0-based rows, the doc comment above included. */
  start: number;
  end: number;
}

/** The chunks of `text` at `path`; `tree` is its parse, undefined for line windows. */
export function chunkFile(path: string, text: string, tree: Tree | undefined): ChunkWithText[] {
  const lines = text.split('\n');
  if (!tree) return lineWindows(path, lines, 0, lines.length - 1, 'lines');
  const out: ChunkWithText[] = [];
  fillBetween(out, path, lines, findDefinitions(tree.rootNode), 0, lines.length - 1, [], undefined);
  return out;
}

/**
 * Chunks for rows from..to holding `spans` (in order): each span becomes its chunk(s), the code between
 * them windows. `owner` is the definition these rows belong to: the code before its first nested
 * definition is its header.
 */
function fillBetween(out: ChunkWithText[], path: string, lines: string[], spans: Span[], from: number, to: number, container: string[], owner: Definition | undefined): void {
  let cursor = from;
  for (const span of spans) {
    const start = Math.max(span.start, cursor);
    if (start > span.end) continue;
    if (start > cursor) gap(out, path, lines, cursor, start - 1, container, owner && cursor === from ? owner : undefined);
    emit(out, path, lines, { ...span, start }, container);
    cursor = span.end + 1;
  }
  if (cursor <= to) gap(out, path, lines, cursor, to, container, owner && cursor === from ? owner : undefined);
}

/** A definition's chunk, or its split when it is a long one that holds definitions. */
function emit(out: ChunkWithText[], path: string, lines: string[], span: Span, enclosing: string[]): void {
  const { def, start, end } = span;
  const container = def.owner ? [...enclosing, def.owner] : enclosing;
  const length = end - start + 1;
  const limit = def.kind === 'class' ? SPLIT_CLASS_LINES : SPLIT_FUNCTION_LINES;
  // A class's definitions are looked up whatever its length: a short class's are its members.
  const inner = def.kind === 'class' || length > limit ? findDefinitions(def.inner) : [];
  const nested = length > limit ? inner : [];
  if (nested.length === 0) {
    const chunk: ChunkWithText = { path, startLine: start + 1, endLine: end + 1, kind: def.kind, symbol: def.name, container: container.join('.'), text: lines.slice(start, end + 1).join('\n') };
    // A short class is one chunk: the methods it defines are among its names, so a question about one finds it.
    const members = def.kind === 'class' ? inner.map((s) => s.def.name).filter(Boolean) : [];
    out.push(members.length ? { ...chunk, members } : withParams(chunk, def));
    return;
  }
  fillBetween(out, path, lines, nested, start, end, [...container, def.name].filter(Boolean), def);
}

/** Code between definitions: the owner's header (one chunk, capped), or windows; nothing for rows without a word. */
function gap(out: ChunkWithText[], path: string, lines: string[], from: number, to: number, container: string[], header: Definition | undefined): void {
  if (!lines.slice(from, to + 1).some((l) => /[\p{L}\p{N}]/u.test(l))) return;
  const windows = lineWindows(path, lines, from, to, 'code', container.join('.'), WINDOW_LINES);
  if (header && windows.length) {
    // The first window is the owner's own head (its signature, fields): named after it.
    windows[0] = withParams({ ...windows[0], kind: 'header', symbol: header.name, container: container.slice(0, -1).join('.') }, header);
  }
  out.push(...windows);
}

/** `chunk` with the parameter list of the function it is (or heads), when it has one. */
function withParams(chunk: ChunkWithText, def: Definition): ChunkWithText {
  return def.params ? { ...chunk, params: def.params } : chunk;
}

/** The outermost definitions inside `node` (not `node` itself), in order, with their doc comments. */
function findDefinitions(node: Node): Span[] {
  const spans: Span[] = [];
  const visit = (parent: Node) => {
    // All the children in one call: nextNamedSibling and previousNamedSibling (tree-sitter 0.25) each find the
    // node's parent again from the tree's root and walk its children up to the node, quadratic over a long file.
    const children = parent.namedChildren;
    for (let i = 0; i < children.length; i++) {
      const child = children[i];
      if (!child) continue;
      const def = definitionOf(child);
      if (def) addSpan(spans, { def, start: docStart(children, i), end: child.endPosition.row });
      else if (child.endPosition.row - child.startPosition.row + 1 >= MIN_SEARCH_LINES) visit(child);
    }
  };
  visit(node);
  return spans;
}

/**
 * Adds a definition's span, merged into the previous one when both are functions of the same name: a
 * TypeScript overload's signatures (each with its own doc comment) and its implementation are one chunk,
 * so a question about any of them finds the whole, and the signatures' words count with the body's.
 */
function addSpan(spans: Span[], span: Span): void {
  const last = spans[spans.length - 1];
  if (last && span.def.kind === 'function' && last.def.kind === 'function' && span.def.name && last.def.name === span.def.name) {
    spans[spans.length - 1] = { def: span.def, start: last.start, end: span.end };
    return;
  }
  spans.push(span);
}

/** The first row of the comments directly above `siblings[at]` (no blank line between), else its own first row. */
function docStart(siblings: readonly (Node | null)[], at: number): number {
  let start = (siblings[at] as Node).startPosition.row;
  for (let i = at - 1; i >= 0; i--) {
    const prev = siblings[i];
    if (!prev || !prev.type.includes('comment') || prev.endPosition.row < start - 1) break;
    start = prev.startPosition.row;
  }
  return start;
}
