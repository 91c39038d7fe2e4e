/** The chat view's page in jsdom: what it shows of the extension's state, and what the user's keys and clicks post back. */
import * as assert from 'node:assert/strict';
import { ChatView, type ChatHost, type SavedChatView } from '../../../src/webview/chat/chatView';
import type { ChatViewState, ChatViewTurn, FromChat } from '../../../src/webview/chat/protocol';
import { chatWindow } from './dom';

/** The webview API as VS Code gives it to the page: messages out, a state slot. */
class FakeHost implements ChatHost {
  sent: FromChat[] = [];
  state: unknown;
  postMessage(message: FromChat): void {
    this.sent.push(message);
  }
  getState(): unknown {
    return this.state;
  }
  setState(state: SavedChatView): void {
    this.state = state;
  }
}

const ANSWER_1 = 'A closure **keeps** the scope it was made in.\n\n```ts\nconst add = (a: number) => (b: number) => a + b;\n```\n\nSee [the MDN page](https://developer.mozilla.org/docs/Web/JavaScript/Closures).';
const ANSWER_2 = 'Use `reduce`:\n\n```\nxs.reduce((s, x) => s + x, 0)\n```';

const user = (id: string, text: string, attachments: ChatViewTurn['attachments'] = []): ChatViewTurn => ({ id, role: 'user', text, attachments });
const answer = (id: string, text: string, extra: Partial<ChatViewTurn> = {}): ChatViewTurn => ({ id, role: 'assistant', text, attachments: [], ...extra });

const STATE: ChatViewState = {
  conversationId: 'c1',
  title: 'Closures in TypeScript',
  turns: [
    user('q1', 'What is a closure?', [{ id: 'att-1', kind: 'selection', label: 'app.ts:1-3' }]),
    answer('r1', ANSWER_1, { model: 'llama3.2:3b' }),
    user('q2', 'And how do I sum a list?'),
    answer('r2', ANSWER_2, { model: 'llama3.2:3b' }),
  ],
  streaming: false,
  pending: [
    { id: 'p1', kind: 'file', label: 'stats.py' },
    { id: 'p2', kind: 'diagnostics', label: 'Problems in stats.py' },
  ],
  notice: 'The oldest message was left out to fit the model’s 4,096-token context.',
  history: [
    { id: 'c1', title: 'Closures in TypeScript', updatedAt: 2_000, turns: 4 },
    { id: 'c0', title: 'Older chat', updatedAt: 1_000, turns: 2 },
  ],
  models: ['llama3.2:3b', 'qwen2.5-coder:7b'],
  model: 'qwen2.5-coder:7b',
};

function setup(saved?: Partial<SavedChatView>) {
  const window = chatWindow();
  const host = new FakeHost();
  host.state = saved;
  const frames: Array<() => void> = [];
  const view = new ChatView(window.document, host, { schedule: (render) => frames.push(render) });
  const frame = () => frames.splice(0).forEach((render) => render());
  const doc = window.document;
  const $ = <T extends Element = HTMLElement>(selector: string) => {
    const found = doc.querySelector<T>(selector);
    assert.ok(found, `the page has ${selector}`);
    return found;
  };
  const $$ = <T extends Element = HTMLElement>(selector: string) => Array.from(doc.querySelectorAll<T>(selector));
  const click = (el: Element) => el.dispatchEvent(new window.MouseEvent('click', { bubbles: true, cancelable: true }));
  const input = $<HTMLTextAreaElement>('#input');
  /** Presses a key in the message box; returns whether the page prevented the default (typing the key). */
  const key = (k: string, init: KeyboardEventInit = {}) => !input.dispatchEvent(new window.KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true, ...init }));
  const type = (text: string) => {
    input.value = text;
    input.setSelectionRange(text.length, text.length);
    input.dispatchEvent(new window.Event('input', { bubbles: true }));
  };
  const show = (state: ChatViewState) => {
    view.receive({ type: 'state', state });
    frame();
  };
  const turn = (id: string) => $(`.turn[data-turn-id="${id}"]`);
  const saved_ = () => host.state as SavedChatView;
  return { window, doc, host, view, frames, frame, $, $$, click, key, type, input, show, turn, saved: saved_ };
}

