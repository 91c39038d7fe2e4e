import assert from 'node:assert/strict';
import { lineRange } from '../../../src/text/lineRange';

describe('lineRange', () => {
  it('writes one line as its number and several as first–last', () => {
    assert.equal(lineRange(7, 7), '7');
    assert.equal(lineRange(3, 6), '3–6');
  });
  it('never writes a backwards range', () => {
    assert.equal(lineRange(5, 2), '5');
  });
});
