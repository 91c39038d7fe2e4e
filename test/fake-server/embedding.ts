/**
 * The fake's embedding "model" and the two wire formats it answers in. The vectors are a hashed bag of the
 * text's lower-cased word pieces (identifiers split at camelCase and underscores) and of those words'
 * three-letter pieces, signed-hashed into DIMENSIONS numbers and L2-normalised: deterministic, cheap, and
 * a plausible weak model — texts that share words (or word stems) point the same way. It knows nothing about
 * any benchmark's answers.
 */
import { fnv1a } from '../../src/text/fnv1a';

/** Length of every vector the fake returns. */
export const EMBEDDING_DIMENSIONS = 256;

/** The embedding models the fake serves when not told otherwise (both protocols). */
export const DEFAULT_EMBEDDING_MODELS: readonly string[] = ['nomic-embed-text:latest', 'text-embedding-3-small'];

/** A trigram counts less than a whole word: it only says the words are alike. */
const TRIGRAM_WEIGHT = 0.35;

/** Lower-cased word pieces: `parseHTTPHeader_value` → parse, http, header, value. */
export function wordPieces(text: string): string[] {
  return (text.match(/[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+/g) ?? []).map((w) => w.toLowerCase()).filter((w) => w.length > 1);
}

/** The vector for one text. */
export function fakeEmbedding(text: string, dimensions = EMBEDDING_DIMENSIONS): number[] {
  const vector = new Array<number>(dimensions).fill(0);
  const add = (feature: string, weight: number) => {
    const hash = fnv1a(feature);
    // The top bit picks the sign, so collisions cancel out on average instead of piling up.
    vector[hash % dimensions] += hash & 0x80000000 ? -weight : weight;
  };
  for (const word of wordPieces(text)) {
    add(`w:${word}`, 1);
    for (let i = 0; i + 3 <= word.length; i++) add(`t:${word.slice(i, i + 3)}`, TRIGRAM_WEIGHT);
  }
  const norm = Math.hypot(...vector);
  // An empty text still gets a unit vector, as real models give one.
  if (norm === 0) vector[0] = 1;
  return norm === 0 ? vector : vector.map((x) => x / norm);
}

/** The request's inputs: a string or an array of strings; undefined when it is neither. */
export function embedInputs(input: unknown): string[] | undefined {
  if (typeof input === 'string') return [input];
  if (Array.isArray(input) && input.every((x) => typeof x === 'string')) return input as string[];
  return undefined;
}

/** Ollama's /api/embed answer. */
export function ollamaEmbedBody(model: string, vectors: number[][]): unknown {
  return { model, embeddings: vectors, total_duration: 1_000_000, load_duration: 0, prompt_eval_count: vectors.length };
}

/** OpenAI's /v1/embeddings answer; base64 is the little-endian float32 bytes, as OpenAI sends them. */
export function openAIEmbeddingsBody(model: string, vectors: number[][], encoding: unknown, inputChars: number): unknown {
  const encode = (v: number[]) => (encoding === 'base64' ? Buffer.from(new Float32Array(v).buffer).toString('base64') : v);
  const tokens = Math.ceil(inputChars / 4);
  return {
    object: 'list',
    data: vectors.map((v, index) => ({ object: 'embedding', index, embedding: encode(v) })),
    model,
    usage: { prompt_tokens: tokens, total_tokens: tokens },
  };
}
