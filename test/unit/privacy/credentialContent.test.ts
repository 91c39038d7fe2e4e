import * as assert from 'node:assert/strict';
import { holdsCredentials } from '../../../src/privacy/credentialContent';

describe('privacy: credential files by content', () => {
  it('knows a Google service-account key and an ADC user credential whatever the file is called', () => {
    assert.ok(holdsCredentials('{\n  "type": "service_account",\n  "project_id": "demo",\n  "private_key_id": "abc"\n}\n'));
    assert.ok(holdsCredentials('{"client_id":"x","client_secret":"y","refresh_token":"z","type":"authorized_user"}'));
  });

  it('leaves code that merely talks about them, and other JSON, alone', () => {
    assert.ok(!holdsCredentials("if (json.type === 'service_account') return load(json);"));
    assert.ok(!holdsCredentials('export function load() {\n  // {\n  //   "type": "service_account",\n  // }\n}\n'), 'quoted in source: redaction handles the key');
    assert.ok(holdsCredentials('\ufeff\n  {"type":"service_account"}'), 'a byte-order mark and blank lines first');
    assert.ok(!holdsCredentials('{ "type": "module", "name": "app" }'));
    assert.ok(!holdsCredentials(' '.repeat(70 * 1024) + '"type": "service_account"'), 'beyond the probe: not a key file');
  });
});
