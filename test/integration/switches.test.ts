/**
 * Turning completions off and on from the status bar menu's commands — snooze, resume, per language — and
 * "Show Last Request", which shows exactly what the server received.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { fathom, openWithCursor, setSetting, triggerAndAccept, useFakeServer, waitFor } from './helpers';

/** Asks for a completion and gives the server a moment: no generation request may arrive. */
async function assertNoCompletionRequest(fake: { server: { requests: readonly { endpoint: string }[] } }): Promise<void> {
  await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
  await new Promise((resolve) => setTimeout(resolve, 800));
  assert.equal(fake.server.requests.filter((r) => r.endpoint === 'ollama.generate').length, 0, 'no completion was asked for');
}

describe('completion switches and Show Last Request', () => {
  const fake = useFakeServer();

  it('snooze: no completions and the status bar says until when; turning them back on works at once', async () => {
    const api = await fathom();
    await setSetting('completion.enabled', true);
    const editor = await openWithCursor('const total = 1;\nconst twice = total * █\n');
    await vscode.commands.executeCommand('fathom.snoozeCompletions', 15);
    await waitFor('the status bar to show the snooze', () => api.status().state === 'disabled' && /snoozed until \d/.test(api.status().tooltip));
    await assertNoCompletionRequest(fake);
    await vscode.commands.executeCommand('fathom.resumeCompletions');
    await waitFor('the status bar to leave the snooze', () => api.status().state !== 'disabled');
    fake.server.reply((r) => (r.endpoint === 'ollama.generate' ? { text: '2;' } : undefined));
    // VS Code does not ask again at the same place and version of a document: a fresh one.
    const again = await openWithCursor(editor.document.getText().replace('total * ', 'total * █'));
    assert.match(await triggerAndAccept(again), /const twice = total \* 2;█/);
  });

  it('per language: off for Python only, and back on', async () => {
    const api = await fathom();
    await setSetting('completion.enabled', true);
    await setSetting('completion.disabledLanguages', []);
    const editor = await openWithCursor('def area(r):\n    return 3.14 * █\n', 'py');
    assert.equal(await vscode.commands.executeCommand('fathom.toggleCompletionsForLanguage', 'python'), false, 'now off');
    assert.deepEqual(vscode.workspace.getConfiguration('fathom').get('completion.disabledLanguages'), ['python']);
    await waitFor('the status bar to say Python is off', () => api.status().state === 'disabled' && /off for python/.test(api.status().tooltip));
    await assertNoCompletionRequest(fake);
    assert.equal(await vscode.commands.executeCommand('fathom.toggleCompletionsForLanguage', 'python'), true, 'on again');
    fake.server.reply((r) => (r.endpoint === 'ollama.generate' ? { text: 'r * r' } : undefined));
    const again = await openWithCursor(editor.document.getText().replace('3.14 * ', '3.14 * █'), 'py');
    assert.match(await triggerAndAccept(again), /return 3\.14 \* r \* r█/);
  });

  it('Show Last Request opens the exact body the server received, secrets redacted, with its timing', async () => {
    await fathom();
    await setSetting('completion.enabled', true);
    const token = 'ghp_Z8x2Lq9Vt4Rb7Nc1Mw5Kd3Hs6Jf0Ga2Pe8Yu';
    fake.server.reply((r) => (r.endpoint === 'ollama.generate' ? { text: 'token);' } : undefined));
    const editor = await openWithCursor(`const token = "${token}";\nlogin(█\n`);
    await triggerAndAccept(editor);
    const text = await vscode.commands.executeCommand<string>('fathom.showLastRequest');
    const shown = JSON.parse(text);
    // (Accepting may already have asked for the next completion: the one shown is the last that ended.)
    const sent = fake.server.requests.find((r) => r.endpoint === 'ollama.generate' && JSON.stringify(r.body) === JSON.stringify(shown.body));
    assert.ok(sent, `the body shown is a body the server received:\n${JSON.stringify(shown.body)}`);
    assert.match(shown.body.prompt, /login\($/, 'the request that completed "login("');
    assert.equal(shown.request, `POST ${fake.server.url}/api/generate`);
    assert.ok(!text.includes(token), 'the secret is not in it');
    assert.match(JSON.stringify(shown.body), /«secret:github-token:[a-z2-7]{10}»/, 'the placeholder the server saw');
    assert.equal(shown.response.outcome, 'ok');
    assert.equal(typeof shown.response.totalMs, 'number');
    const report = vscode.window.visibleTextEditors.find((e) => e.document.uri.scheme === 'fathom-report' && e.document.uri.path.endsWith('Last Request.json'));
    assert.ok(report, 'it opens as a read-only document');
    assert.equal(report.document.languageId, 'json');
  });
});
