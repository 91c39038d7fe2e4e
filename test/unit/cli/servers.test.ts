/**
 * The CLI against the OpenAI-compatible servers that differ (docs/servers.md): `prompt` prints llama.cpp's
 * /infill body and a chat body for a chat-only server; `doctor --settings FILE`, run as a user runs it
 * (dist/cli.js), probes the fake server passing for llama.cpp and for Anthropic over HTTP.
 */
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { OpenAIBackend } from '../../../src/backends/openai';
import { promptCommand, requestBody } from '../../../src/cli/prompt';
import { buildCompletionRequest } from '../../../src/completion/prompt/build';
import { CLOSE_TAG } from '../../../src/completion/prompt/chatPrompt';
import { objectSource, parseConfig } from '../../../src/config/settings';
import { Parsers } from '../../../src/syntax/parsers';
import { startFakeServer, type FakeServer } from '../../fake-server';
import { atCursor } from '../completion/prompt/fixtures';
import { devGrammar } from '../syntax/grammars';
import { tempDir } from '../tempTree';

const CLI = resolve(__dirname, '../../../dist/cli.js');
const exec = promisify(execFile);

async function cli(...args: string[]): Promise<{ stdout: string; stderr: string; code: number }> {
  try {
    const { stdout, stderr } = await exec(process.execPath, [CLI, ...args], { env: { ...process.env, FATHOM_API_KEY: '', OPENAI_API_KEY: '' } });
    return { stdout, stderr, code: 0 };
  } catch (e) {
    const error = e as { stdout: string; stderr: string; code: number };
    return { stdout: error.stdout, stderr: error.stderr, code: error.code };
  }
}

const parsers = new Parsers(devGrammar);

async function prompt(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await promptCommand(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) }, { parsers });
  return { code, stdout, stderr };
}

/** A TypeScript workspace whose file imports from another; the cursor sits inside `clamp(`. */
function workspace(): { root: string; at: string[] } {
  const root = tempDir('fathom-servers-');
  mkdirSync(join(root, 'src'));
  writeFileSync(join(root, 'src', 'math.ts'), 'export function clamp(x: number, lo: number, hi: number): number {\n  return Math.min(hi, Math.max(lo, x));\n}\n');
  const app = "import { clamp } from './math';\n\nexport function brightness(value: number): number {\n  return clamp(value, 0, 1);\n}\n";
  writeFileSync(join(root, 'src', 'app.ts'), app);
  return { root, at: ['--root', root, '--file', 'src/app.ts', '--offset', String(app.indexOf('clamp(value') + 'clamp('.length)] };
}

function settingsFile(settings: Record<string, unknown>): string {
  const file = join(tempDir('fathom-servers-settings-'), 'settings.json');
  writeFileSync(file, JSON.stringify(settings));
  return file;
}

