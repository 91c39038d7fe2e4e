import * as assert from 'node:assert/strict';
import type { WorkspaceFiles } from '../../../src/workspace/files';
import { guardFiles } from '../../../src/privacy/guardFiles';
import { DEFAULT_IGNORE_PATTERNS, IgnoreRules } from '../../../src/privacy/ignoreRules';

describe('privacy: ignore rules', () => {
  const defaults = IgnoreRules.defaults();

  it('ignores the usual secret files by default, at any depth', () => {
    for (const path of [
      '.env', '.env.local', '.env.production', 'apps/web/.env', 'config/prod.env',
      'certs/server.pem', 'tls/server.key', 'keystore.p12', 'android/app/release.keystore',
      'id_rsa', 'id_rsa.pub', 'home/.ssh/id_ed25519', '.ssh/config',
      'secrets/db.yaml', 'deploy/secrets/api.txt', '.aws/credentials', '.npmrc', '.pypirc', '.netrc',
      'credentials.json', 'service-account-prod.json', 'infra/terraform.tfstate', 'infra/prod.tfvars',
      '.docker/config.json', '.git-credentials',
    ]) {
      assert.ok(defaults.ignores(path), `${path} should be ignored`);
    }
  });

  it('keeps ordinary source files', () => {
    for (const path of [
      'src/index.ts', 'README.md', 'package.json', 'src/env.ts', 'src/environment.py', 'docs/keys.md',
      'src/secretRules.ts', 'src/tokens.ts', 'keyboard.c', 'config/settings.json', 'docker/config.yaml',
    ]) {
      assert.ok(!defaults.ignores(path), `${path} should not be ignored`);
    }
  });

  it('accepts Windows separators, ./ and leading slashes, and never ignores the root', () => {
    assert.ok(defaults.ignores('apps\\web\\.env'));
    assert.ok(defaults.ignores('./secrets/x.txt'));
    assert.ok(defaults.ignores('/certs/a.pem'));
    assert.ok(!defaults.ignores(''));
    assert.ok(!defaults.ignores('./'));
  });

  it('still refuses secret file names outside the workspace instead of throwing', () => {
    assert.ok(defaults.ignores('../other/.env'));
    assert.ok(defaults.ignores('../secrets/db.ts'), 'a folder named after climbing out');
    assert.ok(!defaults.ignores('../other/main.go'));
    assert.ok(!defaults.ignores('..'));
  });

  it('resolves `.` and `..` before matching, so no detour reaches an ignored file', () => {
    for (const path of ['src/../secrets/db.ts', 'src/./../certs/server.pem', 'a/b/../../.ssh/config', 'src\\..\\secrets\\db.ts', 'src//..//secrets//db.ts']) {
      assert.ok(defaults.ignores(path), path);
    }
    assert.ok(!defaults.ignores('secrets/../src/a.ts'), 'leaving secrets/ again');
  });

  it('matches URL-encoded and Windows spellings: %2e, encoded slashes, trailing dots and spaces, ::$DATA', () => {
    for (const path of ['%2eenv', '%2Eenv.local', 'certs/server%2Epem', 'src%2f..%2fsecrets%2fdb.ts', '%252eenv', 'certs/server.pem.', 'certs/server.pem ', 'secrets. /db.ts', 'src/.. /secrets/db.ts', '.env::$DATA']) {
      assert.ok(defaults.ignores(path), path);
    }
  });

  it('ignores case variants (case-insensitive file systems): .ENV, SECRETS/, ID_RSA, Server.PEM', () => {
    for (const path of ['.ENV', 'apps/web/.Env.Local', 'SECRETS/db.yaml', 'ID_RSA', 'certs/Server.PEM']) assert.ok(defaults.ignores(path), path);
    assert.ok(defaults.withFathomIgnore('Internal/').ignores('internal/x.ts'));
  });

  it('covers the credential files of cloud and package tools (Trust II defaults)', () => {
    for (const path of [
      '.kube/config', 'home/me/.kube/config', 'kubeconfig', 'deploy/prod.kubeconfig', 'ci/kubeconfig-staging.yaml',
      '.docker/config.json', 'home/me/.docker/config.json',
      'keys/my-service-account-prod.json', 'gcp/service_account.json', 'ci/deployer-sa-key.json', 'app-firebase-adminsdk-x1y2z.json',
      'credentials.json', 'gcloud/application_default_credentials.json', 'client_secret_1234.apps.googleusercontent.com.json', 'home/.config/gcloud/access_tokens.db',
      'AuthKey_ABC123.p8', 'keystore.p12', 'cert.pfx', 'release.keystore', 'app.jks', 'putty.ppk',
      '.netrc', '_netrc', '.npmrc', 'packages/a/.npmrc', '.pypirc', '.pgpass', '.my.cnf', '.vault-token', '.terraformrc', 'terraform.rc', '.s3cfg', '.boto',
      'home/.cargo/credentials.toml', 'home/.gem/credentials', 'home/.config/gh/hosts.yml', '.azure/msal_token_cache.json',
      'terraform.tfstate', 'infra/terraform.tfstate.backup', 'infra/prod.tfvars.json',
    ]) {
      assert.ok(defaults.ignores(path), `${path} should be ignored`);
    }
    for (const path of ['src/docker/config.json', 'config.json', 'src/serviceAccount.ts', 'src/kube.ts', 'package.json', 'tsconfig.json']) {
      assert.ok(!defaults.ignores(path), `${path} should not be ignored`);
    }
  });

  it('lists each default once', () => {
    assert.equal(new Set(DEFAULT_IGNORE_PATTERNS).size, DEFAULT_IGNORE_PATTERNS.length);
  });

  it('adds .fathomignore patterns: files, globs, folders and comments', () => {
    const rules = defaults.withFathomIgnore('# generated\n*.gen.ts\nfixtures/private/\n\n/build\ndocs/**/internal-*.md\r\n');
    assert.ok(rules.ignores('src/api.gen.ts'));
    assert.ok(rules.ignores('fixtures/private/users.json'));
    assert.ok(!rules.ignores('test/fixtures/private/users.json'), 'a slash inside a pattern anchors it, as in git');
    assert.ok(rules.ignores('build/out.js'));
    assert.ok(!rules.ignores('src/build/out.js'), 'a leading slash anchors to the root');
    assert.ok(rules.ignores('docs/a/b/internal-notes.md'));
    assert.ok(!rules.ignores('docs/public.md'));
    assert.ok(!rules.ignores('# generated'), 'comments are not patterns');
    assert.ok(rules.ignores('.env'), 'defaults still apply');
  });

  it('lets .fathomignore re-include a default with negation, and re-exclude after that', () => {
    const rules = defaults.withFathomIgnore('!.env.example\n!*.pub\nkeys/id_rsa.pub');
    assert.ok(!rules.ignores('.env.example'));
    assert.ok(rules.ignores('.env.local'));
    assert.ok(!rules.ignores('id_rsa.pub'));
    assert.ok(rules.ignores('keys/id_rsa.pub'), 'a later line wins');
    assert.ok(rules.ignores('id_rsa'));
  });

  it('cannot re-include a file inside an ignored folder (git semantics)', () => {
    const rules = defaults.withFathomIgnore('!secrets/readme.md');
    assert.ok(rules.ignores('secrets/readme.md'));
  });

  it('returns a new instance and leaves the defaults untouched', () => {
    const rules = defaults.withFathomIgnore('*.ts');
    assert.ok(rules.ignores('a.ts'));
    assert.ok(!defaults.ignores('a.ts'));
    assert.ok(!IgnoreRules.none().ignores('.env'));
  });

  it('tells folders by a trailing slash or by ignoresFileOrFolder', () => {
    assert.ok(!defaults.ignores('secrets'), 'a folder pattern does not match a file of that name');
    assert.ok(defaults.ignores('secrets/'));
    assert.ok(defaults.ignoresFileOrFolder('secrets'));
    assert.ok(!defaults.ignoresFileOrFolder('src'));
  });

  it('has defaults covering env files, keys and secret folders', () => {
    for (const p of ['.env', '.env.*', '*.pem', '*.key', 'id_rsa*', 'secrets/']) assert.ok(DEFAULT_IGNORE_PATTERNS.includes(p), p);
  });
});

