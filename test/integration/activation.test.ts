import * as assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { EXTENSION_ID, fathom, fathomStartup } from './helpers';

describe('activation', () => {
  it('activates by itself after startup and returns its test API', async () => {
    const api = await fathom();
    assert.equal(typeof api.status, 'function');
  });

  it('reports how long evaluating each bundle, activate() and composing the rest took (the figures `npm run bench activation` reads)', async () => {
    const { activation } = await fathomStartup();
    const { rest } = await fathom();
    // Only that they are measured: their size is the benchmark's business.
    for (const [step, times] of [['activation', activation], ['the rest', rest]] as const) {
      for (const key of ['loadMs', 'loadCpuMs', 'activateMs', 'activateCpuMs'] as const) {
        assert.ok(Number.isFinite(times[key]) && times[key]! >= 0, `${step}: ${key} is a duration (${times[key]})`);
      }
    }
  });

  it('once the rest is loaded, every contributed command is the real one (no placeholder left over) and runs', async () => {
    await fathom();
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    const contributed: string[] = ext.packageJSON.contributes.commands.map((c: { command: string }) => c.command);
    const registered = new Set(await vscode.commands.getCommands(true));
    assert.deepEqual(contributed.filter((id) => !registered.has(id)), [], 'every contributed command is registered');
    // A placeholder would load the rest and run the command again; the real one answers at once: Show Log opens the channel.
    await vscode.commands.executeCommand('fathom.showLog');
  });

  it('activation holds only the first step: dist/extension.js is small and the rest is a bundle of its own', () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    const first = statSync(join(ext.extensionPath, 'dist', 'extension.js')).size;
    const rest = statSync(join(ext.extensionPath, 'dist', 'composition.js')).size;
    assert.ok(first < 20_000, `the activation bundle is ${first} bytes`);
    assert.ok(rest > 20 * first, `the rest (${rest} bytes) is where the code is`);
  });

  it('runs the build under development (dist/extension.js, activated on startup)', () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    assert.equal(ext.packageJSON.main, './dist/extension.js');
    assert.ok(ext.packageJSON.activationEvents.includes('onStartupFinished'), 'activationEvents lists onStartupFinished');
    assert.equal(ext.extensionKind, vscode.ExtensionKind.Workspace, 'runs in the (Node) extension host');
    // Declared, not defaulted: in a remote window Fathom runs beside the workspace (its files, index and terminal).
    assert.deepEqual(ext.packageJSON.extensionKind, ['workspace']);
  });
});
