/**
 * The lexical engine behind the codebase index, as a small interface so the engine can change without
 * touching the index around it (miniSearchIndex.ts is the one in use; the bench's baseline is another).
 * Documents are chunks' searchable fields as plain strings; the engine tokenizes them (tokenize.ts).
 */

/** The searchable fields of one chunk. */
export interface LexicalDoc {
  id: number;
  /** What the chunk defines and what encloses it (`Parser parseHeader`): the strongest evidence. */
  names: string;
  /** The file's path: folder and file names say what a module is about. Empty when its file is crowded. */
  path: string;
  /**
   * The file's path instead of `path` when its file holds many chunks (CodebaseIndex's CROWDED_FILE_CHUNKS): a
   * module of dozens of definitions (`mailbox.py`, `utils.ts`) says less about each one. Empty or absent otherwise.
   */
  crowdedPath?: string;
  /** The chunk's (redacted) text. */
  body: string;
  /** A function's parameter list (names, types, defaults): what it is given says what it is about. Absent for other chunks. */
  params?: string;
  /** How much the chunk's matches count against other chunks' (a definition 1, code between definitions less). */
  weight: number;
}

export interface LexicalHit {
  id: number;
  score: number;
}

export interface SearchIndex {
  add(docs: readonly LexicalDoc[]): void;
  remove(ids: readonly number[]): void;
  /** The best `limit` documents for a natural-language or identifier query, best first. */
  search(query: string, limit: number): LexicalHit[];
  /** Documents held. */
  readonly size: number;
  /** Prepares answers for idle time (the most common words'), pausing between steps; how many it prepared. */
  warm?(pause?: () => Promise<void>): Promise<number>;
  /** A JSON-safe snapshot that the engine's `restore` reads back. */
  serialize(): unknown;
}
