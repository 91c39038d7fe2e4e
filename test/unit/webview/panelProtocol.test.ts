import * as assert from 'node:assert/strict';
import { parseFromPanel } from '../../../src/webview/panel/protocol';

describe('webview protocol: messages from the panel are checked before the extension acts', () => {
  it('accepts every well-formed message', () => {
    const valid = [
      { type: 'ready' },
      { type: 'copy', code: 'x' },
      { type: 'insert', code: 'x' },
      { type: 'insert', code: 'x', language: 'ts' },
      { type: 'reveal', line: 3 },
      { type: 'reveal', line: 3, endLine: 5 },
      { type: 'openLink', href: 'https://example.com/a' },
      { type: 'continueInChat' },
      { type: 'openPromptFile' },
      { type: 'openSource', index: 0 },
    ];
    for (const m of valid) assert.deepEqual(parseFromPanel(m), m);
  });

  it('keeps only the fields it knows', () => {
    assert.deepEqual(parseFromPanel({ type: 'ready', extra: 1 }), { type: 'ready' });
    assert.deepEqual(parseFromPanel({ type: 'openPromptFile', path: '/etc/passwd' }), { type: 'openPromptFile' }, 'the page never names the file to open');
    assert.deepEqual(parseFromPanel({ type: 'reveal', line: 8, endLine: 2 }), { type: 'reveal', line: 8 }, 'a backwards range is its first line');
    assert.deepEqual(parseFromPanel({ type: 'openSource', index: 2, path: '/etc/passwd' }), { type: 'openSource', index: 2 }, 'a listed source is named by its place, never by a path');
  });

  it('refuses anything else', () => {
    const invalid: unknown[] = [
      undefined,
      null,
      'ready',
      {},
      { type: 'eval', code: 'x' },
      { type: 'copy' },
      { type: 'copy', code: 3 },
      { type: 'reveal', line: 0 },
      { type: 'reveal', line: 1.5 },
      { type: 'reveal', line: '3' },
      { type: 'openSource', index: -1 },
      { type: 'openSource', index: 1.5 },
      { type: 'openSource', index: '0' },
      { type: 'openLink', href: 'javascript:alert(1)' },
      { type: 'openLink', href: 'file:///etc/passwd' },
      { type: 'openLink', href: 'command:workbench.action.terminal.new' },
      { type: 'openLink', href: 'vscode://some.extension/run' },
    ];
    for (const m of invalid) assert.equal(parseFromPanel(m), undefined, JSON.stringify(m));
  });
});
