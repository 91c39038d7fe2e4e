import * as vscode from 'vscode';
import { findTarget } from '../../commands/target';
import type { CommandTarget } from '../../commands/types';
import type { DocumentSnapshot } from '../../workspace/document';
import type { EditorSyntax } from '../syntaxTrees';
import type { EditorWorkspaceFiles } from '../workspaceFiles';
import { flashTarget } from './highlight';
import { rangeOf, snapshotOf } from './snapshot';

/** The editor's document, and what a command works on in it. */
export interface ResolvedTarget {
  editor: vscode.TextEditor;
  snapshot: DocumentSnapshot;
  /** The selection the target was found from (undefined: around the cursor); the core re-finds the same target from it. */
  selection?: { start: number; end: number };
  target: CommandTarget;
  range: vscode.Range;
}

/**
 * The selection, or else the smallest function / method / class at the cursor (the shared syntax tree),
 * highlighted briefly so the user sees what is sent. `focus` overrides the selection (a quick fix's diagnostic).
 */
export async function resolveTarget(editor: vscode.TextEditor, syntax: EditorSyntax, files: EditorWorkspaceFiles, focus?: vscode.Range): Promise<ResolvedTarget> {
  const { snapshot, selection } = snapshotOf(editor, files);
  let wanted: { start: number; end: number } | undefined = selection.start === selection.end ? undefined : selection;
  if (focus) {
    // A diagnostic is a place, not a choice of code: find the declaration around it, like a cursor there.
    snapshot.offset = editor.document.offsetAt(focus.start);
    wanted = undefined;
  }
  const target = await syntax.withTree(snapshot, (tree) => findTarget(snapshot, wanted, tree));
  const range = rangeOf(editor.document, target.start, target.end);
  flashTarget(editor, range);
  return { editor, snapshot, selection: wanted, target, range };
}
