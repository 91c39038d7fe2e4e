/** The small pure pieces of error handling: Retry-After parsing and keeping secrets out of text. */
import assert from 'node:assert/strict';
import { redactSecrets, redactUrl, safeDetail } from '../../../src/backends/redact';
import { parseRetryAfter } from '../../../src/backends/retry-after';

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

describe('redaction', () => {
  it('removes the configured key, Bearer tokens and sk- keys', () => {
    const text = 'Incorrect API key provided: my-proxy-token-77. Header was Bearer abc.def.ghi; also sk-proj-AbC123_xyz and sk-ab**********wxyz';
    const clean = redactSecrets(text, ['my-proxy-token-77']);
    assert.equal(clean, 'Incorrect API key provided: ***. Header was Bearer ***; also sk-*** and sk-***');
  });

  it('keeps details short and on one line', () => {
    const detail = safeDetail(`line one\nline two ${'x'.repeat(400)}`, []);
    assert.ok(detail && detail.length <= 300 && !detail.includes('\n'));
    assert.equal(safeDetail('   ', []), undefined);
  });

  it('drops credentials from URLs', () => {
    assert.equal(redactUrl('https://user:s3cret@proxy.example/ollama'), 'https://***@proxy.example/ollama');
    assert.equal(redactUrl('http://127.0.0.1:11434'), 'http://127.0.0.1:11434');
  });
});
