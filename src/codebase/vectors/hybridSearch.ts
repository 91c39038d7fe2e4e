/**
 * Codebase search with words and meaning together: the lexical index's ranking and the vector store's
 * nearest chunks to the embedded question, fused by reciprocal rank (fuse.ts). Self-contained for the
 * service layer: it takes the index, the store and an embedder, and falls back to the lexical ranking alone
 * — saying why — when there are no vectors or the question cannot be embedded.
 */
import type { CodebaseIndex, SearchResult } from '../codebaseIndex';
import type { Embedder } from './embedder';
import { reciprocalRankFusion } from './fuse';
import type { EmbedFailure } from './syncVectors';
import type { VectorStore } from './vectorStore';

/** How deep each ranking goes into the fusion: deeper than `top`, so a chunk both rank fairly well can rise. */
export const FUSION_DEPTH = 50;

export interface HybridSearchInput {
  index: CodebaseIndex;
  /** Undefined or empty: lexical search only. */
  vectors?: VectorStore;
  /** Embeds the question; the same model the store's vectors came from. */
  embed?: Embedder;
  query: string;
  top: number;
  signal?: AbortSignal;
}

export interface HybridSearchOutput {
  /** Best first; in hybrid mode `score` is the fused score. */
  results: SearchResult[];
  mode: 'hybrid' | 'lexical';
  /** Set when vectors were there but the question could not be embedded (the results are lexical). */
  failure?: EmbedFailure;
}

export async function hybridSearch(input: HybridSearchInput): Promise<HybridSearchOutput> {
  const { index, vectors, embed, query, top } = input;
  const depth = Math.max(top, FUSION_DEPTH);
  const lexical = index.search(query, depth);
  if (!vectors || vectors.size === 0 || !embed || query.trim() === '') return { results: lexical.slice(0, top), mode: 'lexical' };
  let queryVector: number[] | undefined;
  try {
    [queryVector] = await embed([query], input.signal);
  } catch (error) {
    const kind = (error as { kind?: unknown } | null)?.kind;
    return { results: lexical.slice(0, top), mode: 'lexical', failure: { kind: typeof kind === 'string' ? kind : undefined, message: error instanceof Error ? error.message : String(error) } };
  }
  const semantic = vectors.search(queryVector ?? [], depth).flatMap(({ id, score }) => {
    const chunk = index.chunk(id);
    return chunk ? [{ ...chunk, score }] : [];
  });
  const fused = reciprocalRankFusion<SearchResult>([lexical, semantic], chunkKey);
  return { results: fused.slice(0, top).map(({ item, score }) => ({ ...item, score })), mode: 'hybrid' };
}

/** A chunk's identity across both rankings: its file and lines. */
function chunkKey(chunk: SearchResult): string {
  return `${chunk.path}:${chunk.startLine}:${chunk.endLine}`;
}
