/**
 * How a next-edit suggestion looks in the editor, with stable API only (decorations): removed text struck
 * through on a red-ish background, inserted text beside it on a green-ish one (the first line of a multi-line
 * insertion and how many lines follow), and, when the suggestion is away from the cursor or off screen, a
 * gutter marker on its line and a "Tab to jump" hint at the end of the cursor's line.
 */
import * as vscode from 'vscode';
import { atCursor, insertedLabel, type EditPiece } from '../../nextEdit/pieces';

export class NextEditDecorations implements vscode.Disposable {
  private readonly removed = vscode.window.createTextEditorDecorationType({
    textDecoration: 'line-through',
    backgroundColor: new vscode.ThemeColor('diffEditor.removedTextBackground'),
  });
  private readonly inserted = vscode.window.createTextEditorDecorationType({
    after: { backgroundColor: new vscode.ThemeColor('diffEditor.insertedTextBackground'), margin: '0 0 0 0.1em' },
  });
  private readonly marker: vscode.TextEditorDecorationType;
  private readonly hint = vscode.window.createTextEditorDecorationType({
    after: { color: new vscode.ThemeColor('editorCodeLens.foreground'), fontStyle: 'italic', margin: '0 0 0 2em' },
  });
  private editor: vscode.TextEditor | undefined;

  constructor(extensionUri: vscode.Uri) {
    this.marker = vscode.window.createTextEditorDecorationType({ gutterIconPath: vscode.Uri.joinPath(extensionUri, 'media', 'next-edit.svg'), gutterIconSize: 'contain' });
  }

  /** Shows `pieces` in `editor`; returns whether they are at the cursor (Tab applies) rather than away (Tab jumps). */
  show(editor: vscode.TextEditor, pieces: readonly EditPiece[]): boolean {
    if (this.editor && this.editor !== editor) this.clear();
    this.editor = editor;
    const cursor = editor.selection.active;
    const onScreen = editor.visibleRanges.some((r) => r.start.line <= pieces[0].from.line && pieces[0].from.line <= r.end.line);
    const near = atCursor(pieces, cursor.line);
    editor.setDecorations(this.removed, pieces.filter((p) => !sameSpot(p)).map((p) => range(p)));
    editor.setDecorations(this.inserted, pieces.filter((p) => p.text !== '').map((p) => ({
      range: new vscode.Range(p.to.line, p.to.character, p.to.line, p.to.character),
      renderOptions: { after: { contentText: insertedLabel(p.text, (n) => vscode.l10n.t('…(+{0} lines)', n)) } },
    })));
    const away = !near || !onScreen;
    editor.setDecorations(this.marker, away ? [new vscode.Range(pieces[0].from.line, 0, pieces[0].from.line, 0)] : []);
    const end = editor.document.lineAt(cursor.line).range.end;
    editor.setDecorations(this.hint, away ? [{ range: new vscode.Range(end, end), renderOptions: { after: { contentText: vscode.l10n.t('Tab to jump to line {0}', pieces[0].from.line + 1) } } }] : []);
    return near;
  }

  clear(): void {
    const editor = this.editor;
    this.editor = undefined;
    if (!editor) return;
    for (const type of [this.removed, this.inserted, this.marker, this.hint]) editor.setDecorations(type, []);
  }

  dispose(): void {
    for (const type of [this.removed, this.inserted, this.marker, this.hint]) type.dispose();
  }
}

function sameSpot(p: EditPiece): boolean {
  return p.from.line === p.to.line && p.from.character === p.to.character;
}

function range(p: EditPiece): vscode.Range {
  return new vscode.Range(p.from.line, p.from.character, p.to.line, p.to.character);
}
