/**
 * Restricted Mode and the codebase index: while the workspace is untrusted, Fathom builds no index (no worker
 * reads the workspace, nothing is stored), searches find nothing, and "Fathom: Rebuild Index" only says why.
 * Runs in `npm run test:restricted` (the workspace opens untrusted), before restricted.test.ts trusts it.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { fathom } from './helpers';

const RESTRICTED = process.env.FATHOM_TEST_RESTRICTED === '1';

describe('Restricted Mode: no codebase index in an untrusted workspace', function () {
  this.timeout(60_000);

  before(function () {
    if (!RESTRICTED) this.skip(); // the ordinary run: start it with npm run test:restricted
  });

  it('the index is off, finds nothing, and Rebuild Index does not start it', async () => {
    const api = await fathom();
    assert.equal(vscode.workspace.isTrusted, false);
    assert.deepEqual({ state: api.codebase.status().state, reason: api.codebase.status().reason }, { state: 'off', reason: 'untrusted' });
    assert.deepEqual(await api.codebase.search('function', 5), []);
    assert.deepEqual(await api.codebase.definitions('activate', 5), []);
    await vscode.commands.executeCommand('fathom.rebuildIndex');
    assert.deepEqual({ state: api.codebase.status().state, folders: api.codebase.status().folders.length }, { state: 'off', folders: 0 });
  });
});
