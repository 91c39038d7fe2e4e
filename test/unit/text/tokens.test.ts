import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
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

describe('token estimate: the one-pass count', () => {
  /** The estimate as first written: one regex match per piece. The one-pass count must agree with it everywhere. */
  function byPieces(text: string): number {
    let tokens = 0;
    for (const m of text.matchAll(/[A-Za-z_]+|\d+|[^\sA-Za-z_\d]|\s+/g)) {
      const piece = m[0];
      const c = piece.charCodeAt(0);
      if (c === 32 || c === 9 || c === 10 || c === 13) tokens += piece.includes('\n') ? piece.split('\n').length - 1 || 1 : Math.ceil(piece.length / 8);
      else if (piece.length > 1) tokens += Math.ceil(piece.length / 4);
      else tokens += 1;
    }
    return tokens;
  }

  it('counts every kind of piece as the regex pieces do (words, numbers, marks, whitespace of every kind)', () => {
    const cases = ['', ' ', '\n', '\r\n', '\t\t\n  \n', '        x', '         ', 'a_b9c', '123abc', '日本語', '😀x', '\u00a0\u00a0 \n', ' \u00a0\n', '\v\f', '\u2028\u2029', '\ufeffa', '\u0085', 'x\u3000\u3000y', '__init__', 'a+=b->c'];
    for (const text of cases) assert.equal(estimateTokens(text), byPieces(text), JSON.stringify(text));
  });

  it('agrees with the regex pieces on any text', () => {
    const unit = fc.oneof(fc.constantFrom(' ', '\t', '\n', '\r', '\v', '\f', '\u00a0', '\u1680', '\u2000', '\u200a', '\u200b', '\u2028', '\u202f', '\u205f', '\u3000', '\ufeff', '\u0085', '_', 'a', 'Z', '0', '9', '{', '日', '\ud83d', '\ude00'), fc.string({ unit: 'binary', maxLength: 3 }));
    fc.assert(fc.property(fc.array(unit, { maxLength: 60 }), (parts) => estimateTokens(parts.join('')) === byPieces(parts.join(''))), { numRuns: 2000 });
  });

  it('counts real code as the regex pieces do', () => {
    const code = readFileSync(join(__dirname, '../../../src/text/tokens.ts'), 'utf8');
    assert.equal(estimateTokens(code), byPieces(code));
  });
});
