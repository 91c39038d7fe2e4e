import * as assert from 'node:assert/strict';
import { BackendPool } from '../../../src/backends/pool';
import { objectSource, parseConfig } from '../../../src/config/settings';
import { silentLogger } from '../../../src/logging/logger';
import { startFakeServer, type FakeServer } from '../../fake-server';
import { CORPUS } from './corpus';

async function drain(stream: AsyncIterable<string>): Promise<string> {
  let text = '';
  for await (const chunk of stream) text += chunk;
  return text;
}

describe('privacy: no secret leaves the machine in a request', function () {
  this.timeout(20000);
  let server: FakeServer;
  before(async () => (server = await startFakeServer()));
  after(() => server.close());
  beforeEach(() => server.reset());

  for (const provider of ['ollama', 'openai'] as const) {
    const pool = () => {
      const config = parseConfig(objectSource({ 'completion.provider': provider, 'chat.provider': provider, 'ollama.baseUrl': server.url, 'openai.baseUrl': `${server.url}/v1` }));
      return new BackendPool(() => config, async () => undefined, silentLogger);
    };

    it(`${provider}: ${CORPUS.length} secrets in the prefix, the suffix and chat messages reach the server in 0 requests`, async () => {
      const { backend, settings } = await pool().backendFor('completion');
      const code = CORPUS.map((c) => c.context).join('\n');
      await drain(backend.streamCompletion({ model: settings.model, prompt: `${code}\nconst x = `, suffix: `;\n${code}\n` }));
      const chat = await pool().backendFor('chat');
      await drain(chat.backend.streamChat({ model: chat.settings.model, messages: [{ role: 'system', content: 'Explain.' }, { role: 'user', content: code }] }));
      const sent = server.requests.filter((r) => r.endpoint !== 'unknown');
      assert.ok(sent.length >= 2);
      const leaks = CORPUS.filter((c) => sent.some((r) => r.rawBody.includes(c.secret) || JSON.stringify(r.body).includes(c.secret)));
      assert.deepEqual(leaks.map((c) => c.rule), [], 'secrets found in recorded requests');
      assert.ok(sent.every((r) => !/github_pat_|-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(r.rawBody)));
    });
  }

  it('the answer gets the original back where the model repeated a placeholder, even split across chunks', async () => {
    const entry = CORPUS.find((c) => c.rule === 'github-token')!;
    const { backend, settings } = await new BackendPool(
      () => parseConfig(objectSource({ 'ollama.baseUrl': server.url })),
      async () => undefined,
      silentLogger,
    ).backendFor('chat');
    // The fake model quotes the placeholder it was sent, one character per chunk.
    server.reply((r) => {
      const placeholder = /«secret:[^»]+»/.exec(r.rawBody)?.[0];
      return r.endpoint === 'ollama.chat' && placeholder ? { chunks: [...`token = "${placeholder}"`] } : undefined;
    });
    const answer = await drain(backend.streamChat({ model: settings.model, messages: [{ role: 'user', content: entry.context }] }));
    assert.equal(answer, `token = "${entry.secret}"`);
    assert.ok(!server.requests.some((r) => r.rawBody.includes(entry.secret)));
  });
});
