import * as assert from 'node:assert/strict';
import { NEXT_EDIT_OFF, type RoleReport } from '../../../src/doctor/probe';
import { doctorView, fixLabel } from '../../../src/doctor/view';
import { doctorHtml } from '../../../src/vscode/doctor/html';
import { DoctorPage } from '../../../src/webview/doctor/doctorView';
import type { FromDoctor } from '../../../src/webview/doctor/protocol';
import { parseFromDoctor } from '../../../src/webview/doctor/protocol';
import { newWindow } from '../webview/dom';
import { chooseModels } from '../../../src/roles/modelFit';
import { DOCTOR_LABELS_EN } from '../../../src/webview/labels';

const healthy = (role: RoleReport['role'], model: string): RoleReport => ({
  role,
  provider: 'ollama',
  baseUrl: 'http://127.0.0.1:11434',
  model,
  reachable: true,
  version: '0.12.6',
  models: [{ name: model }],
  modelPresent: true,
  info: { name: model, contextLength: 32768, supportsFim: true },
  latency: { firstTokenMs: 120, totalMs: 400, chunks: 10, tokensPerSecond: 32.5 },
  problems: [],
});

const down: RoleReport = {
  role: 'completion',
  provider: 'ollama',
  baseUrl: 'http://127.0.0.1:11434',
  model: 'qwen2.5-coder:1.5b',
  reachable: false,
  problems: [{ message: 'Ollama is not reachable at http://127.0.0.1:11434. Start it with "ollama serve".', fix: 'startOllama' }],
};

const missing: RoleReport = {
  ...healthy('chat', 'codellama:7b'),
  modelPresent: false,
  info: undefined,
  latency: undefined,
  problems: [{ message: 'Ollama does not have the model "codellama:7b".', fix: 'pullModel' }],
};

const noFim: RoleReport = {
  ...healthy('completion', 'llama3.2:3b'),
  info: { name: 'llama3.2:3b', contextLength: undefined, supportsFim: false },
  problems: [{ message: '"llama3.2:3b" cannot fill in the middle on this server.', fix: 'selectModel' }],
};

describe('doctor: the report as the Doctor panel shows it', () => {
  it('a healthy setup: every check ok, with server, model, FIM, context and speed', () => {
    const view = doctorView({ roles: [healthy('completion', 'qwen2.5-coder:1.5b'), healthy('chat', 'qwen2.5-coder:7b')], ok: true });
    assert.equal(view.ok, true);
    assert.equal(view.summary, 'All checks passed: Fathom is ready.');
    assert.deepEqual(view.roles[0].checks.map((c) => [c.label, c.status]), [['Server', 'ok'], ['Model', 'ok'], ['Fill in the middle', 'ok'], ['Context length', 'ok'], ['Speed', 'ok']]);
    assert.deepEqual(view.roles[1].checks.map((c) => c.label), ['Server', 'Model', 'Context length', 'Speed'], 'FIM only matters for completions');
    assert.match(view.roles[0].checks[4].detail, /first token after 120 ms, 32\.5 tokens\/s/);
    assert.match(view.text, /^Fathom doctor/);
  });

  it('a remote window: a card says where 127.0.0.1 is — a warning while the server there does not answer', () => {
    const remote = 'http://127.0.0.1:11434 is on the SSH host, where VS Code runs Fathom in this window — not on this computer.';
    const failing = doctorView({ roles: [down], ok: false, remote });
    assert.deepEqual(failing.sections.find((s) => s.id === 'remote')?.checks, [{ label: 'Where Fathom runs', detail: remote, status: 'warn' }]);
    assert.match(failing.text, /Remote window: http:\/\/127\.0\.0\.1:11434 is on the SSH host/);
    const answering = doctorView({ roles: [healthy('completion', 'qwen2.5-coder:1.5b')], ok: true, remote });
    assert.equal(answering.sections.find((s) => s.id === 'remote')?.checks[0].status, 'ok');
    assert.equal(doctorView({ roles: [down], ok: false }).sections.find((s) => s.id === 'remote'), undefined, 'no card in a local window');
  });

  it('server down: the server check fails, the model is not checked, the fix starts Ollama', () => {
    const view = doctorView({ roles: [down], ok: false });
    assert.deepEqual(view.roles[0].checks.map((c) => [c.label, c.status]), [['Server', 'fail'], ['Model', 'skip']]);
    assert.deepEqual(view.roles[0].problems[0].fix, { action: 'startOllama', label: 'Start Ollama', role: 'completion' });
    assert.equal(view.summary, '1 problem found. Each has a button that fixes it; then run the checks again.');
  });

  it('model missing: the fix pulls exactly that model', () => {
    const view = doctorView({ roles: [missing], ok: false });
    assert.deepEqual(view.roles[0].checks.map((c) => [c.label, c.status]), [['Server', 'ok'], ['Model', 'fail']]);
    assert.deepEqual(view.roles[0].problems[0].fix, { action: 'pullModel', label: 'Pull codellama:7b', role: 'chat', model: 'codellama:7b' });
  });

  it('no fill-in-the-middle: a warning and a Select Model fix; an unreported context is a warning too', () => {
    const view = doctorView({ roles: [noFim], ok: false });
    const checks = Object.fromEntries(view.roles[0].checks.map((c) => [c.label, c.status]));
    assert.equal(checks['Fill in the middle'], 'warn');
    assert.equal(checks['Context length'], 'warn');
    assert.equal(view.roles[0].problems[0].fix?.label, 'Select Model');
  });

  it('labels every fix action', () => {
    assert.deepEqual(['startOllama', 'pullModel', 'setApiKey', 'openSettings', 'selectModel'].map((a) => fixLabel(a as never)), ['Start Ollama', 'Pull Model', 'Set API Key', 'Open Settings', 'Select Model']);
  });
});

