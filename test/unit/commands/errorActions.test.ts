import assert from 'node:assert/strict';
import { BackendError } from '../../../src/backends/errors';
import { errorActions } from '../../../src/commands/errorActions';

const at = { baseUrl: 'http://127.0.0.1:11434' };
const labels = (error: unknown) => errorActions(error).map((a) => `${a.label} → ${a.command}${a.args.length ? ` ${JSON.stringify(a.args)}` : ''}`);

describe('errorActions', () => {
  it('offers to pull the missing model into the Ollama that lacks it, and to pick another', () => {
    assert.deepEqual(labels(new BackendError('modelMissing', { ...at, provider: 'ollama', model: 'qwen2.5-coder:7b' })), [
      'Pull Model → fathom.pullModel ["qwen2.5-coder:7b","http://127.0.0.1:11434"]',
      'Select Model → fathom.selectModel',
      'Open Doctor → fathom.doctor',
    ]);
  });

  it('offers no pull for an OpenAI-compatible server', () => {
    assert.deepEqual(labels(new BackendError('modelMissing', { ...at, provider: 'openai', model: 'gpt-x' })), ['Select Model → fathom.selectModel', 'Open Doctor → fathom.doctor']);
  });

  it('offers to store a key for the server that refused it', () => {
    assert.deepEqual(labels(new BackendError('unauthorized', { ...at, provider: 'openai', status: 401 })), ['Set API Key → fathom.setApiKey ["http://127.0.0.1:11434"]', 'Open Doctor → fathom.doctor']);
  });

  it('offers the doctor for other backend failures, and nothing for other errors', () => {
    assert.deepEqual(labels(new BackendError('timeout', { ...at, provider: 'ollama' })), ['Open Doctor → fathom.doctor']);
    assert.deepEqual(labels(new Error('a bug')), []);
  });
});
