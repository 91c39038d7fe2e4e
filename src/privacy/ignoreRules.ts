/**
 * Which workspace files Fathom must never read for context, complete in, or attach to chat:
 * built-in defaults for files that usually hold secrets, plus the user's `.fathomignore`
 * (gitignore syntax, so `!pattern` can re-include a default such as `!.env.example`).
 * Paths are matched in every spelling (pathForms.ts) and without regard to case, so `src/../.env`,
 * `%2eenv`, `.ENV` and `.env.` are all `.env`. Links and multi-root workspaces: ignoreScope.ts.
 */
import ignore, { type Ignore } from 'ignore';
import { spellingsOf, splitPath } from './pathForms';

/**
 * Files that commonly hold credentials, in one list, one reason each. Deliberately broad: a missed context
 * file costs a little completion quality, a leaked key costs much more. A pattern without a slash matches a
 * name at any depth; a path of two names needs a leading `**` and a slash to match at any depth; `name/` is a
 * folder anywhere.
 */
export const DEFAULT_IGNORE_PATTERNS: readonly string[] = [
  // Environment files
  '.env', // dotenv: API keys and database URLs
  '.env.*', // .env.local, .env.production… (re-include a template with `!.env.example`)
  '*.env', // prod.env, docker-compose env_file
  // Private keys, certificates, key stores
  '*.pem', // PEM keys and certificates (a certificate usually sits beside its key)
  '*.key', // TLS and signing private keys
  '*.p8', // PKCS#8 private keys (Apple's AuthKey_*.p8)
  '*.p12', // PKCS#12: certificate plus private key
  '*.pfx', // the same, Windows' name for it
  '*.jks', // Java key stores
  '*.keystore', // Android / Java key stores (release signing keys)
  '*.ppk', // PuTTY private keys
  '*.kdbx', // KeePass password databases
  '*.asc', // ASCII-armored PGP keys
  '*.gpg', // PGP key rings and encrypted files
  'id_rsa*', // SSH private (and public) keys…
  'id_dsa*', // …
  'id_ecdsa*', // …
  'id_ed25519*', // …
  // Credential folders
  '.ssh/', // SSH keys, known hosts, config
  '.aws/', // AWS credentials and config
  '.azure/', // Azure CLI tokens
  '**/.config/gcloud/', // gcloud credentials and access tokens
  '.gnupg/', // PGP private keys
  '.kube/', // .kube/config: cluster certificates and tokens
  'secrets/', // a folder named for what it holds
  '.secrets/', // …
  '*.secret', // …
  '*.secrets', // …
  // Credential files of tools
  '*kubeconfig*', // kubeconfig, prod.kubeconfig, kubeconfig-staging.yaml (also source files so named: `!` re-includes)
  '**/.docker/config.json', // registry auth tokens
  '.netrc', // machine/login/password for curl, git, ftp…
  '_netrc', // …its Windows name
  '.npmrc', // registry _authToken: ignored outright, token or not (a token-free one is no loss as context)
  '.pypirc', // PyPI upload password or token: likewise outright
  '.git-credentials', // git's stored passwords and tokens
  '.htpasswd', // password hashes
  '.pgpass', // PostgreSQL passwords
  '.my.cnf', // MySQL client password
  '.vault-token', // HashiCorp Vault token
  '.terraformrc', // Terraform Cloud tokens…
  'terraform.rc', // …its Windows name
  '.s3cfg', // s3cmd access keys
  '.boto', // boto / gsutil keys
  '**/.cargo/credentials', // crates.io token…
  '**/.cargo/credentials.toml', // …newer name
  '**/.gem/credentials', // RubyGems API key
  '**/.config/gh/hosts.yml', // GitHub CLI token
  // Cloud service-account keys (and any JSON key file, by content: credentialContent.ts)
  'credentials.json', // Google OAuth client and other tools' credentials
  'application_default_credentials.json', // gcloud ADC: a refresh token
  'client_secret*.json', // Google OAuth client secrets
  '*service-account*.json', // GCP service-account keys as usually saved…
  '*service_account*.json', // …
  '*-sa-key*.json', // …
  '*firebase-adminsdk*.json', // Firebase Admin SDK keys
  // Infrastructure state
  '*.tfstate', // terraform.tfstate: every resource's attributes, passwords included
  '*.tfstate.*', // terraform.tfstate.backup, lock info
  '*.tfvars', // Terraform variables, often secrets
  '*.tfvars.json', // …the JSON form
];

export class IgnoreRules {
  private constructor(
    private readonly matcher: Ignore,
    private readonly patterns: readonly string[],
  ) {}

  /** The built-in defaults only. */
  static defaults(): IgnoreRules {
    return IgnoreRules.fromPatterns(DEFAULT_IGNORE_PATTERNS);
  }

  /** No rules at all (for callers that opt out, and for tests). */
  static none(): IgnoreRules {
    return IgnoreRules.fromPatterns([]);
  }

  private static fromPatterns(patterns: readonly string[]): IgnoreRules {
    // Case-insensitive everywhere: on macOS and Windows `.ENV` is `.env`; elsewhere it is merely stricter.
    return new IgnoreRules(ignore({ ignorecase: true }).add(patterns.map((p) => p.normalize('NFC'))), patterns);
  }

  /**
   * These rules followed by a `.fathomignore` file's text. Later lines win, as in git, so the file
   * can both add patterns and re-include defaults with `!`. Returns a new instance.
   */
  withFathomIgnore(text: string): IgnoreRules {
    const lines = text.split(/\r?\n/);
    return IgnoreRules.fromPatterns([...this.patterns, ...lines]);
  }

  /**
   * Whether a workspace-relative path (file or, with a trailing `/`, folder) is ignored, in any of its
   * spellings. A path that climbs out with `..` is judged by the segments it names after climbing.
   */
  ignores(relPath: string): boolean {
    return spellingsOf(relPath).some((spelling) => {
      const { segments, folder } = splitPath(spelling);
      return this.matchesSegments(segments, folder);
    });
  }

  /** Ignored as a file, or as a folder (a listed name may be either). */
  ignoresFileOrFolder(relPath: string): boolean {
    return this.ignores(relPath) || (!/[\\/]$/.test(relPath) && this.ignores(relPath + '/'));
  }

  /** Whether resolved segments (splitPath's, no `.` or `..`) are ignored; no segments is the root, never ignored. */
  matchesSegments(segments: readonly string[], folder: boolean): boolean {
    if (segments.length === 0) return false;
    try {
      return this.matcher.ignores(segments.join('/') + (folder ? '/' : ''));
    } catch {
      // `ignore` throws on `.` or `..` segments (splitPath never leaves one): what cannot be judged is not read.
      return true;
    }
  }
}
