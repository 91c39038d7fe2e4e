import * as assert from 'node:assert/strict';
import { Redactor } from '../../../src/privacy/redactor';
import { CODE_KEPT, CONFIG_SECRETS, NEW_TOKENS } from './configSecrets';

/**
 * Secrets are decided by the name they are stored under and the syntax around them, not by the characters
 * of the value: passwords full of `$ % { } < > ( ) [ ] , ; '` and spaces are redacted in every config and
 * shell syntax, code that only mentions a secret is left alone, and the newer token formats are known.
 */
describe('privacy: passwords with symbols, in every syntax', () => {
  for (const c of [...CONFIG_SECRETS, ...NEW_TOKENS]) {
    it(`redacts ${c.syntax}`, () => {
      const { text, found } = new Redactor().redact(c.text);
      assert.ok(!text.includes(c.secret), `survived:\n${text}`);
      assert.ok(found.some((f) => f.rule === c.rule), `expected ${c.rule}, found ${found.map((f) => f.rule).join(', ') || 'nothing'}:\n${text}`);
      // Only the value goes: the name and the syntax around it stay readable.
      const [before, after] = c.text.split(c.secret);
      assert.ok(text.startsWith(before.slice(0, Math.max(0, before.length - 16))), `text before the secret changed:\n${text}`);
      const lastLine = after.slice(after.lastIndexOf('\n', after.length - 2) + 1);
      assert.ok(text.endsWith(lastLine), `text after the secret changed:\n${text}`);
    });
  }

  for (const c of CODE_KEPT) {
    it(`leaves code alone: ${c.syntax}`, () => {
      const { text, found } = new Redactor().redact(c.text);
      assert.deepEqual(found, []);
      assert.equal(text, c.text);
    });
  }

  it('redacts a secret value alone, keeping the name, in a commented-out config line', () => {
    const { text } = new Redactor().redact('# db.password=p@$$w0rd{1}\n// export API_TOKEN=t0k$en(2)');
    assert.match(text, /^# db\.password=«secret:assigned-secret:[a-z0-9]+»\n\/\/ export API_TOKEN=«secret:assigned-secret:[a-z0-9]+»$/);
  });
});
