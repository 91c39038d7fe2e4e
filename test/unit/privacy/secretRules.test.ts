import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { isAssignedSecret, isPlaceholderValue, isSecretName, looksLikeCode, looksLikeKeyMaterial, SECRET_RULES, shannonEntropy } from '../../../src/privacy/secretRules';
import { wordiness } from '../../../src/privacy/rules/values';

describe('privacy: secret rule helpers', () => {
  it('measures entropy: none for one repeated character, ~log2(n) for n distinct ones', () => {
    assert.equal(shannonEntropy(''), 0);
    assert.equal(shannonEntropy('aaaaaaaa'), 0);
    assert.equal(shannonEntropy('abcd'), 2);
    assert.ok(shannonEntropy('q8ZpL2vX9mR4tK7w') > 3.5);
  });

  it('recognises placeholders people put where a secret goes', () => {
    for (const v of [
      'YOUR_API_KEY', 'your-token-here', '<token>', '${SECRET}', '{{ api_key }}', '%s', 'xxxxxxxx', '********', 'changeme', 'changeit',
      'example', 'sk-...', '$DB_PASSWORD', '%TOKEN%', '{0}', '__TOKEN__', 'op://vault/db/password', 'ENC(abc)', '!Ref DbPassword',
      '<home_account_id>-<environment>-<realm>', 'user:password', 'password', 'secret', '$(cat /run/secrets/db)', '#{db_password}',
    ]) {
      assert.ok(isPlaceholderValue(v), v);
    }
  });

  it('does not take symbols for a template: only interpolation syntax counts (fails on the old check)', () => {
    for (const v of ['q8ZpL2vX9mR4tK7w', 'Tr0ub4dor&3', 'hunter22hunter', 'p@$$w0rd{1}', 'a b$c', 'S3cr%t', 'r00t%pass<1>', 'x(y)z[1],2;3', 'spr1ng${x', "it''s-a $ecret"]) {
      assert.ok(!isPlaceholderValue(v), v);
    }
  });

  it('decides secret names by a whole segment, the last one that means something (fails on the old name list)', () => {
    for (const name of [
      'password', 'DB_PASSWORD', 'db.password', 'dbPassword', 'passwd', 'PGPASSWORD', 'pwd', 'DB_PASS', 'secret', 'client_secret', 'SESSION_SECRET',
      'token', 'authToken', 'GITHUB_TOKEN', 'x-auth-token', 'api_key', 'apiKey', 'X-API-KEY', 'secret_key', 'SECRET_KEY', 'secret_key_base',
      'APP_KEY', 'private_key', 'AccountKey', 'aws_secret_access_key', 'credentials', 'creds', 'auth', 'basic_auth', 'old_password',
      'password_confirmation', 'passphrase', 'mysqlpassword', 'appsecret', 'encryptionKey', 'license_key',
    ]) {
      assert.ok(isSecretName(name), name);
    }
    for (const name of [
      'keyboard', 'monkey', 'key', 'primary_key', 'foreign_key', 'sort_key', 'public_key', 'cache_key', 'token_type', 'max_tokens', 'tokens',
      'password_hash', 'password_field', 'secret_name', 'secretName', 'auth_url', 'author', 'authority', 'passwordLength', 'PWD', 'OLDPWD',
      'bypass', 'compass', 'esctoken', 'key_id', 'accessKeyId', 'API_KEY_HEADER',
    ]) {
      assert.ok(!isSecretName(name), name);
    }
  });

  it('tells code from literals in unquoted values', () => {
    for (const v of ['getPassword()', 'os.environ["X"]', "request.headers['x']", 'config.db.password', 'None', 'string;', 'str = None', 'self.token', 'tokens[0]', 'new Secret(x)', 'x => x.token', 'f"{a}{b}"', 'client ?', 'pw,', 'INVALID, // note', '{ a: 1 }', '|']) {
      assert.ok(looksLikeCode(v), v);
    }
    for (const v of ['p@$$w0rd{1}', 'a b$c', 'S3cr%t', 'base64:AbC+/==', '12345678', 'hunter2', 'ini#pa$$ word']) assert.ok(!looksLikeCode(v), v);
  });

  it('takes a quoted value as a value whatever it holds, but not a label, a storage key or a word for a token', () => {
    const quoted = { quoted: true };
    for (const [v, name] of [['p@$$w0rd{1}', 'password'], ['a b$c', 'DB_PASSWORD'], ['correct horse battery staple', 'passphrase'], ['hunter', 'password'], ['q8ZpL2vX9mR4tK7w', 'token']]) {
      assert.ok(isAssignedSecret(v, name, quoted), `${name} = ${v}`);
    }
    for (const [v, name] of [['Password', 'password'], ['Enter your password', 'password'], ['Mot de passe', 'password'], ['authToken', 'TOKEN_KEY'], ['GITHUB_TOKEN', 'token'], ['app.session.secret', 'secret'], ['same-origin', 'credentials'], ['^1.9.0', 'core-auth'], ['/run/secrets/db', 'password_file_or_value'], ['&&=', 'EqualsToken'], ['意外的标记。', 'Unexpected_token']]) {
      assert.ok(!isAssignedSecret(v, name, quoted), `${name} = ${v}`);
    }
  });

  it('reads base64 as key material when it is random, not when it is made of words', () => {
    for (let i = 0; i < 200; i++) assert.ok(looksLikeKeyMaterial(randomBytes(48).toString('base64')), 'random 64 characters');
    for (const v of ['ComponentOneComponentTwoComponentThree', 'allRootFilesAreJsOrDts', 'getConfigFileNameForFileFromCache', 'abcdefghijklmnopqrstuvwxyz', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'deadbeefcafebabe0123456789abcdef']) {
      assert.ok(!looksLikeKeyMaterial(v), v);
    }
    assert.equal(wordiness('FooBarbaz'), 1);
    assert.equal(wordiness('aB1cD2eF3'), 0);
  });

  it('uses kebab-case ids (they are written into placeholders) and every capture group a rule names exists', () => {
    for (const rule of SECRET_RULES) {
      assert.match(rule.id, /^[a-z0-9]+(?:-[a-z0-9]+)*$/);
      assert.ok(rule.pattern.flags.includes('g'), `${rule.id} needs the g flag`);
      const groups = rule.group === undefined ? [] : Array.isArray(rule.group) ? rule.group : [rule.group];
      const probe = new RegExp(`${rule.pattern.source}|`, rule.pattern.flags.replace('g', '')).exec('')!;
      for (const g of groups) {
        if (typeof g === 'number') assert.ok(g > 0 && probe.length > g, `${rule.id}: group ${g}`);
        else assert.ok(probe.groups && g in probe.groups, `${rule.id}: group ${g}`);
      }
    }
  });

});
