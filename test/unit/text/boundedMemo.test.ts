import * as assert from 'node:assert/strict';
import { boundedMemo } from '../../../src/text/boundedMemo';

describe('text: boundedMemo', () => {
  it('asks the function once per argument, and forgets everything when full', () => {
    const asked: string[] = [];
    const upper = boundedMemo((s: string) => (asked.push(s), s.toUpperCase()), 2);
    assert.equal(upper('a'), 'A');
    assert.equal(upper('a'), 'A');
    assert.equal(upper('b'), 'B');
    assert.deepEqual(asked, ['a', 'b']);
    assert.equal(upper('c'), 'C', 'full: emptied, then remembers c');
    assert.equal(upper('a'), 'A');
    assert.deepEqual(asked, ['a', 'b', 'c', 'a']);
    assert.equal(upper('c'), 'C');
    assert.deepEqual(asked, ['a', 'b', 'c', 'a'], 'c stayed');
  });
});
