import * as assert from 'node:assert/strict';
import { estimateTokens, takeTokensFromEnd, takeTokensFromStart } from '../../../src/text/tokens';

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
