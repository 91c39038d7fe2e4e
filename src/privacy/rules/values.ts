/**
 * The checks the secret rules run on what a pattern found: is this name one a secret is stored under, is
 * this value a real value or a placeholder, a template or a piece of code, does this run of base64 look like
 * key material. Pure functions of strings, each linear in its input.
 *
 * The name-based rules decide by the *name* and the *syntax* of the assignment, not by which characters the
 * value holds: `db.password=p@$$w0rd{1}` is a secret although it is full of braces and dollars, while
 * `password = getPassword()` is code and `password: ${DB_PASSWORD}` a template.
 */

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

// ── Names ────────────────────────────────────────────────────────────────────────────────────────────

/** Last segments that name a secret on their own: `DB_PASSWORD`, `client_secret`, `authToken`, `creds`. */
const SECRET_WORDS = new Set([
  'password', 'passwd', 'pwd', 'pass', 'pw', 'passphrase', 'passcode', 'secret', 'token', 'credential', 'credentials',
  'creds', 'auth', 'authorization', 'apikey', 'secretkey', 'privatekey', 'accesskey', 'authkey', 'apitoken', 'authtoken',
  'accesstoken', 'appkey', 'masterkey', 'signingkey', 'encryptionkey',
]);

/** `key` is a secret only behind one of these (`api_key`, `secret_key`, `APP_KEY`), not `primary_key` or `key`. */
const KEY_QUALIFIERS = new Set([
  'api', 'secret', 'private', 'access', 'app', 'auth', 'encryption', 'enc', 'crypt', 'crypto', 'cipher', 'signing', 'sign',
  'master', 'account', 'client', 'session', 'shared', 'subscription', 'consumer', 'hmac', 'jwt', 'aes', 'admin', 'storage',
  'webhook', 'deploy', 'ssh', 'gpg', 'pgp', 'root', 'license', 'service', 'rsa', 'ecdsa', 'ed25519', 'cookie', 'sas', 'x',
  'mac', 'rails', 'django', 'laravel', 'stripe', 'openai', 'anthropic', 'google', 'azure', 'aws', 'dev', 'prod', 'live',
]);

/** Trailing segments that do not change what a name holds: `secret_key_base`, `password2`, `token_value`. */
const NEUTRAL_TAILS = new Set(['value', 'val', 'base', 'b64', 'base64', 'hex', 'raw', 'plain', 'plaintext', 'encoded', 'str', 'string', 'confirmation', 'confirm', 'again', 'repeat', 'pem']);

/** One word written together: `dbpassword`, `appsecret`, `githubtoken` (not `keyboard`, `monkey`, `bypass`, `esctoken`). */
const GLUED = /(?:password|passwd|passphrase|secret|apikey|secretkey|privatekey|accesskey|authkey|credentials?|(?:access|auth|api|refresh|bearer|github|gitlab|slack|npm|bot)token)$/;

