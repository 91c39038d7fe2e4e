/** Messages from the chat webview are untrusted (it renders model output): only well-formed ones get through. */
import assert from 'node:assert/strict';
import { parseFromChat, type FromChat } from '../../../src/webview/chat/protocol';

describe('webview: chat messages from the view', () => {
  it('accepts every valid message as it is', () => {
    const valid: FromChat[] = [
      { type: 'ready' },
      { type: 'stop' },
      { type: 'regenerate' },
      { type: 'newChat' },
      { type: 'dismissNotice' },
      { type: 'send', text: 'Why is this slow?' },
      { type: 'send', text: 'Edited', replacing: 'mabc123-9xyz' },
      { type: 'send', text: '' },
      { type: 'attach', what: 'selection' },
      { type: 'attach', what: 'file' },
      { type: 'attach', what: 'diagnostics' },
      { type: 'attach', what: 'pick' },
      { type: 'detach', id: 'att-1' },
      { type: 'open', id: 'c1' },
      { type: 'rename', id: 'c1' },
      { type: 'delete', id: 'c1' },
      { type: 'copy', code: 'let x = 1;' },
      { type: 'insert', code: 'let x = 1;' },
      { type: 'apply', code: 'def f(): pass', language: 'python' },
      { type: 'apply', code: 'x' },
      { type: 'saveAs', code: 'int main() {}', language: 'c++' },
      { type: 'saveAs', code: 'x', language: 'objective-c' },
      { type: 'saveAs', code: 'x', language: 'c#' },
      { type: 'openLink', href: 'https://code.visualstudio.com/docs' },
      { type: 'openLink', href: 'HTTP://example.com' },
      { type: 'pickModel', model: 'qwen2.5-coder:7b' },
      { type: 'openSource', path: 'src/price.ts', line: 1, endLine: 3 },
    ];
    for (const message of valid) assert.deepEqual(parseFromChat(message), message, JSON.stringify(message));
  });

  it('drops fields it does not know', () => {
    assert.deepEqual(parseFromChat({ type: 'stop', evil: '<script>' }), { type: 'stop' });
    assert.deepEqual(parseFromChat({ type: 'copy', code: 'x', language: 'js' }), { type: 'copy', code: 'x' });
    assert.deepEqual(parseFromChat({ type: 'open', id: 'c1', path: '/etc/passwd' }), { type: 'open', id: 'c1' });
  });

  it('rejects what is not a message', () => {
    for (const value of [null, undefined, 'stop', 42, [], {}, { type: 5 }, { type: 'unknown' }, { type: 'toString' }, { type: '__proto__' }]) {
      assert.equal(parseFromChat(value), undefined, JSON.stringify(value));
    }
  });

  it('rejects wrong shapes', () => {
    const wrong: unknown[] = [
      { type: 'send' },
      { type: 'send', text: 42 },
      { type: 'send', text: ['a'] },
      { type: 'attach' },
      { type: 'attach', what: 'workspace' },
      { type: 'attach', what: 'toString' },
      { type: 'copy' },
      { type: 'insert', code: { text: 'x' } },
      { type: 'apply', code: null },
      { type: 'saveAs' },
      { type: 'pickModel' },
      { type: 'pickModel', model: '' },
      { type: 'pickModel', model: 'm'.repeat(201) },
      { type: 'openLink' },
      { type: 'openSource', path: 'src/price.ts', line: 0, endLine: 3 },
      { type: 'openSource', path: 'src/price.ts', line: 4, endLine: 3 },
      { type: 'openSource', path: 'src/price.ts', line: 1.5, endLine: 3 },
      { type: 'openSource', path: '', line: 1, endLine: 1 },
      { type: 'openSource', path: 7, line: 1, endLine: 1 },
      { type: 'openSource', path: 'src/price.ts', line: '1', endLine: 1 },
      { type: 'detach' },
      { type: 'open' },
    ];
    for (const message of wrong) assert.equal(parseFromChat(message), undefined, JSON.stringify(message));
  });

  it('rejects bad ids, and drops a bad `replacing` rather than replacing something else', () => {
    for (const type of ['detach', 'open', 'rename', 'delete']) {
      for (const id of ['', '../chat-x', 'a/b', 'a b', 'x'.repeat(65), 7, null]) {
        assert.equal(parseFromChat({ type, id }), undefined, `${type} ${JSON.stringify(id)}`);
      }
    }
    assert.deepEqual(parseFromChat({ type: 'send', text: 'hi', replacing: '../x' }), { type: 'send', text: 'hi' });
    assert.deepEqual(parseFromChat({ type: 'send', text: 'hi', replacing: 3 }), { type: 'send', text: 'hi' });
  });

  it('only opens http and https links', () => {
    for (const href of ['javascript:alert(1)', 'JavaScript:alert(1)', ' javascript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'file:///etc/passwd', 'command:workbench.action.terminal.new', 'vscode://settings', '//evil.example', 'https:evil', 'mailto:a@b.c', '', 5]) {
      assert.equal(parseFromChat({ type: 'openLink', href }), undefined, String(href));
    }
  });

  it('drops a language that is not a plain language name, keeping the code', () => {
    for (const language of ['', 'x'.repeat(33), 'py thon', '"><img>', '../../x', 'js;rm', 5]) {
      const parsed = parseFromChat({ type: 'apply', code: 'x', language });
      assert.deepEqual(parsed, { type: 'apply', code: 'x' }, JSON.stringify(language));
      assert.deepEqual(parseFromChat({ type: 'saveAs', code: 'x', language }), { type: 'saveAs', code: 'x' });
    }
  });

  it('rejects text and code over 2,000,000 characters', () => {
    const huge = 'x'.repeat(2_000_001);
    const max = 'x'.repeat(2_000_000);
    assert.equal(parseFromChat({ type: 'send', text: huge }), undefined);
    assert.equal(parseFromChat({ type: 'copy', code: huge }), undefined);
    assert.equal(parseFromChat({ type: 'apply', code: huge, language: 'ts' }), undefined);
    assert.deepEqual(parseFromChat({ type: 'send', text: max }), { type: 'send', text: max });
    assert.deepEqual(parseFromChat({ type: 'insert', code: max }), { type: 'insert', code: max });
  });
});
