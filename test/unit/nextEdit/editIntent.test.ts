import * as assert from 'node:assert/strict';
import { lineIntent, wordOccurrences } from '../../../src/nextEdit/editIntent';

describe('next edit: what an edit changed', () => {
  it('a rename begun: one name out, one in, even when only part of the name was typed over', () => {
    const intent = lineIntent(4, '  const userName = 1;', '  const userId = 1;')!;
    assert.deepEqual([intent.oldNames, intent.newNames, intent.removed, intent.inserted], [['userName'], ['userId'], 'userName', 'userId']);
    assert.equal(intent.character, 8);
  });

  it('a parameter added: nothing removed, the tokens either side of the insertion kept', () => {
    const intent = lineIntent(0, 'function f(a, b) {', 'function f(a, b, c) {')!;
    assert.deepEqual([intent.oldNames, intent.newNames, intent.removed, intent.inserted, intent.left, intent.right], [[], ['c'], '', ', c', 'b', ')']);
  });

  it('a reorder renames nothing', () => {
    const intent = lineIntent(0, 'def f(a, b):', 'def f(b, a):')!;
    assert.deepEqual([intent.oldNames, intent.newNames], [[], []]);
  });

  it('an unchanged line has no intent', () => {
    assert.equal(lineIntent(0, 'x', 'x'), undefined);
  });

  it('finds whole-word occurrences only', () => {
    assert.deepEqual(wordOccurrences('count + counter + count_ + $count + count', 'count'), [0, 36]);
  });
});