/** Splits `dbPassword`, `DB_PASSWORD`, `db.password`, `x-api-key`, `$password` into lower-case segments. */
export function nameSegments(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z])([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .map((s) => s.replace(/\d+$/, ''))
    .filter(Boolean);
}

/**
 * Whether a value stored under `name` is a secret by its name alone. The *last* meaningful segment decides,
 * so `password_hash`, `token_type`, `secret_name` and `auth_url` are not secrets while `old_password`,
 * `secret_key_base` and `aws_secret_access_key` are. `PWD`/`OLDPWD` are shell working directories.
 */
export function isSecretName(name: string): boolean {
  let known = secretNames.get(name);
  if (known === undefined) {
    // Names repeat through a text; a bounded memo keeps the check off the hot path.
    if (secretNames.size >= 4096) secretNames.clear();
    known = judgeName(name);
    secretNames.set(name, known);
  }
  return known;
}

const secretNames = new Map<string, boolean>();

function judgeName(name: string): boolean {
  if (/^(?:OLD)?PWD$/.test(name)) return false;
  const segments = nameSegments(name);
  while (segments.length > 1 && NEUTRAL_TAILS.has(segments[segments.length - 1])) segments.pop();
  const last = segments[segments.length - 1];
  if (!last) return false;
  if (SECRET_WORDS.has(last)) return true;
  if (last === 'key') return segments.length > 1 && KEY_QUALIFIERS.has(segments[segments.length - 2]);
  return last.length <= 30 && GLUED.test(last);
}

// ── Values ───────────────────────────────────────────────────────────────────────────────────────────

/** Interpolation and references anywhere in a value, closed: `${X}`, `{{ x }}`, `{% x %}`, `<%= x %>`, `#{x}`, `$(cmd)`, `%(x)s`. */
const TEMPLATE = /\$\{[^}]*\}|\{\{.*?\}\}|\{%.*?%\}|<%.*?%>|#\{[^}]*\}|\$\([^)]*\)|%\([\w.]+\)[sd]/;
/**
 * A whole value that only refers to another one or describes it: `$DB_PASSWORD`, `%TOKEN%`, `<YOUR_PASSWORD>`,
 * `<client_id>-<realm>` (hints joined), `{0}`, `%s`, `__TOKEN__`, `@pw@`, `[REDACTED]`.
 */
