import * as assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { Redactor } from '../../../src/privacy/redactor';
import { SECRET_MARGIN, WindowScans, secretSafeLines, secretSafeRange, secretSafeRanges, splitsSecret } from '../../../src/privacy/secretSafeCut';
import { createSecretScanner, type SecretScanner } from '../../../src/privacy/secretScan';
import { CORPUS } from './corpus';

const pem = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } }).privateKey;
const keyBody = pem.split('\n')[5];
const token = CORPUS.find((c) => c.rule === 'github-token')!.secret;
const PASSWORD = 'Xk9mQ2vL7pR4zTq8';

/** Whether any line of the key's body, or the token, survives redaction of `part`. */
const leaks = (part: string) => {
  const sent = new Redactor().redact(part).text;
  return pem.split('\n').slice(1, -2).some((line) => sent.includes(line)) || sent.includes(token) || sent.includes(PASSWORD);
};

describe('privacy: cuts that never split a secret', () => {
  const text = `import x from 'y';\n\nconst key = \`${pem}\`;\nconst token = "${token}";\nconst password = "${PASSWORD}";\nexport const done = true;\n`;

  it('moves a start inside a PEM block to the block start, and an end inside it to the block end', () => {
    const inside = text.indexOf(keyBody) + 10;
    assert.deepEqual(secretSafeRange(text, { start: inside, end: text.length }), { start: text.indexOf('-----BEGIN'), end: text.length });
    const blockEnd = text.indexOf('-----END PRIVATE KEY-----') + '-----END PRIVATE KEY-----'.length;
    assert.deepEqual(secretSafeRange(text, { start: 0, end: inside }), { start: 0, end: blockEnd });
    // The naive cuts no longer leak either (the key-fragment rules redact a cut body on its own); the safe cut
    // is a second line of defence that keeps the whole key in one part.
    const safe = secretSafeRange(text, { start: inside, end: text.length });
    assert.ok(!leaks(text.slice(safe.start, safe.end)));
  });

  it('widens a cut through a token to the whole token', () => {
    const mid = text.indexOf(token) + 12;
    const r = secretSafeRange(text, { start: mid, end: text.length });
    assert.equal(r.start, text.indexOf(token));
    assert.ok(!leaks(text.slice(r.start, r.end)));
  });

  it('keeps a value with the name that makes it a secret: a cut between `password = ` and the value moves to the line start', () => {
    const value = text.indexOf(`"${PASSWORD}"`) + 1;
    assert.ok(leaks(text.slice(value)), 'the value alone is not recognised');
    const r = secretSafeRange(text, { start: value, end: text.length });
    assert.equal(r.start, text.lastIndexOf('\n', value) + 1);
    assert.ok(!leaks(text.slice(r.start, r.end)));
  });

  it('leaves cuts that split nothing exactly where they are (and text without secrets untouched)', () => {
    const line = text.indexOf('export const');
    assert.deepEqual(secretSafeRange(text, { start: line, end: text.length - 1 }), { start: line, end: text.length - 1 });
    const plain = 'const a = 1;\nconst b = 2;\n';
    assert.deepEqual(secretSafeRanges(plain, [{ start: 3, end: 9 }, { start: 13, end: 20 }]), [{ start: 3, end: 9 }, { start: 13, end: 20 }]);
  });

  it('says whether a cursor splits a secret (inside it, or between its name and its value)', () => {
    assert.equal(splitsSecret(text, text.indexOf(keyBody) + 5), true);
    assert.equal(splitsSecret(text, text.indexOf(token) + 3), true);
    assert.equal(splitsSecret(text, text.indexOf(PASSWORD)), true);
    assert.equal(splitsSecret(text, text.indexOf('export const')), false);
    assert.equal(splitsSecret(text, 0), false);
    assert.equal(splitsSecret(text, text.length + 5), false, 'an offset past the end splits nothing');
  });

  it('widens line ranges to whole lines around a secret, and keeps the others', () => {
    const lines = text.split('\n');
    const bodyLine = lines.findIndex((l) => l === keyBody);
    const begin = lines.findIndex((l) => l.includes('-----BEGIN'));
    const end = lines.findIndex((l) => l.includes('-----END'));
    assert.deepEqual(secretSafeLines(text, lines, [[bodyLine, bodyLine + 1], [0, 1]]), [[begin, end], [0, 1]]);
  });

  it('a service-account JSON key with \\n escapes cut in the middle is widened to the whole key', () => {
    const escaped = pem.replace(/\n/g, '\\n');
    const json = `{\n  "type": "service_account",\n  "private_key": "${escaped}",\n  "client_email": "bot@demo.iam.gserviceaccount.com"\n}\n`;
    const mid = json.indexOf(keyBody) + 20;
    const r = secretSafeRange(json, { start: 0, end: mid });
    assert.ok(r.end >= json.indexOf('-----END PRIVATE KEY-----') + 25);
    assert.ok(!new Redactor().redact(json.slice(r.start, r.end)).text.includes(keyBody));
  });

  it('scans a bounded margin: a key far from the cut does not move it', () => {
    const far = `${pem}\n${'const filler = 1;\n'.repeat(Math.ceil((SECRET_MARGIN * 2) / 18))}const a = 1;\nconst b = 2;\n`;
    const at = far.lastIndexOf('const b');
    assert.deepEqual(secretSafeRange(far, { start: at, end: far.length }), { start: at, end: far.length });
  });
});

