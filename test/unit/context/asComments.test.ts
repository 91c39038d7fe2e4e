import * as assert from 'node:assert/strict';
import { asComment, commentSyntax, contextHeader, snippetComment } from '../../../src/context/asComments';

describe('context/asComments: snippets written as comments of the current language', () => {
  it('comments every line with the language marker, bare on empty lines', () => {
    assert.equal(asComment('a\n\nb', 'typescript'), '// a\n//\n// b');
    assert.equal(asComment('a', 'python'), '# a');
    assert.equal(asComment('a', 'sql'), '-- a');
    assert.equal(asComment('a', 'lua'), '-- a');
    assert.equal(asComment('a', 'clojure'), ';; a');
    assert.equal(asComment('a', 'latex'), '% a');
  });

  it('covers every language Fathom parses', () => {
    for (const id of ['typescript', 'typescriptreact', 'javascript', 'javascriptreact', 'go', 'rust', 'java', 'c', 'cpp', 'csharp', 'php']) {
      assert.deepEqual(commentSyntax(id), { line: '//' }, id);
    }
    for (const id of ['python', 'ruby']) assert.deepEqual(commentSyntax(id), { line: '#' }, id);
  });

  it('uses a block comment where the language has no line comment, and defuses a closer in the text', () => {
    assert.equal(asComment('a { color: red } /* x */', 'css'), '/* a { color: red } /* x * /\n*/');
    assert.equal(asComment('<p>hi</p><!-- note -->', 'html'), '<!-- <p>hi</p><!-- note -- >\n-->');
  });

  it('falls back to // for an unknown language', () => {
    assert.equal(asComment('x', 'some-new-language'), '// x');
  });

  it('heads a snippet with its path and drops its trailing blank lines', () => {
    assert.equal(snippetComment({ path: 'src/util.ts', text: 'export const ONE = 1;\n\n' }, 'typescript'), '// Path: src/util.ts\n// export const ONE = 1;');
  });

  it('puts the current file path after the snippets, and nothing without snippets', () => {
    const header = contextHeader(
      [
        { path: 'a.py', text: 'def f(): pass' },
        { path: 'b.py', text: 'X = 1' },
      ],
      'python',
      'main.py',
    );
    assert.equal(header, '# Path: a.py\n# def f(): pass\n\n# Path: b.py\n# X = 1\n\n# Path: main.py\n');
    assert.equal(contextHeader([], 'python', 'main.py'), '');
  });
});
