import * as assert from 'node:assert/strict';
import { embeddingsBaseUrl, objectSource, parseConfig } from '../../../src/config/settings';
import { RESTRICTED_SETTINGS } from '../../../src/config/trust';

describe('settings: the embeddings role', () => {
  it('is off by default, for "none" and for an unknown provider', () => {
    for (const provider of [undefined, '', 'none', 'anthropic']) {
      const c = parseConfig(objectSource(provider === undefined ? {} : { 'embeddings.provider': provider }));
      assert.equal(c.embeddings.enabled, false, String(provider));
      assert.equal(c.embeddings.provider, undefined);
      assert.equal(embeddingsBaseUrl(c), undefined);
    }
  });

  it('a provider turns it on, with that provider’s usual model and endpoint unless set', () => {
    const ollama = parseConfig(objectSource({ 'fathom.embeddings.provider': 'ollama', 'ollama.baseUrl': 'http://127.0.0.1:11500/' }));
    assert.deepEqual(ollama.embeddings, { enabled: true, provider: 'ollama', model: 'nomic-embed-text', baseUrl: '' });
    assert.equal(embeddingsBaseUrl(ollama), 'http://127.0.0.1:11500');
    const openai = parseConfig(objectSource({ 'embeddings.provider': 'openai' }));
    assert.equal(openai.embeddings.model, 'text-embedding-3-small');
    assert.equal(embeddingsBaseUrl(openai), 'https://api.openai.com/v1');
  });

  it('reads the model and its own endpoint, trimmed', () => {
    const c = parseConfig(objectSource({ 'embeddings.provider': 'openai', 'embeddings.model': ' bge-m3 ', 'embeddings.baseUrl': 'http://127.0.0.1:8080/v1/' }));
    assert.deepEqual(c.embeddings, { enabled: true, provider: 'openai', model: 'bge-m3', baseUrl: 'http://127.0.0.1:8080/v1' });
    assert.equal(embeddingsBaseUrl(c), 'http://127.0.0.1:8080/v1');
  });

  it('where code goes is not up to an untrusted workspace', () => {
    assert.ok(RESTRICTED_SETTINGS.includes('embeddings.provider'));
    assert.ok(RESTRICTED_SETTINGS.includes('embeddings.baseUrl'));
  });
});
