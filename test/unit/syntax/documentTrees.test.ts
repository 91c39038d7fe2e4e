import * as assert from 'node:assert/strict';
import type { Node } from 'web-tree-sitter';
import * as fc from 'fast-check';
import { DocumentTrees, toEdit } from '../../../src/syntax/documentTrees';
import { GRAMMARS } from '../../../src/syntax/languages';
import { MAX_PARSE_CHARS, Parsers } from '../../../src/syntax/parsers';
import { devGrammar } from './grammars';

/** Every node with where it starts and ends (row, column and index): reused subtrees must have moved with the edit. */
function positions(node: Node): string {
  const here = `${node.type} ${node.startPosition.row}:${node.startPosition.column}-${node.endPosition.row}:${node.endPosition.column} ${node.startIndex}-${node.endIndex}`;
  return [here, ...node.children.filter((c): c is Node => c !== null).map((c) => positions(c).replace(/^/gm, '  '))].join('\n');
}

const SAMPLES: Record<string, string> = {
  typescript: 'function add(a: number, b: number): number {\n  return a + b;\n}\n',
  typescriptreact: 'export const A = () => <div className="x">{1}</div>;\n',
  javascript: 'function add(a, b) {\n  return a + b;\n}\n',
  javascriptreact: 'const A = () => <b>hi</b>;\n',
  python: 'def add(a, b):\n    return a + b\n',
  go: 'package main\n\nfunc add(a int, b int) int {\n\treturn a + b\n}\n',
  rust: 'fn add(a: i32, b: i32) -> i32 {\n    a + b\n}\n',
  java: 'class A {\n  int add(int a, int b) { return a + b; }\n}\n',
  c: 'int add(int a, int b) {\n  return a + b;\n}\n',
  cpp: 'template <typename T> T add(T a, T b) {\n  return a + b;\n}\n',
  csharp: 'class A {\n  int Add(int a, int b) { return a + b; }\n}\n',
  ruby: 'def add(a, b)\n  a + b\nend\n',
  php: '<?php\nfunction add($a, $b) {\n  return $a + $b;\n}\n',
};

describe('syntax: parsers and document trees', function () {
  this.timeout(30000);
  const parsers = new Parsers(devGrammar);
  after(() => parsers.dispose());

  for (const languageId of Object.keys(GRAMMARS)) {
    it(`parses ${languageId} without errors`, async () => {
      const tree = await parsers.parseText(languageId, SAMPLES[languageId]);
      assert.ok(tree, `no tree for ${languageId}`);
      assert.equal(tree.rootNode.hasError, false, tree.rootNode.toString());
      tree.delete();
    });
  }

  it('has no grammar for an unknown language, and says so instead of failing', async () => {
    assert.equal(await parsers.parseText('cobol', 'IDENTIFICATION DIVISION.'), undefined);
  });

  it('skips text above the size limit', async () => {
    assert.equal(await parsers.parseText('python', 'x = 1\n'.repeat(MAX_PARSE_CHARS / 6 + 1)), undefined);
  });

  it('an incremental re-parse after edits gives the same tree as a full parse', async () => {
    const trees = new DocumentTrees(parsers);
    const before = 'def f(a):\n    return a\n\ndef g():\n    pass\n';
    await trees.withTree('file:///a.py', 'python', 1, before, (t) => assert.ok(t));
    // Two edits as VS Code reports them: last first, offsets into the text before the change.
    const changes = [
      { rangeOffset: before.indexOf('pass'), rangeLength: 4, text: 'return f(1) + f(2)' },
      { rangeOffset: before.indexOf('a):'), rangeLength: 1, text: 'alpha, beta' },
    ];
    let after = before;
    for (const c of changes) after = after.slice(0, c.rangeOffset) + c.text + after.slice(c.rangeOffset + c.rangeLength);
    trees.edit('file:///a.py', changes, after, 2);
    const incremental = await trees.withTree('file:///a.py', 'python', 2, after, (t) => t?.rootNode.toString());
    const full = await parsers.parseText('python', after);
    assert.equal(incremental, full?.rootNode.toString());
    full?.delete();
    trees.dispose();
  });

  it('one change at a time (keystrokes, a paste over lines, a multi-line delete): the incremental tree is the full parse’s', async () => {
    const trees = new DocumentTrees(parsers);
    let text = 'def f(a):\n    return a\n\ndef g():\n    pass\n\nclass K:\n    x = 1\n' + Array.from({ length: 40 }, (_, i) => `def h${i}(a, b):\n    return [a, b, ${i}]\n`).join('\n');
    await trees.withTree('file:///k.py', 'python', 1, text, (t) => assert.ok(t));
    // Each change's offsets are into the text as the previous changes left it.
    const changes = [
      (t: string) => ({ rangeOffset: t.indexOf('pass') + 4, rangeLength: 0, text: '\n    y = 2' }),
      (t: string) => ({ rangeOffset: t.indexOf('return'), rangeLength: 'return a\n\ndef g():\n    '.length, text: '' }),
      (_t: string) => ({ rangeOffset: 0, rangeLength: 3, text: 'async def' }),
      (t: string) => ({ rangeOffset: t.indexOf('x = 1'), rangeLength: 1, text: 'z = [\n      1,\n    ]\n    w' }),
    ];
    let version = 1;
    for (const change of changes) {
      const c = change(text);
      text = text.slice(0, c.rangeOffset) + c.text + text.slice(c.rangeOffset + c.rangeLength);
      trees.edit('file:///k.py', [c], text, ++version);
      assert.equal(trees.follows('file:///k.py'), true, `followed after ${JSON.stringify(c)}`);
      const incremental = await trees.withTree('file:///k.py', 'python', version, text, (t) => t && positions(t.rootNode));
      const full = await parsers.parseText('python', text);
      assert.equal(incremental, full && positions(full.rootNode), `after ${JSON.stringify(c)}`);
      full?.delete();
    }
    trees.dispose();
  });

  it('notices a drift in any part of the text after one change (before it, the change itself, after it, the length)', async () => {
    const before = 'let a = 1;\nlet b = 2;\nlet c = 3;\n';
    const change = { rangeOffset: before.indexOf('b'), rangeLength: 1, text: 'beta' };
    const right = before.slice(0, change.rangeOffset) + 'beta' + before.slice(change.rangeOffset + 1);
    const wrong = [right.replace('a', 'x'), right.replace('beta', 'bexa'), right.replace('c', 'x'), right + ' ', right.slice(1), 'x'.repeat(right.length)];
    for (const newText of [right, ...wrong]) {
      const trees = new DocumentTrees(parsers);
      await trees.withTree('u', 'javascript', 1, before, () => undefined);
      trees.edit('u', [change], newText, 2);
      assert.equal(trees.size, newText === right ? 1 : 0, JSON.stringify(newText));
      trees.dispose();
    }
  });

  it('reuses the cached tree for an unchanged version, and frees it on close', async () => {
    const trees = new DocumentTrees(parsers);
    const text = 'const x = 1;\n';
    const first = await trees.withTree('u', 'typescript', 1, text, (t) => t);
    const second = await trees.withTree('u', 'typescript', 1, text, (t) => t);
    assert.equal(first, second);
    assert.equal(trees.size, 1);
    trees.close('u');
    assert.equal(trees.size, 0);
  });

  it('parses from scratch when its view of the document drifted', async () => {
    const trees = new DocumentTrees(parsers);
    await trees.withTree('u', 'javascript', 1, 'let a = 1;\n', () => undefined);
    trees.edit('u', [{ rangeOffset: 0, rangeLength: 3, text: 'var' }], 'something else entirely;\n', 2);
    assert.equal(trees.size, 0);
    const s = await trees.withTree('u', 'javascript', 2, 'let b = 2;\n', (t) => t?.rootNode.hasError);
    assert.equal(s, false);
    trees.dispose();
  });
});

