/**
 * A second Explain while the first still streams, inside the real extension host against the fake server: the
 * panel shows only the second answer (none of the first one's text joins it, and its end does not end the new
 * one), and the first request is stopped.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { FathomApi } from '../../src/extension';
import { ANSWER_PANEL_VIEW_TYPE } from '../../src/vscode/panel/answerPanel';
import { CURSOR, fathom, openWithCursor, useFakeServer, waitFor, waitForPage } from './helpers';

describe('answer panel: a new answer replaces one still streaming', function () {
  this.timeout(60_000);
  const fake = useFakeServer();
  let api: FathomApi;
  before(async () => {
    api = await fathom();
  });
  // The panel this suite opened is closed again: the next suite's first answer opens its own.
  after(async () => {
    const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith(ANSWER_PANEL_VIEW_TYPE));
    await vscode.window.tabGroups.close(tabs);
  });

  it('the second Explain stops the first; the panel holds the second answer only', async () => {
    await openWithCursor(`export function double(n: number) {\n  return n * 2;${CURSOR}\n}\n`);
    let asked = 0;
    const old = Array.from({ length: 40 }, (_, i) => `OLD${i} `);
    fake.server.reply((r) => (r.endpoint === 'ollama.chat' ? (asked++ === 0 ? { chunks: old, tokenMs: 150 } : { chunks: ['NEW answer', ' in full.'], tokenMs: 10 }) : undefined));

    const first = vscode.commands.executeCommand<string | undefined>('fathom.explain');
    await waitForPage('the first answer to stream into the panel', () => api.answerPanel().current().view.markdown.includes('OLD1 '), () => ({ ...api.answerPanel().current(), view: { ...api.answerPanel().current().view, markdown: api.answerPanel().current().view.markdown.slice(0, 200) } }));
    const second = await vscode.commands.executeCommand<string | undefined>('fathom.explain');
    assert.equal(second, 'NEW answer in full.');
    assert.equal(await first, undefined, 'the first answer was replaced, not finished');

    await waitFor('the first request to be stopped', () => fake.server.requests.filter((r) => r.endpoint === 'ollama.chat')[0]?.closedByClient);
    // Time for any late piece of the first answer to arrive (none may).
    await new Promise((resolve) => setTimeout(resolve, 500));
    const { view } = api.answerPanel().current();
    assert.equal(view.markdown, 'NEW answer in full.');
    assert.equal(view.phase, 'done');
  });
});
