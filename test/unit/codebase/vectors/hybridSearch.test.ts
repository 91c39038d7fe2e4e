import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { CodebaseIndex } from '../../../../src/codebase/codebaseIndex';
import { syncIndex } from '../../../../src/codebase/syncIndex';
import type { Embedder } from '../../../../src/codebase/vectors/embedder';
import { hybridSearch } from '../../../../src/codebase/vectors/hybridSearch';
import { syncVectors } from '../../../../src/codebase/vectors/syncVectors';
import { VectorStore } from '../../../../src/codebase/vectors/vectorStore';
import { Parsers } from '../../../../src/syntax/parsers';
import { devGrammar } from '../../syntax/grammars';

/** A tiny "model" that knows synonyms: each concept is one dimension. */
const CONCEPTS = [/\b(cart|basket)/i, /\b(price|cost|total)/i, /\b(user|person|name)/i, /\b(retry|again|backoff)/i];
const conceptEmbedder: Embedder = async (texts) => texts.map((t) => CONCEPTS.map((c) => (c.test(t) ? 1 : 0) + 0.01));

describe('codebase vectors: hybrid search', function () {
  this.timeout(30000);
  const parsers = new Parsers(devGrammar);
  let root: string;
  let index: CodebaseIndex;
  let store: VectorStore;
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'fathom-hybrid-'));
    write('src/cart.ts', 'export function totalPrice(cart: number[]) {\n  return cart.reduce((a, b) => a + b, 0);\n}\n');
    write('src/user.ts', 'export function parseUserName(raw: string) {\n  return raw.trim();\n}\n');
    write('src/net.ts', 'export function withRetry(run: () => void) {\n  run();\n}\n');
    index = CodebaseIndex.empty();
    await syncIndex(root, index, parsers);
    store = new VectorStore('test:concepts');
    await syncVectors(root, index, store, conceptEmbedder);
  });
  after(() => {
    parsers.dispose();
    rmSync(root, { recursive: true, force: true });
  });

  it('finds by meaning what shares no word with the question', async () => {
    assert.equal(index.search('basket cost', 3).length, 0, 'the lexical index alone finds nothing');
    const { results, mode } = await hybridSearch({ index, vectors: store, embed: conceptEmbedder, query: 'basket cost', top: 3 });
    assert.equal(mode, 'hybrid');
    assert.equal(results[0].symbol, 'totalPrice');
  });

  it('keeps what both rankings agree on first', async () => {
    const { results } = await hybridSearch({ index, vectors: store, embed: conceptEmbedder, query: 'retry', top: 3 });
    assert.equal(results[0].symbol, 'withRetry');
  });

  it('without vectors it is the lexical search', async () => {
    const lexical = index.search('parse user name', 3);
    const out = await hybridSearch({ index, vectors: new VectorStore('test:concepts'), embed: conceptEmbedder, query: 'parse user name', top: 3 });
    assert.equal(out.mode, 'lexical');
    assert.deepEqual(out.results, lexical);
  });

  it('when the question cannot be embedded, the lexical results come back with the reason', async () => {
    const down: Embedder = async () => {
      throw Object.assign(new Error('not reachable'), { kind: 'unreachable' });
    };
    const out = await hybridSearch({ index, vectors: store, embed: down, query: 'parse user name', top: 3 });
    assert.equal(out.mode, 'lexical');
    assert.equal(out.failure?.kind, 'unreachable');
    assert.equal(out.results[0].symbol, 'parseUserName');
  });
});
