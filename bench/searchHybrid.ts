/**
 * The hybrid half of the search benchmark: each set's index embedded through the real embeddings role
 * (BackendPool: redaction, guards, the Ollama SDK over HTTP) against the fake server started in-process,
 * whose "model" is a hashed bag of word pieces (test/fake-server/embedding.ts) — a weak, deterministic
 * stand-in, so the figure checks the plumbing and the fusion, not what a real embedding model would add.
 * Returns each case's hybrid top 10 and the embedding time; bench/search.ts scores them like the lexical run.
 */
import type { CodebaseIndex } from '../src/codebase/codebaseIndex';
import type { Embedder } from '../src/codebase/vectors/embedder';
import { hybridSearch } from '../src/codebase/vectors/hybridSearch';
import { refreshVectors } from '../src/codebase/vectors/refreshVectors';
import { objectSource, parseConfig } from '../src/config/settings';
import { silentLogger } from '../src/logging/logger';
import { BackendPool } from '../src/roles/pool';
import { startFakeServer } from '../test/fake-server';
import type { BuiltSet } from './searchSet';

export interface HybridRun {
  results: Array<Array<{ path: string; startLine: number; endLine: number }>>;
  chunks: number;
  /** Wall time to embed every chunk, per 1,000 chunks. */
  embedMsPer1000: number;
  /** Requests the fake server answered for the chunks (batches). */
  batches: number;
  failure?: string;
}

export async function hybridRun(set: BuiltSet, index: CodebaseIndex, top: number): Promise<HybridRun> {
  const server = await startFakeServer();
  try {
    const config = parseConfig(objectSource({ 'embeddings.provider': 'ollama', 'embeddings.baseUrl': server.url, requestTimeoutMs: 60_000 }));
    const pool = new BackendPool(() => config, async () => undefined, silentLogger);
    const role = (await pool.embeddingsBackend())!;
    const embed: Embedder = (texts, signal) => role.backend.embed(texts, role.settings.model, { signal, timeoutMs: config.requestTimeoutMs });
    const { store, report } = await refreshVectors(set.root, index, `ollama:${role.settings.model}`, embed);
    const batches = server.requests.length;
    const results = [];
    for (const c of set.cases) results.push((await hybridSearch({ index, vectors: store, embed, query: c.query, top })).results);
    return { results, chunks: report.chunks, embedMsPer1000: (report.ms / Math.max(1, report.embedded)) * 1000, batches, failure: report.failure?.message };
  } finally {
    await server.close();
  }
}
