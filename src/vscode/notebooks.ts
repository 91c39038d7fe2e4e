/**
 * Notebook cells (`vscode-notebook-cell` documents, e.g. a Jupyter cell): which notebook a cell belongs to, and
 * the cell read with the cells around it (context/notebook.ts) for the completion pipeline.
 */
import * as vscode from 'vscode';
import { cellErrorText, notebookDocumentText, type NotebookDocumentText } from '../context/notebook';

export const NOTEBOOK_CELL_SCHEME = 'vscode-notebook-cell';

/** The open notebook holding this cell document, and the cell's index; undefined for any other document. */
export function notebookOf(document: vscode.TextDocument): { notebook: vscode.NotebookDocument; index: number } | undefined {
  if (document.uri.scheme !== NOTEBOOK_CELL_SCHEME) return undefined;
  for (const notebook of vscode.workspace.notebookDocuments) {
    if (notebook.uri.path !== document.uri.path) continue;
    const index = notebook.getCells().findIndex((cell) => cell.document === document);
    if (index >= 0) return { notebook, index };
  }
  return undefined;
}

/** The URI of the file a cell's notebook is saved in (the cell's own URI for any other document). */
export function fileUriOf(uri: vscode.Uri): vscode.Uri {
  if (uri.scheme !== NOTEBOOK_CELL_SCHEME) return uri;
  return vscode.workspace.notebookDocuments.find((n) => n.uri.path === uri.path)?.uri ?? uri;
}

/** The cell's notebook as one document around the cell; undefined when `document` is not a notebook cell. */
export function cellInNotebook(document: vscode.TextDocument): NotebookDocumentText | undefined {
  const found = notebookOf(document);
  if (!found) return undefined;
  const cells = found.notebook.getCells().map((cell) => ({
    kind: cell.kind === vscode.NotebookCellKind.Code ? ('code' as const) : ('markdown' as const),
    languageId: cell.document.languageId,
    // The cell itself exactly as the editor holds it (the cursor's offsets are into this text).
    text: cell.document.getText(),
  }));
  return notebookDocumentText(cells, found.index);
}

/** The error the cell's last run left in its outputs (exception and traceback, else stderr); undefined otherwise. */
export function cellError(document: vscode.TextDocument): string | undefined {
  const found = notebookOf(document);
  if (!found) return undefined;
  const decoder = new TextDecoder();
  const outputs = found.notebook.cellAt(found.index).outputs;
  return cellErrorText(outputs.flatMap((output) => output.items.map((item) => ({ mime: item.mime, text: decoder.decode(item.data) }))));
}
