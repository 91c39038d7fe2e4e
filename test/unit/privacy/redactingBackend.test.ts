import * as assert from 'node:assert/strict';
import { BackendPool } from '../../../src/roles/pool';
import { objectSource, parseConfig } from '../../../src/config/settings';
import { silentLogger } from '../../../src/logging/logger';
import { RedactionLedger } from '../../../src/privacy/redactionLedger';
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

  const pool = (provider: 'ollama' | 'openai') => {
    const config = parseConfig(objectSource({ 'completion.provider': provider, 'chat.provider': provider, 'ollama.baseUrl': server.url, 'openai.baseUrl': `${server.url}/v1` }));
    return new BackendPool(() => config, async () => undefined, silentLogger);
  };

  for (const provider of ['ollama', 'openai'] as const) {

    it(`${provider}: ${CORPUS.length} secrets in the prefix, the suffix and chat messages reach the server in 0 requests`, async () => {
      const { backend, settings } = await pool(provider).backendFor('completion');
      const code = CORPUS.map((c) => c.context).join('\n');
      await drain(backend.streamCompletion({ model: settings.model, prompt: `${code}\nconst x = `, suffix: `;\n${code}\n` }));
      const chat = await pool(provider).backendFor('chat');
      await drain(chat.backend.streamChat({ model: chat.settings.model, messages: [{ role: 'system', content: 'Explain.' }, { role: 'user', content: code }] }));
      const sent = server.requests.filter((r) => r.endpoint !== 'unknown');
      assert.ok(sent.length >= 2);
      const leaks = CORPUS.filter((c) => sent.some((r) => r.rawBody.includes(c.secret) || JSON.stringify(r.body).includes(c.secret)));
      assert.deepEqual(leaks.map((c) => c.rule), [], 'secrets found in recorded requests');
      assert.ok(sent.every((r) => !/github_pat_|-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(r.rawBody)));
    });
  }

  it('the answer stream comes back as the model wrote it; the request\'s ledger says what its placeholders stand for', async () => {
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
    const redaction = new RedactionLedger();
    const answer = await drain(backend.streamChat({ model: settings.model, messages: [{ role: 'user', content: entry.context }], redaction }));
    const [placeholder] = redaction.placeholders();
    assert.match(placeholder, /^«secret:github-token:[a-z2-7]{10}»$/);
    assert.equal(answer, `token = "${placeholder}"`, 'nothing restored in the stream');
    assert.equal(redaction.restoreInto(answer, entry.context), `token = "${entry.secret}"`, 'the ledger restores into the file the secret came from');
    assert.equal(redaction.restoreInto(answer, 'another file'), answer, '…and into no other');
    assert.ok(!server.requests.some((r) => r.rawBody.includes(entry.secret)));
    assert.ok(!server.requests.some((r) => r.rawBody.includes('placeholders')), 'the ledger itself never travels');
  });

  it('a second request with the same secret gets the same placeholder (prompts stay cacheable), in its own ledger', async () => {
    const entry = CORPUS.find((c) => c.rule === 'stripe-key')!;
    const { backend, settings } = await pool('ollama').backendFor('completion');
    const first = new RedactionLedger();
    const second = new RedactionLedger();
    await drain(backend.streamCompletion({ model: settings.model, prompt: entry.context, redaction: first }));
    await drain(backend.streamCompletion({ model: settings.model, prompt: 'no secret here' }));
    await drain(backend.streamCompletion({ model: settings.model, prompt: `${entry.context}\n`, suffix: '', redaction: second }));
    assert.deepEqual(second.placeholders(), first.placeholders());
    const bodies = server.requests.filter((r) => r.endpoint === 'ollama.generate').map((r) => (r.body as { prompt: string }).prompt);
    assert.equal(bodies.length, 3);
    assert.ok(bodies[0].includes(first.placeholders()[0]) && bodies[2].includes(first.placeholders()[0]));
  });
});
