/**
 * Measurement spike (bench only): the codebase index's SearchIndex on SQLite FTS5 in a database FILE
 * (node-sqlite3-wasm, sqliteWasm.ts) instead of MiniSearch in memory. Fields reach SQLite already tokenized
 * by Fathom (tokenize.ts codeTokens / queryTokens), joined by spaces; FTS5's unicode61 tokenizer (no
 * diacritics folding) passes those terms through unchanged. A query is an OR of its terms ranked by FTS5's
 * own bm25 with the same field boosts as MiniSearchIndex (names 4, path 2, body 1); the best RERANK_POOL are
 * re-ranked here by the chunk's kind weight and by how many of the query's words each matched, as
 * MiniSearch's OR multiplies its sum. Variants (FTS5 detail, contentless, narrowing, journal) are the levers
 * the spike measures (bench/fts5.ts).
 */
import { FIELD_BOOSTS } from '../src/codebase/miniSearchIndex';
import type { LexicalDoc, LexicalHit, SearchIndex } from '../src/codebase/searchIndex';
import { codeTokens, queryTokens } from '../src/codebase/tokenize';
import type { Database, Statement } from './sqliteWasm';

export interface Fts5Variant {
  name: string;
  /** What FTS5 keeps per posting: positions (full), the columns only (column), the row only (none). */
  detail: 'full' | 'column' | 'none';
  /** content='' (the text is not stored; contentless_delete=1 so rows can go): FTS5's bm25 then needs detail=full. */
  contentless: boolean;
  /** Re-rank the pool by how many distinct query words each chunk holds (one MATCH per word over the pool). */
  matchedWords: boolean;
  /** From this many chunks on, the query is narrowed to the chunks holding its rarer words (as MiniSearchIndex narrows). */
  narrowFrom: number;
  /**
   * How: MATCH the rarer words only (their bm25 alone ranks), or `(rare…) AND (every word…)` (FTS5 skips to the
   * rare words' rows, every word scores; the rare words' phrases count twice in bm25).
   */
  narrowBy?: 'rare' | 'rare-and-all';
  /** A rebuildable index need not survive a crash: no rollback journal, no fsync. */
  durable: boolean;
  /** FTS5's in-memory buffer of pending postings, flushed as one segment when full (SQLite's default 1 MB). */
  hashBytes?: number;
  /**
   * Shared locking (SQLite's default): node-sqlite3-wasm's VFS locks with a mkdir/rmdir per transaction and
   * SQLite drops its page cache whenever the lock is released, so every read outside a transaction re-reads
   * pages through `fs` (measured: 4.8 ms per primary-key lookup, 0.07 ms inside a transaction). The default
   * is EXCLUSIVE (one owner: the index worker), taken once and kept.
   */
  sharedLock?: boolean;
  /** Statements per row (the first version) instead of one statement per file over a JSON array. */
  perRow?: boolean;
}

export const VARIANTS: Record<string, Fts5Variant> = {
  full: { name: 'full', detail: 'full', contentless: true, matchedWords: false, narrowFrom: 20_000, durable: false, hashBytes: 16 << 20 },
  'full-hash1m': { name: 'full-hash1m', detail: 'full', contentless: true, matchedWords: false, narrowFrom: 20_000, durable: false },
  'full-matched': { name: 'full-matched', detail: 'full', contentless: true, matchedWords: true, narrowFrom: 20_000, durable: false },
  'full-narrow-all': { name: 'full-narrow-all', detail: 'full', contentless: true, matchedWords: false, narrowFrom: 0, durable: false, hashBytes: 16 << 20 },
  'full-rare-and-all': { name: 'full-rare-and-all', detail: 'full', contentless: true, matchedWords: false, narrowFrom: 20_000, narrowBy: 'rare-and-all', durable: false, hashBytes: 16 << 20 },
  'full-shared-lock': { name: 'full-shared-lock', detail: 'full', contentless: true, matchedWords: false, narrowFrom: 20_000, durable: false, sharedLock: true, perRow: true },
  'full-nonarrow': { name: 'full-nonarrow', detail: 'full', contentless: true, matchedWords: false, narrowFrom: Infinity, durable: false, hashBytes: 16 << 20 },
  'full-durable': { name: 'full-durable', detail: 'full', contentless: true, matchedWords: false, narrowFrom: 20_000, durable: true, hashBytes: 16 << 20 },
  column: { name: 'column', detail: 'column', contentless: false, matchedWords: false, narrowFrom: 20_000, durable: false, hashBytes: 16 << 20 },
  none: { name: 'none', detail: 'none', contentless: false, matchedWords: false, narrowFrom: 20_000, durable: false, hashBytes: 16 << 20 },
};

