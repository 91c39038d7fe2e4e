import * as assert from 'node:assert/strict';
import { replaceAutoClosed } from '../../../../src/completion/postprocess/replaceAutoClosed';
import { contextAt } from '../cursorFixture';
import { accepted } from '../cursorFixture';

describe('postprocess/replaceAutoClosed', () => {
  const run = (doc: string, text: string, languageId = 'typescript') => accepted(doc, toResult(replaceAutoClosed({ text, replaceLength: 0 }, contextAt(doc, languageId))));
  const toResult = (d: { text: string; replaceLength: number } | undefined) => d && { insert: d.text, replaceLength: d.replaceLength };

  it('replaces the closing bracket the editor inserted when the completion brings its own', () => {
    assert.equal(run('normals.push(█)\n', ' 0, 0, 1 );'), 'normals.push( 0, 0, 1 );█\n');
    assert.equal(run('types.push( members[ i ].getNodeType(█))\n', ' builder ) );'), 'types.push( members[ i ].getNodeType( builder ) );█\n');
    assert.equal(run('  return {█}\n', ' args, keys: null };'), '  return { args, keys: null };█\n');
  });

  it('replaces only the closers the completion supplies', () => {
    assert.equal(run('a(b(█))\n', 'c)'), 'a(b(c)█)\n');
  });

  it('tells the later filters which start of the text supplies the replaced closers', () => {
    assert.equal(replaceAutoClosed({ text: 'c)', replaceLength: 0 }, contextAt('a(b(█))\n'))?.replacementEnd, 2);
    assert.equal(replaceAutoClosed({ text: 'x, f(y)) + 1;', replaceLength: 0 }, contextAt('g(█);\n'))?.replacementEnd, 8);
    assert.equal(replaceAutoClosed({ text: 'c', replaceLength: 0 }, contextAt('a(b(█))\n'))?.replacementEnd, undefined);
  });

  it('replaces a closing quote with its bracket when the cursor is inside the string', () => {
    assert.equal(run("foo('█')\n", "bar');"), "foo('bar');█\n");
  });

  it('leaves the line alone when the completion does not close those brackets', () => {
    assert.equal(run('foo(█)\n', 'a, g(b)'), 'foo(a, g(b)█)\n');
    assert.equal(run('foo(█) + x;\n', 'a)'), 'foo(a)█) + x;\n');
    assert.equal(run('[a, (█)]\n', 'b]'), '[a, (b]█)]\n');
  });
});
