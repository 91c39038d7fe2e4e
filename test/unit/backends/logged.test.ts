/** The logging decorator: one info line per request with timings and outcome; code and keys only where allowed. */
import assert from 'node:assert/strict';
import { createBackend } from '../../../src/backends/create';
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
});
