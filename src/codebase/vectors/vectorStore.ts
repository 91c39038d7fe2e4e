/**
 * The vectors of one root's chunks for one embedding model, in memory: per chunk id a unit-length
 * Float32Array and the fingerprint of the chunk it was computed for (chunkFingerprint.ts), so a vector never
 * outlives its chunk even if a rebuilt lexical index hands the same id to another chunk. Search is exact
 * cosine similarity over all vectors (a dot product, since they are normalised): a codebase has tens of
 * thousands of chunks at most, which a linear scan handles in milliseconds.
 */

export interface VectorHit {
  id: number;
  /** Cosine similarity, -1..1. */
  score: number;
}

interface Entry {
  fingerprint: number;
  vector: Float32Array;
}

export class VectorStore {
  private readonly entries = new Map<number, Entry>();
  private dims: number | undefined;

  constructor(
    /** Which model (and server kind) made the vectors: vectors of two models cannot be compared. */
    readonly modelKey: string,
  ) {}

  /** Length of the vectors; undefined while empty. */
  get dimensions(): number | undefined {
    return this.dims;
  }

  get size(): number {
    return this.entries.size;
  }

  ids(): number[] {
    return [...this.entries.keys()];
  }

  /** The fingerprint the vector for `id` was computed for; undefined when there is none. */
  fingerprint(id: number): number | undefined {
    return this.entries.get(id)?.fingerprint;
  }

  /** Stores `vector`, normalised. A vector of another length than the others is refused (another model answered). */
  set(id: number, fingerprint: number, vector: ArrayLike<number>): void {
    if (this.dims !== undefined && vector.length !== this.dims && this.entries.size > 0) {
      throw new Error(`a ${vector.length}-dimension vector does not fit a store of ${this.dims}-dimension vectors`);
    }
    this.dims = vector.length;
    this.entries.set(id, { fingerprint, vector: normalised(vector) });
  }

  delete(id: number): void {
    this.entries.delete(id);
    if (this.entries.size === 0) this.dims = undefined;
  }

  /** The `top` vectors most similar to `query`, best first. */
  search(query: ArrayLike<number>, top: number): VectorHit[] {
    if (this.dims === undefined || query.length !== this.dims || top < 1) return [];
    const q = normalised(query);
    const hits: VectorHit[] = [];
    for (const [id, { vector }] of this.entries) {
      let dot = 0;
      for (let d = 0; d < vector.length; d++) dot += vector[d] * q[d];
      hits.push({ id, score: dot });
    }
    // Ties by id, so the order is the same on every run.
    return hits.sort((a, b) => b.score - a.score || a.id - b.id).slice(0, top);
  }

  /** Every entry, for writing to disk (vectorFile.ts). */
  *all(): IterableIterator<[id: number, fingerprint: number, vector: Float32Array]> {
    for (const [id, { fingerprint, vector }] of this.entries) yield [id, fingerprint, vector];
  }
}

function normalised(vector: ArrayLike<number>): Float32Array {
  const out = Float32Array.from(vector);
  let sum = 0;
  for (let d = 0; d < out.length; d++) sum += out[d] * out[d];
  const norm = Math.sqrt(sum);
  if (norm > 0) for (let d = 0; d < out.length; d++) out[d] /= norm;
  return out;
}
