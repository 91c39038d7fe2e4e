/**
 * The doctor's check of the embeddings role (codebase search vectors): off (a note: search is lexical), or
 * one tiny embedding through the role's guarded backend — is the server there, does it have the model, how
 * long are its vectors and how long did one take. Plain data, like the rest of the doctor.
 */
import { isBackendError } from '../backends/errors';
import { providerEntry } from '../backends/providers';
import type { Backend } from '../backends/types';
import type { EmbeddingsSettings } from '../config/settings';
import type { ProbeOptions, Problem } from './probe';

/** What the doctor says while embeddings are off: information, not a problem. */
export const EMBEDDINGS_OFF = 'Codebase search: lexical only — set fathom.embeddings.provider (e.g. ollama, after "ollama pull nomic-embed-text") for hybrid search';

export interface EmbeddingsCheck {
  state: 'off' | 'ok' | 'failed';
  provider?: Backend['provider'];
  baseUrl?: string;
  model?: string;
  /** Length of the model's vectors. */
  dimensions?: number;
  /** Time one short text took. */
  ms?: number;
  problem?: Problem;
  note?: string;
}

/** The embeddings role's backend; undefined while embeddings are off. */
export type EmbeddingsLookup = () => Promise<{ backend: Backend; settings: EmbeddingsSettings } | undefined>;

export async function probeEmbeddings(lookup: EmbeddingsLookup, options: ProbeOptions): Promise<EmbeddingsCheck> {
  const role = await lookup();
  if (!role) return { state: 'off', note: EMBEDDINGS_OFF };
  const { backend, settings } = role;
  const check: EmbeddingsCheck = { state: 'failed', provider: backend.provider, baseUrl: backend.baseUrl, model: settings.model };
  const now = options.now ?? (() => performance.now());
  const started = now();
  try {
    const [vector] = await backend.embed(['function add(a, b) { return a + b; }'], settings.model, { signal: options.signal, timeoutMs: options.timeoutMs });
    return { ...check, state: 'ok', dimensions: vector.length, ms: Math.round(now() - started) };
  } catch (error) {
    return { ...check, problem: problemOf(error) };
  }
}

function problemOf(error: unknown): Problem {
  if (!isBackendError(error)) return { message: `Unexpected failure: ${error instanceof Error ? error.message : String(error)}` };
  if (error.kind === 'modelMissing') return { message: error.message, fix: providerEntry(error.provider).doctor.modelMissing === 'pullModel' ? 'pullModel' : 'openSettings' };
  if (error.kind === 'unreachable') return { message: error.message, fix: providerEntry(error.provider).doctor.unreachable };
  if (error.kind === 'unauthorized') return { message: error.message, fix: 'setApiKey' };
  return { message: error.message, fix: 'openSettings' };
}

/** The check as report lines. */
export function formatEmbeddings(check: EmbeddingsCheck): string[] {
  if (check.state === 'off') return [check.note ?? EMBEDDINGS_OFF];
  const out = [`embeddings: ${providerEntry(check.provider!).label} at ${check.baseUrl}, model ${check.model}`];
  if (check.state === 'ok') out.push(`  ✓ embeds: ${check.dimensions} dimensions, ${check.ms} ms for one chunk`);
  if (check.problem) out.push(`  ✗ ${check.problem.message} (codebase search stays lexical until this is fixed)`);
  return out;
}
