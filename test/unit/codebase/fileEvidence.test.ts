import * as assert from 'node:assert/strict';
import { SAME_FILE_SHARE, withFileEvidence } from '../../../src/codebase/fileEvidence';

describe('codebase: file evidence', () => {
  it('a chunk whose file holds another matching chunk overtakes an equal-ish match alone in its file', () => {
    const hits = [
      { path: 'a.ts', score: 10, name: 'alone' },
      { path: 'b.ts', score: 9.5, name: 'helped' },
      { path: 'b.ts', score: 8, name: 'helper' },
    ];
    const out = withFileEvidence(hits);
    assert.deepEqual(out.map((h) => h.name), ['helped', 'alone', 'helper']);
    assert.equal(out[0].score, 9.5 + SAME_FILE_SHARE * 8);
    // The file's best chunk gains from the second, every other chunk from the best.
    assert.equal(out[2].score, 8 + SAME_FILE_SHARE * 9.5);
  });

  it('a file with one match keeps its score, and equal best scores in one file help each other', () => {
    const out = withFileEvidence([
      { path: 'a.ts', score: 3 },
      { path: 'b.ts', score: 2 },
      { path: 'b.ts', score: 2 },
    ]);
    assert.deepEqual(out.map((h) => [h.path, h.score]), [['a.ts', 3], ['b.ts', 2 + SAME_FILE_SHARE * 2], ['b.ts', 2 + SAME_FILE_SHARE * 2]]);
  });
});
