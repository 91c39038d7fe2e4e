import * as assert from 'node:assert/strict';
import { chunkLikeTokens, ScriptedBackend } from '../../../src/backends/scripted';

async function readAll(stream: AsyncIterable<string>, stopAfter = Infinity): Promise<string[]> {
  const chunks: string[] = [];
  for await (const chunk of stream) {
    chunks.push(chunk);
    if (chunks.length >= stopAfter) break;
  }
  return chunks;
}

describe('backends/scripted: a Backend that streams a given text', () => {
  it('streams the text in small token-like chunks that join back to it exactly', async () => {
    const text = 'const élan = f(a, 42);\n\treturn "😀";\n';
    const backend = new ScriptedBackend(text);
    const chunks = await readAll(backend.streamCompletion({ model: 'm', prompt: 'p' }));
    assert.equal(chunks.join(''), text);
    assert.ok(chunks.every((c) => c.length <= 4 || /^\s+$/.test(c)), JSON.stringify(chunks));
    assert.deepEqual(chunkLikeTokens('abcdefg(x)'), ['abcd', 'efg', '(', 'x', ')']);
    assert.equal(backend.streams[0].stoppedEarly, false);
  });

  it('records the request and whether the reader stopped early', async () => {
    const backend = new ScriptedBackend('one two three four');
    await readAll(backend.streamCompletion({ model: 'm', prompt: 'p', suffix: 's' }), 2);
    assert.equal(backend.streams[0].sent, 2);
    assert.equal(backend.streams[0].stoppedEarly, true);
    assert.deepEqual(backend.streams[0].request, { model: 'm', prompt: 'p', suffix: 's' });
  });

  it('honours the abort signal like the real backends: a cancelled BackendError', async () => {
    const backend = new ScriptedBackend('a b c d e f g h', { chunkDelayMs: 5 });
    const abort = new AbortController();
    const reading = readAll(backend.streamCompletion({ model: 'm', prompt: 'p', signal: abort.signal }));
    setTimeout(() => abort.abort(), 12);
    await assert.rejects(reading, (e: Error & { kind?: string; provider?: string }) => e.kind === 'cancelled' && e.provider === 'ollama');
  });

  it('answers the rest of the Backend interface plainly', async () => {
    const backend = new ScriptedBackend('x', { provider: 'openai', info: { contextLength: 4096 } });
    assert.equal(await backend.version(), undefined);
    assert.deepEqual(await backend.modelInfo('m'), { name: 'm', supportsFim: true, contextLength: 4096 });
    assert.deepEqual(await readAll(backend.streamChat({ model: 'm', messages: [] })), ['x']);
    backend.setScript('y');
    assert.deepEqual(await readAll(backend.streamCompletion({ model: 'm', prompt: '' })), ['y']);
  });
});
