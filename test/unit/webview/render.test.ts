import * as assert from 'node:assert/strict';
import { highlightCode } from '../../../src/webview/highlight';
import { createRenderer } from '../../../src/webview/render';
import { htmlOf, newWindow } from './dom';

describe('webview: rendering an answer', () => {
  const window = newWindow();
  const renderer = createRenderer(window);
  const render = (markdown: string) => {
    const div = window.document.createElement('div');
    div.append(renderer.render(markdown));
    return div;
  };

  it('renders headings, emphasis, lists, tables, inline code and bare URLs', () => {
    const div = render('## Why\n\nIt is **fast** and *small*: `add(a, b)`.\n\n- one\n- two\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nSee https://example.com/docs');
    assert.equal(div.querySelector('h2')?.textContent, 'Why');
    assert.equal(div.querySelector('strong')?.textContent, 'fast');
    assert.equal(div.querySelector('p code')?.textContent, 'add(a, b)');
    assert.deepEqual(Array.from(div.querySelectorAll('li')).map((li) => li.textContent), ['one', 'two']);
    assert.equal(div.querySelectorAll('td').length, 2);
    assert.equal(div.querySelector('a[href="https://example.com/docs"]')?.textContent, 'https://example.com/docs');
  });

  it('colours code blocks in a known language and keeps the exact code text', () => {
    const code = 'function add(a: number, b: number) {\n  return a + b; // sum\n}\n';
    const div = render('```ts\n' + code + '```');
    const el = div.querySelector('pre code')!;
    assert.equal(el.className, 'language-ts');
    assert.equal(el.textContent, code);
    assert.ok(el.querySelector('.hljs-keyword'), 'keywords are marked');
    assert.equal(el.querySelector('.hljs-comment')?.textContent, '// sum');
  });

  it('shows code in an unknown language plain and escaped', () => {
    const div = render('```brainfuck\n<b>++</b>\n```');
    const el = div.querySelector('pre code')!;
    assert.equal(el.textContent, '<b>++</b>\n');
    assert.equal(el.children.length, 0);
  });

  for (const [language, sample, kind] of [
    ['python', 'def f(x):\n    return None\n', 'hljs-keyword'],
    ['go', 'func main() {}\n', 'hljs-keyword'],
    ['rust', 'fn main() { let x = 1; }\n', 'hljs-keyword'],
    ['java', 'public class A {}\n', 'hljs-keyword'],
    ['c', 'int main(void) { return 0; }\n', 'hljs-type'],
    ['cpp', 'std::vector<int> v;\n', 'hljs-type'],
    ['csharp', 'public async Task Run() {}\n', 'hljs-keyword'],
    ['ruby', 'def hello\nend\n', 'hljs-keyword'],
    ['php', '<?php echo "a"; ?>\n', 'hljs-meta'],
    ['bash', 'echo "$HOME"\n', 'hljs-built_in'],
    ['json', '{"a": 1}\n', 'hljs-attr'],
    ['javascript', 'const a = 1;\n', 'hljs-keyword'],
    ['typescriptreact', 'const a: string = "";\n', 'hljs-keyword'],
    ['py', 'import os\n', 'hljs-keyword'],
  ] as const) {
    it(`highlights ${language}`, () => {
      const html = highlightCode(sample, language);
      assert.ok(html?.includes(kind), `${language}: ${html}`);
    });
  }

  it('puts Copy and Insert buttons on every code block, with no inline handlers', () => {
    const div = render('```js\nlet a = 1;\n```\n\ntext\n\n```\nplain\n```');
    const blocks = div.querySelectorAll('.code-block');
    assert.equal(blocks.length, 2);
    for (const block of Array.from(blocks)) {
      assert.deepEqual(Array.from(block.querySelectorAll('button')).map((b) => [b.dataset.action, b.type, b.textContent]), [
        ['copy', 'button', 'Copy'],
        ['insert', 'button', 'Insert'],
      ]);
      for (const b of Array.from(block.querySelectorAll('button'))) assert.deepEqual(b.getAttributeNames().filter((n) => n.startsWith('on')), []);
      assert.ok(block.querySelector('pre code'), 'the code stays in the block');
    }
    assert.equal(blocks[0].querySelector('.code-language')?.textContent, 'js');
    assert.equal(blocks[1].querySelector('.code-language'), null, 'no label without a language');
  });

  it('turns line references into line links, but not inside code or existing links', () => {
    const div = render('The bug is on line 12; see lines 3–5 and L20-L22.\n\n`line 7` stays code, [line 9](https://example.com) stays a web link.\n\n```\nline 8\n```');
    assert.deepEqual(
      Array.from(div.querySelectorAll('a.line-link')).map((a) => [a.textContent, a.getAttribute('href')]),
      [
        ['line 12', '#L12'],
        ['lines 3–5', '#L3-5'],
        ['L20-L22', '#L20-22'],
      ],
    );
    assert.equal(div.querySelector('a[href="https://example.com"]')?.textContent, 'line 9');
  });

  it('keeps the numbering of an ordered list that starts later', () => {
    assert.equal(render('3. three\n4. four').querySelector('ol')?.getAttribute('start'), '3');
  });

  it('escapes text, so angle brackets in prose stay visible', () => {
    assert.equal(htmlOf(window, renderer.render('a < b && c > d')), '<p>a &lt; b &amp;&amp; c &gt; d</p>\n');
  });
});
