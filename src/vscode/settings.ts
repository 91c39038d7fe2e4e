import * as vscode from 'vscode';
import { parseConfig, type FathomConfig } from '../config/settings';
import { trustedSource } from '../config/trust';

/**
 * Reads all `fathom.*` settings into one typed object. Local-only mode comes from the user's settings only,
 * and in an untrusted workspace so do the servers, providers and prompt settings (src/config/trust.ts).
 */
export function readConfig(): FathomConfig {
  const section = vscode.workspace.getConfiguration('fathom');
  return parseConfig(trustedSource((key) => section.get(key), (key) => section.inspect(key), vscode.workspace.isTrusted));
}

/** Saves a `fathom.*` setting in the user's settings (what the menus, pickers and walkthrough change). */
export function writeSetting(key: string, value: unknown): Thenable<void> {
  return vscode.workspace.getConfiguration('fathom').update(key, value, vscode.ConfigurationTarget.Global);
}

/**
 * Calls `listener` with the new config whenever a setting under `section` (all of `fathom.*` by default)
 * changes, and when the user trusts the workspace (its own server and prompt settings apply from then on).
 * The one way editor code listens for settings: no raw onDidChangeConfiguration elsewhere.
 */
export function onConfigChange(listener: (config: FathomConfig) => void, section = 'fathom'): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(section)) listener(readConfig());
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => listener(readConfig())),
  );
}
