/**
 * What the answer panel's buttons and links do in the editor: copy to the clipboard, insert at the cursor of
 * the editor the user came from, reveal the lines an answer talks about, open web links only through
 * `env.openExternal` (VS Code asks the user before leaving for an outside site).
 */
import * as vscode from 'vscode';

export class PanelActions implements vscode.Disposable {
  private lastEditor: vscode.TextEditor | undefined = vscode.window.activeTextEditor;
  // Focusing the panel leaves no active text editor: remember the last real one for Insert.
  private readonly tracking = vscode.window.onDidChangeActiveTextEditor((editor) => {
    if (editor) this.lastEditor = editor;
  });

  /** The text editor Insert writes to: the last one the user had active, if it is still open. */
  targetEditor(): vscode.TextEditor | undefined {
    const last = this.lastEditor;
    if (!last || last.document.isClosed) return undefined;
    return vscode.window.visibleTextEditors.find((e) => e.document === last.document) ?? last;
  }

  async copy(code: string): Promise<void> {
    await vscode.env.clipboard.writeText(code);
    vscode.window.setStatusBarMessage('$(check) Fathom: code copied', 2000);
  }

  /** Inserts at the cursor (replacing a selection) as one undo step; false when there is no editor to insert into. */
  async insert(code: string): Promise<boolean> {
    const editor = this.targetEditor();
    if (!editor) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Fathom: open the file to insert into, put the cursor where the code goes, then press Insert again.'));
      return false;
    }
    const shown = await vscode.window.showTextDocument(editor.document, { viewColumn: editor.viewColumn, preserveFocus: false, selection: editor.selection });
    const done = await shown.edit((edit) => edit.replace(shown.selection, code));
    if (!done) void vscode.window.showWarningMessage(vscode.l10n.t('Fathom: the code could not be inserted (the document changed or is read-only).'));
    return done;
  }

  /** Shows lines `line`..`endLine` (1-based) of `uri` selected, clamped to the document. */
  async reveal(uri: vscode.Uri | undefined, line: number, endLine = line): Promise<vscode.TextEditor | undefined> {
    if (!uri) return undefined;
    const document = await vscode.workspace.openTextDocument(uri);
    const last = Math.max(0, document.lineCount - 1);
    const from = Math.min(Math.max(line - 1, 0), last);
    const to = Math.min(Math.max(endLine - 1, from), last);
    const range = new vscode.Range(from, 0, to, document.lineAt(to).range.end.character);
    const visible = vscode.window.visibleTextEditors.find((e) => e.document === document);
    const editor = await vscode.window.showTextDocument(document, { viewColumn: visible?.viewColumn ?? vscode.ViewColumn.One, selection: range });
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    return editor;
  }

  async openLink(href: string): Promise<boolean> {
    if (!/^https?:\/\//i.test(href)) return false;
    return vscode.env.openExternal(vscode.Uri.parse(href, true));
  }

  dispose(): void {
    this.tracking.dispose();
  }
}
