/**
 * Entry of a chunk worker (dist/chunkWorker.js; chunkPool.ts starts it): parses and cuts the files it is sent,
 * one at a time, with the same chunksOf the index uses in its own thread, and sends the chunks back.
 * `workerData` (ChunkWorkerData) says where the tree-sitter wasm files are.
 */
import { join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { Parsers } from '../syntax/parsers';
import type { ChunkAnswer, ChunkRequest, ChunkWorkerData } from './chunkPool';
import { chunksOf } from './syncIndex';

const data = (workerData ?? {}) as ChunkWorkerData;
const port = parentPort;
if (!port) throw new Error('the chunk worker runs in a worker thread');
const parsers = new Parsers((file) => data.grammarPaths?.[file] ?? join(data.distDir ?? __dirname, 'grammars', file));

// One file at a time, in the order sent: a parse is synchronous work anyway, and the answers keep their order.
let queue = Promise.resolve();
port.on('message', (request: ChunkRequest) => {
  queue = queue.then(async () => {
    let answer: ChunkAnswer;
    try {
      answer = { id: request.id, chunks: await chunksOf(request.path, request.text, parsers) };
    } catch (error) {
      answer = { id: request.id, error: error instanceof Error ? error.message : String(error) };
    }
    port.postMessage(answer);
  });
});
