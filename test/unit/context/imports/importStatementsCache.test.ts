import * as assert from 'node:assert/strict';
import { ImportStatementsCache, parseImports } from '../../../../src/context/imports/imports';
import type { ImportStatement } from '../../../../src/context/imports/types';
import { DocumentTrees, type TextChange } from '../../../../src/syntax/documentTrees';
import { testParsers } from '../helpers';

/** A document typed into: each change reaches the tree cache as the editor's would, and the tree is re-parsed incrementally. */
class TypedDocument {
  private version = 1;

  constructor(
    private readonly trees: DocumentTrees,
    readonly uri: string,
    readonly languageId: string,
    public text: string,
  ) {}

  edit(change: TextChange): void {
    this.text = this.text.slice(0, change.rangeOffset) + change.text + this.text.slice(change.rangeOffset + change.rangeLength);
    this.trees.edit(this.uri, [change], this.text, ++this.version);
  }

  insert(at: number, text: string): void {
    this.edit({ rangeOffset: at, rangeLength: 0, text });
  }

  /** The cache's statements and parseImports' on the same tree. */
  both(cache: ImportStatementsCache): Promise<{ cached: ImportStatement[]; whole: ImportStatement[] }> {
    return this.trees.withTree(this.uri, this.languageId, this.version, this.text, (tree) => {
      assert.ok(tree, `${this.languageId} parses`);
      return { cached: cache.statements(this.uri, tree, this.languageId), whole: parseImports(tree, this.languageId) };
    });
  }
}

