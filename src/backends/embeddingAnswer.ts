/**
 * Checks an embeddings answer before anyone stores it: exactly one vector per text, all of one non-zero
 * length. A server that answers otherwise (a proxy that drops inputs, a model that returns nothing) would
 * otherwise put vectors on the wrong chunks.
 */
import type { BackendError } from './errors';

/** The vectors when there is one (non-empty, all of one length) per text; else throws what `bad()` builds. */
export function checkedVectors(vectors: unknown, count: number, bad: () => BackendError): number[][] {
  if (!Array.isArray(vectors) || vectors.length !== count) throw bad();
  const dimensions = Array.isArray(vectors[0]) ? (vectors[0] as unknown[]).length : 0;
  for (const vector of vectors) {
    if (!Array.isArray(vector) || vector.length !== dimensions || dimensions === 0) throw bad();
  }
  return vectors as number[][];
}
