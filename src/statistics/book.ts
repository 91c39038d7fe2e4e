/**
 * Local statistics (issue 14): how many suggestions were shown and accepted (whole, by word, by line), per
 * language and model, how long they took (a histogram of fixed buckets, so p50 / p90 can be read back), and
 * per day. Plain data: the editor layer (src/vscode/statistics/) records into a book and keeps it in this
 * machine's storage as JSON; nothing here is sent anywhere.
 */
import { STATISTICS_DAYS_KEPT, STATISTICS_MAX_ROWS } from '../tunables/tunables';

export type AcceptKind = 'whole' | 'word' | 'line';
export const ACCEPT_KINDS: readonly AcceptKind[] = ['whole', 'word', 'line'];

/** Upper bounds (ms) of the latency buckets; one more bucket after them holds everything slower. */
export const LATENCY_BUCKETS_MS: readonly number[] = [50, 100, 200, 300, 500, 750, 1000, 1500, 2000, 3000, 5000];
const BUCKETS = LATENCY_BUCKETS_MS.length + 1;

/** The stored form's version: data of another version is dropped (the book starts clean). */
export const STATISTICS_VERSION = 1;
/** Longer language or model names are cut (they are keys, not text). */
const MAX_NAME = 100;

interface Counts {
  shown: number;
  accepted: Record<AcceptKind, number>;
  /** Counts per bucket of LATENCY_BUCKETS_MS (plus the open last one). */
  latency: number[];
}

interface DayCounts {
  shown: number;
  accepted: number;
}

/** The stored form (JSON). */
export interface StatisticsData {
  version: number;
  /** The first day anything was recorded (YYYY-MM-DD, local time). */
  since?: string;
  rows: ({ language: string; model: string } & Counts)[];
  days: Record<string, DayCounts>;
}

export interface StatisticsRow {
  name: string;
  shown: number;
  accepted: Record<AcceptKind, number>;
  /** Whole + word + line. */
  acceptedTotal: number;
  /** acceptedTotal / shown, at most 1 (0 when nothing was shown). */
  rate: number;
  /** Median latency of its shown suggestions (undefined when none was timed). */
  p50Ms?: number;
}

export interface LatencyBucket {
  fromMs: number;
  /** Undefined for the last, open bucket. */
  toMs?: number;
  count: number;
}

