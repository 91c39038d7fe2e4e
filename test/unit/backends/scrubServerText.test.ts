/** Keeping secrets out of server texts and URLs before a user or a log sees them. */
import assert from 'node:assert/strict';
import { redactSecrets, redactUrl, safeDetail } from '../../../src/backends/scrubServerText';

describe('scrubbing server text', () => {
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
