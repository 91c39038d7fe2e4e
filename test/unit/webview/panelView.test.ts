import * as assert from 'node:assert/strict';
import { PanelView, type PanelHost } from '../../../src/webview/panel/panelView';
import type { AnswerView, FromPanel } from '../../../src/webview/panel/protocol';
import { panelWindow } from './dom';

/** The webview API as VS Code gives it to the page: messages out, a state slot. */
class FakeHost implements PanelHost {
  sent: FromPanel[] = [];
  state: unknown;
  postMessage(message: FromPanel): void {
    this.sent.push(message);
  }
  getState(): unknown {
    return this.state;
  }
  setState(state: AnswerView): void {
    this.state = state;
  }
}

const VIEW: AnswerView = { title: 'Explain mean()', subtitle: 'src/stats.py:1–2', markdown: '', phase: 'streaming', chatAvailable: false };

function setup(state?: AnswerView) {
  const window = panelWindow();
  const host = new FakeHost();
  host.state = state;
  const frames: Array<() => void> = [];
  const view = new PanelView(window.document, host, { schedule: (render) => frames.push(render) });
  const frame = () => frames.splice(0).forEach((render) => render());
  const $ = <T extends Element = HTMLElement>(selector: string) => window.document.querySelector<T>(selector)!;
  const click = (el: Element) => el.dispatchEvent(new window.MouseEvent('click', { bubbles: true, cancelable: true }));
  return { window, host, view, frame, frames, $, click };
}

