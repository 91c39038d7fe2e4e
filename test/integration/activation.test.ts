import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, fathom } from './helpers';

describe('activation', () => {
  it('activates by itself after startup and returns its test API', async () => {
    const api = await fathom();
    assert.equal(typeof api.status, 'function');
  });

  it('reports how long evaluating its bundle and activate() took (the figures `npm run bench activation` reads)', async () => {
    const { activation } = await fathom();
    // Only that they are measured: their size is the benchmark's business.
    for (const key of ['loadMs', 'loadCpuMs', 'activateMs', 'activateCpuMs'] as const) {
      assert.ok(Number.isFinite(activation[key]) && activation[key]! >= 0, `${key} is a duration (${activation[key]})`);
    }
  });

  it('runs the build under development (dist/extension.js, activated on startup)', () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    assert.equal(ext.packageJSON.main, './dist/extension.js');
    assert.ok(ext.packageJSON.activationEvents.includes('onStartupFinished'), 'activationEvents lists onStartupFinished');
    assert.equal(ext.extensionKind, vscode.ExtensionKind.Workspace, 'runs in the (Node) extension host');
  });
});
