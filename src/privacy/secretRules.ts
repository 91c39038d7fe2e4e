/**
 * The table of secret formats the Redactor looks for before any text leaves the machine.
 *
 * Each rule says where the secret is (the whole match, or one capture group when the match needs
 * surrounding context such as `AccountKey=` or a variable name) and, where the format alone would also
 * match ordinary code, a check on the value. Prefixed vendor formats (ghp_, sk-ant-, AIza, …) are
 * specific enough to need no check; context rules (names like `password`, connection strings) are the
 * ones that would otherwise redact `password = getPassword()` or `token: string`.
 *
 * Order matters: when two rules claim overlapping text, the earlier rule wins, so specific formats
 * come before the generic ones at the end.
 */

export interface SecretRule {
  /** Short kebab-case name; it is written into the placeholder (`«secret:<id>:<n>»`). */
  id: string;
  /** What the rule finds, for reports and settings. */
  description: string;
  /** Must carry the `g` flag. The `d` flag is added by the Redactor to locate `group`. */
  pattern: RegExp;
  /** Capture group holding the secret; 0 (default) is the whole match. */
  group?: number;
  /** Extra check on the secret value; false means "looks like code, leave it". */
  accept?: (value: string) => boolean;
}

/** Shannon entropy in bits per character: random keys score ~4-6, words and identifiers less. */
export function shannonEntropy(value: string): number {
  if (!value) return 0;
  const counts = new Map<string, number>();
  for (const ch of value) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let bits = 0;
  const n = [...value].length;
  for (const c of counts.values()) {
    const p = c / n;
    bits -= p * Math.log2(p);
  }
  return bits;
}

/**
 * Values people write where a real secret would go: template variables, angle-bracket hints,
 * `YOUR_API_KEY`, `changeme`, masked `****`. Redacting them would only make prompts less readable.
 */
