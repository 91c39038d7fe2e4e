import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { startFakeServer, type FakeServer } from '../../fake-server';
import { closedPortUrl } from '../backends/helpers';
import { tempDir } from '../tempTree';

const CLI = resolve(__dirname, '../../../dist/cli.js');
const run = promisify(execFile);

/** Runs the built CLI as a user would; resolves with its output and exit code. */
async function cli(...args: string[]): Promise<{ stdout: string; stderr: string; code: number }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [CLI, ...args], { env: { ...process.env, FATHOM_API_KEY: '', OPENAI_API_KEY: '' } });
    return { stdout, stderr, code: 0 };
  } catch (e) {
    const error = e as { stdout: string; stderr: string; code: number };
    return { stdout: error.stdout, stderr: error.stderr, code: error.code };
  }
}

describe('cli: node dist/cli.js doctor', function () {
  this.timeout(20000);
  let server: FakeServer;
  before(async function () {
    assert.ok(existsSync(CLI), 'dist/cli.js is missing: run "npm run build" first (npm run test:unit does)');
    server = await startFakeServer();
  });
  after(() => server.close());

  it('prints a correct report against the fake server and exits 0', async () => {
    const { stdout, code } = await cli('doctor', '--ollama-url', server.url);
    assert.equal(code, 0, stdout);
    assert.match(stdout, /completion: Ollama at .* model qwen2\.5-coder:1\.5b/);
    assert.match(stdout, /chat: Ollama at .* model qwen2\.5-coder:7b/);
    assert.match(stdout, /✓ model qwen2\.5-coder:1\.5b is available/);
    assert.match(stdout, /fill-in-the-middle: yes/);
    assert.match(stdout, /latency: first token \d+ ms/);
    assert.match(stdout, /^Next edit suggestions: off — set fathom\.nextEdit\.model \(e\.g\. zeta, or any chat model\)$/m);
  });

  it('prints the models on this machine: each with its size, fit and measured speed, and the two recommendations', async () => {
    const { stdout, code } = await cli('doctor', '--ollama-url', server.url);
    assert.equal(code, 0, stdout);
    const at = server.url.replace(/[.]/g, '\\.');
    // The real machine: its memory, and a GPU only where nvidia-smi answers.
    assert.match(stdout, new RegExp(`^Models on this machine — Ollama at ${at}:\n  memory \\d+\\.\\d GB \\(\\d+\\.\\d GB free\\); (GPU memory|no GPU memory reported)`, 'm'));
    // Measured: the completion model (1.5B) and the chat model (7B), which the fake then lists as loaded (/api/ps); the 3B is not.
    assert.match(stdout, /^ {2}[✓–] qwen2\.5-coder:1\.5b: 1\.0 GB · (fits in GPU memory|fits in memory|fits in GPU and system memory together[^·]*|too big [^·]*) · loaded [^·]+ · fills in the middle · first token \d+ ms/m);
    assert.match(stdout, /^ {2}[✓–] qwen2\.5-coder:7b: 4\.7 GB · .* · fills in the middle · first token \d+ ms/m);
    assert.match(stdout, /^ {2}[✓–] llama3\.2:3b: 2\.0 GB · [^·]+ · not measured$/m);
    // Any machine that runs the tests has the 3 GB of memory the 1.5B needs.
    assert.match(stdout, /^ {2}→ recommended completion model: qwen2\.5-coder:1\.5b \(in use\)$/m);
    assert.match(stdout, /^ {2}→ recommended chat model: \S+/m);
  });

  it('says "Ollama is not reachable at …" with what to do against a closed port, exit code ≠ 0', async () => {
    const url = await closedPortUrl();
    const { stdout, code } = await cli('doctor', '--ollama-url', url);
    assert.notEqual(code, 0);
    assert.match(stdout, new RegExp(`Ollama is not reachable at ${url}\\. Start it with "ollama serve"`));
  });

  it('prints JSON with --json, and reads settings from a file', async () => {
    const settings = join(tempDir('fathom-cli-'), 'settings.json');
    writeFileSync(settings, JSON.stringify({ 'fathom.ollama.baseUrl': server.url, 'fathom.completion.model': 'nope:1b' }));
    const { stdout, code } = await cli('doctor', '--json', '--settings', settings);
    assert.equal(code, 1);
    const report = JSON.parse(stdout);
    assert.equal(report.ok, false);
    assert.equal(report.roles[0].baseUrl, server.url);
    assert.equal(report.roles[0].modelPresent, false);
    assert.equal(report.roles[1].modelPresent, true);
    assert.deepEqual(report.roles[2], { role: 'nextEdit', provider: 'ollama', baseUrl: '', model: '', reachable: false, problems: [], off: true, notes: [{ message: 'Next edit suggestions: off — set fathom.nextEdit.model (e.g. zeta, or any chat model)', fix: 'openNextEditSetting' }] });
  });

  it('probes the next-edit model on its own server when fathom.nextEdit.model is set (--json too)', async () => {
    const settings = join(tempDir('fathom-cli-'), 'settings.json');
    writeFileSync(settings, JSON.stringify({ 'fathom.ollama.baseUrl': server.url, 'fathom.nextEdit.model': 'qwen2.5-coder:7b', 'fathom.nextEdit.baseUrl': server.url }));
    const { stdout, code } = await cli('doctor', '--json', '--settings', settings);
    assert.equal(code, 0, stdout);
    const nextEdit = JSON.parse(stdout).roles[2];
    assert.equal(nextEdit.role, 'nextEdit');
    assert.equal(nextEdit.reachable, true);
    assert.equal(nextEdit.modelPresent, true);
    const text = await cli('doctor', '--settings', settings);
    assert.match(text.stdout, /nextEdit: Ollama at .* model qwen2\.5-coder:7b\n {2}✓ reachable/);
  });

  it('with --local-only, says it refuses a server not on this machine instead of probing it, and sends nothing', async () => {
    server.reset();
    // 0.0.0.0 reaches the fake server but is not a loopback address.
    const remote = server.url.replace('127.0.0.1', '0.0.0.0');
    const { stdout, code } = await cli('doctor', '--local-only', '--ollama-url', remote);
    assert.equal(code, 1);
    assert.match(stdout, new RegExp(`✗ Local-only mode refuses ${remote.replace(/\./g, '\\.')}: it is not on this machine`));
    assert.equal(server.requests.length, 0);
  });

  it('checks each distinct server once: both roles on one server ask its version and model list once', async () => {
    server.reset();
    const { stdout, code } = await cli('doctor', '--ollama-url', server.url);
    assert.equal(code, 0, stdout);
    assert.equal(server.requests.filter((r) => r.endpoint === 'ollama.version').length, 1);
    assert.equal(server.requests.filter((r) => r.endpoint === 'ollama.tags').length, 1);
    assert.match(stdout, new RegExp(`^servers \\(each checked once\\):\n {2}✓ Ollama at ${server.url.replace(/\./g, '\\.')} \\(version [\\d.]+\\) — completion, chat: reachable, \\d+ model\\(s\\)$`, 'm'));
  });

  it('honours fathom.completion.baseUrl and fathom.chat.baseUrl: each server receives only its own role\'s requests', async () => {
    const chatServer = await startFakeServer();
    try {
      server.reset();
      const settings = join(tempDir('fathom-cli-'), 'settings.json');
      // The provider URLs point nowhere: only the roles' own URLs may be asked.
      writeFileSync(settings, JSON.stringify({
        'fathom.ollama.baseUrl': await closedPortUrl(),
        'fathom.openai.baseUrl': await closedPortUrl(),
        'fathom.completion.baseUrl': server.url,
        'fathom.chat.provider': 'openai',
        'fathom.chat.baseUrl': `${chatServer.url}/v1`,
      }));
      const { stdout, code } = await cli('doctor', '--settings', settings);
      assert.equal(code, 0, stdout);
      assert.match(stdout, new RegExp(`^completion: Ollama at ${server.url.replace(/\./g, '\\.')} .*model qwen2\\.5-coder:1\\.5b$`, 'm'));
      assert.match(stdout, new RegExp(`^chat: OpenAI-compatible server at ${chatServer.url.replace(/\./g, '\\.')}/v1, model qwen2\\.5-coder:7b$`, 'm'));
      assert.match(stdout, /— completion: reachable/);
      assert.match(stdout, /— chat: reachable/);
      // Server A saw the completion role only (its model, Ollama's API); server B the chat role only.
      const models = (s: FakeServer) => new Set(s.requests.map((r) => (r.body as { model?: string } | undefined)?.model).filter(Boolean));
      assert.ok(server.requests.length > 0 && server.requests.every((r) => r.endpoint.startsWith('ollama.')), server.requests.map((r) => r.endpoint).join());
      assert.deepEqual([...models(server)], ['qwen2.5-coder:1.5b']);
      assert.ok(server.requests.some((r) => r.endpoint === 'ollama.generate'));
      assert.ok(chatServer.requests.length > 0 && chatServer.requests.every((r) => r.endpoint.startsWith('openai.')), chatServer.requests.map((r) => r.endpoint).join());
      assert.deepEqual([...models(chatServer)], ['qwen2.5-coder:7b']);
      assert.ok(chatServer.requests.some((r) => r.endpoint === 'openai.chat'));
      // The same with flags instead of a settings file.
      const flags = await cli('doctor', '--json', '--ollama-url', await closedPortUrl(), '--completion-url', server.url, '--chat-url', chatServer.url);
      const report = JSON.parse(flags.stdout);
      assert.deepEqual(report.servers.map((s: { baseUrl: string; roles: string[] }) => [s.baseUrl, s.roles]), [[server.url, ['completion']], [chatServer.url, ['chat']]]);
    } finally {
      await chatServer.close();
    }
  });

  it('says which role a failure concerns when only the chat server is down', async () => {
    const down = await closedPortUrl();
    const { stdout, code } = await cli('doctor', '--ollama-url', server.url, '--chat-url', down);
    assert.equal(code, 1);
    assert.match(stdout, new RegExp(`✗ Ollama at ${down} — chat: Ollama is not reachable at ${down}\\..*or set "fathom\\.chat\\.baseUrl" to where it runs`));
    assert.match(stdout, new RegExp(`^chat: Ollama at ${down}, model qwen2\\.5-coder:7b\n {2}✗ Ollama is not reachable`, 'm'));
    assert.match(stdout, /^completion: Ollama at .*\n {2}✓ reachable/m);
  });

  it('explains its usage for an unknown command', async () => {
    const { stderr, code } = await cli('frobnicate');
    assert.equal(code, 2);
    assert.match(stderr, /Unknown command "frobnicate"/);
    assert.match(stderr, /doctor/);
  });
});