describe('privacy: guardFiles', () => {
  const disk: Record<string, string> = {
    'src/a.ts': 'export const a = 1;',
    '.env': 'API_KEY=1',
    'secrets/db.txt': 'pw',
    'certs/server.pem': 'PEM',
    'src/gen/api.gen.ts': 'generated',
  };
  const listing: Record<string, string[]> = {
    '': ['src', 'secrets', 'certs', '.env', 'package.json'],
    src: ['a.ts', 'gen'],
    'src/gen': ['api.gen.ts', 'index.ts'],
    secrets: ['db.txt'],
  };
  const calls: string[] = [];
  const files: WorkspaceFiles = {
    read: async (path) => {
      calls.push(`read ${path}`);
      return disk[path];
    },
    exists: async (path) => {
      calls.push(`exists ${path}`);
      return path in disk;
    },
    list: async (dir) => listing[dir] ?? [],
    recentDocuments: () => [
      { path: '.env.local', languageId: 'dotenv', text: 'TOKEN=x' },
      { path: 'src/a.ts', languageId: 'typescript', text: disk['src/a.ts'] },
      { path: 'certs/server.pem', languageId: 'plaintext', text: 'PEM' },
    ],
  };
  const rules = IgnoreRules.defaults().withFathomIgnore('*.gen.ts');
  const guarded = guardFiles(files, rules);

  beforeEach(() => (calls.length = 0));

  it('reads allowed files and never reads ignored ones', async () => {
    assert.equal(await guarded.read('src/a.ts'), 'export const a = 1;');
    assert.equal(await guarded.read('.env'), undefined);
    assert.equal(await guarded.read('secrets/db.txt'), undefined);
    assert.equal(await guarded.read('src/gen/api.gen.ts'), undefined);
    assert.deepEqual(calls, ['read src/a.ts'], 'ignored files never reach the underlying reader');
  });

  it('says ignored files do not exist, without asking', async () => {
    assert.equal(await guarded.exists('src/a.ts'), true);
    assert.equal(await guarded.exists('certs/server.pem'), false);
    assert.equal(await guarded.exists('.env'), false);
    assert.deepEqual(calls, ['exists src/a.ts']);
  });

  it('lists folders without ignored files or folders, and ignored folders as empty', async () => {
    assert.deepEqual(await guarded.list!(''), ['src', 'certs', 'package.json']);
    assert.deepEqual(await guarded.list!('src/gen'), ['index.ts']);
    assert.deepEqual(await guarded.list!('secrets'), []);
  });

  it('offers no ignored recent documents', () => {
    assert.deepEqual(guarded.recentDocuments().map((d) => d.path), ['src/a.ts']);
  });

  it('has no list when the underlying files have none', () => {
    const { list: _unused, ...withoutList } = files;
    void _unused;
    assert.equal(guardFiles(withoutList, rules).list, undefined);
  });
});
