import * as assert from 'node:assert/strict';
import { isPlaceholderValue, looksLikeAssignedSecret, SECRET_RULES, shannonEntropy } from '../../../src/privacy/secretRules';

describe('privacy: secret rule helpers', () => {
  it('measures entropy: none for one repeated character, ~log2(n) for n distinct ones', () => {
    assert.equal(shannonEntropy(''), 0);
    assert.equal(shannonEntropy('aaaaaaaa'), 0);
    assert.equal(shannonEntropy('abcd'), 2);
    assert.ok(shannonEntropy('q8ZpL2vX9mR4tK7w') > 3.5);
  });

  it('recognises placeholders people put where a secret goes', () => {
    for (const v of ['YOUR_API_KEY', 'your-token-here', '<token>', '${SECRET}', '{{ api_key }}', '%s', 'xxxxxxxx', '********', 'changeme', 'example', 'sk-...']) {
      assert.ok(isPlaceholderValue(v), v);
    }
    for (const v of ['q8ZpL2vX9mR4tK7w', 'Tr0ub4dor&3', 'hunter22hunter']) assert.ok(!isPlaceholderValue(v), v);
  });

  it('accepts typed or generated secrets and rejects code, types, numbers, UUIDs and words', () => {
    for (const v of ['q8ZpL2vX9mR4tK7w', 'Tr0ub4dor&3x', 'hunter22hunter', 'aZbYcXdWeVfUgThSiRjQ']) assert.ok(looksLikeAssignedSecret(v), v);
    for (const v of [
      'getPassword()', 'string', 'config.apiKey', 'process.env.TOKEN', 'Optional', '12345678', 'short1A',
      '123e4567-e89b-12d3-a456-426614174000', 'PasswordInput', 'my-app-secret', 'TOKEN_REFRESH_URL', 'x => x.token',
    ]) {
      assert.ok(!looksLikeAssignedSecret(v), v);
    }
  });

  it('uses kebab-case ids (they are written into placeholders) and every capture group a rule names exists', () => {
    for (const rule of SECRET_RULES) {
      assert.match(rule.id, /^[a-z0-9]+(?:-[a-z0-9]+)*$/);
      if (rule.group !== undefined) assert.ok(rule.group > 0 && new RegExp(`${rule.pattern.source}|`).exec('')!.length > rule.group, rule.id);
    }
  });
});