describe('webview: the chat view', () => {
  describe('rendering the state', () => {
    it('shows the turns in order: questions as text with their chips, answers as markdown with the model', () => {
      const { show, $$, turn, $ } = setup();
      show(STATE);
      assert.deepEqual(
        $$('#log > .turn').map((t) => [t.dataset.turnId, t.className]),
        [
          ['q1', 'turn user'],
          ['r1', 'turn assistant'],
          ['q2', 'turn user'],
          ['r2', 'turn assistant'],
        ],
      );
      assert.equal(turn('q1').querySelector('.question')?.textContent, 'What is a closure?');
      assert.deepEqual(
        Array.from(turn('q1').querySelectorAll('.chip')).map((c) => c.textContent),
        ['app.ts:1-3'],
      );
      assert.equal(turn('q1').querySelector('.chip .action-detach'), null, 'a sent question’s chips cannot be removed');
      assert.equal(turn('r1').querySelector('.body strong')?.textContent, 'keeps');
      assert.equal(turn('r1').querySelector('.model-name')?.textContent, 'llama3.2:3b');
      assert.equal(turn('r1').querySelector('.code-block .code-language')?.textContent, 'ts');
      assert.equal($('#conversation-title').textContent, 'Closures in TypeScript');
      assert.equal($('#empty').hidden, true);
    });

    it('shows the chips for the next question, each removable', () => {
      const { show, $$, click, host } = setup();
      show(STATE);
      const chips = $$('#chips .chip');
      assert.deepEqual(
        chips.map((c) => [c.dataset.chipId, c.className, c.querySelector('span')?.textContent]),
        [
          ['p1', 'chip chip-file', 'stats.py'],
          ['p2', 'chip chip-diagnostics', 'Problems in stats.py'],
        ],
      );
      const remove = chips[1].querySelector('.action-detach')!;
      assert.equal(remove.getAttribute('aria-label'), 'Remove Problems in stats.py');
      click(remove);
      assert.deepEqual(host.sent, [{ type: 'detach', id: 'p2' }]);
    });

    it('shows the notice, and Dismiss asks the extension to clear it', () => {
      const { show, $, click, host } = setup();
      show(STATE);
      assert.equal($('#notice').hidden, false);
      assert.equal($('#notice-text').textContent, STATE.notice);
      click($('#notice-dismiss'));
      assert.deepEqual(host.sent, [{ type: 'dismissNotice' }]);
      show({ ...STATE, notice: undefined });
      assert.equal($('#notice').hidden, true);
      assert.equal($('#notice-text').textContent, '');
    });

    it('lists the models with the one in use selected, and posts the one picked', () => {
      const { show, $, $$, host, window } = setup();
      show(STATE);
      const select = $<HTMLSelectElement>('#model');
      assert.deepEqual(
        $$<HTMLOptionElement>('#model option').map((o) => o.value),
        ['llama3.2:3b', 'qwen2.5-coder:7b'],
      );
      assert.equal(select.value, 'qwen2.5-coder:7b');
      select.value = 'llama3.2:3b';
      select.dispatchEvent(new window.Event('change', { bubbles: true }));
      assert.deepEqual(host.sent, [{ type: 'pickModel', model: 'llama3.2:3b' }]);
      // A configured model the server does not list is still shown, first.
      show({ ...STATE, model: 'custom:latest' });
      assert.deepEqual(
        $$<HTMLOptionElement>('#model option').map((o) => o.value),
        ['custom:latest', 'llama3.2:3b', 'qwen2.5-coder:7b'],
      );
      assert.equal(select.value, 'custom:latest');
    });

    it('shows the history only when toggled, marks the open conversation, and posts open / rename / delete', () => {
      const { show, $, $$, click, host, saved } = setup();
      show(STATE);
      assert.equal($('#history').hidden, true);
      assert.equal($('#history-toggle').getAttribute('aria-expanded'), 'false');
      click($('#history-toggle'));
      assert.equal($('#history').hidden, false);
      assert.equal($('#history-toggle').getAttribute('aria-expanded'), 'true');
      assert.equal(saved().historyOpen, true);
      const items = $$('#history-list li');
      assert.deepEqual(
        items.map((li) => [li.dataset.conversationId, li.querySelector('.history-title')?.textContent, li.getAttribute('aria-current')]),
        [
          ['c1', 'Closures in TypeScript', 'true'],
          ['c0', 'Older chat', null],
        ],
      );
      click(items[1].querySelector('.action-rename')!);
      click(items[1].querySelector('.action-delete')!);
      click(items[1].querySelector('.action-open')!);
      assert.deepEqual(host.sent, [
        { type: 'rename', id: 'c0' },
        { type: 'delete', id: 'c0' },
        { type: 'open', id: 'c0' },
      ]);
      assert.equal($('#history').hidden, true, 'opening one closes the list');
      click($('#history-toggle'));
      click($('#history-toggle'));
      assert.equal($('#history').hidden, true);
    });

    it('says when there is no saved conversation', () => {
      const { show, $, click } = setup();
      show({ ...STATE, history: [] });
      click($('#history-toggle'));
      assert.equal($('#history-list').textContent, 'No saved conversations yet.');
    });

    it('shows the empty hint and no turns for a new conversation', () => {
      const { show, $, $$ } = setup();
      show(STATE);
      show({ ...STATE, conversationId: 'c2', title: 'New chat', turns: [], pending: [], notice: undefined });
      assert.equal($$('#log > *').length, 0);
      assert.equal($('#empty').hidden, false);
      assert.equal($$('#chips .chip').length, 0);
    });

    it('keeps the DOM of turns that stay, and removes turns that go', () => {
      const { show, turn, $$ } = setup();
      show(STATE);
      const q1 = turn('q1');
      const r1 = turn('r1');
      const r1Blocks = Array.from(r1.querySelectorAll('.md-block'));
      show({ ...STATE, turns: [...STATE.turns, user('q3', 'More?'), answer('r3', 'Yes.')] });
      assert.equal(turn('q1'), q1);
      assert.equal(turn('r1'), r1);
      assert.deepEqual(Array.from(r1.querySelectorAll('.md-block')), r1Blocks, 'the answer was not rendered again');
      show({ ...STATE, turns: [STATE.turns[0], user('q2b', 'Edited'), answer('r2b', 'New')] });
      assert.deepEqual(
        $$('#log > .turn').map((t) => t.dataset.turnId),
        ['q1', 'q2b', 'r2b'],
      );
      assert.equal(turn('q1'), q1);
      assert.equal(r1.isConnected, false);
    });

    it('shows a failed answer’s error and a stopped answer’s mark', () => {
      const { show, turn } = setup();
      show({
        ...STATE,
        turns: [user('q1', 'a'), answer('r1', 'Part', { stopped: true }), user('q2', 'b'), answer('r2', '', { error: 'Ollama is not reachable at http://127.0.0.1:11434.' })],
      });
      assert.equal(turn('r1').querySelector('.stopped')?.textContent, 'Stopped.');
      const error = turn('r2').querySelector('.error');
      assert.equal(error?.textContent, 'Ollama is not reachable at http://127.0.0.1:11434.');
      assert.equal(error?.getAttribute('role'), 'alert');
    });
  });

  describe('streaming', () => {
    const streamingState: ChatViewState = { ...STATE, streaming: true, turns: [...STATE.turns, user('q3', 'Explain reduce'), answer('r3', '')] };

    it('appends streamed text to the last answer, rendering once per frame', () => {
      const { view, show, frames, frame, turn } = setup();
      show(streamingState);
      for (const text of ['`reduce` folds ', 'a list ', 'into **one** value.']) view.receive({ type: 'append', text });
      assert.equal(frames.length, 1, 'one render scheduled for three pieces');
      assert.equal(turn('r3').querySelector('.body')?.textContent?.trim(), '', 'nothing rendered before the frame');
      frame();
      assert.equal(turn('r3').querySelector('.body')?.textContent?.trim(), 'reduce folds a list into one value.');
      assert.equal(turn('r3').querySelector('.body strong')?.textContent, 'one');
      assert.ok(turn('r3').classList.contains('streaming'));
      view.receive({ type: 'append', text: ' More.' });
      assert.equal(frames.length, 1, 'the next piece schedules the next frame');
      frame();
      assert.match(turn('r3').textContent!, /one value\. More\./);
    });

    it('ignores appends when the last turn is not an answer', () => {
      const { view, show, frames, turn } = setup();
      show({ ...STATE, turns: [user('q1', 'Hi')] });
      view.receive({ type: 'append', text: 'stray' });
      assert.equal(frames.length, 0);
      assert.doesNotMatch(turn('q1').textContent!, /stray/);
    });

    it('shows Stop instead of Send, hides Edit and Regenerate, and Escape or Stop post stop', () => {
      const { show, $, $$, key, click, host, input, doc } = setup();
      show(streamingState);
      assert.equal($('#stop').hidden, false);
      assert.equal($('#send').hidden, true);
      assert.equal(doc.body.dataset.streaming, 'true');
      assert.equal($$('.action-edit').length, 0);
      assert.equal($$('.action-regenerate').length, 0);
      input.value = 'typed meanwhile';
      key('Enter');
      assert.deepEqual(host.sent, [], 'no send while streaming');
      assert.equal(input.value, 'typed meanwhile', 'the text stays');
      key('Escape');
      click($('#stop'));
      assert.deepEqual(host.sent, [{ type: 'stop' }, { type: 'stop' }]);
    });

    it('a 2,000-line answer streamed in 200 pieces keeps the earlier blocks’ DOM: only the last block is rendered again', function () {
      this.timeout(120_000); // jsdom's parser and DOMPurify are slow; nothing here measures time
      const sections = Array.from({ length: 100 }, (_, i) => [`Step ${i}: the values are summed and then **divided** by their count.`, '', '```python', ...Array.from({ length: 16 }, (_, j) => `total_${i} = total_${i} + values[${j}]  # line ${j}`), '```', ''].join('\n'));
      const text = sections.join('\n');
      assert.ok(text.split('\n').length >= 2000, `${text.split('\n').length} lines`);
      const size = Math.ceil(text.length / 200);
      const pieces = Array.from({ length: Math.ceil(text.length / size) }, (_, i) => text.slice(i * size, (i + 1) * size));
      assert.equal(pieces.length, 200);

      const { view, show, frame, turn } = setup();
      show(streamingState);
      const earlierTurns = ['q1', 'r1', 'q2', 'r2'].map((id) => turn(id));
      const earlierBodies = earlierTurns.map((t) => Array.from(t.querySelectorAll('.body *')));
      const body = turn('r3').querySelector('.body')!;
      const created = new Set<Element>();
      let previous: Element[] = [];
      for (const piece of pieces) {
        view.receive({ type: 'append', text: piece });
        frame();
        const blocks = Array.from(body.querySelectorAll(':scope > .md-block'));
        blocks.forEach((b) => created.add(b));
        // Every block that was complete before this frame is the very same element, in the same place.
        const complete = previous.slice(0, -1);
        complete.forEach((b, i) => assert.equal(blocks[i], b, `block ${i} kept`));
        previous = blocks;
      }
      const blocks = Array.from(body.querySelectorAll(':scope > .md-block'));
      assert.equal(blocks.length, 200, '100 paragraphs and 100 code blocks');
      // Each frame renders at most the block that was growing plus the new ones: never the whole answer again.
      assert.ok(created.size <= blocks.length + pieces.length, `${created.size} block renders for ${blocks.length} blocks in ${pieces.length} frames`);
      assert.equal(body.querySelectorAll('.code-block').length, 100);
      assert.match(blocks.at(-1)!.textContent!, /total_99 = total_99 \+ values\[15\]/);
      // The other turns were not touched.
      ['q1', 'r1', 'q2', 'r2'].forEach((id, i) => {
        assert.equal(turn(id), earlierTurns[i]);
        assert.deepEqual(Array.from(earlierTurns[i].querySelectorAll('.body *')), earlierBodies[i]);
      });
    });

    it('when the answer ends, shows the model and Regenerate on it', () => {
      const { show, turn } = setup();
      show(streamingState);
      assert.equal(turn('r3').querySelector('.model-name'), null);
      show({ ...streamingState, streaming: false, turns: [...streamingState.turns.slice(0, -1), answer('r3', 'Done.', { model: 'llama3.2:3b' })] });
      assert.equal(turn('r3').querySelector('.model-name')?.textContent, 'llama3.2:3b');
      assert.ok(turn('r3').querySelector('.action-regenerate'));
      assert.equal(turn('r3').classList.contains('streaming'), false);
    });
  });

  describe('the message box', () => {
    it('Enter sends the text and clears the box and the saved draft', () => {
      const { show, key, type, host, input, saved } = setup();
      show(STATE);
      type('Why is this slow?\nIt takes 3 s.');
      assert.equal(saved().draft, 'Why is this slow?\nIt takes 3 s.', 'the draft is kept while typing');
      assert.equal(key('Enter'), true, 'Enter does not type a new line');
      assert.deepEqual(host.sent, [{ type: 'send', text: 'Why is this slow?\nIt takes 3 s.' }]);
      assert.equal(input.value, '');
      assert.equal(saved().draft, '');
    });

    it('Shift+Enter does not send (it types a new line)', () => {
      const { show, key, type, host, input } = setup();
      show(STATE);
      type('first line');
      assert.equal(key('Enter', { shiftKey: true }), false);
      assert.deepEqual(host.sent, []);
      assert.equal(input.value, 'first line');
    });

    it('the Send button sends too', () => {
      const { show, type, click, $, host } = setup();
      show(STATE);
      type('Hello');
      click($('#send'));
      assert.deepEqual(host.sent, [{ type: 'send', text: 'Hello' }]);
    });

    it('does not send an empty box, unless context is attached', () => {
      const { show, key, type, host } = setup();
      show({ ...STATE, pending: [] });
      type('   ');
      key('Enter');
      assert.deepEqual(host.sent, []);
      show(STATE);
      type('');
      key('Enter');
      assert.deepEqual(host.sent, [{ type: 'send', text: '' }]);
    });

    it('Escape when not streaming posts nothing', () => {
      const { show, key, host } = setup();
      show(STATE);
      key('Escape');
      assert.deepEqual(host.sent, []);
    });

    it('"@" at the start of a word asks to pick context instead of typing it', () => {
      const { show, key, type, host } = setup();
      show(STATE);
      type('');
      assert.equal(key('@'), true);
      type('explain ');
      assert.equal(key('@'), true);
      type('line one\n');
      assert.equal(key('@'), true);
      assert.deepEqual(host.sent, [
        { type: 'attach', what: 'pick' },
        { type: 'attach', what: 'pick' },
        { type: 'attach', what: 'pick' },
      ]);
    });

    it('"@" inside a word (an email address) is typed as it is', () => {
      const { show, key, type, host } = setup();
      show(STATE);
      type('write to bob');
      assert.equal(key('@'), false);
      assert.deepEqual(host.sent, []);
    });

    it('the attach buttons post what to attach', () => {
      const { show, click, $, host } = setup();
      show(STATE);
      for (const id of ['attach-selection', 'attach-file', 'attach-diagnostics', 'attach-pick']) click($(`#${id}`));
      assert.deepEqual(host.sent, [
        { type: 'attach', what: 'selection' },
        { type: 'attach', what: 'file' },
        { type: 'attach', what: 'diagnostics' },
        { type: 'attach', what: 'pick' },
      ]);
    });

    it('focusInput puts the cursor in the box', () => {
      const { view, input, doc } = setup();
      view.receive({ type: 'focusInput' });
      assert.equal(doc.activeElement, input);
    });
  });

  describe('editing and regenerating', () => {
    it('Edit fills the box with the question, and the next send replaces it', () => {
      const { show, click, turn, input, key, host, $, saved } = setup();
      show(STATE);
      click(turn('q2').querySelector('.action-edit')!);
      assert.equal(input.value, 'And how do I sum a list?');
      assert.equal($('#editing').hidden, false);
      assert.ok(turn('q2').classList.contains('editing'));
      assert.equal(saved().editing, 'q2');
      input.value = 'And how do I sum a list in Python?';
      key('Enter');
      assert.deepEqual(host.sent, [{ type: 'send', text: 'And how do I sum a list in Python?', replacing: 'q2' }]);
      assert.equal($('#editing').hidden, true);
      // The send after that is a new question again.
      input.value = 'Next';
      show({ ...STATE, streaming: false });
      key('Enter');
      assert.deepEqual(host.sent[1], { type: 'send', text: 'Next' });
    });

    it('Cancel (or Escape) leaves editing without sending', () => {
      const { show, click, turn, input, key, host, $ } = setup();
      show(STATE);
      click(turn('q1').querySelector('.action-edit')!);
      click($('#cancel-edit'));
      assert.equal(input.value, '');
      assert.equal($('#editing').hidden, true);
      click(turn('q1').querySelector('.action-edit')!);
      key('Escape');
      assert.equal($('#editing').hidden, true);
      input.value = 'fresh';
      key('Enter');
      assert.deepEqual(host.sent, [{ type: 'send', text: 'fresh' }]);
    });

    it('forgets the edit when the edited question is gone from the state', () => {
      const { show, click, turn, input, key, host } = setup();
      show(STATE);
      click(turn('q2').querySelector('.action-edit')!);
      show({ ...STATE, turns: STATE.turns.slice(0, 2) });
      input.value = 'something else';
      key('Enter');
      assert.deepEqual(host.sent, [{ type: 'send', text: 'something else' }]);
    });

    it('offers Regenerate only on the last answer, and it posts regenerate', () => {
      const { show, $$, turn, click, host } = setup();
      show(STATE);
      const buttons = $$('.action-regenerate');
      assert.equal(buttons.length, 1);
      assert.equal(buttons[0].closest('.turn'), turn('r2'));
      assert.equal($$('.action-edit').length, 2, 'every question can be edited');
      click(buttons[0]);
      assert.deepEqual(host.sent, [{ type: 'regenerate' }]);
      show({ ...STATE, turns: [...STATE.turns, user('q3', 'pending question')] });
      assert.equal($$('.action-regenerate').length, 0, 'not when the last turn is a question');
    });
  });

  describe('code blocks and links in answers', () => {
    it('Copy, Insert, Apply and New File post the block’s code; Apply and New File with its language', () => {
      const { show, turn, click, host } = setup();
      show(STATE);
      const block = turn('r1').querySelector('.code-block')!;
      const labels = Array.from(block.querySelectorAll('.code-action')).map((b) => b.textContent);
      assert.deepEqual(labels, ['Copy', 'Insert', 'Apply', 'New File']);
      for (const action of ['copy', 'insert', 'apply', 'saveAs']) click(block.querySelector(`.code-action[data-action="${action}"]`)!);
      const code = 'const add = (a: number) => (b: number) => a + b;\n';
      assert.deepEqual(host.sent, [
        { type: 'copy', code },
        { type: 'insert', code },
        { type: 'apply', code, language: 'ts' },
        { type: 'saveAs', code, language: 'ts' },
      ]);
      assert.equal(block.querySelector('.code-action[data-action="copy"]')?.textContent, 'Copied');
    });

    it('a block without a language posts no language', () => {
      const { show, turn, click, host } = setup();
      show(STATE);
      const block = turn('r2').querySelector('.code-block')!;
      click(block.querySelector('.code-action[data-action="apply"]')!);
      click(block.querySelector('.code-action[data-action="saveAs"]')!);
      assert.deepEqual(host.sent, [
        { type: 'apply', code: 'xs.reduce((s, x) => s + x, 0)\n' },
        { type: 'saveAs', code: 'xs.reduce((s, x) => s + x, 0)\n' },
      ]);
    });

    it('a web link posts openLink and does not navigate', () => {
      const { show, turn, window, host } = setup();
      show(STATE);
      const link = turn('r1').querySelector('a')!;
      assert.equal(link.getAttribute('href'), 'https://developer.mozilla.org/docs/Web/JavaScript/Closures');
      const event = new window.MouseEvent('click', { bubbles: true, cancelable: true });
      link.dispatchEvent(event);
      assert.equal(event.defaultPrevented, true);
      assert.deepEqual(host.sent, [{ type: 'openLink', href: 'https://developer.mozilla.org/docs/Web/JavaScript/Closures' }]);
    });

    it('a javascript: or data: link (had one got through) posts nothing and does not navigate', () => {
      const { show, turn, window, doc, host } = setup();
      show(STATE);
      for (const href of ['javascript:alert(1)', 'data:text/html,<script>alert(1)</script>', '#L12', 'command:workbench.action.reloadWindow']) {
        const link = doc.createElement('a');
        link.setAttribute('href', href);
        const inner = doc.createElement('span');
        inner.textContent = 'click';
        link.append(inner);
        turn('r1').querySelector('.body')!.append(link);
        const event = new window.MouseEvent('click', { bubbles: true, cancelable: true });
        inner.dispatchEvent(event);
        assert.equal(event.defaultPrevented, true, href);
      }
      assert.deepEqual(host.sent, []);
    });
  });

  describe('workspace code an answer was given (@codebase)', () => {
    const SOURCES = [
      { path: 'src/price.ts', startLine: 1, endLine: 3, symbol: 'totalPrice' },
      { path: 'src/cart.ts', startLine: 4, endLine: 4, symbol: '' },
    ];
    const CODEBASE_STATE: ChatViewState = {
      ...STATE,
      turns: [user('q1', '@codebase where is the total computed?'), answer('r1', 'In `totalPrice` (src/price.ts:2).', { sources: SOURCES, model: 'llama3.2:3b' })],
      labels: { usedFromWorkspace: '引用自此工作区', openLines: '打开 {0} 的第 {1}–{2} 行' },
    };

    it('lists them under the answer as path:start–end links, headed in the extension\'s language', () => {
      const { show, turn } = setup();
      show(CODEBASE_STATE);
      const list = turn('r1').querySelector('.turn-footer .sources')!;
      assert.equal(list.querySelector('.sources-title')?.textContent, '引用自此工作区');
      assert.deepEqual(
        Array.from(list.querySelectorAll('li')).map((li) => li.textContent),
        ['src/price.ts:1–3 totalPrice', 'src/cart.ts:4'],
      );
      assert.equal(list.querySelector('a')?.getAttribute('title'), '打开 src/price.ts 的第 1–3 行');
    });

    it('clicking a listed chunk or a reference in the answer posts openSource with its lines, and does not navigate', () => {
      const { show, turn, window, host } = setup();
      show(CODEBASE_STATE);
      const clickLink = (a: Element) => {
        const event = new window.MouseEvent('click', { bubbles: true, cancelable: true });
        a.dispatchEvent(event);
        assert.equal(event.defaultPrevented, true);
      };
      clickLink(turn('r1').querySelector('.sources a')!);
      const inAnswer = Array.from(turn('r1').querySelectorAll('.body a.workspace-link'));
      assert.deepEqual(inAnswer.map((a) => a.textContent), ['totalPrice', 'src/price.ts:2']);
      inAnswer.forEach(clickLink);
      assert.deepEqual(host.sent, [
        { type: 'openSource', path: 'src/price.ts', line: 1, endLine: 3 },
        { type: 'openSource', path: 'src/price.ts', line: 1, endLine: 3 },
        { type: 'openSource', path: 'src/price.ts', line: 2, endLine: 2 },
      ]);
    });

    it('a note says why the list is short; without sources there is no list', () => {
      const { show, turn } = setup();
      show({ ...STATE, turns: [user('q1', '@codebase where?'), answer('r1', 'No idea.', { sources: [], codebaseNote: 'Codebase index is off: enable fathom.codebase.enabled.' })] });
      assert.equal(turn('r1').querySelector('.codebase-note')?.textContent, 'Codebase index is off: enable fathom.codebase.enabled.');
      assert.equal(turn('r1').querySelector('.sources'), null);
      show(STATE);
      assert.equal(turn('r1').querySelector('.sources, .codebase-note'), null);
    });

    it('references are linked as the answer streams in', () => {
      const { view, frame, turn } = setup();
      view.receive({ type: 'state', state: { ...CODEBASE_STATE, streaming: true, turns: [CODEBASE_STATE.turns[0], answer('r1', 'See ', { sources: SOURCES })] } });
      frame();
      view.receive({ type: 'append', text: 'src/price.ts:2 first.\n\nThen `totalPrice`' });
      frame();
      assert.deepEqual(Array.from(turn('r1').querySelectorAll('.body a.workspace-link')).map((a) => a.textContent), ['src/price.ts:2', 'totalPrice']);
    });

    it('"@codebase" picked after "@" is typed at the cursor', () => {
      const { view, type, input, saved } = setup();
      type('where is the total computed?');
      input.setSelectionRange(0, 0);
      view.receive({ type: 'insertText', text: '@codebase ' });
      assert.equal(input.value, '@codebase where is the total computed?');
      assert.equal(input.selectionStart, '@codebase '.length);
      assert.equal(saved().draft, input.value);
    });
  });

  describe('coming back (the webview was hidden and shown again)', () => {
    it('restores the conversation, the draft and the open history from the saved state', () => {
      const first = setup();
      first.show(STATE);
      first.type('half a question');
      first.click(first.$('#history-toggle'));
      const saved = structuredClone(first.saved());
      assert.deepEqual(saved.chat, STATE);

      const again = setup(saved);
      assert.deepEqual(
        again.$$('#log > .turn').map((t) => t.dataset.turnId),
        ['q1', 'r1', 'q2', 'r2'],
        'shown at once, before the extension sends anything',
      );
      assert.equal(again.turn('r1').querySelector('.body strong')?.textContent, 'keeps');
      assert.equal(again.input.value, 'half a question');
      assert.equal(again.$('#history').hidden, false);
      assert.equal(again.$('#conversation-title').textContent, 'Closures in TypeScript');
    });

    it('restores an edit in progress: the next send still replaces the question', () => {
      const first = setup();
      first.show(STATE);
      first.click(first.turn('q2').querySelector('.action-edit')!);
      const again = setup(structuredClone(first.saved()));
      assert.equal(again.input.value, 'And how do I sum a list?');
      assert.equal(again.$('#editing').hidden, false);
      again.key('Enter');
      assert.deepEqual(again.host.sent, [{ type: 'send', text: 'And how do I sum a list?', replacing: 'q2' }]);
    });

    it('starts empty from a missing or malformed saved state', () => {
      for (const state of [undefined, null, 'junk', { chat: { turns: 'no' }, draft: 5 }, { chat: null }]) {
        const { $, $$, input } = setup(state as never);
        assert.equal($$('#log > *').length, 0, JSON.stringify(state));
        assert.equal($('#empty').hidden, false);
        assert.equal(input.value, '');
      }
    });
  });

  describe('model output is never trusted', () => {
    const ATTACKS = [
      '<script>alert(1)</script>',
      '<img src=x onerror="alert(1)">',
      '<svg onload=alert(1)><circle r="5"/></svg>',
      '<style>body { display: none }</style>',
      '<iframe src="https://evil.example"></iframe>',
      '<object data="x.swf"></object><embed src="x.swf">',
      '<a href="javascript:alert(1)">html link</a>',
      '[click me](javascript:alert(1))',
      '[click me](JaVaScRiPt:alert(1))',
      '[click me](java\tscript:alert(1))',
      '[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
      '![img](javascript:alert(1))',
      '![img](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)',
      '[ref link][1]\n\n[1]: javascript:alert(1)',
      '<javascript:alert(1)>',
      '[x](&#106;avascript:alert(1))',
      '<details open ontoggle=alert(1)>',
      '<form action="javascript:alert(1)"><button>go</button></form>',
      '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
      '```html\n<script>alert("in code is fine as text")</script>\n```',
      '<div style="background:url(javascript:alert(1))" onclick="alert(1)">styled</div>',
      '<base href="javascript:/">',
      '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    ].join('\n\n');

    function assertSafe(root: Element) {
      assert.deepEqual(
        Array.from(root.querySelectorAll('script, iframe, style, object, embed, form, base, meta, frame, frameset, link')).map((e) => e.outerHTML),
        [],
        'no active elements',
      );
      for (const el of Array.from(root.querySelectorAll('*'))) {
        for (const attr of Array.from(el.attributes)) {
          assert.doesNotMatch(attr.name, /^on/i, `${el.tagName} has ${attr.name}`);
          if (['href', 'src', 'xlink:href', 'action', 'formaction', 'data'].includes(attr.name.toLowerCase())) {
            assert.doesNotMatch([...attr.value].filter((c) => c.charCodeAt(0) > 32).join(''), /^(javascript|data|vbscript):/i, `${el.tagName} ${attr.name}="${attr.value}"`);
          }
          assert.notEqual(attr.name.toLowerCase(), 'style', `${el.tagName} keeps a style attribute`);
        }
      }
    }

    it('leaves no script, frame, style, event handler or javascript:/data: link in a finished answer', () => {
      const { show, $, doc } = setup();
      show({ ...STATE, turns: [user('q1', 'Show me'), answer('r1', ATTACKS)] });
      assertSafe($('#log'));
      assert.deepEqual(
        Array.from(doc.querySelectorAll('script')).map((s) => s.getAttribute('nonce')),
        ['TESTNONCE'],
        'the page’s own script is the only one',
      );
      assert.match($('#log').textContent!, /in code is fine as text/, 'code shows the markup as text');
    });

    it('is just as safe while the answer streams in pieces', () => {
      const { view, show, frame, $ } = setup();
      show({ ...STATE, streaming: true, turns: [user('q1', 'Show me'), answer('r1', '')] });
      for (let i = 0; i < ATTACKS.length; i += 7) {
        view.receive({ type: 'append', text: ATTACKS.slice(i, i + 7) });
        frame();
        assertSafe($('#log'));
      }
    });

    it('shows markup in questions, chips, titles, notices, models and history as text', () => {
      const { show, $, click, doc } = setup();
      const evil = '<img src=x onerror=alert(1)><script>alert(2)</script>';
      show({
        ...STATE,
        title: evil,
        notice: evil,
        turns: [user('q1', evil, [{ id: 'a', kind: 'file', label: evil }]), answer('r1', 'ok', { model: evil, error: evil })],
        pending: [{ id: 'p', kind: 'file"><img src=x onerror=alert(1)>', label: evil }],
        history: [{ id: 'c1', title: evil, updatedAt: 1, turns: 2 }],
        models: [evil],
        model: evil,
      });
      click($('#history-toggle'));
      for (const part of ['#log', '#chips', '#history', '#notice', '#conversation-title', '#model', '#toolbar']) assertSafe($(part));
      assert.equal(doc.querySelectorAll('img').length, 0);
      assert.equal($('#conversation-title').textContent, evil);
      assert.equal(doc.querySelector('.turn.user .question')?.textContent, evil);
      assert.equal(doc.querySelectorAll('script').length, 1);
    });
  });
});

describe('chat view: "/" completes the slash commands', () => {
  const COMMANDS = [
    { name: 'explain', description: 'Explain the selected code' },
    { name: 'fix', description: 'Fix the selected code' },
    { name: 'tests', description: 'Write tests' },
    { name: 'doc', description: 'Add doc comments' },
    { name: 'commit', description: 'Write a commit message' },
  ];
  const withCommands = { ...STATE, slashCommands: COMMANDS };
  const names = ($$: ReturnType<typeof setup>['$$']) => $$('#slash-menu li').map((li) => li.dataset.slash);

  it('"/" at the start offers every command with its description; typing narrows the list', () => {
    const { show, type, $, $$ } = setup();
    show(withCommands);
    assert.equal($('#slash-menu').hidden, true);
    type('/');
    assert.equal($('#slash-menu').hidden, false);
    assert.deepEqual(names($$), ['explain', 'fix', 'tests', 'doc', 'commit']);
    assert.equal($('#slash-menu li .slash-description').textContent, 'Explain the selected code');
    assert.equal($('#input').getAttribute('aria-expanded'), 'true');
    type('/t');
    assert.deepEqual(names($$), ['tests']);
    type('/zz');
    assert.equal($('#slash-menu').hidden, true);
    type('/fix it');
    assert.equal($('#slash-menu').hidden, true, 'closed once the command is followed by a space');
    type('please /fix');
    assert.equal($('#slash-menu').hidden, true, 'only at the start');
  });

  it('arrows move, Enter picks the command instead of sending, and the box reads "/name "', () => {
    const { show, type, key, input, host, $, $$ } = setup();
    show(withCommands);
    type('/');
    assert.equal(key('ArrowDown'), true);
    assert.equal(key('ArrowDown'), true);
    assert.equal($$('#slash-menu li[aria-selected="true"]')[0].dataset.slash, 'tests');
    assert.equal(key('ArrowUp'), true);
    assert.equal(key('Enter'), true);
    assert.equal(input.value, '/fix ');
    assert.equal(input.selectionStart, 5);
    assert.equal($('#slash-menu').hidden, true);
    assert.deepEqual(host.sent, [], 'nothing sent while picking');
    key('Enter');
    assert.deepEqual(host.sent, [{ type: 'send', text: '/fix ' }], 'the next Enter sends');
  });

  it('Tab picks, ArrowUp wraps to the last, Escape closes the list without stopping anything, a click picks', () => {
    const { show, type, key, input, host, $, window } = setup();
    show(withCommands);
    type('/');
    key('ArrowUp');
    assert.equal(key('Tab'), true);
    assert.equal(input.value, '/commit ');
    type('/d');
    assert.equal(key('Escape'), true);
    assert.equal($('#slash-menu').hidden, true);
    assert.equal(input.value, '/d');
    type('/e');
    $('#slash-menu li .slash-name').dispatchEvent(new window.MouseEvent('mousedown', { bubbles: true, cancelable: true }));
    assert.equal(input.value, '/explain ');
    assert.deepEqual(host.sent, []);
  });

  it('without the extension\'s list (an old saved state) nothing is offered and "/" is typed as it is', () => {
    const { show, type, key, $ } = setup();
    show(STATE);
    type('/');
    assert.equal($('#slash-menu').hidden, true);
    assert.equal(key('Enter'), true, 'Enter sends as before');
  });
});
