/**
 * How a definition can be shown in a prompt when its whole code is too long: as line ranges of the
 * original file (so every kept line is verbatim), from the whole definition down to its signature.
 * A class keeps its header and its members' signatures; a long function its signature and first
 * lines; a long constant its first lines. The prompt budget then picks the richest shape that fits.
 */
import type { Node } from 'web-tree-sitter';
import { CONTAINER_KINDS } from './definitionQueries';
import type { LineRanges } from './types';
import { SHORT_LINES } from '../../tunables/tunables';
import { MAX_WHOLE_LINES } from '../../tunables/tunables';
import { MAX_HEADER_LINES } from '../../tunables/tunables';
import { BODY_PREVIEW_LINES } from '../../tunables/tunables';
import { MAX_MEMBERS } from '../../tunables/tunables';
import { FEW_MEMBERS } from '../../tunables/tunables';


/** The shapes of the definition `def` (whose name is `name`), richest first, without duplicates. */
export function shapesOf(def: Node, name: Node, lines: readonly string[]): LineRanges[] {
  const start = def.startPosition.row;
  const end = endRow(def);
  const whole: LineRanges = [[start, end]];
  if (end === start) return [whole];
  const declaration = name.parent ?? def;
  const body = bodyOf(declaration);
  const header = headerRange(start, body, end);
  const short = end - start + 1 <= SHORT_LINES;
  const shapes: LineRanges[] = [];
  if (end - start + 1 <= MAX_WHOLE_LINES) shapes.push(whole);
  if (body && (CONTAINER_KINDS.test(declaration.type) || CONTAINER_KINDS.test(body.type))) {
    shapes.push(...classSummaries(header, body, end, lines));
  } else if (body && !short) {
    const preview = firstCodeLines(Math.max(header[1] + 1, codeStartRow(body)), end - 1, BODY_PREVIEW_LINES, lines);
    shapes.push(withClosing([header, ...preview], end, lines));
  } else if (!body && !short) {
    shapes.push(withClosing([[start, Math.min(end, start + SHORT_LINES - 2)]], end, lines));
  }
  // The signature alone: what a prompt short of tokens still needs to call the thing right.
  shapes.push(withClosing([header], end, lines, body !== undefined));
  return dedupe(shapes);
}

/** The row of the first statement of a body that is not a comment or a docstring. */
function codeStartRow(body: Node): number {
  for (const child of body.namedChildren) {
    if (!child || /comment/.test(child.type)) continue;
    if (child.type === 'expression_statement' && child.namedChildren[0]?.type === 'string') continue;
    return child.startPosition.row;
  }
  return body.startPosition.row;
}

/** Merges overloads (TypeScript signatures followed by the implementation) into one definition. */
export function mergeShapes(first: LineRanges[], last: LineRanges[]): LineRanges[] {
  const start = first[0][0][0];
  const end = last[0][last[0].length - 1][1];
  const firstBrief = first[first.length - 1];
  const lastBrief = last[last.length - 1];
  const shapes: LineRanges[] = [];
  if (end - start + 1 <= MAX_WHOLE_LINES) shapes.push([[start, end]]);
  shapes.push([...firstBrief, ...lastBrief]);
  shapes.push(firstBrief);
  return dedupe(shapes);
}

/**
 * Renders a shape: the kept lines, with an indented `...` where code was left out (a gap of only
 * blank lines and comments is dropped silently: it hid nothing the reader needs).
 */
export function renderShape(ranges: LineRanges, lines: readonly string[]): { text: string; startLine: number; endLine: number } {
  const out: string[] = [];
  let previousEnd = -1;
  for (const [from, to] of ranges) {
    if (previousEnd !== -1 && from > previousEnd + 1) {
      const firstCode = lines.slice(previousEnd + 1, from).find((l) => /\S/.test(l) && !COMMENT_LINE.test(l));
      if (firstCode !== undefined) out.push(`${/^\s*/.exec(firstCode)![0]}...`);
    }
    for (let l = Math.max(from, previousEnd + 1); l <= to; l++) out.push(lines[l] ?? '');
    previousEnd = Math.max(previousEnd, to);
  }
  return { text: out.join('\n'), startLine: ranges[0][0], endLine: previousEnd };
}

