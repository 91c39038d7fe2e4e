/**
 * Vocabulary overlap between a definition and the code around the cursor, on word parts
 * (`_get_event_loop` → get, event, loop; `TimerHandle` → timer, handle). The code being written
 * tends to share words with the API it calls (`coro`, `future` near `ensure_future(coro_or_future)`),
 * so this ranks the members of an imported module when the cursor does not name one yet.
 */

import { stem } from '../../text/stem';

/** Word parts too common to tell definitions apart. */
const STOP = new Set([
  'self', 'this', 'cls', 'none', 'null', 'undefined', 'true', 'false', 'return', 'def', 'class', 'function', 'const',
  'let', 'var', 'new', 'if', 'else', 'for', 'while', 'in', 'of', 'is', 'not', 'and', 'or', 'import', 'from', 'export',
  'async', 'await', 'static', 'public', 'private', 'protected', 'void', 'int', 'str', 'string', 'number', 'bool',
  'boolean', 'any', 'object', 'type', 'get', 'set', 'pass', 'raise', 'try', 'except', 'with', 'as', 'to', 'a', 'the',
  'args', 'kwargs', 'value', 'x', 'i', 'e',
]);

/** Lowercase word parts of the identifiers in `text`, without the most common ones, stemmed as the codebase index stems them (`handler` meets `handle`, `tasks` meets `task`). */
export function wordParts(text: string): Set<string> {
  const words = new Set<string>();
  for (const m of text.matchAll(/[A-Za-z_$][\w$]*/g)) {
    for (const part of m[0].split(/[_$\d]+|(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])/)) {
      const w = part.toLowerCase();
      if (w.length > 1 && !STOP.has(w)) words.add(stem(w));
    }
  }
  return words;
}

/**
 * How much of a definition's vocabulary the cursor's neighbourhood uses, 0..1: the share of its
 * words' weight found near the cursor (`weight` gives rare words more, e.g. inverse document
 * frequency within the definition's module), damped when only one or two words are shared.
 */
export function vocabularyOverlap(definition: ReadonlySet<string>, near: ReadonlySet<string>, weight: (word: string) => number = () => 1): number {
  return weightedOverlap(weighWords(definition, weight), near);
}

/** A definition's words with their weights and the weights' total: what the overlap needs that the cursor does not change. */
export interface WeightedWords {
  words: readonly string[];
  weights: readonly number[];
  total: number;
}

/** The words of `definition` weighed once (in the set's order), for weightedOverlap on every request. */
export function weighWords(definition: ReadonlySet<string>, weight: (word: string) => number = () => 1): WeightedWords {
  const words: string[] = [];
  const weights: number[] = [];
  let total = 0;
  for (const w of definition) {
    const x = weight(w);
    words.push(w);
    weights.push(x);
    total += x;
  }
  return { words, weights, total };
}

/** vocabularyOverlap of words weighed beforehand (the same sums, in the same order, so the same number). */
export function weightedOverlap(definition: WeightedWords, near: ReadonlySet<string>): number {
  const { words, weights, total } = definition;
  let found = 0;
  let shared = 0;
  for (let i = 0; i < words.length; i++) {
    if (near.has(words[i])) {
      found += weights[i];
      shared++;
    }
  }
  return total === 0 ? 0 : (found / total) * (shared / (shared + 1));
}

/** Inverse document frequency of each word over a set of word sets (a module's definitions). */
export function inverseFrequencies(documents: readonly ReadonlySet<string>[]): (word: string) => number {
  const df = new Map<string, number>();
  for (const d of documents) for (const w of d) df.set(w, (df.get(w) ?? 0) + 1);
  const n = documents.length;
  return (word) => Math.log(1 + n / (df.get(word) ?? 1));
}
