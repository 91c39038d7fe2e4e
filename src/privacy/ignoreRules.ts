/**
 * Which workspace files Fathom must never read for context, complete in, or attach to chat:
 * built-in defaults for files that usually hold secrets, plus the user's `.fathomignore`
 * (gitignore syntax, so `!pattern` can re-include a default such as `!.env.example`).
 */
import ignore, { type Ignore } from 'ignore';

/**
 * Files that commonly hold credentials. Deliberately broad: a missed context file costs a little
 * completion quality, a leaked key costs much more.
 */
export const DEFAULT_IGNORE_PATTERNS: readonly string[] = [
  // Environment files (.env, .env.local, prod.env, …)
  '.env',
  '.env.*',
  '*.env',
  // Keys and certificates
  '*.pem',
  '*.key',
  '*.p12',
  '*.pfx',
  '*.jks',
  '*.keystore',
  '*.kdbx',
  '*.asc',
  '*.gpg',
  'id_rsa*',
  'id_dsa*',
  'id_ecdsa*',
  'id_ed25519*',
  // Credential folders and files
  '.ssh/',
  '.aws/',
  '.gnupg/',
  'secrets/',
  '.secrets/',
  '*.secret',
  '*.secrets',
  '.npmrc',
  '.pypirc',
  '.netrc',
  '.git-credentials',
  '.htpasswd',
  '.docker/config.json',
  'credentials.json',
  'service-account*.json',
  '*.tfstate',
  '*.tfstate.*',
  '*.tfvars',
];

/** Workspace-relative form `ignore` accepts: forward slashes, no leading `./` or `/`. */
function normalize(relPath: string): string {
  return relPath.replace(/\\/g, '/').replace(/^(?:\.\/|\/)+/, '');
}

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
    return new IgnoreRules(ignore().add([...patterns]), patterns);
  }

  /**
   * These rules followed by a `.fathomignore` file's text. Later lines win, as in git, so the file
   * can both add patterns and re-include defaults with `!`. Returns a new instance.
   */
  withFathomIgnore(text: string): IgnoreRules {
    const lines = text.split(/\r?\n/);
    return IgnoreRules.fromPatterns([...this.patterns, ...lines]);
  }

  /** Whether a workspace-relative path (file or, with a trailing `/`, folder) is ignored. */
  ignores(relPath: string): boolean {
    const path = normalize(relPath);
    if (path === '' || path === '/') return false;
    const segments = path.split('/');
    if (segments.includes('..')) {
      // Outside the workspace the folder rules cannot apply; still refuse secret-looking names.
      const base = segments.filter((s) => s !== '').pop() ?? '';
      return base !== '..' && this.matcher.ignores(base);
    }
    return this.matcher.ignores(path);
  }

  /** Ignored as a file, or as a folder (a listed name may be either). */
  ignoresFileOrFolder(relPath: string): boolean {
    return this.ignores(relPath) || (!relPath.endsWith('/') && this.ignores(relPath + '/'));
  }
}
