import * as assert from 'node:assert/strict';
import { Redactor } from '../../../src/privacy/redactor';

/** `NAME=value` inside a line (a chat question, a pasted command) — found by the embeddings review: these leaked. */
describe('privacy: secrets assigned inside a line, not at its start', () => {
  const redactor = new Redactor();
  const hidden = (text: string, secret: string) => {
    const out = redactor.redact(text).text;
    assert.ok(!out.includes(secret), `${secret} leaked: ${out}`);
    assert.match(out, /«secret:assigned-secret:/);
  };
  const kept = (text: string) => assert.equal(redactor.redact(text).text, text);

  it('hides environment-style and dotted config assignments after other text', () => {
    hidden('why? DB_PASSWORD=hunter2xyz fails on start', 'hunter2xyz');
    hidden('cd app && export DB_PASS=Zx9!pq77 && npm start', 'Zx9!pq77');
    hidden('I set spring.datasource.password=S3cretPw0rd in the file', 'S3cretPw0rd');
    hidden('run it as (API_TOKEN=abcd1234efgh ./deploy.sh)', 'abcd1234efgh');
    hidden('docker run -e "POSTGRES_PASSWORD=pg-Sup3r-S3cret" postgres', 'pg-Sup3r-S3cret');
  });

  it('leaves code, references, settings that are not secrets and plain words alone', () => {
    kept('const same = DB_PASSWORD=== other;');
    kept('if (PASSWORD_MIN_LENGTH=8) warn();');
    kept('pass DB_PASSWORD=${DB_PASSWORD} through');
    kept('use AUTH_MODE=bearer for the API');
    kept('set TOKEN_URL=https://example.com/oauth/token first');
  });
});
