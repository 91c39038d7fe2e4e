import * as assert from 'node:assert/strict';
import { startFakeServer } from '../fake-server';
import { fathom, openWithCursor, restoreSettings, setSetting, triggerAndAccept, useFakeServer } from './helpers';

describe('settings', () => {
  const fake = useFakeServer();

  before(() => fathom());

  it('fathom.completion.model is the model the next completion asks for', async () => {
    await setSetting('completion.model', 'qwen2.5-coder:7b');
    fake.server.reply(() => ({ text: '42;' }));
    await triggerAndAccept(await openWithCursor('const answer = █\n'));
    const request = await fake.server.waitFor((rs) => rs.find((r) => r.endpoint === 'ollama.generate'), 5000, 'a generate request');
    assert.equal((request.body as { model?: string }).model, 'qwen2.5-coder:7b');
  });

  it('fathom.ollama.baseUrl decides which server is asked', async () => {
    const other = await startFakeServer();
    try {
      await setSetting('ollama.baseUrl', other.url);
      other.reply(() => ({ text: '"other";' }));
      const text = await triggerAndAccept(await openWithCursor('const from = █\n'));
      assert.equal(text, 'const from = "other";█\n');
      assert.equal(fake.server.requests.filter((r) => r.endpoint === 'ollama.generate').length, 0, 'the first server was not asked');
    } finally {
      await restoreSettings(); // before closing it: a late request to a closed server would leave an error
      await other.close();
    }
  });

  it('fathom.completion.enabled: false shows disabled in the status bar', async () => {
    const api = await fathom();
    await setSetting('completion.enabled', false);
    assert.equal(api.status().state, 'disabled');
    await setSetting('completion.enabled', true);
    assert.notEqual(api.status().state, 'disabled');
  });

  it('reads a changed setting without a reload', async () => {
    await setSetting('completion.model', 'qwen2.5-coder:7b');
    fake.server.reply(() => ({ text: '1;' }));
    await triggerAndAccept(await openWithCursor('const a = █\n'));
    await setSetting('completion.model', 'qwen2.5-coder:1.5b');
    await triggerAndAccept(await openWithCursor('const b = █\n'));
    const models = fake.server.requests.filter((r) => r.endpoint === 'ollama.generate').map((r) => (r.body as { model?: string }).model);
    assert.deepEqual([models[0], models.at(-1)], ['qwen2.5-coder:7b', 'qwen2.5-coder:1.5b']);
  });
});
