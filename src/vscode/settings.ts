import * as vscode from 'vscode';
import { parseConfig, type FathomConfig } from '../config/settings';

/** Reads all `fathom.*` settings into one typed object. */
export function readConfig(): FathomConfig {
  const section = vscode.workspace.getConfiguration('fathom');
  return parseConfig((key) => section.get(key));
}

/** Saves a `fathom.*` setting in the user's settings (what the menus, pickers and walkthrough change). */
export function writeSetting(key: string, value: unknown): Thenable<void> {
  return vscode.workspace.getConfiguration('fathom').update(key, value, vscode.ConfigurationTarget.Global);
}

/** Calls `listener` with the new config whenever a `fathom.*` setting changes. */
export function onConfigChange(listener: (config: FathomConfig) => void): vscode.Disposable {
  return vscode.workspace.onDidChangeConfiguration((e) => {
    if (e.affectsConfiguration('fathom')) listener(readConfig());
  });
}
