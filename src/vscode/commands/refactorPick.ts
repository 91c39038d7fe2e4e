import * as vscode from 'vscode';

/** The refactorings offered; the label is what the model is asked to do. */
const CHOICES: readonly { label: string; detail: string }[] = [
  { label: 'Simplify', detail: 'Same behaviour, less code and fewer branches' },
  { label: 'Extract function', detail: 'Move a coherent part into its own well-named function' },
  { label: 'Rename for clarity', detail: 'Names that say what things are and do' },
  { label: 'Add types', detail: 'Explicit parameter, return and variable types' },
  { label: 'Convert to async/await', detail: 'Replace callbacks and promise chains' },
  { label: 'Improve performance', detail: 'Fewer passes, allocations and repeated work' },
];

const FREE_TEXT = 'Something else…';

/**
 * Asks what the refactoring should do. `preset` (from a test or a keybinding's args) skips the question.
 * Undefined when the user dismissed the picker.
 */
export async function pickRefactoring(preset?: unknown): Promise<string | undefined> {
  if (typeof preset === 'string' && preset.trim() !== '') return preset.trim();
  const picked = await vscode.window.showQuickPick([...CHOICES, { label: FREE_TEXT, detail: 'Describe the change in your own words' }], {
    title: 'Fathom: Refactor',
    placeHolder: 'What should the refactoring do?',
  });
  if (!picked) return undefined;
  if (picked.label !== FREE_TEXT) return picked.label;
  const text = await vscode.window.showInputBox({ title: 'Fathom: Refactor', prompt: 'Describe the refactoring', placeHolder: 'e.g. split the parsing from the validation' });
  return text?.trim() || undefined;
}
