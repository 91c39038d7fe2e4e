import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeVectors, encodeVectors, loadVectors, saveVectors, vectorFilePath } from '../../../../src/codebase/vectors/vectorFile';
import { VectorStore } from '../../../../src/codebase/vectors/vectorStore';

describe('codebase vectors: the store', () => {
  it('ranks by cosine similarity, whatever the vectors’ lengths', () => {
    const store = new VectorStore('ollama:m');
    store.set(1, 0, [1, 0, 0]);
    store.set(2, 0, [10, 10, 0]);
    store.set(3, 0, [0, 0, 5]);
    const hits = store.search([2, 1, 0], 2);
    assert.deepEqual(hits.map((h) => h.id), [2, 1]);
    assert.ok(Math.abs(hits[1].score - 2 / Math.sqrt(5)) < 1e-6);
    assert.equal(store.dimensions, 3);
  });

  it('refuses a vector of another length, and a query of another length finds nothing', () => {
    const store = new VectorStore('ollama:m');
    store.set(1, 0, [1, 0]);
    assert.throws(() => store.set(2, 0, [1, 0, 0]), /3-dimension vector does not fit a store of 2-dimension/);
    assert.deepEqual(store.search([1, 0, 0], 5), []);
  });

  it('forgets deleted vectors', () => {
    const store = new VectorStore('ollama:m');
    store.set(1, 7, [1, 0]);
    store.set(2, 8, [0, 1]);
    store.delete(1);
    assert.deepEqual(store.ids(), [2]);
    assert.equal(store.fingerprint(1), undefined);
    assert.equal(store.fingerprint(2), 8);
  });
});

describe('codebase vectors: the file', () => {
  let storage: string;
  beforeEach(() => (storage = mkdtempSync(join(tmpdir(), 'fathom-vectors-'))));
  afterEach(() => rmSync(storage, { recursive: true, force: true }));

  const sample = () => {
    const store = new VectorStore('openai:text-embedding-3-small');
    store.set(5, 0xdeadbeef, [0.6, 0.8, 0]);
    store.set(9, 1, [0, 0, 2]);
    return store;
  };

  it('reads back what it wrote: ids, fingerprints, vectors, in 4 bytes a number', async () => {
    const store = sample();
    const file = await saveVectors(storage, '/some/root', store);
    assert.equal(file, vectorFilePath(storage, '/some/root', store.modelKey));
    const back = (await loadVectors(storage, '/some/root', store.modelKey))!;
    assert.deepEqual(back.ids().sort(), [5, 9]);
    assert.equal(back.fingerprint(5), 0xdeadbeef);
    assert.deepEqual([...back.search([0, 0, 1], 1)].map((h) => h.id), [9]);
    assert.ok(Math.abs(back.search([0.6, 0.8, 0], 1)[0].score - 1) < 1e-6);
    const bytes = encodeVectors(store);
    assert.ok(bytes.length < 20 + 32 + 2 * 8 + 2 * 3 * 4 + 1, `${bytes.length} bytes`);
  });

  it('another model reads no vectors: its file is another one, and a file names its model', async () => {
    const store = sample();
    await saveVectors(storage, '/some/root', store);
    assert.notEqual(vectorFilePath(storage, '/some/root', 'ollama:nomic-embed-text'), vectorFilePath(storage, '/some/root', store.modelKey));
    assert.equal(await loadVectors(storage, '/some/root', 'ollama:nomic-embed-text'), undefined);
    assert.equal(decodeVectors(encodeVectors(store), 'ollama:nomic-embed-text'), undefined);
  });

  it('a damaged or foreign file reads as no vectors', async () => {
    writeFileSync(vectorFilePath(storage, '/r', 'ollama:m'), 'not a vector file');
    assert.equal(await loadVectors(storage, '/r', 'ollama:m'), undefined);
    assert.equal(decodeVectors(encodeVectors(sample()).subarray(0, 40), 'openai:text-embedding-3-small'), undefined);
  });
});
