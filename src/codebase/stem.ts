/**
 * A light English stemmer for search terms: folds plurals and the common -ing / -ed / -er / -ly / -ation
 * endings so "parses", "parsing", "parsed" and "parser" meet at "pars". Deliberately conservative (the
 * full Porter algorithm conflates too many short identifiers); the same function runs on code and queries,
 * so whatever it does to one it does to the other.
 */
import { boundedMemo } from '../text/boundedMemo';

/** Words this short are left alone: `is`, `id`, `os`, `gas` are not plurals worth folding. */
const MIN_STEM = 3;
/** Stems remembered (a word is stemmed once), at most this many. */
const CACHE_LIMIT = 100_000;
const remembered = boundedMemo(stemUncached, CACHE_LIMIT);

export function stem(word: string): string {
  return word.length <= MIN_STEM || /^\d/.test(word) ? word : remembered(word);
}

/** Irregular forms a suffix rule cannot fold, mapped to the word they are forms of (then stemmed as it). */
const IRREGULAR: Readonly<Record<string, string>> = {
  indices: 'index', indexes: 'index', vertices: 'vertex', matrices: 'matrix', children: 'child', people: 'person', analyses: 'analysis',
  built: 'build', found: 'find', written: 'write', wrote: 'write', sent: 'send', made: 'make', thrown: 'throw',
  threw: 'throw', chosen: 'choose', begun: 'begin', began: 'begin', ran: 'run', kept: 'keep', lost: 'lose', held: 'hold',
  caught: 'catch', taken: 'take', took: 'take', seen: 'see', saw: 'see', shown: 'show', drawn: 'draw', drew: 'draw',
  hidden: 'hide',
};

function stemUncached(w: string): string {
  if (Object.prototype.hasOwnProperty.call(IRREGULAR, w)) w = IRREGULAR[w];
  w = plural(w);
  w = suffix(w);
  // A doubled final consonant left by -ing / -ed (running → runn → run) or -er (getter → gett → get).
  if (/([bdfgklmnprtz])\1$/.test(w) && w.length > MIN_STEM) w = w.slice(0, -1);
  // "parse" / "pars", "create" / "creat": drop a final silent e so the verb and its -ing form meet.
  if (w.endsWith('e') && w.length > MIN_STEM) w = w.slice(0, -1);
  return w;
}

function plural(w: string): string {
  if (w.endsWith('ies') && w.length > 4) return w.slice(0, -3) + 'y';
  if (/(?:ss|sh|ch|x|z)es$/.test(w)) return w.slice(0, -2);
  if (w.endsWith('s') && !/(?:ss|us|is)$/.test(w)) return w.slice(0, -1);
  return w;
}

const SUFFIXES: readonly [string, string][] = [
  ['ational', 'ate'],
  ['ization', 'ize'],
  ['ations', 'ate'],
  ['ation', 'ate'],
  ['ingly', ''],
  ['ings', ''],
  ['ing', ''],
  ['edly', ''],
  ['ed', ''],
  ['ers', ''],
  ['er', ''],
  ['ly', ''],
];

function suffix(w: string): string {
  for (const [end, put] of SUFFIXES) {
    if (!w.endsWith(end)) continue;
    const base = w.slice(0, -end.length);
    // Keep a vowel in what remains, and enough of it to mean something ("bring", "red", "user" stay words).
    if (base.length + put.length < MIN_STEM || !/[aeiouy]/.test(base)) return w;
    return base + put;
  }
  return w;
}
