/**
 * Issue 7: however the text is cut into stream pieces, and however TCP cuts the framed body (inside a
 * UTF-8 character, a `data: ` prefix, a JSON frame), what the backends yield joins back to the text.
 * Every run is a real HTTP exchange with the fake server through the real SDKs.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Backend, ProviderKind } from '../../../src/backends/types';
import { startFakeServer, type FakeServer } from '../../fake-server';
import { backendFor, collect } from '../backends/helpers';

const MODEL = 'qwen2.5-coder:1.5b';
const RUNS = 30;

/** Pieces that stress the parsers: multi-byte UTF-8 (2, 3 and 4 bytes), frame syntax, escapes, line breaks. */
const tricky = fc.constantFrom('é', '€', '中', '😀', '👩‍💻', 'data: ', 'data: [DONE]', '\n', '\n\n', '\r\n', '"', '\\', '{"a":1}', '}', ' ', '\t');
const piece = fc.oneof(tricky, fc.string({ unit: 'binary', maxLength: 6 }), fc.string({ maxLength: 8 }));
const chunks = fc.array(piece, { maxLength: 12 });
/** Where TCP cuts the framed body, as fractions of its length (the length depends on the frames). */
const cutFractions = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 30 });
const cutsAt = (fractions: number[]) => (bodyBytes: number) => fractions.map((f) => Math.floor(f * bodyBytes));

type Call = (backend: Backend) => AsyncIterable<string>;
const CALLS: Record<'completion' | 'chat', Call> = {
  completion: (backend) => backend.streamCompletion({ model: MODEL, prompt: 'const x = ' }),
  chat: (backend) => backend.streamChat({ model: MODEL, messages: [{ role: 'user', content: 'hi' }] }),
};

describe('stream parsing with arbitrary chunk and wire boundaries', function () {
  // Each property runs RUNS real HTTP exchanges, paced by 1 ms between wire writes so the client reads the pieces apart.
  this.timeout(120_000);
  let server: FakeServer;
  before(async () => {
    server = await startFakeServer();
  });
  after(async () => {
    await server.close();
  });

  for (const provider of ['ollama', 'openai'] as ProviderKind[]) {
    for (const kind of ['completion', 'chat'] as const) {
      it(`${provider} ${kind}: the yielded text joins to the streamed text`, async () => {
        const backend = backendFor(provider, server);
        await fc.assert(
          fc.asyncProperty(chunks, cutFractions, async (pieces, fractions) => {
            server.reset();
            server.replyOnce({ chunks: pieces, wireSplits: cutsAt(fractions), tokenMs: 1 });
            const yielded = await collect(CALLS[kind](backend));
            assert.equal(yielded.join(''), pieces.join(''));
          }),
          { numRuns: RUNS },
        );
      });

      it(`${provider} ${kind}: a body written one byte at a time still parses`, async () => {
        const backend = backendFor(provider, server);
        const pieces = ['€😀', 'data: x', '\n\n中', '"\\'];
        server.replyOnce({ chunks: pieces, wireSplits: (bodyBytes) => Array.from({ length: bodyBytes }, (_, i) => i), tokenMs: 1 });
        const yielded = await collect(CALLS[kind](backend));
        assert.equal(yielded.join(''), pieces.join(''));
        assert.equal(server.requests.at(-1)?.completed, true);
      });
    }
  }
});
