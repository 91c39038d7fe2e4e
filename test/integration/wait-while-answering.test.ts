/**
 * One local model, two jobs (fathom.completion.waitWhileAnswering): while a command's answer streams from the
 * same local server, automatic completions are not sent; a completion asked for (Alt+\) still is; once the
 * answer ended, typing asks again. In the real extension host against the fake server.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { fathom, openWithCursor, setSetting, triggerAndAccept, useFakeServer, waitFor } from './helpers';

describe('completions wait while the local server writes an answer', function () {
  this.timeout(60_000);
  const fake = useFakeServer();
  const generates = () => fake.server.requests.filter((r) => r.endpoint === 'ollama.generate').length;
  const answering = async () => (await fathom()).completionStats().skipped.answering ?? 0;

  it('no automatic completion while Explain streams; Alt+\\ still completes; after the answer, typing asks again', async () => {
    await setSetting('completion.enabled', true);
    await setSetting('completion.waitWhileAnswering', true);
    const api = await fathom();
    // The answer streams until the test ends it (a timed answer could end before a loaded machine typed); completions answer at once.
    let endAnswer = () => {};
    const answerHeld = new Promise<void>((resolve) => (endAnswer = resolve));
    fake.server.reply((r) => (r.endpoint === 'ollama.chat' ? { chunks: Array.from({ length: 20 }, (_, i) => `word${i} `), tokenMs: 20, holdUntil: answerHeld } : r.endpoint === 'ollama.generate' ? { text: 'a + b;' } : undefined));
    const editor = await openWithCursor('export function add(a: number, b: number): number {\n  return █\n}\n');
    const explaining = vscode.commands.executeCommand('fathom.explain');
    await fake.server.waitFor((rs) => rs.find((r) => r.endpoint === 'ollama.chat'), 10_000, 'the answer to start streaming');
    const skippedBefore = await answering();
    await vscode.window.showTextDocument(editor.document, { preserveFocus: false });
    await vscode.commands.executeCommand('type', { text: ' ' });
    await waitFor('an automatic completion to be held back', async () => (await answering()) > skippedBefore, { timeoutMs: 15_000 });
    assert.equal(generates(), 0, 'no completion request while the answer streams');

    // Asked for: completes at once, answer or not.
    assert.match(await triggerAndAccept(editor), /return {2}a \+ b;█/);
    assert.equal(generates(), 1);

    endAnswer();
    await explaining;
    await waitFor('the answer to end', () => api.status().state !== 'working', { timeoutMs: 10_000 });
    await vscode.commands.executeCommand('type', { text: '\n' });
    await fake.server.waitFor((rs) => rs.filter((r) => r.endpoint === 'ollama.generate').length >= 2, 10_000, 'typing to ask again once the answer ended');
  });
});
