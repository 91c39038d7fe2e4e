import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { fathom, openWithCursor, setSetting, triggerAndAccept, useFakeServer, waitFor } from './helpers';

describe('status bar item', () => {
  const fake = useFakeServer();

  it('is shown, idle, and named Fathom after activation', async () => {
    const status = (await fathom()).status();
    assert.equal(status.visible, true);
    assert.equal(status.state, 'idle');
    assert.match(status.text, /Fathom/);
    assert.notEqual(status.tooltip, '');
  });

  it('reads working while a completion streams, then idle', async () => {
    const api = await fathom();
    fake.server.replyOnce({ text: 'slow();', firstTokenMs: 1500 }, 'ollama.generate');
    const editor = await openWithCursor('█\n');
    const accepted = triggerAndAccept(editor);
    await waitFor('the status to read working', () => api.status().state === 'working', { timeoutMs: 5000, intervalMs: 20 });
    await accepted;
    await waitFor('the status to return to idle', () => api.status().state === 'idle');
  });

  it('reads error when the server fails, and idle after the next success', async () => {
    const api = await fathom();
    fake.server.replyOnce({ status: 500 });
    await openWithCursor('let x = █\n');
    await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
    await waitFor('the status to read error', () => api.status().state === 'error', { timeoutMs: 5000 });
    assert.match(api.status().tooltip, /HTTP 500/);
    fake.server.reply(() => ({ text: '1;' }));
    await triggerAndAccept(await openWithCursor('let y = █\n'));
    await waitFor('the status to return to idle', () => api.status().state === 'idle');
  });

  it('reads error, naming the model, when the server does not have it', async () => {
    const api = await fathom();
    await setSetting('completion.model', 'no-such-model:1b');
    await openWithCursor('let z = █\n');
    await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
    await waitFor('the status to read error', () => api.status().state === 'error', { timeoutMs: 5000 });
    assert.match(api.status().tooltip, /no-such-model:1b/);
  });
});
