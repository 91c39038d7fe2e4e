/**
 * SearchIndex on MiniSearch (https://github.com/lucaong/minisearch): an embedded, dependency-free
 * full-text engine with BM25+ ranking, per-field boosts, removal and JSON snapshots. Fathom gives it its
 * own tokenizer (tokenize.ts: identifiers split and stemmed; stop words dropped from queries) and weights
 * a chunk's names above its path and body. Exact terms only (no fuzzy or prefix matching): stemming
 * already folds word forms, and fuzzy matching costs time and precision on code.
 */
import MiniSearch, { type Options, type SearchOptions } from 'minisearch';
import type { LexicalDoc, LexicalHit, SearchIndex } from './searchIndex';
import { JSON_PIECES } from './jsonStream';
import { addDocuments, LEXICAL_FIELDS } from './miniSearchAdd';
import { miniSearchJson } from './miniSearchJson';
import { frequentTerms } from './miniSearchTerms';
import { codeTokens, queryTokens, queryWords } from './tokenize';

/**
 * How much a query word found in each field counts: names decide most, the path and a function's parameters
 * a little, the body breaks ties. Tuned on the search benchmark's development sets (bench/search.ts): names
 * 1 → 4 raised recall@10 by 2–9 points, path 1 → 2 by about one. Parameters (which are in the body too) as
 * a field of their own at 2 raised recall@10 on every set (TypeScript 84.4 → 85.1, JavaScript 85.0 → 85.6,
 * Python 70.8 → 71.2, held-out Python packages 72.0 → 74.2); 1.5 gained less on the held-out set (73.2), 3
 * lost on TypeScript and Python (84.6, 70.6). The path of a crowded file (more than 20 chunks) counts half
 * (crowdedPath): recall@10 on Python 72.8 → 73.6, the held-out packages 75.2 → 76.4, TypeScript and JavaScript
 * level; a path boost of 1 for every file had cost TypeScript 0.7. (FTS5 reads crowdedPath as a path.)
 */
export const FIELD_BOOSTS = { names: 4, path: 2, crowdedPath: 1, body: 1, params: 2 } as const;
/**
 * BM25 parameters: k is the library's default; b (length normalization) 0.9 instead of 0.7, because a long
 * function that merely mentions a word is rarely what a question describes. d, BM25+'s floor for a word found
 * in a long chunk, is 0 (plain BM25) instead of 0.5 for the same reason: the floor lifted long chunks that hold
 * many of a question's common words. d 0.5 → 0 raised recall@10 on every development set (+0.4 TypeScript,
 * +0.2 JavaScript, +0.6 Python).
 */
const BM25 = { k: 1.2, b: 0.9, d: 0 };
/**
 * A chunk's summed word scores are multiplied by its coverage of the query (the words it matched, each
 * weighted by rarity: coverageWeights) raised to this power. MiniSearch's own OR multiplies by the count of
 * words matched (every word 1, power 1), which lifts long chunks holding many of a question's common words.
 * Weighting by rarity raised recall@10 by 2.8 points on Python and 1.6 on JavaScript, with the name
 * coverage re-rank (nameCoverage.ts); the power 0.8 instead of 1 kept TypeScript's (+0.3 instead of -0.8).
 */
export const COVERAGE_EXPONENT = 0.8;

/**
 * A word looked up in names only (queryWords' nameWords, `before` in "Insert the node before the reference", and
 * truncations, `ident` for "identifier") is looked up under this prefix: a key no real term can be (terms are
 * letters and digits).
 */
const NAMES_ONLY = '\u0001';
/**
 * A name word's match counts this share of an ordinary word's match in names. 0.5 raised recall@1 on every
 * development set (TypeScript +0.6, JavaScript +1.2, Python +0.6, held-out +0.4) and recall@10 by 0.2 to 0.4
 * points; 1 and 2 raised recall@1 less and lowered recall@10.
 */
const NAME_WORD_BOOST = 0.5;
/**
 * A truncation's match counts as an ordinary word's match in names. 1 raised held-out recall@10 most (+1.2,
 * against +0.4 at 0.25 and +0.8 at 0.5) and Python's as much as any (+0.4); 2 lowered Python's by 1.0.
 */
