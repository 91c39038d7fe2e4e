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
});
