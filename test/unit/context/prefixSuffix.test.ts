import * as assert from 'node:assert/strict';
import { cutPrefixSuffix } from '../../../src/context/prefixSuffix';
import { estimateTokens } from '../../../src/text/tokens';
import { testParsers, withCursor } from './helpers';

/** The tokens the cut spends on these whole lines (each line and its line break). */
const tokensOf = (lines: string[]) => lines.reduce((sum, l) => sum + estimateTokens(l) + 1, 0);

const DOC = `const config = {
  a: 1,
  b: 2,
};
function f() {
  return g(
    1,
    2,
  );
}
const x = █;
function h() {
  return [
    3,
    4,
  ];
}
const y = 5;
`;

describe('context: prefix and suffix cut at syntactic boundaries', function () {
  this.timeout(20000);
  const parsers = testParsers();
  after(() => parsers.dispose());

  it('keeps everything when the budget allows', async () => {
    const { text, offset } = withCursor(DOC);
    const tree = await parsers.parseText('typescript', text);
    const cut = cutPrefixSuffix(text, offset, { prefix: 10_000, suffix: 10_000 }, tree);
    tree?.delete();
    assert.equal(cut.prefix + cut.suffix, text);
    assert.deepEqual([cut.start, cut.end], [0, text.length]);
  });

  it('starts the prefix at a statement, never inside a call or a closing bracket', async () => {
    const { text, offset } = withCursor(DOC);
    const tree = await parsers.parseText('typescript', text);
    // Room for "    2," and the lines after it: the raw cut would start inside g(…)'s arguments.
    const budget = tokensOf(['    2,', '  );', '}', 'const x = ']);
    const cut = cutPrefixSuffix(text, offset, { prefix: budget, suffix: 0 }, tree);
    tree?.delete();
    assert.equal(cut.prefix, 'const x = ');
  });

  it('ends the suffix where a statement ends', async () => {
    const { text, offset } = withCursor(DOC);
    const tree = await parsers.parseText('typescript', text);
    // Room up to "    3,": the raw cut would end inside the array.
    const budget = tokensOf([';', 'function h() {', '  return [', '    3,']);
    const cut = cutPrefixSuffix(text, offset, { prefix: 0, suffix: budget }, tree);
    tree?.delete();
    assert.equal(cut.suffix, ';\n');
  });

  it('without a tree, cuts at a line no more indented than the cursor that does not continue an expression', () => {
    const { text, offset } = withCursor('def f():\n    total = (1 +\n             2)\n    return total\n\nx = █\n');
    const budget = tokensOf(['             2)', '    return total', '', 'x = ']);
    const cut = cutPrefixSuffix(text, offset, { prefix: budget, suffix: 0 });
    assert.equal(cut.prefix, 'x = ');
  });

  it('always keeps the cursor line itself', async () => {
    const { text, offset } = withCursor('a();\nconst long = compute(█);\nb();\n');
    const cut = cutPrefixSuffix(text, offset, { prefix: 1, suffix: 1 });
    assert.equal(cut.prefix, 'const long = compute(');
    assert.equal(cut.suffix, ');\n');
  });
});
