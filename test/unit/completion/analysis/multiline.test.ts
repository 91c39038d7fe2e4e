import * as assert from 'node:assert/strict';
import { decideShape, statementIndent } from '../../../../src/completion/analysis/multiline';
import { cursorAt } from '../cursorFixture';

const shape = (doc: string, languageId = 'typescript', inCommentOrString = false) => decideShape(cursorAt(doc, languageId, inCommentOrString));

describe('multiline: single line or a whole block', () => {
  it('after a block opener with an empty block below → the block', () => {
    assert.deepEqual(shape('function f(a) {█\n\nexport const x = 1;\n'), { multiline: true, reason: 'block-open', openerIndent: '' });
    assert.deepEqual(shape('class A:\n    def f(self):█\n\n    def g(self):\n        pass\n', 'python'), {
      multiline: true,
      reason: 'block-open',
      openerIndent: '    ',
    });
  });

  it('after a block opener whose body is already there → one line', () => {
    assert.equal(shape('if (x) {█\n  run();\n}\n').multiline, false);
  });

  it('on the empty first line of a block whose body is missing → the block', () => {
    assert.deepEqual(shape('const config = {\n  █\n};\n'), { multiline: true, reason: 'block-empty', openerIndent: '' });
    assert.equal(shape('def f():\n    █\n\nx = 1\n', 'python').reason, 'block-empty');
  });

  it('on an empty line between statements → one line', () => {
    assert.equal(shape('function f() {\n  a();\n  █\n  b();\n}\n').multiline, false);
  });

  it('mid-line, and at the end of an ordinary line → one line', () => {
    assert.equal(shape('foo(a, █b);\n').reason, 'mid-line');
    assert.equal(shape('const c = new█\nnext();\n').reason, 'line');
  });

  it('auto-closed brackets right of the cursor do not make it mid-line', () => {
    assert.equal(shape('if (x) {█}\n').multiline, true);
    assert.equal(shape('super(█)\n').reason, 'block-open');
  });

  it('inside a comment or string → one line, even after an opener', () => {
    assert.equal(shape('// call it like f({█\n', 'typescript', true).reason, 'comment-or-string');
  });

  it("Python: a trailing ':' opens a block only outside brackets", () => {
    assert.equal(shape("d = {'a':█\n", 'python').multiline, false);
    assert.equal(shape('x = y[1:█\n', 'python').multiline, false);
    assert.equal(shape('if ready:  # go█\n', 'python').multiline, true);
  });

  it('Ruby, Elixir, Lua: a keyword header with an empty block below → the block', () => {
    assert.deepEqual(shape('class Greeter\n  def greet(name)█\n  end\nend\n', 'ruby'), { multiline: true, reason: 'block-open', openerIndent: '  ' });
    assert.equal(shape('items.each do |item|█\nend\n', 'ruby').reason, 'block-open');
    assert.equal(shape('if ready?█\nend\n', 'ruby').reason, 'block-open');
    assert.equal(shape('items.map { |item|█ }\n', 'ruby').reason, 'block-open');
    assert.equal(shape('def greet(name)\n  █\nend\n', 'ruby').reason, 'block-empty');
    assert.equal(shape('defmodule App do\n  def run(x) do█\n  end\nend\n', 'elixir').reason, 'block-open');
    assert.equal(shape('local function helper(a)█\nend\n', 'lua').reason, 'block-open');
    assert.equal(shape('if x > 0 then█\nend\n', 'lua').reason, 'block-open');
  });

  it('Ruby: a header whose body is there, a one-liner or a modifier → one line', () => {
    assert.equal(shape('def greet(name)█\n  "hi"\nend\n', 'ruby').multiline, false);
    assert.equal(shape('def empty; end█\n', 'ruby').multiline, false);
    assert.equal(shape('return x if ready?█\n', 'ruby').multiline, false);
  });

  it("measures a wrapped header from the line where it starts", () => {
    const doc = 'class A:\n    def f(self, a,\n          b):█\n\n    def g(self):\n        pass\n';
    assert.deepEqual(shape(doc, 'python'), { multiline: true, reason: 'block-open', openerIndent: '    ' });
    assert.equal(statementIndent(['  if (', '    a &&'], '    b) {', 'typescript'), '  ');
    assert.equal(statementIndent(['    if (a) {', '      x();'], '    } else {', 'typescript'), '    ');
  });
});
