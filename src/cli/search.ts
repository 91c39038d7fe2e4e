/**
 * `node dist/cli.js search --root DIR (--queries FILE.jsonl | --query TEXT) [--top K] [--cache DIR | --no-cache]`:
 * searches the codebase index of a root. Each line of FILE.jsonl is `{"id", "query"}`; for each, in
 * order, one line `{"id","results":[{"path","startLine","endLine","score"}]}` is printed, best first
 * (1-based inclusive lines, paths relative to the root with forward slashes). With --query the single
 * line's id is null. The index is built on first use and saved in the cache folder; later runs re-read
 * only files whose size or modification time changed.
 *
 * With --embeddings-provider the search is hybrid: chunks are embedded through the same backends, guards and
 * redaction the extension uses (the embeddings role of BackendPool), the vectors kept in the cache folder
 * beside the index, and each query's lexical and vector rankings fused. When embedding fails the search
 * stays lexical and says why on stderr.
 */
import { readFile } from 'node:fs/promises';
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { objectSource, parseConfig } from '../config/settings';
import { isProviderKind, providerEntry } from '../backends/providers';
import type { CodebaseIndex, SearchResult } from '../codebase/codebaseIndex';
import type { Embedder } from '../codebase/vectors/embedder';
import { hybridSearch } from '../codebase/vectors/hybridSearch';
import { embeddingModelKey, refreshVectors } from '../codebase/vectors/refreshVectors';
import type { VectorStore } from '../codebase/vectors/vectorStore';
import { silentLogger } from '../logging/logger';
import { BackendPool } from '../roles/pool';
import { envApiKey } from './envApiKey';
import { jsonLines } from './jsonLines';
import { defaultCacheDir } from '../codebase/indexStore';
import { syncedIndex } from './openCodebase';
import { shippedGrammar } from '../syntax/locateGrammar';
import { Parsers } from '../syntax/parsers';
import { processOutput, type CliOutput } from './cursorArgs';

export const DEFAULT_TOP = 10;

export const SEARCH_USAGE = `Options (search):
  --root DIR             workspace root to index and search
  --queries FILE         JSON Lines, one {"id", "query"} per line; prints one
                         {"id","results":[{"path","startLine","endLine","score"}]} line per query, in order
  --query TEXT           a single query instead; its output line has "id": null
  --top K                results per query (default ${DEFAULT_TOP})
  --cache DIR            where the index is kept between runs (default: fathom/index in the OS cache
                         folder: $XDG_CACHE_HOME or ~/.cache, ~/Library/Caches, %LOCALAPPDATA%)
  --no-cache             build the index in memory only
  --verbose              report the index build (and the embedding) on stderr
  --embeddings-provider ollama|openai
                         search hybrid: embed the chunks and each query with this provider's
                         embedding model and fuse vector and lexical rankings (vectors kept in the cache
                         folder; only new chunks are embedded). Default none: lexical only
  --embeddings-model M   the embedding model (default nomic-embed-text for ollama,
                         text-embedding-3-small for openai)
  --embeddings-base-url URL   its server (default http://127.0.0.1:11434 for ollama,
                         https://api.openai.com/v1 for openai); FATHOM_API_KEY (or OPENAI_API_KEY) is the key
  --local-only           refuse an embeddings server that is not on this machine (as "fathom.localOnly")
  Files ignored by .gitignore, .fathomignore or the built-in rules for secrets, dependency and build
  folders, binary, minified and large files are never indexed; secrets in the code are redacted first,
  also in every text sent for embedding.`;

interface Query {
  id: unknown;
  query: string;
}

/** Runs the command; resolves with the exit code (0, or 2 for bad arguments). */
export async function searchCommand(args: string[], out: CliOutput = processOutput, locateGrammar: (wasmFile: string) => string = shippedGrammar(__dirname)): Promise<number> {
  const fail = (message: string) => {
    out.stderr(`fathom search: ${message}\n\n${SEARCH_USAGE}\n`);
    return 2;
  };
  let values: SearchValues;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        root: { type: 'string' },
        queries: { type: 'string' },
        query: { type: 'string' },
        top: { type: 'string' },
        cache: { type: 'string' },
        'no-cache': { type: 'boolean' },
        verbose: { type: 'boolean' },
        'embeddings-provider': { type: 'string' },
        'embeddings-model': { type: 'string' },
        'embeddings-base-url': { type: 'string' },
        'local-only': { type: 'boolean' },
      },
    }));
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error));
  }
  if (!values.root) return fail('--root is required.');
  const root = resolve(values.root);
  if (!isFolder(root)) return fail(`--root ${values.root} is not a folder.`);
  if ((values.queries === undefined) === (values.query === undefined)) return fail('give either --queries FILE or --query TEXT.');
  const top = values.top === undefined ? DEFAULT_TOP : Number(values.top);
  if (!Number.isInteger(top) || top < 1) return fail('--top must be a whole number of at least 1.');
  if (values.cache !== undefined && values['no-cache']) return fail('--cache and --no-cache exclude each other.');
  const embeddingsError = checkEmbeddingsArgs(values);
  if (embeddingsError) return fail(embeddingsError);

  let queries: Query[];
  if (values.query !== undefined) queries = [{ id: null, query: values.query }];
  else {
    const read = await readQueries(values.queries!);
    if ('error' in read) return fail(read.error);
    queries = read.queries;
  }

  const cacheDir = values['no-cache'] ? undefined : resolve(values.cache ?? defaultCacheDir());
  const parsers = new Parsers(locateGrammar);
  let index: CodebaseIndex;
  try {
    const started = performance.now();
    const synced = await syncedIndex(root, parsers, cacheDir);
    index = synced.index;
    const { stats } = synced;
    if (synced.busy) out.stderr(`fathom search: another process holds the index of ${root}; searching an index built in memory, not saved\n`);
    if (values.verbose) out.stderr(`fathom search: ${stats.files} files, ${stats.chunks} chunks (${stats.added} added, ${stats.updated} updated, ${stats.removed} removed${stats.chunkedInWorkers ? `, ${stats.chunkedInWorkers} parsed in worker threads` : ''})${index.onDisk ? ' on disk' : ''} in ${Math.round(performance.now() - started)} ms\n`);
  } finally {
    parsers.dispose();
  }
  try {
    return await searchAll(root, index, queries, top, values, cacheDir, out);
  } finally {
    // A database left open keeps its lock directory: the next run would find it held.
    index.close();
  }
}

