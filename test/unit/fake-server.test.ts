/**
 * The fake LLM server on the wire, with plain fetch: the formats the real SDKs rely on, scripting, faults,
 * and the record that tests use to prove what reached the server (and how the connection ended).
 */
import assert from 'node:assert/strict';
import { DEFAULT_COMPLETION_TEXT, DEMO_MARK, demoReply, ENDLESS_CHUNK_CAP, startFakeServer, type FakeServer } from '../fake-server';
import { parseDemoArgs } from '../fake-server/cli';
import { demoCompletion } from '../fake-server/demo-reply';
import { splitFimPrompt } from '../fake-server/request-text';

const FIM_MODEL = 'qwen2.5-coder:1.5b';
const CHAT_MODEL = 'llama3.2:3b';

interface ShowBody {
  model_info: Record<string, unknown>;
  capabilities: string[];
  template: string;
  details: { family: string };
}

function post(server: FakeServer, path: string, body: unknown, init: RequestInit = {}): Promise<Response> {
  return fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), ...init });
}

async function ndjson(response: Response): Promise<Array<Record<string, unknown>>> {
  const text = await response.text();
  assert.ok(text.endsWith('\n'), 'every NDJSON line ends with a newline');
  return text
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

/** The `data:` payloads of an SSE body, in order. */
async function sseData(response: Response): Promise<string[]> {
  const text = await response.text();
  return text
    .split('\n\n')
    .filter((event) => event !== '')
    .map((event) => {
      assert.ok(event.startsWith('data: '), `SSE event starts with "data: ": ${event}`);
      return event.slice('data: '.length);
    });
}

describe('fake LLM server', () => {
  let server: FakeServer;
  beforeEach(async () => {
    server = await startFakeServer();
  });
  afterEach(async () => {
    await server.close();
  });

  describe('Ollama protocol', () => {
    it('reports its version and lists the default models with Ollama details', async () => {
      assert.deepEqual(await (await fetch(`${server.url}/api/version`)).json(), { version: '0.12.6' });
      const tags = (await (await fetch(`${server.url}/api/tags`)).json()) as { models: Array<Record<string, unknown>> };
      assert.deepEqual(
        tags.models.map((m) => m.name),
        ['qwen2.5-coder:1.5b', 'qwen2.5-coder:7b', 'llama3.2:3b'],
      );
      const first = tags.models[0];
      assert.equal(first.model, 'qwen2.5-coder:1.5b');
      assert.equal(typeof first.size, 'number');
      assert.match(String(first.digest), /^[0-9a-f]{64}$/);
      assert.deepEqual(first.details, {
        parent_model: '',
        format: 'gguf',
        family: 'qwen2',
        families: ['qwen2'],
        parameter_size: '1.5B',
        quantization_level: 'Q4_K_M',
      });
    });

    it('shows a FIM model with its context length, "insert" capability and a .Suffix template', async () => {
      const show = (await (await post(server, '/api/show', { model: FIM_MODEL })).json()) as ShowBody;
      assert.equal(show.model_info['general.architecture'], 'qwen2');
      assert.equal(show.model_info['qwen2.context_length'], 32768);
      assert.deepEqual(show.capabilities, ['completion', 'tools', 'insert']);
      assert.match(show.template, /\{\{ \.Suffix \}\}/);
      assert.equal(show.details.family, 'qwen2');
    });

    it('shows a chat-only model without FIM', async () => {
      const show = (await (await post(server, '/api/show', { model: CHAT_MODEL })).json()) as ShowBody;
      assert.equal(show.model_info['llama.context_length'], 131072);
      assert.ok(!show.capabilities.includes('insert'));
      assert.doesNotMatch(show.template, /Suffix/);
    });

    it('words missing models exactly as Ollama does', async () => {
      const show = await post(server, '/api/show', { model: 'nope:1b' });
      assert.equal(show.status, 404);
      assert.deepEqual(await show.json(), { error: "model 'nope:1b' not found" });
      const generate = await post(server, '/api/generate', { model: 'nope:1b', prompt: 'x' });
      assert.equal(generate.status, 404);
      assert.deepEqual(await generate.json(), { error: 'model "nope:1b" not found, try pulling it first' });
    });

    it('streams /api/generate as NDJSON ending with a done line and its counters', async () => {
      const response = await post(server, '/api/generate', { model: FIM_MODEL, prompt: 'function f() {\n  ', suffix: '\n}' });
      assert.equal(response.headers.get('content-type'), 'application/x-ndjson');
      const lines = await ndjson(response);
      const last = lines.pop()!;
      assert.ok(lines.length > 1, 'the answer comes in several chunks');
      assert.ok(lines.every((l) => l.done === false && l.model === FIM_MODEL && typeof l.created_at === 'string'));
      assert.equal(lines.map((l) => l.response).join(''), DEFAULT_COMPLETION_TEXT);
      assert.equal(last.done, true);
      assert.equal(last.done_reason, 'stop');
      assert.equal(last.response, '');
      assert.equal(last.eval_count, lines.length);
      for (const counter of ['total_duration', 'load_duration', 'prompt_eval_count', 'prompt_eval_duration', 'eval_duration']) {
        assert.equal(typeof last[counter], 'number', counter);
      }
    });

    it('answers /api/generate with stream:false as one JSON object', async () => {
      const response = await post(server, '/api/generate', { model: FIM_MODEL, prompt: 'x', stream: false });
      assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
      const body = (await response.json()) as Record<string, unknown>;
      assert.equal(body.response, DEFAULT_COMPLETION_TEXT);
      assert.equal(body.done, true);
    });

    it('treats a generate without prompt as a model load, like Ollama', async () => {
      const body = (await (await post(server, '/api/generate', { model: FIM_MODEL })).json()) as Record<string, unknown>;
      assert.equal(body.done_reason, 'load');
      assert.equal(body.response, '');
    });

    it('streams /api/chat with assistant messages and a short markdown answer', async () => {
      const response = await post(server, '/api/chat', { model: CHAT_MODEL, messages: [{ role: 'user', content: 'What is a monad?' }] });
      const lines = await ndjson(response);
      const last = lines.pop()!;
      const text = lines.map((l) => (l.message as { content: string }).content).join('');
      assert.ok(lines.every((l) => (l.message as { role: string }).role === 'assistant'));
      assert.match(text, /What is a monad\?/);
      assert.match(text, /```ts/);
      assert.equal(last.done, true);
    });

    it('pulls with progress lines, ends with success and then serves the model', async () => {
      const response = await post(server, '/api/pull', { model: 'starcoder2:3b' });
      const lines = await ndjson(response);
      assert.deepEqual(lines[0], { status: 'pulling manifest' });
      const progress = lines.filter((l) => 'completed' in l);
      assert.ok(progress.length >= 2);
      assert.ok(progress.every((l) => String(l.digest).startsWith('sha256:') && typeof l.total === 'number'));
      assert.equal(progress.at(-1)!.completed, progress.at(-1)!.total);
      assert.deepEqual(lines.at(-1), { status: 'success' });
      assert.ok(server.models.some((m) => m.name === 'starcoder2:3b'));
      assert.equal((await post(server, '/api/show', { model: 'starcoder2:3b' })).status, 200);
    });
  });

  describe('OpenAI protocol', () => {
    it('lists the same models', async () => {
      const body = (await (await fetch(`${server.url}/v1/models`)).json()) as { object: string; data: Array<Record<string, unknown>> };
      assert.equal(body.object, 'list');
      assert.deepEqual(
        body.data.map((m) => [m.id, m.object, m.context_length]),
        [
          ['qwen2.5-coder:1.5b', 'model', 32768],
          ['qwen2.5-coder:7b', 'model', 32768],
          ['llama3.2:3b', 'model', 131072],
        ],
      );
    });

    it('streams chat completions as SSE chunks ending with [DONE]', async () => {
      const response = await post(server, '/v1/chat/completions', { model: CHAT_MODEL, stream: true, messages: [{ role: 'user', content: 'hi' }] });
      assert.equal(response.headers.get('content-type'), 'text/event-stream');
      const data = await sseData(response);
      assert.equal(data.pop(), '[DONE]');
      const chunks = data.map((d) => JSON.parse(d) as { object: string; choices: Array<{ delta: { content: string }; finish_reason: string | null }> });
      assert.ok(chunks.every((c) => c.object === 'chat.completion.chunk'));
      assert.equal(chunks.at(-1)!.choices[0].finish_reason, 'stop');
      assert.ok(chunks.slice(0, -1).every((c) => c.choices[0].finish_reason === null));
      assert.match(chunks.map((c) => c.choices[0].delta.content).join(''), /"hi"/);
    });

    it('answers chat completions without stream as one JSON object with usage', async () => {
      const body = (await (await post(server, '/v1/chat/completions', { model: CHAT_MODEL, messages: [{ role: 'user', content: 'hi' }] })).json()) as {
        object: string;
        choices: Array<{ message: { role: string }; finish_reason: string }>;
        usage: { prompt_tokens: number; completion_tokens: number; total_tokens: number };
      };
      assert.equal(body.object, 'chat.completion');
      assert.equal(body.choices[0].message.role, 'assistant');
      assert.equal(body.choices[0].finish_reason, 'stop');
      assert.equal(body.usage.total_tokens, body.usage.prompt_tokens + body.usage.completion_tokens);
    });

    it('streams /v1/completions text chunks and answers them whole', async () => {
      const streamed = await sseData(await post(server, '/v1/completions', { model: FIM_MODEL, prompt: 'a', suffix: 'b', stream: true }));
      assert.equal(streamed.pop(), '[DONE]');
      const text = streamed.map((d) => (JSON.parse(d) as { choices: Array<{ text: string }> }).choices[0].text).join('');
      assert.equal(text, DEFAULT_COMPLETION_TEXT);
      const whole = (await (await post(server, '/v1/completions', { model: FIM_MODEL, prompt: 'a' })).json()) as { object: string; choices: Array<{ text: string }> };
      assert.equal(whole.object, 'text_completion');
      assert.equal(whole.choices[0].text, DEFAULT_COMPLETION_TEXT);
    });

    it('answers an unknown model with 404 in OpenAI error shape', async () => {
      const response = await post(server, '/v1/chat/completions', { model: 'gpt-9', messages: [] });
      assert.equal(response.status, 404);
      assert.deepEqual(await response.json(), {
        error: { message: 'The model `gpt-9` does not exist or you do not have access to it.', type: 'invalid_request_error', param: null, code: 'model_not_found' },
      });
    });
  });

  describe('API key', () => {
    it('answers 401 in each protocol when the key is missing or wrong, and serves the right key', async () => {
      const guarded = await startFakeServer({ apiKey: 'sk-right-key-123' });
      try {
        const missing = await fetch(`${guarded.url}/v1/models`);
        assert.equal(missing.status, 401);
        assert.equal(((await missing.json()) as { error: { type: string } }).error.type, 'invalid_request_error');
        const wrong = await fetch(`${guarded.url}/v1/models`, { headers: { authorization: 'Bearer sk-wrong-key-456' } });
        assert.equal(wrong.status, 401);
        // Like OpenAI, the fake echoes the rejected key, so clients can be tested for not repeating it.
        assert.match(((await wrong.json()) as { error: { message: string } }).error.message, /sk-wrong-key-456/);
        const ollama = await fetch(`${guarded.url}/api/tags`);
        assert.equal(ollama.status, 401);
        assert.equal(typeof ((await ollama.json()) as { error: unknown }).error, 'string');
        const right = await fetch(`${guarded.url}/api/tags`, { headers: { authorization: 'Bearer sk-right-key-123' } });
        assert.equal(right.status, 200);
      } finally {
        await guarded.close();
      }
    });
  });

  describe('scripting', () => {
    it('uses a queued reply for the next generation request only, skipping other endpoints', async () => {
      server.replyOnce({ text: 'scripted' });
      assert.equal((await fetch(`${server.url}/api/tags`)).status, 200);
      const first = (await (await post(server, '/api/generate', { model: FIM_MODEL, prompt: 'x', stream: false })).json()) as { response: string };
      const second = (await (await post(server, '/api/generate', { model: FIM_MODEL, prompt: 'x', stream: false })).json()) as { response: string };
      assert.equal(first.response, 'scripted');
      assert.equal(second.response, DEFAULT_COMPLETION_TEXT);
    });

    it('can queue a reply for a named endpoint', async () => {
      server.replyOnce({ status: 500 }, 'ollama.tags');
      assert.equal((await fetch(`${server.url}/api/tags`)).status, 500);
      assert.equal((await fetch(`${server.url}/api/tags`)).status, 200);
    });

    it('plays enqueued replies in order, then asks the handler', async () => {
      server.enqueue({ text: 'one' }, { text: 'two' });
      server.reply((request) => (request.endpoint === 'openai.completions' ? { chunks: ['han', 'dler'] } : undefined));
      const answers: string[] = [];
      for (let i = 0; i < 3; i++) {
        const body = (await (await post(server, '/v1/completions', { model: FIM_MODEL, prompt: 'x' })).json()) as { choices: Array<{ text: string }> };
        answers.push(body.choices[0].text);
      }
      assert.deepEqual(answers, ['one', 'two', 'handler']);
    });

    it('sends scripted statuses as protocol errors, with Retry-After', async () => {
      server.replyOnce({ status: 429, retryAfterSeconds: 7 });
      const ollama = await post(server, '/api/chat', { model: CHAT_MODEL, messages: [{ role: 'user', content: 'x' }] });
      assert.equal(ollama.status, 429);
      assert.equal(ollama.headers.get('retry-after'), '7');
      assert.equal(typeof ((await ollama.json()) as { error: unknown }).error, 'string');
      server.replyOnce({ status: 503, message: 'overloaded' });
      const openai = await post(server, '/v1/chat/completions', { model: CHAT_MODEL, messages: [] });
      assert.equal(openai.status, 503);
      assert.equal(((await openai.json()) as { error: { message: string; type: string } }).error.message, 'overloaded');
    });

    it('waits firstTokenMs before the first chunk', async () => {
      server.replyOnce({ text: 'late', firstTokenMs: 120 });
      const started = Date.now();
      await (await post(server, '/api/generate', { model: FIM_MODEL, prompt: 'x' })).text();
      assert.ok(Date.now() - started >= 110, `took ${Date.now() - started} ms`);
    });

    it('pauses once after pauseAfter.chunks pieces: the first pieces arrive, the rest only after the pause', async () => {
      server.replyOnce({ chunks: ['first', ' line\n', 'rest'], pauseAfter: { chunks: 2, ms: 150 } });
      const response = await post(server, '/api/generate', { model: FIM_MODEL, prompt: 'x' });
      const reader = response.body!.getReader();
      const started = Date.now();
      let text = '';
      const arrivals: { text: string; ms: number }[] = [];
      for (let r = await reader.read(); !r.done; r = await reader.read()) {
        for (const line of new TextDecoder().decode(r.value).split('\n').filter(Boolean)) text += (JSON.parse(line) as { response: string }).response;
        arrivals.push({ text, ms: Date.now() - started });
      }
      const firstLine = arrivals.find((a) => a.text.includes('line'))!;
      const rest = arrivals.find((a) => a.text.includes('rest'))!;
      assert.ok(rest.ms - firstLine.ms >= 140, JSON.stringify(arrivals));
    });

    it('forgets requests, queue and handler on reset', async () => {
      server.replyOnce({ text: 'queued' });
      server.reply(() => ({ text: 'handled' }));
      await fetch(`${server.url}/api/version`);
      server.reset();
      assert.equal(server.requests.length, 0);
      const body = (await (await post(server, '/api/generate', { model: FIM_MODEL, prompt: 'x', stream: false })).json()) as { response: string };
      assert.equal(body.response, DEFAULT_COMPLETION_TEXT);
    });
  });

  describe('faults', () => {
    it('drop: destroys the connection after the given number of chunks', async () => {
      server.replyOnce({ text: 'one two three four', fault: 'drop', afterChunks: 2 });
      const response = await post(server, '/api/generate', { model: FIM_MODEL, prompt: 'x' });
      assert.equal(response.status, 200);
      await assert.rejects(response.text(), /terminated/);
      const request = await server.waitFor((rs) => rs.find((r) => r.endpoint === 'ollama.generate' && !r.completed && server.inFlight === 0), 2000, 'the dropped request to end');
      assert.equal(request.closedByClient, false, 'the server, not the client, closed it');
    });

    it('malformed: sends a chunk that is not JSON after the good ones, then ends without done', async () => {
      server.replyOnce({ text: 'one two', fault: 'malformed', afterChunks: 1 });
      const text = await (await post(server, '/api/generate', { model: FIM_MODEL, prompt: 'x' })).text();
      const lines = text.trim().split('\n');
      assert.equal(lines.length, 2);
      assert.equal((JSON.parse(lines[0]) as { response: string }).response, 'one');
      assert.throws(() => JSON.parse(lines[1]), SyntaxError);

      server.replyOnce({ fault: 'malformed', afterChunks: 0 });
      const events = await sseData(await post(server, '/v1/chat/completions', { model: CHAT_MODEL, stream: true, messages: [] }));
      assert.equal(events.length, 1);
      assert.throws(() => JSON.parse(events[0]), SyntaxError);
    });

    it('stall: sends headers, then nothing, until the client closes; that is recorded', async () => {
      server.replyOnce({ fault: 'stall' });
      const controller = new AbortController();
      const response = await post(server, '/api/generate', { model: FIM_MODEL, prompt: 'x' }, { signal: controller.signal });
      assert.equal(response.status, 200);
      const reading = response.text();
      await server.waitFor(() => server.inFlight === 1, 1000, 'the stalled response to be in flight');
      controller.abort();
      await assert.rejects(reading, { name: 'AbortError' });
      const request = await server.waitFor((rs) => rs.find((r) => r.closedByClient), 2000, 'the client to close the stalled request');
      assert.equal(request.completed, false);
      assert.equal(server.inFlight, 0);
    });

    it('endless: keeps streaming until the client aborts', async () => {
      server.replyOnce({ text: 'tick ', endless: true, tokenMs: 2 });
      const controller = new AbortController();
      const response = await post(server, '/v1/completions', { model: FIM_MODEL, prompt: 'x', stream: true }, { signal: controller.signal });
      const reader = response.body!.getReader();
      let received = 0;
      while (received < 20) {
        const { value } = await reader.read();
        received += new TextDecoder().decode(value).split('data: ').length - 1;
      }
      controller.abort();
      await server.waitFor((rs) => rs.some((r) => r.closedByClient), 2000, 'the endless stream to be closed by the client');
      assert.ok(received < ENDLESS_CHUNK_CAP);
    });
  });

  describe('recording', () => {
    it('records endpoint, lower-case headers, parsed and raw body, time and outcome', async () => {
      const before = Date.now();
      await (await post(server, '/api/chat', { model: CHAT_MODEL, messages: [{ role: 'user', content: 'x' }] }, { headers: { 'Content-Type': 'application/json', 'X-Custom': 'Yes' } })).text();
      await (await fetch(`${server.url}/no/such/path`)).text();
      const [chat, unknown] = server.requests;
      assert.equal(chat.endpoint, 'ollama.chat');
      assert.equal(chat.method, 'POST');
      assert.equal(chat.path, '/api/chat');
      assert.equal(chat.headers['x-custom'], 'Yes');
      assert.deepEqual(chat.body, { model: CHAT_MODEL, messages: [{ role: 'user', content: 'x' }] });
      assert.equal(chat.rawBody, JSON.stringify(chat.body));
      assert.ok(chat.at >= before);
      assert.equal(chat.completed, true);
      assert.equal(chat.closedByClient, false);
      assert.equal(unknown.endpoint, 'unknown');
      assert.equal(unknown.body, undefined);
      await server.waitFor(() => server.inFlight === 0, 1000, 'finished responses to leave the in-flight count');
    });

    it('counts responses in flight and the peak', async () => {
      server.reply(() => ({ fault: 'stall' }));
      const controller = new AbortController();
      const pending = [1, 2].map(() => post(server, '/api/generate', { model: FIM_MODEL, prompt: 'x' }, { signal: controller.signal }).then((r) => r.text()).catch(() => 'aborted'));
      await server.waitFor(() => server.inFlight === 2, 2000, 'two stalled responses');
      controller.abort();
      assert.deepEqual(await Promise.all(pending), ['aborted', 'aborted']);
      await server.waitFor(() => server.inFlight === 0, 2000, 'no response in flight');
      assert.equal(server.peakInFlight, 2);
    });

    it('waitFor names what it waited for when it times out', async () => {
      await assert.rejects(server.waitFor(() => false, 50, 'a request that never comes'), /Timed out after 50 ms waiting for a request that never comes/);
    });

    it('close() ends open connections and rejects pending waits', async () => {
      server.replyOnce({ fault: 'stall' });
      // Settled into values at once, so the rejections close() causes are never unhandled.
      const reading = post(server, '/api/generate', { model: FIM_MODEL, prompt: 'x' })
        .then((r) => r.text())
        .then(() => 'answered', () => 'connection closed');
      await server.waitFor(() => server.inFlight === 1, 1000, 'the stalled response');
      const waiting = server.waitFor(() => false, 5000, 'never').then(() => 'resolved', (error: Error) => error.message);
      await server.close();
      assert.equal(await reading, 'connection closed');
      assert.match(await waiting, /closed/);
    });
  });

  describe('offline demo answers', () => {
    it('marks chat answers and completes code from the surrounding function', () => {
      const chat = demoReply({
        endpoint: 'openai.chat',
        method: 'POST',
        path: '/v1/chat/completions',
        query: '',
        headers: {},
        body: { messages: [{ role: 'user', content: 'Explain this code' }] },
        rawBody: '',
        at: 0,
        closedByClient: false,
        completed: false,
      });
      assert.ok(chat.text?.includes(DEMO_MARK));
      assert.equal(demoCompletion('function add(a, b) {\n  ', '\n}'), 'return a + b;');
      assert.equal(demoCompletion('def is_even(n):\n    ', ''), 'return bool(n)');
    });

    it('parses the demo CLI options', () => {
      assert.deepEqual(parseDemoArgs(['--port', '11435', '--api-key=k-123']), { port: 11435, apiKey: 'k-123' });
      assert.throws(() => parseDemoArgs(['--port', 'x']), /--port must be a number/);
      assert.throws(() => parseDemoArgs(['--verbose']), /Unknown option --verbose/);
    });

    it('reads raw FIM prompts of the common model families', () => {
      assert.deepEqual(splitFimPrompt('<|fim_prefix|>let a = <|fim_suffix|>;\n<|fim_middle|>'), { prefix: 'let a = ', suffix: ';\n' });
      assert.deepEqual(splitFimPrompt('<PRE> let a = <SUF>; <MID>'), { prefix: 'let a = ', suffix: '; ' });
    });
  });
});
