/** openaiServers.ts: which OpenAI-compatible server it is, what that changes, and llama.cpp's /infill wire format. */
import * as assert from 'node:assert/strict';
import {
  completionAbilities,
  infillBody,
  infillUrl,
  parseInfillEvent,
  serverKindFromModels,
  serverKindFromUrl,
  serverTraits,
  sseData,
} from '../../../src/backends/openaiServers';

async function* bytes(parts: readonly string[]): AsyncGenerator<Uint8Array> {
  for (const part of parts) yield Buffer.from(part, 'utf8');
}

async function dataOf(parts: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for await (const data of sseData(bytes(parts))) out.push(data);
  return out;
}

describe('backends/openaiServers', () => {
  it('knows the hosted chat-only endpoints by host, and nothing else by URL', () => {
    assert.equal(serverKindFromUrl('https://api.anthropic.com/v1/'), 'anthropic');
    assert.equal(serverKindFromUrl('https://API.anthropic.com/v1'), 'anthropic');
    assert.equal(serverKindFromUrl('https://generativelanguage.googleapis.com/v1beta/openai/'), 'gemini');
    for (const url of ['http://127.0.0.1:8080/v1', 'http://localhost:1234/v1', 'https://api.openai.com/v1', 'https://api.anthropic.com.evil.example/v1', 'not a url']) {
      assert.equal(serverKindFromUrl(url), undefined, url);
    }
  });

  it('tells the server from its /v1/models entries', () => {
    assert.equal(serverKindFromModels([{ id: 'qwen', object: 'model', owned_by: 'llamacpp', meta: { n_ctx_train: 32768 } }]), 'llamacpp');
    assert.equal(serverKindFromModels([{ id: 'Qwen/Qwen2.5-Coder-7B', owned_by: 'vllm', max_model_len: 32768 }]), 'vllm');
    assert.equal(serverKindFromModels([{ id: 'qwen2.5-coder-7b-instruct', owned_by: 'organization_owner' }]), 'lmstudio');
    assert.equal(serverKindFromModels([{ type: 'model', id: 'claude-sonnet-4-5', display_name: 'Claude Sonnet 4.5', created_at: '2025-09-29T00:00:00Z' }]), 'anthropic');
    assert.equal(serverKindFromModels([{ id: 'models/gemini-2.5-flash', object: 'model', owned_by: 'google' }]), 'gemini');
    assert.equal(serverKindFromModels([{ id: 'gpt-4o-mini', object: 'model', owned_by: 'system' }]), undefined);
    assert.equal(serverKindFromModels([{ id: 'qwen2.5-coder:1.5b', object: 'model', owned_by: 'library' }]), undefined);
    assert.equal(serverKindFromModels([]), undefined);
  });

  it('chat-only servers get no completion endpoint and no FIM; vLLM no suffix; llama.cpp FIM through /infill', () => {
    assert.deepEqual(completionAbilities('anthropic', true), { supportsFim: false, chatOnly: true });
    assert.deepEqual(completionAbilities('gemini', false), { supportsFim: false, chatOnly: true });
    assert.deepEqual(completionAbilities('vllm', true), { supportsFim: false });
    assert.deepEqual(completionAbilities('llamacpp', true), { supportsFim: true, infill: true });
    assert.deepEqual(completionAbilities('llamacpp', false), { supportsFim: false });
    assert.deepEqual(completionAbilities('lmstudio', true), { supportsFim: true });
    assert.deepEqual(completionAbilities('other', true), { supportsFim: true });
    assert.deepEqual(completionAbilities('other', false), { supportsFim: false });
    assert.equal(serverTraits('gemini').completions, false);
    assert.equal(serverTraits('vllm').completions, true);
  });

  it('puts /infill at the server root, beside /v1', () => {
    assert.equal(infillUrl('http://127.0.0.1:8080/v1'), 'http://127.0.0.1:8080/infill');
    assert.equal(infillUrl('http://127.0.0.1:8080/v1/'), 'http://127.0.0.1:8080/infill');
    assert.equal(infillUrl('http://127.0.0.1:8080'), 'http://127.0.0.1:8080/infill');
    assert.equal(infillUrl('https://box.example/llama/v1'), 'https://box.example/llama/infill');
  });

  it('builds the /infill body: prefix, suffix, files as {filename, text}, n_predict, stop, stream', () => {
    assert.deepEqual(
      infillBody({ model: 'qwen', prompt: 'const a = ', suffix: ';\n', files: [{ path: 'src/b.ts', text: 'export const b = 1;' }], temperature: 0.2, maxTokens: 64, stop: ['\n\n'] }),
      { model: 'qwen', input_prefix: 'const a = ', input_suffix: ';\n', input_extra: [{ filename: 'src/b.ts', text: 'export const b = 1;' }], stream: true, temperature: 0.2, n_predict: 64, stop: ['\n\n'] },
    );
    // Nothing optional when nothing is set.
    assert.deepEqual(infillBody({ model: 'qwen', prompt: 'x', suffix: '', files: [], stop: [] }), { model: 'qwen', input_prefix: 'x', input_suffix: '', stream: true });
  });

  it('reads /infill events, and an error reported inside the stream', () => {
    assert.deepEqual(parseInfillEvent('{"index":0,"content":"ret","stop":false}'), { content: 'ret', stop: false });
    assert.deepEqual(parseInfillEvent('{"content":"","stop":true,"stop_type":"eos"}'), { content: '', stop: true });
    assert.deepEqual(parseInfillEvent('{"error":{"code":500,"message":"context shift disabled"}}'), { content: '', stop: true, error: 'context shift disabled' });
    assert.equal(parseInfillEvent('[1]')?.content, '');
    assert.throws(() => parseInfillEvent('{"content":'), /not JSON/);
  });

  it('splits server-sent events however the bytes were cut, skipping comments', async () => {
    const body = 'data: {"content":"a"}\n\n: ping\n\ndata: {"content":"é"}\r\n\r\ndata: {"content":"b","stop":true}\n\n';
    const expected = ['{"content":"a"}', '{"content":"é"}', '{"content":"b","stop":true}'];
    assert.deepEqual(await dataOf([body]), expected);
    // Cut at every byte, inside `data:`, inside the two-byte é and between \r and \n.
    const raw = Buffer.from(body, 'utf8');
    const out: string[] = [];
    for await (const data of sseData((async function* () {
      for (const byte of raw) yield Uint8Array.of(byte);
    })())) out.push(data);
    assert.deepEqual(out, expected);
    // A last event without its blank line still counts.
    assert.deepEqual(await dataOf(['data: {"content":"x"}']), ['{"content":"x"}']);
  });
});
