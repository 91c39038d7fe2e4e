import * as assert from 'node:assert/strict';
import { findTarget, SMALL_FILE_LINES } from '../../../src/commands/target';
import type { CommandTarget } from '../../../src/commands/types';
import { snapshotOf, testParsers } from '../context/helpers';

describe('commands: the target a command works on', function () {
  this.timeout(30000);
  const parsers = testParsers();
  after(() => parsers.dispose());

  async function targetAt(path: string, marked: string, selection?: { start: number; end: number }): Promise<CommandTarget> {
    const snapshot = snapshotOf(path, marked);
    const tree = await parsers.parseText(snapshot.languageId, snapshot.text);
    assert.ok(tree, `a grammar for ${snapshot.languageId}`);
    try {
      const target = findTarget(snapshot, selection, tree);
      assert.equal(target.text, snapshot.text.slice(target.start, target.end), 'text is the range');
      return target;
    } finally {
      tree.delete();
    }
  }

  // One case per shipped grammar: the cursor inside a method (or function) gives that declaration, whole.
  const cases: { path: string; marked: string; kind: CommandTarget['kind']; name: string; first: string; last: string }[] = [
    {
      path: 'src/cart.ts',
      marked: 'export class Cart {\n  items: number[] = [];\n  total(): number {\n    return this.items.reduce((a, b) => a +█ b, 0);\n  }\n}\n',
      kind: 'method', name: 'total', first: '  total(): number {', last: '  }',
    },
    {
      path: 'src/view.tsx',
      marked: 'export const View = (props: { n: number }) => {\n  return <div>{props.█n}</div>;\n};\n',
      kind: 'function', name: 'View', first: 'export const View = (props: { n: number }) => {', last: '};',
    },
    {
      path: 'lib/util.js',
      marked: 'const a = 1;\nfunction add(x, y) {\n  return x █+ y;\n}\nmodule.exports = { add };\n',
      kind: 'function', name: 'add', first: 'function add(x, y) {', last: '}',
    },
    {
      path: 'app/shop.py',
      marked: 'class Shop:\n    def __init__(self):\n        self.n = 0\n\n    @property\n    def count(self):\n        return self.█n\n\nshop = Shop()\n',
      kind: 'method', name: 'count', first: '    @property', last: '        return self.n',
    },
    {
      path: 'pkg/stack.go',
      marked: 'package pkg\n\ntype Stack struct{ items []int }\n\nfunc (s *Stack) Push(v int) {\n\ts.items = append(s.items, █v)\n}\n',
      kind: 'method', name: 'Push', first: 'func (s *Stack) Push(v int) {', last: '}',
    },
    {
      path: 'src/stack.rs',
      marked: 'struct Stack { items: Vec<i32> }\n\nimpl Stack {\n    fn push(&mut self, v: i32) {\n        self.items.push(█v);\n    }\n}\n',
      kind: 'method', name: 'push', first: '    fn push(&mut self, v: i32) {', last: '    }',
    },
    {
      path: 'src/Stack.java',
      marked: 'class Stack {\n  private int n;\n  @Override\n  public String toString() {\n    return "n=" + █n;\n  }\n}\n',
      kind: 'method', name: 'toString', first: '  @Override', last: '  }',
    },
    {
      path: 'src/sum.c',
      marked: '#include <stdio.h>\n\nstatic int sum(int *xs, int n) {\n  int s = 0;\n  for (int i = 0; i < n; i++) s += █xs[i];\n  return s;\n}\n',
      kind: 'function', name: 'sum', first: 'static int sum(int *xs, int n) {', last: '}',
    },
    {
      path: 'src/counter.cpp',
      marked: 'class Counter {\n public:\n  int next() {\n    return ++█n;\n  }\n private:\n  int n = 0;\n};\n',
      kind: 'method', name: 'next', first: '  int next() {', last: '  }',
    },
    {
      path: 'src/Counter.cs',
      marked: 'namespace App {\n  public class Counter {\n    private int n;\n    public int Next() {\n      return ++█n;\n    }\n  }\n}\n',
      kind: 'method', name: 'Next', first: '    public int Next() {', last: '    }',
    },
    {
      path: 'lib/counter.rb',
      marked: 'class Counter\n  def initialize\n    @n = 0\n  end\n\n  def next_value\n    @n += █1\n  end\nend\n',
      kind: 'method', name: 'next_value', first: '  def next_value', last: '  end',
    },
    {
      path: 'src/Counter.php',
      marked: '<?php\nclass Counter {\n  private $n = 0;\n  public function next() {\n    return ++$this->█n;\n  }\n}\n',
      kind: 'method', name: 'next', first: '  public function next() {', last: '  }',
    },
  ];

  for (const c of cases) {
    it(`${c.path}: the cursor in a ${c.kind} gives that ${c.kind} (${c.name})`, async () => {
      const target = await targetAt(c.path, c.marked);
      assert.equal(target.kind, c.kind, JSON.stringify(target));
      assert.equal(target.name, c.name);
      const lines = target.text.split('\n');
      assert.equal(lines[0], c.first.trimStart(), 'starts where the declaration starts (decorators and annotations included)');
      assert.equal(lines[lines.length - 1].trim(), c.last.trim(), 'ends at its last line, without the newline after it');
    });
  }

  it('offsets are UTF-16 (text before the target with accents, CJK and an emoji)', async () => {
    const target = await targetAt('src/u.ts', 'const s = "héllo 中文 😀";\nfunction f() {\n  return s█;\n}\n');
    assert.equal(target.text, 'function f() {\n  return s;\n}');
    assert.equal(target.start, 'const s = "héllo 中文 😀";\n'.length);
    assert.deepEqual([target.startLine, target.endLine], [2, 4]);
  });

  it('class-like declarations: a Go struct type, a Rust impl, a Ruby module, a Python class', async () => {
    const go = await targetAt('a.go', 'package a\n\ntype Point struct {\n\tX █int\n}\n');
    assert.deepEqual([go.kind, go.name], ['class', 'Point']);
    const rust = await targetAt('a.rs', 'struct P;\nimpl P {\n    const N: i32 = █1;\n}\n');
    assert.deepEqual([rust.kind, rust.name], ['class', 'P']);
    const ruby = await targetAt('a.rb', 'module Util\n  VERSION = █1\nend\n');
    assert.deepEqual([ruby.kind, ruby.name], ['class', 'Util']);
    const py = await targetAt('a.py', 'class A:\n    x = █1\n');
    assert.deepEqual([py.kind, py.name, py.text], ['class', 'A', 'class A:\n    x = 1']);
  });

  it('between methods of a class the target is the class', async () => {
    const target = await targetAt('src/cart.ts', 'class Cart {\n  a(): void {}\n  █\n  b(): void {}\n}\n');
    assert.equal(target.kind, 'class');
    assert.equal(target.name, 'Cart');
    assert.equal(target.startLine, 1);
    assert.equal(target.endLine, 5);
  });

  it('a function inside a method is the smaller target; `export` comes along with a top-level function', async () => {
    const inner = await targetAt('src/a.ts', 'class A {\n  run() {\n    function helper() {\n      return █1;\n    }\n    return helper();\n  }\n}\n');
    assert.equal(inner.name, 'helper');
    assert.equal(inner.kind, 'function');
    const exported = await targetAt('src/b.ts', 'export async function load(url: string) {\n  return fetch(url█);\n}\n');
    assert.ok(exported.text.startsWith('export async function load'), exported.text);
    assert.equal(exported.kind, 'function');
  });

  it('the cursor right after a closing brace still counts as inside', async () => {
    const target = await targetAt('src/c.ts', 'const x = 1;\nfunction f() {\n  return x;\n}█\n');
    assert.equal(target.name, 'f');
  });

  it('a non-empty selection wins, whatever is around it (a backwards selection too)', async () => {
    const marked = 'function f() {\n  const a = 1;\n  const b = 2;█\n}\n';
    const text = marked.replace('█', '');
    const start = text.indexOf('const a');
    const end = text.indexOf('2;') + 2;
    const target = await targetAt('src/d.ts', marked, { start: end, end: start });
    assert.equal(target.kind, 'selection');
    assert.equal(target.text, 'const a = 1;\n  const b = 2;');
    assert.deepEqual([target.startLine, target.endLine], [2, 3]);
  });

  it('an empty selection is the cursor', async () => {
    const target = await targetAt('lib/util.js', 'function g() {\n  return █2;\n}\n', { start: 24, end: 24 });
    assert.equal(target.name, 'g');
  });

  it('top-level code in a small file: the whole file', async () => {
    const target = await targetAt('script.py', 'import os\n\nprint(os.getcwd█())\n');
    assert.equal(target.kind, 'file');
    assert.equal(target.text, 'import os\n\nprint(os.getcwd())');
  });

  it('without a tree in a large file: the indentation block around the cursor with its header', () => {
    const filler = Array.from({ length: SMALL_FILE_LINES }, (_, i) => `x${i} = ${i}`).join('\n');
    const marked = `${filler}\n\nif ready:\n    start()\n    wait(█)\n\n    stop()\nafter = 1\n`;
    const snapshot = snapshotOf('big.py', marked);
    const target = findTarget(snapshot, undefined, undefined);
    assert.equal(target.kind, 'block');
    assert.equal(target.text, 'if ready:\n    start()\n    wait()\n\n    stop()');
    assert.equal(target.startLine, SMALL_FILE_LINES + 2);
  });

  it('without a tree, a brace block ends with its closing line', () => {
    const filler = Array.from({ length: SMALL_FILE_LINES }, (_, i) => `let x${i} = ${i};`).join('\n');
    const snapshot = snapshotOf('big.js', `${filler}\nfor (const a of b) {\n  use(█a);\n}\nlet y = 2;\n`);
    const target = findTarget(snapshot, undefined, undefined);
    assert.equal(target.text, 'for (const a of b) {\n  use(a);\n}');
  });
});
