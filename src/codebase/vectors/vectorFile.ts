/**
 * The vector store on disk: one compact binary file per root and embedding model, beside the lexical
 * snapshot in the same storage folder (named from hashes of the root's path and of the model key, so
 * changing the model starts a new file and the old vectors are never mixed in). Layout, little-endian:
 *
 *   "FVEC" · u32 format · u32 dimensions · u32 count · u32 model-key bytes · model key (UTF-8, padded to 4)
 *   count × (u32 id · u32 fingerprint) · count × dimensions × f32
 *
 * Written to a temporary file and renamed into place; an unreadable file, another format or another model
 * key reads as "no vectors" (they are rebuilt).
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { VectorStore } from './vectorStore';

const MAGIC = 0x43455646; // "FVEC" read as a little-endian u32
/** Bumped when the layout, or what is embedded for a chunk (embedText.ts), changes. */
export const VECTOR_FORMAT = 1;

export function vectorFilePath(storageDir: string, root: string, modelKey: string): string {
  const rootKey = createHash('sha256').update(resolve(root)).digest('hex').slice(0, 24);
  const modelHash = createHash('sha256').update(modelKey).digest('hex').slice(0, 12);
  return join(storageDir, `vectors-${rootKey}-${modelHash}.bin`);
}

export function encodeVectors(store: VectorStore): Buffer {
  const key = Buffer.from(store.modelKey, 'utf8');
  const keyBytes = Math.ceil(key.length / 4) * 4;
  const dims = store.dimensions ?? 0;
  const count = store.size;
  const out = Buffer.alloc(20 + keyBytes + count * 8 + count * dims * 4);
  out.writeUInt32LE(MAGIC, 0);
  out.writeUInt32LE(VECTOR_FORMAT, 4);
  out.writeUInt32LE(dims, 8);
  out.writeUInt32LE(count, 12);
  out.writeUInt32LE(key.length, 16);
  key.copy(out, 20);
  let head = 20 + keyBytes;
  let body = head + count * 8;
  for (const [id, fingerprint, vector] of store.all()) {
    out.writeUInt32LE(id, head);
    out.writeUInt32LE(fingerprint, head + 4);
    head += 8;
    Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength).copy(out, body);
    body += vector.byteLength;
  }
  return out;
}

/** The store a file holds; undefined when it is not a vector file of this format for `modelKey`. */
export function decodeVectors(bytes: Buffer, modelKey: string): VectorStore | undefined {
  if (bytes.length < 20 || bytes.readUInt32LE(0) !== MAGIC || bytes.readUInt32LE(4) !== VECTOR_FORMAT) return undefined;
  const dims = bytes.readUInt32LE(8);
  const count = bytes.readUInt32LE(12);
  const keyLength = bytes.readUInt32LE(16);
  const keyBytes = Math.ceil(keyLength / 4) * 4;
  if (bytes.length !== 20 + keyBytes + count * 8 + count * dims * 4) return undefined;
  if (bytes.toString('utf8', 20, 20 + keyLength) !== modelKey) return undefined;
  const store = new VectorStore(modelKey);
  const head = 20 + keyBytes;
  // Copied out of the file's buffer, whose offset need not be a multiple of 4.
  const floats = new Float32Array(bytes.buffer.slice(bytes.byteOffset + head + count * 8, bytes.byteOffset + bytes.length));
  for (let i = 0; i < count; i++) {
    store.set(bytes.readUInt32LE(head + i * 8), bytes.readUInt32LE(head + i * 8 + 4), floats.subarray(i * dims, (i + 1) * dims));
  }
  return store;
}

export async function loadVectors(storageDir: string, root: string, modelKey: string): Promise<VectorStore | undefined> {
  try {
    return decodeVectors(await readFile(vectorFilePath(storageDir, root, modelKey)), modelKey);
  } catch {
    return undefined;
  }
}

export async function saveVectors(storageDir: string, root: string, store: VectorStore): Promise<string> {
  await mkdir(storageDir, { recursive: true });
  const file = vectorFilePath(storageDir, root, store.modelKey);
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, encodeVectors(store));
  await rename(temporary, file);
  return file;
}
