import * as assert from 'node:assert/strict';
import { estimateTokens, takeTokensFromEnd, takeTokensFromStart, takeTokensAround } from '../../../src/text/tokens';

describe('token estimate', () => {
  it('counts nothing for empty text and about one token per short word or mark', () => {
    assert.equal(estimateTokens(''), 0);
    assert.equal(estimateTokens('a = b;'), 6); // a, space, =, space, b, ;
  });

  it('counts long identifiers as several pieces and each newline', () => {
    assert.equal(estimateTokens('getElementByIdentifier'), 6);
    assert.equal(estimateTokens('x\n\n\ny'), 5);
  });

  it('stays at or above a typical code BPE count (about 1 token per 3-4 characters of code)', () => {
    const code = 'export function add(a: number, b: number): number {\n  return a + b;\n}\n'.repeat(20);
    const tokens = estimateTokens(code);
    assert.ok(tokens >= code.length / 4, `${tokens} tokens for ${code.length} chars`);
    assert.ok(tokens <= code.length / 1.5, `${tokens} tokens for ${code.length} chars`);
  });

  it('takes whole lines from the start or the end within the budget', () => {
    const text = 'one\ntwo\nthree\nfour';
    assert.equal(takeTokensFromStart(text, 4), 'one\ntwo');
    assert.equal(takeTokensFromEnd(text, 5), 'three\nfour'); // 'three' is 2 pieces + its newline
    assert.equal(takeTokensFromEnd(text, 4), 'four');
    assert.equal(takeTokensFromStart(text, 0), '');
    assert.equal(takeTokensFromEnd(text, 1000), text);
  });
});

describe('text: the part of a text around an offset within a token budget', () => {
  it('returns the whole text when it fits', () => {
    assert.deepEqual(takeTokensAround('a\nb\nc', 2, 100), { text: 'a\nb\nc', start: 0 });
  });

  it('grows whole lines outwards from the offset’s line', () => {
    const lines = Array.from({ length: 100 }, (_, i) => `line${i} = value${i};`);
    const text = lines.join('\n');
    const at = text.indexOf('line50');
    const { text: part, start } = takeTokensAround(text, at, 60);
    assert.ok(part.includes('line50 = value50;'));
    assert.equal(text.slice(start, start + part.length), part, 'start says where the part is');
    assert.ok(part.startsWith('line') && part.endsWith(';'), 'whole lines');
    assert.ok(estimateTokens(part) <= 60);
    const first = Number(/^line(\d+)/.exec(part)![1]);
    const last = Number(/line(\d+) = value\d+;$/.exec(part)![1]);
    assert.ok(Math.abs(50 - first - (last - 50)) <= 1, `centred on the offset: ${first}..${last}`);
  });

  it('cuts one huge line (minified code) to the characters around the offset', () => {
    const text = Array.from({ length: 3000 }, (_, i) => `f${i}(a)`).join(';');
    const at = text.indexOf('f1500(');
    const { text: part, start } = takeTokensAround(text, at, 200);
    assert.ok(part.includes('f1500(a)'));
    assert.ok(estimateTokens(part) <= 200);
    assert.ok(estimateTokens(part) > 150, 'uses the budget');
    assert.equal(text.slice(start, start + part.length), part);
  });
});
