/**
 * Fault matrix, inline completions: for each fault and provider, nothing is inserted, the status bar reads
 * error with a message saying what happened and what to do, and the next request after the fault works.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { FAULT_CASES, PROVIDERS, SLOW_LINE, assertNoUnhandledRejections, assertStreamClosed, faultTitle, matrixTitle, messageFor, useProvider, type FaultContext } from './faults';
import { fathom, openWithCursor, triggerAndAccept, useFakeServer, waitFor } from './helpers';

/** Tries to accept ghost text a few times over a moment: none may be there to accept. */
async function assertNothingToAccept(editor: vscode.TextEditor, before: string): Promise<void> {
  for (let i = 0; i < 5; i++) {
    await vscode.commands.executeCommand('editor.action.inlineSuggest.commit');
    assert.equal(editor.document.getText(), before, 'no ghost text was inserted');
    await new Promise((resolve) => setTimeout(resolve, 60));
  }
}

describe(matrixTitle('completion'), () => {
  const fake = useFakeServer();
  let cases = 0;
  before(() => fathom());

  for (const provider of PROVIDERS) {
    for (const c of FAULT_CASES) {
      it(faultTitle(c, provider), async () => {
        const api = await fathom();
        const f: FaultContext = { server: fake.server, provider, path: 'completion' };
        await useProvider(f);
        // Texts of their own, so no earlier test's answer is in the completion cache.
        const name = `count${++cases}`;
        const editor = await openWithCursor(`const ${name} = █\n`);
        const before = editor.document.getText();
        await c.arrange(f);

        if (!c.kind) {
          // Must succeed: the whole slow answer is inserted, and the status does not read error.
          assert.equal(await triggerAndAccept(editor), `const ${name} = ${SLOW_LINE.join('')}█\n`);
          assert.notEqual(api.status().state, 'error', api.status().tooltip);
          assertNoUnhandledRejections();
          return;
        }

        await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
        const expected = messageFor(c, 'completion');
        await waitFor(`the status to read error saying ${expected}`, () => api.status().state === 'error' && expected.test(api.status().tooltip), { timeoutMs: 10_000 }).catch((error: Error) => {
          const sent = fake.server.requests.map((r) => `${r.endpoint}${r.completed ? '' : ' (open)'}`).join(', ');
          throw new Error(`${error.message}\nstatus: ${api.status().state} ${api.status().tooltip}\nstats: ${JSON.stringify(api.completionStats())}\nrequests: ${sent}`);
        });
        assert.match(api.status().tooltip, /run "Fathom: Doctor"/);
        await assertNothingToAccept(editor, before);
        if (c.closesStream) await assertStreamClosed(fake.server);

        // Recovery: with the fault gone, the next request completes and the status leaves the error. (Asked in
        // another document: VS Code does not ask again at the very position and version it already asked.)
        await c.remove?.(f);
        fake.server.reply(() => ({ text: 'items.length;' }));
        assert.equal(await triggerAndAccept(await openWithCursor(`const ${name}b = █\n`)), `const ${name}b = items.length;█\n`);
        await waitFor('the status to leave the error', () => api.status().state !== 'error').catch((error: Error) => {
          throw new Error(`${error.message}\nstatus: ${api.status().tooltip}\nrequests: ${fake.server.requests.map((r) => r.endpoint).join(', ')}`);
        });
        assertNoUnhandledRejections();
      });
    }
  }
});
