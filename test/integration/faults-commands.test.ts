/**
 * Fault matrix, commands: Explain (answer panel) and Refactor (diff proposal). For each fault and provider the
 * error notification says what happened and what to do (with the buttons that go there), the document is
 * unchanged with no proposal waiting, and the same command works once the fault is gone.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { FathomApi } from '../../src/extension';
import { FAULT_CASES, PROVIDERS, assertNoUnhandledRejections, assertStreamClosed, faultTitle, matrixTitle, messageFor, useProvider, type FaultCase, type FaultContext } from './faults';
import { fathom, openWithCursor, useFakeServer, waitFor } from './helpers';

const SOURCE = `export class Calculator {
  add(a: number, b: number): number {
    const sum = a + b;
    return █sum;
  }
}
`;
const REFACTORED = '```ts\n  add(a: number, b: number): number {\n    return a + b;\n  }\n```\n';

type Command = 'Explain' | 'Refactor';

/** Runs the command to its end: Explain's answer, or Refactor's outcome (a proposal is rejected once shown). */
async function run(api: FathomApi, command: Command): Promise<unknown> {
  if (command === 'Explain') return vscode.commands.executeCommand<string | undefined>('fathom.explain');
  const outcome = vscode.commands.executeCommand<string>('fathom.refactor', 'Simplify');
  const settled = await Promise.race([outcome.then(() => 'settled'), waitFor('a proposal to open', () => api.commands.pendingProposals() > 0 && 'proposal', { timeoutMs: 15_000 })]);
  if (settled === 'proposal') await vscode.commands.executeCommand('fathom.proposal.reject');
  return outcome;
}

describe(matrixTitle('commands'), () => {
  const fake = useFakeServer();
  before(() => fathom());

  const check = (command: Command, provider: FaultContext['provider'], c: FaultCase) => async () => {
    const api = await fathom();
    const f: FaultContext = { server: fake.server, provider, path: 'commands' };
    await useProvider(f);
    const editor = await openWithCursor(SOURCE);
    const before = editor.document.getText();
    const shown = api.commands.shownErrors().length;
    await c.arrange(f);

    const outcome = await run(api, command);
    if (!c.kind) {
      // Must succeed: the whole slow answer arrives.
      assert.equal(api.commands.shownErrors().length, shown, `no error: ${JSON.stringify(api.commands.shownErrors().at(-1))}`);
      if (command === 'Explain') assert.match(String(outcome), /return a \+ b;/);
      else assert.equal(outcome, 'rejected', 'the proposal was shown (and rejected by the test)');
      assert.equal(editor.document.getText(), before);
      assertNoUnhandledRejections();
      return;
    }

    const expected = messageFor(c, 'commands');
    const error = await waitFor('an error notification', () => api.commands.shownErrors()[shown]);
    assert.equal(error.kind, c.kind, error.message);
    assert.match(error.message, new RegExp(`^Fathom: ${command} failed\\. `));
    assert.match(error.message, expected);
    const buttons = error.actions.map((a) => a.label);
    assert.ok(buttons.includes('Open Doctor'), `buttons: ${buttons.join(', ')}`);
    if (c.kind === 'unauthorized') assert.ok(buttons.includes('Set API Key'), `buttons: ${buttons.join(', ')}`);
    if (c.kind === 'modelMissing') assert.deepEqual(buttons.slice(0, 2), provider === 'ollama' ? ['Pull Model', 'Select Model'] : ['Select Model', 'Open Doctor']);
    if (command === 'Explain') {
      assert.equal(outcome, undefined);
      const view = api.answerPanel().current().view;
      assert.equal(view.phase, 'failed');
      assert.match(view.error ?? '', expected);
    } else {
      assert.equal(outcome, 'failed');
    }
    assert.equal(editor.document.getText(), before, 'no partial edit');
    assert.equal(editor.document.isDirty, false);
    assert.equal(api.commands.pendingProposals(), 0, 'no proposal waits for Accept');
    if (c.closesStream) await assertStreamClosed(fake.server);

    // Recovery: with the fault gone, the same command works.
    await c.remove?.(f);
    fake.server.reply(() => ({ text: `Here it is:\n\n${REFACTORED}` }));
    const again = await run(api, command);
    if (command === 'Explain') assert.match(String(again), /return a \+ b;/);
    else assert.equal(again, 'rejected');
    assert.equal(api.commands.shownErrors().length, shown + 1, 'no further error');
    assertNoUnhandledRejections();
  };

  for (const command of ['Explain', 'Refactor'] as const) {
    for (const provider of PROVIDERS) {
      for (const c of FAULT_CASES) it(`${command}: ${faultTitle(c, provider)}`, check(command, provider, c));
    }
  }
});
