/**
 * Real private keys made at run time with node:crypto (never stored in the repository), in every text form
 * a key turns up in: PEM (PKCS#1 RSA, SEC1 EC, PKCS#8 RSA/EC/Ed25519, encrypted PKCS#8, encrypted PKCS#1 with
 * Proc-Type headers), OpenSSH (`openssh-key-v1`, 70-character lines, built here from the key's JWK), and
 * wrapped the ways code and prompts wrap it: a service-account JSON value with `\n` escapes, comment lines
 * (as context snippets are written), a JavaScript string concatenation and a YAML block scalar. Also what
 * a cut window of one must have to be recognised, and how to check that none of its body survived.
 */
import { generateKeyPairSync, type KeyObject } from 'node:crypto';

export interface GeneratedKey {
  /** e.g. "rsa pkcs8 pem in json". */
  name: string;
  /** The key as it stands in the text. */
  text: string;
  /** The base64 body lines (without decoration): none of their 16-character runs may survive redaction. */
  body: string[];
}

function pem(label: string, der: Buffer, width = 64): string {
  const b64 = der.toString('base64');
  const lines = b64.match(new RegExp(`.{1,${width}}`, 'g'))!;
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----`;
}

const u32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
};
const sshString = (b: Buffer | string) => {
  const buf = typeof b === 'string' ? Buffer.from(b) : b;
  return Buffer.concat([u32(buf.length), buf]);
};
/** SSH mpint: big-endian, a leading zero byte when the high bit is set. */
const mpint = (b64url: string) => {
  let b = Buffer.from(b64url, 'base64url');
  if (b[0] & 0x80) b = Buffer.concat([Buffer.from([0]), b]);
  return sshString(b);
};

/** An OpenSSH private key file (unencrypted, `openssh-key-v1`) for an RSA or Ed25519 key. */
function openSsh(privateKey: KeyObject): string {
  const jwk = privateKey.export({ format: 'jwk' });
  const check = u32(0x12345678);
  let pub: Buffer;
  let priv: Buffer;
  if (jwk.kty === 'OKP') {
    const x = Buffer.from(jwk.x!, 'base64url');
    const d = Buffer.from(jwk.d!, 'base64url');
    pub = Buffer.concat([sshString('ssh-ed25519'), sshString(x)]);
    priv = Buffer.concat([sshString('ssh-ed25519'), sshString(x), sshString(Buffer.concat([d, x]))]);
  } else {
    pub = Buffer.concat([sshString('ssh-rsa'), mpint(jwk.e!), mpint(jwk.n!)]);
    priv = Buffer.concat([sshString('ssh-rsa'), mpint(jwk.n!), mpint(jwk.e!), mpint(jwk.d!), mpint(jwk.qi!), mpint(jwk.p!), mpint(jwk.q!)]);
  }
  let section = Buffer.concat([check, check, priv, sshString('dev@laptop')]);
  const pad = (8 - (section.length % 8)) % 8;
  section = Buffer.concat([section, Buffer.from(Array.from({ length: pad }, (_, i) => i + 1))]);
  const file = Buffer.concat([Buffer.from('openssh-key-v1\0'), sshString('none'), sshString('none'), sshString(''), u32(1), sshString(pub), sshString(section)]);
  return pem('OPENSSH PRIVATE KEY', file, 70);
}

/** The base64 lines of a PEM text (everything between BEGIN and END that is not a header). */
function bodyOf(text: string): string[] {
  return text.split('\n').filter((l) => /^[A-Za-z0-9+/]+=*$/.test(l));
}

/** The PEM texts: one of each kind. */
function pemKeys(): { name: string; text: string }[] {
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const ed = generateKeyPairSync('ed25519');
  return [
    { name: 'rsa pkcs1', text: rsa.privateKey.export({ type: 'pkcs1', format: 'pem' }) as string },
    { name: 'rsa pkcs8', text: rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string },
    { name: 'rsa pkcs8 encrypted', text: rsa.privateKey.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'correct horse' }) as string },
    { name: 'rsa pkcs1 encrypted (Proc-Type)', text: rsa.privateKey.export({ type: 'pkcs1', format: 'pem', cipher: 'aes-128-cbc', passphrase: 'correct horse' }) as string },
    { name: 'ec sec1', text: ec.privateKey.export({ type: 'sec1', format: 'pem' }) as string },
    { name: 'ec pkcs8', text: ec.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string },
    { name: 'ed25519 pkcs8', text: ed.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string },
    { name: 'rsa openssh', text: openSsh(rsa.privateKey) },
    { name: 'ed25519 openssh', text: openSsh(ed.privateKey) },
  ].map((k) => ({ name: k.name, text: k.text.trimEnd() }));
}

/** Every key in every wrapping. */
export function generatedKeys(): GeneratedKey[] {
  const out: GeneratedKey[] = [];
  for (const { name, text } of pemKeys()) {
    const body = bodyOf(text);
    const lines = text.split('\n');
    out.push({ name: `${name} pem`, text, body });
    out.push({ name: `${name} in service-account json`, text: `{\n  "type": "service_account",\n  "private_key": ${JSON.stringify(text + '\n')},\n  "client_email": "bot@demo.iam.gserviceaccount.com"\n}`, body });
    out.push({ name: `${name} as // comments`, text: lines.map((l) => `// ${l}`).join('\n'), body });
    out.push({ name: `${name} as # comments`, text: lines.map((l) => `# ${l}`).join('\n'), body });
    out.push({ name: `${name} in a js concatenation`, text: `const key =\n${lines.map((l) => `  "${l}\\n"`).join(' +\n')};`, body });
    out.push({ name: `${name} in a yaml block scalar`, text: `tls:\n  key: |\n${lines.map((l) => `    ${l}`).join('\n')}\n  port: 443`, body });
  }
  return out;
}

