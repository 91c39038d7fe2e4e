import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { ANSWER_PANEL_VIEW_TYPE, type AnswerPanel } from '../../src/vscode/panel/answerPanel';
import { PanelActions } from '../../src/vscode/panel/panelActions';
import { CURSOR, fathom, openWithCursor, waitFor } from './helpers';

/** The answer panel's tabs (VS Code prefixes the view type with the extension's id). */
const panelTabs = () =>
  vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith(ANSWER_PANEL_VIEW_TYPE));

/** Resolves when the panel's script has loaded under its Content-Security-Policy and said 'ready'. */
const nextReady = (panel: AnswerPanel) =>
  new Promise<void>((resolve) => {
    const sub = panel.onDidReceiveMessage((m) => {
      if (m.type === 'ready') {
        sub.dispose();
        resolve();
      }
    });
  });

describe('answer panel', () => {
  let panel: AnswerPanel;
  before(async () => {
    panel = (await fathom()).answerPanel();
  });

  it('opens beside the editor, runs its bundled script, and receives the streamed answer', async () => {
    // No panel left by an earlier suite (closed, but its dispose maybe not heard yet): this answer opens a new one.
    await waitFor('no answer panel to be open', () => !panel.current().visible && !panel.current().ready, { timeoutMs: 10_000 });
    const editor = await openWithCursor(`export function add(a: number, b: number) {\n  return a + b;${CURSOR}\n}\n`);
    const ready = nextReady(panel);
    panel.start({ title: 'Explain add()', subtitle: 'add.ts:1–3', source: editor.document.uri });
    await ready;
    const [tab] = panelTabs();
    assert.ok(tab, 'a panel tab is open');
    assert.equal(tab.label, 'Explain add()');
    assert.notEqual(tab.group.viewColumn, editor.viewColumn, 'beside the editor, not over it');
    assert.equal(vscode.window.activeTextEditor?.document, editor.document, 'the editor keeps the focus');

    for (const chunk of ['`add` returns ', 'the sum of its ', 'two arguments (line 2).\n\n', '```ts\nadd(1, 2); // 3\n```\n']) panel.append(chunk);
    panel.finish();
    const { view, ready: listening, visible } = panel.current();
    assert.equal(view.markdown, '`add` returns the sum of its two arguments (line 2).\n\n```ts\nadd(1, 2); // 3\n```\n', 'every chunk delivered, once, in order');
    assert.equal(view.phase, 'done');
    assert.ok(listening && visible);
  });

  it('reuses the one panel for the next answer, and keeps a failure message', async () => {
    await openWithCursor(`const x = 1;${CURSOR}\n`);
    const ready = nextReady(panel);
    panel.start({ title: 'Explain x' });
    await ready;
    panel.start({ title: 'Debug x' });
    panel.append('Partial');
    panel.fail('The model stopped answering.');
    assert.equal(panelTabs().length, 1);
    await waitFor('the tab to take the new title', () => panelTabs()[0]?.label === 'Debug x');
    assert.deepEqual({ ...panel.current().view }, { title: 'Debug x', subtitle: undefined, markdown: 'Partial', phase: 'failed', chatAvailable: true, error: 'The model stopped answering.' });
  });

  it('comes back with its answer after being hidden (the webview is re-created and asks again)', async () => {
    const editor = await openWithCursor(`let y = 2;${CURSOR}\n`);
    const ready = nextReady(panel);
    panel.start({ title: 'Explain y', source: editor.document.uri });
    await ready;
    panel.append('y is two.');
    panel.finish();
    const column = panelTabs()[0].group.viewColumn;
    // Another editor in the panel's group hides it.
    await vscode.window.showTextDocument(editor.document, { viewColumn: column, preview: false });
    await waitFor('the panel to be hidden', () => !panel.current().visible);
    assert.equal(panel.current().ready, false, 'a hidden webview is not posted to');
    const again = nextReady(panel);
    panel.show('Explain y');
    await again;
    assert.equal(panel.current().view.markdown, 'y is two.');
  });
});

describe('answer panel actions in the editor', () => {
  let actions: PanelActions;
  beforeEach(() => (actions = new PanelActions()));
  afterEach(() => actions.dispose());

  it('Insert puts the code at the cursor of the last active editor as one undo step', async () => {
    const editor = await openWithCursor(`function f() {\n  ${CURSOR}\n}\n`);
    assert.equal(await actions.insert('return 1;\nreturn 2;'), true);
    assert.equal(editor.document.getText(), 'function f() {\n  return 1;\nreturn 2;\n}\n');
    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.getText(), 'function f() {\n  \n}\n');
  });

  it('Reveal selects the lines an answer links to, clamped to the document', async () => {
    const editor = await openWithCursor(`a\nb\nc\nd${CURSOR}\n`);
    const shown = await actions.reveal(editor.document.uri, 2, 3);
    assert.ok(shown);
    assert.deepEqual([shown.selection.start.line, shown.selection.end.line, shown.selection.end.character], [1, 2, 1]);
    const clamped = await actions.reveal(editor.document.uri, 90);
    assert.equal(clamped?.selection.start.line, 4);
  });

  it('Copy writes the code to the clipboard', async () => {
    await actions.copy('const copied = true;');
    assert.equal(await vscode.env.clipboard.readText(), 'const copied = true;');
  });

  it('refuses to open anything but web links', async () => {
    assert.equal(await actions.openLink('command:workbench.action.closeAllEditors'), false);
    assert.equal(await actions.openLink('file:///etc/passwd'), false);
  });
});
