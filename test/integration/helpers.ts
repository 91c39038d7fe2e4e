/**
 * What the integration tests share: the activated extension and its test API, a fake LLM server Fathom is
 * pointed at, settings that are put back after each test, documents with a cursor marker, and the way to get
 * an inline completion through the real editor (there is no `vscode.execute...` command for inline completions).
 */
import * as vscode from 'vscode';
import type { FathomApi, FathomStartup } from '../../src/extension';
import { startFakeServer, type FakeServer, type FakeServerOptions } from '../fake-server';
import { PAGE_LOAD_MS, waitFor, type Truthy } from '../harness/wait';

export { PAGE_LOAD_MS, waitFor };

export const EXTENSION_ID = 'fathom.fathom';
/** Marks the cursor in a test document. */
export const CURSOR = '█';

/** Waits up to PAGE_LOAD_MS for a webview page; a timeout says what `state` reported last. */
export function waitForPage<T>(what: string, probe: () => T, state: () => unknown): Promise<Truthy<T>> {
  return waitFor(what, probe, { timeoutMs: PAGE_LOAD_MS }).catch((error: Error) => {
    throw new Error(`${error.message}; the page's state: ${JSON.stringify(state())}`);
  });
}

/**
 * Waits until the codebase index answers `check` truthfully, syncing the changes reported so far before each
 * look (a file written by a test reaches the index through the watcher, in a batch).
 */
export function waitForIndex(api: FathomApi, what: string, check: () => Promise<boolean>, timeoutMs = 60_000): Promise<boolean> {
  return waitFor(what, async () => {
    await api.codebase.flushChanges();
    return check();
  }, { timeoutMs });
}

/** Waits until Fathom has activated by itself (onStartupFinished) and returns what `activate` returned. */
export async function fathomStartup(): Promise<FathomStartup> {
  const ext = await waitFor(`the extension ${EXTENSION_ID} to be installed`, () => vscode.extensions.getExtension<FathomStartup>(EXTENSION_ID));
  await waitFor(`${EXTENSION_ID} to activate on startup`, () => ext.isActive, { timeoutMs: 20_000 });
  return ext.exports;
}

/** Fathom's test API, once the rest of it (src/composition.ts) is loaded. */
export async function fathom(): Promise<FathomApi> {
  return (await fathomStartup()).loaded();
}

/**
 * Mocha hooks for a suite: a fake LLM server for the whole suite with `fathom.ollama.baseUrl` pointing at it,
 * its recorded requests cleared before each test. Read `.server` inside tests.
 */
export function useFakeServer(options: FakeServerOptions = {}): { server: FakeServer } {
  const holder = {} as { server: FakeServer };
  before(async () => {
    holder.server = await startFakeServer(options);
    await setSetting('ollama.baseUrl', holder.server.url, { restore: false });
  });
  beforeEach(() => holder.server.reset());
  after(async () => {
    await setSetting('ollama.baseUrl', undefined, { restore: false });
    await holder.server?.close();
  });
  return holder;
}

const changed = new Map<string, unknown>();

/**
 * Sets `fathom.<key>` in the user settings and waits until the configuration reads it back.
 * Unless `restore` is false, the old value comes back after the test (see restoreSettings).
 */
export async function setSetting(key: string, value: unknown, { restore = true } = {}): Promise<void> {
  const config = () => vscode.workspace.getConfiguration('fathom');
  if (restore && !changed.has(key)) changed.set(key, config().inspect(key)?.globalValue);
  await config().update(key, value, vscode.ConfigurationTarget.Global);
  const expected = JSON.stringify(value ?? config().inspect(key)?.defaultValue);
  await waitFor(`setting fathom.${key} to read ${expected}`, () => JSON.stringify(config().get(key)) === expected);
}

/** Puts back every setting changed with setSetting since the last call. */
export async function restoreSettings(): Promise<void> {
  for (const [key, value] of changed) await setSetting(key, value, { restore: false });
  changed.clear();
}

