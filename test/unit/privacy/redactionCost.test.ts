import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { Redactor } from '../../../src/privacy/redactor';
import { SECRET_RULES, type SecretRule } from '../../../src/privacy/secretRules';
import { createSecretScanner, type SecretSpan } from '../../../src/privacy/secretScan';
import { ADVERSARIAL, repeatTo } from './adversarial';
import { CORPUS } from './corpus';

/**
 * Redaction stays linear on inputs built to make patterns slow. No timing is asserted here (the benchmark
 * and the security suite measure it); these inputs are sized so that a super-linear pattern or an O(n·m)
 * overlap check would not finish within the test timeout (the scan before Trust II took ~40 s on 2 MB of
 * placeholder-like text), and each must still come out correctly redacted.
 */
describe('privacy: redaction of adversarial inputs terminates and is right', function () {
  this.timeout(20_000);

  for (const input of ADVERSARIAL) {
    it(`${input.name} (${input.aims}), 400 KB`, () => {
      const text = input.make(400_000);
      const redactor = new Redactor();
      const once = redactor.redact(text);
      assert.equal(redactor.redact(once.text).text, once.text, 'redacting again changes nothing');
      if (!input.holdsSecrets) {
        assert.equal(once.text, text, 'nothing to redact');
        return;
      }
      assert.ok(once.found.length > 0);
      // Random base64 lines are key bodies: none may be left.
      if (/base64/.test(input.name)) assert.ok(!/^[A-Za-z0-9+/]{64}$/m.test(once.text), 'no base64 key line is left');
    });
  }

  it('redacts 2 MB of placeholder-like text and 2 MB of near-miss secrets', () => {
    const input = (name: string) => ADVERSARIAL.find((a) => a.name === name)!.make(2_000_000);
    for (const text of [input('placeholder-like'), input('near-miss secrets')]) {
      const once = new Redactor().redact(text);
      assert.ok(once.text.length > 0);
      assert.ok(!CORPUS.some((e) => e.secret.length > 20 && once.text.includes(e.secret)), 'no whole corpus secret is left');
    }
  });
});

/** The scan as it was before Trust II: every candidate checked against every claimed span. */
function referenceScan(rules: readonly SecretRule[], text: string, skip: RegExp): SecretSpan[] {
  const taken = [...text.matchAll(skip)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
  const spans: SecretSpan[] = [];
  for (const rule of rules) {
    const pattern = new RegExp(rule.pattern.source, rule.pattern.flags.replace('d', '') + 'd');
    const groups = rule.group === undefined ? [0] : Array.isArray(rule.group) ? rule.group : [rule.group];
    for (const m of text.matchAll(pattern)) {
      const g = groups.find((x) => (typeof x === 'number' ? m[x] : m.groups?.[x]));
      if (g === undefined) continue;
      const range = typeof g === 'number' ? m.indices![g] : m.indices!.groups![g];
      const lead = g === 0 ? m.groups?.lead ?? '' : '';
      const [start, end] = [range[0] - lead.length, range[1]];
      const value = text.slice(start, end);
      if (!value || taken.some((t) => start < t.end && t.start < end)) continue;
      if (rule.accept && !rule.accept(value, m)) continue;
      if (!rule.keep) spans.push({ start, end, rule });
      taken.push({ start, end });
    }
  }
  return spans.sort((a, b) => a.start - b.start);
}

describe('privacy: the secret scan sweeps claimed spans in order', () => {
  const PLACEHOLDER = /«secret:[a-z0-9-]+:[a-z0-9]{1,16}»/g;
  const pieces = fc.constantFrom(...CORPUS.map((e) => e.context), '«secret:github-token:ab12cd34ef»', '«secret:x:1»«secret:y:2»', 'x = 1;', '\n', ' ', '"', '-----END RSA PRIVATE KEY-----');
  const texts = fc.array(pieces, { minLength: 1, maxLength: 12 }).map((p) => p.join(''));

  it('finds the same spans as checking every candidate against every claimed span', () => {
    const scanner = createSecretScanner();
    fc.assert(
      fc.property(texts, (text) => {
        const strip = (spans: SecretSpan[]) => spans.map((s) => `${s.start}-${s.end}:${s.rule.id}`);
        assert.deepEqual(strip(scanner.scan(text, PLACEHOLDER)), strip(referenceScan(SECRET_RULES, text, PLACEHOLDER)), text);
      }),
      { numRuns: 150 },
    );
  });

  it('never reports a span inside a placeholder, however many placeholders a text holds', () => {
    const text = repeatTo('«secret:github-token:ab12cd34ef» password = «secret:x:1»\n', 300_000);
    assert.deepEqual(createSecretScanner().scan(text, PLACEHOLDER), []);
  });
});
