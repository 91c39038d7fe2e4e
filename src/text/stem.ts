/**
 * A light English stemmer for search terms: folds plurals and the common -ing / -ed / -er / -ly / -ation
 * endings so "parses", "parsing", "parsed" and "parser" meet at "pars", without making one word of two
 * (`note` and `not`, `fill` and `file`). Deliberately conservative (the full Porter algorithm conflates too
 * many short identifiers); the same function runs on code and queries, so whatever it does to one it does
 * to the other.
 */
import { boundedMemo } from './boundedMemo';

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
  const whole = w;
  w = suffix(w);
  if (/([bdfgkmnprtz])\1$/.test(w) && w.length > MIN_STEM) {
    // A doubled final consonant left by -ing / -ed (running → runn → run) or -er (getter → gett → get).
    w = w.slice(0, -1);
  } else if (w.endsWith('ll') && w.length >= MIN_LL_FOLD) {
    // A doubled l only on a longer word (controlled → controll → control): `fill` stays, or it would be `file`.
    w = w.slice(0, -1);
  } else if (w !== whole && keepsFinalE(w)) {
    // What -ing / -ed / -er left of a verb that keeps its e (coding → cod → code, naming → nam → name).
    w += 'e';
  }
  // "parse" / "pars", "create" / "creat": a final silent e goes, so the verb and its -ing form meet, except
  // where its stem is a word of its own (note / not, state / stat, mode / mod, none / non, file / fil).
  if (w.endsWith('e') && w.length > MIN_STEM && !keepsFinalE(w.slice(0, -1))) w = w.slice(0, -1);
  return w;
}

/** A doubled final l is folded only from this length on. */
const MIN_LL_FOLD = 6;

/**
 * Porter's rule for a final e: a short stem of one consonant-vowel-consonant ending (m = 1, and not ending
 * in w, x or y: `not`, `stat`, `cod`, `nam`) keeps it; `creat`, `pars`, `valu` and longer stems drop it.
 */
function keepsFinalE(stem: string): boolean {
  const n = stem.length;
  return n >= 3 && measure(stem) === 1 && !vowelAt(stem, n - 1) && !/[wxy]/.test(stem[n - 1]) && vowelAt(stem, n - 2) && !vowelAt(stem, n - 3);
}

/** Porter's measure: how many vowel-consonant sequences a stem has (`tr` 0, `not` 1, `creat` 1, `pars` 1, `remov` 2). */
function measure(stem: string): number {
  let m = 0;
  for (let i = 1; i < stem.length; i++) if (!vowelAt(stem, i) && vowelAt(stem, i - 1)) m++;
  return m;
}

/** Porter's vowels: a, e, i, o, u, and y after a consonant (`type`, `fly`). */
function vowelAt(word: string, i: number): boolean {
  const c = word[i];
  return 'aeiou'.includes(c) || (c === 'y' && i > 0 && !'aeiou'.includes(word[i - 1]));
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
