/**
 * The plain data the next-edit pipeline takes and returns: a document, a cursor, line ranges and line edits.
 * Lines and characters are 0-based; ranges are inclusive of both ends. No `vscode` here: an editor adapter
 * turns its state into these shapes, the CLI reads them from JSON.
 */

export interface NextEditDocument {
  /** Workspace-relative path (what prompts show and ignore rules test). */
  path: string;
  languageId: string;
  text: string;
}

export interface Position {
  line: number;
  character: number;
}

/** Lines startLine..endLine, both included. */
export interface LineRange {
  startLine: number;
  endLine: number;
}

/**
 * Lines startLine..endLine of the document replaced by the lines of `text` (joined with "\n", no trailing
 * newline: "a\nb" is two lines, "" one empty line). A list of them applies in order, each to the document
 * as the ones before it left it.
 */
export interface LineEdit extends LineRange {
  text: string;
}

/** Where a hunk of the history came from: the user typing, or a suggestion the user accepted. */
export type EditSource = 'user' | 'suggestion';

/** One recent change, as a unified-diff hunk: lines `before` at startLine became lines `after`. */
export interface EditHunk {
  path: string;
  startLine: number;
  before: string[];
  after: string[];
  source: EditSource;
}

/**
 * A definition from another file that the code near the cursor uses (an imported name), as the caller found it
 * through the ignore rules: prompts that have room for it show it, so the model knows the shapes it edits with.
 */
export interface RelatedDefinition {
  /** Workspace-relative path. */
  path: string;
  text: string;
}
