import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { keepEnd, keepStart, MAX_PROMPT_TOKENS, MAX_SUFFIX_TOKENS, promptBudget } from '../../../src/context/promptBudget';
import { estimateTokens } from '../../../src/text/tokens';

describe('context/promptBudget: shares of the context and cuts that keep to them', () => {
  it('leaves room for the answer and stays under the cap', () => {
    const small = promptBudget(2048, 256);
    assert.ok(small.total <= 2048 - 256, `total ${small.total}`);
    assert.ok(small.total > 1500);
    assert.equal(promptBudget(131072, 256).total, MAX_PROMPT_TOKENS);
    assert.equal(promptBudget(512, 600).total, 0);
  });

  it('splits the total: the prefix gets the most, the suffix a capped share, snippets a quarter', () => {
    const b = promptBudget(8192, 256);
    assert.equal(b.prefix + b.suffix + b.snippets, b.total);
    assert.ok(b.prefix > b.snippets && b.snippets > 0);
    assert.ok(b.suffix <= MAX_SUFFIX_TOKENS && b.suffix > 0);
    assert.equal(b.snippets, Math.floor(b.total / 4));
  });

  it('follows a smaller context window', () => {
    assert.ok(promptBudget(2048, 256).total < promptBudget(4096, 256).total);
    assert.ok(promptBudget(1024, 256).total < promptBudget(2048, 256).total);
  });

  const FILE = ['import os', '', 'def main():', '    path = os.getcwd()', '    print(path)', '', 'main()'].join('\n');

  it('keeps whole lines of the prefix, nearest first, and the cursor line always', () => {
    const prefix = FILE + '\nresult = comp';
    const kept = keepEnd(prefix, estimateTokens('    print(path)\n\nmain()\nresult = comp') + 3);
    assert.equal(kept, '    print(path)\n\nmain()\nresult = comp');
    assert.equal(keepEnd(prefix, 10_000), prefix);
  });

  it('keeps whole lines of the suffix, nearest first', () => {
    const kept = keepStart('(a, b)\n    return x\n\ndef other():\n    pass\n', estimateTokens('(a, b)\n    return x') + 1);
    assert.equal(kept, '(a, b)\n    return x');
    assert.equal(keepStart('x\ny', 100), 'x\ny');
  });

  it('cuts a line too long for the budget at a token boundary, never inside an identifier', () => {
    const minified = 'var alpha=1,beta=2,gamma=3,delta=4;function compute(){return alpha+beta+gamma+delta}';
    const end = keepEnd(minified, 8);
    assert.ok(minified.endsWith(end) && end.length > 0);
    assert.ok(!/^[A-Za-z_]/.test(end) || /[^A-Za-z_]/.test(minified[minified.length - end.length - 1]), `cut inside an identifier: ${end}`);
    const start = keepStart(minified, 8);
    assert.ok(minified.startsWith(start) && start.length > 0);
    assert.ok(!/[A-Za-z_]$/.test(start) || /[^A-Za-z_]/.test(minified[start.length]), `cut inside an identifier: ${start}`);
  });

  it('with no budget keeps nothing', () => {
    assert.equal(keepEnd('abc\ndef', 0), '');
    assert.equal(keepStart('abc\ndef', 0), '');
  });

  const code = fc.array(fc.constantFrom('const', 'x', ' ', '    ', '=', '(', ')', '{', '}', '\n', '\n', 'value_1', '42', ';', '\t', 'é'), { maxLength: 300 }).map((parts) => parts.join(''));

  it('never exceeds the budget, and returns an end (prefix) or a start (suffix) of the text', () => {
    fc.assert(
      fc.property(code, fc.integer({ min: 0, max: 200 }), (text, budget) => {
        const end = keepEnd(text, budget);
        const start = keepStart(text, budget);
        assert.ok(text.endsWith(end));
        assert.ok(text.startsWith(start));
        assert.ok(estimateTokens(end) <= budget, `end: ${estimateTokens(end)} > ${budget}`);
        assert.ok(estimateTokens(start) <= budget, `start: ${estimateTokens(start)} > ${budget}`);
      }),
      { numRuns: 400 },
    );
  });

  it('cuts at line boundaries whenever the cursor line fits', () => {
    fc.assert(
      fc.property(code, fc.integer({ min: 0, max: 200 }), (text, budget) => {
        const end = keepEnd(text, budget);
        const cursorLine = text.slice(text.lastIndexOf('\n') + 1);
        if (estimateTokens(cursorLine) <= budget) assert.ok(end.length === text.length || text[text.length - end.length - 1] === '\n');
        const start = keepStart(text, budget);
        const firstLine = text.split('\n', 1)[0];
        if (estimateTokens(firstLine) <= budget) assert.ok(start.length === text.length || text[start.length] === '\n');
      }),
      { numRuns: 400 },
    );
  });
});
