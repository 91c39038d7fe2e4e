/**
 * A 32-bit fingerprint of a chunk as the index knows it: its place (path, lines, kind) and the size and
 * modification time its file was indexed at. A stored vector is used only while its chunk id still has
 * this fingerprint, so a rebuilt index (ids start again at 1) or a changed file never gets an old vector.
 */
import { fnv1a } from '../../text/fnv1a';
import type { Chunk } from '../chunk';
import type { FileStamp } from '../codebaseIndex';

export function chunkFingerprint(chunk: Chunk, stamp: FileStamp): number {
  return fnv1a(`${chunk.path}\u0000${chunk.startLine}\u0000${chunk.endLine}\u0000${chunk.kind}\u0000${stamp.size}\u0000${stamp.mtimeMs}`);
}

