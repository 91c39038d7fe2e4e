/**
 * The sidebar chat's extension side in the real extension host: what "Ask About Selection" attaches, that a
 * chat question goes through the same privacy modules as everything else (secrets redacted, ignored files
 * refused), that answers keep the model's placeholders (privacy.test.ts covers Apply / Insert), and that
 * conversations are kept in the extension's storage, not in settings.
 */
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { fathom, openWithCursor, setSetting, useFakeServer, waitFor, waitForPage } from './helpers';

const AWS_KEY = 'AKIAZ7Q3XK5V2RMN6TLP'; // base32 after AKIA, like a real key id

describe('chat in the extension host', () => {
  const fake = useFakeServer();

  beforeEach(async () => {
    const api = await fathom();
    await api.chat.session.stop();
    await api.chat.session.newChat();
  });

  it('"Ask About Selection" attaches the selected code and opens the chat', async () => {
    const api = await fathom();
    const editor = await openWithCursor('export function twice(n: number): number {\n  return n * 2;█\n}\n');
    editor.selection = new vscode.Selection(0, 0, 3, 0);
    await vscode.commands.executeCommand('fathom.askAboutSelection');
    const pending = api.chat.session.state().pending;
    assert.equal(pending.length, 1);
    assert.equal(pending[0].kind, 'selection');
    assert.match(pending[0].label, /:1-3$/);
    assert.equal(pending[0].text, editor.document.getText());
    await waitForPage('the chat view to be visible and running', () => api.chat.view.current().visible && api.chat.view.current().ready, () => api.chat.view.current());
  });

  it('a question with a secret in it and in its attachment reaches the server redacted; the answer keeps the placeholder', async () => {
    const api = await fathom();
    const editor = await openWithCursor(`const config = { region: 'eu-west-1', accessKeyId: '${AWS_KEY}' };█\n`);
    editor.selection = new vscode.Selection(0, 0, 1, 0);
    await vscode.commands.executeCommand('fathom.askAboutSelection');
    // The model repeats the placeholder it was sent: chat prose never gets a secret back (only Apply / Insert may).
    let placeholder: string | undefined;
    fake.server.reply((r) => {
      if (r.endpoint !== 'ollama.chat') return undefined;
      placeholder = /«secret:[^»]+»/.exec(r.rawBody.replace(/\\u00ab/g, '«').replace(/\\u00bb/g, '»'))?.[0];
      return { text: `The key is ${placeholder ?? 'missing'}.` };
    });
    await api.chat.session.send(`Is ${AWS_KEY} safe to commit?`);
    const request = fake.server.requests.find((r) => r.endpoint === 'ollama.chat');
    assert.ok(request, 'the question was sent');
    assert.ok(!request.rawBody.includes(AWS_KEY), 'the key never left the machine');
    assert.ok(request.rawBody.includes('safe to commit'));
    const answer = api.chat.session.state().conversation.turns.at(-1);
    assert.equal(answer?.error, undefined);
    assert.match(placeholder ?? '', /^«secret:aws-access-key-id:[a-z2-7]{10}»$/);
    assert.equal(answer?.text, `The key is ${placeholder}.`);
  });

  it('a file the ignore rules cover cannot be attached', async () => {
    const api = await fathom();
    const folder = vscode.workspace.workspaceFolders![0].uri;
    const uri = vscode.Uri.joinPath(folder, '.env.local');
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode('STRIPE_KEY=sk_live_chatattach1234567890\n'));
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    await vscode.commands.executeCommand('fathom.askAboutSelection');
    assert.equal(api.chat.session.state().pending.length, 0, 'nothing was attached');
    await api.chat.session.send('What is in my env file?');
    assert.ok(fake.server.requests.every((r) => !r.rawBody.includes('sk_live_chatattach')), 'nothing from .env.local was sent');
  });

  it('keeps conversations as files in the extension storage, one per conversation, never in settings', async () => {
    const api = await fathom();
    fake.server.reply((r) => (r.endpoint === 'ollama.chat' ? { text: 'Stored.' } : undefined));
    await api.chat.session.send('Remember this conversation');
    const id = api.chat.session.state().conversation.id;
    const storage = vscode.workspace.getConfiguration('fathom');
    assert.ok(!JSON.stringify(storage).includes('Remember this conversation'), 'nothing in settings');
    const file = join(api.chat.storageDir, `chat-${id}.json`);
    assert.ok(existsSync(file), `${file} exists`);
    assert.ok(readdirSync(api.chat.storageDir).every((f) => f.startsWith('chat-') && f.endsWith('.json')), 'no temporary files left');
    const saved = JSON.parse(readFileSync(file, 'utf8'));
    assert.equal(saved.turns.length, 2);
    assert.equal(saved.turns[1].text, 'Stored.');
    assert.ok(api.chat.session.state().history.some((h) => h.id === id && h.title === 'Remember this conversation'));
  });

  it('a failed answer says what happened and the next question works', async () => {
    const api = await fathom();
    await setSetting('chat.model', 'no-such-model:1b');
    await api.chat.session.send('Hello?');
    const failed = api.chat.session.state().conversation.turns.at(-1);
    assert.match(failed?.error ?? '', /no-such-model:1b/, 'the message names the missing model');
    await setSetting('chat.model', 'qwen2.5-coder:7b');
    fake.server.reply((r) => (r.endpoint === 'ollama.chat' ? { text: 'Back again.' } : undefined));
    await api.chat.session.regenerate();
    const answer = api.chat.session.state().conversation.turns.at(-1);
    assert.equal(answer?.error, undefined);
    assert.equal(answer?.text, 'Back again.');
  });
});

describe('chat focus', () => {
  it('Open Chat, then on to an editor before the page is ready: the page does not take the focus back once it is ready', async () => {
    const view = (await fathom()).chat.view;
    await openWithCursor('const first = 1;█\n');
    // A page that has to load again: the hidden view's page is dropped, and Open Chat shows it.
    await vscode.commands.executeCommand('workbench.action.closeSidebar');
    await waitFor('the chat page to be dropped', () => !view.current().visible && !view.current().ready, { timeoutMs: 10_000 });
    const revealing = view.reveal();
    assert.equal(view.current().focusPending, true, 'Open Chat asks for the focus');
    // The user goes on in another editor (opened after the view, so it has the focus).
    const second = await openWithCursor('const second = 2;█\n');
    const postsOnSwitch = view.current().focusPosts;
    await revealing;
    await waitForPage('the chat page to be ready again', () => view.current().ready, () => view.current());
    // Whether the page was ready before the switch or after it, no focus request may follow the switch.
    assert.equal(view.current().focusPending, false);
    assert.equal(view.current().focusPosts, postsOnSwitch, 'the message box took the focus from the editor');
    assert.equal(vscode.window.activeTextEditor?.document, second.document);
  });

  it('Open Chat with nothing else done focuses the message box once the page is ready', async () => {
    const view = (await fathom()).chat.view;
    await vscode.commands.executeCommand('workbench.action.closeSidebar');
    await waitFor('the chat page to be dropped', () => !view.current().ready, { timeoutMs: 10_000 });
    const before = view.current().focusPosts;
    await vscode.commands.executeCommand('fathom.openChat');
    await waitForPage('the message box to be focused', () => view.current().focusPosts === before + 1 && !view.current().focusPending, () => view.current());
  });
});
