/**
 * The places an edit's change goes on to, best first: the other occurrences of a name being renamed, the
 * call sites of a function whose parameters (or arguments) were edited, and the lines near the edit that look
 * like the edited line did (a repeated edit). With a syntax tree, a call site covers its whole call (a call
 * over several lines changes at its closing parenthesis) and places inside the function around the edit come
 * before the rest of the file; without one, the text alone decides.
 */
import type { Node, Tree } from 'web-tree-sitter';
import { isIdentifier, tokenize, wordOccurrences, type EditIntent } from './editIntent';
import type { LineRange } from './types';

/** How strongly a place is tied to the edit: 0 the clearest (the renamed name), 2 a look-alike line. */
export type PlaceRank = 0 | 1 | 2;

export interface Place extends LineRange {
  rank: PlaceRank;
  /** Inside the function (or block) that holds the edit. */
  inScope: boolean;
}

/** How far from the edit a look-alike line may be. */
export const SIMILAR_RADIUS = 20;
/** Longest call a place covers. */
export const MAX_CALL_LINES = 12;

const PARAMS = /^(formal_parameters|parameters|parameter_list|arguments|argument_list|lambda_parameters)$/;
const FUNCTION_LIKE = /function|method|arrow|lambda|constructor|class_body|class_definition|class_declaration/;

export function findPlaces(lines: readonly string[], intent: EditIntent, tree?: Tree): Place[] {
  const scope = enclosingScope(tree, intent) ?? { startLine: 0, endLine: lines.length - 1 };
  const callable = calleeOfEdit(lines, intent, tree);
  const renaming = intent.oldNames.length > 0 && intent.newNames.length > 0;
  const places: Omit<Place, 'inScope'>[] = [];
  const definition = renaming && definesName(lines, intent, tree);
  if (renaming) for (const name of intent.oldNames) places.push(...nameOccurrences(lines, name, isMember(intent, name), definition, tree));
  // A parameter list or argument list edited: the calls follow (a parameter added, removed, reordered, its
  // type changed). A renamed parameter mostly changes the body, which the occurrences above cover first.
  if (callable) places.push(...callSites(lines, callable, intent.line, tree));
  places.push(...similarLines(lines, intent));
  const inScope = (p: LineRange) => p.startLine >= scope.startLine && p.endLine <= scope.endLine;
  return dedupe(places.map((p) => ({ ...p, inScope: inScope(p) })));
}

/**
 * Occurrences of `name` as a whole word, one place per line; for a member renamed (`this.name`), only
 * member accesses (`.name`), since a variable of that name is another thing.
 */
function nameOccurrences(lines: readonly string[], name: string, member: boolean, definition: boolean, tree?: Tree): Omit<Place, 'inScope'>[] {
  const out: Omit<Place, 'inScope'>[] = [];
  lines.forEach((line, i) => {
    if (!line.includes(name)) return;
    const at = wordOccurrences(line, name).filter((c) => !member || /\.\s*$/.test(line.slice(0, c)));
    if (at.length === 0) return;
    // A mention in a comment or a string is a weaker tie than a use in code (a rename leaves most of them);
    // so is `x.name` for a variable renamed (a member of that name is another thing), but not for a function
    // or method renamed at its definition (`self.name(…)` calls it).
    const strong = at.some((c) => (!tree || !inCommentOrString(tree, i, c)) && (member || definition || !/\.\s*$/.test(line.slice(0, c))));
    out.push({ startLine: i, endLine: i, rank: strong ? 0 : 2 });
  });
  return out;
}

/** Whether the edit renamed what its line defines (a function, method or class name), not a variable. */
function definesName(lines: readonly string[], intent: EditIntent, tree?: Tree): boolean {
  if (tree) {
    const node = tree.rootNode.descendantForPosition({ row: intent.line, column: intent.character });
    const owner = node?.parent;
    return !!owner && /function|method|class/.test(owner.type) && !!owner.childForFieldName('name')?.equals(node);
  }
  const line = lines[intent.line] ?? '';
  return intent.newNames.some((n) => new RegExp(`\\b(def|function|func|fn|class)\\s+${n}\\b|^\\s*(async\\s+|static\\s+)*${n}\\s*\\(.*\\)\\s*\\{\\s*$`).test(line));
}

