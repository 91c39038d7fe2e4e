/**
 * Explain, Debug, Refactor, Generate Tests and Document run from their command ids inside the real extension
 * host, against the fake server: what they send (the recorded request), what they show (the answer panel, the
 * diff of a proposal), what Accept and Reject do to the file, and that Cancel closes the HTTP stream.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { RecordedRequest } from '../fake-server';
import { EXTENSION_ID, fathom, openWithCursor, setSetting, useFakeServer, waitFor } from './helpers';

const SOURCE = `export class Calculator {
  add(a: number, b: number): number {
    const sum = a + b;
    return █sum;
  }

  unrelatedHelper(): string {
    return 'not part of the target';
  }
}
`;

const ADD_METHOD = `  add(a: number, b: number): number {
    const sum = a + b;
    return sum;
  }`;

/** The user message of a recorded chat request (the prompt the command built). */
function userText(request: RecordedRequest): string {
  const messages = (request.body as { messages?: { role: string; content: string }[] }).messages ?? [];
  return messages.filter((m) => m.role === 'user').map((m) => m.content).join('\n');
}

function allText(request: RecordedRequest): string {
  const messages = (request.body as { messages?: { role: string; content: string }[] }).messages ?? [];
  return messages.map((m) => m.content).join('\n');
}

/** The diff editor a proposal opened (the right side is a fathom-proposal: document). */
function proposalTab(): vscode.Tab | undefined {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputTextDiff && t.input.modified.scheme === 'fathom-proposal');
}

