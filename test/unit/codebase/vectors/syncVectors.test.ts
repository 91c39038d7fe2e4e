import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { CodebaseIndex } from '../../../../src/codebase/codebaseIndex';
import { syncIndex } from '../../../../src/codebase/syncIndex';
import type { Embedder } from '../../../../src/codebase/vectors/embedder';
import { MAX_EMBED_CHARS } from '../../../../src/codebase/vectors/embedText';
import { refreshVectors } from '../../../../src/codebase/vectors/refreshVectors';
import { syncVectors } from '../../../../src/codebase/vectors/syncVectors';
import { vectorFilePath } from '../../../../src/codebase/vectors/vectorFile';
import { VectorStore } from '../../../../src/codebase/vectors/vectorStore';
import { Parsers } from '../../../../src/syntax/parsers';
import { devGrammar } from '../../syntax/grammars';

/** An embedder that records every batch and answers with a vector of the text's length and word count. */
function recordingEmbedder(): Embedder & { batches: string[][] } {
  const batches: string[][] = [];
  const embed = async (texts: string[]) => {
    batches.push(texts);
    return texts.map((t) => [t.length, t.split(/\s+/).length, 1]);
  };
  return Object.assign(embed, { batches });
}

describe('codebase vectors: syncing with the index', function () {
  this.timeout(30000);
  const parsers = new Parsers(devGrammar);
  let root: string;
  let storage: string;
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  const fn = (name: string) => `export function ${name}(a: number) {\n  return a + 1;\n}\n`;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'fathom-vectors-root-'));
    storage = mkdtempSync(join(tmpdir(), 'fathom-vectors-store-'));
  });
  afterEach(() => {
    rmSync(root, { recursive: true, force: true });
    rmSync(storage, { recursive: true, force: true });
  });
  after(() => parsers.dispose());

  it('embeds every chunk once, in batches, then only what changed; removed chunks lose their vectors', async () => {
    for (let i = 0; i < 5; i++) write(`src/f${i}.ts`, [0, 1, 2].map((j) => fn(`f${i}_${j}`)).join('\n'));
    const index = CodebaseIndex.empty();
    await syncIndex(root, index, parsers);
    const embed = recordingEmbedder();
    const store = new VectorStore('test:m');
    const first = await syncVectors(root, index, store, embed, { batchSize: 4 });
    assert.equal(first.embedded, index.chunkCount);
    assert.equal(first.vectors, index.chunkCount);
    assert.ok(embed.batches.every((b) => b.length <= 4));
    assert.equal(embed.batches.length, Math.ceil(index.chunkCount / 4));

    embed.batches.length = 0;
    assert.equal((await syncVectors(root, index, store, embed)).embedded, 0);
    assert.equal(embed.batches.length, 0, 'nothing is sent when nothing changed');

    write('src/f0.ts', fn('renamed'));
    utimesSync(join(root, 'src/f0.ts'), new Date(), new Date(Date.now() + 5000));
    rmSync(join(root, 'src/f1.ts'));
    await syncIndex(root, index, parsers);
    const after = await syncVectors(root, index, store, embed);
    assert.equal(after.embedded, 1);
    assert.equal(after.removed, 6);
    assert.deepEqual(embed.batches.flat().map((t) => t.split('\n')[0]), ['src/f0.ts']);
    assert.equal(store.size, index.chunkCount);
  });

  it('sends the chunk’s lines with its path, redacted: a secret in the code never reaches the embedder', async () => {
    const secret = 'ghp_0123456789abcdefghijABCDEFGHIJ012345';
    write('src/config.ts', `export function client() {\n  return connect("${secret}");\n}\n`);
    const index = CodebaseIndex.empty();
    await syncIndex(root, index, parsers);
    const embed = recordingEmbedder();
    await syncVectors(root, index, new VectorStore('test:m'), embed);
    const sent = embed.batches.flat();
    assert.equal(sent.length, 1);
    assert.ok(sent[0].startsWith('src/config.ts\nexport function client()'));
    assert.ok(!sent[0].includes(secret));
    assert.match(sent[0], /«secret:/);
  });

  it('caps a huge chunk’s text', async () => {
    write('notes.txt', `${'word '.repeat(4000)}\n`);
    const index = CodebaseIndex.empty();
    await syncIndex(root, index, parsers);
    const embed = recordingEmbedder();
    await syncVectors(root, index, new VectorStore('test:m'), embed);
    assert.ok(embed.batches.flat().every((t) => t.length <= MAX_EMBED_CHARS));
  });

  it('a failing embedder is reported as data; the vectors made before stay, and lexical search still works', async () => {
    for (let i = 0; i < 3; i++) write(`src/f${i}.ts`, fn(`f${i}`));
    const index = CodebaseIndex.empty();
    await syncIndex(root, index, parsers);
    let calls = 0;
    const failing: Embedder = async (texts) => {
      if (++calls > 1) throw Object.assign(new Error('Ollama is not reachable'), { kind: 'unreachable' });
      return texts.map(() => [1, 0]);
    };
    const store = new VectorStore('test:m');
    const report = await syncVectors(root, index, store, failing, { batchSize: 1 });
    assert.deepEqual(report.failure, { kind: 'unreachable', message: 'Ollama is not reachable' });
    assert.equal(report.vectors, 1);
    assert.equal(store.size, 1);
    assert.equal(index.search('f2', 1)[0].symbol, 'f2');
  });

  it('cancelling stops between batches and says so', async () => {
    for (let i = 0; i < 4; i++) write(`src/f${i}.ts`, fn(`f${i}`));
    const index = CodebaseIndex.empty();
    await syncIndex(root, index, parsers);
    const controller = new AbortController();
    const embed: Embedder = async (texts) => {
      controller.abort();
      return texts.map(() => [1, 0]);
    };
    const report = await syncVectors(root, index, new VectorStore('test:m'), embed, { batchSize: 1, signal: controller.signal });
    assert.equal(report.cancelled, true);
    assert.equal(report.embedded, 1);
  });

  it('a file changed since it was indexed is skipped until the index catches up', async () => {
    write('src/a.ts', fn('a'));
    const index = CodebaseIndex.empty();
    await syncIndex(root, index, parsers);
    write('src/a.ts', `${fn('a')}\n${fn('b')}`);
    const embed = recordingEmbedder();
    const report = await syncVectors(root, index, new VectorStore('test:m'), embed);
    assert.equal(report.skipped, 1);
    assert.equal(embed.batches.length, 0);
  });

  it('a rebuilt index that hands the same ids to other chunks gets no old vectors', async () => {
    write('src/a.ts', fn('a'));
    const index = CodebaseIndex.empty();
    await syncIndex(root, index, parsers);
    const store = new VectorStore('test:m');
    await syncVectors(root, index, store, recordingEmbedder());
    rmSync(join(root, 'src/a.ts'));
    write('src/b.ts', `${fn('b')}`);
    const rebuilt = CodebaseIndex.empty();
    await syncIndex(root, rebuilt, parsers);
    assert.deepEqual([...rebuilt.chunkEntries()].map(([id]) => id), store.ids(), 'the same id, another chunk');
    const embed = recordingEmbedder();
    const report = await syncVectors(root, rebuilt, store, embed);
    assert.equal(report.removed, 1);
    assert.equal(report.embedded, 1);
  });

  it('refreshVectors keeps vectors per root and model beside the snapshot: a restart sends nothing, a new model re-embeds', async () => {
    write('src/a.ts', fn('a'));
    const index = CodebaseIndex.empty();
    await syncIndex(root, index, parsers);
    const embed = recordingEmbedder();
    await refreshVectors(root, index, 'ollama:m1', embed, { storageDir: storage });
    assert.ok(existsSync(vectorFilePath(storage, root, 'ollama:m1')));
    const again = await refreshVectors(root, index, 'ollama:m1', embed, { storageDir: storage });
    assert.equal(again.report.embedded, 0);
    assert.equal(again.store.size, 1);
    const other = await refreshVectors(root, index, 'ollama:m2', embed, { storageDir: storage });
    assert.equal(other.report.embedded, 1);
  });
});
