import * as assert from 'node:assert/strict';
import { nextEditBaseUrl, objectSource, parseConfig } from '../../../src/config/settings';

describe('settings: the next-edit role', () => {
  it('is off until a model is configured', () => {
    const c = parseConfig(() => undefined);
    assert.deepEqual(c.nextEdit, { enabled: false, provider: 'ollama', model: '', baseUrl: '' });
    assert.equal(parseConfig(objectSource({ 'nextEdit.model': '   ' })).nextEdit.enabled, false);
  });

  it('reads provider, model and its own endpoint; without one it uses the provider\'s', () => {
    const c = parseConfig(objectSource({ 'fathom.nextEdit.provider': 'openai', 'nextEdit.model': ' zeta ', 'nextEdit.baseUrl': 'http://127.0.0.1:8080/v1/', 'openai.baseUrl': 'http://127.0.0.1:1234/v1' }));
    assert.deepEqual(c.nextEdit, { enabled: true, provider: 'openai', model: 'zeta', baseUrl: 'http://127.0.0.1:8080/v1' });
    assert.equal(nextEditBaseUrl(c), 'http://127.0.0.1:8080/v1');
    const shared = parseConfig(objectSource({ 'nextEdit.model': 'zeta', 'ollama.baseUrl': 'http://127.0.0.1:11500' }));
    assert.equal(nextEditBaseUrl(shared), 'http://127.0.0.1:11500');
  });

  it('falls back to the default provider for an unknown one', () => {
    assert.equal(parseConfig(objectSource({ 'nextEdit.provider': 'anthropic', 'nextEdit.model': 'm' })).nextEdit.provider, 'ollama');
  });
});
