/**
 * The document a request is about, as plain data. No `vscode`: the editor adapter builds a DocumentSnapshot;
 * the CLI and the benchmarks build the same from files. Completion, context, commands and chat all read it.
 */

/** The document at the moment of the request. */
export interface DocumentSnapshot {
  /** Stable identity (a URI in the editor, the path in the CLI). */
  uri: string;
  /** Path relative to the workspace root, with forward slashes (written into prompts). */
  path: string;
  /** VS Code language id. */
  languageId: string;
  text: string;
  /** Cursor, as a UTF-16 offset into `text`. */
  offset: number;
  version: number;
}
