/**
 * References to the workspace code an answer was given, in the answer's rendered DOM (the real renderer:
 * markdown-it, the sanitiser, line links): which ones become links, where they go, and that nothing the
 * model wrote becomes markup or links to a file it was not given.
 */
import * as assert from 'node:assert/strict';
import { codeSpanTarget, findCodeReferences, linkCodeReferences, resolvePath, targetOf, type SourcePlace } from '../../../src/webview/codeReferences';
import { createRenderer } from '../../../src/webview/render';
import { newWindow } from './dom';

const SOURCES: SourcePlace[] = [
  { path: 'src/price.ts', startLine: 1, endLine: 3, symbol: 'totalPrice' },
  { path: 'src/cart.ts', startLine: 3, endLine: 6, symbol: 'checkout' },
  { path: 'lib/cart.ts', startLine: 1, endLine: 2, symbol: '' },
];

const refs = (text: string) => findCodeReferences(text, SOURCES).map(({ index, length, ...target }) => ({ text: text.slice(index, index + length), ...target }));

/** The answer rendered as the chat renders it, with its references linked; the links' text and targets. */
function linked(markdown: string): { links: Array<[string, string, number, number]>; html: string; body: HTMLElement } {
  const window = newWindow();
  const body = window.document.createElement('div');
  body.append(createRenderer(window).render(markdown));
  linkCodeReferences(body, SOURCES, (t) => `Open ${t.path}`);
  const links = Array.from(body.querySelectorAll('a.workspace-link')).map((a) => {
    const t = targetOf(a)!;
    return [a.textContent ?? '', t.path, t.line, t.endLine] as [string, string, number, number];
  });
  return { links, html: body.innerHTML, body };
}

describe('webview: references to the workspace code an answer was given', () => {
  it('finds path:line, path:start-end, path#L12, "file line 12" and a bare given path', () => {
    assert.deepEqual(refs('See src/price.ts:2, src/cart.ts:3-5, src/price.ts#L1-L2, price.ts line 2, and src/cart.ts.'), [
      { text: 'src/price.ts:2', path: 'src/price.ts', line: 2, endLine: 2 },
      { text: 'src/cart.ts:3-5', path: 'src/cart.ts', line: 3, endLine: 5 },
      { text: 'src/price.ts#L1-L2', path: 'src/price.ts', line: 1, endLine: 2 },
      { text: 'price.ts line 2', path: 'src/price.ts', line: 2, endLine: 2 },
      { text: 'src/cart.ts', path: 'src/cart.ts', line: 3, endLine: 6 },
    ]);
  });

  it('a file name matches only when exactly one given file has it; other files are never linked', () => {
    assert.equal(resolvePath('price.ts', SOURCES), 'src/price.ts');
    assert.equal(resolvePath('cart.ts', SOURCES), undefined, 'src/cart.ts or lib/cart.ts: ambiguous');
    assert.equal(resolvePath('rice.ts', SOURCES), undefined, 'a suffix that is not a whole name');
    assert.deepEqual(refs('cart.ts:3, src/other.ts:4, /etc/passwd:1, e.g. v1.2'), []);
  });

  it('inline code: a given path (with or without lines) or a given symbol', () => {
    assert.deepEqual(codeSpanTarget('src/price.ts:2', SOURCES), { path: 'src/price.ts', line: 2, endLine: 2 });
    assert.deepEqual(codeSpanTarget('src/cart.ts', SOURCES), { path: 'src/cart.ts', line: 3, endLine: 6 });
    assert.deepEqual(codeSpanTarget('totalPrice()', SOURCES), { path: 'src/price.ts', line: 1, endLine: 3 });
    assert.equal(codeSpanTarget('totalPrice(items)', SOURCES), undefined, 'code, not a name');
    assert.equal(codeSpanTarget('applyVat', SOURCES), undefined, 'not a given symbol');
  });

  it('links them in the rendered answer: prose, inline code, and "x.ts line 12" over its line link; not inside code blocks', () => {
    const { links, body } = linked('`totalPrice` in src/price.ts:2 sums them; `src/cart.ts` calls it (price.ts line 3).\n\n```ts\n// src/price.ts:2\ntotalPrice(xs)\n```');
    assert.deepEqual(links, [
      ['totalPrice', 'src/price.ts', 1, 3],
      ['src/price.ts:2', 'src/price.ts', 2, 2],
      ['src/cart.ts', 'src/cart.ts', 3, 6],
      ['price.ts line 3', 'src/price.ts', 3, 3],
    ]);
    assert.equal(body.querySelector('pre a'), null, 'nothing in a code block is linked');
    assert.equal(body.querySelector('a.workspace-link code')?.textContent, 'totalPrice', 'inline code stays code, inside the link');
    assert.equal(body.querySelectorAll('a.line-link').length, 0, 'the line link became the file link');
  });

  it('running it again on the same DOM (the answer grew) links nothing twice', () => {
    const { body } = linked('`totalPrice` in src/price.ts:2 (price.ts line 3).');
    const before = body.innerHTML;
    linkCodeReferences(body, SOURCES, (t) => `Open ${t.path}`);
    assert.equal(body.innerHTML, before);
  });

  it('what the model writes stays text: references inside markup-looking text make plain links with only their own attributes', () => {
    const { links, body } = linked('src/price.ts:2"><img src=x onerror=alert(1)> and [src/price.ts:1](javascript:alert(1))');
    assert.deepEqual(links.map((l) => l[0]), ['src/price.ts:2', 'src/price.ts:1']);
    assert.equal(body.querySelector('img'), null);
    for (const a of Array.from(body.querySelectorAll('a'))) {
      assert.deepEqual(a.getAttributeNames().sort(), ['class', 'data-end-line', 'data-line', 'data-path', 'href', 'title']);
      assert.equal(a.getAttribute('href'), '#');
    }
  });
});
