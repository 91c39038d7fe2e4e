import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { lineIndexAt, lineStarts, textLineStarts } from '../../../src/text/lineStarts';

describe('text: line starts', () => {
  const lines = 'ab\n\ncde\nf'.split('\n');
  const starts = lineStarts(lines);

  it('gives the offset each line starts at', () => assert.deepEqual(starts, [0, 3, 4, 8]));

  it('finds the line holding an offset, its line break included, and clamps past the end', () => {
    assert.deepEqual([0, 2, 3, 4, 7, 8, 9, 100].map((o) => lineIndexAt(starts, o)), [0, 0, 1, 2, 2, 3, 3, 3]);
  });

  it('finds the same starts in the text itself as in its lines', () => {
    assert.deepEqual(textLineStarts('ab\n\ncde\nf'), starts);
    fc.assert(fc.property(fc.stringMatching(/^[a\n\r]{0,30}$/), (text) => assert.deepEqual(textLineStarts(text), lineStarts(text.split('\n')))));
  });
});
