import * as assert from 'node:assert/strict';
import { bucketOf, dayOf, lastDays, LATENCY_BUCKETS_MS, quantileOf, StatisticsBook } from '../../../src/statistics/book';
import { STATISTICS_DAYS_KEPT, STATISTICS_MAX_ROWS } from '../../../src/tunables/tunables';

const DAY = '2026-12-07';

describe('statistics book', () => {
  it('counts shown and accepted (whole, word, line) per language and model, and totals them', () => {
    const book = new StatisticsBook();
    book.shown('typescript', 'qwen', 120, DAY);
    book.shown('typescript', 'qwen', 180, DAY);
    book.shown('typescript', 'llama', 90, DAY);
    book.shown('python', 'qwen', 400, DAY);
    book.accepted('typescript', 'qwen', 'whole', DAY);
    book.accepted('typescript', 'llama', 'word', DAY);
    book.accepted('python', 'qwen', 'line', DAY);
    const s = book.summary(DAY);
    assert.equal(s.empty, false);
    assert.equal(s.since, DAY);
    assert.equal(s.total.shown, 4);
    assert.deepEqual(s.total.accepted, { whole: 1, word: 1, line: 1 });
    assert.equal(s.total.acceptedTotal, 3);
    assert.equal(s.total.rate, 0.75);
    assert.deepEqual(s.languages.map((r) => [r.name, r.shown, r.acceptedTotal]), [['typescript', 3, 2], ['python', 1, 1]]);
    assert.deepEqual(s.models.map((r) => [r.name, r.shown, r.accepted]), [['qwen', 3, { whole: 1, word: 0, line: 1 }], ['llama', 1, { whole: 0, word: 1, line: 0 }]]);
    assert.equal(s.latency.samples, 4);
    assert.equal(s.latency.buckets.reduce((a, b) => a + b.count, 0), 4);
  });

  it('an empty book says so, with zeros and no rows', () => {
    const s = new StatisticsBook().summary(DAY);
    assert.equal(s.empty, true);
    assert.equal(s.total.shown, 0);
    assert.equal(s.total.rate, 0);
    assert.deepEqual(s.languages, []);
    assert.equal(s.latency.p50Ms, 0);
    assert.equal(s.days.length, 30);
    assert.ok(s.days.every((d) => d.shown === 0 && d.accepted === 0));
  });

  it('the acceptance rate never passes 1 (several words of one suggestion)', () => {
    const book = new StatisticsBook();
    book.shown('go', 'm', 10, DAY);
    for (let i = 0; i < 3; i++) book.accepted('go', 'm', 'word', DAY);
    assert.equal(book.summary(DAY).total.rate, 1);
  });

  it('an untimed suggestion is counted shown but not in the histogram', () => {
    const book = new StatisticsBook();
    book.shown('go', 'm', undefined, DAY);
    book.shown('go', 'm', Number.NaN, DAY);
    const s = book.summary(DAY);
    assert.equal(s.total.shown, 2);
    assert.equal(s.latency.samples, 0);
    assert.equal(s.languages[0].p50Ms, undefined);
  });

  it('counts per day, the last 30 days up to today with zeros, oldest first', () => {
    const book = new StatisticsBook();
    book.shown('go', 'm', 10, '2026-11-30');
    book.accepted('go', 'm', 'whole', '2026-11-30');
    book.shown('go', 'm', 10, DAY);
    const s = book.summary(DAY);
    assert.equal(s.days.length, 30);
    assert.equal(s.days.at(-1)!.day, DAY);
    assert.equal(s.days[0].day, '2026-11-08');
    assert.deepEqual(s.days.find((d) => d.day === '2026-11-30'), { day: '2026-11-30', shown: 1, accepted: 1 });
    assert.equal(s.since, '2026-11-30');
  });

  it('keeps only the newest days', () => {
    const book = new StatisticsBook();
    const days = lastDays(DAY, STATISTICS_DAYS_KEPT + 5);
    for (const day of days) book.shown('go', 'm', 10, day);
    const stored = book.toJSON();
    assert.equal(Object.keys(stored.days).length, STATISTICS_DAYS_KEPT);
    assert.ok(!(days[0] in stored.days) && days.at(-1)! in stored.days);
    // The counts per language stay whole.
    assert.equal(book.summary(DAY).total.shown, STATISTICS_DAYS_KEPT + 5);
  });

  it('bounds the language/model pairs it counts', () => {
    const book = new StatisticsBook();
    for (let i = 0; i < STATISTICS_MAX_ROWS + 3; i++) book.shown(`lang${i}`, 'm', 10, DAY);
    assert.equal(book.toJSON().rows.length, STATISTICS_MAX_ROWS);
  });

  it('clear() forgets everything', () => {
    const book = new StatisticsBook();
    book.shown('go', 'm', 10, DAY);
    book.clear();
    assert.equal(book.isEmpty(), true);
    assert.equal(book.summary(DAY).empty, true);
    assert.deepEqual(book.toJSON(), { version: 1, rows: [], days: {} });
  });
});

