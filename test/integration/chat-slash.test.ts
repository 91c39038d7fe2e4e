/**
 * The chat's slash commands and `@terminal` in the real extension host, against the fake server: a `/explain`
 * typed in the chat attaches the editor's selection (or its file) and asks with the command's instruction while
 * the conversation keeps what was typed; with nothing to work on nothing is sent and the draft comes back; and
 * `@terminal` attaches the last command run in a real terminal with its output.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { fathom, openWithCursor, useFakeServer, waitFor } from './helpers';

const SOURCE = 'export function median(xs: number[]): number {\n  const sorted = [...xs].sort((a, b) => a - b);\n  return sorted[Math.floor(sorted.length / 2)];█\n}\n';

describe('chat slash commands', () => {
  const fake = useFakeServer();

  beforeEach(async () => {
    const api = await fathom();
    await api.chat.session.stop();
    await api.chat.session.newChat();
  });

  it('"/explain" in the chat attaches the selection and asks with the command\'s instruction', async () => {
    const api = await fathom();
    const editor = await openWithCursor(SOURCE);
    editor.selection = new vscode.Selection(1, 0, 3, 0);
    fake.server.reply((r) => (r.endpoint === 'ollama.chat' ? { text: 'It sorts a copy and takes the middle element.' } : undefined));

    await api.chat.view.receive({ type: 'send', text: '/explain why a copy?' });

    const request = await fake.server.waitFor((rs) => rs.find((r) => r.endpoint === 'ollama.chat'), 10_000, 'the chat request');
    const body = request.body as { messages: { role: string; content: string }[] };
    const question = body.messages.at(-1)!.content;
    assert.match(question, /Explain the attached code: what it does, how it works/);
    assert.match(question, /Also: why a copy\?$/);
    assert.ok(question.includes('const sorted = [...xs].sort((a, b) => a - b);'), 'the selected code was sent');
    assert.ok(!question.includes('export function median'), 'only the selection');
    assert.ok(!question.includes('/explain'), 'the model reads the instruction, not the command');
    const turns = api.chat.session.state().conversation.turns;
    assert.equal(turns[0].text, '/explain why a copy?', 'the conversation keeps what was typed');
    assert.deepEqual(turns[0].attachments?.map((a) => a.kind), ['selection']);
    assert.equal(turns[1].text, 'It sorts a copy and takes the middle element.');
  });

  it('"/doc" without a selection attaches the whole file; code already attached is used instead', async () => {
    const api = await fathom();
    await openWithCursor(SOURCE);
    fake.server.reply((r) => (r.endpoint === 'ollama.chat' ? { text: '```ts\n/** The middle value. */\n```' } : undefined));
    await api.chat.view.receive({ type: 'send', text: '/doc' });
    const first = await fake.server.waitFor((rs) => rs.find((r) => r.endpoint === 'ollama.chat'), 10_000, 'the chat request');
    assert.ok(first.rawBody.includes('export function median'), 'the whole file');
    assert.match(first.rawBody, /Add documentation comments to the attached code/);

    fake.server.reset();
    fake.server.reply((r) => (r.endpoint === 'ollama.chat' ? { text: 'ok' } : undefined));
    await api.chat.session.newChat();
    api.chat.session.attach({ id: 'x1', kind: 'selection', label: 'other.ts:1-1', path: 'other.ts', languageId: 'typescript', text: 'export const answer = 42;', startLine: 1, endLine: 1 });
    await api.chat.view.receive({ type: 'send', text: '/tests' });
    const second = await fake.server.waitFor((rs) => rs.find((r) => r.endpoint === 'ollama.chat'), 10_000, 'the second chat request');
    assert.ok(second.rawBody.includes('export const answer = 42;'));
    assert.ok(!second.rawBody.includes('export function median'), 'the editor was not attached as well');
    assert.deepEqual(api.chat.session.state().conversation.turns[0].attachments?.map((a) => a.label), ['other.ts:1-1']);
  });

  it('"@terminal" attaches the last command run in the terminal and its output', async function () {
    const api = await fathom();
    const terminal = vscode.window.createTerminal({ name: 'fathom-slash-test' });
    try {
      terminal.show();
      const integration = await waitFor('the terminal\'s shell integration', () => terminal.shellIntegration, { timeoutMs: 15_000 }).catch(() => undefined);
      if (!integration) {
        // No shell integration in this environment (no bash?): the buffer fallback needs a clipboard the browser may refuse.
        this.skip();
      }
      const ended = new Promise<void>((resolve) => {
        const listener = vscode.window.onDidEndTerminalShellExecution((e) => {
          if (e.terminal === terminal) {
            listener.dispose();
            resolve();
          }
        });
      });
      // The output comes after the command's start is reported, as for any command that takes a moment.
      integration!.executeCommand('sleep 0.5; echo fathom-terminal-$((6*7)); false');
      await ended;
      const attachment = await api.chat.terminals.attachment();
      assert.ok(attachment, 'something to attach');
      assert.equal(attachment.kind, 'terminal');
      assert.match(attachment.text, /^(# in .*\n)?\$ sleep 0\.5; echo fathom-terminal-\$\(\(6\*7\)\); false\n/);
      assert.match(attachment.text, /^fathom-terminal-42$/m);
      assert.match(attachment.text, /# exit code 1$/);
      assert.ok(!attachment.text.includes('\u001b'), 'no escape sequences');
      assert.match(attachment.label, /^Terminal: sleep 0\.5; echo fathom-terminal/);

      // A fast command: its output may go by before its start is reported; then it is read from the screen.
      const fastEnded = new Promise<void>((resolve) => {
        const listener = vscode.window.onDidEndTerminalShellExecution((e) => {
          if (e.terminal === terminal) {
            listener.dispose();
            resolve();
          }
        });
      });
      integration!.executeCommand('echo fathom-fast-$((3+4))');
      await fastEnded;
      const fast = await api.chat.terminals.attachment();
      assert.match(fast?.text ?? '', /^(# in .*\n)?\$ echo fathom-fast-\$\(\(3\+4\)\)\nfathom-fast-7\n# exit code 0$/);

      fake.server.reply((r) => (r.endpoint === 'ollama.chat' ? { text: '`false` exits with 1.' } : undefined));
      api.chat.session.attach(attachment);
      await api.chat.view.receive({ type: 'send', text: 'Why did it fail?' });
      const request = await fake.server.waitFor((rs) => rs.find((r) => r.endpoint === 'ollama.chat'), 10_000, 'the chat request');
      assert.match(request.rawBody, /The last command run in the terminal, and its output:/);
      assert.ok(request.rawBody.includes('fathom-terminal-42'));
    } finally {
      terminal.dispose();
    }
  });

  it('"@terminal" without shell integration attaches the end of the terminal\'s text, and keeps the clipboard', async () => {
    const api = await fathom();
    const written = new vscode.EventEmitter<string>();
    const output = 'Running 3 tests\r\n\u001b[31mFAIL\u001b[0m parse.test.ts\r\nSyntaxError: Unexpected end of JSON input\r\n';
    const terminal = vscode.window.createTerminal({ name: 'fathom-pty-test', pty: { onDidWrite: written.event, open: () => written.fire(output), close: () => {} } });
    try {
      terminal.show(true);
      await waitFor('the terminal to open', () => vscode.window.activeTerminal === terminal);
      await vscode.env.clipboard.writeText('what the user had copied');
      const attachment = await waitFor('the terminal to show its text', async () => {
        const found = await api.chat.terminals.attachment();
        return found?.text.includes('SyntaxError') ? found : undefined;
      }, { timeoutMs: 20_000, intervalMs: 300 });
      assert.equal(attachment.label, 'Terminal: fathom-pty-test');
      assert.match(attachment.text, /^Running 3 tests\nFAIL parse\.test\.ts\nSyntaxError: Unexpected end of JSON input$/);
      assert.equal(await vscode.env.clipboard.readText(), 'what the user had copied');
    } finally {
      terminal.dispose();
      written.dispose();
    }
  });
});
