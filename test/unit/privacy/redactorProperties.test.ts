import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { RedactionLedger } from '../../../src/privacy/redactionLedger';
import { Redactor } from '../../../src/privacy/redactor';
import { createSecretScanner } from '../../../src/privacy/secretScan';
import { CORPUS } from './corpus';

const secrets = fc.constantFrom(...CORPUS.map((e) => e.secret));
/** Rules that need a name or a connection string around the value; alone it is just a hex/base64 string. */
const NEEDS_CONTEXT = new Set([
  'aws-secret-access-key', 'gcp-private-key-id', 'azure-storage-key', 'azure-shared-access-key', 'twilio-auth-token',
  'heroku-key', 'datadog-key', 'connection-string-password', 'authorization-header', 'assigned-secret',
  'command-line-secret', 'netrc-password', 'url-query-secret',
]);
const selfEvidentSecrets = fc.constantFrom(...CORPUS.filter((e) => !NEEDS_CONTEXT.has(e.rule)).map((e) => e.secret));
/** Code-ish text: identifiers, punctuation, quotes, newlines, unicode; mostly no secret at all. */
const codeText = fc.string({ unit: fc.constantFrom(...'abcXYZ019_-=:;"\'`.,(){}[] \n\t/@+«»'.split(''), 'é', '😀'), maxLength: 80 });
const anyText = fc.oneof(codeText, fc.string({ unit: 'grapheme', maxLength: 80 }), fc.string({ unit: 'binary', maxLength: 80 }));
/** Arbitrary text with secrets inserted at arbitrary places (pieces joined by a random separator). */
const textWithSecrets = fc
  .array(fc.tuple(anyText, secrets, fc.constantFrom('', ' ', '\n', '"', "'", '=', ': ', 'x', '_')), { minLength: 1, maxLength: 4 })
  .chain((parts) => anyText.map((tail) => parts.map(([text, secret, sep]) => text + sep + secret + sep).join('') + tail));

describe('privacy: redactor properties', () => {
  it('never throws and always returns a string on arbitrary input', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const result = new Redactor().redact(text);
        assert.equal(typeof result.text, 'string');
      }),
      { numRuns: 500 },
    );
  });

  it('leaves text without secrets unchanged', () => {
    fc.assert(
      fc.property(codeText, (text) => {
        const result = new Redactor().redact(text);
        assert.equal(result.text, text);
        assert.deepEqual(result.found, []);
      }),
      { numRuns: 500 },
    );
  });

  it('is idempotent: redacting redacted text changes nothing', () => {
    fc.assert(
      fc.property(textWithSecrets, (text) => {
        const redactor = new Redactor();
        const once = redactor.redact(text).text;
        assert.equal(redactor.redact(once).text, once);
        assert.equal(new Redactor().redact(once).text, once, 'also for a fresh instance');
      }),
      { numRuns: 300 },
    );
  });

  it('finds secrets as spans that never overlap, in text order', () => {
    const scanner = createSecretScanner();
    fc.assert(
      fc.property(textWithSecrets, (text) => {
        const spans = scanner.scan(text);
        for (let i = 1; i < spans.length; i++) assert.ok(spans[i - 1].end <= spans[i].start, `${spans[i - 1].rule.id} ${spans[i - 1].start}-${spans[i - 1].end} / ${spans[i].rule.id} ${spans[i].start}-${spans[i].end}`);
      }),
      { numRuns: 300 },
    );
  });

  it("the ledger of redact(x) restores x into x itself, and nothing into a text without x's secrets", () => {
    fc.assert(
      fc.property(textWithSecrets, (text) => {
        const ledger = new RedactionLedger();
        const redacted = new Redactor().redact(text, ledger).text;
        assert.equal(ledger.restoreInto(redacted, text), text);
        assert.equal(ledger.restoreInto(redacted, ''), redacted);
      }),
      { numRuns: 300 },
    );
  });

  it('removes every self-evident secret (a vendor prefix or PEM block) wherever it stands on its own line', () => {
    fc.assert(
      fc.property(codeText, selfEvidentSecrets, codeText, (before, secret, after) => {
        const text = `${before}\n${secret}\n${after}`;
        assert.ok(!new Redactor().redact(text).text.includes(secret), text);
      }),
      { numRuns: 300 },
    );
  });
});
