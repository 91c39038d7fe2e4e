/**
 * The codebase index inside the real extension host: it builds for the test workspace in its worker, a
 * search through the test API finds a function in a folder this test wrote, an edit saved in the editor is
 * found, a deleted file is gone, "Fathom: Rebuild Index" indexes again from nothing, and the Doctor reports
 * the index's row. The test writes and removes only its own folder inside the workspace.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { FathomApi } from '../../src/extension';
import { fathom, setSetting, suiteFolder, useFakeServer, waitFor, waitForIndex } from './helpers';

const FOLDER = `codebase-test-${process.pid}`;

describe('codebase index: built in a worker, kept up to date, rebuilt on demand', function () {
  this.timeout(120_000);
  const fake = useFakeServer();
  let api: FathomApi;
  const { uri, write, remove } = suiteFolder(FOLDER);
  /** The paths `query` finds (changes reported so far are synced first). */
  const found = async (query: string) => {
    await api.codebase.flushChanges();
    return (await api.codebase.search(query, 10)).map((h) => h.path);
  };
  const ready = () => waitFor('the index to be ready', () => api.codebase.status().state === 'ready' && api.codebase.status().files > 0, { timeoutMs: 60_000 });

  before(async () => {
    api = await fathom();
    await write('src/shipping.ts', 'export function shippingCostForParcel(weightKg: number): number {\n  return 4.5 + weightKg * 1.25;\n}\n');
    await write('src/invoice.ts', "import { shippingCostForParcel } from './shipping';\n\nexport function invoiceTotal(items: number[], weightKg: number) {\n  return items.reduce((a, b) => a + b, 0) + shippingCostForParcel(weightKg);\n}\n");
  });
  after(async () => {
    await remove();
  });

  it('builds for the workspace and finds a function by a search through the test API', async () => {
    await ready();
    const path = `${FOLDER}/src/shipping.ts`;
    await waitFor(`a search to find ${path}`, async () => (await found('shipping cost for a parcel by weight')).includes(path));
    const [definition] = await api.codebase.definitions('shippingCostForParcel', 5);
    assert.equal(definition.path, path);
    assert.match(definition.text, /return 4\.5 \+ weightKg \* 1\.25;/);
    assert.equal(api.codebase.uriOf(path)?.toString(), uri('src/shipping.ts').toString());
    const usages = await api.codebase.usages('shippingCostForParcel', 5);
    assert.deepEqual([...new Set(usages.map((h) => h.path))], [`${FOLDER}/src/invoice.ts`]);
  });

  it('an edit saved in the editor is found; a deleted file is gone', async () => {
    await ready();
    const doc = await vscode.workspace.openTextDocument(uri('src/shipping.ts'));
    const editor = await vscode.window.showTextDocument(doc);
    await editor.edit((e) => e.insert(new vscode.Position(3, 0), '\nexport function customsDutyForImport(value: number): number {\n  return value * 0.08;\n}\n'));
    await doc.save();
    await waitFor('the saved function to be found', async () => (await api.codebase.definitions('customsDutyForImport', 3)).length === 1);
    await vscode.workspace.fs.delete(uri('src/invoice.ts'));
    // The file watcher reports the deletion (its events can take a few seconds on a busy machine). Judged by
    // what the index answers, not by its file count: other suites' folders may come and go meanwhile.
    await waitForIndex(api, 'the deleted file to leave the index', async () => !(await found('invoice total of the items')).includes(`${FOLDER}/src/invoice.ts`), 30_000);
    assert.deepEqual(await api.codebase.usages('shippingCostForParcel', 5), []);
  });

  it('"Fathom: Rebuild Index" indexes everything again', async () => {
    await ready();
    const states: string[] = [];
    const listening = api.codebase.onDidChangeStatus((s) => states.push(s.state));
    try {
      await vscode.commands.executeCommand('fathom.rebuildIndex');
    } finally {
      listening.dispose();
    }
    assert.ok(states.includes('building'), `it built again (${states.join(', ')})`);
    const after = api.codebase.status();
    assert.equal(after.state, 'ready');
    assert.equal(after.complete, true);
    assert.ok(after.files > 0);
    assert.ok(!(await found('invoice total of the items')).includes(`${FOLDER}/src/invoice.ts`), 'the deleted file is not back');
    assert.ok((after.snapshotBytes ?? 0) > 0, 'the rebuilt index is saved');
    assert.deepEqual((await api.codebase.definitions('shippingCostForParcel', 3)).map((h) => h.path), [`${FOLDER}/src/shipping.ts`]);
  });

  it('the Doctor reports the index: its state, files, chunks, age and size on disk', async () => {
    await ready();
    const report = await vscode.commands.executeCommand<string>('fathom.doctor');
    const { files, chunks } = api.codebase.status();
    assert.match(report, new RegExp(`\nCodebase index: ready: ${files} files, ${chunks} chunks, updated just now, [\\d.]+ KB on disk\n`), report);
  });

  it('with an embeddings model the worker embeds every chunk through the host (fake /api/embed), searches hybrid, and the Doctor counts the vectors', async () => {
    await ready();
    await write('src/secrets.ts', "export function connectWarehouse() {\n  return connect('postgres://stock:W4reh0use-S3cret!@db.internal/stock');\n}\n");
    await setSetting('embeddings.provider', 'ollama');
    try {
      await waitFor('every chunk to have a vector', () => {
        const status = api.codebase.status();
        return status.vectors !== undefined && status.vectors > 0 && status.vectors === status.chunks && api.codebase.status().files > 0;
      }, { timeoutMs: 60_000 });
      const embedded = fake.server.requests.filter((r) => r.endpoint === 'ollama.embed');
      assert.ok(embedded.length > 0, 'the worker asked the host, and the host asked the server');
      assert.ok(embedded.every((r) => (r.body as { model?: string }).model === 'nomic-embed-text'), 'the role\'s default model');
      const sent = embedded.map((r) => r.rawBody).join('\n');
      assert.ok(sent.includes('shippingCostForParcel'), 'chunks are embedded');
      assert.ok(!sent.includes('W4reh0use-S3cret!'), 'a secret never reaches the embeddings server');
      assert.ok((await found('shipping cost for a parcel by weight')).includes(`${FOLDER}/src/shipping.ts`));
      // By its text, not by a count: an embedding pass for another suite's files may run meanwhile.
      const question = fake.server.requests.filter((r) => r.endpoint === 'ollama.embed' && JSON.stringify((r.body as { input?: unknown }).input) === JSON.stringify(['shipping cost for a parcel by weight']));
      assert.equal(question.length, 1, 'the question is embedded once: hybrid search');
      const report = await vscode.commands.executeCommand<string>('fathom.doctor');
      assert.match(report, /\nCodebase index: ready: .* with vectors\n/, report);
    } finally {
      await setSetting('embeddings.provider', undefined);
      await vscode.workspace.fs.delete(uri('src/secrets.ts'));
    }
  });

  it('with fathom.codebase.enabled off there is no index; on again, it is built', async () => {
    await ready();
    await setSetting('codebase.enabled', false);
    await waitFor('the index to go off', () => api.codebase.status().state === 'off');
    assert.equal(api.codebase.status().reason, 'disabled');
    assert.deepEqual(await api.codebase.search('shipping cost for a parcel', 5), []);
    await setSetting('codebase.enabled', true);
    await ready();
    assert.deepEqual((await api.codebase.definitions('shippingCostForParcel', 3)).map((h) => h.path), [`${FOLDER}/src/shipping.ts`]);
  });
});
