import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { lineAtOffset, lineIndexAt, lineStarts, offsetOfLine, textLineStarts } from '../../../src/text/lineStarts';

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

describe('text: lines counted from the last offset asked of the same text', () => {
  /** The plain counts from the top: line breaks before `offset`; where line `line` starts. */
  const lineOf = (text: string, offset: number) => text.slice(0, Math.max(0, offset)).split('\n').length - 1;
  const startOf = (text: string, line: number) => {
    let at = 0;
    for (let l = 0; l < line; l++) {
      const nl = text.indexOf('\n', at);
      if (nl === -1) return text.length;
      at = nl + 1;
    }
    return at;
  };

  it('answers as counting from the top, whatever was asked before and of whichever text', () => {
    const text = fc.string({ unit: fc.constantFrom('a', 'b', '\n', ' '), maxLength: 120 });
    const ask = fc.oneof(
      fc.record({ kind: fc.constant('line' as const), text: fc.nat(2), at: fc.nat(130) }),
      fc.record({ kind: fc.constant('start' as const), text: fc.nat(2), at: fc.nat(40) }),
    );
    fc.assert(
      fc.property(fc.array(text, { minLength: 3, maxLength: 3 }), fc.array(ask, { maxLength: 30 }), (texts, asks) => {
        for (const a of asks) {
          // A copy built anew each time: equal texts that are different strings are still the same lines.
          const t = [...texts[a.text]].join('');
          if (a.kind === 'line') assert.equal(lineAtOffset(t, Math.min(a.at, t.length)), lineOf(t, Math.min(a.at, t.length)));
          else assert.equal(offsetOfLine(t, a.at), startOf(t, a.at));
        }
      }),
    );
  });

  it('counts from a point near the end of a long text', () => {
    const text = Array.from({ length: 5000 }, (_, i) => `line ${i}`).join('\n');
    const offset = text.indexOf('line 4990');
    assert.equal(lineAtOffset(text, offset), 4990);
    assert.equal(offsetOfLine(text, 4740), text.indexOf('line 4740'));
    assert.equal(lineAtOffset(text, text.indexOf('line 4741') + 2), 4741);
    assert.equal(offsetOfLine(text, 4999), text.indexOf('line 4999'));
    assert.equal(offsetOfLine(text, 6000), text.length);
    assert.equal(offsetOfLine(text, 0), 0);
    assert.equal(lineAtOffset(text, 0), 0);
  });
});
