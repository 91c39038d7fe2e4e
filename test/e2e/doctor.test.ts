/**
 * "Fathom: Doctor" as a user meets it: the checks per role in a panel, and a button per problem that fixes it
 * — pull a missing model (with progress), pick a model that can fill in the middle, start a server that is
 * down. Screenshots in test-results/screenshots/doctor-*.png.
 */
import * as assert from 'node:assert/strict';
import { createServer } from 'node:net';
import type { Frame } from 'playwright-core';
import { waitFor } from '../harness';
import { useSession } from './helpers/session';
import { webviewFrame } from './helpers/webviews';

const doctorFrame = (page: Parameters<typeof webviewFrame>[0]): Promise<Frame> => webviewFrame(page, '#roles', 'the Doctor panel to load');
const summary = async (frame: Frame) => (await frame.locator('#summary').textContent()) ?? '';
const settled = (frame: Frame) => waitFor('the checks to finish', async () => ['ok', 'problems'].includes((await frame.locator('body').getAttribute('data-state')) ?? ''), { timeoutMs: 30_000 });

describe('Doctor: a missing model and a model without fill-in-the-middle, fixed from the panel', function () {
  // The chat model is not on the server; the completion model cannot fill in the middle.
  const s = useSession({ settings: { 'fathom.chat.model': 'codellama:7b', 'fathom.completion.model': 'llama3.2:3b' } });

  it('shows each role’s checks and a fix per problem', async () => {
    await s.wb.runCommand('Fathom: Doctor');
    const doctor = await doctorFrame(s.page);
    await settled(doctor);
    assert.match(await summary(doctor), /^2 problems found/);
    const completion = doctor.locator('section[data-role="completion"]');
    const chat = doctor.locator('section[data-role="chat"]');
    assert.match((await completion.locator('.check.warn').textContent()) ?? '', /Fill in the middle.*no/);
    assert.deepEqual(await completion.locator('button.fix').allTextContents(), ['Select Model']);
    assert.match((await chat.locator('.check.fail').textContent()) ?? '', /codellama:7b is not on the server/);
    assert.deepEqual(await chat.locator('button.fix').allTextContents(), ['Pull codellama:7b']);
    await s.wb.screenshot('doctor-problems');
  });

  it('"Pull" downloads the missing model with progress; "Select Model" picks one that fills in the middle; then every check passes', async () => {
    let doctor = await doctorFrame(s.page);
    s.fake.reply((r) => (r.endpoint === 'ollama.pull' ? { tokenMs: 400 } : undefined));
    await doctor.locator('section[data-role="chat"] button.fix').click();
    const progress = s.page.locator('.notifications-toasts .notification-toast', { hasText: 'pulling codellama:7b' });
    await waitFor('the pull’s progress notification', () => progress.isVisible(), { timeoutMs: 15_000 });
    await s.wb.screenshot('doctor-pull-progress');
    doctor = await doctorFrame(s.page);
    await waitFor('the chat role to pass after the pull', async () => (await doctor.locator('section[data-role="chat"] .check.fail').count()) === 0 && (await doctor.locator('body').getAttribute('data-state')) !== 'running', { timeoutMs: 30_000 });
    assert.match((await doctor.locator('section[data-role="chat"]').textContent()) ?? '', /codellama:7b is available/);
    assert.ok(s.fake.requests.some((r) => r.endpoint === 'ollama.pull'), 'the model was pulled from the server');

    // (One test with the pull: the fake server forgets pulled models between tests.)
    // "Select Model" picks a model that fills in the middle, and every check passes.
    doctor = await doctorFrame(s.page);
    await doctor.locator('section[data-role="completion"] button.fix').click();
    const row = s.page.locator('.quick-input-list .monaco-list-row').filter({ has: s.page.locator('.label-name', { hasText: /^qwen2\.5-coder:1\.5b$/ }) }).first();
    await waitFor('the model list', () => row.isVisible(), { timeoutMs: 15_000 });
    await row.click();
    const again = await doctorFrame(s.page);
    await waitFor('all checks to pass', async () => /^All checks passed/.test(await summary(again)), { timeoutMs: 30_000 });
    assert.equal(await again.locator('.check.fail').count(), 0);
    assert.match((await again.locator('section[data-role="completion"] .check', { hasText: 'Fill in the middle' }).getAttribute('class')) ?? '', /\bok\b/);
    await s.wb.screenshot('doctor-healthy');
  });
});

