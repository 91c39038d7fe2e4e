import * as vscode from 'vscode';
import { diagnosticAt, toDiagnosticInfo } from './diagnostics';
import { inputFor, proposeReplacement, streamToPanel, targetIn, type FlowDeps } from './flows';
import type { ProposalOutcome } from './proposal';
import type { ProblemArgs } from './quickFix';
import { terminalSelection } from './terminalSelection';
import { cellError } from '../notebooks';

export type DebugOutcome = ProposalOutcome | 'failed' | 'cancelled' | 'explained';

/**
 * Fathom: Debug — about the selection, else the diagnostic under the cursor, else the error a notebook cell's
 * last run left, else an error or stack trace the user pastes. The cause analysis streams into the panel, then the fix opens as a diff for Accept / Reject.
 */
export async function debug(deps: FlowDeps): Promise<DebugOutcome> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Fathom: {0} works on the code in an editor: open a file and put the cursor in it.', vscode.l10n.t('Debug')));
    return 'cancelled';
  }
  if (!editor.selection.isEmpty) return debugWith(deps, editor, {});
  const diagnostic = diagnosticAt(editor.document.uri, editor.selection.active);
  if (diagnostic) return debugWith(deps, editor, { diagnostic });
  // A notebook cell that failed when it ran: its traceback is the error to debug.
  const failedCell = cellError(editor.document);
  if (failedCell) return debugWith(deps, editor, { errorText: failedCell });
  const errorText = await vscode.window.showInputBox({
    title: vscode.l10n.t('Fathom: Debug'),
    prompt: vscode.l10n.t('There is no problem reported at the cursor. Paste the error message or stack trace (or leave empty to look for bugs in the code at the cursor).'),
    ignoreFocusOut: true,
  });
  if (errorText === undefined) return 'cancelled';
  return debugWith(deps, editor, { errorText });
}

/** Fathom: Debug Terminal Selection — the error text is what is selected in the terminal; the code is the active editor's. */
export async function debugTerminalSelection(deps: FlowDeps): Promise<DebugOutcome> {
  let errorText: string | undefined;
  try {
    errorText = await terminalSelection();
  } catch {
    void vscode.window.showWarningMessage(vscode.l10n.t('Fathom: the terminal selection could not be read through the clipboard here. Run "Fathom: Debug" and paste the error instead.'));
    return 'cancelled';
  }
  if (!errorText) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Fathom: select the error or stack trace in the terminal first.'));
    return 'cancelled';
  }
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Fathom: open the file the error is about, put the cursor in the failing code, then run Debug Terminal Selection again.'));
    return 'cancelled';
  }
  return debugWith(deps, editor, { errorText });
}

/** The lightbulb's "Fix this problem": Debug for that diagnostic. */
export async function fixProblem(deps: FlowDeps, args: ProblemArgs): Promise<DebugOutcome> {
  const editor = await vscode.window.showTextDocument(args.uri);
  return debugWith(deps, editor, { diagnostic: args.diagnostic });
}

/** The lightbulb's "Explain this problem": the analysis only, no fix proposed. */
export async function explainProblem(deps: FlowDeps, args: ProblemArgs): Promise<DebugOutcome> {
  const editor = await vscode.window.showTextDocument(args.uri);
  return debugWith(deps, editor, { diagnostic: args.diagnostic, explainOnly: true });
}

async function debugWith(
  deps: FlowDeps,
  editor: vscode.TextEditor,
  about: { diagnostic?: vscode.Diagnostic; errorText?: string; explainOnly?: boolean },
): Promise<DebugOutcome> {
  const resolved = await targetIn(deps, 'debug', about.diagnostic?.range, editor);
  if (!resolved) return 'cancelled';
  const input = inputFor(resolved, 'debug', about.errorText?.trim() ? { errorText: about.errorText.trim() } : {});
  if (about.diagnostic) {
    // The diagnostic asked about comes first, even when it is not (or no longer) in VS Code's own lists.
    const first = toDiagnosticInfo(about.diagnostic);
    input.diagnostics = [first, ...input.diagnostics.filter((d) => d.message !== first.message || d.startLine !== first.startLine)];
  }
  const title = about.explainOnly ? vscode.l10n.t('Explain this problem') : about.diagnostic ? vscode.l10n.t('Debug: {0}', about.diagnostic.message.split('\n')[0]) : vscode.l10n.t('Debug');
  const answer = await streamToPanel(deps, resolved, input, title);
  if (answer === undefined) return 'failed';
  if (about.explainOnly) return 'explained';
  return proposeReplacement(deps, resolved, input, vscode.l10n.t('fix'), answer);
}
