/**
 * "Not found in this workspace" inside the real extension host: once the codebase index is complete, a
 * Refactor proposal (from the fake server) whose code calls a helper that exists nowhere gets a Fathom
 * warning on that name in the proposal document, the diff's title says so, and a helper the workspace does
 * define is left alone. The test writes and removes only its own folder inside the workspace.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { FathomApi } from '../../src/extension';
import { fathom, openWithCursor, useFakeServer, waitFor, waitForIndex } from './helpers';

const FOLDER = `names-test-${process.pid}`;

const SOURCE = `export class Basket {
  total(prices: number[]): number {
    const sum = prices.reduce((a, b) => a + b, 0);
    return █sum;
  }
}
`;

const ANSWER = 'Use the helpers:\n\n```ts\n  total(prices: number[]): number {\n    return roundToCentsForBasket(sumOfInventedPrices(prices));\n  }\n```\n';

function proposalTab(): vscode.Tab | undefined {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputTextDiff && t.input.modified.scheme === 'fathom-proposal');
}

describe('names not found in this workspace: a proposal marks them', function () {
  this.timeout(120_000);
  const fake = useFakeServer();
  let api: FathomApi;
  let root: vscode.Uri;

  before(async () => {
    api = await fathom();
    root = vscode.workspace.workspaceFolders![0].uri;
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(root, FOLDER, 'money.ts'), new TextEncoder().encode('export function roundToCentsForBasket(value: number): number {\n  return Math.round(value * 100) / 100;\n}\n'));
  });
  after(async () => {
    await vscode.workspace.fs.delete(vscode.Uri.joinPath(root, FOLDER), { recursive: true, useTrash: false });
  });

  it('a Refactor proposal using an invented helper gets a Fathom warning on that name, and the diff title says so', async () => {
    await waitForIndex(api, 'the index to be complete with the test folder', async () => api.codebase.status().complete && (await api.codebase.definitions('roundToCentsForBasket', 1)).length === 1, 60_000);
    const editor = await openWithCursor(SOURCE);
    fake.server.reply((r) => (r.endpoint === 'ollama.chat' ? { text: ANSWER } : undefined));
    const run = vscode.commands.executeCommand<string>('fathom.refactor', 'Simplify');
    // A loaded machine: the model's answer and the first read of the dependencies may take a while.
    const tab = await waitFor('the proposal to open as a diff', () => proposalTab(), { timeoutMs: 60_000 });
    const proposal = (tab.input as vscode.TabInputTextDiff).modified;
    const warnings = await waitFor('the name warnings', () => {
      const found = vscode.languages.getDiagnostics(proposal).filter((d) => d.source === 'Fathom');
      return found.length > 0 ? found : undefined;
    }, { timeoutMs: 30_000 });
    assert.deepEqual(warnings.map((d) => d.message), ['`sumOfInventedPrices` is not found in this workspace']);
    assert.equal(warnings[0].severity, vscode.DiagnosticSeverity.Warning);
    const document = await vscode.workspace.openTextDocument(proposal);
    assert.equal(document.getText(warnings[0].range), 'sumOfInventedPrices');
    assert.match(tab.label, /1 name not found in this workspace: sumOfInventedPrices/);
    await vscode.commands.executeCommand('fathom.proposal.reject');
    assert.equal(await run, 'rejected');
    assert.deepEqual(vscode.languages.getDiagnostics(proposal), [], 'the warnings go with the proposal');
    assert.equal(editor.document.isDirty, false);
  });
});