function inCommentOrString(tree: Tree, line: number, character: number): boolean {
  const node = tree.rootNode.descendantForPosition({ row: line, column: character });
  return !!node && (/comment|string|template/.test(node.type) || node.parent?.type === 'string');
}

/**
 * Whether the edit renamed `name` where it was a member access (`x.name`): the occurrence the edit changed,
 * which starts where the changed tokens start (the tokens before them are the same before and after).
 */
function isMember(intent: EditIntent, name: string): boolean {
  const at = wordOccurrences(intent.originalLine, name).filter((c) => c >= intent.character);
  return at.length > 0 && /\.\s*$/.test(intent.originalLine.slice(0, at[0]));
}

/** Calls of `name` (`name(`, `x.name(`), each as the lines of the whole call. */
function callSites(lines: readonly string[], name: string, editLine: number, tree?: Tree): Omit<Place, 'inScope'>[] {
  const out: Omit<Place, 'inScope'>[] = [];
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}_$])${escapeRegExp(name)}\\s*\\(`, 'gu');
  lines.forEach((line, i) => {
    if (i === editLine || !line.includes(name)) return;
    for (const m of line.matchAll(pattern)) {
      const end = tree ? callEndLine(tree, i, (m.index ?? 0) + name.length) : i;
      out.push({ startLine: i, endLine: Math.min(end, i + MAX_CALL_LINES - 1), rank: 1 });
    }
  });
  return out;
}

/** Last line of the call whose callee ends at (line, character), found by its argument list. */
function callEndLine(tree: Tree, line: number, character: number): number {
  let node: Node | null = tree.rootNode.descendantForPosition({ row: line, column: Math.max(0, character - 1) });
  for (let depth = 0; node && depth < 6; depth++, node = node.parent) {
    const args = node.childForFieldName('arguments');
    if (args && args.startPosition.row === line) return args.endPosition.row;
  }
  return line;
}

/**
 * Lines near the edit that the same change fits: holding the replaced text, holding the tokens an
 * insertion went between, or starting like the edited line did at the same indentation. Those in an unbroken
 * run next to the edited line (a repeated edit going down a list of alike lines) rank with the named places.
 */
function similarLines(lines: readonly string[], intent: EditIntent): Omit<Place, 'inScope'>[] {
  const original = intent.originalLine;
  const indent = /^\s*/.exec(original)![0];
  const head = tokenize(original).slice(0, 2).map((t) => t.text).join(' ');
  const shape = shapeOf(tokenize(original).map((t) => t.text));
  const removed = intent.removed.trim();
  const removedIsWord = isIdentifier(removed);
  /** Alike in shape (starts the same, or has the insertion's anchors); `loose` also takes a line holding the removed text. */
  const tokensOf = new Map<number, string[]>();
  const alike = (i: number, loose: boolean) => {
    const line = lines[i];
    let tokens = tokensOf.get(i);
    if (!tokens) tokensOf.set(i, (tokens = tokenize(line).map((t) => t.text)));
    const holdsRemoved = loose && removed !== '' && (removedIsWord ? wordOccurrences(line, removed).length > 0 : line.includes(removed));
    const holdsAnchors = removed === '' && intent.left !== undefined && intent.right !== undefined && adjacent(tokens, intent.left, intent.right);
    const sameIndent = line.startsWith(indent) && !/\s/.test(line[indent.length] ?? ' ');
    const startsAlike = head !== '' && sameIndent && tokens.slice(0, 2).join(' ') === head;
    // Same shape with other names (`const b = fetchB();` beside `const a = fetchA();`).
    const shapedAlike = shape !== '' && sameIndent && shapeOf(tokens) === shape;
    return holdsRemoved || holdsAnchors || startsAlike || shapedAlike;
  };
  const out: Omit<Place, 'inScope'>[] = [];
  const from = Math.max(0, intent.line - SIMILAR_RADIUS);
  const to = Math.min(lines.length - 1, intent.line + SIMILAR_RADIUS);
  let runStart = intent.line;
  while (runStart - 1 >= from && alike(runStart - 1, false)) runStart--;
  let runEnd = intent.line;
  while (runEnd + 1 <= to && alike(runEnd + 1, false)) runEnd++;
  for (let i = from; i <= to; i++) {
    if (i === intent.line) continue;
    const inRun = i >= runStart && i <= runEnd;
    if (inRun || alike(i, true)) out.push({ startLine: i, endLine: i, rank: inRun ? 1 : 2 });
  }
  return out;
}

/** The first tokens of a line with names and numbers abstracted; '' for a line too short to compare. */
function shapeOf(tokens: readonly string[]): string {
  if (tokens.length < 3) return '';
  return tokens
    .slice(0, 3)
    .map((t) => (isIdentifier(t) && !KEYWORDS.has(t) ? 'I' : /^\p{N}/u.test(t) ? 'N' : t))
    .join(' ');
}

/** Words that give a line its shape (a declaration is not a call). */
const KEYWORDS = new Set(['const', 'let', 'var', 'return', 'if', 'for', 'while', 'def', 'class', 'function', 'await', 'yield', 'import', 'from', 'export', 'self', 'this', 'new', 'async', 'elif', 'else']);

function adjacent(tokens: readonly string[], left: string, right: string): boolean {
  for (let i = 0; i + 1 < tokens.length; i++) if (tokens[i] === left && tokens[i + 1] === right) return true;
  return false;
}

/**
 * The function whose parameters, or the call whose arguments, the edit is in: its name. From the tree when
 * there is one, else from the text (the name before the innermost parenthesis still open at the edit).
 */
export function calleeOfEdit(lines: readonly string[], intent: EditIntent, tree?: Tree): string | undefined {
  if (tree) {
    let node: Node | null = tree.rootNode.descendantForPosition({ row: intent.line, column: intent.character });
    for (let depth = 0; node && depth < 8; depth++, node = node.parent) {
      if (!PARAMS.test(node.type) || !node.parent) continue;
      return ownerName(node.parent);
    }
    return undefined;
  }
  const line = lines[intent.line] ?? '';
  let depth = 0;
  for (let i = Math.min(intent.character, line.length) - 1; i >= 0; i--) {
    if (line[i] === ')') depth++;
    else if (line[i] === '(') {
      if (depth === 0) return /([\p{L}_$][\p{L}\p{N}_$]*)\s*$/u.exec(line.slice(0, i))?.[1];
      depth--;
    }
  }
  return undefined;
}

/** The name a call calls or a definition defines. */
function ownerName(owner: Node): string | undefined {
  const callee = owner.childForFieldName('function') ?? owner.childForFieldName('constructor');
  if (callee) {
    const last = callee.childForFieldName('property') ?? callee.childForFieldName('attribute') ?? callee.childForFieldName('field') ?? callee.childForFieldName('name') ?? callee;
    return /^[\p{L}_$][\p{L}\p{N}_$]*$/u.test(last.text) ? last.text : undefined;
  }
  const name = owner.childForFieldName('name');
  if (name) return name.text;
  // `const f = (a) => …`: the arrow function's name is its declarator's.
  const declarator = owner.parent?.type === 'variable_declarator' ? owner.parent.childForFieldName('name') : null;
  return declarator?.text;
}

/** Lines of the innermost function (or class body) holding the edit. */
function enclosingScope(tree: Tree | undefined, intent: EditIntent): LineRange | undefined {
  if (!tree) return undefined;
  let node: Node | null = tree.rootNode.descendantForPosition({ row: intent.line, column: intent.character });
  for (; node && node.parent; node = node.parent) {
    if (FUNCTION_LIKE.test(node.type) && node.endPosition.row > node.startPosition.row) return { startLine: node.startPosition.row, endLine: node.endPosition.row };
  }
  return undefined;
}

/** One place per range, keeping the best rank. */
function dedupe(places: Place[]): Place[] {
  const byRange = new Map<string, Place>();
  for (const p of places) {
    const key = `${p.startLine}:${p.endLine}`;
    const seen = byRange.get(key);
    if (!seen || p.rank < seen.rank) byRange.set(key, p);
  }
  return [...byRange.values()];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