describe('editor commands (Explain, Debug, Refactor, Generate Tests, Document)', () => {
  const fake = useFakeServer();
  before(() => fathom());

  it('registers each command under its palette title', async () => {
    const titles: Record<string, string> = {
      'fathom.explain': 'Fathom: Explain',
      'fathom.debug': 'Fathom: Debug',
      'fathom.debugTerminalSelection': 'Fathom: Debug Terminal Selection',
      'fathom.refactor': 'Fathom: Refactor',
      'fathom.generateTests': 'Fathom: Generate Tests',
      'fathom.document': 'Fathom: Document',
    };
    const registered = new Set(await vscode.commands.getCommands(true));
    const contributed: { command: string; title: string; category?: string }[] = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON.contributes.commands;
    for (const [id, title] of Object.entries(titles)) {
      assert.ok(registered.has(id), `${id} is registered`);
      const c = contributed.find((x) => x.command === id);
      assert.equal(c && `${c.category}: ${c.title}`, title);
    }
  });

  const chatRequest = () => fake.server.waitFor((rs) => rs.find((r) => r.endpoint === 'ollama.chat'), 10_000, 'a chat request');

  it('Explain sends the method at the cursor and streams the answer into the panel', async () => {
    const api = await fathom();
    const editor = await openWithCursor(SOURCE);
    fake.server.reply((r) => (r.endpoint === 'ollama.chat' ? { text: 'The **add** method returns the sum of `a` and `b` (line 3).', tokenMs: 5 } : undefined));
    const answer = await vscode.commands.executeCommand<string>('fathom.explain');
    const request = await chatRequest();
    const sent = userText(request);
    // The method as it stands from its first token (its indentation belongs to the line, not to the method).
    assert.ok(sent.includes(ADD_METHOD.trimStart()), `the prompt carries the method at the cursor:\n${sent}`);
    assert.ok(!sent.includes("return 'not part of the target'"), `the prompt does not carry the other method as the target:\n${sent}`);
    assert.ok(sent.includes(vscode.workspace.asRelativePath(editor.document.uri)), 'the prompt names the file');
    assert.equal(answer, 'The **add** method returns the sum of `a` and `b` (line 3).');
    await waitFor('the answer panel to show the whole answer', () => api.answerPanel().current().view.markdown.includes('returns the sum of'));
    assert.equal(editor.document.isDirty, false, 'Explain changes nothing');
  });

  it('writes the answer in the configured language for the configured audience, else in VS Code\'s display language', async () => {
    await openWithCursor(SOURCE);
    fake.server.reply((r) => (r.endpoint === 'ollama.chat' ? { text: 'ok' } : undefined));
    await vscode.commands.executeCommand('fathom.explain');
    const byDefault = allText(await chatRequest());
    assert.match(byDefault, new RegExp(`\\(${vscode.env.language}\\)|${vscode.env.language === 'en' ? 'English' : vscode.env.language}`), `the display language (${vscode.env.language}) is asked for:\n${byDefault}`);
    fake.server.reset();
    fake.server.reply((r) => (r.endpoint === 'ollama.chat' ? { text: 'ok' } : undefined));
    await setSetting('answerLanguage', 'de');
    await setSetting('explain.audience', 'beginner');
    await vscode.commands.executeCommand('fathom.explain');
    const configured = allText(await chatRequest());
    assert.ok(configured.includes('German'), `German is asked for:\n${configured}`);
    assert.ok(configured.includes('beginner'), `the beginner audience is asked for:\n${configured}`);
  });

  it('uses the workspace\'s own prompt file from .fathom/prompts/ over the shipped one', async () => {
    const folder = vscode.workspace.workspaceFolders![0].uri;
    const override = vscode.Uri.joinPath(folder, '.fathom', 'prompts', 'explain.md');
    await vscode.workspace.fs.writeFile(override, new TextEncoder().encode('## user\nHOUSE STYLE: explain {{name}} in one line.\n\n{{code}}\n'));
    try {
      await openWithCursor(SOURCE);
      fake.server.reply((r) => (r.endpoint === 'ollama.chat' ? { text: 'ok' } : undefined));
      await vscode.commands.executeCommand('fathom.explain');
      const sent = allText(await chatRequest());
      assert.ok(sent.startsWith('HOUSE STYLE: explain add in one line.'), sent);
    } finally {
      await vscode.workspace.fs.delete(vscode.Uri.joinPath(folder, '.fathom'), { recursive: true });
    }
  });

  it('Refactor shows a diff, and Accept changes the file in one undo step', async () => {
    const editor = await openWithCursor(SOURCE);
    const original = editor.document.getText();
    fake.server.reply((r) => (r.endpoint === 'ollama.chat' ? { text: 'Simpler:\n\n```ts\n  add(a: number, b: number): number {\n    return a + b;\n  }\n```\n' } : undefined));
    const run = vscode.commands.executeCommand<string>('fathom.refactor', 'Simplify');
    const sent = userText(await chatRequest());
    assert.ok(sent.includes('Simplify'), `the prompt says what to do:\n${sent}`);
    await waitFor('the proposal to open as a diff', () => proposalTab());
    assert.equal(editor.document.getText(), original, 'nothing is written before Accept');
    await vscode.commands.executeCommand('fathom.proposal.accept');
    assert.equal(await run, 'accepted');
    const expected = original.replace(ADD_METHOD, '  add(a: number, b: number): number {\n    return a + b;\n  }');
    assert.equal(editor.document.getText(), expected);
    assert.equal(proposalTab(), undefined, 'the diff closes after Accept');
    await vscode.window.showTextDocument(editor.document);
    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.getText(), original, 'one undo restores the file');
  });

  it('Refactor with Reject leaves the file unchanged', async () => {
    const editor = await openWithCursor(SOURCE);
    const original = editor.document.getText();
    fake.server.reply((r) => (r.endpoint === 'ollama.chat' ? { text: '```ts\n  add(a: number, b: number): number {\n    return a + b;\n  }\n```' } : undefined));
    const run = vscode.commands.executeCommand<string>('fathom.refactor', 'Simplify');
    await waitFor('the proposal to open as a diff', () => proposalTab());
    await vscode.commands.executeCommand('fathom.proposal.reject');
    assert.equal(await run, 'rejected');
    assert.equal(editor.document.getText(), original);
    assert.equal(editor.document.isDirty, false);
  });

  it('refuses to apply a proposal when the target was edited meanwhile', async () => {
    const editor = await openWithCursor(SOURCE);
    fake.server.reply((r) => (r.endpoint === 'ollama.chat' ? { text: '```ts\n  add(a: number, b: number): number {\n    return a + b;\n  }\n```' } : undefined));
    const run = vscode.commands.executeCommand<string>('fathom.refactor', 'Simplify');
    await waitFor('the proposal to open as a diff', () => proposalTab());
    // The user rewrites the very lines the proposal replaces (the diff has the focus now: edit the document).
    const rewrite = new vscode.WorkspaceEdit();
    rewrite.replace(editor.document.uri, editor.document.lineAt(2).range, '    const total = b + a + 0;');
    assert.ok(await vscode.workspace.applyEdit(rewrite));
    const edited = editor.document.getText();
    await vscode.commands.executeCommand('fathom.proposal.accept');
    assert.equal(await run, 'refused');
    assert.equal(editor.document.getText(), edited, 'nothing was applied to the wrong lines');
  });

  it('applies a proposal at the right place when lines above the target were added while the model answered', async () => {
    const editor = await openWithCursor(SOURCE);
    const original = editor.document.getText();
    fake.server.reply((r) => (r.endpoint === 'ollama.chat' ? { text: '```ts\n  add(a: number, b: number): number {\n    return a + b;\n  }\n```', firstTokenMs: 800 } : undefined));
    const run = vscode.commands.executeCommand<string>('fathom.refactor', 'Simplify');
    await chatRequest();
    // While the model is still thinking, the user adds a comment above the class.
    const insert = new vscode.WorkspaceEdit();
    insert.insert(editor.document.uri, new vscode.Position(0, 0), '// a note\n');
    assert.ok(await vscode.workspace.applyEdit(insert));
    await waitFor('the proposal to open as a diff', () => proposalTab());
    await vscode.commands.executeCommand('fathom.proposal.accept');
    assert.equal(await run, 'accepted');
    assert.equal(editor.document.getText(), '// a note\n' + original.replace(ADD_METHOD, '  add(a: number, b: number): number {\n    return a + b;\n  }'));
  });

  it('Debug on a real TypeScript diagnostic sends that diagnostic', async function () {
    // TypeScript's first analysis may take most of a minute on a busy machine (the wait below allows 60 s).
    this.timeout(90_000);
    const editor = await openWithCursor(`export function total(items: number[]): number {\n  let sum: number = 0;\n  for (const item of items) sum += item;\n  return su█mm;\n}\n`);
    // The TypeScript language features analyse the file in the extension host; wait for their error.
    const diagnostic = await waitFor('TypeScript to report the misspelt name', () => vscode.languages.getDiagnostics(editor.document.uri).find((d) => /summ/.test(d.message)), { timeoutMs: 60_000 });
    fake.server.reply((r) => (r.endpoint === 'ollama.chat' ? { text: 'The name is misspelt.\n\n```ts\nexport function total(items: number[]): number {\n  let sum: number = 0;\n  for (const item of items) sum += item;\n  return sum;\n}\n```' } : undefined));
    const run = vscode.commands.executeCommand<string>('fathom.debug');
    const request = await chatRequest();
    assert.ok(allText(request).includes(diagnostic.message), `the prompt carries the diagnostic "${diagnostic.message}":\n${allText(request)}`);
    await waitFor('the proposed fix to open as a diff', () => proposalTab());
    await vscode.commands.executeCommand('fathom.proposal.reject');
    assert.equal(await run, 'rejected');
  });

  it('Debug Terminal Selection sends the error selected in the terminal, and restores the clipboard', async function () {
    this.timeout(60_000);
    const editor = await openWithCursor(`export function parse(text: string) {\n  return JSON.parse(te█xt);\n}\n`);
    const trace = 'SyntaxError: Unexpected token } in JSON at position 7';
    const written = new vscode.EventEmitter<string>();
    const terminal = vscode.window.createTerminal({ name: 'failing test', pty: { onDidWrite: written.event, open: () => written.fire(trace), close: () => {} } });
    try {
      terminal.show(true);
      await vscode.env.clipboard.writeText('what the user had copied');
      await waitFor('the terminal to open', () => vscode.window.activeTerminal === terminal);
      // The user selects the error in the terminal (the terminal renders it a moment after it opens).
      await waitFor('the error to be selected in the terminal', async () => {
        await vscode.commands.executeCommand('workbench.action.terminal.selectAll');
        await vscode.commands.executeCommand('workbench.action.terminal.copySelection');
        return (await vscode.env.clipboard.readText()).includes('SyntaxError');
      }, { timeoutMs: 20_000, intervalMs: 200 });
      await vscode.env.clipboard.writeText('what the user had copied');
      assert.equal(vscode.window.activeTextEditor?.document, editor.document);
      fake.server.reply((r) =>
        r.endpoint === 'ollama.chat'
          ? { text: 'The JSON text is malformed.\n\n```ts\nexport function parse(text: string) {\n  try {\n    return JSON.parse(text);\n  } catch {\n    return undefined;\n  }\n}\n```' }
          : undefined,
      );
      const run = vscode.commands.executeCommand<string>('fathom.debugTerminalSelection');
      const request = await chatRequest();
      assert.ok(allText(request).includes(trace), allText(request));
      assert.ok(allText(request).includes('JSON.parse(text)'), 'the code at the cursor goes with it');
      await waitFor('the proposed fix to open as a diff', () => proposalTab());
      await vscode.commands.executeCommand('fathom.proposal.reject');
      assert.equal(await run, 'rejected');
      assert.equal(await vscode.env.clipboard.readText(), 'what the user had copied');
    } finally {
      terminal.dispose();
      written.dispose();
    }
  });

  it('offers "Explain this problem" and "Fix this problem" as quick fixes on a diagnostic', async () => {
    const editor = await openWithCursor(`export const x = █1;\n`);
    const collection = vscode.languages.createDiagnosticCollection('fathom-test');
    try {
      const range = new vscode.Range(0, 17, 0, 18);
      collection.set(editor.document.uri, [new vscode.Diagnostic(range, 'a made-up problem', vscode.DiagnosticSeverity.Error)]);
      const actions = await waitFor('Fathom quick fixes', async () => {
        const all = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', editor.document.uri, range, vscode.CodeActionKind.QuickFix.value);
        const ours = all.filter((a) => a.title.startsWith('Fathom:'));
        return ours.length >= 2 ? ours : undefined;
      });
      assert.deepEqual(actions.map((a) => a.title).sort(), ['Fathom: Explain this problem', 'Fathom: Fix this problem']);
      for (const a of actions) assert.equal(a.kind?.value, vscode.CodeActionKind.QuickFix.value);

      // fathom.quickFixes.enabled off: the lightbulb offers nothing of Fathom's; on again, it does.
      const ours = async () => (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', editor.document.uri, range, vscode.CodeActionKind.QuickFix.value)).filter((a) => a.title.startsWith('Fathom:'));
      await setSetting('quickFixes.enabled', false);
      assert.deepEqual(await ours(), []);
      await setSetting('quickFixes.enabled', true);
      assert.equal((await ours()).length, 2);
    } finally {
      collection.dispose();
    }
  });

  it('"Explain this problem" sends the diagnostic it was offered for', async () => {
    const editor = await openWithCursor(`export function f(): number {\n  return █1;\n}\n`);
    const diagnostic = new vscode.Diagnostic(new vscode.Range(1, 9, 1, 10), 'a made-up problem about the literal', vscode.DiagnosticSeverity.Warning);
    fake.server.reply((r) => (r.endpoint === 'ollama.chat' ? { text: 'It is made up.' } : undefined));
    await vscode.commands.executeCommand('fathom.explainProblem', { uri: editor.document.uri, diagnostic });
    const text = allText(await chatRequest());
    assert.ok(text.includes('a made-up problem about the literal'), text);
  });

  it('"Fix this problem" proposes the fix for its diagnostic as a diff', async () => {
    const editor = await openWithCursor(`export function f(): number {\n  return █'1';\n}\n`);
    const diagnostic = new vscode.Diagnostic(new vscode.Range(1, 9, 1, 12), 'a made-up problem: a string is returned', vscode.DiagnosticSeverity.Error);
    fake.server.reply((r) => (r.endpoint === 'ollama.chat' ? { text: 'Return a number.\n\n```ts\nexport function f(): number {\n  return 1;\n}\n```' } : undefined));
    const run = vscode.commands.executeCommand<string>('fathom.fixProblem', { uri: editor.document.uri, diagnostic });
    assert.ok(allText(await chatRequest()).includes('a made-up problem: a string is returned'));
    await waitFor('the proposed fix to open as a diff', () => proposalTab());
    await vscode.commands.executeCommand('fathom.proposal.accept');
    assert.equal(await run, 'accepted');
    assert.equal(editor.document.getText(), 'export function f(): number {\n  return 1;\n}\n');
  });

  it('Cancel stops the stream: the HTTP connection is closed', async () => {
    const api = await fathom();
    await openWithCursor(SOURCE);
    fake.server.reply((r) => (r.endpoint === 'ollama.chat' ? { text: 'more and more ', endless: true, tokenMs: 20 } : undefined));
    const run = Promise.resolve(vscode.commands.executeCommand('fathom.explain'));
    await fake.server.waitFor((rs) => rs.find((r) => r.endpoint === 'ollama.chat' && !r.completed), 10_000, 'a streaming chat request');
    await waitFor('the command to be running', () => api.commands.cancelAll() > 0);
    const closed = await fake.server.waitFor((rs) => rs.find((r) => r.endpoint === 'ollama.chat' && r.closedByClient), 10_000, 'the client to close the stream');
    assert.equal(closed.completed, false);
    await run;
    await waitFor('the status bar to go back to idle', () => api.status().state !== 'working');
  });

  it('closing the answer panel stops the stream it was receiving', async () => {
    const api = await fathom();
    await openWithCursor(SOURCE);
    fake.server.reply((r) => (r.endpoint === 'ollama.chat' ? { text: 'more and more ', endless: true, tokenMs: 20 } : undefined));
    const run = Promise.resolve(vscode.commands.executeCommand('fathom.explain'));
    await fake.server.waitFor((rs) => rs.find((r) => r.endpoint === 'ollama.chat' && !r.completed), 10_000, 'a streaming chat request');
    const panelTab = await waitFor('the answer panel tab', () =>
      vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.includes('fathom')),
    );
    await vscode.window.tabGroups.close(panelTab);
    const closed = await fake.server.waitFor((rs) => rs.find((r) => r.endpoint === 'ollama.chat' && r.closedByClient), 10_000, 'the client to close the stream');
    assert.equal(closed.completed, false);
    await run;
    await waitFor('the status bar to go back to idle', () => api.status().state !== 'working');
  });

  it('Generate Tests proposes a new file beside the source; Accept creates it', async () => {
    const editor = await openWithCursor(`export function double(n: number): number {\n  return █n * 2;\n}\n`);
    fake.server.reply((r) =>
      r.endpoint === 'ollama.chat'
        ? { text: "```ts\nimport { double } from './x';\n\ndescribe('double', () => {\n  it('doubles', () => {\n    if (double(2) !== 4) throw new Error('wrong');\n  });\n});\n```" }
        : undefined,
    );
    const run = vscode.commands.executeCommand<string>('fathom.generateTests');
    await waitFor('the proposed test file to open as a diff', () => proposalTab());
    await vscode.commands.executeCommand('fathom.proposal.accept');
    assert.equal(await run, 'accepted');
    const expected = editor.document.uri.with({ path: editor.document.uri.path.replace(/\.ts$/, '.test.ts') });
    const created = await waitFor('the new test file beside the source to be open', () => vscode.workspace.textDocuments.find((d) => d.uri.toString() === expected.toString()));
    assert.ok(created.getText().includes("describe('double'"), created.getText());
    assert.equal(created.isDirty, false, 'Accept wrote the file');
    await vscode.workspace.fs.delete(created.uri);
  });

  it('Document proposes doc comments as a diff and Accept adds them', async () => {
    const editor = await openWithCursor(`export function double(n: number): number {\n  return █n * 2;\n}\n`);
    fake.server.reply((r) =>
      r.endpoint === 'ollama.chat'
        ? { text: '```ts\n/** Twice `n`. */\nexport function double(n: number): number {\n  return n * 2;\n}\n```' }
        : undefined,
    );
    const run = vscode.commands.executeCommand<string>('fathom.document');
    await waitFor('the proposal to open as a diff', () => proposalTab());
    await vscode.commands.executeCommand('fathom.proposal.accept');
    assert.equal(await run, 'accepted');
    assert.equal(editor.document.getText(), '/** Twice `n`. */\nexport function double(n: number): number {\n  return n * 2;\n}\n');
  });
});
