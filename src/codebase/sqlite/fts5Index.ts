/**
 * SearchIndex (searchIndex.ts) on SQLite FTS5 in the root's index database, for trees too large for
 * MiniSearch in memory (bench/FTS5-SPIKE.md measured it). Fields reach SQLite already tokenized by Fathom
 * (tokenize.ts codeTokens / queryTokens), joined by spaces; FTS5's unicode61 tokenizer (no diacritics
 * folding) passes those terms through unchanged. The table is contentless (`content=''`, the text is not
 * stored; `contentless_delete=1` so rows can go; `detail=full`, which bm25 needs without content). A query is
 * an OR of its terms ranked by FTS5's bm25 with MiniSearchIndex's field boosts (names 4, path 2, body 1,
 * params 2); the best RERANK_POOL are re-ranked by the chunk's kind weight. A crowded file's path (crowdedPath)
 * is a path like any other here: a fifth column for it moved recall@10 on disk by −0.2 to +0.4 points and
 * cost bm25 a column on every row it scores. In a large index a query selects by its rarest words and scores
 * by all: `(rarest…) AND (every word…)`, its words taken rarest first while the chunks holding them stay
 * within SELECT_ROWS (at least the rarest word), so FTS5 scores a bounded number of rows instead of every
 * chunk holding a common word — bm25 on each candidate row is a query's main cost. How many chunks hold a word
 * is read from the vocabulary once until the index changes (frequencies): queries share most of their words.
 * A body keeps each word's first BODY_WORD_REPEATS occurrences only (repeatsCapped).
 */
import { FIELD_BOOSTS } from '../miniSearchIndex';
import type { LexicalDoc, LexicalHit, SearchIndex } from '../searchIndex';
import { codeTokens, queryTokens } from '../tokenize';
import type { IndexDatabase } from './indexDatabase';
import type { Statement } from './sqlite';

export const FTS_SCHEMA = `
  CREATE VIRTUAL TABLE fts USING fts5(names, path, body, params, tokenize='unicode61 remove_diacritics 0', detail=full, content='', contentless_delete=1);
  CREATE VIRTUAL TABLE fts_terms USING fts5vocab(fts, row);
  CREATE TABLE docs(id INTEGER PRIMARY KEY, weight REAL NOT NULL)`;

/** How many of bm25's best are re-ranked by kind weight (and then by CodebaseIndex with file evidence). */
const RERANK_POOL = 200;
/** FTS5's buffer of pending postings, flushed as one segment when full (SQLite's default 1 MB: 2.9 s → 1.6 s for 3,516 chunks). */
const HASH_BYTES = 16 << 20;
/**
 * How many times a word counts in a chunk's body: FTS5's bm25 divides by the length of the whole row, so a long
 * function that repeats its common words both outscores on them and buries its name's match. 2 raised recall@10
 * on disk on the Python sets (stdlib 69.6 → 70.8, held-out packages 74.6 → 76.4) and on three sets never tuned on
 * (gcloud's Python packages +0.4, a TypeScript package +0.9, PHP level), TypeScript and JavaScript −0.2; over
 * 21,765 files, queries narrowed: Python +0.8, held-out +0.6, JavaScript −0.4, TypeScript level, a database 7%
 * smaller and queries 1.5–3 ms faster at p50. 1 and 3 did less. (MiniSearch normalizes each field by its own
 * length: the same cap there lowered recall@10 by 0.2–0.5.)
 */
const BODY_WORD_REPEATS = 2;
/** Indexes smaller than this are searched with every query word (as MiniSearchIndex's NARROW_FROM_DOCS). */
const NARROW_FROM_DOCS = 20_000;
/** In a large index, how many chunks a query's selecting words may hold together (10k files: p95 77 → 44 ms, recall@10 −1 point). */
const SELECT_ROWS = 15_000;

export class Fts5Index implements SearchIndex {
  private count: number;
  /** How many chunks hold each word asked about, until the index changes (as MiniSearchIndex's). */
  private readonly frequencies = new Map<string, number>();
  private readonly st: Record<'insertFts' | 'insertDocs' | 'deleteFts' | 'deleteDoc' | 'rank' | 'frequency', Statement>;

