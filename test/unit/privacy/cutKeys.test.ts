import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { Redactor } from '../../../src/privacy/redactor';
import { fake } from './fake';
import { generatedKeys, type GeneratedKey } from './generatedKeys';

/**
 * Private keys cut by a prompt window, a selection, a context snippet or an attachment: every fragment
 * is redacted on its own, whatever the cut left of the BEGIN and END lines.
 */

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Where each body line stands in the key's text (the same line can repeat in no real key). */
function bodySpans(key: GeneratedKey): { start: number; end: number; line: string }[] {
  let from = 0;
  return key.body.map((line) => {
    const start = key.text.indexOf(line, from);
    from = start + line.length;
    return { start, end: start + line.length, line };
  });
}

/**
 * Whether a window [s, e) of the key holds enough to be recognised: a complete body line (full width, or
 * the last line with its `=` padding) and a piece of another, or what is left of the BEGIN line
 * (`…KEY-----`) or of the END line (`-----END…`) next to the body. A piece of one line alone is not a key.
 */
export function holdsKey(key: GeneratedKey, s: number, e: number): boolean {
  const window = key.text.slice(s, e);
  if (/KEY-----|-----END/.test(window) && bodySpans(key).some((b) => Math.min(b.end, e) - Math.max(b.start, s) >= 16)) return true;
  const pieces = bodySpans(key).filter((b) => Math.min(b.end, e) > Math.max(b.start, s));
  const complete = pieces.filter((b) => b.start >= s && b.end <= e && (b.line.length >= 60 || b.line.endsWith('=')));
  return pieces.length >= 2 && complete.length >= 1;
}

/** Runs of 16 characters of the key's body that are in the window and still in the output. */
export function survivingRuns(key: GeneratedKey, window: string, output: string): string[] {
  const runs: string[] = [];
  for (const line of key.body) {
    for (let j = 0; j + 16 <= line.length; j += 4) {
      const run = line.slice(j, j + 16);
      if (window.includes(run) && output.includes(run)) runs.push(run);
    }
  }
  return runs;
}

/** Where a cut window ends up: alone, among code lines, in a chat attachment fence, inside a raw FIM prompt. */
export const PLACEMENTS: readonly { name: string; place: (window: string) => string }[] = [
  { name: 'alone', place: (w) => w },
  { name: 'between code lines', place: (w) => `const a = 1;\n${w}\nfoo();` },
  { name: 'in an attachment fence', place: (w) => `Attached file config.pem:\n\`\`\`\n${w}\n\`\`\`` },
  { name: 'in a raw FIM prompt', place: (w) => `<|fim_prefix|>${w}<|fim_suffix|>\n}<|fim_middle|>` },
];

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