const TRUNCATION_BOOST = 1;

const identity = (term: string) => term;
/** Terms already normalized, joined by spaces, split back. */
const splitTerms = (terms: string) => terms.split(' ');
/** A chunk's stored weight (1 when it has none). */
const weightOf = (stored: Record<string, unknown> | undefined) => (stored?.weight as number | undefined) ?? 1;
/**
 * Hits kept in the per-word cache, over all words (12 bytes each: 48 MB at most). Large enough for a
 * 10,000-file tree's common words (warm) beside the rarer words queries ask about.
 */
const CACHED_HITS = 4_000_000;
/** Share of the cache warm() may fill with common words, leaving room for the rarer words of queries. */
const WARM_SHARE = 0.75;
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
  fields: [...LEXICAL_FIELDS],
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
  /** How many chunks hold each word asked about (docFrequency), until the index changes. */
  private readonly frequencies = new Map<string, number>();
  private stamps: Uint32Array = new Uint32Array(0);
  private stamp = 0;
  /** Counts the index's changes: a warm() that sees it move stops. */
  private generation = 0;
  private sums = new Float64Array(0);
  private covered = new Float64Array(0);

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
    // The same index as this.engine.addAll(docs), each chunk's distinct words looked up once (miniSearchAdd.ts).
    addDocuments(this.engine, docs);
  }

  remove(ids: readonly number[]): void {
    if (ids.length) this.forget();
    for (const id of ids) if (this.engine.has(id)) this.engine.discard(id);
  }

  /**
   * Prepares the answers of the index's common words (the most frequent first, within the cache's warm
   * share), so that a query never waits for one: for idle time after a build. Each word costs one full
   * search; `pause` between words lets queued work (a search) run first. Returns how many were prepared.
   */
  async warm(pause: () => Promise<void> = () => Promise.resolve()): Promise<number> {
    const count = this.engine.documentCount;
    if (count < this.narrowFromDocs) return 0;
    const generation = this.generation;
    let warmed = 0;
    for (const term of frequentTerms(this.engine, Math.floor(count * COMMON_SHARE) + 1)) {
      // The index changed meanwhile: the words' answers are forgotten, and the next idle time starts again.
      if (this.generation !== generation) break;
      if (!this.cache.has(term)) {
        if (this.cachedHits + this.docFrequency(term) > CACHED_HITS * WARM_SHARE) break;
        this.termHits(term);
      }
      warmed++;
      await pause();
    }
    return warmed;
  }

  /** Any change to the documents changes every word's scores (BM25 counts documents and lengths). */
  private forget(): void {
    this.cache.clear();
    this.cachedHits = 0;
    this.frequencies.clear();
    this.generation++;
  }

  /**
   * The engine answers each distinct query word on its own (remembered until the index changes: termHits),
   * and the answers are combined much as MiniSearch's own OR does: scores added (a repeated word counts each
   * time), the sum multiplied by how much of the query a chunk matched, each word counted by its rarity
   * (coverage: MiniSearch counts every word as one). A common word (`value`, `name`) is scored once,
   * not on every query: a search builds, merges and sorts a result per chunk matched, for such a word most
   * chunks. In a large index a common word next to rarer ones is only scored on the rarer words' chunks
   * (narrowedHits), so it never costs a result per chunk holding it.
   */
  search(query: string, limit: number): LexicalHit[] {
    // How much each looked-up key counts: a repeated word once per time, a names-only lookup its share.
    const factors = new Map<string, number>();
    const { terms, nameWords, truncations } = queryWords(query);
    for (const term of terms) factors.set(term, (factors.get(term) ?? 0) + 1);
    for (const word of nameWords) factors.set(NAMES_ONLY + word, (factors.get(NAMES_ONLY + word) ?? 0) + NAME_WORD_BOOST);
    for (const part of truncations) factors.set(NAMES_ONLY + part, Math.max(factors.get(NAMES_ONLY + part) ?? 0, TRUNCATION_BOOST));
    const perTerm = this.answers([...factors.keys()]);
    // Sums in arrays indexed by chunk id (kept between queries, cleared where touched): no map per query.
    const { sums, covered } = this.scratchFor(perTerm);
    const weights = this.coverageWeights([...factors.keys()]);
    const touched: number[] = [];
    for (const [term, factor] of factors) {
      const hits = perTerm.get(term) as TermHits;
      const weight = weights.get(term) as number;
      for (let i = 0; i < hits.ids.length; i++) {
        const id = hits.ids[i];
        // Every word with hits weighs more than 0: a chunk not yet covered is not yet touched.
        if (covered[id] === 0) touched.push(id);
        sums[id] += factor * hits.scores[i];
        covered[id] += weight;
      }
    }
    // A chunk's coverage is a sum of a few words' weights: its power is computed once per distinct value.
    const powers = new Map<number, number>();
    const scores = Float64Array.from(touched, (id) => {
      const c = covered[id];
      let power = powers.get(c);
      if (power === undefined) powers.set(c, (power = c ** COVERAGE_EXPONENT));
      return sums[id] * power;
    });
    for (const id of touched) {
      sums[id] = 0;
      covered[id] = 0;
    }
    // Only chunks scoring at least the limit-th best score are sorted (a typed array's numeric sort finds it).
    const floor = scores.length > limit ? new Float64Array(scores).sort()[scores.length - limit] : -Infinity;
    const ranked: LexicalHit[] = [];
    for (let i = 0; i < touched.length; i++) if (scores[i] >= floor) ranked.push({ id: touched[i], score: scores[i] });
    return ranked.sort((a, b) => b.score - a.score || a.id - b.id).slice(0, limit);
  }

  /**
   * Each word's hits for one query. In a large index the query's common words (held by more than
   * COMMON_SHARE of all chunks) rank, but do not select: chunks that match none of its rarer words would
   * rank low anyway, so a common word is scored only on the chunks the rarer words found. Its document
   * frequency is read first (docFrequency), so deciding costs no full result of the common word.
   */
  private answers(terms: readonly string[]): Map<string, TermHits> {
    const count = this.engine.documentCount;
    const common = count < this.narrowFromDocs ? [] : terms.filter((t) => this.docFrequency(t) > count * COMMON_SHARE);
    const answers = new Map<string, TermHits>();
    if (common.length === 0 || common.length === terms.length) {
      for (const term of terms) answers.set(term, this.termHits(term));
      return answers;
    }
    // The narrowed chunks, marked in an array indexed by chunk id (no set of tens of thousands of ids per query).
    const mark = ++this.stamp;
    for (const term of terms) {
      if (common.includes(term)) continue;
      const hits = this.termHits(term);
      answers.set(term, hits);
      for (const id of hits.ids) {
        if (id >= this.stamps.length) this.stamps = grown(this.stamps, id + 1);
        this.stamps[id] = mark;
      }
    }
    const stamps = this.stamps;
    const narrowed = (id: number) => id < stamps.length && stamps[id] === mark;
    for (const term of common) answers.set(term, this.narrowedHits(term, narrowed));
    return answers;
  }

  /** Scratch arrays long enough for every id in `perTerm`. */
  private scratchFor(perTerm: ReadonlyMap<string, TermHits>): { sums: Float64Array; covered: Float64Array } {
    let top = 0;
    for (const hits of perTerm.values()) for (const id of hits.ids) if (id > top) top = id;
    if (top >= this.sums.length) {
      const length = Math.max(top + 1, this.sums.length * 2);
      this.sums = new Float64Array(length);
      this.covered = new Float64Array(length);
    }
    return { sums: this.sums, covered: this.covered };
  }

  /**
   * How much matching each query word counts towards a chunk's coverage of the query: its rarity (BM25's
   * inverse document frequency) over the rarest indexed query word's, so the rarest counts 1 and a word most
   * chunks hold little. Matching "object" and "true" besides a question's subject no longer doubles a chunk's
   * score as matching the subject's other rare word does. Read from each word's document frequency (known:
   * answers() fetched or counted it).
   */
  private coverageWeights(terms: readonly string[]): Map<string, number> {
    const count = this.engine.documentCount;
    const rarity = terms.map((t) => {
      const frequency = this.docFrequency(t);
      return frequency === 0 ? 0 : Math.log(1 + (count - frequency + 0.5) / (frequency + 0.5));
    });
    const rarest = Math.max(...rarity);
    return new Map(terms.map((t, i) => [t, rarest > 0 ? rarity[i] / rarest : 1]));
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
    const hits = this.engineHits(term, (_id, _term, stored) => weightOf(stored));
    this.cache.set(term, hits);
    this.cachedHits += hits.ids.length;
    for (const [old, oldHits] of this.cache) {
      if (this.cachedHits <= CACHED_HITS || old === term) break;
      this.cache.delete(old);
      this.cachedHits -= oldHits.ids.length;
    }
    return hits;
  }

  /**
   * `term`'s hits among `narrowed` chunks only. A document boost of 0 makes MiniSearch skip a chunk before
   * it builds a result for it, and leaves the word's document frequency (hence every kept chunk's score)
   * as a full search computes it.
   */
  private narrowedHits(term: string, narrowed: (id: number) => boolean): TermHits {
    const cached = this.cache.get(term);
    if (cached) return filterHits(cached, narrowed);
    return this.engineHits(term, (id, _term, stored) => (narrowed(id as number) ? weightOf(stored) : 0));
  }

  /** How many chunks hold `term`: counted by a search that keeps no chunk (every boost 0), remembered until the index changes. */
  private docFrequency(term: string): number {
    // A name word is counted as a word half the chunks hold: it ranks, but selects no chunk in a large index,
    // and weighs little in a chunk's coverage of the question.
    if (term.startsWith(NAMES_ONLY)) return this.engine.documentCount / 2;
    const known = this.cache.get(term)?.ids.length ?? this.frequencies.get(term);
    if (known !== undefined) return known;
    // A chunk holding the word in several fields is visited once per field: counted once, by a stamp per id.
    this.stamp++;
    let frequency = 0;
    this.engine.search(term, {
      tokenize: splitTerms,
      boostDocument: (id) => {
        const n = id as number;
        if (n >= this.stamps.length) this.stamps = grown(this.stamps, n + 1);
        if (this.stamps[n] !== this.stamp) {
          this.stamps[n] = this.stamp;
          frequency++;
        }
        return 0;
      },
    });
    this.frequencies.set(term, frequency);
    return frequency;
  }

  private engineHits(term: string, boostDocument: SearchOptions['boostDocument']): TermHits {
    const found = term.startsWith(NAMES_ONLY)
      ? this.engine.search(term.slice(NAMES_ONLY.length), { fields: ['names'], boost: { names: FIELD_BOOSTS.names }, tokenize: splitTerms, boostDocument })
      : this.engine.search(term, { tokenize: splitTerms, boostDocument });
    const hits: TermHits = { ids: new Uint32Array(found.length), scores: new Float64Array(found.length) };
    for (let i = 0; i < found.length; i++) {
      hits.ids[i] = found[i].id as number;
      hits.scores[i] = found[i].score;
    }
    return hits;
  }

  /**
   * MiniSearch's own snapshot: JSON.stringify reads it through toJSON(); writeJsonFile writes it straight
   * from the engine's maps (miniSearchJson.ts), without building the whole object first.
   */
  serialize(): unknown {
    const engine = this.engine;
    return { toJSON: () => engine.toJSON(), [JSON_PIECES]: () => miniSearchJson(engine) };
  }
}

/** The hits of `hits` whose chunk is in `kept`, in the same order. */
function filterHits(hits: TermHits, kept: (id: number) => boolean): TermHits {
  const at: number[] = [];
  for (let i = 0; i < hits.ids.length; i++) if (kept(hits.ids[i])) at.push(i);
  return { ids: Uint32Array.from(at, (i) => hits.ids[i]), scores: Float64Array.from(at, (i) => hits.scores[i]) };
}

/** A copy of `array` at least `length` long (doubling, so growth costs little over many calls). */
function grown(array: Uint32Array, length: number): Uint32Array {
  const next = new Uint32Array(Math.max(length, array.length * 2));
  next.set(array);
  return next;
}