describe('doctor: the panel page', () => {
  function page() {
    const window = newWindow(doctorHtml({ cspSource: 'https://x', scriptUri: 'https://x/doctor.js', styleUri: 'https://x/doctor.css', resourceOrigin: '', nonce: 'N', title: 'Fathom Doctor' }));
    const sent: FromDoctor[] = [];
    let state: unknown;
    const host = { postMessage: (m: FromDoctor) => sent.push(m), getState: () => state, setState: (s: unknown) => (state = s) };
    const p = new DoctorPage(window.document, host);
    const click = (el: Element) => el.dispatchEvent(new window.MouseEvent('click', { bubbles: true }));
    return { window, sent, p, click, $: (sel: string) => window.document.querySelector(sel)!, host };
  }

  it('shows each role’s checks and a fix button per problem; the button asks the extension to fix it', () => {
    const { p, $, click, sent, window } = page();
    p.receive({ type: 'report', view: doctorView({ roles: [down, missing], ok: false }) });
    assert.equal(window.document.body.dataset.state, 'problems');
    assert.equal(window.document.querySelectorAll('section.role').length, 2);
    assert.equal($('section[data-role="chat"] button.fix').textContent, 'Pull codellama:7b');
    click($('section[data-role="chat"] button.fix'));
    assert.deepEqual(sent, [{ type: 'fix', role: 'chat', action: 'pullModel' }]);
    click($('#rerun'));
    click($('#copy'));
    assert.deepEqual(sent.slice(1), [{ type: 'rerun' }, { type: 'copy' }]);
  });

  it('while the checks run, the buttons wait; messages from the server stay text', () => {
    const { p, $, click, sent, window } = page();
    const hostile: RoleReport = { ...down, problems: [{ message: '<img src=x onerror="alert(1)">', fix: 'openSettings' }] };
    p.receive({ type: 'report', view: doctorView({ roles: [hostile], ok: false }) });
    assert.equal(window.document.querySelectorAll('img').length, 0);
    assert.match($('.problem p').textContent ?? '', /<img src=x/);
    p.receive({ type: 'running' });
    assert.equal(($('button.fix') as HTMLButtonElement).disabled, true);
    click($('button.fix'));
    assert.deepEqual(sent, []);
  });

  it('models on this machine: a card per server with its models, and a button per recommendation that asks for Select Model with it', () => {
    const { p, $, click, sent, window } = page();
    const report = {
      roles: [healthy('completion', 'qwen2.5-coder:7b'), healthy('chat', 'qwen2.5-coder:7b')],
      servers: [
        {
          provider: 'ollama' as const,
          baseUrl: 'http://127.0.0.1:11434',
          roles: ['completion' as const, 'chat' as const],
          reachable: true,
          models: 2,
          choice: chooseModels({
            baseUrl: 'http://127.0.0.1:11434',
            models: [{ name: 'qwen2.5-coder:1.5b', sizeBytes: 986_062_089 }, { name: 'qwen2.5-coder:7b', sizeBytes: 4_683_087_332 }, { name: '<b>llama</b>:70b', sizeBytes: 42e9 }],
            machine: { memoryTotalBytes: 16e9, memoryFreeBytes: 8e9 },
            measured: [{ model: 'qwen2.5-coder:7b', firstTokenMs: 120, tokensPerSecond: 32.5 }],
          }),
        },
      ],
      ok: true,
    };
    const view = doctorView(report);
    p.receive({ type: 'report', view });
    const card = $('section[data-section="models"]');
    assert.equal(card.querySelector('h2')?.textContent, 'Models on this machine — Ollama at http://127.0.0.1:11434');
    const rows = Array.from(card.querySelectorAll('li.check')).map((li) => [li.querySelector('.label')?.textContent, li.querySelector('.detail')?.textContent, li.className]);
    assert.deepEqual(rows, [
      ['This machine', 'memory 16.0 GB (8.0 GB free); no GPU memory reported (nvidia-smi)', 'check ok'],
      ['qwen2.5-coder:1.5b', '1.0 GB · fits in memory · fills in the middle · not measured', 'check ok'],
      ['qwen2.5-coder:7b', '4.7 GB · fits in memory · fills in the middle · first token 120 ms, 32.5 tokens/s', 'check ok'],
      ['<b>llama</b>:70b', "42.0 GB · too big for this machine's 16.0 GB · not measured", 'check skip'],
      ['Recommended completion model', 'qwen2.5-coder:1.5b — not in use; Select Model to use it', 'check ok'],
      ['Recommended chat model', 'qwen2.5-coder:7b (in use)', 'check ok'],
    ]);
    assert.equal(window.document.querySelectorAll('b').length, 0, 'a model name stays text');
    const buttons = Array.from(card.querySelectorAll<HTMLButtonElement>('button.use'));
    assert.deepEqual(buttons.map((b) => b.textContent), ['Use qwen2.5-coder:1.5b for completions']);
    // In the user's language (the labels the extension translated), the model filled in.
    const zh = newWindow(doctorHtml({ cspSource: 'https://x', scriptUri: 'https://x/doctor.js', styleUri: 'https://x/doctor.css', resourceOrigin: '', nonce: 'N', title: 'Fathom Doctor' }));
    new DoctorPage(zh.document, { postMessage: () => {}, getState: () => ({ view }), setState: () => {} }, { ...DOCTOR_LABELS_EN, useForCompletions: '将 {0} 用于补全' });
    assert.equal(zh.document.querySelector('button.use')?.textContent, '将 qwen2.5-coder:1.5b 用于补全');
    click(buttons[0]);
    assert.deepEqual(sent, [{ type: 'useModel', role: 'completion', model: 'qwen2.5-coder:1.5b' }]);
    p.receive({ type: 'running' });
    assert.equal(buttons[0].disabled, true, 'the buttons wait while the checks run');
    assert.match(view.text, /Models on this machine — Ollama at http:\/\/127\.0\.0\.1:11434:\n/);
    assert.match(view.text, /→ recommended completion model: qwen2\.5-coder:1\.5b — not in use; Select Model to use it/);
  });

  it('the page\'s useModel message is checked: a role of completion or chat, a model name', () => {
    assert.deepEqual(parseFromDoctor({ type: 'useModel', role: 'chat', model: 'llama3.1:8b' }), { type: 'useModel', role: 'chat', model: 'llama3.1:8b' });
    for (const bad of [{ type: 'useModel', role: 'nextEdit', model: 'x' }, { type: 'useModel', role: 'chat' }, { type: 'useModel', role: 'chat', model: '' }, { type: 'useModel', role: 'chat', model: 'x'.repeat(301) }, { type: 'useModel', role: 'chat', model: 3 }])
      assert.equal(parseFromDoctor(bad), undefined, JSON.stringify(bad));
  });

  it('a re-created page shows the last report from its saved state', () => {
    const first = page();
    first.p.receive({ type: 'report', view: doctorView({ roles: [missing], ok: false }) });
    const saved = first.host.getState();
    const window = newWindow(doctorHtml({ cspSource: 'https://x', scriptUri: 'https://x/doctor.js', styleUri: 'https://x/doctor.css', resourceOrigin: '', nonce: 'N', title: 'Fathom Doctor' }));
    new DoctorPage(window.document, { postMessage: () => {}, getState: () => saved, setState: () => {} });
    assert.equal(window.document.querySelector('button.fix')?.textContent, 'Pull codellama:7b');
  });

  it('next-edit suggestions off: a note (not an alert) whose button opens the setting', () => {
    const { p, $, click, sent, window } = page();
    const off: RoleReport = { role: 'nextEdit', provider: 'ollama', baseUrl: '', model: '', reachable: false, problems: [], off: true, notes: [{ message: NEXT_EDIT_OFF, fix: 'openNextEditSetting' }] };
    p.receive({ type: 'report', view: doctorView({ roles: [healthy('chat', 'qwen2.5-coder:7b'), off], ok: true }) });
    assert.equal(window.document.body.dataset.state, 'ok');
    assert.equal(window.document.querySelectorAll('[role="alert"]').length, 0);
    assert.equal($('section[data-role="nextEdit"] .note p').textContent, NEXT_EDIT_OFF);
    assert.equal($('section[data-role="nextEdit"] button.fix').textContent, 'Open Setting');
    click($('section[data-role="nextEdit"] button.fix'));
    assert.deepEqual(sent, [{ type: 'fix', role: 'nextEdit', action: 'openNextEditSetting' }]);
  });

  it('checks messages from the page', () => {
    assert.deepEqual(parseFromDoctor({ type: 'fix', role: 'nextEdit', action: 'openNextEditSetting' }), { type: 'fix', role: 'nextEdit', action: 'openNextEditSetting' });
    assert.deepEqual(parseFromDoctor({ type: 'fix', role: 'chat', action: 'pullModel' }), { type: 'fix', role: 'chat', action: 'pullModel' });
    assert.equal(parseFromDoctor({ type: 'fix', role: 'chat', action: 'rm -rf' }), undefined);
    assert.equal(parseFromDoctor({ type: 'fix', role: 'admin', action: 'pullModel' }), undefined);
    assert.equal(parseFromDoctor('rerun'), undefined);
  });
});

