/**
 * Writes a JSON value to a file piece by piece: objects and arrays are walked, and each leaf (a string,
 * number, boolean or null) is stringified on its own, with the output gathered in ~1 MB writes. The
 * snapshot of a large codebase index is hundreds of megabytes of JSON; JSON.stringify would hold all of it
 * (and the object) in memory at once. A value may also write its own text (JSON_PIECES): the lexical
 * engine's index is written straight from its maps, never built as one object first. The walk is a
 * synchronous generator and only a full buffer waits for the disk: no promise per leaf, so the garbage
 * a large snapshot leaves behind stays small. The file reads back with JSON.parse like any other.
 */
import { open } from 'node:fs/promises';

const FLUSH_CHARS = 1 << 20;

/** The key of a method that yields a value's JSON text in pieces (what JSON.stringify would write for it). */
export const JSON_PIECES = Symbol('jsonPieces');

export interface JsonPieces {
  [JSON_PIECES](): Iterable<string>;
}

export async function writeJsonFile(file: string, value: unknown): Promise<void> {
  const handle = await open(file, 'w');
  try {
    let pending: string[] = [];
    let size = 0;
    for (const piece of jsonPieces(value)) {
      pending.push(piece);
      size += piece.length;
      if (size < FLUSH_CHARS) continue;
      const out = pending.join('');
      pending = [];
      size = 0;
      await handle.write(out);
    }
    await handle.write(pending.join(''));
  } finally {
    await handle.close();
  }
}

/** The JSON text of `value` in pieces, as JSON.stringify writes it (a JsonPieces value writes its own). */
export function* jsonPieces(value: unknown): Generator<string, void, undefined> {
  if (value !== null && typeof value === 'object' && JSON_PIECES in value) {
    yield* (value as JsonPieces)[JSON_PIECES]();
    return;
  }
  if (Array.isArray(value)) {
    yield '[';
    for (let i = 0; i < value.length; i++) {
      if (i) yield ',';
      // As JSON.stringify: holes and undefined in an array are null.
      yield* jsonPieces(value[i] ?? null);
    }
    yield ']';
    return;
  }
  if (value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON !== 'function') {
    yield '{';
    let first = true;
    for (const [key, item] of Object.entries(value)) {
      if (item === undefined || typeof item === 'function') continue;
      yield `${first ? '' : ','}${JSON.stringify(key)}:`;
      first = false;
      yield* jsonPieces(item);
    }
    yield '}';
    return;
  }
  yield JSON.stringify(value) ?? 'null';
}

/**
 * An object whose entries are read only when it is written: writeJsonFile walks them one at a time,
 * JSON.stringify builds the object (toJSON). A snapshot's thousands of chunks and files' names are
 * never copied into one more object while they are saved.
 */
export function lazyObject<T>(entries: () => Iterable<[key: string | number, value: T]>): JsonPieces & { toJSON(): Record<string, T> } {
  return {
    toJSON: () => Object.fromEntries(entries()),
    *[JSON_PIECES]() {
      yield '{';
      let first = true;
      for (const [key, value] of entries()) {
        if (value === undefined) continue;
        yield `${first ? '' : ','}${JSON.stringify(String(key))}:`;
        first = false;
        yield* jsonPieces(value);
      }
      yield '}';
    },
  };
}