  constructor(
    private readonly idb: IndexDatabase,
    private readonly narrowFromDocs = NARROW_FROM_DOCS,
    private readonly selectRows = SELECT_ROWS,
  ) {
    const db = idb.db;
    db.run("INSERT INTO fts(fts, rank) VALUES ('hashsize', ?)", HASH_BYTES);
    this.count = Number(db.get('SELECT count(*) AS n FROM docs')?.n ?? 0);
    const [n, p, b, a] = [FIELD_BOOSTS.names, FIELD_BOOSTS.path, FIELD_BOOSTS.body, FIELD_BOOSTS.params];
    this.st = {
      insertFts: idb.prepare('INSERT INTO fts(rowid, names, path, body, params) SELECT value->>0, value->>1, value->>2, value->>3, value->>4 FROM json_each(?)'),
      insertDocs: idb.prepare('INSERT INTO docs(id, weight) SELECT value->>0, value->>1 FROM json_each(?)'),
      deleteFts: idb.prepare('DELETE FROM fts WHERE rowid = ?'),
      deleteDoc: idb.prepare('DELETE FROM docs WHERE id = ?'),
      rank: idb.prepare(`SELECT rowid AS id, bm25(fts, ${n}, ${p}, ${b}, ${a}) AS s FROM fts WHERE fts MATCH ? ORDER BY s LIMIT ?`),
      frequency: idb.prepare('SELECT doc FROM fts_terms WHERE term = ?'),
    };
  }

  get size(): number {
    return this.count;
  }

  add(docs: readonly LexicalDoc[]): void {
    if (docs.length === 0) return;
    this.frequencies.clear();
    this.idb.write(docs.length);
    this.st.insertFts.run(JSON.stringify(docs.map((d) => [d.id, codeTokens(d.names).join(' '), codeTokens(d.path || (d.crowdedPath ?? '')).join(' '), repeatsCapped(codeTokens(d.body), BODY_WORD_REPEATS).join(' '), codeTokens(d.params ?? '').join(' ')])));
    this.st.insertDocs.run(JSON.stringify(docs.map((d) => [d.id, d.weight])));
    this.count += docs.length;
  }

  remove(ids: readonly number[]): void {
    if (ids.length === 0) return;
    this.frequencies.clear();
    this.idb.write(ids.length);
    for (const id of ids) {
      if (this.st.deleteDoc.run(id).changes === 0) continue;
      this.st.deleteFts.run(id);
      this.count--;
    }
  }

  search(query: string, limit: number): LexicalHit[] {
    const terms = queryTokens(query);
    if (terms.length === 0 || this.count === 0) return [];
    const rare = this.rareTerms([...new Set(terms)]);
    // Repeated words stay repeated: bm25 sums over the query's phrases, as MiniSearch counts a word each time.
    const any = (words: readonly string[]) => words.map(quote).join(' OR ');
    const match = rare ? `(${any(rare)}) AND (${any(terms)})` : any(terms);
    const pool = this.st.rank.all([match, Math.max(limit, RERANK_POOL)]).map((r) => ({ id: Number(r.id), score: -Number(r.s) }));
    if (pool.length === 0) return [];
    const weights = new Map(this.idb.db.all(`SELECT id, weight FROM docs WHERE id IN (${pool.map((h) => h.id).join(',')})`).map((r) => [Number(r.id), Number(r.weight)]));
    return pool
      .map((h) => ({ id: h.id, score: h.score * (weights.get(h.id) ?? 1) }))
      .sort((a, b) => b.score - a.score || a.id - b.id)
      .slice(0, limit);
  }

  /** The query's rarest words when it should be narrowed to the chunks holding them; undefined: every word selects. */
  private rareTerms(terms: readonly string[]): string[] | undefined {
    if (this.count < this.narrowFromDocs || terms.length < 2) return undefined;
    const held = new Map(terms.map((t) => [t, this.docFrequency(t)]));
    const picked: string[] = [];
    let rows = 0;
    for (const term of [...terms].sort((a, b) => held.get(a)! - held.get(b)! || (a < b ? -1 : 1))) {
      if (picked.length > 0 && rows + held.get(term)! > this.selectRows) break;
      picked.push(term);
      rows += held.get(term)!;
    }
    return picked.length === terms.length ? undefined : picked;
  }

  /** How many chunks hold `term`: one vocabulary lookup per word until the index changes (first-time queries' p95 over 10,000 files −5 ms). */
  private docFrequency(term: string): number {
    let known = this.frequencies.get(term);
    if (known === undefined) this.frequencies.set(term, (known = Number(this.st.frequency.get(term)?.doc ?? 0)));
    return known;
  }

  /** The database file is the snapshot. */
  serialize(): unknown {
    return undefined;
  }
}

/** `tokens` in order with each one's occurrences after its first `limit` left out. */
export function repeatsCapped(tokens: readonly string[], limit: number): string[] {
  const seen = new Map<string, number>();
  return tokens.filter((t) => {
    const n = (seen.get(t) ?? 0) + 1;
    seen.set(t, n);
    return n <= limit;
  });
}

/** `"term"`: quoted, so no term is read as an FTS5 operator (`or`, `not`, `near`). Terms hold letters and digits only. */
function quote(term: string): string {
  return `"${term.replace(/"/g, '""')}"`;
}
