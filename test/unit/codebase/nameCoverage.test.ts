import * as assert from 'node:assert/strict';
import { NAME_COVERAGE_BOOST, withNameCoverage } from '../../../src/codebase/nameCoverage';

describe('codebase: name coverage', () => {
  it('a chunk whose whole name the question says overtakes a slightly better match named otherwise', () => {
    const out = withNameCoverage(
      [
        { symbol: 'set_sequences', score: 10 },
        { symbol: 'close', score: 9.5 },
        { symbol: '', score: 9.5 },
      ],
      'Close the sequence.',
    );
    assert.deepEqual(out.map((h) => h.symbol), ['close', 'set_sequences', '']);
    assert.equal(out[0].score, 9.5 * (1 + NAME_COVERAGE_BOOST));
    // Half of `set_sequences` is said ("sequence"); a chunk without a name keeps its score.
    assert.equal(out[1].score, 10 * (1 + NAME_COVERAGE_BOOST / 2));
    assert.equal(out[2].score, 9.5);
  });

  it('reads names as the index does: compounds cut, stop words and word forms count', () => {
    const [isPackage, getValue] = withNameCoverage(
      [
        { symbol: 'ispackage', score: 1 },
        { symbol: 'getvalue', score: 1 },
      ],
      'Return True if the path is one of packages',
    );
    assert.equal(isPackage.score, 1 + NAME_COVERAGE_BOOST);
    assert.equal(getValue.score, 1);
  });
});