/** How many of bm25's best are re-ranked (the same pool CodebaseIndex re-ranks with file evidence). */
export const RERANK_POOL = 200;
/** SQLite's page cache (KiB, negative as PRAGMA cache_size takes it): the default 2 MB re-reads B-tree pages on every query. */
const CACHE_KIB = 16_384;
/** A word held by more than this share of all chunks ranks, but does not select, chunks (MiniSearchIndex's share). */
const COMMON_SHARE = 0.05;

/** Sets the connection up for a rebuildable index (or a durable one) and creates the FTS5 table. */
export function fts5Schema(db: Database, v: Fts5Variant): void {
  db.exec(v.durable ? 'PRAGMA journal_mode=DELETE; PRAGMA synchronous=FULL;' : 'PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;');
  if (!v.sharedLock) db.exec(`PRAGMA locking_mode=EXCLUSIVE; PRAGMA cache_size=-${CACHE_KIB};`);
  const options = [`detail=${v.detail}`, ...(v.contentless ? ["content=''", 'contentless_delete=1'] : [])];
  db.exec(`CREATE VIRTUAL TABLE IF NOT EXISTS fts USING fts5(names, path, body, tokenize='unicode61 remove_diacritics 0', ${options.join(', ')});
    CREATE VIRTUAL TABLE IF NOT EXISTS fts_terms USING fts5vocab(fts, row);
    CREATE TABLE IF NOT EXISTS docs(id INTEGER PRIMARY KEY, weight REAL NOT NULL);`);
  if (v.hashBytes) db.run("INSERT INTO fts(fts, rank) VALUES ('hashsize', ?)", v.hashBytes);
}

export class Fts5Index implements SearchIndex {
  private count: number;
  private readonly insertFts: Statement;
  private readonly insertDoc: Statement;
  private readonly insertFtsJson: Statement;
  private readonly insertDocJson: Statement;
  private readonly deleteFts: Statement;
  private readonly deleteDoc: Statement;
  private readonly rank: Statement;
  private readonly frequency: Statement;

  /** The caller owns transactions (one per batch of files: FTS5 writes a segment per commit). */
  constructor(
    private readonly db: Database,
    private readonly variant: Fts5Variant,
  ) {
    fts5Schema(db, variant);
    this.count = Number(db.get('SELECT count(*) AS n FROM docs')?.n ?? 0);
    this.insertFts = db.prepare('INSERT INTO fts(rowid, names, path, body) VALUES (?, ?, ?, ?)');
    this.insertDoc = db.prepare('INSERT INTO docs(id, weight) VALUES (?, ?)');
    // One call per file: every statement run costs several crossings into WebAssembly and a copy per string.
    this.insertFtsJson = db.prepare('INSERT INTO fts(rowid, names, path, body) SELECT value->>0, value->>1, value->>2, value->>3 FROM json_each(?)');
    this.insertDocJson = db.prepare('INSERT INTO docs(id, weight) SELECT value->>0, value->>1 FROM json_each(?)');
    this.deleteFts = db.prepare('DELETE FROM fts WHERE rowid = ?');
    this.deleteDoc = db.prepare('DELETE FROM docs WHERE id = ?');
    const [n, p, b] = [FIELD_BOOSTS.names, FIELD_BOOSTS.path, FIELD_BOOSTS.body];
    this.rank = db.prepare(`SELECT rowid AS id, bm25(fts, ${n}, ${p}, ${b}) AS s FROM fts WHERE fts MATCH ? ORDER BY s LIMIT ?`);
    this.frequency = db.prepare('SELECT doc FROM fts_terms WHERE term = ?');
  }

