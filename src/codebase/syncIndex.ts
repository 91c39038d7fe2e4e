/**
 * Brings a CodebaseIndex up to date with a root on disk: walks the root (walk.ts), re-chunks only the
 * files whose size or modification time changed since they were indexed, adds new ones and drops files
 * that are gone or now ignored. Binary, minified and credential files are left out. Reports progress and
 * stops early when cancelled, so a worker thread can run it for the extension. With many files to index and
 * a way to start chunk workers (chunkPool.ts), files are parsed and cut in those threads while this one adds
 * the previous batch's chunks to the index.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { holdsCredentials } from '../privacy/credentialContent';
import { languageOfPath } from '../syntax/languages';
import type { Parsers } from '../syntax/parsers';
import { textOfFile } from '../workspace/fileBytes';
import type { ChunkWithText } from './chunk';
import { ChunkPool, type StartChunkWorker } from './chunkPool';
import { chunkFile } from './chunker';
import type { CodebaseIndex } from './codebaseIndex';
import { walkRoot, type WalkOptions } from './walk';

export interface SyncOptions extends WalkOptions {
  /** Called after each file read, with how many of the changed files are done. */
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
  /** Starts a chunk worker: used when at least `chunkWorkersFrom` (default CHUNK_WORKERS_FROM_FILES) files are to be indexed. */
  startChunkWorker?: StartChunkWorker;
  chunkWorkersFrom?: number;
}

export interface SyncStats {
  /** Files in the index afterwards. */
  files: number;
  chunks: number;
  added: number;
  updated: number;
  removed: number;
  unchanged: number;
  /** Files parsed and cut in chunk workers (the rest in this thread). */
  chunkedInWorkers: number;
}

/** Average characters per line above which a file is minified or generated, not code to search. */
const MINIFIED_LINE_CHARS = 400;
/**
 * How long one file's parse may take while indexing. The editor's deadline (MAX_PARSE_MS) is wall-clock
 * time and short; on a busy machine large files ran past it and fell back to line windows, so what the
 * index held (and found) depended on the machine's load. Indexing is background work: a longer wait for
 * a big file is cheaper than its functions going missing; a pathological file is still cut off.
 */
export const INDEX_PARSE_MS = 5_000;
/** Files read at once. */
const READ_BATCH = 32;
/** Batches read and sent to the chunk workers ahead of the one going into the index (10k files: 2 ahead left them idle 14 s, 8 ahead 7 s). */
const BATCHES_AHEAD = 8;
/** Files to index from which chunking moves to worker threads (below, starting them costs more than it saves). */
export const CHUNK_WORKERS_FROM_FILES = 300;

export async function syncIndex(root: string, index: CodebaseIndex, parsers: Parsers, options: SyncOptions = {}): Promise<SyncStats> {
  const walked = await walkRoot(root, options);
  // Before indexing: a tree that reached (or left) the disk tier's size starts in the new tier, empty.
  index.expect(walked.length);
  const present = new Set(walked.map((f) => f.path));
  let removed = 0;
  for (const path of index.paths()) {
    if (!present.has(path)) {
      index.removeFile(path);
      removed++;
    }
  }
  const changed = walked.filter((f) => {
    const stamp = index.stamp(f.path);
    return !stamp || stamp.size !== f.size || stamp.mtimeMs !== f.mtimeMs;
  });
  let added = 0;
  let done = 0;
  const pool = options.startChunkWorker && changed.length >= (options.chunkWorkersFrom ?? CHUNK_WORKERS_FROM_FILES) ? ChunkPool.start(options.startChunkWorker) : undefined;
  // A file the pool cannot take (no worker left) is chunked here: the index holds the same either way.
  let chunkedInWorkers = 0;
  const inWorker = (path: string, text: string, from: ChunkPool) =>
    from.chunks(path, text).then(
      (chunks) => (chunkedInWorkers++, chunks),
      () => chunksOf(path, text, parsers),
    );
  const chunk = (path: string, text: string) => (pool?.alive ? inWorker(path, text, pool) : chunksOf(path, text, parsers));
  /** Reads a batch and starts chunking it (unreadable, binary, minified or key files: no chunks). */
  const prepare = async (batch: typeof changed) => {
    const texts = await Promise.all(batch.map((f) => readFile(join(root, f.path)).then(textOfFile, () => undefined)));
    return Promise.all(texts.map((text, j) => (text === undefined || !searchable(text) ? [] : chunk(batch[j].path, text))));
  };
  // Batches read (and sent to the workers) ahead of the one going into the index: while this thread adds a
  // batch it cannot take a read's completion, so the workers would wait unless the next batch is already theirs.
  const ahead: Promise<ChunkWithText[][]>[] = [];
  let queued = 0;
  const queue = () => {
    if (queued < changed.length && !options.signal?.aborted) ahead.push(prepare(changed.slice(queued, (queued += READ_BATCH))));
  };
  for (let k = 0; k < BATCHES_AHEAD; k++) queue();
  try {
    for (let i = 0; ahead.length > 0 && i < changed.length; i += READ_BATCH) {
      const chunked = await ahead.shift()!;
      queue();
      if (options.signal?.aborted) break;
      const batch = changed.slice(i, i + READ_BATCH);
      for (let j = 0; j < batch.length; j++) {
        const file = batch[j];
        if (!index.stamp(file.path)) added++;
        // Indexed even when empty, so it is not read again until it changes.
        index.setFile(file.path, file, chunked[j]);
        done++;
        options.onProgress?.(done, changed.length);
      }
    }
  } finally {
    // Batches still being prepared (cancelled, or the index failed) end before their workers do, unheard.
    await Promise.all(ahead.map((p) => p.catch(() => undefined)));
    await pool?.close();
  }
  return { files: index.fileCount, chunks: index.chunkCount, added, updated: done - added, removed, unchanged: walked.length - changed.length, chunkedInWorkers };
}

/** The chunks of one file: from its syntax tree when Fathom parses its language, else line windows. */
export async function chunksOf(path: string, text: string, parsers: Parsers): Promise<ChunkWithText[]> {
  const languageId = languageOfPath(path, text);
  const tree = languageId ? await parsers.parseText(languageId, text, INDEX_PARSE_MS) : undefined;
  try {
    return chunkFile(path, text, tree);
  } finally {
    tree?.delete();
  }
}

/** Whether a file's text is worth indexing: not a key file, not minified or generated. */
export function searchable(text: string): boolean {
  if (holdsCredentials(text)) return false;
  const lines = (text.match(/\n/g)?.length ?? 0) + 1;
  return text.length / lines <= MINIFIED_LINE_CHARS;
}
