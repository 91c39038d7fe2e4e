/**
 * One local model, two jobs (fathom.completion.waitWhileAnswering): while a command's answer streams from the
 * same local server, automatic completions are not sent; a completion asked for (Alt+\) still is; once the
 * answer ended, typing asks again. In the real extension host against the fake server.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { fathom, openWithCursor, setSetting, triggerAndAccept, useFakeServer, waitFor, waitForPage } from './helpers';

/**
 * Types `text` as the user would: VS Code's `type` command, which goes to the focused editor. The editor is
 * focused first (a panel or view an earlier test left focused would take the keystroke), and the keystroke
 * must land.
 */
async function typeAsUser(editor: vscode.TextEditor, text: string): Promise<void> {
  const version = editor.document.version;
  await vscode.window.showTextDocument(editor.document, { preserveFocus: false, viewColumn: editor.viewColumn });
  await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
  await vscode.commands.executeCommand('type', { text });
  await waitFor(`${JSON.stringify(text)} to be typed into the editor`, () => editor.document.version > version, { timeoutMs: 5_000 });
}

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
    // On a loaded CI machine the keystroke landed but VS Code asked for no suggestion (the counters showed it);
    // the likeliest cause is the panel's page still loading in its frame. Typing waits until it is ready.
    await waitForPage('the answer panel to be ready', () => api.answerPanel().current().ready, () => ({ ...api.answerPanel().current(), view: undefined }));
    const skippedBefore = await answering();
    const providesBefore = api.completionStats().provides;
    await typeAsUser(editor, ' ');
    // Should VS Code still ask nothing after the keystroke, the user types on; the extra spaces go again once the
    // completion was held back, so the line reads as before.
    let extra = 0;
    const asked = () => api.completionStats().provides > providesBefore;
    while (extra < 2 && !(await waitFor('VS Code to ask for a suggestion', asked, { timeoutMs: 3_000 }).then(() => true, () => false))) {
      await typeAsUser(editor, ' ');
      extra++;
    }
    await waitFor('an automatic completion to be held back', async () => (await answering()) > skippedBefore, { timeoutMs: 15_000 }).catch((error: Error) => {
      throw new Error(`${error.message} (VS Code asked ${api.completionStats().provides - providesBefore} times since the keystroke; completion counters: ${JSON.stringify(api.completionStats())})`);
    });
    assert.equal(generates(), 0, 'no completion request while the answer streams');
    for (; extra > 0; extra--) await vscode.commands.executeCommand('deleteLeft');

    // Asked for: completes at once, answer or not.
    assert.match(await triggerAndAccept(editor), /return {2}a \+ b;█/);
    assert.equal(generates(), 1);

    endAnswer();
    await explaining;
    await waitFor('the answer to end', () => api.status().state !== 'working', { timeoutMs: 10_000 });
    await typeAsUser(editor, '\n');
    await fake.server.waitFor((rs) => rs.filter((r) => r.endpoint === 'ollama.generate').length >= 2, 10_000, 'typing to ask again once the answer ended');
  });
});
