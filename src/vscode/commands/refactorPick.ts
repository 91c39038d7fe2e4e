/**
 * "Fathom: Refactor"'s question, what the refactoring should do: a quick pick of presets that also takes the
 * user's own words in one step (typed, then Enter). Which rows show and what Enter means: src/commands/refactorChoices.ts.
 */
import * as vscode from 'vscode';
import { refactorAnswer, refactorChoices, type RefactorChoice } from '../../commands/refactorChoices';

type Choice = RefactorChoice & vscode.QuickPickItem;

/** The refactorings offered: the label in the display language, the instruction as the model gets it (English, like the prompt files). */
function presets(): Choice[] {
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
  const answer = await askInPicker();
  if (answer.kind === 'instruction') return answer.text;
  if (answer.kind === 'none') return undefined;
  const text = await vscode.window.showInputBox({
    title: vscode.l10n.t('Fathom: Refactor'),
    prompt: vscode.l10n.t('Describe the refactoring'),
    placeHolder: vscode.l10n.t('e.g. split the parsing from the validation'),
    value: answer.typed,
  });
  return text?.trim() || undefined;
}

/** The picker itself; 'none' when it was dismissed. */
function askInPicker(): Promise<ReturnType<typeof refactorAnswer>> {
  const choices = presets();
  const typedLabel = (text: string) => vscode.l10n.t('Refactor: {0}', text);
  const quickPick = vscode.window.createQuickPick<Choice>();
  quickPick.title = vscode.l10n.t('Fathom: Refactor');
  quickPick.placeholder = vscode.l10n.t('What should the refactoring do?');
  quickPick.items = choices;
  return new Promise((resolve) => {
    let settled = false;
    // Disposing hides the picker, which calls this again: the first answer counts.
    const done = (answer: ReturnType<typeof refactorAnswer>) => {
      if (settled) return;
      settled = true;
      resolve(answer);
      quickPick.dispose();
    };
    quickPick.onDidChangeValue((value) => (quickPick.items = refactorChoices(choices, value, typedLabel)));
    quickPick.onDidAccept(() => {
      const answer = refactorAnswer(quickPick.selectedItems[0] ?? quickPick.activeItems[0], quickPick.value);
      // Nothing typed and no row: Enter does nothing, as in any picker.
      if (answer.kind !== 'none') done(answer);
    });
    quickPick.onDidHide(() => done({ kind: 'none' }));
    quickPick.show();
  });
}
