/** Retry-After parsing: seconds, HTTP dates and OpenAI's retry-after-ms. */
import assert from 'node:assert/strict';
import { parseRetryAfter } from '../../../src/backends/retryAfter';

describe('parseRetryAfter', () => {
  it('reads seconds, HTTP dates and retry-after-ms', () => {
    const now = Date.parse('2025-01-15T10:00:00Z');
    assert.equal(parseRetryAfter('7', null, now), 7000);
    assert.equal(parseRetryAfter('1.5', null, now), 1500);
    assert.equal(parseRetryAfter('Wed, 15 Jan 2025 10:00:30 GMT', null, now), 30_000);
    assert.equal(parseRetryAfter('Wed, 15 Jan 2025 09:00:00 GMT', null, now), 0, 'a date in the past means now');
    assert.equal(parseRetryAfter('7', '250', now), 250, 'the millisecond header is more precise');
  });

  it('ignores what it cannot read', () => {
    assert.equal(parseRetryAfter(undefined), undefined);
    assert.equal(parseRetryAfter(''), undefined);
    assert.equal(parseRetryAfter('soon'), undefined);
  });
});