// ── Cut windows ──

/** Where each body line stands in the key's text (the same line can repeat in no real key). */
function bodySpans(key: GeneratedKey): { start: number; end: number; line: string }[] {
  let from = 0;
  return key.body.map((line) => {
    const start = key.text.indexOf(line, from);
    from = start + line.length;
    return { start, end: start + line.length, line };
  });
}

/**
 * Whether a window [s, e) of the key holds enough to be recognised: a complete body line (full width, or
 * the last line with its `=` padding) and a piece of another, or what is left of the BEGIN line
 * (`…KEY-----`) or of the END line (`-----END…`) next to the body. A piece of one line alone is not a key.
 */
export function holdsKey(key: GeneratedKey, s: number, e: number): boolean {
  const window = key.text.slice(s, e);
  if (/KEY-----|-----END/.test(window) && bodySpans(key).some((b) => Math.min(b.end, e) - Math.max(b.start, s) >= 16)) return true;
  const pieces = bodySpans(key).filter((b) => Math.min(b.end, e) > Math.max(b.start, s));
  const complete = pieces.filter((b) => b.start >= s && b.end <= e && (b.line.length >= 60 || b.line.endsWith('=')));
  return pieces.length >= 2 && complete.length >= 1;
}

/** Runs of 16 characters of the key's body that are in the window and still in the output. */
export function survivingRuns(key: GeneratedKey, window: string, output: string): string[] {
  const runs: string[] = [];
  for (const line of key.body) {
    for (let j = 0; j + 16 <= line.length; j += 4) {
      const run = line.slice(j, j + 16);
      if (window.includes(run) && output.includes(run)) runs.push(run);
    }
  }
  return runs;
}

/** Where a cut window ends up: alone, among code lines, in a chat attachment fence, inside a raw FIM prompt. */
export const PLACEMENTS: readonly { name: string; place: (window: string) => string }[] = [
  { name: 'alone', place: (w) => w },
  { name: 'between code lines', place: (w) => `const a = 1;\n${w}\nfoo();` },
  { name: 'in an attachment fence', place: (w) => `Attached file config.pem:\n\`\`\`\n${w}\n\`\`\`` },
  { name: 'in a raw FIM prompt', place: (w) => `<|fim_prefix|>${w}<|fim_suffix|>\n}<|fim_middle|>` },
];