describe('statistics book: stored as JSON', () => {
  const filled = () => {
    const book = new StatisticsBook();
    book.shown('typescript', 'qwen', 120, DAY);
    book.shown('rust', 'qwen', 6000, '2026-12-01');
    book.accepted('typescript', 'qwen', 'line', DAY);
    return book;
  };

  it('round-trips through JSON text', () => {
    const book = filled();
    const again = StatisticsBook.fromJSON(JSON.parse(JSON.stringify(book)));
    assert.deepEqual(again.toJSON(), book.toJSON());
    assert.deepEqual(again.summary(DAY), book.summary(DAY));
  });

  it('starts clean from corrupt, partial or old data, never throwing', () => {
    const good = filled().toJSON();
    const bad: unknown[] = [
      undefined,
      null,
      42,
      'text',
      [],
      {},
      { ...good, version: 0 },
      { ...good, version: 2 },
      { ...good, rows: 'x' },
      { ...good, days: [] },
      { ...good, since: 'yesterday' },
      { ...good, rows: [...good.rows, { language: 'go', model: 'm', shown: -1, accepted: { whole: 0, word: 0, line: 0 }, latency: good.rows[0].latency }] },
      { ...good, rows: [{ ...good.rows[0], shown: 1.5 }] },
      { ...good, rows: [{ ...good.rows[0], language: '' }] },
      { ...good, rows: [{ ...good.rows[0], accepted: { whole: 1 } }] },
      { ...good, rows: [{ ...good.rows[0], latency: [1, 2, 3] }] },
      { ...good, rows: [{ ...good.rows[0], latency: good.rows[0].latency.map(() => '1') }] },
      { ...good, days: { 'not a day': { shown: 1, accepted: 0 } } },
      { ...good, days: { [DAY]: { shown: 1 } } },
      { version: 1, get rows(): unknown[] { throw new Error('boom'); }, days: {} },
    ];
    for (const [i, raw] of bad.entries()) {
      const book = StatisticsBook.fromJSON(raw);
      assert.equal(book.isEmpty(), true, `case ${i}`);
      assert.equal(book.summary(DAY).total.shown, 0);
    }
  });

  it('a book read back keeps counting', () => {
    const book = StatisticsBook.fromJSON(filled().toJSON());
    book.accepted('typescript', 'qwen', 'whole', DAY);
    const ts = book.summary(DAY).languages.find((r) => r.name === 'typescript')!;
    assert.deepEqual(ts.accepted, { whole: 1, word: 0, line: 1 });
  });
});

describe('statistics book: latency histogram', () => {
  it('puts a latency in the bucket below its upper bound, the slowest in the open last bucket', () => {
    assert.equal(bucketOf(0), 0);
    assert.equal(bucketOf(49), 0);
    assert.equal(bucketOf(50), 1);
    assert.equal(bucketOf(LATENCY_BUCKETS_MS.at(-1)!), LATENCY_BUCKETS_MS.length);
    assert.equal(bucketOf(60_000), LATENCY_BUCKETS_MS.length);
  });

  it('reads p50 / p90 back within the bucket the true quantile falls in', () => {
    const book = new StatisticsBook();
    // 100 samples: 10, 20, … 1000 ms.
    for (let i = 1; i <= 100; i++) book.shown('go', 'm', i * 10, DAY);
    const { p50Ms, p90Ms, samples, buckets } = book.summary(DAY).latency;
    assert.equal(samples, 100);
    // True p50 is 500 ms (bucket 500–750), p90 900 ms (bucket 750–1000).
    assert.ok(p50Ms >= 500 && p50Ms <= 750, `p50 ${p50Ms}`);
    assert.ok(p90Ms >= 750 && p90Ms <= 1000, `p90 ${p90Ms}`);
    assert.ok(p50Ms < p90Ms);
    assert.deepEqual(buckets.slice(0, 3).map((b) => [b.fromMs, b.toMs, b.count]), [[0, 50, 4], [50, 100, 5], [100, 200, 10]]);
    assert.equal(buckets.at(-1)!.toMs, undefined);
  });

  it('interpolates inside a bucket, and reads the open bucket as its lower bound', () => {
    const counts = new Array<number>(LATENCY_BUCKETS_MS.length + 1).fill(0);
    counts[2] = 10; // 100–200 ms
    assert.equal(quantileOf(counts, 0.5), 150);
    assert.equal(quantileOf(counts, 1), 200);
    const slow = new Array<number>(LATENCY_BUCKETS_MS.length + 1).fill(0);
    slow[slow.length - 1] = 3;
    assert.equal(quantileOf(slow, 0.9), LATENCY_BUCKETS_MS.at(-1));
    assert.equal(quantileOf(new Array<number>(12).fill(0), 0.5), 0);
  });

  it('dayOf gives the local calendar day', () => {
    assert.equal(dayOf(new Date(2026, 0, 5, 23, 59).getTime()), '2026-01-05');
    assert.deepEqual(lastDays('2026-03-01', 3), ['2026-02-27', '2026-02-28', '2026-03-01']);
  });
});
