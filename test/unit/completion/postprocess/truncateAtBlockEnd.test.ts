import * as assert from 'node:assert/strict';
import { truncateAtBlockEnd } from '../../../../src/completion/postprocess/truncateAtBlockEnd';
import { contextAt } from '../cursorFixture';

describe('postprocess/truncateAtBlockEnd', () => {
  const run = (doc: string, text: string, languageId = 'typescript') => truncateAtBlockEnd({ text, replaceLength: 0 }, contextAt(doc, languageId))!;

  it('cuts a block completion after the block, closing line included when missing', () => {
    const draft = run('export function id(x) {█\n', '\n  return x;\n}\n\nexport function other() {}\n');
    assert.equal(draft.text, '\n  return x;\n}');
    assert.equal(draft.alternatives, undefined);
  });

  it('cuts before a closing line the document already has, proposing the other choice as an alternative', () => {
    const draft = run('const p = {\n  █\n};\n', 'now() {\n    return 1;\n  },\n}\n\nconst q = 2;\n');
    assert.equal(draft.text, 'now() {\n    return 1;\n  },');
    assert.deepEqual(draft.alternatives, ['now() {\n    return 1;\n  },\n}']);
  });

  it('Python: cuts where the code dedents out of the block', () => {
    assert.equal(run('    if count is not None:█\n    if x:\n', '\n        check(count)\n\n    return self\n', 'python').text, '\n        check(count)');
  });

  it('leaves single-line completions to the single-line filter', () => {
    assert.equal(run('x = f(█\nnext()\n', ' a)\nnext()', 'python').text, ' a)');
    assert.equal(run('const c = new█\nnext();\n', ' A();\nnext();').text, ' A();\nnext();');
  });
});
