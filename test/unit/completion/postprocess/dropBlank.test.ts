import * as assert from 'node:assert/strict';
import { dropBlank } from '../../../../src/completion/postprocess/dropBlank';
import { contextAt } from '../cursorFixture';

describe('postprocess/dropBlank', () => {
  const run = (doc: string, text: string, replaceLength = 0) => dropBlank({ text, replaceLength }, contextAt(doc));

  it('drops a completion that is only whitespace', () => {
    assert.equal(run('x = █\n', '  \n\n'), undefined);
    assert.equal(run('x = █\n', ''), undefined);
  });

  it('trims trailing blank lines and spaces at the end of the line', () => {
    assert.deepEqual(run('x = █\n', '42;  \n\n'), { text: '42;', replaceLength: 0 });
  });

  it('mid-line, keeps a trailing space that separates it from the code to the right', () => {
    assert.deepEqual(run('f(█c)\n', 'a, b, '), { text: 'a, b, ', replaceLength: 0 });
    assert.deepEqual(run('f(█)\n', 'a);  ', 1), { text: 'a);', replaceLength: 1 });
  });
});