describe('Doctor: models on this machine', function () {
  // A 4.7 GB completion model: the 1.0 GB code model is the recommended one, and not in use.
  const s = useSession({ settings: { 'fathom.completion.model': 'qwen2.5-coder:7b' } });

  it('lists the server\'s models with their size and fit; the recommendation\'s button opens Select Model with it, Enter uses it', async () => {
    await s.wb.runCommand('Fathom: Doctor');
    let doctor = await doctorFrame(s.page);
    await settled(doctor);
    const card = doctor.locator('section[data-section="models"]');
    assert.match((await card.locator('h2').textContent()) ?? '', /^Models on this machine — Ollama at http:\/\/127\.0\.0\.1:\d+$/);
    assert.match((await card.locator('.check', { hasText: 'qwen2.5-coder:1.5b' }).first().textContent()) ?? '', /1\.0 GB · fits in/);
    assert.match((await card.locator('.check', { hasText: 'Recommended completion model' }).textContent()) ?? '', /qwen2\.5-coder:1\.5b — not in use/);
    await s.wb.screenshot('doctor-models');
    await card.locator('button.use', { hasText: 'Use qwen2.5-coder:1.5b for completions' }).click();
    // Select Model opens with the recommended model active and marked.
    const active = s.page.locator('.quick-input-list .monaco-list-row.focused');
    await waitFor('Select Model with the recommended model active', async () => /qwen2\.5-coder:1\.5b/.test((await active.textContent().catch(() => '')) ?? ''), { timeoutMs: 15_000 });
    assert.match((await active.textContent()) ?? '', /recommended completion model for this machine/);
    await s.wb.screenshot('doctor-models-select');
    await s.page.keyboard.press('Enter');
    doctor = await doctorFrame(s.page);
    await waitFor('the recommendation to be in use', async () => /qwen2\.5-coder:1\.5b \(in use\)/.test((await doctor.locator('section[data-section="models"]').textContent().catch(() => '')) ?? ''), { timeoutMs: 30_000 });
  });
});

describe('Doctor: the server is down', function () {
  let closedUrl = '';
  before(async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    closedUrl = `http://127.0.0.1:${(probe.address() as { port: number }).port}`;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
  });
  const s = useSession({ settings: { get 'fathom.ollama.baseUrl'() { return closedUrl; } } });

  it('says Ollama is not reachable, and "Start Ollama" runs "ollama serve" in a terminal', async () => {
    await s.wb.runCommand('Fathom: Doctor');
    const doctor = await doctorFrame(s.page);
    await settled(doctor);
    const text = (await doctor.locator('section[data-role="completion"]').textContent()) ?? '';
    assert.match(text, /Ollama is not reachable at http:\/\/127\.0\.0\.1:\d+/);
    assert.match(text, /Start it with "ollama serve"/);
    await s.wb.screenshot('doctor-down');
    await doctor.locator('section[data-role="completion"] button.fix', { hasText: 'Start Ollama' }).click();
    await waitFor('the Ollama terminal', () => s.page.locator('.part.panel .terminal-tab, .part.panel .tabs-list .monaco-list-row, .part.panel .single-terminal-tab', { hasText: 'Ollama' }).first().isVisible(), { timeoutMs: 15_000 });
    await waitFor('the hint to install Ollama if needed', () => s.page.locator('.notifications-toasts', { hasText: 'ollama serve' }).isVisible());
    await s.wb.screenshot('doctor-start-ollama');
  });
});
