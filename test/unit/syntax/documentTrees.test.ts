import * as assert from 'node:assert/strict';
import { DocumentTrees } from '../../../src/syntax/documentTrees';
import { GRAMMARS } from '../../../src/syntax/languages';
import { MAX_PARSE_CHARS, Parsers } from '../../../src/syntax/parsers';
import { devGrammar } from './grammars';

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
