/**
 * SearchIndex on MiniSearch (https://github.com/lucaong/minisearch): an embedded, dependency-free
 * full-text engine with BM25+ ranking, per-field boosts, removal and JSON snapshots. Fathom gives it its
 * own tokenizer (tokenize.ts: identifiers split and stemmed; stop words dropped from queries) and weights
 * a chunk's names above its path and body. Exact terms only (no fuzzy or prefix matching): stemming
 * already folds word forms, and fuzzy matching costs time and precision on code.
 */
import MiniSearch, { type Options, type SearchOptions } from 'minisearch';
import type { LexicalDoc, LexicalHit, SearchIndex } from './searchIndex';
import { codeTokens, queryTokens } from './tokenize';

/**
 * How much a query word found in each field counts: names decide most, the path a little, the body breaks
 * ties. Tuned on the search benchmark's development sets (bench/search.ts): names 1 → 4 raised recall@10
 * by 2–9 points, path 1 → 2 by about one.
 */
export const FIELD_BOOSTS = { names: 4, path: 2, body: 1 } as const;
/**
 * BM25+ parameters: k and d are the library's defaults; b (length normalization) 0.9 instead of 0.7,
 * because a long function that merely mentions a word is rarely what a question describes.
 */
const BM25 = { k: 1.2, b: 0.9, d: 0.5 };

const identity = (term: string) => term;
/** Terms already normalized, joined by spaces, split back. */
const splitTerms = (terms: string) => terms.split(' ');
/** Indexes smaller than this are searched whole (a query costs a few milliseconds there). */
const NARROW_FROM_DOCS = 20_000;
/** A word held by more than this share of all chunks is common: it ranks, but does not select, chunks. */
/**
 * A word held by more than this share of all chunks is common: it ranks, but does not select, chunks.
 * On the development sets, narrowing at 5% kept recall@10 within 2.4 points (at 2%: up to 10 points lost).
 */
const COMMON_SHARE = 0.05;
const SEARCH: SearchOptions = {
  boost: { ...FIELD_BOOSTS },
  combineWith: 'OR',
  prefix: false,
  fuzzy: false,
  bm25: BM25,
  tokenize: queryTokens,
  processTerm: identity,
};
const OPTIONS: Options<LexicalDoc> = {
  idField: 'id',
  fields: ['names', 'path', 'body'],
  storeFields: ['weight'],
  tokenize: codeTokens,
  processTerm: identity,
  searchOptions: SEARCH,
  // Removals are compacted in the background as they pile up (the library's defaults).
  autoVacuum: true,
};

export class MiniSearchIndex implements SearchIndex {
  private constructor(
    private readonly engine: MiniSearch<LexicalDoc>,
    /** From how many documents on a query is narrowed to the chunks with its rarer words. */
    private readonly narrowFromDocs: number,
  ) {}

  static create(narrowFromDocs = NARROW_FROM_DOCS): MiniSearchIndex {
    return new MiniSearchIndex(new MiniSearch(OPTIONS), narrowFromDocs);
  }

  /** An index from a `serialize()` snapshot. */
  static restore(snapshot: unknown, narrowFromDocs = NARROW_FROM_DOCS): MiniSearchIndex {
    return new MiniSearchIndex(MiniSearch.loadJS(snapshot as ReturnType<MiniSearch['toJSON']>, OPTIONS), narrowFromDocs);
  }

  get size(): number {
    return this.engine.documentCount;
  }

  add(docs: readonly LexicalDoc[]): void {
    this.engine.addAll(docs);
  }

  remove(ids: readonly number[]): void {
    for (const id of ids) if (this.engine.has(id)) this.engine.discard(id);
  }

  search(query: string, limit: number): LexicalHit[] {
    const narrowed = this.narrowed(query);
    const hits = this.engine.search(query, {
      boostDocument: (id, _term, stored) => (narrowed && !narrowed.has(id as number) ? 0 : ((stored?.weight as number | undefined) ?? 1)),
    });
    return hits.slice(0, limit).map((h) => ({ id: h.id as number, score: h.score }));
  }

  /**
   * In a large index a query's common words (`value`, `name`) match a good share of all chunks, and the
   * engine builds a result for every chunk matched: hundreds of milliseconds. Chunks that match none of
   * the query's rarer words would rank low anyway, so the full query is scored only over those that do.
   */
  private narrowed(query: string): Set<number> | undefined {
    const count = this.engine.documentCount;
    if (count < this.narrowFromDocs) return undefined;
    const terms = [...new Set(queryTokens(query))];
    const rare = terms.filter((t) => this.documentFrequency(t) <= count * COMMON_SHARE);
    if (rare.length === 0 || rare.length === terms.length) return undefined;
    return new Set(this.engine.search(rare.join(' '), { tokenize: splitTerms }).map((h) => h.id as number));
  }

  /**
   * How many chunks hold `term` (in the field where most do). MiniSearch has no public call for it: this
   * reads its term index, and counts 0 (nothing is narrowed) if a later version stores it differently.
   */
  private documentFrequency(term: string): number {
    const index = (this.engine as unknown as { _index?: { get?: (t: string) => unknown } })._index;
    const data = typeof index?.get === 'function' ? index.get(term) : undefined;
    if (!(data instanceof Map)) return 0;
    let most = 0;
    for (const docs of data.values()) if (docs instanceof Map && docs.size > most) most = docs.size;
    return most;
  }

  serialize(): unknown {
    return this.engine.toJSON();
  }
}
