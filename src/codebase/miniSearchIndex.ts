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
 * BM25 parameters: k is the library's default; b (length normalization) 0.9 instead of 0.7, because a long
 * function that merely mentions a word is rarely what a question describes. d, BM25+'s floor for a word found
 * in a long chunk, is 0 (plain BM25) instead of 0.5 for the same reason: the floor lifted long chunks that hold
 * many of a question's common words. d 0.5 → 0 raised recall@10 on every development set (+0.4 TypeScript,
 * +0.2 JavaScript, +0.6 Python).
 */
const BM25 = { k: 1.2, b: 0.9, d: 0 };

const identity = (term: string) => term;
/** Terms already normalized, joined by spaces, split back. */
const splitTerms = (terms: string) => terms.split(' ');
/** A chunk's stored weight (1 when it has none). */
const weightOf = (stored: Record<string, unknown> | undefined) => (stored?.weight as number | undefined) ?? 1;
/** Hits kept in the per-word cache, over all words (12 bytes each: 12 MB at most). */
const CACHED_HITS = 1_000_000;
/** Indexes smaller than this are searched whole (a query costs a few milliseconds there). */
const NARROW_FROM_DOCS = 20_000;
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

/** One word's answer: the chunks holding it and their scores, best first. */
interface TermHits {
  ids: Uint32Array;
  scores: Float64Array;
}

export class MiniSearchIndex implements SearchIndex {
  /** Words' answers, least recently used first. */
  private readonly cache = new Map<string, TermHits>();
  private cachedHits = 0;
  private sums = new Float64Array(0);
  private matched = new Uint16Array(0);

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
    if (docs.length) this.forget();
    this.engine.addAll(docs);
  }

  remove(ids: readonly number[]): void {
    if (ids.length) this.forget();
    for (const id of ids) if (this.engine.has(id)) this.engine.discard(id);
  }

  /** Any change to the documents changes every word's scores (BM25 counts documents and lengths). */
  private forget(): void {
    this.cache.clear();
    this.cachedHits = 0;
  }

  /**
   * The engine answers each distinct query word on its own (remembered until the index changes: termHits),
   * and the answers are combined as MiniSearch's own OR does: scores added (a repeated word counts each
   * time), the sum multiplied by how many of the query's words a chunk matched. Same scores as one search of
   * the whole query (equal scores ordered by chunk id), but a common word (`value`, `name`) is scored once,
   * not on every query: a search builds, merges and sorts a result per chunk matched, for such a word most
   * chunks. A word not seen since the index last changed still costs one such search.
   */
  search(query: string, limit: number): LexicalHit[] {
    const counts = new Map<string, number>();
    for (const term of queryTokens(query)) counts.set(term, (counts.get(term) ?? 0) + 1);
    const perTerm = [...counts].map(([term, times]) => ({ hits: this.termHits(term), times }));
    const narrowed = this.narrowed(perTerm.map((t) => t.hits));
    // Sums in arrays indexed by chunk id (kept between queries, cleared where touched): no map per query.
    const { sums, matched } = this.scratchFor(perTerm);
    const touched: number[] = [];
    for (const { hits, times } of perTerm) {
      for (let i = 0; i < hits.ids.length; i++) {
        const id = hits.ids[i];
        if (narrowed && !narrowed.has(id)) continue;
        if (matched[id] === 0) touched.push(id);
        sums[id] += times * hits.scores[i];
        matched[id]++;
      }
    }
    const ranked = touched.map((id) => ({ id, score: sums[id] * matched[id] }));
    for (const id of touched) {
      sums[id] = 0;
      matched[id] = 0;
    }
    return ranked.sort((a, b) => b.score - a.score || a.id - b.id).slice(0, limit);
  }

  /** Scratch arrays long enough for every id in `perTerm`. */
  private scratchFor(perTerm: readonly { hits: TermHits }[]): { sums: Float64Array; matched: Uint16Array } {
    let top = 0;
    for (const { hits } of perTerm) for (const id of hits.ids) if (id > top) top = id;
    if (top >= this.sums.length) {
      const length = Math.max(top + 1, this.sums.length * 2);
      this.sums = new Float64Array(length);
      this.matched = new Uint16Array(length);
    }
    return { sums: this.sums, matched: this.matched };
  }

  /** Every chunk holding `term` with its score for that word alone (document weight included), from the cache or the engine. */
  private termHits(term: string): TermHits {
    const cached = this.cache.get(term);
    if (cached) {
      // Most recently used last: eviction takes the oldest first.
      this.cache.delete(term);
      this.cache.set(term, cached);
      return cached;
    }
    const found = this.engine.search(term, { tokenize: splitTerms, boostDocument: (_id, _term, stored) => weightOf(stored) });
    const hits: TermHits = { ids: new Uint32Array(found.length), scores: new Float64Array(found.length) };
    for (let i = 0; i < found.length; i++) {
      hits.ids[i] = found[i].id as number;
      hits.scores[i] = found[i].score;
    }
    this.cache.set(term, hits);
    this.cachedHits += found.length;
    for (const [old, oldHits] of this.cache) {
      if (this.cachedHits <= CACHED_HITS || old === term) break;
      this.cache.delete(old);
      this.cachedHits -= oldHits.ids.length;
    }
    return hits;
  }

  /**
   * In a large index a query's common words (`value`, `name`) match a good share of all chunks. Chunks that
   * match none of the query's rarer words would rank low anyway, so the query ranks only those that do
   * (undefined: all chunks matched).
   */
  private narrowed(perTerm: readonly TermHits[]): Set<number> | undefined {
    const count = this.engine.documentCount;
    if (count < this.narrowFromDocs) return undefined;
    const rare = perTerm.filter((hits) => hits.ids.length <= count * COMMON_SHARE);
    if (rare.length === 0 || rare.length === perTerm.length) return undefined;
    const narrowed = new Set<number>();
    for (const hits of rare) for (const id of hits.ids) narrowed.add(id);
    return narrowed;
  }

  serialize(): unknown {
    return this.engine.toJSON();
  }
}
