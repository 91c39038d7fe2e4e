import * as vscode from 'vscode';
import type { DocumentSnapshot } from '../../workspace/document';
import type { EditorWorkspaceFiles } from '../workspaceFiles';

/** The editor's document as plain data, with the selection as offsets (equal when nothing is selected). */
export interface EditorSnapshot {
  snapshot: DocumentSnapshot;
  selection: { start: number; end: number };
}

export function snapshotOf(editor: vscode.TextEditor, files: EditorWorkspaceFiles): EditorSnapshot {
  const document = editor.document;
  const selection = editor.selection;
  const start = document.offsetAt(selection.start);
  const end = document.offsetAt(selection.end);
  return {
    snapshot: {
      uri: document.uri.toString(),
      // Files outside the workspace still need a name in the prompt: their own file name.
      path: files.relative(document.uri) ?? document.uri.path.split('/').pop() ?? document.uri.path,
      languageId: document.languageId,
      text: document.getText(),
      offset: document.offsetAt(selection.active),
      version: document.version,
    },
    selection: { start, end },
  };
}

/** The range of offsets [start, end) in the editor's document. */
export function rangeOf(document: vscode.TextDocument, start: number, end: number): vscode.Range {
  return new vscode.Range(document.positionAt(start), document.positionAt(end));
}
