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
  storeFields: [],
  tokenize: codeTokens,
  processTerm: identity,
  searchOptions: SEARCH,
  // Removals are compacted in the background as they pile up (the library's defaults).
  autoVacuum: true,
};

export class MiniSearchIndex implements SearchIndex {
  private constructor(private readonly engine: MiniSearch<LexicalDoc>) {}

  static create(): MiniSearchIndex {
    return new MiniSearchIndex(new MiniSearch(OPTIONS));
  }

  /** An index from a `serialize()` snapshot. */
  static restore(snapshot: unknown): MiniSearchIndex {
    return new MiniSearchIndex(MiniSearch.loadJS(snapshot as ReturnType<MiniSearch['toJSON']>, OPTIONS));
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
    const hits = this.engine.search(query);
    return hits.slice(0, limit).map((h) => ({ id: h.id as number, score: h.score }));
  }

  serialize(): unknown {
    return this.engine.toJSON();
  }
}
