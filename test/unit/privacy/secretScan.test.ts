import * as assert from 'node:assert/strict';
import { createSecretScanner, type SecretSpan } from '../../../src/privacy/secretScan';
import type { SecretRule } from '../../../src/privacy/secretRules';

/**
 * The scanner's overlap rules on two made-up rules: `xx` claims "XX"; `caps` claims a line of capitals, and
 * takes the two capital lines before it, when there are two, as its `lead` (the shape of the bare key body
 * rule, whose first line is read in a lookbehind). A lead can then start a match before the match before it.
 */
const RULES: SecretRule[] = [
  { id: 'xx', description: 'XX', pattern: /XX/g },
  { id: 'caps', description: 'a line of capitals', pattern: /(?<=(?<lead>(?:^[A-Z]+\n){2})?)^[A-Z]+$/gm },
];
const scanner = createSecretScanner(RULES);
const brief = (text: string, spans: SecretSpan[]) => spans.map((s) => `${s.rule.id} ${JSON.stringify(text.slice(s.start, s.end))}`);

describe('privacy: secret scanner overlaps', () => {
  it("joins a rule's own matches that a lead makes overlap into one span", () => {
    const text = 'AB\nCD\nEF';
    assert.deepEqual(brief(text, scanner.scan(text)), ['caps "AB\\nCD\\nEF"']);
  });

  it("never lets a lead that reaches back claim text an earlier rule claimed (the sweep goes back with it)", () => {
    // "CD"'s lead is "XX\nAB\n": it starts before "AB", the match before it, and on `xx`'s claim.
    const text = 'XX\nAB\nCD\nEF';
    assert.deepEqual(brief(text, scanner.scan(text)), ['xx "XX"', 'caps "AB\\nCD\\nEF"']);
  });

  it('keeps that true over many such steps in one text: spans in order, none overlapping', () => {
    const block = 'XX\nAB\nCD\nEF\nlower\n';
    const text = block.repeat(2000);
    const spans = scanner.scan(text);
    assert.equal(spans.length, 4000);
    for (let i = 1; i < spans.length; i++) assert.ok(spans[i - 1].end <= spans[i].start, `span ${i} overlaps the one before`);
    assert.deepEqual(brief(text, spans.slice(0, 2)), ['xx "XX"', 'caps "AB\\nCD\\nEF"']);
  });
});