const REFERENCE = /^(?:(?:<[^<>]+>[-_:./ ]*){2,}$|\$[A-Za-z_][\w]*|\$env:[\w]+|%[\w]+%|<[^<>]*>|\{\w*\}|%[sdv]|__[A-Z0-9_]+__|@[\w.]+@|\[[A-Za-z _-]*\]|\$\d|\$@|\$\*)$/;
/** Secret-manager references and encrypted-value markers: `op://…`, `vault:…`, `ENC(…)`, `!Ref X`, `arn:aws:secretsmanager:…`. */
const SECRET_REF = /^(?:op|vault|ref\+\w+|awssm|gcpsm|azkv|sops|secret|secrets|env|file|ssm):\/{0,2}|^(?:ENC|DEC)\(|^!(?:Ref|Sub|GetAtt|ImportValue|vault|env_var|Secret)\b|^arn:aws:(?:secretsmanager|ssm|kms):|^projects\/[^/]+\/secrets\//;
/** Masked values: `****`, `••••`, `xxxx`, `XXXX`, `...`, `…`. */
const MASK = /\*{3,}|•{3,}|x{4,}|X{4,}|\.{3}|…/;
/** Words people put where a secret would go, as the whole value (separators and case ignored). */
const PLACEHOLDER_WORDS = new RegExp(
  String.raw`^(?:(?:your|my|the|an?|enter|insert|put|paste|replace|add|set|some|example|sample|dummy|fake|placeholder|default|real|actual|new|api|access|auth|bearer|basic|db|database|secret|user|username|login)\s)*` +
    String.raw`(?:password|passwd|pass|pwd|secret|token|key|api\s?key|secret\s?key|access\s?key|credentials?|value|string|here|placeholder|changeme|change\s?me|change\s?it|changeit|replace\s?me|redacted|hidden|removed|masked|none|null|nil|undefined|empty|todo|tbd|fixme|example|sample|dummy|fake|bearer|basic|token\s?here)` +
    String.raw`(?:\s(?:here|goes\s?here|value|please|placeholder))*$`,
);

/**
 * Values people write where a real secret would go: templates and references, angle-bracket hints,
 * `YOUR_API_KEY`, `changeme`, masked `****`, the name itself (`password: password`). Redacting them would
 * only make prompts less readable. Only interpolation *syntax* counts: `p@$$w0rd{1}` is not a template.
 */
export function isPlaceholderValue(value: string): boolean {
  const v = value.trim();
  if (!v) return true;
  if (TEMPLATE.test(v) || MASK.test(v)) return true;
  // References and placeholder words are short; a long value is looked at for templates and masks only.
  if (v.length > 200) return false;
  if (REFERENCE.test(v) || SECRET_REF.test(v)) return true;
  // Placeholder words have no digits and are short.
  if (v.length <= 60 && !/\d/.test(v) && PLACEHOLDER_WORDS.test(v.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim())) return true;
  return /^(?:your|example|sample|dummy|fake|placeholder|replace|insert|enter|change)[\s_-]/i.test(v) || /[\s_-](?:here|placeholder|example|changeme)$/i.test(v);
}

/** Literals and type names that an unquoted value can be without being a value: `None`, `string`, `Option`. */
const KEYWORD = /^(?:none|null|nil|true|false|undefined|nan|void|string|str|number|int|integer|bool|boolean|bytes|byte|char|object|any|unknown|optional|option|secret|secretstr|secretstring|password|token|self|this|new|await|lambda|function|async|yield|return|typeof|require|import|os|env|process|config|settings|params|args|request|req|ctx|context|options|opts)$/i;
/** An identifier path at the start of a value: `getPassword`, `os.environ`, `self.pw`, `Foo::bar`, `$this->x`. */
const HEAD = /^[A-Za-z_$@][\w$]*(?:\s*(?:\.|\?\.|::|->)\s*[A-Za-z_$][\w$]*)*/;

/**
 * Whether an *unquoted* value (the rest of a line after `name =` or `name:`) is code rather than a literal:
 * a call, an index, a member path, a keyword or type, an expression with operators, an object or list, a
 * statement ending in `;` or an argument ending in `,`. Literals in config syntax stay literals whatever
 * they hold: `p@$$w0rd{1}`, `a b$c`, `S3cr%t`, `base64:…`.
 */
export function looksLikeCode(value: string): boolean {
  const v = value.trim();
  if (/^[{[(]/.test(v) || /^[|>][-+0-9]{0,2}(?:\s+#.*)?$/.test(v)) return true;
  // A prefixed string literal: an f-string or template (`f"{a}{b}"`, `s"…"`, sql`…`).
  if (/^[A-Za-z]{1,3}["'\x60]/.test(v)) return true;
  // A value followed by a comment in code (`INVALID_TOKEN: 498, // Unofficial`).
  if (/[,;][ \t]*(?:\/\/|\/\*|#)/.test(v)) return true;
  // An expression continuing on the next line (`token = client ?`, `secret = a +`).
  if (/\s(?:[?:+*/=-]|&&|\|\|)$/.test(v)) return true;
  if (/=>|&&|\|\||\?\?|\s[=!]==?\s|^new\s|^await\s|^lambda\b|^function\b|^async\b/.test(v)) return true;
  const head = HEAD.exec(v);
  if (!head) return false;
  const rest = v.slice(head[0].length).trim();
  const path = /\.|::|->/.test(head[0]);
  if (rest === '' || /^[,;)]/.test(rest)) {
    if (path || /^[@$]/.test(head[0]) || KEYWORD.test(head[0])) return true;
    // A bare identifier followed by a separator is an argument or a statement, not a config literal.
    if (rest !== '' && /^[A-Za-z_]\w*$/.test(head[0])) return true;
    return false;
  }
  // Calls, indexing, generics, optional chaining, defaults and operators after an identifier.
  return /^(?:\(|\[|<|\?\.|!\.|!\s*$|!;|=\s|:\s|\?\s|\|\s|&\s|[-+*/%]\s|\s*\.\s*\w|\?\?)/.test(rest);
}

/** A bare word or identifier (`hunter`, `dbPassword`, `db_password`, `Token`), as opposed to `hunter2` or `Tr0ub4dor&3`. */
export function isWordLike(value: string): boolean {
  return /^[a-z]+(?:[A-Z][a-z]+)*$|^(?:[A-Z][a-z]+)+$|^[A-Za-z]+(?:[_-][A-Za-z]+)+$|^[A-Z]+$/.test(value);
}

/** Names whose value a person types (so a passphrase of plain words counts), as opposed to generated tokens and keys. */
export function isPasswordName(name: string): boolean {
  const segments = nameSegments(name);
  return /^(?:password|passwd|pwd|pass|pw|passphrase|passcode)$/.test(segments[segments.length - 1] ?? '') || /pass(?:word|wd|phrase)$/i.test(name);
}

/**
 * A quoted value that is a label or a name rather than a value: `"Password"`, `"Enter your password"`,
 * `"Mot de passe"`, `'authToken'` (a storage key naming the token), `'GITHUB_TOKEN'` (an env var name),
 * `"msal.cache.encryption"` (a storage key), `"id_token token"` (a list of names).
 */
export function looksLikeLabelOrName(value: string, name: string): boolean {
  const v = value.trim();
  // Prose: two or more words of letters, capitalised or mentioning what it labels. A token or key never
  // has spaces between plain words; a password may (a passphrase), so there only labels count.
  if (/^[\p{L}_.-]+(?:[ '’][\p{L}_.-]+)+[.:!?…]?$/u.test(v)) {
    if (!isPasswordName(name)) return true;
    if (/^\p{Lu}/u.test(v) || /pass|secret|token|key|auth|credential|word/i.test(v)) return true;
  }
  // A sentence (an error message, a description): four or more words, most of them plain, capitalised or ended.
  const words = v.split(/\s+/);
  if (words.length >= 4 && words.filter((w) => /^\(?\p{L}{2,}[.,:;!?)]?$/u.test(w)).length >= words.length * 0.6 && (!isPasswordName(name) || /^\p{Lu}|[.!?]$/u.test(v))) return true;
  // Text in another script (`"意外的标记。"`): a translated message.
  if (/[^\p{Script=Latin}\p{Script=Common}\p{Script=Inherited}]/u.test(v) && !/[\x21-\x7e]{6}/.test(v)) return true;
  if (!/^[\w.-]+$/.test(v)) return false;
  // Dotted or snake_case lower-case words: a storage key or setting name (`app.session.secret`, `id_token`);
  // camelCase: an identifier (`overEvery`, `AccessToken`).
  if (/^[a-z]+(?:[._][a-z]+)+$|^[a-z]+(?:[A-Z][a-z]+)+$|^(?:[A-Z][a-z]+){2,}$/.test(v)) return true;
  // The name itself in another case (`SECRET_KEY = "SECRET_KEY"`), or an identifier naming a secret.
  const squash = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (squash(v) === squash(name)) return true;
  if (/^\p{Lu}\p{Ll}+$/u.test(v) && /^(?:password|passwort|passwd|secret|token|key|credentials?|contraseña|senha|parola)$/i.test(v)) return true;
  return !/\d/.test(v) && isSecretName(v) && /[_.-]|[a-z][A-Z]/.test(v);
}

/** A filesystem path or URL without credentials: where a secret is kept, not the secret (`/run/secrets/db`, `./key.pem`). */
export function isPathOrPlainUrl(value: string): boolean {
  const v = value.trim();
  if (!/^[~./]|^[A-Za-z]:\\|:\/\//.test(v)) return false;
  if (/^(?:~|\.{1,2})?\/[\w.@%+~/-]*$/.test(v) || /^[A-Za-z]:\\[\w.\\ -]*$/.test(v)) return true;
  return /^[a-z][a-z0-9+.-]*:\/\/[^\s@/]+(?:\/[^\s@]*)?$/i.test(v) && !/^[a-z][a-z0-9+.-]*:\/\/[^/@\s]*:[^/@\s]*@/i.test(v);
}

/**
 * The check for a value assigned to a secret name. `quoted`: the value was a string literal, so any content
 * counts; otherwise it is the rest of a config line and must not look like code. `literalOnly`: the syntax
 * allows only literals (`NAME=value` in .env or shell), so even a bare word is the value.
 */
export function isAssignedSecret(value: string, name: string, syntax: { quoted: boolean; literalOnly?: boolean }): boolean {
  const v = value.trim();
  // Too short to be worth hiding, or no letter or digit at all (`'&&='`).
  if (v.length < 4 || v.length > 4096 || !/[\p{L}\d]/u.test(v)) return false;
  if (isPlaceholderValue(v) || isPathOrPlainUrl(v) || SEMVER.test(v)) return false;
  // A generated token or key is never a plain word (`credentials: 'same-origin'`, `token: 'omit'`); a typed password may be.
  if (syntax.quoted) return !looksLikeLabelOrName(v, name) && (isPasswordName(name) || !isWordLike(v));
  // Where the syntax only holds literals (.env, shell, compose), a value is never code, whatever it holds.
  if (syntax.literalOnly) return true;
  if (looksLikeCode(v)) return false;
  // A bare identifier in code is a variable (`password = pw`); a typed or generated secret is not word-shaped.
  if (/^[A-Za-z_][\w]*$/.test(v)) return !isWordLike(v) && !KEYWORD.test(v) && (/\d/.test(v) || shannonEntropy(v) >= 3.5);
  return true;
}

/** A version or version range (`^1.9.0`, `~2.1`, `>=1.0.0`): package.json dependencies such as `@azure/core-auth`. */
const SEMVER = /^(?:[~^<>=v]{0,2}\d+(?:\.(?:\d+|x|\*)){1,3}(?:[-+][\w.-]+)?(?:\s*(?:\|\||-|\s)\s*)?)+$/;

// ── Base64 key material ──────────────────────────────────────────────────────────────────────────────

/**
 * Whether base64 characters read as encoded random bytes (key material) rather than words or identifiers:
 * both cases present, and not made of word pieces. In random base64 about a third of the characters fall in
 * runs that look like word pieces (`Abc…`, `abc…`); in camelCase identifiers and prose nearly all do.
 */
export function looksLikeKeyMaterial(chars: string): boolean {
  const n = chars.length;
  if (n < 16) return false;
  let upper = 0;
  let lower = 0;
  for (let i = 0; i < n; i++) {
    const c = chars.charCodeAt(i);
    if (c >= 65 && c <= 90) upper++;
    else if (c >= 97 && c <= 122) lower++;
  }
  if (upper < n * 0.1 || lower < n * 0.1) return false;
  // Thresholds from 20,000 random strings per length: none of 64 characters or more exceeded 0.69, about
  // 1 in 1,000 shorter ones exceed 0.8; camelCase identifiers score 0.63-1 (99% above 0.78).
  return wordiness(chars) < (n >= 64 ? 0.72 : 0.8);
}

/** The share of characters inside word pieces (`Abc…`, `abc…`, as /[A-Z][a-z]{2,}|[a-z]{3,}/g finds them): ~0.3 in random base64, ~0.9 in identifiers. */
export function wordiness(chars: string): number {
  // The same as summing the lengths of WORD_PIECE matches, without allocating one per piece.
  let wordy = 0;
  let i = 0;
  const n = chars.length;
  const lower = (k: number) => k < n && chars.charCodeAt(k) >= 97 && chars.charCodeAt(k) <= 122;
  while (i < n) {
    const c = chars.charCodeAt(i);
    const start = i;
    if (c >= 65 && c <= 90 && lower(i + 1) && lower(i + 2)) i++;
    else if (!(lower(i) && lower(i + 1) && lower(i + 2))) {
      i++;
      continue;
    }
    while (lower(i)) i++;
    wordy += i - start;
  }
  return n ? wordy / n : 0;
}

/** Body text after a full BEGIN/END line: anything but a word or identifier (`body`, `pemBody`) counts. */
export function looksLikeKeyStart(chars: string): boolean {
  return chars.length >= 4 && !isWordLike(chars) && !/^[a-z]+\d*$/.test(chars);
}
