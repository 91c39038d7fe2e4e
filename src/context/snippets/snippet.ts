/**
 * The unit the context stage deals in: a piece of other code the completion prompt carries beyond the prefix
 * and suffix. The retrievers (imports/, scopes, similar) make candidates; fitSnippets.ts picks each one's shape
 * within the budget; the prompt writes the chosen snippets as comments. A leaf: it imports nothing, so every
 * context folder can share it.
 */

/**
 * Which retriever found a snippet:
 *   imports  definitions of the names the file imports that matter at the cursor (imports/importRetriever.ts)
 *   module   the outline of a module imported whole whose used member is unknown (imports/importRetriever.ts)
 *   scope    signatures of the enclosing scopes the prefix no longer reaches (gather.ts, scopes.ts)
 *   similar  windows of open and recent files that look like the code at the cursor (similar.ts)
 *   repository  definitions from the codebase index of names used near the cursor (repository.ts)
 */
export type SnippetSource = 'imports' | 'module' | 'scope' | 'similar' | 'repository';

/** A piece of other code the prompt carries beyond the prefix and suffix. */
export interface ContextSnippet {
  path: string;
  /** 1-based, inclusive. */
  startLine: number;
  endLine: number;
  text: string;
  source: SnippetSource;
  /** Higher is more useful; snippets are dropped lowest first when the budget is short. */
  score: number;
}

/** A snippet that can be shown in several shapes, richest first. */
export interface SnippetCandidate {
  path: string;
  source: SnippetSource;
  score: number;
  forms: { text: string; startLine: number; endLine: number }[];
}
