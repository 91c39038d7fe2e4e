import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { Redactor } from '../../../src/privacy/redactor';
import { fake } from './fake';
import { generatedKeys, holdsKey, PLACEMENTS, survivingRuns, type GeneratedKey } from './generatedKeys';

/**
 * Private keys cut by a prompt window, a selection, a context snippet or an attachment: every fragment
 * is redacted on its own, whatever the cut left of the BEGIN and END lines.
 */

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

describe('privacy: private keys cut anywhere are redacted', function () {
  this.timeout(60_000);
  let keys: GeneratedKey[];
  before(() => (keys = generatedKeys()));

  it('generates every key kind in every wrapping (RSA, EC, Ed25519; PKCS#1, SEC1, PKCS#8, encrypted, OpenSSH; PEM, JSON, comments, JS, YAML)', () => {
    assert.equal(keys.length, 54);
    for (const key of keys) assert.ok(key.body.length >= 1 && key.body.every((line) => key.text.includes(line)), key.name);
  });

  it('for any cut start and end, no 16-character run of the key body survives (property, every key and placement)', () => {
    fc.assert(
      fc.property(fc.nat(keys.length - 1), fc.nat(), fc.nat(), fc.nat(PLACEMENTS.length - 1), (k, a, b, p) => {
        const key = keys[k];
        const [s, e] = [a % (key.text.length + 1), b % (key.text.length + 1)].sort((x, y) => x - y);
        fc.pre(holdsKey(key, s, e));
        const window = key.text.slice(s, e);
        const text = PLACEMENTS[p].place(window);
        const output = new Redactor().redact(text).text;
        assert.deepEqual(survivingRuns(key, window, output), [], `${key.name}, ${PLACEMENTS[p].name}, cut ${s}..${e}:\n${text}\n=>\n${output}`);
      }),
      { numRuns: 600 },
    );
  });

  it('redacts a BEGIN line without its END from the BEGIN line to where the body stops', () => {
    const body = Array.from({ length: 3 }, (_, i) => fake(B64, 64, 500 + i)).join('\n');
    const { text } = new Redactor().redact(`key:\n-----BEGIN RSA PRIVATE KEY-----\n${body}`);
    assert.match(text, /^key:\n«secret:private-key:[a-z0-9]+»$/);
  });

  it('redacts the body before an END line whose BEGIN was cut off', () => {
    const body = Array.from({ length: 2 }, (_, i) => fake(B64, 64, 510 + i)).join('\n') + '\n' + fake(B64, 22, 512) + '==';
    const { text } = new Redactor().redact(`${body}\n-----END OPENSSH PRIVATE KEY-----\nnext();`);
    assert.match(text, /^«secret:private-key:[a-z0-9]+»\nnext\(\);$/);
  });

  it('redacts bare bodies: PEM 64-character lines, OpenSSH 70, behind comment markers, and a full line with a piece of the next', () => {
    const pem = Array.from({ length: 4 }, (_, i) => fake(B64, 64, 520 + i));
    const ssh = Array.from({ length: 3 }, (_, i) => fake(B64, 70, 530 + i));
    for (const text of [pem.join('\n'), ssh.join('\n'), pem.map((l) => `// ${l}`).join('\n'), `${pem[0]}\n${pem[1].slice(0, 9)}`, `${ssh[0].slice(50)}\n${ssh[1]}`]) {
      const out = new Redactor().redact(text).text;
      assert.match(out, /^(?:\/\/ )?«secret:private-key:[a-z0-9]+»$/, text);
    }
  });

  it("redacts a key's padded last line behind a few characters of the line before, whatever marks the lines (found by the security suite)", () => {
    // A window cut 4 characters before the end of a body's next-to-last line: 28 base64 characters in all, fewer
    // than 32 characters of text with a `# ` marker, which the bare-body rule used to read as too short to hold a key.
    const last = `${fake(B64, 22, 570)}=`;
    for (const text of [`JRGo\n# ${last}`, `JRGo\n${last}`, `JRGo\n// ${last}`, `k\n${fake(B64, 15, 571)}=`]) {
      const out = new Redactor().redact(text).text;
      assert.match(out, /^«secret:private-key:[a-z0-9]+»$/, text);
    }
    // A short piece and a short line of words stay: neither holds a 16-character run of anything random.
    for (const text of ['JRGo\n# abc=', 'x\npassword', 'end\n# ok=']) assert.equal(new Redactor().redact(text).text, text);
  });

  it('redacts a service-account private_key by its name, whole or cut before the closing quote, and a JSON value cut at its start', () => {
    const lines = Array.from({ length: 3 }, (_, i) => fake(B64, 64, 540 + i));
    const escaped = `-----BEGIN PRIVATE KEY-----\\n${lines.join('\\n')}\\n-----END PRIVATE KEY-----\\n`;
    const whole = new Redactor().redact(`{\n  "private_key": "${escaped}",\n  "client_email": "a@b.iam.gserviceaccount.com"\n}`).text;
    assert.match(whole, /"private_key": "«secret:private-key:[a-z0-9]+»",/);
    const cutEnd = new Redactor().redact(`{\n  "private_key": "-----BEGIN PRIVATE KEY-----\\n${lines[0]}\\n${lines[1].slice(0, 20)}`).text;
    assert.match(cutEnd, /"private_key": "«secret:private-key:[a-z0-9]+»$/);
    const cutStart = new Redactor().redact(`${lines[0].slice(30)}\\n${lines[1]}\\n${lines[2]}\\n-----END PRIVATE KEY-----\\n",\n  "client_id": "1"`).text;
    assert.ok(!lines.some((l) => cutStart.includes(l.slice(30, 46))), cutStart);
  });

  it('leaves certificates, public keys, image data URIs and two lines of words alone', () => {
    const cert = `-----BEGIN CERTIFICATE-----\n${Array.from({ length: 4 }, (_, i) => fake(B64, 64, 550 + i)).join('\n')}\n-----END CERTIFICATE-----`;
    const image = `const logo = "data:image/png;base64,${fake(B64, 70, 560)}" +\n  "${fake(B64, 70, 561)}" +\n  "${fake(B64, 30, 562)}";`;
    for (const text of [cert, image, 'return value\nfunction next() {}', 'export const HttpHeaderAuthorization\nAnotherLongIdentifierName']) {
      assert.equal(new Redactor().redact(text).text, text);
    }
  });
});
