/**
 * The plain data the completion pipeline passes between its stages. No `vscode`: the editor adapter
 * builds a DocumentSnapshot; the CLI and the benchmarks build the same from files.
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

/** A piece of other code the prompt carries beyond the prefix and suffix. */
export interface ContextSnippet {
  path: string;
  /** 1-based, inclusive. */
  startLine: number;
  endLine: number;
  text: string;
  /** Which retriever found it: 'imports' (definitions of imported symbols), 'scope', 'similar', 'recent'. */
  source: string;
  /** Higher is more useful; snippets are dropped lowest first when the budget is short. */
  score: number;
}

/** What the pipeline shows: `insert` at the cursor, replacing `replaceLength` characters right of it. */
export interface CompletionResult {
  insert: string;
  replaceLength: number;
}

/** How other files are read: the adapter answers from open editors first, then the disk; never ignored files. */
export interface WorkspaceFiles {
  /** Text of a workspace file by its workspace-relative path; undefined when missing, ignored or too large. */
  read(path: string): Promise<string | undefined>;
  /** Whether a workspace-relative path exists (import resolution tries candidates). */
  exists(path: string): Promise<boolean>;
  /**
   * Names of the files directly in a workspace folder ('' is the root). Optional: used where a
   * language imports a folder rather than a file (Go packages, Java wildcards, C# namespaces).
   */
  list?(dir: string): Promise<string[]>;
  /** Documents open in the editor (and recently edited ones), most recent first, for similarity search. */
  recentDocuments(): readonly { path: string; languageId: string; text: string }[];
}
