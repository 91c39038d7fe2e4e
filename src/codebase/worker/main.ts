/**
 * Entry of the index worker's bundle (dist/codebaseWorker.js): a worker_threads Worker the extension host
 * starts, so walking, chunking and indexing a large tree never block the editor. It serves the methods of
 * handlers.ts to the host over rpc.ts. `workerData` says where the tree-sitter wasm files are.
 */
import { join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { Parsers } from '../../syntax/parsers';
import { bundledChunkWorker } from '../chunkPool';
import { diskIndexFromFiles } from '../sqlite/diskTier';
import { indexHandlers } from './handlers';
import { IndexService } from './indexService';
import { RpcPeer } from './rpc';

/** What the host passes: the folder holding `grammars/`, or (in tests) each wasm file's path by name. */
export interface IndexWorkerData {
  distDir?: string;
  grammarPaths?: Record<string, string>;
  saveDelayMs?: number;
}

const data = (workerData ?? {}) as IndexWorkerData;
if (!parentPort) throw new Error('the index worker runs in a worker thread');
const parsers = new Parsers((file) => data.grammarPaths?.[file] ?? join(data.distDir ?? __dirname, 'grammars', file));
const peer = new RpcPeer(parentPort);
// Embedding runs on the host, which holds the API key and asks for consent; the worker only calls it.
const service = new IndexService(parsers, {
  saveDelayMs: data.saveDelayMs,
  embed: (texts, signal) => peer.call<number[][]>('embed', [texts], { signal }),
  // FATHOM_DISK_INDEX_FROM_FILES (tests only) moves the disk tier's threshold.
  diskIndexFromFiles: diskIndexFromFiles(),
  // A large build parses in chunk workers of its own (dist/chunkWorker.js beside this bundle).
  startChunkWorker: bundledChunkWorker(data.distDir ?? __dirname, { distDir: data.distDir ?? __dirname, grammarPaths: data.grammarPaths }),
});
for (const [method, handler] of Object.entries(indexHandlers(service))) peer.handle(method, handler);
