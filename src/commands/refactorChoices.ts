/**
 * What "Fathom: Refactor"'s picker lists while the user types, and what pressing Enter in it means. Plain data
 * (the editor layer, src/vscode/commands/refactorPick.ts, shows it): whatever is typed can be accepted in one
 * step as the instruction, while the presets still filter as the user types.
 */

/** A row of the picker. `instruction` is what the model is asked to do; none: the user describes it next. */
export interface RefactorChoice {
  label: string;
  detail?: string;
  instruction?: string;
  /** Shown whatever the filter (the typed text's own row, which the filter would otherwise hide). */
  alwaysShow?: boolean;
}

/**
 * The presets, then — when something is typed that is not just a preset's name — a row that takes the typed
 * text as the instruction. It comes last so a preset the text matches stays the one Enter picks.
 */
export function refactorChoices(presets: readonly RefactorChoice[], typed: string, typedLabel: (text: string) => string): RefactorChoice[] {
  const text = typed.trim();
  if (!text || presets.some((p) => p.label.toLocaleLowerCase() === text.toLocaleLowerCase())) return [...presets];
  return [...presets, { label: typedLabel(text), instruction: text, alwaysShow: true }];
}

/** What Enter in the picker does. */
export type RefactorAnswer =
  | { kind: 'instruction'; text: string }
  /** The "in your own words" preset: ask for the description next, starting from what was typed. */
  | { kind: 'describe'; typed: string }
  /** Nothing to accept (no row and no text): the picker stays open. */
  | { kind: 'none' };

/**
 * The row Enter accepted, or — when there is none, e.g. Enter pressed before the rows for the latest keys
 * arrived — the typed text itself, so what the user typed is never dropped.
 */
export function refactorAnswer(accepted: RefactorChoice | undefined, typed: string): RefactorAnswer {
  if (accepted?.instruction) return { kind: 'instruction', text: accepted.instruction };
  if (accepted) return { kind: 'describe', typed: typed.trim() };
  const text = typed.trim();
  return text ? { kind: 'instruction', text } : { kind: 'none' };
}
