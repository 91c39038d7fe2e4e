/**
 * How the logic modules read other files of the workspace, as plain data: the editor adapter
 * (vscode/workspaceFiles.ts) and the CLI (cli/nodeWorkspaceFiles.ts) implement it; privacy/guardFiles.ts
 * wraps it so ignored files are never read.
 */

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