/** What the statistics page draws. */
export interface StatisticsSummary {
  /** Nothing recorded. */
  empty: boolean;
  since?: string;
  total: StatisticsRow;
  /** Most shown first. */
  languages: StatisticsRow[];
  models: StatisticsRow[];
  latency: { buckets: LatencyBucket[]; p50Ms: number; p90Ms: number; samples: number };
  /** The last days up to today, oldest first, days without anything included (zeros). */
  days: { day: string; shown: number; accepted: number }[];
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The local calendar day of a time, as YYYY-MM-DD. */
export function dayOf(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** The `count` days up to and including `today` (YYYY-MM-DD), oldest first. */
export function lastDays(today: string, count: number): string[] {
  const [y, m, d] = today.split('-').map(Number);
  const days: string[] = [];
  for (let i = count - 1; i >= 0; i--) days.push(dayOf(new Date(y, m - 1, d - i, 12).getTime()));
  return days;
}

/** The bucket a latency falls in. */
export function bucketOf(ms: number): number {
  const i = LATENCY_BUCKETS_MS.findIndex((upper) => ms < upper);
  return i < 0 ? BUCKETS - 1 : i;
}

/**
 * The `q` quantile (0..1) of the latencies counted in `buckets`, interpolated linearly inside its bucket;
 * in the open last bucket, its lower bound. 0 when nothing was counted.
 */
export function quantileOf(buckets: readonly number[], q: number): number {
  const total = buckets.reduce((a, b) => a + b, 0);
  if (total === 0) return 0;
  const target = Math.min(1, Math.max(0, q)) * total;
  let before = 0;
  for (let i = 0; i < buckets.length; i++) {
    const count = buckets[i];
    if (count > 0 && before + count >= target) {
      const from = i === 0 ? 0 : LATENCY_BUCKETS_MS[i - 1];
      const to = LATENCY_BUCKETS_MS[i];
      if (to === undefined) return from;
      return Math.round(from + ((to - from) * Math.max(0, target - before)) / count);
    }
    before += count;
  }
  return LATENCY_BUCKETS_MS[LATENCY_BUCKETS_MS.length - 1];
}

const emptyCounts = (): Counts => ({ shown: 0, accepted: { whole: 0, word: 0, line: 0 }, latency: new Array<number>(BUCKETS).fill(0) });
const keyOf = (language: string, model: string) => `${language}\u0000${model}`;
const nameOf = (name: string) => (name || 'unknown').slice(0, MAX_NAME);

export class StatisticsBook {
  private readonly rows = new Map<string, { language: string; model: string } & Counts>();
  private readonly days = new Map<string, DayCounts>();
  private since: string | undefined;

  /** A non-empty suggestion was shown for `language` by `model`, `latencyMs` after the editor asked (undefined: not timed). */
  shown(language: string, model: string, latencyMs: number | undefined, day: string): void {
    const row = this.row(language, model, day);
    if (!row) return;
    row.shown++;
    if (latencyMs !== undefined && Number.isFinite(latencyMs) && latencyMs >= 0) row.latency[bucketOf(latencyMs)]++;
    this.day(day).shown++;
  }

  /** A suggestion (or a word or line of it) was accepted. */
  accepted(language: string, model: string, kind: AcceptKind, day: string): void {
    const row = this.row(language, model, day);
    if (!row) return;
    row.accepted[kind]++;
    this.day(day).accepted++;
  }

  isEmpty(): boolean {
    return this.rows.size === 0;
  }

  clear(): void {
    this.rows.clear();
    this.days.clear();
    this.since = undefined;
  }

  toJSON(): StatisticsData {
    return {
      version: STATISTICS_VERSION,
      ...(this.since ? { since: this.since } : {}),
      rows: [...this.rows.values()].map((r) => ({ language: r.language, model: r.model, shown: r.shown, accepted: { ...r.accepted }, latency: [...r.latency] })),
      days: Object.fromEntries([...this.days].map(([day, c]) => [day, { ...c }])),
    };
  }

  /** A book from its stored form; anything corrupt, of another version or missing gives an empty book (never throws). */
  static fromJSON(raw: unknown): StatisticsBook {
    const book = new StatisticsBook();
    try {
      if (!isRecord(raw) || raw.version !== STATISTICS_VERSION || !Array.isArray(raw.rows) || !isRecord(raw.days)) return book;
      if (raw.since !== undefined && !(typeof raw.since === 'string' && DAY.test(raw.since))) return book;
      const rows = raw.rows.map(parseRow);
      const days = Object.entries(raw.days).map(([day, c]) => (DAY.test(day) && isRecord(c) && isCount(c.shown) && isCount(c.accepted) ? ([day, { shown: c.shown, accepted: c.accepted }] as const) : undefined));
      if (rows.some((r) => !r) || days.some((d) => !d) || rows.length > STATISTICS_MAX_ROWS) return book;
      for (const row of rows) book.rows.set(keyOf(row!.language, row!.model), row!);
      for (const [day, c] of days as (readonly [string, DayCounts])[]) book.days.set(day, c);
      book.since = raw.since as string | undefined;
      book.prune();
      return book;
    } catch {
      return new StatisticsBook();
    }
  }

  /** What the page draws, with the `dayCount` days up to `today` (YYYY-MM-DD). */
  summary(today: string, dayCount = 30): StatisticsSummary {
    const rows = [...this.rows.values()];
    const group = (by: 'language' | 'model') => {
      const groups = new Map<string, Counts>();
      for (const r of rows) groups.set(r[by], add(groups.get(r[by]) ?? emptyCounts(), r));
      return [...groups].map(([name, c]) => rowOf(name, c)).sort((a, b) => b.shown - a.shown || b.acceptedTotal - a.acceptedTotal || a.name.localeCompare(b.name));
    };
    const total = rows.reduce((sum, r) => add(sum, r), emptyCounts());
    let from = 0;
    const buckets = total.latency.map((count, i) => {
      const bucket: LatencyBucket = { fromMs: from, ...(i < LATENCY_BUCKETS_MS.length ? { toMs: LATENCY_BUCKETS_MS[i] } : {}), count };
      from = LATENCY_BUCKETS_MS[i] ?? from;
      return bucket;
    });
    return {
      empty: rows.length === 0,
      ...(this.since ? { since: this.since } : {}),
      total: rowOf('', total),
      languages: group('language'),
      models: group('model'),
      latency: { buckets, p50Ms: quantileOf(total.latency, 0.5), p90Ms: quantileOf(total.latency, 0.9), samples: total.latency.reduce((a, b) => a + b, 0) },
      days: lastDays(today, dayCount).map((day) => ({ day, ...(this.days.get(day) ?? { shown: 0, accepted: 0 }) })),
    };
  }

  private row(language: string, model: string, day: string): Counts | undefined {
    const key = keyOf(nameOf(language), nameOf(model));
    let row = this.rows.get(key);
    if (!row) {
      // A bound on storage: past it, new language/model pairs are not counted.
      if (this.rows.size >= STATISTICS_MAX_ROWS) return undefined;
      row = { language: nameOf(language), model: nameOf(model), ...emptyCounts() };
      this.rows.set(key, row);
    }
    if (!this.since || day < this.since) this.since = day;
    return row;
  }

  private day(day: string): DayCounts {
    let counts = this.days.get(day);
    if (!counts) {
      this.days.set(day, (counts = { shown: 0, accepted: 0 }));
      this.prune();
    }
    return counts;
  }

  /** Keeps the newest STATISTICS_DAYS_KEPT days. */
  private prune(): void {
    if (this.days.size <= STATISTICS_DAYS_KEPT) return;
    const old = [...this.days.keys()].sort().slice(0, this.days.size - STATISTICS_DAYS_KEPT);
    for (const day of old) this.days.delete(day);
  }
}

function add(into: Counts, c: Counts): Counts {
  into.shown += c.shown;
  for (const kind of ACCEPT_KINDS) into.accepted[kind] += c.accepted[kind];
  c.latency.forEach((n, i) => (into.latency[i] += n));
  return into;
}

function rowOf(name: string, c: Counts): StatisticsRow {
  const acceptedTotal = c.accepted.whole + c.accepted.word + c.accepted.line;
  const timed = c.latency.some((n) => n > 0);
  return {
    name,
    shown: c.shown,
    accepted: { ...c.accepted },
    acceptedTotal,
    rate: c.shown > 0 ? Math.min(1, acceptedTotal / c.shown) : 0,
    ...(timed ? { p50Ms: quantileOf(c.latency, 0.5) } : {}),
  };
}

function parseRow(raw: unknown): ({ language: string; model: string } & Counts) | undefined {
  if (!isRecord(raw) || !isName(raw.language) || !isName(raw.model) || !isCount(raw.shown) || !isRecord(raw.accepted)) return undefined;
  const accepted = raw.accepted;
  if (!ACCEPT_KINDS.every((k) => isCount(accepted[k]))) return undefined;
  if (!Array.isArray(raw.latency) || raw.latency.length !== BUCKETS || !raw.latency.every(isCount)) return undefined;
  return { language: raw.language, model: raw.model, shown: raw.shown, accepted: { whole: accepted.whole as number, word: accepted.word as number, line: accepted.line as number }, latency: [...(raw.latency as number[])] };
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
const isName = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= MAX_NAME;
