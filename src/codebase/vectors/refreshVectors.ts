/**
 * One call for a caller that keeps vectors between runs (the CLI, the index worker): load the root's
 * vectors for this model from the storage folder, bring them up to date with the index (syncVectors.ts),
 * and save them again when anything changed — also after a failure or cancellation, so the chunks already
 * embedded are not sent again next time. Without a storage folder the vectors live in memory only.
 */
import type { CodebaseIndex } from '../codebaseIndex';
import type { Embedder } from './embedder';
import { syncVectors, type VectorSyncOptions, type VectorSyncReport } from './syncVectors';
import { loadVectors, saveVectors } from './vectorFile';
import { VectorStore } from './vectorStore';

export interface RefreshOptions extends VectorSyncOptions {
  /** Where the vector file lives (beside the lexical snapshot); undefined: memory only. */
  storageDir?: string;
  /** A store already in memory for this root and model (skips reading the file). */
  store?: VectorStore;
}

/** The key a vector file is stored under: vectors of different models (or servers' model names) never mix. */
export function embeddingModelKey(provider: string, model: string): string {
  return `${provider}:${model}`;
}

export async function refreshVectors(root: string, index: CodebaseIndex, modelKey: string, embed: Embedder, options: RefreshOptions = {}): Promise<{ store: VectorStore; report: VectorSyncReport }> {
  const kept = options.store?.modelKey === modelKey ? options.store : undefined;
  const store = kept ?? (options.storageDir ? await loadVectors(options.storageDir, root, modelKey) : undefined) ?? new VectorStore(modelKey);
  const report = await syncVectors(root, index, store, embed, options);
  if (options.storageDir && (report.embedded > 0 || report.removed > 0)) await saveVectors(options.storageDir, root, store);
  return { store, report };
}
