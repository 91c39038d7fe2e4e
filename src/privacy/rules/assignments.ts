/**
 * Secrets found by the name they are stored under, in every common syntax: string literals in code and
 * JSON/TOML/YAML/.env (`password = "p@$$w0rd{1}"`), unquoted config lines (.properties, INI, YAML, .env,
 * docker-compose `environment:` lists, `export`), YAML block scalars, XML elements and `key=… value=…`
 * attributes, command lines (`--password …`, `curl -u user:pw`, `mysql -pPW`), connection URLs and
 * connection strings, PHP `define(…)`.
 *
 * The name decides (values.ts `isSecretName`: password, passwd, pwd, secret, token, credential, auth, and
 * `key` behind a qualifier such as `api_key`), then the syntax: a quoted literal is a value whatever it
 * holds; an unquoted one is a value unless it reads as code (`getPassword()`, `os.environ["X"]`, `None`).
 *
 * Patterns start at the secret word, not at the start of every identifier, so ordinary code costs one
 * failed character test per position; the full name is read back from the text by `nameAt`.
 */
import type { SecretRule } from '../secretRules';
import { COMMENTED, FIM_TOKEN, LINE_START } from './lines';
import { isAssignedSecret, isPlaceholderValue, isSecretName, isWordLike, looksLikeCode } from './values';

/** The secret words a name must contain; `isSecretName` decides on the whole name. */
// Written out in lower case, Capitalised and UPPER case instead of using the `i` flag: case-insensitive
// patterns run about twice as slow, and names come in those three forms (`password`, `dbPassword`, `DB_PASSWORD`).
const WORD = String.raw`(?:[Pp](?:ass|w)|P(?:ASS|W)|[Ss]ecret|SECRET|[Tt]oken|TOKEN|[Kk]ey|KEY|[Cc]red|CRED|[Aa]uth|AUTH)`;
/** Text holding a secret name has one of the secret words, in any case (one pass over the text, shared by the rules). */
const HAS_WORD = /pass|pw|secret|token|key|cred|auth/i;
/**
 * From the secret word to the end of the name. Only the last secret word of a name decides, and at most a
 * neutral tail follows it (`_base`, `_confirmation`, `2`), so the tail is short: a long identifier made of
 * secret words costs a few steps per word, not a rescan of the identifier. The tail is taken whole (a
 * lookahead and a back-reference make it atomic): what follows a name never depends on a shorter tail, and
 * trying each shorter one would multiply the work after it.
 */
const NAME_TAIL = String.raw`${WORD}(?=(?<tail>[\w$.-]{0,16}))\k<tail>`;
/** Characters a name is made of. */
const NAME_CHAR = /[\w$.-]/;
/** Where a name ends and the assignment starts: a closing quote or bracket, then `=`, `:`, `:=`, `=>`, `?=`, `<-`. */
const SEP = String.raw`["'\]]{0,2}[ \t]*(?<sep>:=|=>|\?=|\+=|<-|=(?!=)|:(?!:))[ \t]*`;
/** A string literal's body on one line; backslash escapes and doubled quotes (YAML, SQL, Pascal) allowed. */
const QUOTED = String.raw`(?<q>["'\x60])(?<value>(?:\\.|\k<q>\k<q>|(?!\k<q>)[^\\\r\n]){1,1000})\k<q>(?!\k<q>)`;
/** The same for a call's argument (named apart: a pattern cannot name two groups alike). */
const QUOTED_CALL = String.raw`(?<cq>["'\x60])(?<cvalue>(?:\\.|\k<cq>\k<cq>|(?!\k<cq>)[^\\\r\n]){1,1000})\k<cq>(?!\k<cq>)`;
/** Space between .netrc tokens: blanks, or a line break and a comment marker. */
const NETRC_GAP = String.raw`(?:[ \t]*\r?\n${COMMENTED}|[ \t]+)`;

/** The whole name a match's secret word belongs to: the identifier characters before it, then the matched tail. */
function nameAt(match: RegExpMatchArray, tail: string): string {
  const input = match.input ?? '';
  let start = match.index ?? 0;
  const limit = Math.max(0, start - 60);
  while (start > limit && NAME_CHAR.test(input[start - 1])) start--;
  return input.slice(start, match.index) + tail;
}

