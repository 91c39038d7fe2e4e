import * as vscode from 'vscode';

/** Longest wait for the clipboard: in a browser it may wait for a permission the page never gets. */
const CLIPBOARD_TIMEOUT_MS = 3000;

/**
 * The text selected in the active terminal. VS Code has no API for it, so the terminal's own Copy Selection
 * command puts it on the clipboard, which is read and then put back as it was (the user's clipboard survives).
 * Undefined when nothing is selected; throws when the clipboard cannot be used (the caller says what to do).
 */
export async function terminalSelection(): Promise<string | undefined> {
  if (!vscode.window.activeTerminal) return undefined;
  const saved = await withTimeout(vscode.env.clipboard.readText());
  // A marker tells "nothing was copied" apart from "the selection equals the clipboard".
  const marker = `fathom-no-terminal-selection-${Date.now()}`;
  await withTimeout(vscode.env.clipboard.writeText(marker));
  try {
    await vscode.commands.executeCommand('workbench.action.terminal.copySelection');
    const copied = await withTimeout(vscode.env.clipboard.readText());
    return copied === marker || copied.trim() === '' ? undefined : copied;
  } finally {
    await withTimeout(vscode.env.clipboard.writeText(saved)).catch(() => undefined);
  }
}

function withTimeout<T>(work: Thenable<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the clipboard did not answer')), CLIPBOARD_TIMEOUT_MS);
    Promise.resolve(work).then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}
