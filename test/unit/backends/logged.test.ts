/** The logging decorator: one info line per request with timings and outcome; code and keys only where allowed. */
import assert from 'node:assert/strict';
import { createBackend } from '../../../src/backends/create';
import { formatRequestRecord, type RequestRecord } from '../../../src/backends/requestRecord';
import type { Logger } from '../../../src/logging/logger';
import { startFakeServer, type FakeServer } from '../../fake-server';
import { collect, failureOf } from './helpers';

type Level = keyof Logger;

function recordingLogger(): Logger & { lines: Array<{ level: Level; message: string }>; at(level: Level): string[] } {
  const lines: Array<{ level: Level; message: string }> = [];
  const log = (level: Level) => (message: string) => lines.push({ level, message });
  return {
    lines,
    at: (level) => lines.filter((l) => l.level === level).map((l) => l.message),
    trace: log('trace'),
    debug: log('debug'),
    info: log('info'),
    warn: log('warn'),
    error: log('error'),
  };
}

const SECRET_CODE = 'const launchCodes = 1234;';

describe('logged backend', () => {
  let server: FakeServer;
  before(async () => {
    server = await startFakeServer();
  });
  after(async () => {
    await server.close();
  });
  beforeEach(() => server.reset());

  it('logs endpoint, model, first-chunk time, total time and chunk count; code only at trace', async () => {
    const logger = recordingLogger();
    const backend = createBackend('ollama', { baseUrl: server.url, logger });
    const chunks = await collect(backend.streamCompletion({ model: 'qwen2.5-coder:1.5b', prompt: SECRET_CODE, suffix: '}' }));
    const [line] = logger.at('info');
    assert.match(line, /^ollama POST \/api\/generate model=qwen2\.5-coder:1\.5b: ok, first chunk \d+ ms, (\d+) chunks, \d+ ms$/);
    assert.equal(Number(line.match(/(\d+) chunks/)?.[1]), chunks.length);
    const notTrace = logger.lines.filter((l) => l.level !== 'trace').map((l) => l.message);
    assert.ok(notTrace.every((m) => !m.includes('launchCodes')), 'no code outside trace');
    assert.ok(logger.at('trace').some((m) => m.includes('launchCodes')), 'the prompt is traced');
    assert.ok(logger.at('trace').some((m) => m.includes('return 42;')), 'the answer is traced');
  });

  it('logs plain calls, failures by kind and status, and streams the reader left early', async () => {
    const logger = recordingLogger();
    const backend = createBackend('openai', { baseUrl: `${server.url}/v1`, apiKey: 'sk-logged-secret-999', logger });
    await backend.listModels();
    server.replyOnce({ status: 429, retryAfterSeconds: 1 });
    await failureOf(backend.streamChat({ model: 'llama3.2:3b', messages: [{ role: 'user', content: 'hi' }] }));
    server.replyOnce({ text: 'tick ', endless: true, tokenMs: 5 });
    for await (const _chunk of backend.streamCompletion({ model: 'qwen2.5-coder:1.5b', prompt: 'x' })) break;
    const info = logger.at('info');
    assert.match(info[0], /^openai GET \/models: ok in \d+ ms$/);
    assert.match(info[1], /^openai POST \/chat\/completions model=llama3\.2:3b: failed \(rateLimited, HTTP 429\), no chunk, 0 chunks, \d+ ms$/);
    assert.match(info[2], /^openai POST \/completions model=qwen2\.5-coder:1\.5b: closed early, first chunk \d+ ms, 1 chunks, \d+ ms$/);
    assert.ok(logger.lines.every((l) => !l.message.includes('sk-logged-secret')), 'the key is never logged');
  });

  it('passes provider and baseUrl through', () => {
    const backend = createBackend('openai', { baseUrl: 'http://127.0.0.1:1/v1', logger: recordingLogger() });
    assert.equal(backend.provider, 'openai');
    assert.equal(backend.baseUrl, 'http://127.0.0.1:1/v1');
  });

  for (const provider of ['ollama', 'openai'] as const) {
    it(`records each generation request with the exact body the server received, and how it ended (${provider})`, async () => {
      const records: RequestRecord[] = [];
      const baseUrl = provider === 'ollama' ? server.url : `${server.url}/v1`;
      const backend = createBackend(provider, { baseUrl, logger: recordingLogger(), observe: (r) => records.push(r), fim: true });
      await collect(backend.streamChat({ model: 'qwen2.5-coder:7b', messages: [{ role: 'user', content: 'hi' }], maxTokens: 50 }));
      await collect(backend.streamCompletion({ model: 'qwen2.5-coder:1.5b', prompt: 'const a = ', suffix: ';' }));
      server.replyOnce({ status: 500 });
      await failureOf(backend.streamChat({ model: 'qwen2.5-coder:7b', messages: [{ role: 'user', content: 'again' }] }));
      await backend.listModels();
      assert.equal(records.length, 3, 'generation requests only');
      const generations = server.requests.filter((r) => r.endpoint.endsWith('chat') || r.endpoint.endsWith('generate') || r.endpoint.endsWith('completions'));
      assert.deepEqual(records.map((r) => r.body), generations.map((r) => r.body), 'the bodies are exactly the ones received');
      assert.deepEqual(records.map((r) => r.outcome), ['ok', 'ok', 'failed (badResponse, HTTP 500)']);
      assert.ok(records[0].chunks > 0 && records[0].firstChunkMs !== undefined && records[0].totalMs >= records[0].firstChunkMs);
      const shown = JSON.parse(formatRequestRecord(records[0]));
      assert.equal(shown.request, provider === 'ollama' ? `POST ${server.url}/api/chat` : `POST ${server.url}/v1/chat/completions`);
      assert.deepEqual(shown.body, records[0].body);
    });
  }

  it('Show Last Request names the role that sent the request, and where each other role sent its last one', () => {
    const record = (role: string, baseUrl: string, endpoint: string, at: number): RequestRecord => ({ at, role, provider: 'ollama', endpoint, baseUrl, model: 'm', body: { prompt: 'p' }, totalMs: 5, chunks: 1, outcome: 'ok' });
    const completion = record('completion', 'http://127.0.0.1:11434', 'POST /api/generate', Date.UTC(2026, 0, 1, 12));
    const chat = record('chat', 'https://gpu-box:11434/', 'POST /api/chat', Date.UTC(2026, 0, 1, 11));
    const shown = JSON.parse(formatRequestRecord(completion, [completion, chat]));
    assert.equal(shown.role, 'completion');
    assert.equal(shown.request, 'POST http://127.0.0.1:11434/api/generate');
    assert.deepEqual(shown.otherRoles, { chat: 'POST https://gpu-box:11434/api/chat (sent 2026-01-01T11:00:00.000Z)' });
    assert.equal('otherRoles' in JSON.parse(formatRequestRecord(completion, [completion])), false);
  });
});
