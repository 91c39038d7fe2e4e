import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { fathom, setSetting, useFakeServer, waitFor } from './helpers';

/** Writes a workspace file and opens it with the cursor at the end of `line` (0-based). */
async function open(path: string, text: string, line: number): Promise<vscode.TextEditor> {
  const folder = vscode.workspace.workspaceFolders![0].uri;
  const uri = vscode.Uri.joinPath(folder, path);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
  const end = editor.document.lineAt(line).range.end;
  editor.selection = new vscode.Selection(end, end);
  return editor;
}

describe('privacy in the editor', () => {
  const fake = useFakeServer();

  it('never completes a file the defaults ignore (.env), and the status bar says why', async () => {
    const api = await fathom();
    await setSetting('completion.enabled', true);
    await open('.env', 'DATABASE_URL=postgres://app:hunter2secret@db/app\nAPI_KEY=', 1);
    await waitFor('the status bar to say the file is ignored', () => api.status().state === 'disabled' && /ignore rules/.test(api.status().tooltip));
    await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
    await vscode.commands.executeCommand('fathom.explain');
    // A normal file next: its request proves the provider ran, and nothing from .env went out before it.
    fake.server.reply(() => ({ text: 'b;' }));
    await open('src/ok.ts', 'const a = 1;\nconst c = a + ', 1);
    await waitFor('the status bar to leave the ignored state', () => api.status().state !== 'disabled');
    await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
    await fake.server.waitFor((rs) => rs.some((r) => r.endpoint === 'ollama.generate'), 10_000, 'a completion request for the normal file');
    assert.ok(fake.server.requests.every((r) => !r.rawBody.includes('hunter2secret') && !r.rawBody.includes('DATABASE_URL')), 'nothing from .env was sent');
    assert.equal(fake.server.requests.filter((r) => r.endpoint === 'ollama.chat').length, 0, 'Explain refused the ignored file');
  });

  it('follows .fathomignore: a listed file is neither completed nor read as context for another file', async () => {
    const api = await fathom();
    const folder = vscode.workspace.workspaceFolders![0].uri;
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder, '.fathomignore'), new TextEncoder().encode('internal/\n'));
    await open('internal/pricing.ts', 'export function secretMargin(price: number): number {\n  return price * 0.4273;\n}\n', 1);
    await waitFor('the status bar to treat internal/ as ignored', () => api.status().state === 'disabled', { timeoutMs: 15_000 });
    fake.server.reply(() => ({ text: 'secretMargin(10);' }));
    await open('src/shop.ts', "import { secretMargin } from '../internal/pricing';\n\nconst margin = ", 2);
    await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
    const request = await fake.server.waitFor((rs) => rs.find((r) => r.endpoint === 'ollama.generate'), 10_000, 'the completion request for shop.ts');
    assert.ok(!request.rawBody.includes('0.4273'), 'the ignored definition was not sent as context');
    await vscode.workspace.fs.delete(vscode.Uri.joinPath(folder, '.fathomignore'));
  });
});
