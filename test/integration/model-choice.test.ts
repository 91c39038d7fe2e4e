/**
 * Model choice by resources (issue 14) in the real extension host: Select Model's items say whether each model
 * fits this machine and mark the one recommended for the role being chosen; the Doctor's button for a
 * recommendation opens Select Model with that model active; the Doctor lists the models on this machine.
 * The fake Ollama lists qwen2.5-coder:1.5b (1.0 GB), qwen2.5-coder:7b (4.7 GB) and llama3.2:3b (2.0 GB); the
 * machine is the real one (its memory; a GPU only where nvidia-smi answers).
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ShownModelPick } from '../../src/vscode/selectModel';
import { fathom, setSetting, useFakeServer, waitFor } from './helpers';

const FIT = /^\d+(\.\d+)?B · (qwen2|llama) · Q4_K_M · \d+\.\d GB · (fits in GPU memory|fits in memory|fits in GPU and system memory together \(slower\)|too big for this machine's .*)$/;

/** Runs Select Model and resolves with its quick pick once shown (and the command's promise, which ends when it closes). */
async function openSelectModel(...args: unknown[]): Promise<{ pick: ShownModelPick; done: Thenable<unknown> }> {
  const api = await fathom();
  const before = api.modelPick();
  const done = vscode.commands.executeCommand('fathom.selectModel', ...args);
  const pick = await waitFor('the Select Model quick pick', () => {
    const shown = api.modelPick();
    return shown !== before ? shown : undefined;
  });
  // Let the quick pick take the focus before it is driven.
  await new Promise((resolve) => setTimeout(resolve, 300));
  return { pick, done };
}

describe('model choice by resources (Select Model, Doctor)', () => {
  const fake = useFakeServer();

  it('Select Model: each item carries its size and fit, and the recommended completion model is marked', async () => {
    const { pick, done } = await openSelectModel('completion');
    try {
      assert.equal(pick.role, 'completion');
      assert.equal(pick.title, `Fathom: completion model on ${fake.server.url}`);
      assert.deepEqual(pick.items.map((i) => i.model), ['qwen2.5-coder:1.5b', 'qwen2.5-coder:7b', 'llama3.2:3b']);
      for (const item of pick.items) assert.match(item.description ?? '', FIT, item.model);
      // The 1.0 GB model fits every machine that runs VS Code.
      assert.match(pick.items[0].description ?? '', /· 1\.0 GB · fits in/);
      assert.deepEqual(pick.items.map((i) => i.recommended), [true, false, false]);
      assert.equal(pick.items[0].detail, '$(star-full) recommended completion model for this machine · current');
      assert.equal(pick.items[1].detail, undefined);
      assert.equal(pick.active, 'qwen2.5-coder:1.5b', 'the current model is active when it opens');
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
      await done;
    }
    assert.equal(vscode.workspace.getConfiguration('fathom').get('completion.model'), 'qwen2.5-coder:1.5b', 'closing changes nothing');
  });

  it('Select Model for chat marks the chat recommendation; a preselected model (the Doctor\'s button) is active, and Enter picks it', async () => {
    await setSetting('chat.model', 'qwen2.5-coder:7b');
    const { pick, done } = await openSelectModel('chat', 'llama3.2:3b');
    try {
      assert.equal(pick.role, 'chat');
      const recommended = pick.items.filter((i) => i.recommended);
      assert.equal(recommended.length, 1);
      assert.match(recommended[0].detail ?? '', /^\$\(star-full\) recommended chat model for this machine/);
      assert.equal(pick.active, 'llama3.2:3b');
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      await done;
      await waitFor('the chat model to be the preselected one', () => vscode.workspace.getConfiguration('fathom').get('chat.model') === 'llama3.2:3b');
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
      await setSetting('chat.model', 'qwen2.5-coder:7b', { restore: false });
    }
  });

  it('the Doctor lists the models on this machine, with a button for a recommendation not in use', async () => {
    await setSetting('completion.model', 'qwen2.5-coder:7b');
    try {
      const report = await vscode.commands.executeCommand<string>('fathom.doctor');
      assert.ok(report.includes(`Models on this machine — Ollama at ${fake.server.url}:`), report);
      assert.match(report, /→ recommended completion model: qwen2\.5-coder:1\.5b — not in use; Select Model to use it/);
      const view = (await fathom()).doctor().current().view;
      const section = view?.sections.find((s) => s.id === 'models');
      assert.ok(section, JSON.stringify(view?.sections.map((s) => s.id)));
      assert.deepEqual(section.checks.slice(1, 4).map((c) => c.label), ['qwen2.5-coder:1.5b', 'qwen2.5-coder:7b', 'llama3.2:3b']);
      assert.match(section.checks[2].detail, /^4\.7 GB · .* · fills in the middle · first token \d+ ms/, 'the completion model was measured');
      assert.match(section.checks[3].detail, / · not measured$/);
      assert.deepEqual(section.actions?.[0], { label: 'Use qwen2.5-coder:1.5b for completions', role: 'completion', model: 'qwen2.5-coder:1.5b' });
    } finally {
      await setSetting('completion.model', 'qwen2.5-coder:1.5b', { restore: false });
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    }
  });
});
