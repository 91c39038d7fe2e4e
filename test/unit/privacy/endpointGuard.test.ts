import * as assert from 'node:assert/strict';
import { BackendPool } from '../../../src/roles/pool';
import { isBackendError, type BackendError } from '../../../src/backends/errors';
import { objectSource, parseConfig, type FathomConfig } from '../../../src/config/settings';
import type { Logger } from '../../../src/logging/logger';
import { rememberedConsent, resetConsent, type ConsentStore } from '../../../src/privacy/endpointGuard';
import { startFakeServer, type FakeServer } from '../../fake-server';

/** `.invalid` never resolves (RFC 6761): a request to it cannot be answered by anything, so none may be made. */
const REMOTE = 'http://example.invalid';

async function drain(stream: AsyncIterable<string>): Promise<string> {
  let text = '';
  for await (const chunk of stream) text += chunk;
  return text;
}

/** The request log (logged.ts) writes a line for every request a backend makes: no line, no request. */
function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const at = (level: string) => (m: string) => void lines.push(`${level}: ${m}`);
  return { lines, trace: at('trace'), debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

/** workspaceState's shape, over a Map. */
function memoryStore(): ConsentStore & { values: Map<string, unknown> } {
  const values = new Map<string, unknown>();
  return {
    values,
    get: <T>(key: string) => values.get(key) as T | undefined,
    update: async (key, value) => void (value === undefined ? values.delete(key) : values.set(key, value)),
    keys: () => [...values.keys()],
  };
}

async function refusal(run: Promise<unknown>): Promise<BackendError> {
  const error = await run.then(
    () => assert.fail('the request went through'),
    (e: unknown) => e,
  );
  assert.ok(isBackendError(error), `a BackendError, not ${String(error)}`);
  return error;
}

describe('endpoint guard: local-only mode and consent before code leaves the machine', function () {
  this.timeout(20000);
  let server: FakeServer;
  before(async () => (server = await startFakeServer()));
  after(() => server.close());
  beforeEach(() => server.reset());

  /** Completion on Ollama and chat on the OpenAI-compatible server, both at `baseUrl`'s origin. */
  const configAt = (baseUrl: string, localOnly: boolean): FathomConfig =>
    parseConfig(objectSource({ 'ollama.baseUrl': baseUrl, 'chat.provider': 'openai', 'openai.baseUrl': `${baseUrl}/v1`, localOnly, requestTimeoutMs: 2000 }));

  it('local-only mode refuses a remote endpoint with the message, and sends nothing', async () => {
    const logger = recordingLogger();
    let asked = 0;
    const pool = new BackendPool(() => configAt(REMOTE, true), async () => undefined, logger, Date.now, async () => (asked++, true));
    const { backend, settings } = await pool.backendFor('completion');
    const error = await refusal(drain(backend.streamCompletion({ model: settings.model, prompt: 'const x = ' })));
    assert.equal(error.kind, 'refused');
    assert.equal(
      error.message,
      'Local-only mode refuses http://example.invalid: it is not on this machine, so Fathom sends it nothing. Point "fathom.ollama.baseUrl" at a local server or turn off "fathom.localOnly".',
    );
    const chat = await pool.backendFor('chat');
    const chatError = await refusal(drain(chat.backend.streamChat({ model: chat.settings.model, messages: [{ role: 'user', content: 'explain' }] })));
    assert.match(chatError.message, /"fathom\.openai\.baseUrl"/);
    assert.equal(asked, 0, 'local-only mode refuses without asking');
    assert.deepEqual(logger.lines, [], 'no request was made');
  });

  it('lets loopback requests through in local-only mode without asking', async () => {
    let asked = 0;
    const pool = new BackendPool(() => configAt(server.url, true), async () => undefined, recordingLogger(), Date.now, async () => (asked++, false));
    server.reply(() => ({ text: '42;' }));
    const { backend, settings } = await pool.backendFor('completion');
    assert.equal(await drain(backend.streamCompletion({ model: settings.model, prompt: 'const x = ' })), '42;');
    const chat = await pool.backendFor('chat');
    assert.equal(await drain(chat.backend.streamChat({ model: chat.settings.model, messages: [{ role: 'user', content: 'hi' }] })), '42;');
    assert.equal(server.requests.filter((r) => r.endpoint === 'ollama.generate' || r.endpoint === 'openai.chat').length, 2);
    assert.equal(asked, 0);
  });

  it('turning local-only mode on takes effect on the next request, with the clients already made', async () => {
    let localOnly = false;
    const pool = new BackendPool(() => configAt(REMOTE, localOnly), async () => undefined, recordingLogger(), Date.now, async () => true);
    const { backend, settings } = await pool.backendFor('completion');
    localOnly = true;
    assert.equal((await refusal(drain(backend.streamCompletion({ model: settings.model, prompt: 'x' })))).refusal, 'localOnly');
  });

  it('a declined endpoint is refused with the message, asked once per origin, and nothing is sent', async () => {
    const logger = recordingLogger();
    const store = memoryStore();
    const asked: string[] = [];
    const consent = rememberedConsent(store, async (origin) => (asked.push(origin), false));
    const pool = new BackendPool(() => configAt(REMOTE, false), async () => undefined, logger, Date.now, consent);
    const completion = await pool.backendFor('completion');
    const chat = await pool.backendFor('chat');
    // Started together, like a completion and a command racing on first use.
    const requests = [
      refusal(drain(completion.backend.streamCompletion({ model: completion.settings.model, prompt: 'a' }))),
      refusal(drain(completion.backend.streamCompletion({ model: completion.settings.model, prompt: 'b' }))),
      refusal(drain(chat.backend.streamChat({ model: chat.settings.model, messages: [{ role: 'user', content: 'c' }] }))),
    ];
    for (const request of requests) {
      const error = await request;
      assert.equal(error.kind, 'refused');
      assert.equal(error.message, 'You declined sending code to http://example.invalid; run "Fathom: Reset Endpoint Consent" to be asked again.');
    }
    assert.deepEqual(asked, ['http://example.invalid'], 'Ollama at the origin and /v1 on it are one question, even when requests overlap');
    assert.deepEqual(logger.lines, [], 'no request was made');
  });

  it('an allowed endpoint gets the request, and the answer is remembered until reset', async () => {
    const logger = recordingLogger();
    const store = memoryStore();
    let asked = 0;
    const consent = rememberedConsent(store, async () => (asked++, true));
    const pool = new BackendPool(() => configAt(REMOTE, false), async () => undefined, logger, Date.now, consent);
    const { backend, settings } = await pool.backendFor('completion');
    for (let i = 0; i < 2; i++) {
      // Allowed, so the request is made, and fails the way an unreachable server does.
      const error = await refusal(drain(backend.streamCompletion({ model: settings.model, prompt: 'x' })));
      assert.notEqual(error.kind, 'refused');
    }
    assert.equal(asked, 1);
    assert.equal(logger.lines.filter((l) => l.startsWith('info:') && l.includes('POST /api/generate')).length, 2, 'both requests were attempted');
    await resetConsent(store);
    assert.equal(store.values.size, 0);
    await refusal(drain(backend.streamCompletion({ model: settings.model, prompt: 'x' })));
    assert.equal(asked, 2, 'asked again after the reset');
  });

  it('a dismissed question refuses this request but is asked again next time', async () => {
    const store = memoryStore();
    const answers: (boolean | undefined)[] = [undefined, false];
    const consent = rememberedConsent(store, async () => answers.shift());
    assert.equal(await consent(`${REMOTE}/v1`), false);
    assert.equal(store.values.size, 0, 'nothing remembered');
    assert.equal(await consent(REMOTE), false);
    assert.deepEqual([...store.values.values()], [false]);
    assert.equal(answers.length, 0, 'asked twice');
  });

  /**
   * 0.0.0.0 is not a loopback address by the rule (only localhost, 127/8 and ::1 are), yet a connection to it
   * reaches a server listening on 127.0.0.1: a "remote" endpoint whose server can count what arrives.
   */
  const remoteLooking = () => server.url.replace('127.0.0.1', '0.0.0.0');

  it('a remote-looking URL that reaches the fake server: control without local-only mode', async () => {
    let asked = 0;
    const pool = new BackendPool(() => configAt(remoteLooking(), false), async () => undefined, recordingLogger(), Date.now, async () => (asked++, true));
    const { backend, settings } = await pool.backendFor('completion');
    await backend.version();
    await backend.listModels();
    await backend.modelInfo(settings.model);
    await drain(backend.streamCompletion({ model: settings.model, prompt: 'x' }));
    await (await pool.ollama()).pullModel('starcoder2:3b', () => {});
    assert.deepEqual(
      server.requests.map((r) => r.endpoint),
      ['ollama.version', 'ollama.tags', 'ollama.show', 'ollama.generate', 'ollama.pull'],
      'the URL routes to the fake server, so the zero below is the rule\'s doing',
    );
    assert.equal(asked, 1, 'consent is asked before code only, not for the version, the list or model info');
  });

  it('local-only mode refuses every request of every role — version, model list, model info, both streams, Pull Model — and nothing reaches the server', async () => {
    const logger = recordingLogger();
    let asked = 0;
    const pool = new BackendPool(() => configAt(remoteLooking(), true), async () => 'sk-never-sent-123456', logger, Date.now, async () => (asked++, true));
    const completion = await pool.backendFor('completion');
    const chat = await pool.backendFor('chat');
    const calls: Array<[string, Promise<unknown>]> = [];
    for (const { backend, settings } of [completion, chat]) {
      calls.push(
        [`${backend.provider} version`, backend.version()],
        [`${backend.provider} listModels`, backend.listModels()],
        [`${backend.provider} loadedModels`, backend.loadedModels ? backend.loadedModels() : Promise.reject(new Error('no loadedModels'))],
        [`${backend.provider} modelInfo`, backend.modelInfo(settings.model)],
        [`${backend.provider} streamCompletion`, drain(backend.streamCompletion({ model: settings.model, prompt: 'const key = ' }))],
        [`${backend.provider} streamChat`, drain(backend.streamChat({ model: settings.model, messages: [{ role: 'user', content: 'explain' }] }))],
      );
    }
    calls.push(['ollama pull', pool.ollama().then((ollama) => ollama.pullModel('starcoder2:3b', () => {}))]);
    for (const [name, call] of calls) {
      const error = await refusal(call);
      assert.equal(error.kind, 'refused', name);
      assert.equal(error.refusal, 'localOnly', name);
      assert.match(error.message, /^Local-only mode refuses http:\/\/0\.0\.0\.0:\d+: it is not on this machine/, name);
    }
    assert.equal(server.requests.length, 0, 'no request reached the server');
    assert.equal(asked, 0, 'local-only mode refuses without asking');
    assert.deepEqual(logger.lines, [], 'nothing was even attempted');
  });

  it('the clients underneath apply the same rule: a client the guard does not wrap is refused by its fetch', async () => {
    const pool = new BackendPool(() => configAt(remoteLooking(), true), async () => undefined, recordingLogger());
    const ollama = await pool.ollama();
    for (const call of [ollama.version(), ollama.listModels(), ollama.modelInfo('qwen2.5-coder:1.5b'), drain(ollama.streamCompletion({ model: 'qwen2.5-coder:1.5b', prompt: 'x' }))]) {
      assert.equal((await refusal(call)).refusal, 'localOnly');
    }
    assert.equal(server.requests.length, 0);
  });
});
