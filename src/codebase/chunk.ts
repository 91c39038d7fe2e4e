/**
 * What the codebase index stores per piece of a file: where it is (1-based, inclusive lines), what it
 * defines, and the words it is found by. Plain data, so a worker thread can build chunks and post them.
 */

export type ChunkKind = 'function' | 'class' | 'header' | 'code' | 'lines';

export interface Chunk {
  /** Workspace-relative, forward slashes. */
  path: string;
  startLine: number;
  endLine: number;
  kind: ChunkKind;
  /** The name the chunk defines (function, method, class); '' for top-level code and line windows. */
  symbol: string;
  /** The names of the definitions around it, outermost first (a method's class). */
  container: string;
}

/** A chunk with its source text, as the chunker produces it (the text is redacted before it is indexed). */
export interface ChunkWithText extends Chunk {
  text: string;
  /** The names of the definitions a class chunk holds without chunks of their own (a short class's methods). */
  members?: readonly string[];
  /** A function chunk's parameter list as written (definitions.ts): the index searches it as a field of its own. */
  params?: string;
}
