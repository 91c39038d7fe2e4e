import * as assert from 'node:assert/strict';
import { keepMaxLines, limitShape } from '../../../../src/completion/postprocess/keepMaxLines';
import { contextAt } from '../cursorFixture';

describe('postprocess/keepMaxLines (fathom.completion.maxLines)', () => {
  const block = contextAt('function f() {█\n}\n');

  it('cuts a block to the limit, not counting the empty first line after `{`', () => {
    const shape = limitShape(block.shape, 2);
    assert.equal(keepMaxLines({ text: '\n  a();\n  b();\n  c();', replaceLength: 0 }, { ...block, shape })!.text, '\n  a();\n  b();');
    assert.equal(keepMaxLines({ text: 'a();\nb();\nc();', replaceLength: 0 }, { ...block, shape })!.text, 'a();\nb();');
  });

  it('leaves a draft within the limit, or with no limit, as it is', () => {
    const draft = { text: '\n  a();\n  b();', replaceLength: 0 };
    assert.equal(keepMaxLines(draft, { ...block, shape: limitShape(block.shape, 2) }), draft);
    assert.equal(keepMaxLines(draft, block), draft);
  });

  it('limitShape: 1 makes every shape one line with no next line; 0 changes nothing', () => {
    assert.deepEqual([limitShape(block.shape, 1).multiline, limitShape(block.shape, 1).nextLine], [false, false]);
    assert.equal(limitShape(block.shape, 0), block.shape);
    assert.equal(limitShape(block.shape, 3).maxLines, 3);
  });
});
