/**
 * The codebase index on disk (the large-root tier: FTS5 in a SQLite database file) inside the real extension
 * host: with FATHOM_DISK_INDEX_FROM_FILES=1 (`npm run test:diskindex`, which also runs codebase.test.ts this way)
 * the worker builds the workspace's index into its database, a search finds a function this test wrote, the
 * status says the index is on disk with the database's size, and a saved edit is found. Skipped otherwise.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { FathomApi } from '../../src/extension';
import { fathom, suiteFolder, useFakeServer, waitFor, waitForIndex } from './helpers';

const DISK = process.env.FATHOM_TEST_DISK_INDEX === '1';
const FOLDER = `codebase-disk-test-${process.pid}`;

(DISK ? describe : describe.skip)('codebase index on disk: the worker builds and searches a SQLite database', function () {
  this.timeout(120_000);
  useFakeServer();
  let api: FathomApi;
  const { uri, write, remove } = suiteFolder(FOLDER);
  const found = async (query: string) => {
    await api.codebase.flushChanges();
    return (await api.codebase.search(query, 10)).map((h) => h.path);
  };

  before(async () => {
    api = await fathom();
    await write('src/tariff.ts', 'export function tariffForContainerWeight(tonnes: number): number {\n  return 120 + tonnes * 8.5;\n}\n');
  });
  after(async () => {
    await remove();
  });

  it('builds on disk, says so with the database size, and answers a @codebase-style search', async () => {
    await waitFor('the index to be ready', () => api.codebase.status().state === 'ready' && api.codebase.status().files > 0, { timeoutMs: 60_000 });
    const path = `${FOLDER}/src/tariff.ts`;
    await waitForIndex(api, `a search to find ${path}`, async () => (await found('tariff for a container by its weight')).includes(path), 30_000);
    const status = api.codebase.status();
    const folder = status.folders[0];
    assert.equal(folder.onDisk, true, 'the index lives in the database');
    assert.equal(folder.busy, undefined);
    assert.ok((status.snapshotBytes ?? 0) > 4096, `the database's size (${status.snapshotBytes})`);
    const [definition] = await api.codebase.definitions('tariffForContainerWeight', 3);
    assert.equal(definition?.path, path);
    assert.match(definition.text, /return 120 \+ tonnes \* 8\.5;/);
  });

  it('a saved edit is found in the database', async () => {
    const doc = await vscode.workspace.openTextDocument(uri('src/tariff.ts'));
    const editor = await vscode.window.showTextDocument(doc);
    await editor.edit((e) => e.insert(new vscode.Position(3, 0), '\nexport function demurrageForLateContainers(days: number): number {\n  return days * 75;\n}\n'));
    await doc.save();
    await waitForIndex(api, 'the saved function to be found', async () => (await api.codebase.definitions('demurrageForLateContainers', 3)).length === 1, 30_000);
    assert.equal(api.codebase.status().folders[0].onDisk, true);
  });
});
