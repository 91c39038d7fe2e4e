/**
 * Workspace prompt files in a trusted workspace (the ordinary run: workspace trust off, so every workspace is
 * trusted): when Explain's prompt comes from `.fathom/prompts/explain.md`, the answer panel names the file and
 * its link opens it; when the chat's system prompt comes from `.fathom/prompts/chat.md`, the chat says so.
 * The untrusted side (shipped prompts, a one-time note) is test/integration/restricted.test.ts.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { fathom, openWithCursor, useFakeServer, waitFor, CURSOR } from './helpers';

const EXPLAIN_MARK = 'zebra_trusted_explain_prompt';
const CHAT_MARK = 'zebra_trusted_chat_prompt';

describe('workspace prompt files: the panel and the chat say when one was used', () => {
  const fake = useFakeServer();
  let folder: vscode.Uri;
  const write = (rel: string, text: string) => vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder, rel), new TextEncoder().encode(text));

  before(async () => {
    await fathom();
    const root = vscode.workspace.workspaceFolders?.[0]?.uri;
    assert.ok(root, 'a workspace folder');
    folder = root;
    assert.equal(vscode.workspace.isTrusted, true, 'the ordinary run trusts its workspace');
  });
  afterEach(() => vscode.workspace.fs.delete(vscode.Uri.joinPath(folder, '.fathom'), { recursive: true }).then(undefined, () => {}));

  it('Explain without a workspace prompt file: the panel names none', async () => {
    const api = await fathom();
    await openWithCursor(`export const half = (n: number) => n / 2;${CURSOR}\n`);
    await vscode.commands.executeCommand('fathom.explain');
    await waitFor('the panel to show the answer', () => api.answerPanel().current().view.phase === 'done');
    assert.equal(api.answerPanel().current().view.promptFile, undefined);
  });

  it('Explain with .fathom/prompts/explain.md: the prompt is the file, the panel names it, and its link opens it', async () => {
    const api = await fathom();
    await write('.fathom/prompts/explain.md', `## system\n${EXPLAIN_MARK}\n\n## user\nExplain {{code}}\n`);
    await openWithCursor(`export function twice(n: number): number {\n  return n * 2;${CURSOR}\n}\n`);
    fake.server.reply((r) => (r.endpoint === 'ollama.chat' ? { text: 'It doubles n.' } : undefined));
    await vscode.commands.executeCommand('fathom.explain');
    const request = fake.server.requests.find((r) => r.endpoint === 'ollama.chat');
    assert.ok(request?.rawBody.includes(EXPLAIN_MARK), 'the workspace prompt was sent');
    await waitFor('the panel to show the answer', () => api.answerPanel().current().view.phase === 'done');
    assert.equal(api.answerPanel().current().view.promptFile, '.fathom/prompts/explain.md');
    await api.answerPanel().openPromptFile();
    await waitFor('the prompt file to open in an editor', () => vscode.window.activeTextEditor?.document.uri.path.endsWith('/.fathom/prompts/explain.md'));
  });

  it('the chat with .fathom/prompts/chat.md: its system prompt is the file, and the chat says so', async () => {
    const api = await fathom();
    await write('.fathom/prompts/chat.md', `## system\n${CHAT_MARK}\n\n## user\n{{code}}\n`);
    await api.chat.session.newChat();
    await api.chat.session.send('What is a pure function?');
    const request = fake.server.requests.find((r) => r.endpoint === 'ollama.chat' && r.rawBody.includes('What is a pure function?'));
    assert.ok(request?.rawBody.includes(CHAT_MARK), 'the workspace system prompt was sent');
    assert.equal(api.chat.session.state().notice, "Using the workspace prompt file .fathom/prompts/chat.md as the chat's system prompt.");
  });
});