async function searchAll(root: string, index: CodebaseIndex, queries: readonly Query[], top: number, values: SearchValues, cacheDir: string | undefined, out: CliOutput): Promise<number> {
  const embed = embedderFrom(values);
  let vectors: VectorStore | undefined;
  if (embed) {
    const { store, report } = await refreshVectors(root, index, embed.modelKey, embed.embed, { storageDir: cacheDir });
    vectors = store;
    if (report.failure) out.stderr(`fathom search: embedding failed, searching without it where chunks have no vectors: ${report.failure.message}\n`);
    if (values.verbose) out.stderr(`fathom search: ${report.vectors} of ${report.chunks} chunks have vectors (${report.embedded} embedded, ${report.removed} removed, ${report.dimensions ?? 0} dimensions) in ${report.ms} ms\n`);
  }
  let warned = false;
  for (const q of queries) {
    const found = await hybridSearch({ index, vectors, embed: embed?.embed, query: q.query, top });
    if (found.failure && !warned) {
      warned = true;
      out.stderr(`fathom search: the query could not be embedded, lexical results only: ${found.failure.message}\n`);
    }
    out.stdout(JSON.stringify({ id: q.id, results: found.results.map(contractFields) }) + '\n');
  }
  return 0;
}

interface SearchValues {
  root?: string;
  queries?: string;
  query?: string;
  top?: string;
  cache?: string;
  'no-cache'?: boolean;
  verbose?: boolean;
  'embeddings-provider'?: string;
  'embeddings-model'?: string;
  'embeddings-base-url'?: string;
  'local-only'?: boolean;
}

/** What is wrong with the embeddings flags, or undefined. */
function checkEmbeddingsArgs(values: SearchValues): string | undefined {
  const provider = values['embeddings-provider'];
  if (provider === undefined || provider === 'none') {
    if (values['embeddings-model'] !== undefined || values['embeddings-base-url'] !== undefined) return '--embeddings-model and --embeddings-base-url need --embeddings-provider.';
    return undefined;
  }
  if (!isProviderKind(provider) || !providerEntry(provider).capabilities.embeddings) return `--embeddings-provider ${provider} is not one that serves embeddings (none, ollama or openai).`;
  return undefined;
}

/**
 * The embeddings role as the extension builds it (BackendPool: redaction, local-only, request log), from the
 * flags; undefined while off. The CLI asks no consent: the user typed the endpoint on the command line.
 */
function embedderFrom(values: SearchValues): { embed: Embedder; modelKey: string } | undefined {
  const provider = values['embeddings-provider'];
  if (!provider || provider === 'none') return undefined;
  const config = parseConfig(
    objectSource({ 'embeddings.provider': provider, 'embeddings.model': values['embeddings-model'], 'embeddings.baseUrl': values['embeddings-base-url'], localOnly: values['local-only'] }),
  );
  const pool = new BackendPool(() => config, async (kind) => envApiKey(kind), silentLogger);
  const model = config.embeddings.model;
  return {
    modelKey: embeddingModelKey(provider, model),
    embed: async (texts, signal) => {
      const role = await pool.embeddingsBackend();
      if (!role) throw new Error('embeddings are off');
      return role.backend.embed(texts, model, { signal, timeoutMs: config.requestTimeoutMs });
    },
  };
}

/** Exactly the contract's fields, in its order. */
function contractFields(r: SearchResult): { path: string; startLine: number; endLine: number; score: number } {
  return { path: r.path, startLine: r.startLine, endLine: r.endLine, score: Math.round(r.score * 10000) / 10000 };
}

async function readQueries(file: string): Promise<{ queries: Query[] } | { error: string }> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return { error: `cannot read --queries ${file}.` };
  }
  const queries: Query[] = [];
  for (const { line, row } of jsonLines(text)) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(row);
    } catch {
      return { error: `${file}:${line} is not JSON.` };
    }
    const q = parsed as { id?: unknown; query?: unknown };
    if (typeof parsed !== 'object' || parsed === null || typeof q.query !== 'string') return { error: `${file}:${line} needs a string "query".` };
    queries.push({ id: q.id ?? null, query: q.query });
  }
  return { queries };
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