describe('privacy: window scans remembered by the text they scanned', () => {
  /** A scanner that counts its scans. */
  function counting(): SecretScanner & { scans: number } {
    const inner = createSecretScanner();
    const scanner = { scans: 0, scan: (text: string, skip?: RegExp) => (scanner.scans++, inner.scan(text, skip)) };
    return scanner;
  }
  const filler = 'x'.repeat(token.length);

  it('answers an equal text (another string object) from memory, with the scanner’s own spans', () => {
    const scanner = counting();
    const scans = new WindowScans(scanner);
    const text = `const a = 1;\nconst token = "${token}";\nconst password = "${PASSWORD}";\n`;
    const fresh = createSecretScanner().scan(text).map((s) => ({ start: s.start, end: s.end }));
    assert.ok(fresh.length >= 2);
    assert.deepEqual(scans.scan(text), fresh);
    assert.deepEqual(scans.scan(text.split('').join('')), fresh);
    assert.equal(scanner.scans, 1);
  });

  it('scans again when one character changed, even at the same length and place (never serves a stale answer)', () => {
    const scanner = counting();
    const scans = new WindowScans(scanner);
    const before = `const a = 1;\nconst b = "${filler}";\n`;
    const after = before.replace(filler, token);
    assert.equal(before.length, after.length);
    assert.deepEqual(scans.scan(before), []);
    const found = scans.scan(after);
    assert.equal(scanner.scans, 2);
    assert.deepEqual(found, [{ start: after.indexOf(token), end: after.indexOf(token) + token.length }]);
    // And back: the text without the token is answered (from memory) as having none.
    assert.deepEqual(scans.scan(before.split('').join('')), []);
    assert.equal(scanner.scans, 2);
  });

  it('forgets the least recently used texts (a bounded memory)', () => {
    const scanner = counting();
    const scans = new WindowScans(scanner);
    const texts = Array.from({ length: 40 }, (_, i) => `const v${i} = ${i};\n`);
    for (const t of texts) scans.scan(t);
    scans.scan(texts[0]);
    assert.equal(scanner.scans, 41, 'the first text was forgotten');
    scans.scan(texts[39]);
    assert.equal(scanner.scans, 41, 'the last one is remembered');
  });

  it('a cut in an edited document is the cut a scanner with no memory makes, edit after edit (a secret typed in, cut through, removed)', () => {
    const lines = Array.from({ length: 3000 }, (_, i) => `  const value${i} = compute(${i}, "${i % 7 === 0 ? filler : 'plain'}");`);
    let text = `function big() {\n${lines.join('\n')}\n}\n`;
    const far = text.indexOf('value5 ');
    const at = (i: number) => text.indexOf(`value${i} `);
    // Typing: the secret appears in the line that holds the cut, is cut through, then removed.
    const steps: ((t: string) => string)[] = [
      (t) => t.replace(`value2100 = compute(2100, "${filler}")`, `value2100 = compute(2100, "${token}")`),
      (t) => t,
      (t) => t.replace(`value2100 = compute(2100, "${token}")`, `value2100 = compute(2100, "${filler}")`),
      (t) => t.replace('value10 ', 'valueX10 '),
      (t) => t.replace(`value14 = compute(14, "${filler}")`, `value14 = compute(14, "${token}")`),
    ];
    for (const [n, step] of steps.entries()) {
      text = step(text);
      const cutInToken = at(2100) + 'value2100 = compute(2100, "'.length + 10;
      const ranges = [{ start: cutInToken, end: text.length - 3 }, { start: far, end: at(14) + 'value14 = compute(14, "'.length + 6 }];
      for (const r of ranges) {
        const remembered = secretSafeRange(text, r);
        const fresh = secretSafeRange(text, r, createSecretScanner());
        assert.deepEqual(remembered, fresh, `step ${n}, range ${JSON.stringify(r)}`);
      }
      const withToken = text.includes(`compute(2100, "${token}")`);
      assert.equal(secretSafeRange(text, ranges[0]).start < ranges[0].start, withToken, `step ${n}: the cut through the token moved`);
    }
  });
});
