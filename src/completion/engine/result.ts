/**
 * What the completion pipeline hands back for the editor to show. The engine makes it; the scheduler caches
 * and reuses it; the editor adapter turns it into an inline completion item.
 */

/** What the pipeline shows: `insert` at the cursor, replacing `replaceLength` characters right of it. */
export interface CompletionResult {
  insert: string;
  replaceLength: number;
}
