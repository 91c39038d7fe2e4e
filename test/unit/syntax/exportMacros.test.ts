import * as assert from 'node:assert/strict';
import { chunkFile } from '../../../src/codebase/chunker';
import { withoutExportMacros } from '../../../src/syntax/exportMacros';
import { Parsers } from '../../../src/syntax/parsers';
import { devGrammar } from './grammars';

describe('syntax: C and C++ export macros', function () {
  this.timeout(20000);
  const parsers = new Parsers(devGrammar);
  after(() => parsers.dispose());

  it('blanks the macro between class/struct and the name, keeping every row and column', () => {
    const text = 'class JSINSPECTOR_EXPORT HostTarget : public Base<HostTarget> {\n};\nstruct Q_CORE_EXPORT QPoint {\n  int x;\n};\nclass API Box final {};\nclass EXPORT Pair<int> : Base {};';
    const out = withoutExportMacros(text);
    assert.equal(out.length, text.length);
    assert.deepEqual(out.split('\n').map((l) => l.length), text.split('\n').map((l) => l.length));
    assert.ok(out.startsWith('class                    HostTarget : public Base<HostTarget> {'));
    assert.ok(out.includes('struct               QPoint {'));
    assert.ok(out.includes('class     Box final {}'));
    assert.ok(out.includes('class        Pair<int> : Base {}'));
  });

  it('leaves what is not an export macro: a class named in capitals, a declaration without a body, lower-case words', () => {
    for (const text of ['class FOO {\n};', 'class URL final : public Base {};', 'struct MAX_SIZE value;', 'class Widget : public Base {};', 'struct stat st;', 'class detail_impl Foo {};']) {
      assert.equal(withoutExportMacros(text), text, text);
    }
  });

  it('lets the C++ grammar read an exported class as a class: its header and methods are chunks named by it', async () => {
    const methods = Array.from({ length: 8 }, (_, i) => `  void step${i}() {\n    n_ += ${i};\n  }`).join('\n');
    const text = `namespace app {\n\nclass APP_EXPORT Engine : public Base<Engine> {\n public:\n${methods}\n private:\n  int n_ = 0;\n};\n\n}  // namespace app\n`;
    const tree = await parsers.parseText('cpp', text);
    try {
      const chunks = chunkFile('engine.h', text, tree);
      assert.deepEqual(chunks.filter((c) => c.kind === 'function').map((c) => `${c.container}.${c.symbol}`), Array.from({ length: 8 }, (_, i) => `app.Engine.step${i}`));
      assert.ok(chunks.find((c) => c.kind === 'header' && c.symbol === 'Engine')?.text.includes('APP_EXPORT'), 'chunk text is the file as written');
    } finally {
      tree?.delete();
    }
  });
});
