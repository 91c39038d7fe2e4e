import * as vscode from 'vscode';

interface Choice extends vscode.QuickPickItem {
  /** What the model is asked to do (English, like the prompt files); undefined: the user describes it. */
  instruction?: string;
}

/** The refactorings offered: the label in the display language, the instruction as the model gets it. */
function choices(): Choice[] {
  return [
    { label: vscode.l10n.t('Simplify'), detail: vscode.l10n.t('Same behaviour, less code and fewer branches'), instruction: 'Simplify' },
    { label: vscode.l10n.t('Extract function'), detail: vscode.l10n.t('Move a coherent part into its own well-named function'), instruction: 'Extract function' },
    { label: vscode.l10n.t('Rename for clarity'), detail: vscode.l10n.t('Names that say what things are and do'), instruction: 'Rename for clarity' },
    { label: vscode.l10n.t('Add types'), detail: vscode.l10n.t('Explicit parameter, return and variable types'), instruction: 'Add types' },
    { label: vscode.l10n.t('Convert to async/await'), detail: vscode.l10n.t('Replace callbacks and promise chains'), instruction: 'Convert to async/await' },
    { label: vscode.l10n.t('Improve performance'), detail: vscode.l10n.t('Fewer passes, allocations and repeated work'), instruction: 'Improve performance' },
    { label: vscode.l10n.t('Something else…'), detail: vscode.l10n.t('Describe the change in your own words') },
  ];
}

/**
 * Asks what the refactoring should do. `preset` (from a test or a keybinding's args) skips the question.
 * Undefined when the user dismissed the picker.
 */
export async function pickRefactoring(preset?: unknown): Promise<string | undefined> {
  if (typeof preset === 'string' && preset.trim() !== '') return preset.trim();
  const picked = await vscode.window.showQuickPick(choices(), {
    title: vscode.l10n.t('Fathom: Refactor'),
    placeHolder: vscode.l10n.t('What should the refactoring do?'),
  });
  if (!picked) return undefined;
  if (picked.instruction) return picked.instruction;
  const text = await vscode.window.showInputBox({
    title: vscode.l10n.t('Fathom: Refactor'),
    prompt: vscode.l10n.t('Describe the refactoring'),
    placeHolder: vscode.l10n.t('e.g. split the parsing from the validation'),
  });
  return text?.trim() || undefined;
}
