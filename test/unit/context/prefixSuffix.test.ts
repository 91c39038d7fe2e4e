import * as assert from 'node:assert/strict';
import { cutPrefixSuffix } from '../../../src/context/prefixSuffix';
import { estimateTokens } from '../../../src/text/tokens';
import { PREFIX_START_STEP_LINES } from '../../../src/tunables/tunables';
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

  it('a cut prefix starts on a line numbered in steps of PREFIX_START_STEP_LINES, so it stays put while the user types line after line', async () => {
    const body = Array.from({ length: 300 }, (_, i) => `const v${i} = compute(${i});`);
    const budget = tokensOf(body.slice(0, 100));
    const starts: number[] = [];
    for (let typed = 0; typed < 64; typed++) {
      const text = [...body, ...Array.from({ length: typed }, (_, i) => `const t${i} = ${i};`), 'const x = '].join('\n');
      const offset = text.length;
      const tree = await parsers.parseText('typescript', text);
      const cut = cutPrefixSuffix(text, offset, { prefix: budget, suffix: 0 }, tree);
      tree?.delete();
      assert.ok(estimateTokens(cut.prefix) <= budget);
      starts.push(text.slice(0, cut.start).split('\n').length - 1);
    }
    assert.ok(starts.every((line) => line % PREFIX_START_STEP_LINES === 0), `start lines: ${[...new Set(starts)].join(', ')}`);
    const moves = starts.filter((line, i) => i > 0 && line !== starts[i - 1]).length;
    assert.ok(moves <= 64 / PREFIX_START_STEP_LINES + 1, `the start moved ${moves} times over 64 lines typed`);
    assert.ok(starts.at(-1)! > starts[0], 'and it does move on');
  });
});
