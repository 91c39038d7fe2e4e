/**
 * Chunking in worker threads while the index takes the chunks in: parsing and cutting a file (tree-sitter,
 * chunker.ts) is most of a first build's time, and it needs nothing of the index. syncIndex hands files to a
 * pool of chunk workers (chunkWorker.ts, bundled as dist/chunkWorker.js) and adds each batch's chunks while the
 * workers cut the next, so a large first build uses a second core. The workers return exactly what chunksOf
 * returns in the same thread; when a worker cannot start or dies, its files are chunked in the calling thread.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ChunkWithText } from './chunk';

/** What a chunk worker needs to find the grammars (as the index worker's own IndexWorkerData). */
export interface ChunkWorkerData {
  distDir?: string;
  grammarPaths?: Record<string, string>;
}

/** Starts one chunk worker thread (dist/chunkWorker.js with its ChunkWorkerData, or the source through tsx in tests). */
export type StartChunkWorker = () => Worker;

/** The bundled chunk worker beside this bundle (dist/chunkWorker.js), when there is one (not when run from source). */
export function bundledChunkWorker(distDir: string, data: ChunkWorkerData = { distDir }): StartChunkWorker | undefined {
  const script = join(distDir, 'chunkWorker.js');
  return existsSync(script) ? () => new Worker(script, { workerData: data }) : undefined;
}

/** A request to a chunk worker, and its answer. */
export interface ChunkRequest {
  id: number;
  path: string;
  text: string;
}
export type ChunkAnswer = { id: number; chunks: ChunkWithText[] } | { id: number; error: string };

/** Chunk workers started at most (one core is left for the thread adding to the index). */
const MAX_CHUNK_WORKERS = 2;

interface Pending {
  resolve(chunks: ChunkWithText[]): void;
  reject(error: Error): void;
}

class ChunkWorker {
  private readonly pending = new Map<number, Pending>();
  private next = 1;
  dead: Error | undefined;

  constructor(private readonly worker: Worker) {
    worker.on('message', (answer: ChunkAnswer) => {
      const waiting = this.pending.get(answer.id);
      if (!waiting) return;
      this.pending.delete(answer.id);
      if ('error' in answer) waiting.reject(new Error(answer.error));
      else waiting.resolve(answer.chunks);
    });
    const fail = (error: Error) => {
      this.dead ??= error;
      for (const waiting of this.pending.values()) waiting.reject(error);
      this.pending.clear();
    };
    worker.on('error', (error) => fail(error instanceof Error ? error : new Error(String(error))));
    worker.on('exit', (code) => fail(new Error(`the chunk worker stopped (exit code ${code})`)));
  }

  get load(): number {
    return this.pending.size;
  }

  chunks(path: string, text: string): Promise<ChunkWithText[]> {
    if (this.dead) return Promise.reject(this.dead);
    const id = this.next++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, path, text } satisfies ChunkRequest);
    });
  }

  async stop(): Promise<void> {
    this.dead ??= new Error('the chunk pool was closed');
    await this.worker.terminate();
  }
}

export class ChunkPool {
  private constructor(private readonly workers: ChunkWorker[]) {}

  /** Starts `count` workers (default: one per core beyond the first, at most MAX_CHUNK_WORKERS). */
  static start(startWorker: StartChunkWorker, count = Math.max(1, Math.min(MAX_CHUNK_WORKERS, availableParallelism() - 1))): ChunkPool {
    const workers: ChunkWorker[] = [];
    for (let i = 0; i < count; i++) {
      try {
        workers.push(new ChunkWorker(startWorker()));
      } catch {
        // A worker that cannot start leaves its share to the others, or to the calling thread.
      }
    }
    return new ChunkPool(workers);
  }

  /** Whether any worker is still there to take files. */
  get alive(): boolean {
    return this.workers.some((w) => !w.dead);
  }

  /** A file's chunks from the least busy live worker; rejects when none is left (the caller chunks it itself). */
  chunks(path: string, text: string): Promise<ChunkWithText[]> {
    const live = this.workers.filter((w) => !w.dead);
    if (live.length === 0) return Promise.reject(new Error('no chunk worker is running'));
    return live.reduce((a, b) => (b.load < a.load ? b : a)).chunks(path, text);
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.stop()));
  }
}
