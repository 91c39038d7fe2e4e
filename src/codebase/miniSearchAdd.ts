/**
 * Adds documents to a MiniSearch index as its own `add` does, at less cost. MiniSearch tokenizes each field
 * into an array of every occurrence, then looks each occurrence up in its radix tree and bumps the
 * document's count in the term's postings: a chunk that says `value` twelve times pays twelve lookups.
 * Here each field's terms are counted first (tokenize.ts countCodeTokens: no array of occurrences), then
 * each distinct term is looked up once and given its count. The index ends up the same (same terms in the
 * same order, same counts, same field lengths), so do its scores and its snapshot. The engine's internals
 * are a protected part MiniSearch leaves to subclasses (as miniSearchTerms.ts reads them); an engine whose
 * internals are not where MiniSearch 7 keeps them is given the documents through its own `addAll`.
 */
import type MiniSearch from 'minisearch';
import type { LexicalDoc } from './searchIndex';
import { countCodeTokens } from './tokenize';

type Postings = Map<number, Map<number, number>>;

interface Internals {
  _index: { fetch(term: string, initial: () => Postings): Postings };
  _fieldIds: Record<string, number>;
  _idToShortId: Map<unknown, number>;
  _documentCount: number;
  addDocumentId(id: unknown): number;
  saveStoredFields(shortId: number, doc: unknown): void;
  addFieldLength(shortId: number, fieldId: number, count: number, length: number): void;
}

/** The fields Fathom's engine indexes, in the order MiniSearch is given them (miniSearchIndex.ts OPTIONS). */
export const LEXICAL_FIELDS = ['names', 'path', 'body', 'params', 'crowdedPath'] as const;

const newPostings = (): Postings => new Map();

/**
 * Each engine's terms already looked up in its radix tree, with their postings, so a common word is not
 * looked up again for every chunk. Valid while the engine holds what the last addDocuments left
 * (`documents`): a removal (or any other change of the count) empties it first, because removing a
 * document (remove, or discard and then a vacuum) may take a term whose postings empty out of the tree.
 * A cached term's postings hold a document added since the cache was emptied, so they stay in the tree
 * until that document is removed, which changes the count.
 */
interface TermCache {
  documents: number;
  postings: Map<string, Postings>;
}
const termCaches = new WeakMap<object, TermCache>();
/** Terms remembered per engine (emptied when full: a large index's vocabulary runs to millions). */
export const TERM_CACHE_LIMIT = 100_000;

/**
 * Adds `docs` to `engine`, whose options must be Fathom's (fields LEXICAL_FIELDS tokenized by codeTokens,
 * terms kept as they come): the same index as `engine.addAll(docs)`.
 */
export function addDocuments(engine: MiniSearch<LexicalDoc>, docs: readonly LexicalDoc[]): void {
  const internals = engine as unknown as Internals;
  if (!hasInternals(internals)) {
    engine.addAll(docs as LexicalDoc[]);
    return;
  }
  let cache = termCaches.get(engine);
  if (cache?.documents !== engine.documentCount) termCaches.set(engine, (cache = { documents: engine.documentCount, postings: new Map() }));
  const known = cache.postings;
  // A file's chunks share their path: its terms are counted once per call, not once per chunk.
  const last = LEXICAL_FIELDS.map(() => ({ value: undefined as string | undefined, counts: new Map<string, number>() }));
  for (const doc of docs) {
    if (doc.id == null) throw new Error('MiniSearch: document does not have ID field "id"');
    if (internals._idToShortId.has(doc.id)) throw new Error(`MiniSearch: duplicate ID ${doc.id}`);
    const shortId = internals.addDocumentId(doc.id);
    internals.saveStoredFields(shortId, doc);
    for (let f = 0; f < LEXICAL_FIELDS.length; f++) {
      const field = LEXICAL_FIELDS[f];
      const value = doc[field] as string | undefined | null;
      if (value == null) continue;
      const memo = last[f];
      if (memo.value !== value) {
        memo.counts.clear();
        countCodeTokens(String(value), memo.counts);
        memo.value = value;
      }
      const fieldId = internals._fieldIds[field];
      internals.addFieldLength(shortId, fieldId, internals._documentCount - 1, memo.counts.size);
      // Each distinct term once, for a document just numbered: its count is set, never added to.
      memo.counts.forEach((count, term) => {
        // MiniSearch skips empty terms (its processTerm's falsy results) but counts them in the field's length.
        if (!term) return;
        let postings = known.get(term);
        if (postings === undefined) {
          postings = internals._index.fetch(term, newPostings);
          if (known.size >= TERM_CACHE_LIMIT) known.clear();
          known.set(term, postings);
        }
        const inField = postings.get(fieldId);
        if (inField === undefined) postings.set(fieldId, new Map([[shortId, count]]));
        else inField.set(shortId, count);
      });
    }
  }
  cache.documents = engine.documentCount;
}

/** How many terms addDocuments remembers for `engine` (for tests). */
export function cachedTerms(engine: MiniSearch<LexicalDoc>): number {
  return termCaches.get(engine)?.postings.size ?? 0;
}

function hasInternals(engine: Internals): boolean {
  return (
    typeof engine._index?.fetch === 'function' &&
    typeof engine._fieldIds === 'object' &&
    engine._idToShortId instanceof Map &&
    typeof engine._documentCount === 'number' &&
    typeof engine.addDocumentId === 'function' &&
    typeof engine.saveStoredFields === 'function' &&
    typeof engine.addFieldLength === 'function' &&
    LEXICAL_FIELDS.every((f) => typeof engine._fieldIds[f] === 'number')
  );
}
