import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { NEXT_EDIT_DEBOUNCE_MS } from '../../src/tunables/tunables';
import { renameReply } from '../fake-server/rename-reply';
import { CURSOR, fathom, openWithCursor, setSetting, useFakeServer, waitFor } from './helpers';

const BEFORE = [
  `const count${CURSOR} = 1;`,
  '',
  'function show(): void {',
  '  console.log("counting");',
  '}',
  '',
  'use(count);',
  'show();',
  'log(count);',
  '',
].join('\n');

describe('next edit suggestions', () => {
  const fake = useFakeServer();

  it('after a rename begins, suggests the next place; Tab jumps, Tab applies, as one undo step', async function () {
    this.timeout(30_000);
    const api = await fathom();
    fake.server.reply(renameReply('count', 'total'));
    await setSetting('nextEdit.model', 'llama3.2:3b');
    const editor = await openWithCursor(BEFORE);

    await editor.edit((b) => b.replace(new vscode.Range(0, 6, 0, 11), 'total'));
    editor.selection = new vscode.Selection(0, 11, 0, 11);
    const first = await waitFor('a next-edit suggestion', () => api.nextEdit.suggestion(), { timeoutMs: 10_000, intervalMs: 5 });
    const chat = fake.server.requests.find((r) => r.endpoint === 'ollama.chat');
    assert.equal((chat?.body as { model?: string }).model, 'llama3.2:3b');
    assert.deepEqual(first.pieces[0], { from: { line: 6, character: 4 }, to: { line: 6, character: 9 }, text: 'total' });

    await vscode.commands.executeCommand('fathom.nextEdit.jumpOrAccept');
    assert.deepEqual([editor.selection.active.line, editor.selection.active.character], [6, 4], 'the first Tab jumps to the suggestion');
    assert.equal(editor.document.lineAt(6).text, 'use(count);', 'and changes nothing');

    // Tab applies; the next suggestion follows at once (as a user pressing Tab would) until the rename is done.
    for (let i = 0; i < 4 && editor.document.getText().includes('count)'); i++) {
      await waitFor('a next-edit suggestion', () => api.nextEdit.suggestion(), { timeoutMs: 10_000 });
      await vscode.commands.executeCommand('fathom.nextEdit.jumpOrAccept');
      if (!api.nextEdit.suggestion()) continue;
      await vscode.commands.executeCommand('fathom.nextEdit.jumpOrAccept');
    }
    const done = BEFORE.replace(CURSOR, '').replace(/\bcount\b/g, 'total');
    assert.equal(editor.document.getText(), done);

    await vscode.commands.executeCommand('undo');
    assert.ok(editor.document.getText().includes('const total = 1;'), 'undo takes back the accepted suggestion, not the user’s edit');
    assert.notEqual(editor.document.getText(), done);
  });

  it('Esc dismisses the suggestion and typing dismisses it too', async function () {
    this.timeout(30_000);
    const api = await fathom();
    fake.server.reply(renameReply('count', 'total'));
    await setSetting('nextEdit.model', 'llama3.2:3b');
    const editor = await openWithCursor(BEFORE);
    await editor.edit((b) => b.replace(new vscode.Range(0, 6, 0, 11), 'total'));
    await waitFor('a next-edit suggestion', () => api.nextEdit.suggestion(), { timeoutMs: 10_000 });
    await vscode.commands.executeCommand('fathom.nextEdit.dismiss');
    assert.equal(api.nextEdit.suggestion(), undefined);

    await editor.edit((b) => b.insert(new vscode.Position(0, 11), 's'));
    await waitFor('a new suggestion after the next edit', () => api.nextEdit.suggestion(), { timeoutMs: 10_000 });
    await editor.edit((b) => b.insert(new vscode.Position(0, 12), 'x'));
    assert.equal(api.nextEdit.suggestion(), undefined, 'typing dismisses the suggestion');
  });

  it('steps aside while ghost text is shown: ghost text wins at the cursor', async function () {
    this.timeout(30_000);
    const api = await fathom();
    const rename = renameReply('count', 'total');
    fake.server.reply((r) => (r.endpoint === 'ollama.generate' ? { text: ' // renamed' } : rename(r)));
    await setSetting('nextEdit.model', 'llama3.2:3b');
    const editor = await openWithCursor(BEFORE);
    await editor.edit((b) => b.replace(new vscode.Range(0, 6, 0, 11), 'total'));
    editor.selection = new vscode.Selection(0, 16, 0, 16);
    await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
    await fake.server.waitFor((rs) => rs.find((r) => r.endpoint === 'ollama.generate' && r.completed), 10_000, 'ghost text answered');
    // Not shown is a non-event: wait out the debounce, then any request made (ghost text shown first means none
    // is made), then the time an answer takes to show when nothing stops it.
    await new Promise((r) => setTimeout(r, NEXT_EDIT_DEBOUNCE_MS + 200));
    if (fake.server.requests.some((r) => r.endpoint === 'ollama.chat')) await fake.server.waitFor((rs) => rs.find((r) => r.endpoint === 'ollama.chat' && r.completed), 10_000, 'the next-edit request answered');
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(api.nextEdit.suggestion(), undefined, 'no next edit beside ghost text');
    assert.ok(api.completionStats().shown > 0, 'the ghost text was shown');

    await vscode.commands.executeCommand('editor.action.inlineSuggest.hide');
    fake.server.reply((r) => (r.endpoint === 'ollama.generate' ? { text: '' } : rename(r)));
    await editor.edit((b) => b.insert(new vscode.Position(1, 0), ' '));
    await waitFor('a next-edit suggestion once no ghost text is shown', () => api.nextEdit.suggestion(), { timeoutMs: 10_000 });
  });

  it('never puts an ignored file’s edits into the edit history it sends', async function () {
    this.timeout(30_000);
    const api = await fathom();
    fake.server.reply(renameReply('count', 'total'));
    await setSetting('nextEdit.model', 'llama3.2:3b');
    const folder = vscode.workspace.workspaceFolders![0].uri;
    const secret = vscode.Uri.joinPath(folder, 'generated', `next-edit-${Date.now()}`, '.env.local');
    await vscode.workspace.fs.writeFile(secret, new TextEncoder().encode('DB_PASSWORD=old\n'));
    const secretEditor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(secret));
    await secretEditor.edit((b) => b.replace(new vscode.Range(0, 12, 0, 15), 'hunter2-next-edit'));

    const editor = await openWithCursor(BEFORE);
    await editor.edit((b) => b.replace(new vscode.Range(0, 6, 0, 11), 'total'));
    await waitFor('a next-edit suggestion', () => api.nextEdit.suggestion(), { timeoutMs: 10_000 });
    const sent = fake.server.requests.filter((r) => r.endpoint === 'ollama.chat').map((r) => r.rawBody).join('\n');
    assert.ok(sent.includes('const total = 1;'), 'the file’s own edit is in the history');
    assert.ok(!sent.includes('hunter2') && !sent.includes('.env.local'), 'nothing of the ignored file');
  });

  it('a chat model’s prompt carries the imported definitions used at the cursor, never from an ignored file', async function () {
    this.timeout(30_000);
    const api = await fathom();
    fake.server.reply(renameReply('count', 'total'));
    await setSetting('nextEdit.model', 'llama3.2:3b');
    const folder = vscode.workspace.workspaceFolders![0].uri;
    const dir = `generated/ne-related-${Date.now()}`;
    const write = (path: string, text: string) => vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder, path), new TextEncoder().encode(text));
    const ignore = vscode.Uri.joinPath(folder, '.fathomignore');
    await write('.fathomignore', `${dir}/internal/\n`);
    try {
      await write(`${dir}/shapes.ts`, 'export interface Point {\n  x: number;\n  y: number;\n}\n');
      await write(`${dir}/internal/margin.ts`, 'export function margin(n: number): number {\n  return n * 0.4273;\n}\n');
      const hidden = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder, `${dir}/internal/margin.ts`)));
      await waitFor('the ignore rules to cover internal/', () => api.status().state === 'disabled', { timeoutMs: 15_000 });
      void hidden;
      const app = ["import { Point } from './shapes';", "import { margin } from './internal/margin';", '', 'const count: Point = { x: margin(1), y: 0 };', 'use(count);', ''].join('\n');
      await write(`${dir}/app.ts`, app);
      const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder, `${dir}/app.ts`)));
      await editor.edit((b) => b.replace(new vscode.Range(3, 6, 3, 11), 'total'));
      editor.selection = new vscode.Selection(3, 11, 3, 11);
      const request = await fake.server.waitFor((rs) => rs.find((r) => r.endpoint === 'ollama.chat'), 10_000, 'the next-edit request');
      assert.ok(request.rawBody.includes('Related definitions'), request.rawBody);
      assert.ok(request.rawBody.includes('export interface Point {'), 'the imported definition is in the prompt');
      assert.ok(!request.rawBody.includes('0.4273') && !request.rawBody.includes('internal/margin.ts:'), 'nothing of the ignored file');
    } finally {
      await vscode.workspace.fs.delete(ignore);
    }
  });

  it('asks nothing while no next-edit model is set, and follows the open document once one is', async function () {
    this.timeout(30_000);
    const api = await fathom();
    fake.server.reply(renameReply('count', 'total'));
    await setSetting('nextEdit.model', '');
    const editor = await openWithCursor(BEFORE);
    await editor.edit((b) => b.replace(new vscode.Range(0, 6, 0, 11), 'total'));
    // Longer than the debounce: a request would have gone out by now.
    await new Promise((r) => setTimeout(r, 1000));
    assert.equal(fake.server.requests.filter((r) => r.endpoint === 'ollama.chat').length, 0);
    assert.equal(api.nextEdit.suggestion(), undefined);

    // Turned on with the document already open and changed while off: the next edit starts from its text now.
    await setSetting('nextEdit.model', 'llama3.2:3b');
    await editor.edit((b) => b.replace(new vscode.Range(6, 4, 6, 9), 'total'));
    const next = await waitFor('a next-edit suggestion once a model is set', () => api.nextEdit.suggestion(), { timeoutMs: 10_000 });
    assert.deepEqual(next.pieces[0], { from: { line: 8, character: 4 }, to: { line: 8, character: 9 }, text: 'total' });
  });
});
