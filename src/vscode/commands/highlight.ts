import * as vscode from 'vscode';

/** How long the target stays highlighted: long enough to see what is sent, short enough not to linger. */
const HIGHLIGHT_MS = 1500;

const decoration = vscode.window.createTextEditorDecorationType({
  backgroundColor: new vscode.ThemeColor('editor.findMatchHighlightBackground'),
  border: '1px solid',
  borderColor: new vscode.ThemeColor('editor.findMatchBorder'),
  isWholeLine: false,
});

/**
 * Briefly highlights the code a command is about to send, so the user sees exactly what the model gets
 * (the target may be a whole function the cursor was merely inside). Scrolls it into view if needed.
 */
export function flashTarget(editor: vscode.TextEditor, range: vscode.Range): void {
  editor.setDecorations(decoration, [range]);
  editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  setTimeout(() => {
    // The editor may have closed meanwhile; clearing a disposed editor's decorations is a no-op.
    editor.setDecorations(decoration, []);
  }, HIGHLIGHT_MS);
}