describe('webview: the answer panel page', () => {
  it('shows a streamed answer: title, progress, markdown, then done', () => {
    const { view, frame, $, window } = setup();
    view.receive({ type: 'show', view: VIEW });
    view.receive({ type: 'append', text: '`mean` divides the ' });
    view.receive({ type: 'append', text: 'sum by the count.' });
    frame();
    assert.equal($('#title').textContent, 'Explain mean()');
    assert.equal($('#subtitle').textContent, 'src/stats.py:1–2');
    assert.equal($('#status').textContent, 'Answering…');
    assert.equal(window.document.body.dataset.phase, 'streaming');
    assert.equal($('#answer').textContent?.trim(), 'mean divides the sum by the count.');
    view.receive({ type: 'finish' });
    frame();
    assert.equal($('#status').textContent, '');
    assert.equal(window.document.body.dataset.phase, 'done');
  });

  it('renders appends that arrive within one frame once', () => {
    const { view, frames } = setup();
    view.receive({ type: 'show', view: VIEW });
    for (const text of ['a', 'b', 'c']) view.receive({ type: 'append', text });
    assert.equal(frames.length, 1);
  });

  it('shows a failure under what arrived so far', () => {
    const { view, frame, $ } = setup();
    view.receive({ type: 'show', view: VIEW });
    view.receive({ type: 'append', text: 'Partial' });
    view.receive({ type: 'fail', message: 'Ollama is not running at http://127.0.0.1:11434. Start it with `ollama serve`.' });
    frame();
    assert.equal($('#answer').textContent?.trim(), 'Partial');
    assert.equal($('#error').hidden, false);
    assert.match($('#error').textContent!, /Ollama is not running/);
    assert.equal($('#status').textContent, 'Failed');
  });

  it('keeps its state for VS Code, and comes back from it when the webview is re-created', () => {
    const first = setup();
    first.view.receive({ type: 'show', view: { ...VIEW, markdown: 'Kept **text**', phase: 'done' } });
    first.frame();
    const saved = first.host.state as AnswerView;
    assert.equal(saved.markdown, 'Kept **text**');
    const again = setup(saved);
    assert.equal(again.$('#answer strong').textContent, 'text');
    assert.equal(again.$('#title').textContent, 'Explain mean()');
  });

  it('Copy and Insert post the block’s code (and language) to the extension', () => {
    const { view, frame, $, click, host } = setup();
    view.receive({ type: 'show', view: { ...VIEW, markdown: 'Use:\n\n```ts\nconst x = a < b;\n```\n', phase: 'done' } });
    frame();
    click($('button[data-action="copy"]'));
    click($('button[data-action="insert"]'));
    assert.deepEqual(host.sent, [
      { type: 'copy', code: 'const x = a < b;\n' },
      { type: 'insert', code: 'const x = a < b;\n', language: 'ts' },
    ]);
    assert.equal($('button[data-action="copy"]').textContent, 'Copied', 'the button confirms the copy');
  });

  it('line links reveal lines, web links go to the extension, nothing navigates the page', () => {
    const { view, frame, host, window } = setup();
    view.receive({ type: 'show', view: { ...VIEW, markdown: 'See lines 4–6 and L9. Docs: https://example.com/x', phase: 'done' } });
    frame();
    const events = Array.from(window.document.querySelectorAll('#answer a')).map((a) => {
      const event = new window.MouseEvent('click', { bubbles: true, cancelable: true });
      a.dispatchEvent(event);
      return event.defaultPrevented;
    });
    assert.deepEqual(events, [true, true, true]);
    assert.deepEqual(host.sent, [
      { type: 'reveal', line: 4, endLine: 6 },
      { type: 'reveal', line: 9 },
      { type: 'openLink', href: 'https://example.com/x' },
    ]);
  });

  it('offers "Continue in chat" only when chat exists, and once the answer is complete', () => {
    const { view, frame, $, click, host } = setup();
    view.receive({ type: 'show', view: VIEW });
    frame();
    assert.equal($<HTMLButtonElement>('#continue').hidden, true);
    view.receive({ type: 'show', view: { ...VIEW, chatAvailable: true } });
    frame();
    assert.equal($<HTMLButtonElement>('#continue').hidden, false);
    assert.equal($<HTMLButtonElement>('#continue').disabled, true, 'not while streaming');
    view.receive({ type: 'finish' });
    frame();
    assert.equal($<HTMLButtonElement>('#continue').disabled, false);
    click($('#continue'));
    assert.deepEqual(host.sent, [{ type: 'continueInChat' }]);
  });

  it('says when a workspace prompt file was used, as text with a link that asks the extension to open it', () => {
    const { view, frame, $, click, host } = setup();
    view.receive({ type: 'show', view: VIEW });
    frame();
    assert.equal($('#prompt-file').hidden, true, 'nothing to say for the shipped prompt');
    view.receive({ type: 'promptFile', path: '.fathom/prompts/explain.md' });
    frame();
    assert.equal($('#prompt-file').hidden, false);
    assert.equal($('#prompt-file').textContent, 'Using the workspace prompt file .fathom/prompts/explain.md');
    click($('#prompt-file-link'));
    assert.deepEqual(host.sent, [{ type: 'openPromptFile' }]);
    view.receive({ type: 'show', view: { ...VIEW, title: 'Debug' } });
    frame();
    assert.equal($('#prompt-file').hidden, true, 'a new answer starts without the note');
  });

  it('lists the workspace code the prompt carried, as text links that ask the extension to open one by its place in the list', () => {
    const { view, frame, $, click, host, window } = setup();
    view.receive({ type: 'show', view: VIEW });
    frame();
    assert.equal($('#sources').hidden, true, 'nothing listed without workspace code');
    view.receive({ type: 'sources', sources: [{ path: 'src/cart.ts', startLine: 3, endLine: 6, symbol: 'checkout' }, { path: 'src/<b>x</b>.ts', startLine: 1, endLine: 2, symbol: '' }, { path: 'src/one.ts', startLine: 4, endLine: 4, symbol: '' }] });
    frame();
    assert.equal($('#sources').hidden, false);
    const links = [...window.document.querySelectorAll<HTMLAnchorElement>('#sources-list a.source-link')];
    assert.deepEqual(links.map((a) => a.textContent), ['src/cart.ts:3–6', 'src/<b>x</b>.ts:1–2', 'src/one.ts:4'], 'one line is shown as one line, not 4–4');
    assert.deepEqual(links.map((a) => a.title), ['Open src/cart.ts, lines 3–6', 'Open src/<b>x</b>.ts, lines 1–2', 'Open src/one.ts, line 4']);
    assert.equal(window.document.querySelector('#sources-list b'), null, 'a path is text, never markup');
    assert.equal($('#sources-list .symbol').textContent, 'checkout');
    click(links[1]);
    assert.deepEqual(host.sent, [{ type: 'openSource', index: 1 }]);
    view.receive({ type: 'show', view: { ...VIEW, title: 'Debug' } });
    frame();
    assert.equal($('#sources').hidden, true, 'a new answer starts without the list');
  });

  it('a new answer replaces the old one', () => {
    const { view, frame, $ } = setup();
    view.receive({ type: 'show', view: { ...VIEW, markdown: 'old answer', phase: 'done' } });
    frame();
    view.receive({ type: 'show', view: { ...VIEW, title: 'Debug', markdown: '' } });
    view.receive({ type: 'append', text: 'new' });
    frame();
    assert.equal($('#title').textContent, 'Debug');
    assert.equal($('#answer').textContent?.trim(), 'new');
  });
});
