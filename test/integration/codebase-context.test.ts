/**
 * The codebase index feeding the commands inside the real extension host, against the fake server: Explain
 * sends the target's callers elsewhere in the workspace, Generate Tests sends the module's existing test and
 * proposes the new tests into that file, and a completion carries the definition of a global another file
 * defines (the repository retriever). The test writes and removes only its own folder in the workspace.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { FathomApi } from '../../src/extension';
import type { RecordedRequest } from '../fake-server';
import { CURSOR, fathom, openWithCursor, triggerAndAccept, suiteFolder, useFakeServer, waitFor, waitForIndex } from './helpers';

const FOLDER = `codebase-context-test-${process.pid}`;
const SHIPPING = 'export function shippingCostForParcel(weightKg: number): number {\n  const base = 4.5;\n  return base + weightKg * 1.25;\n}\n';
const INVOICE = "import { shippingCostForParcel } from './shipping';\n\nexport function invoiceTotal(items: number[], weightKg: number) {\n  return items.reduce((a, b) => a + b, 0) + shippingCostForParcel(weightKg);\n}\n";
const EXISTING_TEST = "import { describe, expect, it } from 'vitest';\nimport { shippingCostForParcel } from '../shipping';\nimport { parcelOfKilos } from './parcelHelpers';\n\ndescribe('shippingCostForParcel', () => {\n  it('charges the base for nothing', () => {\n    expect(shippingCostForParcel(parcelOfKilos(0))).toBe(4.5);\n  });\n});\n";

function userText(request: RecordedRequest): string {
  const messages = (request.body as { messages?: { role: string; content: string }[] }).messages ?? [];
  return messages.filter((m) => m.role === 'user').map((m) => m.content).join('\n');
}

describe('codebase context in the commands: callers for Explain, existing tests for Generate Tests', function () {
  this.timeout(120_000);
  const fake = useFakeServer();
  let api: FathomApi;
  const { uri, write, remove } = suiteFolder(FOLDER);
  const chatRequest = () => fake.server.waitFor((rs) => rs.find((r) => r.endpoint === 'ollama.chat'), 20_000, 'a chat request');
  const openAt = async (rel: string, needle: string) => {
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri(rel)));
    const position = editor.document.positionAt(editor.document.getText().indexOf(needle));
    editor.selection = new vscode.Selection(position, position);
    return editor;
  };

  before(async () => {
    api = await fathom();
    await write('src/shipping.ts', SHIPPING);
    await write('src/invoice.ts', INVOICE);
    await write('src/__tests__/shipping.test.ts', EXISTING_TEST);
    await write('web/money.js', 'function formatMoneyGlobal(cents) {\n  return (cents / 100).toFixed(2) + " EUR";\n}\n');
    await waitFor('the index to be ready', () => api.codebase.status().state === 'ready' && api.codebase.status().files > 0, { timeoutMs: 60_000 });
    await waitForIndex(api, 'the index to hold the caller', async () => (await api.codebase.usages('shippingCostForParcel', 5)).some((h) => h.path === `${FOLDER}/src/invoice.ts`), 60_000);
  });
  after(async () => {
    await remove();
    // The index forgets the folder before the next suite counts its files.
    await waitFor('the index to forget this suite\'s folder', async () => {
      await api.codebase.flushChanges();
      const left = [...(await api.codebase.definitions('shippingCostForParcel', 5)), ...(await api.codebase.definitions('formatMoneyGlobal', 5)), ...(await api.codebase.usages('shippingCostForParcel', 5))];
      return !left.some((h) => h.path.startsWith(`${FOLDER}/`));
    }, { timeoutMs: 30_000 });
  });

  it('Explain sends the callers of the function at the cursor, with their path and lines', async () => {
    await openAt('src/shipping.ts', 'const base');
    fake.server.reply((r) => (r.endpoint === 'ollama.chat' ? { text: 'It adds a base fee.' } : undefined));
    await vscode.commands.executeCommand('fathom.explain');
    const sent = userText(await chatRequest());
    assert.ok(sent.includes('Callers and usages elsewhere in the workspace'), sent);
    assert.ok(sent.includes(`\`${FOLDER}/src/invoice.ts\` (lines 3-5):`), sent);
    assert.ok(sent.includes('return items.reduce((a, b) => a + b, 0) + shippingCostForParcel(weightKg);'), sent);
    // The answer lists what it was given; an entry opens its file at those lines.
    await waitFor('the answer panel to list the caller', () => (api.answerPanel()?.current().view.sources ?? []).some((s) => s.path === `${FOLDER}/src/invoice.ts`));
    const sources = api.answerPanel()!.current().view.sources!;
    const index = sources.findIndex((s) => s.path === `${FOLDER}/src/invoice.ts`);
    assert.deepEqual([sources[index].startLine, sources[index].endLine], [3, 5]);
    await api.answerPanel()!.openSource(index);
    const editor = vscode.window.activeTextEditor!;
    assert.equal(editor.document.uri.toString(), uri('src/invoice.ts').toString());
    assert.deepEqual([editor.selection.start.line, editor.selection.end.line], [2, 4]);
  });

  it('Generate Tests sends the existing test of the module, says to follow it, and proposes the tests into that file', async () => {
    await openAt('src/shipping.ts', 'const base');
    fake.server.reply((r) =>
      r.endpoint === 'ollama.chat' ? { text: "```ts\nit('charges per kilo', () => {\n  expect(shippingCostForParcel(parcelOfKilos(2))).toBe(7);\n});\n```" } : undefined,
    );
    const run = vscode.commands.executeCommand<string>('fathom.generateTests');
    const sent = userText(await chatRequest());
    assert.ok(sent.includes('Existing tests of this module in the workspace'), sent);
    assert.ok(sent.includes("import { parcelOfKilos } from './parcelHelpers';"), sent);
    assert.match(sent, /reuse their helpers/);
    assert.ok(sent.includes(`The tests go into \`${FOLDER}/src/__tests__/shipping.test.ts\``), sent);
    assert.match(sent, /Use vitest\./);
    const tab = await waitFor('the proposal to open as a diff', () =>
      vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputTextDiff && t.input.modified.scheme === 'fathom-proposal'),
    );
    assert.ok(tab.label.includes(`${FOLDER}/src/__tests__/shipping.test.ts`), tab.label);
    await vscode.commands.executeCommand('fathom.proposal.reject');
    assert.equal(await run, 'rejected');
  });

  it('a completion carries the definition of a global defined in another file, from the index (on a later request: never waited for)', async () => {
    await waitFor('the index to hold the global', async () => (await api.codebase.definitions('formatMoneyGlobal', 1)).length === 1, { timeoutMs: 60_000 });
    fake.server.reply((r) => (r.endpoint === 'ollama.generate' ? { text: ' 1' } : undefined));
    const editor = await openWithCursor(`function total(items) {\n  const sum = items.length;\n  return formatMoneyGlobal(sum +${CURSOR});\n}\n`, 'js');
    const carries = () => fake.server.requests.some((r) => r.endpoint === 'ollama.generate' && String((r.body as { prompt?: string }).prompt).includes('function formatMoneyGlobal(cents) {'));
    for (let i = 0; i < 5 && !carries(); i++) await triggerAndAccept(editor);
    assert.ok(carries(), fake.server.requests.map((r) => JSON.stringify(r.body)).join('\n'));
  });
});