describe('context: import statements kept per document between requests', function () {
  this.timeout(30000);
  const parsers = testParsers();
  const trees = new DocumentTrees(parsers);
  after(() => {
    trees.dispose();
    parsers.dispose();
  });

  /** A TypeScript file of many top-level declarations, some large enough to be read child by child. */
  function typescriptFile(): string {
    const body = Array.from({ length: 300 }, (_, i) => `  field${i}: string;`).join('\n');
    const functions = Array.from({ length: 40 }, (_, i) => `export function f${i}(a: number): number {\n  const q = require('./q${i}');\n  return a + ${i};\n}\n`).join('\n');
    return `import { a, b as c } from './ab';\nimport * as ns from '../ns';\n\nexport interface Big {\n${body}\n}\n\n${functions}\nexport { x } from './x';\nnamespace N {\n  import z = Q.z;\n  export function inner() {\n    const r = require('./inner');\n  }\n}\n`;
  }

  it('gives what parseImports gives on the whole tree, edit after edit (TypeScript)', async () => {
    const cache = new ImportStatementsCache();
    const doc = new TypedDocument(trees, 'file:///ts/a.ts', 'typescript', typescriptFile());
    let seed = 3;
    const next = (n: number) => (seed = (seed * 48271) % 2147483647) % n;
    const pieces = ["import { late } from './late';\n", "const w = require('./w');\n", '\n\n', '{', '}', '`', '/*', '*/', "'", 'export * from "./all";\n', 'function g() {\n'];
    for (let step = 0; step < 60; step++) {
      const { cached, whole } = await doc.both(cache);
      assert.deepEqual(cached, whole, `step ${step}`);
      const at = next(doc.text.length + 1);
      if (next(3) === 0) doc.edit({ rangeOffset: at, rangeLength: Math.min(next(80), doc.text.length - at), text: '' });
      else doc.insert(at, pieces[next(pieces.length)]);
    }
    trees.close(doc.uri);
  });

  it('sees an import typed anywhere, one removed, and the lines of the ones below an inserted line', async () => {
    const cache = new ImportStatementsCache();
    const doc = new TypedDocument(trees, 'file:///ts/b.ts', 'typescript', typescriptFile());
    const first = await doc.both(cache);
    assert.deepEqual(first.cached, first.whole);
    const specifiers = (s: ImportStatement[]) => s.map((x) => `${x.specifier}@${x.startLine}`);

    // Below the last import, inside the big interface's neighbourhood: a new statement.
    doc.insert(doc.text.indexOf('export function f20'), "import { typed } from './typed';\n");
    const added = await doc.both(cache);
    assert.deepEqual(added.cached, added.whole);
    assert.ok(specifiers(added.cached).some((s) => s.startsWith('./typed@')));

    // A line inserted at the top moves every statement down by one.
    doc.insert(0, '// header\n');
    const moved = await doc.both(cache);
    assert.deepEqual(moved.cached, moved.whole);
    assert.deepEqual(specifiers(moved.cached), specifiers(added.cached).map((s) => s.replace(/@(\d+)$/, (_, n) => `@${Number(n) + 1}`)));

    // An import statement deleted.
    const at = doc.text.indexOf("import * as ns from '../ns';\n");
    doc.edit({ rangeOffset: at, rangeLength: "import * as ns from '../ns';\n".length, text: '' });
    const removed = await doc.both(cache);
    assert.deepEqual(removed.cached, removed.whole);
    assert.ok(!specifiers(removed.cached).some((s) => s.startsWith('../ns@')));

    // An edit inside an import statement (its specifier).
    doc.insert(doc.text.indexOf("'./ab'") + 3, 'x');
    const renamed = await doc.both(cache);
    assert.deepEqual(renamed.cached, renamed.whole);
    assert.ok(specifiers(renamed.cached).some((s) => s.startsWith('./xab@')));
    trees.close(doc.uri);
  });

  it('keeps each document apart, and a document whose language changed starts over', async () => {
    const cache = new ImportStatementsCache();
    const one = new TypedDocument(trees, 'file:///ts/one.ts', 'typescript', "import { one } from './one';\n");
    const two = new TypedDocument(trees, 'file:///ts/two.ts', 'typescript', "import { two } from './two';\n");
    assert.deepEqual((await one.both(cache)).cached.map((s) => s.specifier), ['./one']);
    assert.deepEqual((await two.both(cache)).cached.map((s) => s.specifier), ['./two']);
    assert.deepEqual((await one.both(cache)).cached.map((s) => s.specifier), ['./one']);
    assert.equal(cache.size, 2);
    // The same uri read as Python now.
    const python = new TypedDocument(trees, 'file:///ts/one.ts', 'python', 'import os\nfrom . import one\n');
    const { cached, whole } = await python.both(cache);
    assert.deepEqual(cached, whole);
    assert.deepEqual(cached.map((s) => s.specifier), ['os', '.']);
    cache.forget('file:///ts/one.ts');
    assert.equal(cache.size, 1);
    cache.clear();
    assert.equal(cache.size, 0);
    for (const d of [one, two]) trees.close(d.uri);
  });

  it('keeps at most its number of documents, the most recent', async () => {
    const cache = new ImportStatementsCache(2);
    for (const name of ['a', 'b', 'c']) {
      const doc = new TypedDocument(trees, `file:///ts/${name}.ts`, 'typescript', `import { ${name} } from './${name}';\n`);
      await doc.both(cache);
      trees.close(doc.uri);
    }
    assert.equal(cache.size, 2);
    cache.clear();
  });

  it('gives what parseImports gives in every language, after edits above, inside and below the statements', async () => {
    const files: [string, string][] = [
      ['python', `import os.path, json as j\n${'x = 1\n'.repeat(400)}def f():\n    from . import events\n    return 1\nfrom ..log import logger\n`],
      ['go', `package p\nimport (\n  "example.com/app/store"\n  h "example.com/app/http"\n)\n${'var v = 1\n'.repeat(400)}func f() {}\n`],
      ['rust', `use crate::model::{User, store::Store as S};\nmod parse;\n${'fn f() {}\n'.repeat(400)}use super::util::*;\n`],
      ['java', `package a;\nimport com.acme.model.User;\nclass A {\n${'  int x;\n'.repeat(400)}}\n`],
      ['c', `#include "util/list.h"\n${'int x;\n'.repeat(400)}#include <stdio.h>\n`],
      ['csharp', `using Acme.Models;\nusing Json = Acme.Text.Json;\nclass A {\n${'  int x;\n'.repeat(400)}}\n`],
      ['ruby', `require_relative 'models/user'\n${'x = 1\n'.repeat(400)}require 'json'\n`],
      ['php', `<?php\nuse App\\Models\\User;\n${'$x = 1;\n'.repeat(400)}require_once "lib/util.php";\n`],
    ];
    for (const [languageId, text] of files) {
      const cache = new ImportStatementsCache();
      const doc = new TypedDocument(trees, `file:///all/${languageId}`, languageId, text);
      const edits = [() => doc.insert(0, '\n'), () => doc.insert(Math.floor(doc.text.length / 2), '\n\n'), () => doc.insert(doc.text.length, '\n'), () => doc.insert(doc.text.indexOf('\n') + 1, '\n')];
      for (const edit of [() => {}, ...edits]) {
        edit();
        const { cached, whole } = await doc.both(cache);
        assert.ok(whole.length > 0, languageId);
        assert.deepEqual(cached, whole, languageId);
      }
      cache.clear();
      trees.close(doc.uri);
    }
  });
});
