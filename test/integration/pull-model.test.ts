/** "Fathom: Pull Model" against the fake Ollama: progress to 100 %, the model then listed, Cancel closes the request. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { PullOutcome } from '../../src/vscode/pullModel';
import { assertNoUnhandledRejections } from './faults';
import { EXTENSION_ID, fathom, openWithCursor, restoreSettings, setSetting, useFakeServer, waitFor } from './helpers';
import { startFakeServer } from '../fake-server';

const NEW_MODEL = 'starcoder2:3b';
const pull = (name?: string) => vscode.commands.executeCommand<PullOutcome>('fathom.pullModel', name);

describe('Fathom: Pull Model', () => {
  const fake = useFakeServer();
  before(() => fathom());

  it('is in the palette under its title', () => {
    const contributed: { command: string; title: string; category?: string }[] = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON.contributes.commands;
    const c = contributed.find((x) => x.command === 'fathom.pullModel');
    assert.equal(c && `${c.category}: ${c.title}`, 'Fathom: Pull Model');
  });

  it('pulls with progress up to 100 %, and the model is then listed', async () => {
    assert.deepEqual(await pull(NEW_MODEL), { outcome: 'pulled', model: NEW_MODEL, baseUrl: fake.server.url, percent: 100 });
    const request = fake.server.requests.find((r) => r.endpoint === 'ollama.pull');
    assert.deepEqual(request?.body, { name: NEW_MODEL, stream: true });
    assert.equal(request?.completed, true);
    await setSetting('completion.model', NEW_MODEL);
    const report = await vscode.commands.executeCommand<string>('fathom.doctor');
    assert.match(report, new RegExp(`✓ model ${NEW_MODEL} is available`), report);
    assertNoUnhandledRejections();
  });

  it('Cancel mid-pull closes the HTTP request, and the model is not added', async () => {
    const api = await fathom();
    fake.server.replyOnce({ tokenMs: 400 }, 'ollama.pull');
    const outcome = pull(NEW_MODEL);
    await fake.server.waitFor((rs) => rs.find((r) => r.endpoint === 'ollama.pull'), 5000, 'the pull request');
    assert.equal(api.commands.cancelAll(), 1, 'the pull is the one running command');
    assert.equal((await outcome).outcome, 'cancelled');
    await fake.server.waitFor((rs) => rs.find((r) => r.endpoint === 'ollama.pull' && r.closedByClient), 5000, 'the pull to be closed by the client');
    assert.ok(!fake.server.models.some((m) => m.name === NEW_MODEL));
    assertNoUnhandledRejections();
  });

  it("a missing model's error offers Pull Model, which pulls it so the command works", async () => {
    const api = await fathom();
    await setSetting('chat.model', NEW_MODEL);
    await openWithCursor('export function add(a: number, b: number) {\n  return █a + b;\n}\n');
    const shown = api.commands.shownErrors().length;
    assert.equal(await vscode.commands.executeCommand('fathom.explain'), undefined);
    const error = await waitFor('the error notification', () => api.commands.shownErrors()[shown]);
    const button = error.actions.find((a) => a.label === 'Pull Model');
    assert.ok(button, `a Pull Model button: ${error.message}`);
    // It names the server that lacks the model: with a server per role, that is where the pull goes.
    assert.deepEqual({ command: button.command, args: button.args }, { command: 'fathom.pullModel', args: [NEW_MODEL, fake.server.url] });
    // What clicking the button runs:
    assert.equal((await vscode.commands.executeCommand<PullOutcome>(button.command, ...button.args)).outcome, 'pulled');
    fake.server.reply(() => ({ text: 'It adds two numbers.' }));
    assert.equal(await vscode.commands.executeCommand('fathom.explain'), 'It adds two numbers.');
    assertNoUnhandledRejections();
  });

  it("pulls into the Ollama of the role it is asked for: the chat role's own server, not the completions'", async () => {
    const gpuBox = await startFakeServer();
    try {
      await setSetting('chat.baseUrl', gpuBox.url);
      const outcome = await vscode.commands.executeCommand<PullOutcome>('fathom.pullModel', NEW_MODEL, 'chat');
      assert.deepEqual(outcome, { outcome: 'pulled', model: NEW_MODEL, baseUrl: gpuBox.url, percent: 100 });
      assert.ok(gpuBox.requests.some((r) => r.endpoint === 'ollama.pull'));
      assert.ok(!fake.server.requests.some((r) => r.endpoint === 'ollama.pull'), 'the completion server was not asked');
    } finally {
      await restoreSettings();
      await gpuBox.close();
    }
  });
});
