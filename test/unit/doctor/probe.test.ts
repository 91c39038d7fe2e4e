import * as assert from 'node:assert/strict';
import { BackendPool } from '../../../src/roles/pool';
import { objectSource, parseConfig } from '../../../src/config/settings';
import { formatReport } from '../../../src/doctor/formatReport';
import { NEXT_EDIT_OFF, runDoctor, sameModel } from '../../../src/doctor/probe';
import { doctorView } from '../../../src/doctor/view';
import { silentLogger } from '../../../src/logging/logger';
import { startFakeServer, type FakeServer } from '../../fake-server';
import { closedPortUrl } from '../backends/helpers';
import type { MachineResources } from '../../../src/roles/machine';

/** The doctor as the CLI and the panel run it: the two roles, then next-edit suggestions. */
function doctorWithNextEdit(settings: Record<string, unknown>) {
  const config = parseConfig(objectSource({ requestTimeoutMs: 2000, ...settings }));
  const pool = new BackendPool(() => config, async () => undefined, silentLogger);
  return runDoctor((role) => pool.backendFor(role), { timeoutMs: config.requestTimeoutMs }, async () => (await pool.nextEditBackend()) ?? { settings: config.nextEdit });
}

function doctorAgainst(settings: Record<string, unknown>, apiKey?: string, machine?: MachineResources) {
  const config = parseConfig(objectSource({ requestTimeoutMs: 2000, ...settings }));
  const pool = new BackendPool(() => config, async () => apiKey, silentLogger);
  return runDoctor((role) => pool.backendFor(role), { timeoutMs: config.requestTimeoutMs, ...(machine && { machine: async () => machine }) });
}

/** A 16 GB laptop without an NVIDIA GPU, and one with a 6 GB GPU and 8 GB of memory. */
const LAPTOP: MachineResources = { memoryTotalBytes: 16e9, memoryFreeBytes: 9e9 };
const SMALL_GPU: MachineResources = { memoryTotalBytes: 8e9, memoryFreeBytes: 4e9, gpu: { count: 1, totalBytes: 6e9, freeBytes: 5.5e9 } };

