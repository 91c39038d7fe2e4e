/**
 * Local statistics in the real extension host: a suggestion from the fake server shown and accepted (whole, or
 * its next word through fathom.acceptNextWord) is counted for its language and model, with its latency, and
 * stored in this machine's globalState; "Fathom: Show Statistics" opens one panel that draws the counts and
 * redraws as they change.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { FathomApi } from '../../src/extension';
import type { StatisticsData, StatisticsRow } from '../../src/statistics/book';
import { closeAllEditors, CURSOR, EXTENSION_ID, fathom, openWithCursor, restoreSettings, setSetting, triggerAndAccept, useFakeServer, waitFor, waitForPage } from './helpers';

describe('statistics', () => {
  const fake = useFakeServer();
  let api: FathomApi;
  before(async () => {
    api = await fathom();
  });
  after(() => closeAllEditors());

  const model = () => vscode.workspace.getConfiguration('fathom').get<string>('completion.model')!;
  const row = (by: 'languages' | 'models', name: string): StatisticsRow | undefined => api.statistics.store.summary()[by].find((r) => r.name === name);
  /** The panel as the extension sees it, and the statistics tabs as VS Code has them (for a failure message). */
  const pageState = () => {
    const { open, ready, sent } = api.statistics.panel().current();
    const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs.map((t) => ({ label: t.label, active: t.isActive, group: g.viewColumn })));
    return { open, ready, sent: !!sent, tabs };
  };
  const none: StatisticsRow = { name: '', shown: 0, accepted: { whole: 0, word: 0, line: 0 }, acceptedTotal: 0, rate: 0 };

  it('counts a suggestion shown and accepted whole for its language and model, with its latency, and stores it on this machine', async () => {
    const storedPair = () => (api.statistics.stored() as StatisticsData | undefined)?.rows.find((r) => r.language === 'typescript' && r.model === model());
    await api.statistics.store.flush();
    const storedBefore = storedPair()?.accepted.whole ?? 0;
    const before = { language: row('languages', 'typescript') ?? none, model: row('models', model()) ?? none, samples: api.statistics.store.summary().latency.samples, scheduler: api.completionStats().accepted.whole };
    fake.server.reply(() => ({ text: 'a + b;' }));
    const editor = await openWithCursor(`export function add(a: number, b: number): number {\n  return ${CURSOR}\n}\n`);
    await triggerAndAccept(editor);
    await waitFor('the acceptance to be counted', () => (row('languages', 'typescript')?.accepted.whole ?? 0) === before.language.accepted.whole + 1);
    const language = row('languages', 'typescript')!;
    assert.ok(language.shown > before.language.shown, 'shown is counted');
    assert.equal(row('models', model())!.accepted.whole, before.model.accepted.whole + 1, 'for the model that answered');
    assert.ok(api.statistics.store.summary().latency.samples > before.samples, 'its latency is in the histogram');
    assert.equal(api.completionStats().accepted.whole, before.scheduler + 1, 'the scheduler still counts it');

    // In globalState (this machine's storage), once written.
    await api.statistics.store.flush();
    assert.equal(storedPair()?.accepted.whole, storedBefore + 1);
  });

  it('fathom.acceptNextWord (ctrl/cmd+right while a suggestion shows) accepts the next word and counts it by word', async () => {
    const keybinding = (vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON.contributes.keybindings as { command: string; key: string; mac?: string; when: string }[]).find((k) => k.command === 'fathom.acceptNextWord');
    assert.deepEqual([keybinding?.key, keybinding?.mac], ['ctrl+right', 'cmd+right']);
    assert.match(keybinding!.when, /inlineSuggestionVisible && !editorReadonly/);

    const before = { word: row('languages', 'plaintext')?.accepted.word ?? 0, whole: row('languages', 'plaintext')?.accepted.whole ?? 0, scheduler: api.completionStats().accepted.word };
    fake.server.reply(() => ({ text: ' brave new world' }));
    const editor = await openWithCursor(`hello${CURSOR}`, 'txt');
    await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
    await waitFor('the next word of a suggestion to be accepted', async () => {
      await vscode.commands.executeCommand('fathom.acceptNextWord');
      return editor.document.getText() !== 'hello';
    }, { timeoutMs: 10_000, intervalMs: 100 });
    const text = editor.document.getText();
    // A word (VS Code takes the space before it as a word of its own), not the whole suggestion.
    assert.ok(text.length > 'hello'.length && text.length < 'hello brave new world'.length && 'hello brave new world'.startsWith(text), `one word taken: ${JSON.stringify(text)}`);
    assert.equal(row('languages', 'plaintext')?.accepted.word, before.word + 1);
    assert.equal(row('languages', 'plaintext')?.accepted.whole ?? 0, before.whole, 'not counted as whole');
    assert.equal(api.completionStats().accepted.word, before.scheduler + 1, 'the scheduler counts the word too');
    await vscode.commands.executeCommand('editor.action.inlineSuggest.hide');
  });

  it('fathom.acceptNextWord with no suggestion shown counts nothing', async () => {
    const editor = await openWithCursor(`plain${CURSOR} text`, 'txt');
    const before = row('languages', 'plaintext')?.accepted.word ?? 0;
    await vscode.commands.executeCommand('editor.action.inlineSuggest.hide');
    await vscode.commands.executeCommand('fathom.acceptNextWord');
    assert.equal(editor.document.getText(), 'plain text');
    assert.equal(row('languages', 'plaintext')?.accepted.word ?? 0, before);
  });

  it('"Fathom: Show Statistics" opens one panel, revealed again when run again, that draws the counts and redraws as they change', async () => {
    await closeAllEditors();
    await vscode.commands.executeCommand('fathom.showStatistics');
    const sent = await waitForPage('the statistics page to be drawn', () => api.statistics.panel().current().ready && api.statistics.panel().current().sent, pageState);
    assert.equal(sent.summary.empty, false);
    assert.ok(sent.summary.languages.some((r) => r.name === 'typescript' && r.accepted.whole > 0), 'the language row counts the acceptance');
    assert.equal(sent.labels.title, 'Fathom Statistics');
    const tabs = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('fathom.statistics'));
    assert.equal(tabs().length, 1);
    assert.equal(tabs()[0].label, 'Fathom Statistics');
    await vscode.commands.executeCommand('fathom.showStatistics');
    assert.equal(tabs().length, 1, 'one panel per window');

    api.statistics.store.shown('statistics-test', 'test-model', 42);
    await waitFor('the open page to be redrawn with the new count', () => api.statistics.panel().current().sent?.summary.languages.some((r) => r.name === 'statistics-test'), { timeoutMs: 10_000 });
  });

  it('with fathom.statistics.enabled off, a suggestion shown and accepted is not counted', async () => {
    await setSetting('statistics.enabled', false);
    try {
      const before = JSON.stringify(api.statistics.store.summary());
      fake.server.reply(() => ({ text: ' world' }));
      const editor = await openWithCursor(`hello${CURSOR}`, 'txt');
      assert.equal(await triggerAndAccept(editor), `hello world${CURSOR}`);
      assert.equal(JSON.stringify(api.statistics.store.summary()), before);
    } finally {
      await restoreSettings();
    }
  });

  it('clearing forgets everything, in storage too, and the open page says nothing is recorded', async () => {
    await vscode.commands.executeCommand('fathom.showStatistics');
    await waitForPage('the statistics page to be drawn', () => api.statistics.panel().current().sent?.summary.empty === false, pageState);
    await api.statistics.store.clear();
    assert.equal(api.statistics.store.summary().empty, true);
    assert.equal(api.statistics.stored(), undefined);
    await waitFor('the open page to show the empty state', () => api.statistics.panel().current().sent?.summary.empty, { timeoutMs: 10_000 }).catch((error: Error) => {
      const { open, ready, sent } = api.statistics.panel().current();
      throw new Error(`${error.message}: open ${open}, ready ${ready}, sent ${JSON.stringify(sent?.summary.languages)}; now ${JSON.stringify(api.statistics.store.summary().languages)}`);
    });
  });
});