describe('cli: OpenAI-compatible servers that differ', function () {
  this.timeout(20000);
  const { at } = workspace();

  describe('prompt', () => {
    it('--server llamacpp with FIM: the /infill body, other files as input_extra', async () => {
      const { code, stdout } = await prompt(...at, '--provider', 'openai', '--server', 'llamacpp', '--fim', 'yes', '--model', 'qwen2.5-coder-1.5b');
      assert.equal(code, 0);
      const body = JSON.parse(stdout);
      assert.deepEqual(Object.keys(body), ['model', 'input_prefix', 'input_suffix', 'input_extra', 'stream', 'temperature', 'n_predict', 'stop']);
      assert.ok(body.input_prefix.endsWith('return clamp('));
      assert.ok(body.input_suffix.startsWith('value, 0, 1);'));
      assert.deepEqual(body.input_extra.map((f: { filename: string }) => f.filename), ['src/math.ts']);
      assert.match(body.input_extra[0].text, /export function clamp/);
    });

    it('a chat-only server known by its URL: the chat body, even with --fim yes and a template', async () => {
      const settings = settingsFile({ 'fathom.completion.provider': 'openai', 'fathom.openai.baseUrl': 'https://api.anthropic.com/v1/', 'fathom.completion.model': 'claude-haiku-4-5' });
      const { code, stdout } = await prompt(...at, '--settings', settings, '--fim', 'yes', '--template', '<PRE>{prefix}<SUF>{suffix}<MID>');
      assert.equal(code, 0);
      const body = JSON.parse(stdout);
      assert.equal(body.model, 'claude-haiku-4-5');
      assert.ok(Array.isArray(body.messages));
      assert.deepEqual(body.stop, [CLOSE_TAG]);
      assert.equal(body.prompt, undefined);
    });

    it('--server vllm with --fim yes: the family template on /v1/completions, no suffix', async () => {
      const body = JSON.parse((await prompt(...at, '--provider', 'openai', '--server', 'vllm', '--fim', 'yes', '--model', 'qwen2.5-coder:1.5b')).stdout);
      assert.equal(body.suffix, undefined);
      assert.match(body.prompt, /<\|fim_prefix\|>/);
    });

    it('says which --server values there are', async () => {
      const { code, stderr } = await prompt(...at, '--server', 'tgi');
      assert.equal(code, 2);
      assert.match(stderr, /--server must be one of anthropic, gemini, llamacpp, vllm, lmstudio, other/);
    });

    it('the printed /infill body is the one the backend posts to llama.cpp', async () => {
      const server = await startFakeServer({ flavor: 'llamacpp', models: [{ name: 'qwen2.5-coder-1.5b', contextLength: 32768 }] });
      try {
        const config = parseConfig(objectSource({ 'completion.provider': 'openai', 'completion.model': 'qwen2.5-coder-1.5b', contextLength: 4096 }));
        const backend = new OpenAIBackend({ baseUrl: `${server.url}/v1`, fim: true });
        const info = await backend.modelInfo('qwen2.5-coder-1.5b');
        const snapshot = atCursor('def area(r):\n    return █\n');
        const built = buildCompletionRequest({ snapshot, snippets: [], model: 'qwen2.5-coder-1.5b', info, settings: config.completion, contextLength: config.contextLength });
        if (built.kind !== 'fim') assert.fail(`expected a FIM request, got ${built.kind}`);
        for await (const chunk of backend.streamCompletion(built.request)) void chunk;
        const sent = server.requests.find((r) => r.path === '/infill');
        assert.equal(sent?.rawBody, JSON.stringify(requestBody(built, 'openai', config, 'llamacpp')));
      } finally {
        await server.close();
      }
    });
  });

  describe('doctor --settings FILE (dist/cli.js)', () => {
    let llamacpp: FakeServer;
    let anthropic: FakeServer;
    before(async () => {
      assert.ok(existsSync(CLI), 'dist/cli.js is missing: run "npm run build" first (npm run test:unit does)');
      llamacpp = await startFakeServer({ flavor: 'llamacpp', models: [{ name: 'qwen2.5-coder-1.5b', contextLength: 32768 }] });
      anthropic = await startFakeServer({ flavor: 'anthropic', models: [{ name: 'claude-haiku-4-5' }] });
    });
    after(async () => {
      await llamacpp?.close();
      await anthropic?.close();
    });

    it('llama.cpp: fill in the middle through /infill, measured there', async () => {
      const settings = settingsFile({
        'fathom.completion.provider': 'openai',
        'fathom.chat.provider': 'openai',
        'fathom.openai.baseUrl': `${llamacpp.url}/v1`,
        'fathom.openai.fim': true,
        'fathom.completion.model': 'qwen2.5-coder-1.5b',
        'fathom.chat.model': 'qwen2.5-coder-1.5b',
      });
      const { stdout, code } = await cli('doctor', '--settings', settings);
      assert.equal(code, 0, stdout);
      assert.match(stdout, /completion: OpenAI-compatible server at .* model qwen2\.5-coder-1\.5b/);
      assert.match(stdout, /fill-in-the-middle: yes \(llama\.cpp \/infill\); context length: 32768 tokens/);
      assert.match(stdout, /latency: first token \d+ ms/);
      const infill = llamacpp.requests.find((r) => r.path === '/infill');
      assert.ok(infill, 'the doctor measured the completion on /infill');
      assert.equal(llamacpp.requests.filter((r) => r.path === '/v1/completions').length, 0);
    });

    it('Anthropic (chat only): says completions use the chat prompt, and sends nothing to /v1/completions', async () => {
      const settings = settingsFile({
        'fathom.completion.provider': 'openai',
        'fathom.chat.provider': 'openai',
        'fathom.openai.baseUrl': `${anthropic.url}/v1`,
        'fathom.openai.fim': true,
        'fathom.completion.model': 'claude-haiku-4-5',
        'fathom.chat.model': 'claude-haiku-4-5',
      });
      const { stdout, code } = await cli('doctor', '--settings', settings);
      assert.equal(code, 1, stdout);
      assert.match(stdout, /fill-in-the-middle: no \(the server serves chat only\)/);
      assert.match(stdout, /serves chat completions only, so completions are asked as a chat "fill the hole" prompt/);
      assert.match(stdout, /chat: OpenAI-compatible server at .* model claude-haiku-4-5\n {2}✓ reachable, 1 model\(s\): claude-haiku-4-5/);
      assert.equal(anthropic.requests.filter((r) => r.path === '/v1/completions').length, 0);
      assert.ok(anthropic.requests.some((r) => r.path === '/v1/chat/completions'));
    });
  });

  after(() => parsers.dispose());
});
