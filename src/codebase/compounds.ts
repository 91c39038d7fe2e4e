/**
 * Identifiers written as one lower-case word (`iseven`, `readline`, `getvalue`, `filename`, common in
 * Python and C) hide the words a question uses. A compound that is not itself a word and can be cut
 * wholly into words of programming vocabulary (vocabulary.ts) is read as those words
 * (`getallmatchingheaders` → get, all, matching, headers); otherwise one that starts with a common verb or
 * ends with a common noun of code is read as its two halves. The compound itself stays a term too.
 */
import { isAbbreviation } from './abbreviations';
import { VOCABULARY } from './vocabulary';

const PREFIXES = [
  'get', 'set', 'is', 'has', 'read', 'write', 'make', 'new', 'from', 'load', 'save', 'find', 'parse', 'open', 'close', 'send', 'recv',
  'put', 'pop', 'push', 'start', 'stop', 'update', 'remove', 'create', 'check', 'copy', 'sort', 'print', 'format', 'split', 'join',
  'call', 'max', 'min', 'file', 'path', 'line', 'key', 'type', 'name', 'byte', 'bytes', 'data', 'time',
];

const SUFFIXES = [
  'name', 'names', 'path', 'paths', 'list', 'dict', 'type', 'types', 'line', 'lines', 'file', 'files', 'size', 'count', 'info',
  'data', 'value', 'values', 'func', 'mode', 'attr', 'obj', 'str', 'key', 'keys', 'items', 'len', 'num', 'dir', 'dirs',
  'time', 'char', 'chars', 'word', 'words', 'text', 'id', 'ids', 'set', 'map', 'args', 'code', 'object', 'string', 'error', 'index',
];

/**
 * Words shorter than this are not split (`isin`, `getx` are not worth guessing at). A five-letter one can only
 * be cut wholly into words and abbreviations (`isblk`, `isdir`): MIN_REST leaves no room for a guessed half.
 */
const MIN_COMPOUND = 5;
/** The unlisted half must keep at least this many letters (`tokens` is not `to` + `kens`, `issue` not `is` + `sue`). */
const MIN_REST = 4;

/** Two-letter words a compound may hold (`isinfinity`, `tojson`, `userid`); longer pieces come from the vocabulary and abbreviations. */
const SHORT_WORDS: ReadonlySet<string> = new Set(['is', 'to', 'id', 'io', 'os', 'db', 'fs', 'ui', 'on', 'by', 'at', 'as', 'in', 'of', 'or']);
/** Longest vocabulary word tried as a piece. */
const MAX_PIECE = 16;
/** A cut into more pieces than this is more likely a guess than the compound's words. */
const MAX_PIECES = 5;

/** The words of a lower-case compound (`readline` → ['read', 'line']); [] when it is not one. */
export function splitCompound(word: string): string[] {
  if (word.length < MIN_COMPOUND || !/^[a-z]+$/.test(word)) return [];
  const pieces = VOCABULARY.has(word) ? [] : segment(word);
  return pieces.length > 1 ? pieces : halves(word);
}

/**
 * The fewest words of the vocabulary (or SHORT_WORDS) that spell `word` exactly, in order; [] when there
 * is no such cut. Dynamic programming over the word's prefixes: fewest[i] is the best cut of word[0, i).
 */
function segment(word: string): string[] {
  const fewest: number[] = [0];
  const from: number[] = [0];
  for (let end = 1; end <= word.length; end++) {
    fewest[end] = Infinity;
    for (let start = Math.max(0, end - MAX_PIECE); start < end; start++) {
      if (fewest[start] + 1 >= fewest[end]) continue;
      const piece = word.slice(start, end);
      if (isPiece(piece)) {
        fewest[end] = fewest[start] + 1;
        from[end] = start;
      }
    }
  }
  if (fewest[word.length] > MAX_PIECES) return [];
  const out: string[] = [];
  for (let end = word.length; end > 0; end = from[end]) out.unshift(word.slice(from[end], end));
  return out;
}

/** A word a compound may be cut into: a two-letter one of SHORT_WORDS, a vocabulary word or a known abbreviation (`expandvars`). */
function isPiece(piece: string): boolean {
  if (piece.length === 2) return SHORT_WORDS.has(piece);
  return piece.length > 2 && (VOCABULARY.has(piece) || isAbbreviation(piece));
}

/** The two halves of a compound that starts with a common verb or ends with a common noun; [] otherwise. */
function halves(word: string): string[] {
  for (const prefix of PREFIXES) {
    if (word.startsWith(prefix) && word.length - prefix.length >= MIN_REST) return [prefix, word.slice(prefix.length)];
  }
  for (const suffix of SUFFIXES) {
    if (word.endsWith(suffix) && word.length - suffix.length >= MIN_REST) return [word.slice(0, -suffix.length), suffix];
  }
  return [];
}
