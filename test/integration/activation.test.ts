import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, fathom } from './helpers';

describe('activation', () => {
  it('activates by itself after startup and returns its test API', async () => {
    const api = await fathom();
    assert.equal(typeof api.status, 'function');
  });

  it('runs the build under development (dist/extension.js, activated on startup)', () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    assert.equal(ext.packageJSON.main, './dist/extension.js');
    assert.ok(ext.packageJSON.activationEvents.includes('onStartupFinished'), 'activationEvents lists onStartupFinished');
    assert.equal(ext.extensionKind, vscode.ExtensionKind.Workspace, 'runs in the (Node) extension host');
  });
});
