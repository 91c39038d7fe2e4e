import * as assert from 'node:assert/strict';
import { keepFirstLine } from '../../../../src/completion/postprocess/keepFirstLine';
import { contextAt } from '../cursorFixture';

describe('postprocess/keepFirstLine', () => {
  it('keeps only the rest of the cursor line when the shape is one line', () => {
    const draft = keepFirstLine({ text: ' Vector3();\n\nconst d = 1;', replaceLength: 0 }, contextAt('const c = new█\n'));
    assert.equal(draft!.text, ' Vector3();');
  });

  it('leaves a block completion whole', () => {
    const draft = keepFirstLine({ text: '\n  return 1;\n}', replaceLength: 0 }, contextAt('function f() {█\n'));
    assert.equal(draft!.text, '\n  return 1;\n}');
  });

  it('at the end of a finished line, an answer that starts with a line break is the next line (one blank line allowed)', () => {
    const at = contextAt('const a = 1;█\n\nfoo();\n');
    assert.equal(at.shape.nextLine, true);
    assert.equal(keepFirstLine({ text: '\nconst b = 2;\nconst c = 3;', replaceLength: 0 }, at)!.text, '\nconst b = 2;');
    assert.equal(keepFirstLine({ text: '\n\nfunction g() {\n', replaceLength: 0 }, at)!.text, '\n\nfunction g() {');
    assert.equal(keepFirstLine({ text: '\n\n\nlater();\n', replaceLength: 0 }, at)!.text, '', 'two blank lines: not the next line');
    assert.equal(keepFirstLine({ text: ' // done\nnext();', replaceLength: 0 }, at)!.text, ' // done', 'the rest of this line when there is one');
  });

  it('no next line mid-line, before auto-closed characters, or on a blank line', () => {
    for (const doc of ['foo(a█)\n', 'const a = █1;\n', '  █\n']) {
      const at = contextAt(doc);
      assert.notEqual(at.shape.nextLine, true, doc);
      assert.equal(keepFirstLine({ text: '\nnext();', replaceLength: 0 }, at)!.text, '', doc);
    }
  });
});
