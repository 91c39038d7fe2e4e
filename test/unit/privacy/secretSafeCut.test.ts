import * as assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { Redactor } from '../../../src/privacy/redactor';
import { SECRET_MARGIN, secretSafeLines, secretSafeRange, secretSafeRanges, splitsSecret } from '../../../src/privacy/secretSafeCut';
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
