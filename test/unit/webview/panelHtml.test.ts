import * as assert from 'node:assert/strict';
import { chatHtml } from '../../../src/vscode/chat/html';
import { contentSecurityPolicy, newNonce, panelHtml, type PanelPage } from '../../../src/vscode/panel/html';
import { newWindow } from './dom';

const PAGE: PanelPage = {
  cspSource: 'https://*.vscode-cdn.net',
  scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview/panel.js',
  styleUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/media/panel.css',
  resourceOrigin: 'https://file+.vscode-resource.vscode-cdn.net',
  nonce: 'abc123+/=',
  title: 'Explain <b>"x"</b>',
};

describe('answer panel page (HTML and Content-Security-Policy)', () => {
  it('allows only the nonce script, the extension’s styles and images, nothing else', () => {
    assert.equal(
      contentSecurityPolicy(PAGE),
      "default-src 'none'; script-src 'nonce-abc123+/='; style-src https://*.vscode-cdn.net; img-src https://*.vscode-cdn.net data:",
    );
  });

  it('puts the policy first in <head>, and loads one script carrying the nonce', () => {
    const doc = newWindow(panelHtml(PAGE)).document;
    const meta = doc.querySelector('head > meta[http-equiv="Content-Security-Policy"]');
    assert.equal(meta?.getAttribute('content'), contentSecurityPolicy(PAGE));
    assert.ok(doc.head.children[1] === meta, 'the policy comes right after the charset, before any resource');
    const scripts = Array.from(doc.querySelectorAll('script'));
    assert.deepEqual(scripts.map((s) => [s.getAttribute('src'), s.getAttribute('nonce'), s.textContent]), [[PAGE.scriptUri, PAGE.nonce, '']]);
    assert.deepEqual(Array.from(doc.querySelectorAll('link[rel=stylesheet]')).map((l) => l.getAttribute('href')), [PAGE.styleUri]);
    assert.equal(doc.querySelectorAll('style, [style]').length, 0, 'no inline styles (the policy would block them)');
    assert.deepEqual(
      Array.from(doc.querySelectorAll('*')).flatMap((el) => el.getAttributeNames().filter((n) => n.startsWith('on'))),
      [],
      'no inline handlers',
    );
  });

  it('has the elements the panel script fills in, and escapes the title', () => {
    const doc = newWindow(panelHtml(PAGE)).document;
    for (const id of ['title', 'subtitle', 'status', 'answer', 'error', 'continue']) assert.ok(doc.getElementById(id), `#${id}`);
    assert.equal(doc.getElementById('title')?.textContent, 'Explain <b>"x"</b>');
    assert.equal(doc.querySelector('#title b'), null);
    assert.equal(doc.body.dataset.resourceOrigin, PAGE.resourceOrigin);
  });

  it('makes a new unguessable nonce each time', () => {
    const nonces = new Set(Array.from({ length: 50 }, newNonce));
    assert.equal(nonces.size, 50);
    for (const n of nonces) assert.match(n, /^[A-Za-z0-9+/]{22}==$/);
  });
});

describe('every webview page has the same strict policy', () => {
  const pages = { 'answer panel': panelHtml(PAGE), chat: chatHtml({ ...PAGE, scriptUri: PAGE.scriptUri.replace('panel.js', 'chat.js'), styleUri: PAGE.styleUri.replace('panel.css', 'chat.css') }) };
  for (const [name, html] of Object.entries(pages)) {
    it(`${name}: default-src 'none', a nonce script only, no unsafe-inline or unsafe-eval, no inline handlers or styles`, () => {
      const doc = newWindow(html).document;
      const policy = doc.querySelector('head > meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') ?? '';
      assert.match(policy, /^default-src 'none'; script-src 'nonce-[^']+'; /);
      assert.doesNotMatch(policy, /unsafe-inline|unsafe-eval|\*(?!\.vscode-cdn\.net)|https?:\/\/(?!\*\.vscode-cdn\.net)/);
      const scripts = Array.from(doc.querySelectorAll('script'));
      assert.equal(scripts.length, 1);
      assert.equal(scripts[0].getAttribute('nonce'), PAGE.nonce);
      assert.equal(scripts[0].textContent, '');
      assert.equal(doc.querySelectorAll('style, [style], iframe, form, object, embed').length, 0);
      assert.deepEqual(Array.from(doc.querySelectorAll('*')).flatMap((el) => el.getAttributeNames().filter((n) => n.startsWith('on'))), []);
    });
  }
});
