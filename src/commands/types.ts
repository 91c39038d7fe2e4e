/**
 * Plain data of the editor commands (Explain, Debug, Refactor, Generate Tests, Document). No `vscode`:
 * the adapters in src/vscode/ turn the editor's state into these and render what comes back.
 */

export type CommandKind = 'explain' | 'debug' | 'refactor' | 'tests' | 'document';

export const COMMAND_KINDS: readonly CommandKind[] = ['explain', 'debug', 'refactor', 'tests', 'document'];

/** What a command is about: the code sent to the model, and where it sits in the document. */
export interface CommandTarget {
  /** UTF-16 offsets into the document text; `text` is exactly `documentText.slice(start, end)`. */
  start: number;
  end: number;
  /** 1-based, inclusive. */
  startLine: number;
  endLine: number;
  text: string;
  /**
   * How it was chosen: the user's selection, the smallest enclosing function / method / class,
   * an indentation block around the cursor (no syntax tree, or top-level code), or the whole small file.
   */
  kind: 'selection' | 'function' | 'method' | 'class' | 'block' | 'file';
  /** The declared name, when the target is a declaration. */
  name?: string;
}

/** A problem the editor reports on the document (vscode.Diagnostic as plain data). */
export interface DiagnosticInfo {
  message: string;
  severity: 'error' | 'warning' | 'information' | 'hint';
  /** 1-based, inclusive. */
  startLine: number;
  endLine: number;
  /** The tool that reported it: `ts`, `eslint`, `pylance`, … */
  source?: string;
  code?: string | number;
}

export type Audience = 'beginner' | 'intermediate' | 'expert';

export interface CommandSettings {
  /** A BCP 47 language tag as VS Code spells it (`en`, `zh-cn`, `de`): the language the answer is written in. */
  answerLanguage: string;
  /** Who Explain writes for. */
  audience: Audience;
  /** Ask the model to reason step by step before answering (the panel may show or fold the reasoning). */
  stepByStep: boolean;
}
