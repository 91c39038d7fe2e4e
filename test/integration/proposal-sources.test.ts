/**
 * A proposal's sources inside the real extension host, against the fake server: Refactor on a function whose
 * caller is in another file sends that caller, the diff's title counts it, the proposal offers it under
 * Sources, and picking it in the quick pick opens the caller's file at its lines. The test writes and removes
 * only its own folder in the workspace.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { FathomApi } from '../../src/extension';
import { fathom, suiteFolder, useFakeServer, waitFor, waitForIndex } from './helpers';

const FOLDER = `proposal-sources-test-${process.pid}`;
const RATES = 'export function handlingFeeForCrate(crates: number): number {\n  const perCrate = 2.5;\n  return crates * perCrate;\n}\n';
const ORDER = "import { handlingFeeForCrate } from './rates';\n\nexport function orderTotalWithCrates(net: number, crates: number) {\n  const fee = handlingFeeForCrate(crates);\n  return net + fee;\n}\n";
const REFACTORED = '```ts\nexport function handlingFeeForCrate(crates: number): number {\n  return crates * 2.5;\n}\n```';

describe('proposal sources: Refactor offers the callers it was given, and each opens at its lines', function () {
  this.timeout(120_000);
  const fake = useFakeServer();
  let api: FathomApi;
  const { uri, write, remove } = suiteFolder(FOLDER);
  const proposalTab = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputTextDiff && t.input.modified.scheme === 'fathom-proposal');

  before(async () => {
    api = await fathom();
    await write('src/rates.ts', RATES);
    await write('src/order.ts', ORDER);
    await waitForIndex(api, 'the index to hold the caller', async () => (await api.codebase.usages('handlingFeeForCrate', 5)).some((h) => h.path === `${FOLDER}/src/order.ts`), 60_000);
  });
  after(async () => {
    await remove();
    await waitForIndex(api, "the index to forget this suite's folder", async () => !(await api.codebase.definitions('handlingFeeForCrate', 5)).some((h) => h.path.startsWith(`${FOLDER}/`)), 30_000);
  });

  it('the diff title counts the sources, Sources lists the caller, and picking it opens order.ts at lines 3-6', async () => {
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri('src/rates.ts')));
    const at = editor.document.positionAt(RATES.indexOf('const perCrate'));
    editor.selection = new vscode.Selection(at, at);
    fake.server.reply((r) => (r.endpoint === 'ollama.chat' ? { text: REFACTORED } : undefined));
    const run = vscode.commands.executeCommand<string>('fathom.refactor', 'Simplify');
    const tab = await waitFor('the proposal to open as a diff', () => proposalTab(), { timeoutMs: 30_000 });
    const sources = api.commands.proposalSources();
    assert.match(tab.label, new RegExp(`— ${sources.length} sources? from this workspace`));
    // The call the prompt carried; the import line alone is not a use (withoutImports.ts) and is not listed.
    assert.deepEqual(
      sources.map((s) => [s.path, s.startLine, s.endLine, s.symbol]),
      [[`${FOLDER}/src/order.ts`, 3, 6, 'orderTotalWithCrates']],
    );

    // The title bar's Sources command opens the quick pick; accepting its first item opens the caller.
    const picking = vscode.commands.executeCommand<{ path: string } | undefined>('fathom.proposal.sources');
    const opened = await waitFor('the caller to open from the quick pick', async () => {
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      const active = vscode.window.activeTextEditor;
      return active?.document.uri.toString() === uri('src/order.ts').toString() ? active : undefined;
    });
    assert.equal((await picking)?.path, `${FOLDER}/src/order.ts`);
    assert.deepEqual([opened.selection.start.line, opened.selection.end.line], [2, 5]);
    assert.ok(proposalTab(), 'the diff stays open beside it');

    await vscode.commands.executeCommand('fathom.proposal.reject');
    assert.equal(await run, 'rejected');
    assert.equal(editor.document.getText(), RATES, 'nothing was written');
  });

  it('a proposal made without workspace code offers no sources', async () => {
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument({ language: 'typescript', content: 'export function lonelyHelperNobodyCalls(x: number) {\n  return x + 0;\n}\n' }));
    editor.selection = new vscode.Selection(1, 4, 1, 4);
    fake.server.reply((r) => (r.endpoint === 'ollama.chat' ? { text: '```ts\nexport function lonelyHelperNobodyCalls(x: number) {\n  return x;\n}\n```' } : undefined));
    const run = vscode.commands.executeCommand<string>('fathom.refactor', 'Simplify');
    const tab = await waitFor('the proposal to open as a diff', () => proposalTab(), { timeoutMs: 30_000 });
    assert.doesNotMatch(tab.label, /from this workspace/);
    assert.deepEqual(api.commands.proposalSources(), []);
    await vscode.commands.executeCommand('fathom.proposal.reject');
    assert.equal(await run, 'rejected');
  });
});
