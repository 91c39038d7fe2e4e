import * as vscode from 'vscode';

export const EXPLAIN_PROBLEM = 'fathom.explainProblem';
export const FIX_PROBLEM = 'fathom.fixProblem';

/** What the quick-fix commands receive: the document and the diagnostic the lightbulb was shown for. */
export interface ProblemArgs {
  uri: vscode.Uri;
  diagnostic: vscode.Diagnostic;
}

/**
 * "Fathom: Explain this problem" and "Fathom: Fix this problem" in the lightbulb of every diagnostic: the
 * first streams an analysis into the answer panel, the second proposes a fix as a diff (Debug with that diagnostic).
 */
export class ProblemActions implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  /** `enabled`: the setting `fathom.quickFixes.enabled`, read at each request (off: no actions in the lightbulb). */
  constructor(private readonly enabled: () => boolean = () => true) {}

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    if (!this.enabled()) return [];
    return context.diagnostics.flatMap((diagnostic) => {
      const args: ProblemArgs = { uri: document.uri, diagnostic };
      const explain = new vscode.CodeAction(vscode.l10n.t('Fathom: Explain this problem'), vscode.CodeActionKind.QuickFix);
      explain.command = { command: EXPLAIN_PROBLEM, title: explain.title, arguments: [args] };
      explain.diagnostics = [diagnostic];
      const fix = new vscode.CodeAction(vscode.l10n.t('Fathom: Fix this problem'), vscode.CodeActionKind.QuickFix);
      fix.command = { command: FIX_PROBLEM, title: fix.title, arguments: [args] };
      fix.diagnostics = [diagnostic];
      return [explain, fix];
    });
  }
}