/** A line that is only a comment (or part of a block comment) in the C, Python, Ruby and shell families. */
const COMMENT_LINE = /^\s*(?:\/\/|\/\*|\*|#(?!include|define|if|endif|else|pragma)|"""|''')/;

/** The lines of a scope's signature: from its start to where its body begins. */
export function signatureRange(node: Node): [number, number] {
  return headerRange(node.startPosition.row, bodyOf(node), endRow(node));
}

/** The last row of a node, not counting a trailing newline it may own. */
function endRow(node: Node): number {
  const end = node.endPosition;
  return end.column === 0 && end.row > node.startPosition.row ? end.row - 1 : end.row;
}

/** The body of a declaration: its `body` field, or the body of the function or class it is assigned. */
function bodyOf(declaration: Node): Node | undefined {
  const direct = declaration.childForFieldName('body') ?? declaration.childForFieldName('definition')?.childForFieldName('body');
  if (direct) return direct;
  const value = declaration.childForFieldName('value') ?? declaration.childForFieldName('type') ?? declaration.childForFieldName('right');
  if (!value) return undefined;
  const inner = value.childForFieldName('body');
  if (inner) return inner;
  if (/^(object|array|struct_type|interface_type|class_body|object_type|enum_body|field_declaration_list|dictionary|list)$/.test(value.type)) return value;
  // Wrapped values: `nodeProxy( X )`, `Object.freeze({ … })`, `new Foo({ … })`: the largest multi-line child.
  const args = value.childForFieldName('arguments');
  const last = args?.namedChildren[args.namedChildren.length - 1];
  return last && last.endPosition.row > last.startPosition.row ? last : undefined;
}

/** Lines from the start to where the body begins (the line holding `{`, or the line before a Python block). */
function headerRange(start: number, body: Node | undefined, end: number): [number, number] {
  if (!body) return [start, Math.min(end, start + MAX_HEADER_LINES - 1)];
  const bodyRow = body.startPosition.row;
  const bodyStartsLine = body.startPosition.column === 0 || /^(block|body_statement)$/.test(body.type);
  const headerEnd = bodyStartsLine && bodyRow > start ? bodyRow - 1 : bodyRow;
  return [start, Math.min(Math.max(start, headerEnd), start + MAX_HEADER_LINES - 1)];
}

/**
 * A class by its header and its public members' signatures (each name once: overloads after the first
 * and private members are left out), as two summaries: every member, and the first few.
 */
function classSummaries(header: [number, number], body: Node, end: number, lines: readonly string[]): LineRanges[] {
  const members: [number, number][] = [];
  const seen = new Set<string>();
  for (const member of body.namedChildren) {
    if (!member || /comment/.test(member.type) || member.endPosition.row <= header[1]) continue;
    if (member.type === 'expression_statement' && member.namedChildren[0]?.type === 'string') continue; // docstring
    const name = memberName(member);
    if (name !== undefined && (seen.has(name) || isPrivate(member, name))) continue;
    if (name !== undefined) seen.add(name);
    const memberStart = member.startPosition.row;
    const memberBody = bodyOf(member) ?? member.childForFieldName('definition')?.childForFieldName('body') ?? undefined;
    const memberHeader = headerRange(memberStart, memberBody, endRow(member));
    // Fields and one-line members whole; methods by their signature (at most two lines).
    members.push([Math.max(memberStart, members[members.length - 1]?.[1] + 1 || 0), Math.min(memberHeader[1], memberStart + 1)]);
    if (members.length >= MAX_MEMBERS) break;
  }
  const valid = members.filter(([a, b]) => a <= b);
  return [withClosing([header, ...valid], end, lines), withClosing([header, ...valid.slice(0, FEW_MEMBERS)], end, lines)];
}

function memberName(member: Node): string | undefined {
  const named = member.childForFieldName('name') ?? member.childForFieldName('definition')?.childForFieldName('name') ?? member.childForFieldName('declarator');
  return named?.text;
}

/** Private members say nothing to code outside the class (`private`, `#x`, `_x` but not `__init__`). */
function isPrivate(member: Node, name: string): boolean {
  if (/^#|^_(?!_)/.test(name)) return true;
  return member.children.some((c) => c?.type === 'accessibility_modifier' && /private|protected/.test(c.text)) || /^\s*(private|protected)\b/.test(member.text);
}

/** Up to `count` non-blank lines between `from` and `to`, as ranges. */
function firstCodeLines(from: number, to: number, count: number, lines: readonly string[]): [number, number][] {
  const out: [number, number][] = [];
  for (let l = from; l <= to && out.length < count; l++) if (/\S/.test(lines[l] ?? '')) out.push([l, l]);
  return out;
}

/** Adds the definition's closing line (`}`, `end`, `};`) when it is only a closer. */
function withClosing(ranges: [number, number][], end: number, lines: readonly string[], force = true): LineRanges {
  const last = ranges[ranges.length - 1][1];
  if (force && end > last && /^\s*(?:[}\])]+[;,)]*|end)\s*$/.test(lines[end] ?? '')) return [...ranges, [end, end]];
  return ranges;
}

function dedupe(shapes: LineRanges[]): LineRanges[] {
  const seen = new Set<string>();
  return shapes.filter((s) => {
    const key = JSON.stringify(s);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
