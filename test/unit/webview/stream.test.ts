import * as assert from 'node:assert/strict';
import { splitBlocks } from '../../../src/webview/blocks';
import { createMarkdown, createRenderer } from '../../../src/webview/render';
import { StreamingMarkdown } from '../../../src/webview/stream';
import { newWindow } from './dom';

const ANSWER = [
  '## What it does',
  '',
  '`mean` adds the values and divides by their count (line 2).',
  '',
  '```python',
  'def mean(values):',
  '    return sum(values) / len(values)',
  '```',
  '',
  '- fails on an empty list',
  '- returns a float',
  '',
  'That is all.',
].join('\n');

describe('webview: streaming an answer', () => {
  it('splits markdown into its top-level blocks', () => {
    assert.deepEqual(splitBlocks(createMarkdown(), ANSWER), [
      '## What it does',
      '`mean` adds the values and divides by their count (line 2).',
      '```python\ndef mean(values):\n    return sum(values) / len(values)\n```',
      '- fails on an empty list\n- returns a float',
      'That is all.',
    ]);
  });

  it('shows the same DOM as rendering the whole answer at once, whatever the chunking', () => {
    const window = newWindow();
    const renderer = createRenderer(window);
    const whole = window.document.createElement('div');
    new StreamingMarkdown(whole, renderer).update(ANSWER);

    for (const size of [1, 3, 7, 40]) {
      const streamed = window.document.createElement('div');
      const view = new StreamingMarkdown(streamed, renderer);
      for (let end = size; end < ANSWER.length + size; end += size) view.update(ANSWER.slice(0, end));
      assert.equal(streamed.innerHTML, whole.innerHTML, `chunks of ${size}`);
    }
  });

  it('keeps the DOM of completed blocks and re-renders only the growing last one', () => {
    const window = newWindow();
    const container = window.document.createElement('div');
    const view = new StreamingMarkdown(container, createRenderer(window));
    const cut = ANSWER.indexOf('- fails');
    view.update(ANSWER.slice(0, cut + 4));
    const before = Array.from(container.children);
    assert.equal(before.length, 4);
    const rerendered = view.update(ANSWER.slice(0, cut + 20));
    const after = Array.from(container.children);
    assert.equal(rerendered, 1, 'only the list was rendered again');
    assert.deepEqual(after.slice(0, 3), before.slice(0, 3), 'the same element objects for heading, paragraph and code');
    assert.notEqual(after[3], before[3]);
  });

  it('renders an unfinished code fence as code while it streams, then closes it', () => {
    const window = newWindow();
    const container = window.document.createElement('div');
    const view = new StreamingMarkdown(container, createRenderer(window));
    view.update('Fix:\n\n```ts\nconst a = 1;\nconst b');
    assert.equal(container.querySelector('pre code')?.textContent, 'const a = 1;\nconst b');
    view.update('Fix:\n\n```ts\nconst a = 1;\nconst b = 2;\n```\n\nDone.');
    assert.equal(container.querySelector('pre code')?.textContent, 'const a = 1;\nconst b = 2;\n');
    assert.equal(container.lastElementChild?.textContent, 'Done.\n');
  });

  it('re-renders from the first block that changed when earlier text is rewritten (a new answer)', () => {
    const window = newWindow();
    const container = window.document.createElement('div');
    const view = new StreamingMarkdown(container, createRenderer(window));
    view.update('one\n\ntwo\n\nthree');
    assert.equal(view.update('one\n\nTWO\n\nthree'), 2);
    assert.deepEqual(Array.from(container.children).map((c) => c.textContent?.trim()), ['one', 'TWO', 'three']);
    view.clear();
    assert.equal(container.children.length, 0);
  });
});
