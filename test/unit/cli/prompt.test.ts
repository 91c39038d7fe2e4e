import * as assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { createBackend } from '../../../src/backends/create';
import type { ProviderKind } from '../../../src/backends/types';
import { promptCommand, requestBody } from '../../../src/cli/prompt';
import { main } from '../../../src/cli/main';
import { buildCompletionRequest } from '../../../src/completion/prompt/build';
import { objectSource, parseConfig } from '../../../src/config/settings';
import { Parsers } from '../../../src/syntax/parsers';
import { startFakeServer, type FakeServer } from '../../fake-server';
import { devGrammar } from '../syntax/grammars';
import { atCursor, fimInfo, noFimInfo } from '../completion/prompt/fixtures';
import { tempDir } from '../tempTree';

/** A workspace on disk with one Python file; the cursor sits after "return ". */
function workspace(): { root: string; offset: number } {
  const root = tempDir('fathom-prompt-');
  mkdirSync(join(root, 'pkg'));
  const text = 'def area(r):\n    return \n\nprint(area(2))\n';
  writeFileSync(join(root, 'pkg', 'geometry.py'), text);
  return { root, offset: text.indexOf('return ') + 'return '.length };
}

const parsers = new Parsers(devGrammar);

async function run(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await promptCommand(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) }, { parsers });
  return { code, stdout, stderr };
}