describe('syntax: a document that cannot be parsed', function () {
  this.timeout(30000);
  it('is not parsed again on every keystroke once parsing gave up', async () => {
    let parses = 0;
    const parsers = new Parsers(devGrammar);
    const original = parsers.parse.bind(parsers);
    parsers.parse = (...args) => {
      parses++;
      return original(...args);
    };
    const trees = new DocumentTrees(parsers);
    const huge = 'x = 1\n'.repeat(MAX_PARSE_CHARS / 6 + 1);
    assert.equal(await trees.withTree('big', 'python', 1, huge, (t) => t), undefined);
    assert.equal(await trees.withTree('big', 'python', 2, huge + 'y', (t) => t), undefined);
    assert.equal(parses, 1);
    assert.equal(trees.follows('big'), false, 'its edits are not followed one by one');
    await trees.withTree('small', 'python', 1, 'x = 1\n', () => undefined);
    assert.equal(trees.follows('small'), true);
    trees.close('big');
    parsers.dispose();
  });
});

describe('syntax: the tree edit of one change', () => {
  /** Row and column of `offset`, counted from the top of `text`. */
  const pointAt = (text: string, offset: number) => {
    const before = text.slice(0, offset).split('\n');
    return { row: before.length - 1, column: before[before.length - 1].length };
  };

  it('gives the start, old end and new end as rows and columns counted from the top of the text', () => {
    const text = fc.stringMatching(/^[ab\n]{0,40}$/);
    fc.assert(
      fc.property(text, fc.nat(), fc.nat(), text, (before, a, b, inserted) => {
        const start = a % (before.length + 1);
        const end = start + (b % (before.length - start + 1));
        const after = before.slice(0, start) + inserted + before.slice(end);
        const edit = toEdit(before, { rangeOffset: start, rangeLength: end - start, text: inserted });
        assert.deepEqual(edit, {
          startIndex: start,
          oldEndIndex: end,
          newEndIndex: start + inserted.length,
          startPosition: pointAt(before, start),
          oldEndPosition: pointAt(before, end),
          newEndPosition: pointAt(after, start + inserted.length),
        });
      }),
      { numRuns: 500 },
    );
  });
});