/**
 * A folder of the suite's own in the (first) workspace folder, named `name`: its files' URIs, writing one, and
 * removing the whole folder (in the suite's `after`). Paths are relative to it.
 */
export function suiteFolder(name: string): { uri(rel: string): vscode.Uri; write(rel: string, text: string): Thenable<void>; remove(): Thenable<void> } {
  const root = () => {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    if (!folder) throw new Error('the integration tests need a workspace folder');
    return vscode.Uri.joinPath(folder, name);
  };
  const uri = (rel: string) => vscode.Uri.joinPath(root(), rel);
  return {
    uri,
    write: (rel, text) => vscode.workspace.fs.writeFile(uri(rel), new TextEncoder().encode(text)),
    remove: () => vscode.workspace.fs.delete(root(), { recursive: true, useTrash: false }),
  };
}

let fileCounter = 0;

/** Writes `text` to `uri` (its folders made as needed) and returns the URI. */
export async function writeUri(uri: vscode.Uri, text: string): Promise<vscode.Uri> {
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  return uri;
}

/** Opens `uri` in an editor with the cursor at the end of its text. */
export async function showAtEnd(uri: vscode.Uri): Promise<vscode.TextEditor> {
  const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
  const end = editor.document.lineAt(editor.document.lineCount - 1).range.end;
  editor.selection = new vscode.Selection(end, end);
  return editor;
}

/**
 * Writes `content` (with one CURSOR marker) to a new file in the workspace, opens it in an editor and puts the
 * cursor at the marker.
 */
export async function openWithCursor(content: string, extension = 'ts'): Promise<vscode.TextEditor> {
  const at = content.indexOf(CURSOR);
  if (at < 0 || content.indexOf(CURSOR, at + 1) >= 0) throw new Error(`the document needs exactly one ${CURSOR}`);
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  if (!folder) throw new Error('the integration tests need a workspace folder');
  const uri = vscode.Uri.joinPath(folder, 'generated', `case-${Date.now()}-${fileCounter++}.${extension}`);
  const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(await writeUri(uri, content.replace(CURSOR, ''))));
  const position = editor.document.positionAt(at);
  editor.selection = new vscode.Selection(position, position);
  return editor;
}

/** The document's text with CURSOR where the (first) cursor is. */
export function textWithCursor(editor: vscode.TextEditor): string {
  const offset = editor.document.offsetAt(editor.selection.active);
  const text = editor.document.getText();
  return text.slice(0, offset) + CURSOR + text.slice(offset);
}

/**
 * Asks for an inline completion at the cursor the way a user does (Alt+\ → editor.action.inlineSuggest.trigger)
 * and accepts it (Tab → editor.action.inlineSuggest.commit) once it is shown. Resolves with the editor's text
 * after accepting, cursor marked.
 */
export async function triggerAndAccept(editor: vscode.TextEditor, { timeoutMs = 10_000 } = {}): Promise<string> {
  const before = editor.document.getText();
  await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
  // Committing when nothing is shown does nothing; once the ghost text is there it inserts it.
  await waitFor('an inline completion to be shown and accepted', async () => {
    await vscode.commands.executeCommand('editor.action.inlineSuggest.commit');
    return editor.document.getText() !== before;
  }, { timeoutMs, intervalMs: 100 });
  return textWithCursor(editor);
}

/** Closes every editor, discarding unsaved changes (a dirty editor would otherwise ask what to do with it). */
export async function closeAllEditors(): Promise<void> {
  const dirtyTab = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.isDirty && t.input instanceof vscode.TabInputText);
  for (let tab = dirtyTab(), tries = 0; tab && tries < 20; tab = dirtyTab(), tries++) {
    await vscode.window.showTextDocument((tab.input as vscode.TabInputText).uri, { viewColumn: tab.group.viewColumn, preview: false });
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  // The command returns before the extension host hears of every close (a webview panel's dispose among them):
  // the next test must not find a panel that is already gone.
  await waitFor('every editor to close', () => vscode.window.tabGroups.all.every((g) => g.tabs.length === 0), { timeoutMs: 10_000 });
}
