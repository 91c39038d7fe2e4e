/**
 * The words a MiniSearch index holds in the most documents, most first, read from the engine's own term
 * map (a protected member MiniSearch leaves to subclasses, as miniSearchJson.ts does). A word's count is
 * the largest number of documents holding it in any one field: exact for a word found only in bodies,
 * a little low for one found in several fields, which is all a choice of words to prepare needs.
 */
import type MiniSearch from 'minisearch';

interface Internals {
  _index?: Iterable<[string, Map<number, Map<number, unknown>>]>;
}

/** Words held by at least `minDocs` documents, most documents first (none when the term map is not where MiniSearch 7 keeps it). */
export function frequentTerms<T>(engine: MiniSearch<T>, minDocs: number): string[] {
  const index = (engine as unknown as Internals)._index;
  if (!index || typeof index[Symbol.iterator] !== 'function') return [];
  const found: Array<{ term: string; docs: number }> = [];
  for (const [term, fields] of index) {
    let docs = 0;
    for (const postings of fields.values()) docs = Math.max(docs, postings.size);
    if (docs >= minDocs) found.push({ term, docs });
  }
  return found.sort((a, b) => b.docs - a.docs || (a.term < b.term ? -1 : 1)).map((f) => f.term);
}
