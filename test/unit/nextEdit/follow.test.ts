import * as assert from 'node:assert/strict';
import { applyLineEdits, splitLines } from '../../../src/nextEdit/lines';
import { runCase } from '../../../src/nextEdit/runCase';
import { caseOf, parsers } from './helpers';

const filler = (n: number) => Array.from({ length: n }, (_, i) => `// unrelated line ${i}`);

describe('next edit: follow mode (accept and ask again, as Tab would)', function () {
  this.timeout(30000);

  // A function renamed at its definition, called in three places too far apart for one region.
  const original = ['function parse(s) {', '  return s;', '}', ...filler(80), 'parse(1);', ...filler(80), 'parse(2);', ...filler(80), 'parse(3);'];
  const after = original.map((l) => l.replace(/\bparse\b/, 'parseInput'));
  const c = caseOf('follow', 'javascript', original, 0, 'parse', 'parseInput', after);

  it('without --follow: the first suggestion fixes the next place only', async () => {
    const run = await runCase(c, { parsers });
    assert.deepEqual(run.edits, [{ startLine: 83, endLine: 83, text: 'parseInput(1);' }]);
    assert.equal(run.steps.length, 1);
  });

  it('with follow: each accepted suggestion leads to the next place until the change is complete, then stops', async () => {
    const run = await runCase(c, { parsers, follow: 5 });
    assert.deepEqual(run.edits.map((e) => e.startLine), [83, 164, 245]);
    assert.deepEqual(applyLineEdits(splitLines(c.text), run.edits), after);
    // The fourth request finds nothing left to do and ends the run.
    assert.deepEqual(run.steps.map((s) => s.edits.length), [1, 1, 1, 0]);
    assert.ok(run.steps.every((s) => typeof s.ms === 'number'));
  });

  it('follow stops at N more requests', async () => {
    const run = await runCase(c, { parsers, follow: 1 });
    assert.deepEqual(run.edits.map((e) => e.startLine), [83, 164]);
  });

  it('works in each prompt format', async () => {
    for (const model of ['zeta', 'instinct', 'sweep-next-edit', 'qwen2.5-coder:7b']) {
      const run = await runCase(c, { parsers, follow: 3, model });
      assert.deepEqual(applyLineEdits(splitLines(c.text), run.edits), after, model);
    }
  });
});
