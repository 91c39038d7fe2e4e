/**
 * MiniSearch's snapshot (what its toJSON() returns and MiniSearch.loadJS reads back) written as JSON text
 * in pieces straight from the engine's maps. toJSON() first copies every word's postings into new objects:
 * for a large index hundreds of megabytes held at once, beside the index itself, while the snapshot is
 * written. The maps are MiniSearch's protected members (the library leaves them to subclasses); when they
 * are not where this expects them (another library version) the pieces come from toJSON() instead, and a
 * unit test checks the text against toJSON().
 */
import type MiniSearch from 'minisearch';
import { jsonPieces } from './jsonStream';

/** The members of MiniSearch 7 that toJSON() reads. */
interface Internals {
  _documentCount: number;
  _nextId: number;
  _documentIds: Map<number, unknown>;
  _fieldIds: Record<string, number>;
  _fieldLength: Map<number, number[]>;
  _avgFieldLength: number[];
  _storedFields: Map<number, Record<string, unknown> | undefined>;
  _dirtCount: number;
  _index: Iterable<[string, Map<number, Map<number, number>>]>;
}

/** Entries written per piece of a map's object. */
const BATCH = 1_000;

export function* miniSearchJson<T>(engine: MiniSearch<T>): Generator<string, void, undefined> {
  const e = engine as unknown as Internals;
  if (!(e._index && e._documentIds instanceof Map && e._fieldLength instanceof Map && e._storedFields instanceof Map)) {
    yield* jsonPieces(engine.toJSON());
    return;
  }
  yield `{"documentCount":${e._documentCount},"nextId":${e._nextId},"documentIds":`;
  yield* mapObject(e._documentIds);
  yield `,"fieldIds":${JSON.stringify(e._fieldIds)},"fieldLength":`;
  yield* mapObject(e._fieldLength);
  yield `,"averageFieldLength":${JSON.stringify(e._avgFieldLength)},"storedFields":`;
  yield* mapObject(e._storedFields);
  yield `,"dirtCount":${e._dirtCount},"index":[`;
  let first = true;
  for (const [term, fields] of e._index) {
    // One word's postings: {fieldId: {docId: frequency}}, as toJSON() builds them.
    const parts: string[] = [];
    for (const [fieldId, frequencies] of fields) {
      const docs: string[] = [];
      for (const [doc, frequency] of frequencies) docs.push(`"${doc}":${frequency}`);
      parts.push(`"${fieldId}":{${docs.join(',')}}`);
    }
    yield `${first ? '' : ','}[${JSON.stringify(term)},{${parts.join(',')}}]`;
    first = false;
  }
  yield '],"serializationVersion":2}';
}

/** A map with number keys as the object Object.fromEntries makes of it (an undefined value left out, as JSON.stringify does). */
function* mapObject(map: Map<number, unknown>): Generator<string, void, undefined> {
  yield '{';
  let batch: string[] = [];
  let first = true;
  for (const [key, value] of map) {
    if (value === undefined) continue;
    batch.push(`"${key}":${JSON.stringify(value)}`);
    if (batch.length < BATCH) continue;
    yield `${first ? '' : ','}${batch.join(',')}`;
    first = false;
    batch = [];
  }
  if (batch.length) yield `${first ? '' : ','}${batch.join(',')}`;
  yield '}';
}
