/**
 * A proposal's sources: the lines of other workspace files its prompt carried (the target's callers, the
 * module's existing tests), so the user can check what the change was made to keep working. The diff's title
 * counts them, the notification offers "Sources (n)", and the diff's title bar and the palette run
 * `fathom.proposal.sources`: a quick pick whose entries open the file at those lines beside the diff.
 */
import * as vscode from 'vscode';
import type { CodePlace } from '../../codebase/codebase';
import { sourceEntry, type SourceEntry } from '../../commands/proposalSources';

/** Finds the file of a workspace-relative path from the codebase index. */
export type SourceUri = (path: string) => vscode.Uri | undefined;

/** "2 sources from this workspace", for the diff's title; '' when there are none. */
export function sourcesTitle(count: number): string {
  if (count === 0) return '';
  return count === 1 ? vscode.l10n.t('1 source from this workspace') : vscode.l10n.t('{0} sources from this workspace', count);
}

/** The notification's button. */
export function sourcesButton(count: number): string {
  return vscode.l10n.t('Sources ({0})', count);
}

interface SourceItem extends vscode.QuickPickItem {
  entry: SourceEntry;
}

/** Lets the user pick one of `places` (each once: distinctPlaces) and opens it; resolves once the pick closed (picked or dismissed). */
export async function pickSource(places: readonly CodePlace[], sourceUri: SourceUri | undefined, title: string): Promise<CodePlace | undefined> {
  const items: SourceItem[] = places.map(sourceEntry).map((entry) => ({ label: `$(file-code) ${entry.label}`, description: entry.description, detail: entry.detail, entry }));
  const picked = await vscode.window.showQuickPick(items, {
    title: vscode.l10n.t('Fathom: workspace code the model was given — {0}', title),
    placeHolder: vscode.l10n.t('Open the lines the proposal was made to keep working'),
    matchOnDescription: true,
    matchOnDetail: true,
  });
  if (!picked) return undefined;
  await openEntry(picked.entry, sourceUri);
  return picked.entry.place;
}

/** Opens the entry's file beside the diff with its lines selected (the diff stays in sight). */
async function openEntry(entry: SourceEntry, sourceUri: SourceUri | undefined): Promise<void> {
  const uri = sourceUri?.(entry.place.path);
  if (!uri) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Fathom: {0} is no longer in this workspace.', entry.place.path));
    return;
  }
  const selection = new vscode.Range(entry.selection.startLine, 0, entry.selection.endLine, Number.MAX_SAFE_INTEGER);
  await vscode.window.showTextDocument(uri, { viewColumn: vscode.ViewColumn.Beside, preview: true, selection });
}
