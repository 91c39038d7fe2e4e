/**
 * A server per role (issue 14) in the real extension host: completions from one server
 * (`fathom.completion.baseUrl`, Ollama), chat from another (`fathom.chat.baseUrl`, OpenAI-compatible) — each
 * server receives only its own role's requests, and the status bar, the Doctor and Show Last Request say which
 * server each role uses.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { startFakeServer, type FakeServer, type RecordedRequest } from '../fake-server';
import { fathom, openWithCursor, setSetting, triggerAndAccept, useFakeServer, waitFor } from './helpers';

const COMPLETION_MODEL = 'qwen2.5-coder:1.5b';
const CHAT_MODEL = 'qwen2.5-coder:7b';

const modelOf = (r: RecordedRequest) => (r.body as { model?: string } | undefined)?.model;
const describe_ = (s: FakeServer) => s.requests.map((r) => `${r.endpoint}${modelOf(r) ? ` ${modelOf(r)}` : ''}`).join(', ') || 'none';

describe('a server per role (completion.baseUrl, chat.baseUrl)', () => {
  // The providers' own URL: no role uses it here, so it must receive nothing.
  const shared = useFakeServer();
  let completions: FakeServer;
  let chat: FakeServer;

  before(async () => {
    completions = await startFakeServer();
    chat = await startFakeServer();
    await setSetting('completion.baseUrl', completions.url, { restore: false });
    await setSetting('chat.provider', 'openai', { restore: false });
    await setSetting('chat.baseUrl', `${chat.url}/v1`, { restore: false });
    const api = await fathom();
    await api.chat.session.stop();
    await api.chat.session.newChat();
  });

  beforeEach(() => {
    completions.reset();
    chat.reset();
  });

  after(async () => {
    await setSetting('completion.baseUrl', undefined, { restore: false });
    await setSetting('chat.baseUrl', undefined, { restore: false });
    await setSetting('chat.provider', undefined, { restore: false });
    await completions.close();
    await chat.close();
  });

  /** Nothing of one role reached the other role's server, nor the provider's URL. */
  function assertSeparated(): void {
    assert.ok(completions.requests.every((r) => r.endpoint.startsWith('ollama.') && [undefined, COMPLETION_MODEL].includes(modelOf(r))), `completion server: ${describe_(completions)}`);
    assert.ok(chat.requests.every((r) => r.endpoint.startsWith('openai.') && [undefined, CHAT_MODEL].includes(modelOf(r))), `chat server: ${describe_(chat)}`);
    assert.equal(shared.server.requests.length, 0, `the providers' URL: ${describe_(shared.server)}`);
  }

  it('a completion request reaches the completion server only', async () => {
    completions.reply((r) => (r.endpoint === 'ollama.generate' ? { text: '"from A";' } : undefined));
    const text = await triggerAndAccept(await openWithCursor('const from = █\n'));
    assert.equal(text, 'const from = "from A";█\n');
    assert.ok(completions.requests.some((r) => r.endpoint === 'ollama.generate'));
    assert.ok(!chat.requests.some((r) => r.endpoint === 'openai.completions' || r.endpoint === 'openai.chat'), `chat server: ${describe_(chat)}`);
    assertSeparated();
  });

  it('a chat request reaches the chat server only', async () => {
    const api = await fathom();
    chat.reply((r) => (r.endpoint === 'openai.chat' ? { text: 'Answered by B.' } : undefined));
    await api.chat.session.send('Which server answers?');
    const answer = api.chat.session.state().conversation.turns.at(-1);
    assert.equal(answer?.error, undefined);
    assert.equal(answer?.text, 'Answered by B.');
    const request = chat.requests.find((r) => r.endpoint === 'openai.chat');
    assert.ok(request?.rawBody.includes('Which server answers?'), 'the question went to the chat server');
    assert.ok(!completions.requests.some((r) => r.endpoint === 'ollama.chat' || r.rawBody.includes('Which server answers?')), `completion server: ${describe_(completions)}`);
    assertSeparated();
    // Show Last Request names the role and its server, and where the completions went last.
    const shown = JSON.parse((await vscode.commands.executeCommand<string>('fathom.showLastRequest'))!);
    assert.equal(shown.role, 'chat');
    assert.equal(shown.request, `POST ${chat.url}/v1/chat/completions`);
    assert.match(shown.otherRoles?.completion ?? '', new RegExp(`^POST ${completions.url.replace(/[.]/g, '\\.')}/api/generate `));
  });

  it('the status bar tooltip lists each server with its role', async () => {
    const api = await fathom();
    await waitFor('the tooltip to list both servers', () => api.status().tooltip.includes(`${chat.url}/v1`));
    assert.match(api.status().tooltip, new RegExp(`completions: Ollama at ${completions.url.replace(/[.]/g, '\\.')}`));
    assert.match(api.status().tooltip, new RegExp(`chat and commands: OpenAI-compatible server at ${chat.url.replace(/[.]/g, '\\.')}/v1`));
    // A failure says which role it concerns.
    completions.replyOnce({ status: 500 }, 'ollama.generate');
    await openWithCursor('let failing = █\n');
    await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
    await waitFor('the status to read error', () => api.status().state === 'error', { timeoutMs: 5000 });
    assert.match(api.status().tooltip, new RegExp(`${completions.url.replace(/[.]/g, '\\.')}.*HTTP 500[^]*It concerns completions\\.`));
    completions.reply(() => ({ text: '1;' }));
    await triggerAndAccept(await openWithCursor('let fine = █\n'));
    await waitFor('the status to return to idle', () => api.status().state === 'idle');
  });

  it('the Doctor checks each server once and says which role uses it', async () => {
    const report = await vscode.commands.executeCommand<string>('fathom.doctor');
    assert.match(report, new RegExp(`✓ Ollama at ${completions.url.replace(/[.]/g, '\\.')} \\(version [\\d.]+\\) — completion: reachable`), report);
    assert.match(report, new RegExp(`✓ OpenAI-compatible server at ${chat.url.replace(/[.]/g, '\\.')}/v1 — chat: reachable`), report);
    assert.match(report, /All checks passed\./, report);
    assert.equal(completions.requests.filter((r) => r.endpoint === 'ollama.version').length, 1);
    assertSeparated();
    const view = (await fathom()).doctor().current().view;
    assert.deepEqual(view?.sections.find((s) => s.id === 'servers')?.checks.map((c) => [c.label, c.status]), [['Completions', 'ok'], ['Chat and commands', 'ok']]);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });
});