describe('cli: prompt — the exact request body a completion would send', () => {
  const { root, offset } = workspace();
  const at = ['--root', root, '--file', 'pkg/geometry.py', '--offset', String(offset)];

  it('Ollama, a FIM model: /api/generate with prompt and suffix, num_ctx, keep_alive, stop tokens', async () => {
    const { code, stdout } = await run(...at, '--model', 'qwen2.5-coder:1.5b');
    assert.equal(code, 0);
    const body = JSON.parse(stdout);
    assert.deepEqual(Object.keys(body), ['model', 'prompt', 'suffix', 'stream', 'keep_alive', 'options']);
    assert.equal(body.prompt, 'def area(r):\n    return ');
    assert.equal(body.suffix, '\n\nprint(area(2))\n');
    assert.equal(body.stream, true);
    assert.equal(body.keep_alive, '30m');
    assert.deepEqual(Object.keys(body.options), ['num_ctx', 'temperature', 'num_predict', 'stop']);
    assert.equal(body.options.num_ctx, 8192);
    assert.ok(body.options.stop.includes('<|fim_middle|>'));
    assert.equal(stdout, JSON.stringify(body) + '\n', 'printed byte for byte as sent');
  });

  it('carries the definitions of imported names from other files, as comments with their paths', async () => {
    const ts = tempDir('fathom-prompt-ts-');
    mkdirSync(join(ts, 'src'));
    writeFileSync(join(ts, 'src', 'math.ts'), 'export function clamp(x: number, lo: number, hi: number): number {\n  return Math.min(hi, Math.max(lo, x));\n}\n');
    const app = "import { clamp } from './math';\n\nexport function brightness(value: number): number {\n  return clamp(value, 0, 1);\n}\n";
    writeFileSync(join(ts, 'src', 'app.ts'), app);
    const cursor = app.indexOf('clamp(value') + 'clamp('.length;
    const body = JSON.parse((await run('--root', ts, '--file', 'src/app.ts', '--offset', String(cursor), '--model', 'qwen2.5-coder:1.5b')).stdout);
    assert.ok(body.prompt.startsWith('// Path: src/math.ts\n// export function clamp(x: number, lo: number, hi: number): number {\n'), body.prompt);
    assert.ok(body.prompt.endsWith('// Path: src/app.ts\n' + app.slice(0, cursor)));
    // Without native FIM, Qwen reads the definition as an earlier file of the repository.
    const raw = JSON.parse((await run('--root', ts, '--file', 'src/app.ts', '--offset', String(cursor), '--model', 'qwen2.5-coder:1.5b', '--fim', 'no')).stdout);
    assert.ok(raw.prompt.startsWith(`<|repo_name|>${basename(ts)}\n<|file_sep|>src/math.ts\nexport function clamp(`), raw.prompt);
  });

  it('--fim no: the raw family template', async () => {
    const body = JSON.parse((await run(...at, '--model', 'codellama:7b-code', '--fim', 'no')).stdout);
    assert.equal(body.raw, true);
    assert.equal(body.prompt, '<PRE> def area(r):\n    return  <SUF>\n\nprint(area(2))\n <MID>');
    assert.equal(body.suffix, undefined);
  });

  it('--provider openai: /v1/completions with the raw template (the extension assumes no native FIM there)', async () => {
    const body = JSON.parse((await run(...at, '--model', 'qwen2.5-coder-7b', '--provider', 'openai')).stdout);
    assert.equal(body.prompt, '<|fim_prefix|>def area(r):\n    return <|fim_suffix|>\n\nprint(area(2))\n<|fim_middle|>');
    // A single line at this cursor: the limit the editor sends for one line, not the setting.
    assert.equal(body.max_tokens, 128);
    assert.equal(body.options, undefined);
    const fim = JSON.parse((await run(...at, '--model', 'qwen2.5-coder-7b', '--provider', 'openai', '--fim', 'yes')).stdout);
    assert.equal(fim.suffix, '\n\nprint(area(2))\n');
  });

  it('a chat-only model: the chat body with the hole and the closing-tag stop', async () => {
    const body = JSON.parse((await run(...at, '--model', 'gpt-4o-mini', '--provider', 'openai')).stdout);
    assert.equal(body.messages.at(-1).role, 'user');
    assert.match(body.messages.at(-1).content, /return <FILL_HERE>\n/);
    assert.deepEqual(body.stop, ['</COMPLETION>']);
  });

  it('reads settings from a file and takes the template setting', async () => {
    const settings = join(root, 'settings.json');
    writeFileSync(settings, JSON.stringify({ 'fathom.contextLength': 4096, 'fathom.ollama.keepAlive': '-1', 'fathom.completion.template': '{prefix}<HOLE>{suffix}{stop:<END>}' }));
    const body = JSON.parse((await run(...at, '--settings', settings)).stdout);
    assert.equal(body.options.num_ctx, 4096);
    assert.equal(body.keep_alive, -1);
    assert.equal(body.prompt, 'def area(r):\n    return <HOLE>\n\nprint(area(2))\n');
    assert.deepEqual(body.options.stop, ['<END>']);
  });

  describe('the same ignore rules and redaction as the extension', () => {
    const TOKEN = 'ghp_R8mK2vQ9xL4pT7wN3bZ6cY1dF5gH0jS8aE2u';
    const ws = tempDir('fathom-prompt-private-');
    mkdirSync(join(ws, 'src'));
    mkdirSync(join(ws, 'internal'));
    writeFileSync(join(ws, '.fathomignore'), 'internal/\n');
    writeFileSync(join(ws, 'internal', 'pricing.ts'), 'export function margin(price: number): number {\n  return price * 0.4273;\n}\n');
    writeFileSync(join(ws, '.env'), `TOKEN=${TOKEN}\n`);
    const shop = `import { margin } from '../internal/pricing';\n\nconst token = "${TOKEN}";\nexport const total = margin(`;
    writeFileSync(join(ws, 'src', 'shop.ts'), shop);
    const args = ['--root', ws, '--file', 'src/shop.ts', '--offset', String(shop.length), '--model', 'qwen2.5-coder:1.5b'];

    it('an import the root\'s .fathomignore covers is not read, and a secret in the file is redacted', async () => {
      const { code, stdout } = await run(...args);
      assert.equal(code, 0);
      const body = JSON.parse(stdout);
      assert.ok(!stdout.includes('0.4273') && !stdout.includes('margin(price'), 'nothing from internal/ is printed');
      assert.ok(!stdout.includes(TOKEN), 'the token is not printed');
      assert.match(body.prompt, /const token = "«secret:github-token:[a-z2-7]{10}»";/);
    });

    it('refuses a --file the rules cover, exit code 2', async () => {
      for (const file of ['internal/pricing.ts', '.env']) {
        const { code, stderr, stdout } = await run('--root', ws, '--file', file, '--offset', '0');
        assert.equal(code, 2, file);
        assert.match(stderr, /matches the ignore rules/);
        assert.equal(stdout, '');
      }
    });

    it('prints nothing, exit code 1, for a cursor inside a secret (the editor asks nothing there)', async () => {
      const { code, stderr, stdout } = await run('--root', ws, '--file', 'src/shop.ts', '--offset', String(shop.indexOf(TOKEN) + 6));
      assert.equal(code, 1);
      assert.match(stderr, /inside a secret/);
      assert.equal(stdout, '');
    });
  });

  it('says what is wrong with the arguments, exit code 2', async () => {
    assert.match((await run('--root', root)).stderr, /--root, --file and --offset are required/);
    assert.match((await run(...at.slice(0, 4), '--offset', '9999')).stderr, /--offset must be an integer from 0 to 41/);
    assert.match((await run(...at, '--provider', 'lmstudio')).stderr, /--provider must be ollama or openai/);
    assert.match((await run('--root', root, '--file', 'missing.py', '--offset', '0')).stderr, /cannot read missing\.py/);
    assert.match((await run(...at, '--template', '{prefix}{nope}')).stderr, /Unknown placeholder \{nope\}/);
    assert.equal((await run(...at, '--fim', 'maybe')).code, 2);
  });

  it('prints its options with --help', async () => {
    const { code, stdout } = await run('--help');
    assert.equal(code, 0);
    assert.match(stdout, /--fim yes\|no/);
  });

  it('is dispatched by the CLI entry point', async () => {
    const written: string[] = [];
    const write = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((chunk: string) => (written.push(chunk), true)) as typeof process.stdout.write;
    try {
      assert.equal(await main(['prompt', ...at, '--model', 'starcoder2:3b']), 0);
    } finally {
      process.stdout.write = write;
    }
    assert.equal(JSON.parse(written.join('')).model, 'starcoder2:3b');
  });

  describe('the printed body is what the backend posts', function () {
    this.timeout(10000);
    let server: FakeServer;
    before(async () => (server = await startFakeServer()));
    after(() => server.close());
    beforeEach(() => server.reset());

    const snapshot = atCursor('def area(r):\n    return █\n');
    const cases: Array<[ProviderKind, string, boolean]> = [
      ['ollama', 'qwen2.5-coder:1.5b', true],
      ['ollama', 'qwen2.5-coder:1.5b', false],
      ['ollama', 'llama3.2:3b', false],
      ['openai', 'qwen2.5-coder:1.5b', true],
      ['openai', 'qwen2.5-coder:1.5b', false],
      ['openai', 'llama3.2:3b', false],
    ];
    for (const [provider, model, fim] of cases) {
      it(`${provider}, ${model}, ${fim ? 'native FIM' : 'no native FIM'}`, async () => {
        const config = parseConfig(objectSource({ 'completion.provider': provider, 'completion.model': model, 'ollama.keepAlive': '10m', contextLength: 4096 }));
        const built = buildCompletionRequest({ snapshot, snippets: [], model, info: fim ? fimInfo(model) : noFimInfo(model), settings: config.completion, contextLength: config.contextLength });
        const backend = createBackend(provider, { baseUrl: provider === 'ollama' ? server.url : `${server.url}/v1`, keepAlive: config.ollama.keepAlive, contextLength: config.contextLength });
        const stream = built.kind === 'chat' ? backend.streamChat(built.request) : backend.streamCompletion(built.request);
        for await (const chunk of stream) void chunk;
        assert.equal(server.requests.length, 1);
        assert.equal(server.requests[0].rawBody, JSON.stringify(requestBody(built, provider, config)));
      });
    }
  });
});
