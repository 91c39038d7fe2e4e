/**
 * A lexical pass over part of a document that lists the names used there, with their lines, skipping
 * comments and string literals. A regular expression instead of the syntax tree: it runs on every
 * keystroke over a window of a few thousand lines, where walking tree nodes through wasm costs more,
 * and a name use needs no more structure than "identifier, maybe followed by `.member`".
 */
import { languageFacts } from '../../syntax/languages';
import { countBreaks, lineOffsetFrom, offsetOfLine } from '../../text/lineStarts';

/** A name used in code: `map`, or a member chain `tasks.ensure_future` (at most three parts). */
export interface NameUse {
  chain: string;
  /** 0-based line of the first part. */
  line: number;
}

const IDENT = String.raw`[A-Za-z_$][\w$]*`;
/** Identifier, then `.x`, `?.x`, `::x` or `->x` members (Rust, C++ and PHP spell member access so). */
const CHAIN = String.raw`(${IDENT}(?:\s*(?:\?\.|\.|::|->)\s*${IDENT}){0,2})`;

const LINE_COMMENT = String.raw`\/\/[^\n]*`;
const BLOCK_COMMENT = String.raw`\/\*[\s\S]*?(?:\*\/|$)`;
const HASH_COMMENT = String.raw`#[^\n]*`;
const DOUBLE_STRING = String.raw`"(?:[^"\\\n]|\\.)*"`;
const SINGLE_STRING = String.raw`'(?:[^'\\\n]|\\.)*'`;
/** A character literal (C family): one character or one escape, so Rust lifetimes (`'a`) are left alone. */
const CHAR_LITERAL = String.raw`'(?:\\[^']{1,8}|[^'\\\n])'`;
const BACKTICK_STRING = String.raw`\x60(?:[^\x60\\]|\\.)*\x60`;
const TRIPLE_STRINGS = String.raw`"""[\s\S]*?(?:"""|$)|'''[\s\S]*?(?:'''|$)`;

/** What a language skips: the alternatives before the identifier capture in one sticky-free regex. */
const SKIP_BY_FAMILY: Record<string, string[]> = {
  js: [LINE_COMMENT, BLOCK_COMMENT, DOUBLE_STRING, SINGLE_STRING, BACKTICK_STRING],
  c: [LINE_COMMENT, BLOCK_COMMENT, DOUBLE_STRING, CHAR_LITERAL],
  go: [LINE_COMMENT, BLOCK_COMMENT, DOUBLE_STRING, CHAR_LITERAL, BACKTICK_STRING],
  python: [TRIPLE_STRINGS, HASH_COMMENT, DOUBLE_STRING, SINGLE_STRING],
  ruby: [HASH_COMMENT, DOUBLE_STRING, SINGLE_STRING],
  php: [LINE_COMMENT, BLOCK_COMMENT, HASH_COMMENT, DOUBLE_STRING, SINGLE_STRING],
};

const patterns = new Map<string, RegExp>();

function patternFor(languageId: string): RegExp {
  const family = languageFacts(languageId)?.nameScan ?? 'c';
  let re = patterns.get(family);
  if (!re) {
    re = new RegExp(`${SKIP_BY_FAMILY[family].join('|')}|${CHAIN}`, 'g');
    patterns.set(family, re);
  }
  return re;
}

/**
 * Names used in `text` between the lines `fromLine` and `toLine` (0-based, inclusive), in order.
 * A name right after a member operator (`x.map`) is part of its chain, never a use of `map` itself.
 */
export function scanNames(text: string, languageId: string, fromLine: number, toLine: number): NameUse[] {
  const start = offsetOfLine(text, fromLine);
  const end = toLine === Infinity ? text.length : lineOffsetFrom(text, toLine + 1, start, fromLine);
  const re = patternFor(languageId);
  const uses: NameUse[] = [];
  let line = fromLine;
  let counted = start;
  re.lastIndex = start;
  for (let m = re.exec(text); m && m.index < end; m = re.exec(text)) {
    if (m[1] === undefined) continue;
    if (isAfterMemberOperator(text, m.index)) continue;
    line += countBreaks(text, counted, m.index);
    counted = m.index;
    uses.push({ chain: m[1].replace(/\s+/g, '').replace(/\?\.|::|->/g, '.'), line });
  }
  return uses;
}

function isAfterMemberOperator(text: string, index: number): boolean {
  let i = index - 1;
  while (i >= 0 && (text[i] === ' ' || text[i] === '\t')) i--;
  const c = text[i];
  if (c === '.') return text[i - 1] !== '.'; // `...spread` is not member access
  if (c === ':') return text[i - 1] === ':';
  return c === '>' && text[i - 1] === '-';
}