/** The secret word and the rest of the name as matched (everything before the separator). */
function tailOf(match: RegExpMatchArray): string {
  return /^[\w$.-]*/.exec(match[0])![0];
}

export const ASSIGNMENT_RULES: readonly SecretRule[] = [
  {
    id: 'assigned-secret',
    description: 'Value assigned to a secret name: a string literal in code or config (password = "…", "apiKey": "…", token: \'…\', SECRET_KEY = r"…"), a setter or builder call (setPassword("…"), .password("…")), or the unquoted rest of a config line (.properties, INI, YAML, .env, export, docker-compose "- NAME=…", Dockerfile ENV)',
    requires: HAS_WORD,
    // One pattern for the three syntaxes: they start on the same secret word, and each pattern is a pass
    // over the text. A config line is recognised from behind: only a line start, comment markers, an
    // export/ENV/`- ` prefix and a quote may stand before the name. The cheap checks come first (a
    // separator follows; the name starts within 60 characters), so inside long identifiers the look
    // behind to the line start is not tried at every secret word.
    pattern: new RegExp(
      String.raw`${NAME_TAIL}(?:${SEP}(?:[bBrRuU]{1,2}(?=["']))?${QUOTED}|(?<call>\()[ \t]*${QUOTED_CALL}|(?=["']?[ \t]*(?:[=:]|\?=)|[ \t]+[^\s=:])(?<![\w$.-]{61})(?<=(?<![\w$.-])[\w$.-]{1,60})(?<=${LINE_START}(?<prefix>(?:export|set|setx|SET|SETX|env|arg|ENV|ARG)[ \t]+|-[ \t]+)?["']?[\w$.-]{1,60})["']?(?:[ \t]*(?<bsep>=(?![=>~])|:(?=[ \t])|\?=|:=)[ \t]*|(?<=\b(?:ENV|env)[ \t]+[\w.-]+)[ \t]+)(?<bare>[^\s"'\x60«](?:[^\r\n]*[^\s"'\x60])?))`,
      'gm',
    ),
    group: ['value', 'cvalue', 'bare'],
    accept: (value, match) => {
      const path = nameAt(match, tailOf(match));
      const groups = match.groups!;
      if (groups.bare !== undefined) return configLine(value, path, match);
      // A JavaScript template literal with an interpolation is built from other values (`Bearer ${token}`).
      if ((groups.q ?? groups.cq) === '\x60' && value.includes('${')) return false;
      if (!groups.call) return isSecretName(path) && isAssignedSecret(value, path, { quoted: true });
      // A call: only a setter (`setPassword`, `withToken`) or a builder method that is the secret's name
      // (`.password(…)`), never a getter or any other method with a secret word in it (`getToken('scope')`).
      const name = path.slice(path.lastIndexOf('.') + 1);
      const builder = name.length < path.length && /^(?:password|passwd|passphrase|secret|token|apiKey|accessToken|clientSecret|credentials?)$/i.test(name);
      return (builder || /^(?:set|with)[A-Z_]/.test(name)) && isSecretName(name) && isAssignedSecret(value, name, { quoted: true });
    },
  },
  {
    id: 'assigned-secret',
    description: 'PHP define(\'DB_PASSWORD\', \'…\')',
    keywords: ['define('],
    pattern: new RegExp(String.raw`\bdefine\([ \t]*["'](?<name>[\w.-]{1,80})["'][ \t]*,[ \t]*${QUOTED}`, 'g'),
    group: 'value',
    accept: (value, match) => isSecretName(match.groups!.name) && isAssignedSecret(value, match.groups!.name, { quoted: true }),
  },
  {
    id: 'assigned-secret',
    description: 'YAML block scalar under a secret name (password: | or > followed by indented lines)',
    // Starts at the block indicator (rare); the name and the indentation are read behind it.
    pattern: new RegExp(
      String.raw`:[ \t]*[|>][-+0-9]{0,2}[ \t]*\r?\n(?<=(?:^|${FIM_TOKEN} ?)(?<indent>${COMMENTED})(?:-[ \t]+)?["']?(?<name>[\w$.-]{1,80})["']?[ \t]*:[ \t]*[|>][-+0-9]{0,2}[ \t]*\r?\n)(?:[ \t]*\r?\n){0,10}\k<indent>[ \t]+(?<value>[^\s][^\r\n]*(?:\r?\n(?:[ \t]*\r?\n){0,10}\k<indent>[ \t]+[^\s][^\r\n]*){0,300})`,
      'gm',
    ),
    group: 'value',
    accept: (value, match) => isSecretName(match.groups!.name) && !isPlaceholderValue(value),
  },
  {
    id: 'assigned-secret',
    description: 'XML element named like a secret (<password>…</password>, <db:apiKey>…</db:apiKey>)',
    keywords: ['</'],
    pattern: new RegExp(String.raw`<(?<name>[\w.:-]{0,60}${NAME_TAIL})(?:[ \t][^<>]{0,200})?>(?<value>[^<]{1,2000})</\k<name>[ \t]*>`, 'g'),
    group: 'value',
    accept: (value, match) => isSecretName(match.groups!.name.replace(/^[\w.-]*:/, '')) && isAssignedSecret(value, match.groups!.name, { quoted: true }),
  },
  {
    id: 'assigned-secret',
    description: 'Key/value attribute pair naming a secret (.NET <add key="DbPassword" value="…"/>, Spring <property name="password" value="…"/>)',
    keywords: ['alue'],
    pattern: new RegExp(String.raw`\b(?:[Kk]ey|[Nn]ame)[ \t]*=[ \t]*["'](?<name>[\w.:-]{1,80})["'][ \t\r\n]+[Vv]alue[ \t]*=[ \t]*${QUOTED}`, 'g'),
    group: 'value',
    accept: (value, match) => isSecretName(match.groups!.name) && isAssignedSecret(value, match.groups!.name, { quoted: true }),
  },
  {
    id: 'assigned-secret',
    description: 'NAME=value written inside a line, not at its start (a question "why does DB_PASSWORD=… fail?", `cd app && export DB_PASS=…`, a pasted `spring.datasource.password=…` after a prompt): an environment-style or dotted config name, `=` with no space around it, an unquoted value',
    requires: HAS_WORD,
    // Only the forms that are never code: an UPPER_SNAKE environment name or a dotted lower-case config
    // key, tight `=` (code puts spaces around `=`, and `a=b` in code is rarely a secret name's literal).
    // After a space, `;`, `&`, `|`, `(` or a quote, so a name inside an identifier or URL is not cut.
    pattern: new RegExp(String.raw`(?<=[ \t;&|("'\x60])(?<name>[A-Z][A-Z0-9_]{0,60}|[a-z][\w-]{0,30}(?:\.[\w-]{1,30}){1,6})=(?![=~>])(?<value>[^\s"'\x60;&|<>()]{4,500})`, 'g'),
    group: 'value',
    accept: (value, match) => {
      const name = match.groups!.name;
      return isSecretName(name) && !name.startsWith('$') && isAssignedSecret(value, name, { quoted: false }) && !looksLikeCode(value);
    },
  },
  // ── Command lines ──
  {
    id: 'command-line-secret',
    description: 'Secret in a long command-line option (--password=…, --password …, --api-key …, --token …)',
    keywords: ['--'],
    pattern: new RegExp(String.raw`(?<![\w-])--(?<name>[\w-]{0,40}${WORD}[\w-]{0,40})(?:=|[ \t]+)(?:${QUOTED}|(?<bare>[^\s"'\x60|;&<>()\\-][^\s"'\x60|;&<>()\\]{0,500}))`, 'g'),
    group: ['value', 'bare'],
    // A word after the option is an example (`--client-secret clientSecret`, `--password PASSWORD`).
    accept: (value, match) => !/^no-/i.test(match.groups!.name) && isSecretName(match.groups!.name) && !isPlaceholderValue(value) && value.length >= 3 && !isWordLike(value) && (match.groups!.q !== undefined || !looksLikeCode(value)),
  },
  {
    id: 'command-line-secret',
    description: 'Secret in a command-line header (curl -H "X-API-Key: …", --header \'Authorization: …\')',
    keywords: ['-H', '--header'],
    pattern: new RegExp(String.raw`(?<![\w-])(?:-H|--header)[ \t]+(?<q>["'])(?<name>[\w-]{1,60}):[ \t]*(?<value>[^"'\r\n]{1,1000})\k<q>`, 'g'),
    group: 'value',
    accept: (value, match) => isSecretName(match.groups!.name) && !isPlaceholderValue(value) && value.trim().length >= 4,
  },
  {
    id: 'command-line-secret',
    description: 'Password in user:password of curl -u / --user',
    keywords: ['curl'],
    // Arguments are skipped a token at a time (up to 20), not a character at a time.
    pattern: /\bcurl\b(?:[ \t]+(?!-u\b|--user\b)[^\s|;&]{1,300}){0,20}[ \t]+(?:-u|--user)(?:[ \t]+|=)(?<q>["']?)[^\s:"']{0,100}:(?<value>[^\s"']{1,200})\k<q>/g,
    group: 'value',
    accept: (value) => !isPlaceholderValue(value),
  },
  {
    id: 'command-line-secret',
    description: 'Password attached to -p in the mysql family (mysql -u root -pS3cr%t, mysqldump, mariadb)',
    // Arguments are skipped a token at a time; the tool's name starts with a literal `m` (cheap to look for).
    pattern: /\bm(?:ysql(?:dump|admin|import|show|check)?|ariadb(?:-dump)?)\b(?:[ \t]+(?!-p)[^\s|;&]{1,300}){0,20}[ \t]+-p(?<q>["']?)(?<value>[^\s"']{1,200})\k<q>/g,
    group: 'value',
    accept: (value) => !isPlaceholderValue(value),
  },
  {
    id: 'command-line-secret',
    description: 'Password after sshpass -p or redis-cli -a',
    pattern: /\b(?:sshpass[ \t]+-p|redis-cli\b(?:[ \t]+(?!-a\b)[^\s|;&]{1,300}){0,20}[ \t]+-a)[ \t]+(?<q>["']?)(?<value>[^\s"']{1,200})\k<q>/g,
    group: 'value',
    accept: (value) => !isPlaceholderValue(value),
  },
  {
    id: 'netrc-password',
    description: 'Password in a .netrc entry (machine … login … password …)',
    keywords: ['machine'],
    // Entries may span lines, each behind a comment marker when the file is shown as a context snippet.
    pattern: new RegExp(String.raw`\bmachine[ \t]+\S{1,200}(?:${NETRC_GAP}(?:login|account|port)[ \t]+\S{1,200}){0,3}${NETRC_GAP}password[ \t]+(?<value>\S{1,500})`, 'g'),
    group: 'value',
    accept: (value) => !isPlaceholderValue(value),
  },
  // ── URLs and connection strings ──
  {
    id: 'connection-string-password',
    description: 'Password in a URL / connection string (postgres://user:pass@host, redis://:pass@host, percent-encoded or not)',
    keywords: ['://'],
    // Starts at `://` (a cheap first character); the scheme is checked behind it.
    pattern: /:\/\/(?<=(?<![\w+.-])[A-Za-z][A-Za-z0-9+.-]{1,20}:\/\/)[^\s:/@"'`«»<>]{0,100}:(?<value>[^\s/"'`«»<>]{1,200})@(?=[\w.[%-])/g,
    group: 'value',
    accept: (value) => !isPlaceholderValue(decodeSafely(value)) && !/^(?:pass(?:word)?|pwd|secret)$/i.test(value),
  },
  {
    id: 'connection-string-password',
    description: 'Password=… / Pwd=… in an ADO.NET, JDBC or ODBC connection string',
    keywords: ['assword=', 'ASSWORD=', 'wd=', 'WD='],
    // Inside a connection string: after `;`, `?` or `&`, or right after its opening quote. Starts at the
    // name (a cheap first character) and checks what stands before it behind.
    pattern: /(?:[Pp](?:ass(?:wor)?d|wd)|P(?:ASS(?:WOR)?D|WD))=(?<=(?:[;?&][ \t]*|["'])[A-Za-z]{3,8}=)(?<value>[^;"'\r\n«»&]{1,200})/g,
    group: 'value',
    accept: (value) => value.trim().length >= 3 && !isPlaceholderValue(value),
  },
  {
    id: 'url-query-secret',
    description: 'Secret in a URL query parameter (?access_token=…, &api_key=…, ?key=…)',
    pattern: new RegExp(String.raw`[?&](?<name>[\w.-]{0,40}${WORD}[\w.-]{0,40})=(?<value>[^&\s"'\x60#«»<>]{8,1000})`, 'g'),
    group: 'value',
    accept: (value, match) => (isSecretName(match.groups!.name) || /^(?:key|sig|signature)$/i.test(match.groups!.name)) && !isPlaceholderValue(decodeSafely(value)),
  },
];

/**
 * The check for the unquoted rest of a config line under `name` (the assignment pattern's third form):
 * decided by the syntax (a tight `NAME=value`, export, ENV and compose items hold literals only) and then
 * by whether the value reads as code, prose or a placeholder.
 */
function configLine(value: string, name: string, match: RegExpMatchArray): boolean {
  const { bsep: sep, prefix } = match.groups!;
  // No separator: only Dockerfile's `ENV NAME value`.
  if (sep === undefined && !/^env\b/i.test(prefix ?? '')) return false;
  // `$token = …` is a variable in PowerShell, PHP or Perl: code, whose literals are quoted.
  if (name.startsWith('$') || !isSecretName(name)) return false;
  const input = match.input ?? '';
  const nameStart = (match.index ?? 0) - (name.length - tailOf(match).length);
  const open = input[nameStart - 1];
  const quotedKey = open === '"' || open === "'";
  // A quote before the name must close right after it (`"password": …`) or hold a whole `NAME=value`
  // item (compose `- "DB_PASSWORD=…"`); otherwise the line is text inside a string (`"getToken: called"`).
  if (quotedKey && input[nameStart + name.length] !== open && sep !== '=') return false;
  // A quoted key with an unquoted value is a dict or object entry in code (`'Authorization': type1msg`).
  if (quotedKey && sep !== '=') return false;
  // `NAME=value` with no spaces, or behind export/ENV/`- `, only ever holds a literal (.env, shell, compose):
  // env names (UPPER_SNAKE) and .properties keys (dotted).
  const tight = sep === '=' && !/[ \t]=|=[ \t]/.test(match[0].slice(0, match[0].length - value.length));
  const literalOnly = ((tight && (Boolean(prefix) || /^[A-Z][A-Z0-9_]*$|^[a-z0-9]+(?:[.-][A-Za-z0-9]+)+$/.test(name))) || sep === '?=' || /^env\b/i.test(prefix ?? '')) && !looksLikeCall(value);
  // A line of plain words behind `name:` is prose (a comment, docs), unless the syntax only holds literals.
  if (!literalOnly && isProse(value)) return false;
  // A statement or an argument: `exports.Credential = void 0;`, `token: !!response.token,`.
  if (!literalOnly && (/[;,]$/.test(value) || /\s(?:[?:+*/=-]|&&|\|\|)$/.test(value))) return false;
  return isAssignedSecret(value, name, { quoted: false, literalOnly });
}

/** A member path or a call, which even a literal-only syntax would not hold (`os.environ["X"]`, `getToken()`). */
function looksLikeCall(value: string): boolean {
  return /^[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+(?:[([]|$)|^[A-Za-z_]\w*\([^)]*\)$/.test(value);
}

/**
 * A run of words (a comment, a docs line: `Credential: holds the account's credentials.`): three or more
 * words, nearly all of them plain letters. Passwords with spaces are short and mixed.
 */
function isProse(value: string): boolean {
  if (!/\S\s+\S+\s+\S/.test(value)) return false;
  const words = value.split(/\s+/);
  return words.length >= 3 && words.filter((w) => /^\(?\p{L}{2,}[.,:;!?)]?$/u.test(w)).length >= words.length * 0.6;
}

/** Percent-decoding that never throws (a stray `%` stays as it is). */
function decodeSafely(value: string): string {
  if (!value.includes('%')) return value;
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
