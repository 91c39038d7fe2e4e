/** Starts the real index worker (src/codebase/worker/main.ts) in plain Node, through tsx, for the unit tests. */
import { resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
// @ts-expect-error -- a plain .mjs module shared with the build script
import { grammarSources } from '../../../../src/syntax/grammarSources.mjs';
import { IndexWorkerClient } from '../../../../src/codebase/worker/client';

const ROOT = resolve(__dirname, '../../../..');
const MAIN = resolve(ROOT, 'src/codebase/worker/main.ts');

export function spawnIndexWorker(options: { saveDelayMs?: number } = {}): IndexWorkerClient {
  const grammarPaths = Object.fromEntries(Object.entries(grammarSources as Record<string, string>).map(([file, source]) => [file, resolve(ROOT, source)]));
  // A worker's .ts entry needs tsx registered inside the worker first.
  const worker = new Worker(`require('tsx/cjs'); require(${JSON.stringify(MAIN)});`, { eval: true, workerData: { grammarPaths, saveDelayMs: options.saveDelayMs } });
  return new IndexWorkerClient(worker);
}
