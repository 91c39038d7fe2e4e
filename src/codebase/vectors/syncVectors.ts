/**
 * Brings a root's vector store up to date with its lexical index: drops vectors whose chunk is gone or
 * changed, then embeds only the chunks that have none — re-reading their lines from disk (the index keeps
 * no text), redacting them (embedText.ts) and sending them in batches through the injected embedder. A file
 * that changed since it was indexed is skipped until the next index sync gives its new chunks.
 *
 * Embedding never breaks search: a failure (server down, model missing, refused endpoint) stops this sync,
 * keeps every vector made so far, and comes back as plain data the Doctor and status can show; lexical
 * search works all along. Cancelling stops between batches and aborts the batch in flight.
 */
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { holdsCredentials } from '../../privacy/credentialContent';
import { Redactor } from '../../privacy/redactor';
import { textOfFile } from '../../workspace/fileBytes';
import type { Chunk } from '../chunk';
import type { CodebaseIndex, FileStamp } from '../codebaseIndex';
import { chunkFingerprint } from './chunkFingerprint';
import type { Embedder } from './embedder';
import { embedTextOf } from './embedText';
import type { VectorStore } from './vectorStore';

/** Texts per embeddings request. */
export const EMBED_BATCH = 32;

export interface VectorSyncOptions {
  signal?: AbortSignal;
  /** The session's redactor (same placeholders as everything else sent); a fresh one by default. */
  redactor?: Redactor;
  batchSize?: number;
  /** After each batch: chunks embedded so far and how many needed it. */
  onProgress?: (done: number, total: number) => void;
}

/** Why embedding stopped, as the status bar and the Doctor show it. */
export interface EmbedFailure {
  /** The BackendError kind when the embedder threw one ('unreachable', 'modelMissing', 'refused', …). */
  kind?: string;
  message: string;
}

export interface VectorSyncReport {
  /** Chunks in the index, and how many of them have a vector now. */
  chunks: number;
  vectors: number;
  embedded: number;
  removed: number;
  /** Chunks left without a vector because their file changed or could not be read. */
  skipped: number;
  /** Vector length; undefined while the store is empty. */
  dimensions?: number;
  cancelled: boolean;
  failure?: EmbedFailure;
  /** Time spent, in milliseconds. */
  ms: number;
}

interface Pending {
  id: number;
  fingerprint: number;
  text: string;
}

export async function syncVectors(root: string, index: CodebaseIndex, store: VectorStore, embed: Embedder, options: VectorSyncOptions = {}): Promise<VectorSyncReport> {
  const started = performance.now();
  const redactor = options.redactor ?? new Redactor();
  const batchSize = options.batchSize ?? EMBED_BATCH;
  let embedded = 0;
  let skipped = 0;
  const wanted = currentChunks(index);
  const removed = dropStale(store, wanted);
  const missing = new Map<string, Array<{ id: number; chunk: Chunk; fingerprint: number }>>();
  let total = 0;
  for (const [id, { chunk, fingerprint }] of wanted) {
    if (store.fingerprint(id) === fingerprint) continue;
    const list = missing.get(chunk.path) ?? [];
    list.push({ id, chunk, fingerprint });
    missing.set(chunk.path, list);
    total++;
  }
  const report = (extra: Partial<VectorSyncReport>): VectorSyncReport => ({
    chunks: wanted.size,
    vectors: store.size,
    embedded,
    removed,
    skipped,
    dimensions: store.dimensions,
    cancelled: options.signal?.aborted ?? false,
    ms: Math.round(performance.now() - started),
    ...extra,
  });

  let queue: Pending[] = [];
  const flush = async () => {
    const batch = queue;
    queue = [];
    const vectors = await embed(batch.map((p) => p.text), options.signal);
    if (vectors.length !== batch.length) throw new Error(`the embedder returned ${vectors.length} vectors for ${batch.length} texts`);
    batch.forEach((p, i) => store.set(p.id, p.fingerprint, vectors[i]));
    embedded += batch.length;
    options.onProgress?.(embedded, total);
  };
  try {
    for (const [path, chunks] of missing) {
      if (options.signal?.aborted) break;
      const lines = await linesIfUnchanged(root, path, index.stamp(path));
      if (!lines) {
        skipped += chunks.length;
        continue;
      }
      for (const { id, chunk, fingerprint } of chunks) queue.push({ id, fingerprint, text: embedTextOf(chunk, lines, redactor) });
      while (queue.length >= batchSize && !options.signal?.aborted) {
        // flush() sends the queue's first batchSize texts; the rest wait for the next round.
        const rest = queue.splice(batchSize);
        await flush();
        queue = rest;
      }
    }
    if (queue.length > 0 && !options.signal?.aborted) await flush();
  } catch (error) {
    if (options.signal?.aborted) return report({ cancelled: true });
    return report({ failure: failureOf(error) });
  }
  return report({});
}

/** Each chunk of the index with the fingerprint its vector must carry. */
function currentChunks(index: CodebaseIndex): Map<number, { chunk: Chunk; fingerprint: number }> {
  const stamps = new Map<string, FileStamp | undefined>();
  const out = new Map<number, { chunk: Chunk; fingerprint: number }>();
  for (const [id, chunk] of index.chunkEntries()) {
    if (!stamps.has(chunk.path)) stamps.set(chunk.path, index.stamp(chunk.path));
    const stamp = stamps.get(chunk.path);
    if (stamp) out.set(id, { chunk, fingerprint: chunkFingerprint(chunk, stamp) });
  }
  return out;
}

/** Removes vectors of chunks that are gone or changed; returns how many. */
function dropStale(store: VectorStore, wanted: ReadonlyMap<number, { fingerprint: number }>): number {
  let removed = 0;
  for (const id of store.ids()) {
    if (wanted.get(id)?.fingerprint !== store.fingerprint(id)) {
      store.delete(id);
      removed++;
    }
  }
  return removed;
}

/**
 * The file's lines when it still has the size and time it was indexed at (else its chunks' lines moved);
 * undefined when it changed, cannot be read, or now looks binary or like a key file.
 */
async function linesIfUnchanged(root: string, path: string, stamp: FileStamp | undefined): Promise<string[] | undefined> {
  if (!stamp) return undefined;
  try {
    const file = join(root, path);
    const now = await stat(file);
    if (now.size !== stamp.size || now.mtimeMs !== stamp.mtimeMs) return undefined;
    const text = textOfFile(await readFile(file));
    return text === undefined || holdsCredentials(text) ? undefined : text.split('\n');
  } catch {
    return undefined;
  }
}

function failureOf(error: unknown): EmbedFailure {
  const kind = (error as { kind?: unknown } | null)?.kind;
  return { kind: typeof kind === 'string' ? kind : undefined, message: error instanceof Error ? error.message : String(error) };
}