export function isPlaceholderValue(value: string): boolean {
  if (/[<>{}$%]|\*\*\*|x{4,}|X{4,}|\.\.\./.test(value)) return true;
  return /^(?:your|my|an?|the|example|sample|dummy|fake|placeholder|change|replace|insert|enter|todo|none|null|undefined|redacted|secret|password|token|test|demo|foo|bar)(?:[_-]|$)/i.test(value) ||
    /(?:^|[_-])(?:here|placeholder|example|changeme)$/i.test(value);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The check for values found only by their name (`api_key = …`, `password: …`): they must look like
 * a generated or typed secret, not like code (`getPassword()`, `string`, `config.token`), a type, a
 * number, a UUID from a test fixture, or a placeholder.
 */
export function looksLikeAssignedSecret(value: string): boolean {
  if (value.length < 8 || value.length > 512) return false;
  if (isPlaceholderValue(value) || UUID.test(value)) return false;
  // Calls, indexing, arrows, member paths and type annotations are code, not values.
  if (/[()[\]]|=>/.test(value)) return false;
  if (/^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+$/.test(value)) return false;
  if (/^(?:true|false|null|nil|none|undefined|string|number|boolean|str|int|bytes|optional)$/i.test(value)) return false;
  const hasLower = /[a-z]/.test(value);
  const hasUpper = /[A-Z]/.test(value);
  const hasDigit = /\d/.test(value);
  const classes = Number(hasLower) + Number(hasUpper) + Number(hasDigit);
  if (classes < 2) return false;
  if (!hasDigit) {
    // Letters only: accept long random-looking strings, not CamelCase or snake_case names.
    if (/^(?:[A-Z]?[a-z]+)+$|^[A-Za-z]+(?:[_-][A-Za-z]+)+$/.test(value)) return false;
    return value.length >= 16 && shannonEntropy(value) >= 3.5;
  }
  return shannonEntropy(value) >= 2.5;
}

/** Connection-string passwords: anything but a template or a masked value. */
function looksLikeUrlPassword(value: string): boolean {
  return value.length > 0 && !isPlaceholderValue(value) && !/^(?:pass(?:word)?|pwd|secret)$/i.test(value);
}

/** Random-looking token body: digits and letters mixed, not a word or a run of one character. */
function randomLooking(minEntropy: number) {
  return (value: string) => /\d/.test(value) && /[A-Za-z]/.test(value) && shannonEntropy(value) >= minEntropy;
}

// Names a value is recognised as secret by. Bounded repetitions keep matching linear on long identifiers.
const SECRET_NAME = String.raw`[A-Za-z0-9_.-]{0,40}?(?:passw(?:or)?d|passwd|pwd|secret|token|api[_-]?key|apikey|access[_-]?key|auth[_-]?key|private[_-]?key|client[_-]?secret|credentials?)[A-Za-z0-9_.-]{0,40}`;

export const SECRET_RULES: readonly SecretRule[] = [
  // ── Private keys first: a whole PEM block (also inside JSON with \n escapes) is one secret. ──
  {
    id: 'private-key',
    description: 'PEM private key block (RSA, EC, DSA, OPENSSH, PKCS#8, encrypted)',
    // The body bound (a 4096-bit RSA key is ~3.3 kB) keeps a BEGIN line without END from scanning the whole text.
    pattern: /-----BEGIN ((?:[A-Z0-9]+ )*)PRIVATE KEY( BLOCK)?-----[\s\S]{16,10000}?-----END \1PRIVATE KEY\2-----/g,
  },
  {
    id: 'gcp-private-key-id',
    description: 'GCP service-account private_key_id',
    pattern: /"private_key_id"\s*:\s*"([a-f0-9]{40})"/g,
    group: 1,
  },
  // ── Cloud providers ──
  {
    id: 'aws-access-key-id',
    description: 'AWS access key id (AKIA/ASIA/…)',
    pattern: /\b(?:AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA)[A-Z2-7]{16}\b/g,
  },
  {
    id: 'aws-secret-access-key',
    description: 'AWS secret access key assigned to an aws_secret_access_key-like name',
    pattern: /aws.{0,20}?(?:secret|private).{0,20}?["']?[ \t]*(?::=|=>|=|:)[ \t]*["']?([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])/gi,
    group: 1,
    accept: randomLooking(4),
  },
  {
    id: 'azure-storage-key',
    description: 'Azure storage account key in a connection string (AccountKey=)',
    pattern: /AccountKey=([A-Za-z0-9+/]{86}==)/g,
    group: 1,
  },
  {
    id: 'azure-shared-access-key',
    description: 'Azure Service Bus / Event Hubs / IoT SharedAccessKey',
    pattern: /SharedAccessKey=([A-Za-z0-9+/]{42,44}=?)/g,
    group: 1,
  },
  {
    id: 'azure-sas-signature',
    description: 'Azure SAS token signature (sig=)',
    pattern: /[?&]sig=([A-Za-z0-9%+/]{30,}(?:%3D|=){0,2})/g,
    group: 1,
    accept: randomLooking(3.5),
  },
  // ── Code hosting ──
  {
    id: 'github-token',
    description: 'GitHub token (ghp_, gho_, ghu_, ghs_, ghr_)',
    pattern: /\bgh[pousr]_[A-Za-z0-9]{36,251}\b/g,
  },
  {
    id: 'github-fine-grained-token',
    description: 'GitHub fine-grained personal access token (github_pat_)',
    pattern: /\bgithub_pat_[A-Za-z0-9_]{50,255}\b/g,
  },
  {
    id: 'gitlab-token',
    description: 'GitLab personal / project / group access token (glpat-)',
    pattern: /\bglpat-[A-Za-z0-9_-]{20,}/g,
  },
  // ── AI providers (Anthropic before OpenAI: both start with sk-) ──
  {
    id: 'anthropic-key',
    description: 'Anthropic API key (sk-ant-)',
    pattern: /\bsk-ant-[A-Za-z0-9_-]{32,}/g,
  },
  {
    id: 'openai-key',
    description: 'OpenAI API key (sk-, sk-proj-, sk-svcacct-, sk-admin-)',
    pattern: /\bsk-(?:proj-|svcacct-|admin-|None-)?[A-Za-z0-9_-]{20,}/g,
    // Real keys mix cases; lower-case `sk-…` runs are CSS classes and slugs.
    accept: (v) => /[A-Z]/.test(v) && /[a-z]/.test(v) && randomLooking(3.5)(v),
  },
  {
    id: 'huggingface-token',
    description: 'Hugging Face access token (hf_)',
    pattern: /\bhf_[A-Za-z0-9]{34,}\b/g,
  },
  // ── Messaging ──
  {
    id: 'slack-token',
    description: 'Slack bot / user / app-level token (xoxb-, xoxp-, xoxa-, xoxs-, xapp-)',
    pattern: /\b(?:xox[bpasr]-[A-Za-z0-9-]{10,}|xapp-\d-[A-Z0-9]+-\d+-[A-Za-z0-9]+)/g,
  },
  {
    id: 'slack-webhook',
    description: 'Slack incoming webhook URL',
    pattern: /https:\/\/hooks\.slack\.com\/(?:services|workflows|triggers)\/[A-Za-z0-9_/]{20,}/g,
  },
  {
    id: 'discord-webhook',
    description: 'Discord webhook URL',
    pattern: /https:\/\/(?:ptb\.|canary\.)?discord(?:app)?\.com\/api\/webhooks\/\d+\/[A-Za-z0-9_-]{40,}/g,
  },
  {
    id: 'discord-bot-token',
    description: 'Discord bot token (base64 user id . timestamp . HMAC)',
    pattern: /\b[MNO][A-Za-z0-9_-]{23,25}\.[A-Za-z0-9_-]{6}\.[A-Za-z0-9_-]{27,38}\b/g,
  },
  {
    id: 'telegram-bot-token',
    description: 'Telegram bot token (<bot id>:AA…)',
    pattern: /\b\d{8,10}:AA[A-Za-z0-9_-]{33}(?![A-Za-z0-9_-])/g,
  },
  {
    id: 'twilio-api-key',
    description: 'Twilio API key SID (SK + 32 hex)',
    pattern: /\bSK[0-9a-f]{32}\b/g,
  },
  {
    id: 'twilio-auth-token',
    description: 'Twilio auth token assigned to a twilio…token name',
    pattern: /twilio.{0,20}?(?:token|secret).{0,5}?["']?[ \t]*(?::=|=>|=|:)[ \t]*["']?([0-9a-f]{32})\b/gi,
    group: 1,
  },
  {
    id: 'sendgrid-key',
    description: 'SendGrid API key (SG.)',
    pattern: /\bSG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/g,
  },
  {
    id: 'mailgun-key',
    description: 'Mailgun API key (key-)',
    pattern: /\bkey-[0-9a-f]{32}\b/g,
  },
  // ── Payments and commerce ──
  {
    id: 'stripe-key',
    description: 'Stripe secret / restricted key (sk_live_, rk_live_, sk_test_, rk_test_) and webhook secret',
    pattern: /\b(?:(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{24,}|whsec_[A-Za-z0-9]{32,})\b/g,
  },
  {
    id: 'shopify-token',
    description: 'Shopify access token / shared secret (shpat_, shpca_, shppa_, shpss_)',
    pattern: /\bshp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}\b/g,
  },
  // ── Google ──
  {
    id: 'google-api-key',
    description: 'Google API key (AIza)',
    pattern: /\bAIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])/g,
  },
  {
    id: 'google-oauth-secret',
    description: 'Google OAuth client secret (GOCSPX-)',
    pattern: /\bGOCSPX-[A-Za-z0-9_-]{28}(?![A-Za-z0-9_-])/g,
  },
  // ── Package registries ──
  {
    id: 'npm-token',
    description: 'npm access token (npm_)',
    pattern: /\bnpm_[A-Za-z0-9]{36}\b/g,
  },
  {
    id: 'npmrc-auth-token',
    description: 'Registry auth token in .npmrc (_authToken=)',
    pattern: /:_authToken=([^\s"'«»]+)/g,
    group: 1,
    accept: (v) => !isPlaceholderValue(v) && v.length >= 8,
  },
  {
    id: 'pypi-token',
    description: 'PyPI API token (pypi-AgEIcHlwaS5vcmc…)',
    pattern: /\bpypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,}/g,
  },
  // ── Hosting ──
  {
    id: 'digitalocean-token',
    description: 'DigitalOcean token (dop_v1_, doo_v1_, dor_v1_)',
    pattern: /\bdo[por]_v1_[a-f0-9]{64}\b/g,
  },
  {
    id: 'heroku-key',
    description: 'Heroku platform API key (HRKU-)',
    pattern: /\bHRKU-[A-Za-z0-9_-]{20,}/g,
  },
  {
    id: 'heroku-key',
    description: 'Heroku API key: a UUID assigned to a heroku…key / token name',
    pattern: /heroku.{0,20}?(?:key|token|secret).{0,5}?["']?[ \t]*(?::=|=>|=|:)[ \t]*["']?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\b/gi,
    group: 1,
  },
  {
    id: 'datadog-key',
    description: 'Datadog API (32 hex) / application (40 hex) key assigned to a dd/datadog name (also nested under a datadog: block, even when context lines are turned into comments)',
    pattern: /(?:datadog|\bdd)(?:[\s\S](?!\n\s*\n)){0,40}?(?:api|app|application).{0,5}?key.{0,5}?["']?[ \t]*(?::=|=>|=|:)[ \t]*["']?([a-f0-9]{40}|[a-f0-9]{32})\b/gi,
    group: 1,
  },
  // ── Generic shapes ──
  {
    id: 'jwt',
    description: 'JSON Web Token (header.payload.signature)',
    pattern: /\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/g,
  },
  {
    id: 'connection-string-password',
    description: 'Password in a URL / connection string (postgres://user:pass@host, mongodb+srv://…)',
    pattern: /\b[a-z][a-z0-9+.-]{1,20}:\/\/[^\s:/@"'`«»]{1,100}:([^\s@/"'`«»]{1,200})@/gi,
    group: 1,
    accept: looksLikeUrlPassword,
  },
  {
    id: 'connection-string-password',
    description: 'Password=… in an ADO.NET / JDBC-style connection string',
    pattern: /(?:^|[;"'\s])(?:password|pwd)=([^;"'\s«»]{4,200})/gim,
    group: 1,
    accept: looksLikeUrlPassword,
  },
  {
    id: 'authorization-header',
    description: 'Credentials in an Authorization: Bearer / Basic header',
    pattern: /\bAuthorization["']?\s*[:=]\s*["']?(?:Bearer|Basic|token)\s+([A-Za-z0-9._~+/-]{16,}=*)/gi,
    group: 1,
    accept: randomLooking(3),
  },
  {
    id: 'assigned-secret',
    description: 'High-entropy value assigned to a name like password, secret, token, api_key (.env, config, code)',
    pattern: new RegExp(
      String.raw`(?<![A-Za-z0-9])${SECRET_NAME}["']?[ \t]*(?::=|=>|=|:)[ \t]*(["'\x60]?)([^\s"'\x60,;«»]{1,512})\1`,
      'gi',
    ),
    group: 2,
    accept: looksLikeAssignedSecret,
  },
];
