/**
 * `@codebase` in the chat inside the real extension host, with the real index service: the request the fake
 * server receives carries the workspace chunk with its path and lines, the answer carries the list of what it
 * was given, a listed chunk opens at its lines (and a path it was not given opens nothing), and with the
 * index off the question is still answered, with a note. The test writes and removes only its own folder.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { FathomApi } from '../../src/extension';
import { fathom, setSetting, suiteFolder, useFakeServer, waitFor, waitForIndex } from './helpers';

const FOLDER = `chat-codebase-${process.pid}`;
const PRICE = 'export function cartPriceWithVat(prices: number[]): number {\n  const net = prices.reduce((a, b) => a + b, 0);\n  return net * 1.2;\n}\n';

describe('chat: @codebase in the extension host (real index, fake server)', function () {
  this.timeout(120_000);
  const fake = useFakeServer();
  let api: FathomApi;
  const { uri, write, remove } = suiteFolder(FOLDER);
  const path = `${FOLDER}/src/price.ts`;
  const chatRequests = () => fake.server.requests.filter((r) => r.endpoint === 'ollama.chat');

  before(async () => {
    api = await fathom();
    await write('src/price.ts', PRICE);
    await write('src/label.ts', 'export const label = (n: number) => `${n} EUR`;\n');
    await waitForIndex(api, 'the new function to be indexed', async () => (await api.codebase.definitions('cartPriceWithVat', 1)).length === 1, 60_000);
  });
  beforeEach(async () => {
    await api.chat.session.stop();
    await api.chat.session.newChat();
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await remove();
  });

  it('sends the chunk with its path and lines; the answer lists it; a listed chunk opens at its lines', async () => {
    fake.server.reply((r) => (r.endpoint === 'ollama.chat' ? { text: `It is computed in \`cartPriceWithVat\` (${path}:3).` } : undefined));
    await api.chat.session.send('@codebase where is the cart price with VAT computed?');
    const request = chatRequests().at(-1);
    assert.ok(request, 'the question was sent');
    const sent = JSON.stringify(request.body);
    assert.ok(sent.includes(`\`${path}\` (lines 1-4, cartPriceWithVat)`), 'the chunk is headed by its path and lines');
    assert.ok(sent.includes('return net * 1.2;'), 'the chunk text was sent');

    const answer = api.chat.session.state().conversation.turns.at(-1)!;
    assert.equal(answer.error, undefined);
    assert.deepEqual(answer.sources?.[0], { path, startLine: 1, endLine: 4, symbol: 'cartPriceWithVat' });
    const shown = api.chat.view.current().state.turns.at(-1)!;
    assert.deepEqual(shown.sources?.[0], answer.sources![0], 'the view gets the list');

    await api.chat.view.receive({ type: 'openSource', path, line: 3, endLine: 3 });
    const editor = vscode.window.activeTextEditor;
    assert.equal(editor?.document.uri.toString(), uri('src/price.ts').toString());
    assert.deepEqual([editor!.selection.start.line, editor!.selection.end.line], [2, 2], 'line 3 selected');
  });

  it('a path the answers were not given is not opened, whatever the webview asks', async () => {
    fake.server.reply((r) => (r.endpoint === 'ollama.chat' ? { text: 'Here.' } : undefined));
    await api.chat.session.send('@codebase where is the cart price with VAT computed?');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await api.chat.view.receive({ type: 'openSource', path: `${FOLDER}/src/label.ts`, line: 1, endLine: 1 });
    await api.chat.view.receive({ type: 'openSource', path: `../${FOLDER}/src/price.ts`, line: 1, endLine: 1 });
    assert.equal(vscode.window.activeTextEditor, undefined);
  });

  it('with the index off, the question is answered and the answer says the index is off', async () => {
    await setSetting('codebase.enabled', false);
    await waitFor('the index to be off', () => api.codebase.status().state === 'off');
    fake.server.reply((r) => (r.endpoint === 'ollama.chat' ? { text: 'I could not look at the workspace.' } : undefined));
    await api.chat.session.send('@codebase where is the cart price with VAT computed?');
    const answer = api.chat.session.state().conversation.turns.at(-1)!;
    assert.equal(answer.error, undefined);
    assert.equal(answer.text, 'I could not look at the workspace.');
    assert.deepEqual(answer.codebaseNote, { kind: 'off' });
    assert.match(api.chat.view.current().state.turns.at(-1)!.codebaseNote ?? '', /Codebase index is off: enable fathom\.codebase\.enabled/);
    assert.ok(!JSON.stringify(chatRequests().at(-1)!.body).includes('return net * 1.2;'), 'no workspace code was sent');
  });
});