  get size(): number {
    return this.count;
  }

  add(docs: readonly LexicalDoc[]): void {
    if (docs.length === 0) return;
    if (!this.variant.perRow) {
      this.insertFtsJson.run(JSON.stringify(docs.map((d) => [d.id, codeTokens(d.names).join(' '), codeTokens(d.path).join(' '), codeTokens(d.body).join(' ')])));
      this.insertDocJson.run(JSON.stringify(docs.map((d) => [d.id, d.weight])));
      this.count += docs.length;
      return;
    }
    for (const d of docs) {
      this.insertFts.run([d.id, codeTokens(d.names).join(' '), codeTokens(d.path).join(' '), codeTokens(d.body).join(' ')]);
      this.insertDoc.run([d.id, d.weight]);
      this.count++;
    }
  }

  remove(ids: readonly number[]): void {
    for (const id of ids) {
      if (this.deleteDoc.run(id).changes === 0) continue;
      this.deleteFts.run(id);
      this.count--;
    }
  }

  search(query: string, limit: number): LexicalHit[] {
    const terms = queryTokens(query);
    const distinct = [...new Set(terms)];
    if (distinct.length === 0 || this.count === 0) return [];
    const rare = this.rareTerms(distinct);
    // Repeated words stay repeated: bm25 sums over the query's phrases, as MiniSearch counts a word each time.
    const any = (words: readonly string[]) => words.map(quote).join(' OR ');
    const match = !rare ? any(terms) : this.variant.narrowBy === 'rare-and-all' ? `(${any(rare)}) AND (${any(terms)})` : any(terms.filter((t) => rare.includes(t)));
    const pool = this.rank.all([match, Math.max(limit, RERANK_POOL)]).map((r) => ({ id: Number(r.id), score: -Number(r.s) }));
    if (pool.length === 0) return [];
    const ids = pool.map((h) => h.id).join(',');
    const weights = new Map(this.db.all(`SELECT id, weight FROM docs WHERE id IN (${ids})`).map((r) => [Number(r.id), Number(r.weight)]));
    const matched = this.variant.matchedWords ? this.matchedWords(distinct, ids) : undefined;
    return pool
      .map((h) => ({ id: h.id, score: h.score * (weights.get(h.id) ?? 1) * (matched?.get(h.id) ?? 1) }))
      .sort((a, b) => b.score - a.score || a.id - b.id)
      .slice(0, limit);
  }

  /** How many of `terms` each of the pool's chunks holds: one MATCH per word, limited to the pool's rows. */
  private matchedWords(terms: readonly string[], ids: string): Map<number, number> {
    const counts = new Map<number, number>();
    for (const term of terms) {
      for (const r of this.db.all(`SELECT rowid AS id FROM fts WHERE fts MATCH ? AND rowid IN (${ids})`, quote(term))) {
        const id = Number(r.id);
        counts.set(id, (counts.get(id) ?? 0) + 1);
      }
    }
    return counts;
  }

  /** The query's rarer words when the query should be narrowed to the chunks holding them; undefined: match all. */
  private rareTerms(terms: readonly string[]): string[] | undefined {
    if (this.count < this.variant.narrowFrom) return undefined;
    const rare = terms.filter((t) => Number(this.frequency.get(t)?.doc ?? 0) <= this.count * COMMON_SHARE);
    return rare.length === 0 || rare.length === terms.length ? undefined : rare;
  }

  /** The database file is the snapshot. */
  serialize(): unknown {
    return { fts5: true, documents: this.count };
  }

  close(): void {
    for (const s of [this.insertFts, this.insertDoc, this.insertFtsJson, this.insertDocJson, this.deleteFts, this.deleteDoc, this.rank, this.frequency]) s.finalize();
  }
}

/** `"term"`: quoted, so no term is read as an FTS5 operator (`or`, `not`, `near`). Terms hold letters and digits only. */
function quote(term: string): string {
  return `"${term}"`;
}
