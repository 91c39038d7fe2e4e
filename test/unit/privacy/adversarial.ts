/**
 * Inputs built to make secret patterns slow: for each rule family, text full of the prefixes, names and
 * separators a pattern starts on, where the match then fails late (no END line, no closing quote, no `@`,
 * a base64 run that never breaks), plus runs of placeholders (the spans the scan must skip). Shared by the
 * redaction benchmark (bench/redaction.ts), the security suite (test/security/redaction.test.ts) and the
 * unit test that checks each one is redacted correctly. Deterministic: the same text every run.
 */
import { CORPUS } from './corpus';
import { fake } from './fake';

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** `unit` repeated to exactly `size` characters. */
export function repeatTo(unit: string, size: number): string {
  return unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
}

/** Random-looking base64 lines of `width` characters, `size` characters in all. */
function base64Lines(width: number, size: number, seed: number): string {
  const line = (i: number) => fake(B64, width, seed + i) + '\n';
  const lines: string[] = [];
  let length = 0;
  for (let i = 0; length < size; i++) {
    const l = line(i % 997);
    lines.push(l);
    length += l.length;
  }
  return lines.join('').slice(0, size);
}

/** Every corpus secret cut short by two characters, in its context: near misses for every vendor format. */
function nearMisses(size: number): string {
  const unit = CORPUS.map((e) => e.context.replace(e.secret, e.secret.slice(0, -2))).join('\n\n');
  return repeatTo(unit + '\n\n', size);
}

/**
 * Real secrets, densely: every corpus context over and over. Not adversarial to the patterns (each match
 * is a find) but the most work per character for the redactor: a placeholder every few dozen characters.
 */
export function denseSecrets(size: number): string {
  return repeatTo(CORPUS.map((e) => e.context).join('\n\n') + '\n\n', size);
}

export interface AdversarialInput {
  name: string;
  /** The rules it aims at. */
  aims: string;
  make(size: number): string;
  /** It holds secrets (key bodies, a password's value): redaction changes it. Every other input comes out as it went in. */
  holdsSecrets?: true;
}

export const ADVERSARIAL: readonly AdversarialInput[] = [
  { name: 'placeholders', aims: 'scanner: skip spans', make: (n) => repeatTo('«secret:github-token:1» ', n) },
  { name: 'placeholder-like', aims: 'scanner, assignments', make: (n) => repeatTo('«secret:x:1»', n) },
  { name: 'open guillemets', aims: 'scanner', make: (n) => repeatTo('«', n) },
  { name: 'password= runs', aims: 'assignments', make: (n) => repeatTo('password=', n) },
  { name: 'password: " lines', aims: 'assignments: quoted', make: (n) => repeatTo('password: "aB3$x\n', n) },
  { name: 'unclosed quote', aims: 'assignments: quoted', make: (n) => 'password = "' + repeatTo('x', n - 12) },
  { name: 'secret words glued', aims: 'assignments: names', make: (n) => repeatTo('passwordTokenSecretKeyAuth', n) },
  { name: 'secret words separated', aims: 'assignments: names', make: (n) => repeatTo('secret_token_key_', n) },
  { name: 'config lines with templates', aims: 'assignments: unquoted', make: (n) => repeatTo('db.password = ${DB_PASSWORD} {1}\n', n) },
  { name: 'yaml block scalar', aims: 'assignments: block', make: (n) => 'password: |\n' + repeatTo('  x\n', n - 12), holdsSecrets: true },
  { name: 'xml open tags', aims: 'assignments: xml', make: (n) => repeatTo('<password>', n) },
  { name: 'xml unclosed element', aims: 'assignments: xml', make: (n) => '<password>' + repeatTo('a', n - 10) },
  { name: 'command lines', aims: 'command-line', make: (n) => repeatTo('curl -u mysql -p --password ', n) },
  { name: 'curl without -u', aims: 'command-line', make: (n) => 'curl ' + repeatTo('x ', n - 5) },
  { name: 'scheme without @', aims: 'connection strings', make: (n) => repeatTo('a://b:c', n) },
  { name: 'scheme then colons', aims: 'connection strings', make: (n) => 'postgres://' + repeatTo('u:', n - 11) },
  { name: 'query parameters', aims: 'url query', make: (n) => repeatTo('?token=${TOKEN}&key=', n) },
  { name: 'BEGIN repeated', aims: 'private keys', make: (n) => repeatTo('-----BEGIN ', n) },
  { name: 'BEGIN lines repeated', aims: 'private keys', make: (n) => repeatTo('-----BEGIN PRIVATE KEY-----\n', n) },
  { name: 'base64 body without END', aims: 'private keys', make: (n) => '-----BEGIN RSA PRIVATE KEY-----\n' + base64Lines(64, n - 32, 1), holdsSecrets: true },
  { name: 'bare base64 lines', aims: 'private keys: bodies', make: (n) => base64Lines(64, n, 2), holdsSecrets: true },
  { name: 'uniform base64 lines', aims: 'private keys: bodies', make: (n) => repeatTo('A'.repeat(64) + '\n', n) },
  { name: 'base64 lines too long', aims: 'private keys: bodies', make: (n) => base64Lines(101, n, 3) },
  { name: 'one base64 run', aims: 'private keys, jwt', make: (n) => base64Lines(n, n, 4) },
  { name: 'escaped line breaks', aims: 'private keys: json', make: (n) => repeatTo('AB\\n', n) },
  { name: 'quote joins', aims: 'private keys: concatenation', make: (n) => repeatTo('"Ab1",\n"', n) },
  { name: 'dashes', aims: 'private keys: END', make: (n) => repeatTo('-', n) },
  { name: 'near-JWT', aims: 'jwt', make: (n) => repeatTo('eyJabcdefghijklm.eyJabc.', n) },
  { name: 'aws near-miss', aims: 'aws', make: (n) => repeatTo('aws_secret', n) },
  { name: 'datadog then blank', aims: 'datadog', make: (n) => 'dd\n' + repeatTo(' ', n - 3) },
  { name: 'spaces', aims: 'all', make: (n) => repeatTo(' ', n) },
  { name: 'newlines', aims: 'all', make: (n) => repeatTo('\n', n) },
  { name: 'near-miss secrets', aims: 'vendor formats', make: nearMisses, holdsSecrets: true },
];

/**
 * A realistic completion prompt of about `size` characters: source code from this repository with context
 * snippets written as comments (as the prompt builder writes them) and a handful of secrets in them.
 */
export function realisticPrompt(source: string, size: number): string {
  const secrets = CORPUS.filter((_, i) => i % 9 === 0).map((e) => e.context.split('\n').map((l) => `// ${l}`).join('\n'));
  const code = source.slice(0, Math.max(0, size - secrets.join('\n').length - 64));
  return `// Path: src/settings.ts\n${secrets.join('\n')}\n// Path: src/app.ts\n${code}`.slice(0, size);
}
