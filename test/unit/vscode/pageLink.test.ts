/** The link to a webview page: messages reach only a page whose script listens. */
import * as assert from 'node:assert/strict';
import type * as vscode from 'vscode';
import { PageLink } from '../../../src/vscode/panel/pageLink';

/** A panel or view as the link sees it: a page that records what it was sent, its visibility and the event of its changes. */
function fakeHost() {
  const sent: unknown[] = [];
  const listeners = new Set<() => void>();
  const host = {
    visible: true,
    webview: { postMessage: (m: unknown) => (sent.push(m), Promise.resolve(true)) } as unknown as vscode.Webview,
    visibilityChanged: ((listener: () => void) => {
      listeners.add(listener);
      return { dispose: () => listeners.delete(listener) };
    }) as unknown as vscode.Event<unknown>,
    setVisible(visible: boolean) {
      host.visible = visible;
      for (const l of [...listeners]) l();
    },
    listeners,
  };
  return { host, sent };
}

describe('vscode: the link to a webview page', () => {
  it('posts nothing until the page says it listens, then posts', () => {
    const link = new PageLink<string>();
    const { host, sent } = fakeHost();
    assert.equal(link.post('before any page'), false);
    link.connect(host, host.visibilityChanged);
    assert.equal(link.ready, false);
    assert.equal(link.post('while loading'), false);
    link.heard();
    assert.equal(link.ready, true);
    assert.equal(link.post('now'), true);
    assert.deepEqual(sent, ['now']);
  });

  it('stops posting when the page is hidden (VS Code destroys it) until it says ready again', () => {
    const link = new PageLink<string>();
    const { host, sent } = fakeHost();
    link.connect(host, host.visibilityChanged);
    link.heard();
    host.setVisible(false);
    assert.equal(link.post('hidden'), false);
    host.setVisible(true);
    assert.equal(link.post('shown, still loading'), false, 'shown again is not listening yet');
    link.heard();
    link.post('listening again');
    assert.deepEqual(sent, ['listening again']);
  });

  it('forgets a closed page, but not a newer page connected since; stops following the old one when told', () => {
    const link = new PageLink<string>();
    const first = fakeHost();
    const following = link.connect(first.host, first.host.visibilityChanged);
    const second = fakeHost();
    link.connect(second.host, second.host.visibilityChanged);
    link.heard();
    // The old page's late events touch nothing: its visibility, then its disposal.
    first.host.setVisible(false);
    link.disconnect(first.host);
    assert.equal(link.post('to the new page'), true);
    assert.deepEqual(second.sent, ['to the new page']);
    assert.deepEqual(first.sent, []);
    following.dispose();
    assert.equal(first.host.listeners.size, 0);
    link.disconnect(second.host);
    assert.equal(link.ready, false);
    assert.equal(link.post('closed'), false);
    link.heard();
    assert.equal(link.ready, false, "a 'ready' with no page open links nothing");
  });
});
