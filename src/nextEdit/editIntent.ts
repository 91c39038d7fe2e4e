/**
 * What a user's edit changed, token by token: the identifiers it removed and inserted (a rename begun is one
 * name out, one name in), the text it replaced, and where on the line it happened. Region selection reads
 * the edit's intent from this: an old name still in the file is where the change goes on next.
 */
import type { EditHunk } from './types';

export interface Token {
  text: string;
  /** Character where the token starts on its line. */
  start: number;
}

export interface EditIntent {
  /** Line of the change (in the document after the edit). */
  line: number;
  /** Character where the changed tokens start on that line, after the edit. */
  character: number;
  /** Identifiers the edit took out that it did not put back: names being renamed away. */
  oldNames: string[];
  /** Identifiers the edit put in that were not there: the new names. */
  newNames: string[];
  /** The changed tokens before and after, as text (empty for a pure insertion or deletion). */
  removed: string;
  inserted: string;
  /** The tokens either side of the change on the original line (an insertion's anchors). */
  left?: string;
  right?: string;
  /** The edited line before the edit. */
  originalLine: string;
}

const TOKEN = /[\p{L}_$][\p{L}\p{N}_$]*|\p{N}[\p{L}\p{N}_.]*|\S/gu;
const IDENTIFIER = /^[\p{L}_$][\p{L}\p{N}_$]*$/u;

export function tokenize(line: string): Token[] {
  return [...line.matchAll(TOKEN)].map((m) => ({ text: m[0], start: m.index ?? 0 }));
}

export function isIdentifier(text: string): boolean {
  return IDENTIFIER.test(text);
}

/**
 * The intent of a hunk: its first changed line pair is compared token by token (common tokens at both ends
 * are not part of the change). Undefined for a hunk that only adds or removes whole lines.
 */
export function editIntent(hunk: EditHunk): EditIntent | undefined {
  const pairs = Math.min(hunk.before.length, hunk.after.length);
  for (let i = 0; i < pairs; i++) {
    if (hunk.before[i] === hunk.after[i]) continue;
    return lineIntent(hunk.startLine + i, hunk.before[i], hunk.after[i]);
  }
  return undefined;
}

export function lineIntent(line: number, before: string, after: string): EditIntent | undefined {
  const a = tokenize(before);
  const b = tokenize(after);
  let p = 0;
  while (p < a.length && p < b.length && a[p].text === b[p].text) p++;
  let s = 0;
  while (s < a.length - p && s < b.length - p && a[a.length - 1 - s].text === b[b.length - 1 - s].text) s++;
  const removedTokens = a.slice(p, a.length - s);
  const insertedTokens = b.slice(p, b.length - s);
  if (removedTokens.length === 0 && insertedTokens.length === 0) return undefined;
  const removedIds = new Set(removedTokens.map((t) => t.text).filter(isIdentifier));
  const insertedIds = new Set(insertedTokens.map((t) => t.text).filter(isIdentifier));
  const span = (tokens: Token[], text: string) => (tokens.length ? text.slice(tokens[0].start, tokens[tokens.length - 1].start + tokens[tokens.length - 1].text.length) : '');
  return {
    line,
    character: insertedTokens[0]?.start ?? b[p]?.start ?? after.length,
    oldNames: [...removedIds].filter((n) => !insertedIds.has(n)),
    newNames: [...insertedIds].filter((n) => !removedIds.has(n)),
    removed: span(removedTokens, before),
    inserted: span(insertedTokens, after),
    left: a[p - 1]?.text,
    right: a[a.length - s]?.text,
    originalLine: before,
  };
}

/** Whether `name` occurs in `line` as a whole identifier (not inside a longer one). */
export function wordOccurrences(line: string, name: string): number[] {
  const found: number[] = [];
  for (let i = line.indexOf(name); i !== -1; i = line.indexOf(name, i + 1)) {
    const before = i > 0 ? line[i - 1] : '';
    const after = line[i + name.length] ?? '';
    if (!/[\p{L}\p{N}_$]/u.test(before) && !/[\p{L}\p{N}_$]/u.test(after)) found.push(i);
  }
  return found;
}