describe('doctor probe', () => {
  let server: FakeServer;
  before(async () => (server = await startFakeServer()));
  after(() => server.close());
  beforeEach(() => server.reset());

  it('reports a healthy Ollama: version, models, FIM, context length and latency for each role', async () => {
    const report = await doctorAgainst({ 'ollama.baseUrl': server.url });
    assert.equal(report.ok, true, formatReport(report));
    const [completion, chat] = report.roles;
    assert.equal(completion.role, 'completion');
    assert.equal(completion.reachable, true);
    assert.ok(completion.version);
    assert.equal(completion.modelPresent, true);
    assert.equal(completion.info?.supportsFim, true);
    assert.equal(completion.info?.contextLength, 32768);
    assert.ok(completion.latency && completion.latency.chunks > 0);
    assert.equal(chat.model, 'qwen2.5-coder:7b');
    // The latency test of the completion role is a real FIM request; the chat role's a chat request.
    assert.ok(server.requests.some((r) => r.endpoint === 'ollama.generate' && (r.body as { suffix?: string }).suffix === '\n'));
    assert.ok(server.requests.some((r) => r.endpoint === 'ollama.chat'));
    const text = formatReport(report);
    assert.match(text, /completion: Ollama at http:\/\/127\.0\.0\.1:\d+ \(version [\d.]+\), model qwen2\.5-coder:1\.5b/);
    assert.match(text, /fill-in-the-middle: yes; context length: 32768 tokens/);
    assert.match(text, /latency: first token \d+ ms/);
    assert.match(text, /All checks passed\./);
  });

  it('offers Start Ollama only for a server on this machine: one elsewhere that does not answer gets Open Settings', async () => {
    // A name under .invalid never resolves: unreachable, like a team server that is down.
    const report = await doctorAgainst({ 'ollama.baseUrl': 'http://fathom-doctor-test.invalid:11434', requestTimeoutMs: 1000 });
    for (const role of report.roles) {
      assert.equal(role.reachable, false);
      assert.match(role.problems[0].message, /not reachable/);
      assert.equal(role.problems[0].fix, 'openSettings', `${role.role}: starting Ollama here cannot reach ${role.baseUrl}`);
    }
  });

  it('says Ollama is not reachable, with what to do, when nothing listens', async () => {
    const url = await closedPortUrl();
    const report = await doctorAgainst({ 'ollama.baseUrl': url });
    assert.equal(report.ok, false);
    for (const role of report.roles) {
      assert.equal(role.reachable, false);
      assert.equal(role.problems[0].fix, 'startOllama');
      assert.match(role.problems[0].message, new RegExp(`Ollama is not reachable at ${url}.*ollama serve`));
    }
  });

  it('finds a missing model and offers to pull it', async () => {
    const report = await doctorAgainst({ 'ollama.baseUrl': server.url, 'completion.model': 'starcoder2:3b' });
    const completion = report.roles[0];
    assert.equal(completion.reachable, true);
    assert.equal(completion.modelPresent, false);
    assert.equal(completion.problems[0].fix, 'pullModel');
    assert.match(completion.problems[0].message, /ollama pull starcoder2:3b/);
    assert.equal(report.roles[1].problems.length, 0);
  });

  it('warns when the completion model cannot fill in the middle', async () => {
    const report = await doctorAgainst({ 'ollama.baseUrl': server.url, 'completion.model': 'llama3.2:3b' });
    const completion = report.roles[0];
    assert.equal(completion.info?.supportsFim, false);
    assert.match(completion.problems[0].message, /cannot fill in the middle/);
    assert.equal(completion.problems[0].fix, 'selectModel');
    assert.ok(completion.latency, 'still measures latency through chat');
  });

  it('probes an OpenAI-compatible server and asks for a key when it refuses', async () => {
    const locked = await startFakeServer({ apiKey: 'sk-test-123' });
    try {
      const settings = { 'completion.provider': 'openai', 'chat.provider': 'openai', 'openai.baseUrl': `${locked.url}/v1` };
      const refused = await doctorAgainst(settings);
      assert.equal(refused.roles[0].problems[0].fix, 'setApiKey');
      const accepted = await doctorAgainst(settings, 'sk-test-123');
      assert.equal(accepted.roles[1].reachable, true);
      assert.equal(accepted.roles[1].modelPresent, true);
      assert.ok(locked.requests.every((r) => !r.headers.authorization || r.headers.authorization === 'Bearer sk-test-123'));
      assert.doesNotMatch(formatReport(refused), /sk-test-123/);
    } finally {
      await locked.close();
    }
  });

  it('in local-only mode, reports that it refuses a remote server instead of probing it (nothing is sent)', async () => {
    // 0.0.0.0 reaches the fake server but is not a loopback address: the zero requests are the rule's doing.
    const remote = server.url.replace('127.0.0.1', '0.0.0.0');
    const report = await doctorAgainst({ 'ollama.baseUrl': remote, 'chat.provider': 'openai', 'openai.baseUrl': `${remote}/v1`, localOnly: true }, 'sk-never-sent-123456');
    assert.equal(server.requests.length, 0);
    assert.equal(report.ok, false);
    for (const role of report.roles) {
      assert.equal(role.refused, 'localOnly');
      assert.equal(role.reachable, false);
      assert.equal(role.models, undefined);
      assert.equal(role.problems.length, 1);
      assert.equal(role.problems[0].fix, 'openSettings');
      assert.match(role.problems[0].message, new RegExp(`^Local-only mode refuses ${remote.replace(/[.]/g, '\\.')}: it is not on this machine`));
    }
    const [completion] = doctorView(report).roles;
    assert.equal(completion.checks[0].detail, `Ollama at ${remote}: not contacted — local-only mode refuses it`);
    assert.equal(completion.checks[0].status, 'fail');
    assert.match(formatReport(report), /✗ Local-only mode refuses http:\/\/0\.0\.0\.0:\d+/);
  });

  it('reports a redirect to another server as refused, and the other server gets nothing', async () => {
    const other = await startFakeServer();
    try {
      server.reply(() => ({ redirect: { status: 307, location: `${other.url}/api/version` } }));
      const report = await doctorAgainst({ 'ollama.baseUrl': server.url });
      assert.equal(report.roles[0].refused, 'redirect');
      assert.equal(report.roles[0].problems[0].message.startsWith(`The server at ${server.url} redirected to ${other.url}; Fathom does not follow redirects to another server.`), true);
      assert.equal(other.requests.length, 0);
    } finally {
      await other.close();
    }
  });

  it('next-edit suggestions off: an informational line with a button to the setting, and the report still passes', async () => {
    const report = await doctorWithNextEdit({ 'ollama.baseUrl': server.url });
    assert.equal(report.ok, true);
    assert.deepEqual(report.roles.map((r) => r.role), ['completion', 'chat', 'nextEdit']);
    const nextEdit = report.roles[2];
    assert.equal(nextEdit.off, true);
    assert.deepEqual(nextEdit.problems, []);
    assert.deepEqual(nextEdit.notes, [{ message: 'Next edit suggestions: off — set fathom.nextEdit.model (e.g. zeta, or any chat model)', fix: 'openNextEditSetting' }]);
    assert.match(formatReport(report), /\nNext edit suggestions: off — set fathom\.nextEdit\.model \(e\.g\. zeta, or any chat model\)\n[\s\S]*All checks passed\./);
    const view = doctorView(report).roles[2];
    assert.equal(view.title, 'Next edit suggestions');
    assert.deepEqual(view.notes, [{ message: NEXT_EDIT_OFF, fix: { action: 'openNextEditSetting', label: 'Open Setting', role: 'nextEdit' } }]);
    assert.equal(doctorView(report).ok, true);
  });

  it('next-edit suggestions on: probes their own server and model like the chat role', async () => {
    const own = await startFakeServer();
    try {
      // The main roles' server is down; next-edit has its own endpoint, and that is the one probed.
      const down = await closedPortUrl();
      const report = await doctorWithNextEdit({ 'ollama.baseUrl': down, 'nextEdit.model': 'qwen2.5-coder:7b', 'nextEdit.baseUrl': own.url });
      const nextEdit = report.roles[2];
      assert.equal(nextEdit.role, 'nextEdit');
      assert.equal(nextEdit.baseUrl, own.url);
      assert.equal(nextEdit.reachable, true);
      assert.equal(nextEdit.modelPresent, true);
      assert.ok(nextEdit.latency && nextEdit.latency.chunks > 0);
      assert.deepEqual(nextEdit.problems, []);
      assert.ok(own.requests.some((r) => r.endpoint === 'ollama.chat'), 'a chat request measures its speed');
      assert.match(formatReport(report), new RegExp(`nextEdit: Ollama at ${own.url.replace(/[.]/g, '\\.')} \\(version [\\d.]+\\), model qwen2\\.5-coder:7b`));
      assert.deepEqual(doctorView(report).roles[2].checks.map((c) => [c.label, c.status]), [['Server', 'ok'], ['Model', 'ok'], ['Context length', 'ok'], ['Speed', 'ok']]);
    } finally {
      await own.close();
    }
  });

  it('a server per role: each role is probed on its own server, each server once, and the view lists the servers with their roles', async () => {
    const chatServer = await startFakeServer();
    try {
      const down = await closedPortUrl();
      const report = await doctorWithNextEdit({ 'ollama.baseUrl': down, 'completion.baseUrl': server.url, 'chat.baseUrl': chatServer.url, 'nextEdit.model': 'qwen2.5-coder:7b', 'nextEdit.baseUrl': chatServer.url });
      assert.equal(report.ok, true, formatReport(report));
      assert.deepEqual(report.roles.map((r) => [r.role, r.baseUrl]), [['completion', server.url], ['chat', chatServer.url], ['nextEdit', chatServer.url]]);
      assert.equal(chatServer.requests.filter((r) => r.endpoint === 'ollama.version').length, 1, 'chat and next edit share one check of their server');
      assert.equal(chatServer.requests.filter((r) => r.endpoint === 'ollama.tags').length, 1);
      assert.ok(!server.requests.some((r) => r.endpoint === 'ollama.chat'), 'the completion server got no chat request');
      assert.deepEqual(report.servers?.map((s) => [s.baseUrl, s.roles, s.reachable]), [[server.url, ['completion'], true], [chatServer.url, ['chat', 'nextEdit'], true]]);
      const section = doctorView(report).sections.find((s) => s.id === 'servers');
      assert.equal(section?.title, 'Servers (2)');
      assert.deepEqual(section?.checks.map((c) => [c.label, c.status]), [['Completions', 'ok'], ['Chat and commands, Next edit suggestions', 'ok']]);
      assert.match(section!.checks[1].detail, new RegExp(`^Ollama at ${chatServer.url.replace(/[.]/g, '\\.')}, version [\\d.]+: reachable, \\d+ models$`));
    } finally {
      await chatServer.close();
    }
  });

  it('a server per role: a failure shows on the role that uses the failed server only, naming its setting', async () => {
    const down = await closedPortUrl();
    const report = await doctorWithNextEdit({ 'ollama.baseUrl': server.url, 'chat.baseUrl': down });
    assert.equal(report.ok, false);
    const [completion, chat] = report.roles;
    assert.deepEqual(completion.problems, []);
    assert.equal(chat.problems.length, 1);
    assert.match(chat.problems[0].message, new RegExp(`Ollama is not reachable at ${down}.*set "fathom\\.chat\\.baseUrl" to where it runs`));
    const view = doctorView(report);
    assert.deepEqual(view.roles.map((r) => [r.title, r.problems.length]), [['Completions', 0], ['Chat and commands', 1], ['Next edit suggestions', 0]]);
    assert.deepEqual(view.sections.find((s) => s.id === 'servers')?.checks.map((c) => [c.label, c.status]), [['Completions', 'ok'], ['Chat and commands', 'fail']]);
    assert.equal(view.sections.find((s) => s.id === 'servers')?.checks[1].detail, `Ollama at ${down}: not reachable`);
  });

  it('next-edit model missing: a problem that fails the report, with a fix to pull it', async () => {
    const report = await doctorWithNextEdit({ 'ollama.baseUrl': server.url, 'nextEdit.model': 'zeta:7b' });
    assert.equal(report.ok, false);
    const nextEdit = report.roles[2];
    assert.equal(nextEdit.modelPresent, false);
    assert.equal(nextEdit.problems[0].fix, 'pullModel');
    assert.deepEqual(doctorView(report).roles[2].problems[0].fix, { action: 'pullModel', label: 'Pull zeta:7b', role: 'nextEdit', model: 'zeta:7b' });
  });

  it('models on this machine: each model\'s size, fit and measured speed, and the recommendations for the roles on that server', async () => {
    const report = await doctorAgainst({ 'ollama.baseUrl': server.url, 'chat.model': 'llama3.2:3b' }, undefined, SMALL_GPU);
    assert.deepEqual(report.machine, SMALL_GPU);
    const choice = report.servers?.[0].choice;
    assert.ok(choice, formatReport(report));
    assert.equal(choice.kind, 'local');
    // 6 GB × 0.9 of GPU (5.4 GB): the 7B (4.7 GB × 1.1 + 0.5 GB) does not fit there, but in GPU and memory together.
    assert.deepEqual(choice.models.map((m) => [m.name, m.fit]), [['qwen2.5-coder:1.5b', 'gpu'], ['qwen2.5-coder:7b', 'memory'], ['llama3.2:3b', 'gpu']]);
    assert.equal(choice.completion, 'qwen2.5-coder:1.5b');
    assert.equal(choice.chat, 'llama3.2:3b', 'the largest chat model in the GPU beside the completion model');
    // Measured: the two models the roles use, by the doctor's tiny generations; the third is not measured.
    const speeds = Object.fromEntries(choice.models.map((m) => [m.name, m.speed?.firstTokenMs]));
    assert.equal(speeds['qwen2.5-coder:1.5b'], report.roles[0].latency?.firstTokenMs);
    assert.equal(speeds['llama3.2:3b'], report.roles[1].latency?.firstTokenMs);
    assert.equal(speeds['qwen2.5-coder:7b'], undefined);
    const text = formatReport(report);
    assert.ok(text.includes(`Models on this machine — Ollama at ${server.url}:\n  memory 8.0 GB (4.0 GB free); GPU memory 6.0 GB (5.5 GB free)\n`), text);
    assert.match(text, / {2}✓ qwen2\.5-coder:1\.5b: 1\.0 GB · fits in GPU memory · loaded in system memory \(CPU\) · fills in the middle · first token \d+ ms/);
    assert.match(text, / {2}✓ qwen2\.5-coder:7b: 4\.7 GB · fits in GPU and system memory together \(slower than in the GPU alone\) · fills in the middle · not measured/);
    assert.match(text, /→ recommended completion model: qwen2\.5-coder:1\.5b \(in use\)/);
    assert.match(text, /→ recommended chat model: llama3\.2:3b \(in use\)/);
  });

  it('models on this machine: a model not in use gets a button that opens Select Model with it; too big is said, not failed', async () => {
    const report = await doctorAgainst({ 'ollama.baseUrl': server.url, 'completion.model': 'qwen2.5-coder:7b' }, undefined, { memoryTotalBytes: 5e9, memoryFreeBytes: 2e9 });
    assert.equal(report.ok, true, 'a model too big for this machine is information, not a problem');
    const view = doctorView(report);
    const section = view.sections.find((s) => s.id === 'models');
    assert.ok(section);
    const checks = Object.fromEntries(section.checks.map((c) => [c.label, [c.status, c.detail]]));
    assert.deepEqual(checks['qwen2.5-coder:7b'], ['skip', "4.7 GB · too big for this machine's 5.0 GB · loaded in system memory (CPU) · fills in the middle · first token " + report.roles[0].latency?.firstTokenMs + ' ms' + (report.roles[0].latency?.tokensPerSecond !== undefined ? `, ${report.roles[0].latency?.tokensPerSecond} tokens/s` : '')]);
    assert.deepEqual(checks['Recommended completion model'], ['ok', 'qwen2.5-coder:1.5b — not in use; Select Model to use it']);
    // 3 GB of memory for models: nothing fits beside the 1.5B, and the 3B (2.0 GB) fits alone.
    assert.deepEqual(checks['Recommended chat model'], ['ok', 'llama3.2:3b — not in use; Select Model to use it']);
    assert.deepEqual(section.actions, [
      { label: 'Use qwen2.5-coder:1.5b for completions', role: 'completion', model: 'qwen2.5-coder:1.5b' },
      { label: 'Use llama3.2:3b for chat', role: 'chat', model: 'llama3.2:3b' },
    ]);
  });

  it('models on this machine: Ollama\'s loaded models (/api/ps) say how much sits in GPU memory; one wholly there fits the GPU', async () => {
    const gpu = await startFakeServer({ vramShare: 1 });
    try {
      const report = await doctorAgainst({ 'ollama.baseUrl': gpu.url }, undefined, LAPTOP);
      const choice = report.servers?.[0].choice;
      assert.deepEqual(choice?.models.map((m) => [m.name, m.fit]), [['qwen2.5-coder:1.5b', 'gpu'], ['qwen2.5-coder:7b', 'gpu'], ['llama3.2:3b', 'memory']], 'the two models the roles ran are loaded wholly in GPU memory');
      assert.match(formatReport(report), /✓ qwen2\.5-coder:7b: 4\.7 GB · fits in GPU memory · loaded, all in GPU memory · fills in the middle · first token/);
      assert.equal(gpu.requests.filter((r) => r.endpoint === 'ollama.ps').length, 1, 'asked once, after the roles\' generations');
    } finally {
      await gpu.close();
    }
  });

  it('models on this machine: an OpenAI-compatible server reports no sizes, so nothing is recommended by size', async () => {
    const report = await doctorAgainst({ 'completion.provider': 'openai', 'chat.provider': 'openai', 'openai.baseUrl': `${server.url}/v1` }, undefined, LAPTOP);
    assert.equal(report.servers?.[0].choice?.kind, 'noSizes');
    const section = doctorView(report).sections.find((s) => s.id === 'models');
    assert.deepEqual(section?.checks.map((c) => [c.label, c.detail]), [
      ['This machine', 'memory 16.0 GB (9.0 GB free); no GPU memory reported (nvidia-smi)'],
      ['Sizes', 'sizes are not reported by this server, so nothing is recommended by size'],
    ]);
    assert.equal(section?.actions, undefined);
    assert.match(formatReport(report), /ℹ sizes are not reported by this server/);
  });

  it('models on this machine: without the machine read (a caller that does not ask), no section', async () => {
    const report = await doctorAgainst({ 'ollama.baseUrl': server.url });
    assert.equal(report.servers?.[0].choice, undefined);
    assert.equal(doctorView(report).sections.find((s) => s.id === 'models'), undefined);
    assert.doesNotMatch(formatReport(report), /Models on this machine/);
  });

  it('treats "name" and "name:latest" as one Ollama model', () => {
    assert.ok(sameModel('ollama', 'llama3:latest', 'llama3'));
    assert.ok(!sameModel('ollama', 'llama3:8b', 'llama3'));
    assert.ok(!sameModel('openai', 'gpt-4o:latest', 'gpt-4o'));
  });
});
