/** The chat view underlines, in an answer's code blocks, the names the extension found nowhere in the workspace. */
import * as assert from 'node:assert/strict';
import { ChatView, type ChatHost, type SavedChatView } from '../../../src/webview/chat/chatView';
import type { ChatViewState, FromChat } from '../../../src/webview/chat/protocol';
import { chatWindow } from './dom';

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

const CODE = "import * as fs from 'node:fs';\nconst text = fs.readFileAsync(path);\nreadFileAsync(other);";
const ANSWER = `Read it:\n\n\`\`\`ts\n${CODE}\n\`\`\`\n\nAnd:\n\n\`\`\`ts\nconst same = readFileAsync;\n\`\`\`\n`;

const STATE: ChatViewState = {
  conversationId: 'c1',
  title: 'Files',
  turns: [
    { id: 'q1', role: 'user', text: 'How do I read a file?', attachments: [] },
    { id: 'r1', role: 'assistant', text: ANSWER, attachments: [] },
  ],
  streaming: false,
  pending: [],
  history: [],
  models: [],
  model: 'm',
};

describe('webview: chat code blocks mark names not found in this workspace', () => {
  function setup() {
    const window = chatWindow();
    const host = new FakeHost();
    const view = new ChatView(window.document, host, { schedule: (render) => render() });
    view.receive({ type: 'state', state: STATE });
    return { window, host, view, doc: window.document };
  }

  it('wraps each occurrence in the block the names belong to, with the title, leaving the code text as it was', () => {
    const { view, doc, host, window } = setup();
    view.receive({ type: 'unknownNames', turnId: 'r1', blocks: [{ code: CODE, names: ['readFileAsync'] }] });
    const [first, second] = Array.from(doc.querySelectorAll('.turn[data-turn-id="r1"] pre code'));
    const marks = Array.from(first.querySelectorAll('.unknown-name'));
    assert.deepEqual(marks.map((m) => m.textContent), ['readFileAsync', 'readFileAsync']);
    assert.ok(marks.every((m) => m.getAttribute('title') === 'not found in this workspace'));
    assert.equal(second.querySelectorAll('.unknown-name').length, 0, 'another block is not marked');
    assert.equal(first.textContent?.replace(/\n$/, ''), CODE);
    // Copy still posts the code as written.
    const copy = first.closest('.code-block')!.querySelector<HTMLButtonElement>('button[data-action="copy"]')!;
    copy.dispatchEvent(new window.MouseEvent('click', { bubbles: true, cancelable: true }));
    assert.deepEqual(host.sent.pop(), { type: 'copy', code: `${CODE}\n` });
  });

  it('marks once however often it renders, and a page with no names stays unmarked', () => {
    const { view, doc } = setup();
    assert.equal(doc.querySelectorAll('.unknown-name').length, 0);
    view.receive({ type: 'unknownNames', turnId: 'r1', blocks: [{ code: CODE, names: ['readFileAsync'] }] });
    view.receive({ type: 'state', state: STATE });
    assert.equal(doc.querySelectorAll('.unknown-name').length, 2);
    assert.equal(doc.querySelectorAll('.unknown-name .unknown-name').length, 0);
  });

  it('a name only inside a longer word is not marked', () => {
    const { view, doc } = setup();
    view.receive({ type: 'unknownNames', turnId: 'r1', blocks: [{ code: CODE, names: ['File'] }] });
    assert.equal(doc.querySelectorAll('.unknown-name').length, 0);
  });
});
