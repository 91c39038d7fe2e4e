/**
 * Private keys, whole or in pieces. A prompt window, a selection, a context snippet or an attachment can
 * start or end inside a key, so every fragment is caught on its own:
 *
 * - a BEGIN line with its body, up to the END line or to where the body stops (the END was cut off);
 * - a body with an END line and no BEGIN (the BEGIN was cut off), also behind a cut-off tail of the BEGIN line;
 * - a bare body: two or more lines of base64 (PEM's 64-character lines, OpenSSH's 70, MIME's 76), the
 *   first and last possibly cut, that read as random bytes;
 * - a service-account JSON `"private_key"` value, by its name, whole or cut.
 *
 * A body line may carry what code and prompts put around it: indentation, a comment marker (`//`, `#`,
 * `--`, `;`, `*`, …, as context snippets are written), a `\n` escape (JSON, string literals), quotes and `+`
 * or `,` joining string pieces. Every repetition is bounded (a line, at most 300 lines), the bare-body
 * pattern starts at line breaks and reads its first piece behind, and it only runs on text that has a
 * line-ending base64 run at all, so each character is looked at a bounded number of times.
 *
 * Complete certificate and public-key blocks are kept as they are (they look the same and are public).
 */
import type { SecretRule } from '../secretRules';
import { COMMENTED, FIM_TOKEN } from './lines';
import { looksLikeKeyMaterial, looksLikeKeyStart, wordiness } from './values';

const B64 = 'A-Za-z0-9+/';
/** A comment marker or quote a body line can start with, after indentation. */
const PREFIX = String.raw`${COMMENTED}(?:>[ \t]*)?`;
/** A line break between two body lines, with whatever code wraps each line. */
const JOIN = String.raw`["'\x60][ \t]*(?:[+,][ \t]*)?\r?\n${PREFIX}["'\x60]`;
const BREAK = String.raw`(?:(?:\\r)?\\n(?:${JOIN})?|${JOIN}|[ \t]*\r?\n${PREFIX})`;
/** Any line of a body (the first and last may be cut anywhere). */
const LINE = String.raw`(?!\/\/?[ \t])[${B64}]{1,100}={0,2}(?![${B64}])`;
/** A line inside a body: full width. */
const FULL = String.raw`[${B64}]{40,100}={0,2}(?![${B64}])`;
/**
 * Lines a match covers at most. The longest keys (RSA 16384) have about 200 body lines; a longer run is
 * covered by consecutive matches. The bound also keeps the engine's backtracking state small: one
 * unbounded match over megabytes of base64 costs ten times more than the same text in bounded pieces.
 */
const MAX_LINES = 300;
/** A body: one line, or full lines then a last line. */
const BODY = String.raw`${LINE}(?:${BREAK}${FULL}){0,${MAX_LINES}}(?:${BREAK}${LINE})?`;
/**
 * A bare body's first piece, read behind its first line break (into the `lead` group, which the scanner
 * counts as part of the secret): the pattern then starts at line breaks, not at every word. The piece starts
 * a base64 run, or follows an escaped line break (`\nMIIE…`).
 */
const FIRST_PIECE = String.raw`(?:(?<![${B64}=\\])|(?<=\\n))(?<lead>(?!\/\/?[ \t])[${B64}]{1,100}={0,2})`;
/**
 * What every body worth redacting has: an END line, or a run of 16 or more base64 characters (the last may be
 * `=` padding) that ends its line (before a line break, an escaped one, a closing quote, a template token or the
 * text's end). Looked for from those few characters backwards, so ordinary code costs one character test per
 * position.
 */
const BODY_HINT = new RegExp(
  String.raw`-----|(?=[\n\\<\["'\x60]|$)(?<=(?<![${B64}=])[${B64}]{15,100}[${B64}=]={0,1}[^\n\w]{0,8})`,
);
const LABEL = String.raw`(?:[A-Z0-9]+ ){0,3}PRIVATE KEY(?: BLOCK)?`;
const BEGIN = String.raw`-----BEGIN ${LABEL}-----`;
/** Encrypted PEM headers (`Proc-Type: 4,ENCRYPTED`, `DEK-Info: …`), PGP armor headers (`Version: …`), then a blank line. */
const PEM_HEADERS = String.raw`(?:${BREAK}[A-Z][\w-]{0,30}: [^\r\n\\"'\x60]{0,200}){1,6}(?:${BREAK})?`;
/** The END line, or what a cut left of it (`-----EN`). */
const END = String.raw`-----END ${LABEL}-----|-{1,5}(?:E(?:N(?:D[ A-Z0-9]{0,40}-{0,5})?)?)?`;

const BREAK_RE = new RegExp(BREAK, 'g');
/**
 * What may stand before a body line on its line, or after it: comment markers, quotes, escapes, joins. A
 * cut can leave half a comment marker (`/ `) or half an escape (a trailing `\`); a raw fill-in-the-middle
 * prompt puts the model's tokens right against the cut (`<|fim_prefix|>`, `<SUF>`, `[PREFIX]`).
 */
const BEFORE_LINE = new RegExp(String.raw`(?:\n|\\n|${FIM_TOKEN})${COMMENTED}(?:[>\/-][ \t]*)?["'\x60]?$`);
const AFTER_LINE = new RegExp(String.raw`^(?:["'\x60]?[ \t]*(?:[,+][ \t]*)?(?:\r?\n|$)|(?:\\r)?\\n|\\?(?:\r?\n|$)|\\? ?${FIM_TOKEN})`);

/** Whether text at `at` starts its line (after indentation, a comment marker or a quote), or the text. */
function startsLine(input: string, at: number): boolean {
  return BEFORE_LINE.test(input.slice(Math.max(0, at - 40), at)) || (at <= 40 && BEFORE_LINE.test('\n' + input.slice(0, at)));
}

/** Whether text ending at `end` ends its line (before a closing quote, a join or an escaped line break), or the text. */
function endsLine(input: string, end: number): boolean {
  return AFTER_LINE.test(input.slice(end, end + 40));
}

/** The base64 pieces of a matched body, one per line, line decorations, escapes and PEM headers removed. */
function bodyPieces(text: string): string[] {
  return text
    .replace(BREAK_RE, '\n')
    .split('\n')
    .filter((line) => !/^[A-Z][\w-]{0,30}: /.test(line))
    .map((line) => line.replace(/[^A-Za-z0-9+/=]/g, ''))
    .filter(Boolean);
}

/** How much of a body is looked at: a few lines tell key material from text; a whole 5 MB run adds nothing. */
const SAMPLE = 4096;

/** Splits a match into its body pieces (the first few kilobytes), and whether it holds BEGIN/END text (strong evidence). */
function parts(match: string): { strong: boolean; pieces: string[] } {
  const begin = /^(?:-----BEGIN [^-]*-----|[A-Z]{0,5}-{1,5})/.exec(match);
  let body = begin ? match.slice(begin[0].length) : match;
  const end = /-{1,5}(?:E(?:N(?:D[ A-Z0-9]*-*)?)?)?$/.exec(body);
  if (end) body = body.slice(0, end.index);
  // A full BEGIN/END line, or a cut one that still reads `KEY-----`, `BLOCK-----` or `-----END`, is strong evidence.
  const strong = /^-----BEGIN |^[A-Z]{0,5}(?:KEY|BLOCK)-/.test(match) || /-----END|-{5}EN?D?$/.test(match);
  return { strong, pieces: bodyPieces(body.length > 2 * SAMPLE ? body.slice(0, SAMPLE) + '\n' + body.slice(-SAMPLE) : body) };
}

/**
 * Whether bare body pieces (no BEGIN/END text) are key material. A body has full-width lines: with one
 * inside the match, or a full line standing alone at an end of it, the structure is evidence enough. Two
 * cut pieces alone must each be long and random, and stand at a line break on one side — otherwise
 * `x=TOKEN` followed by a line starting with a word would read as a body.
 */
function bareBody(pieces: string[], input: string, start: number, end: number): boolean {
  if (!looksLikeKeyMaterial(pieces.join('').replace(/=/g, ''))) return false;
  if (pieces.length >= 3) return true;
  const [first, last] = pieces;
  // A full line, or a body's short last line (it ends in `=` padding), alone on its line.
  if ((first.length >= 40 && startsLine(input, start)) || ((last.length >= 40 || last.endsWith('=')) && endsLine(input, end))) return true;
  // Two cut pieces: each random on its own (digits or +/ in it, few word pieces), not two items of a list
  // (`"FischerGroupFi22",` / `"FischerGroupFi23",` share their start), at a line break on one side.
  const random = (p: string) => p.length >= 16 && looksLikeKeyMaterial(p) && /[0-9+/]/.test(p) && wordiness(p) < 0.6;
  return random(first) && random(last) && first.slice(0, 4) !== last.slice(0, 4) && (startsLine(input, start) || endsLine(input, end));
}

/** A 16-character run of one body line and a piece of another: the fewest base64 characters a cut window can leak. */
const MIN_LEAK_CHARS = 17;

/** How many base64 characters (padding included) `text` holds. */
function base64Count(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 47 && c <= 57) || c === 43 || c === 61) n++;
  }
  return n;
}

/** Base64 data of a data URI (an image, a font), also split over string pieces: not key material. */
const DATA_URI = String.raw`data:(?:image|font|audio|video|application\/(?:font|x-font|octet-stream|wasm|pdf))[\w/+.-]{0,40};base64,[${B64}=]+(?:${BREAK}[${B64}=]+){0,${MAX_LINES * 4}}`;

export const KEY_RULES: readonly SecretRule[] = [
  {
    id: 'data-uri',
    description: 'Base64 data URI of an image, font or media file: not a secret, kept as it is so the key-body rules leave it alone',
    pattern: new RegExp(DATA_URI, 'g'),
    keywords: ['data:'],
    keep: true,
  },
  {
    id: 'public-pem-block',
    description: 'Complete certificate or public key block: public, kept as it is so the key-body rules leave it alone',
    pattern: new RegExp(String.raw`-----BEGIN ((?:[A-Z0-9]+ ){0,3}(?:CERTIFICATE(?: REQUEST)?|PUBLIC KEY|X509 CRL|PGP PUBLIC KEY BLOCK|PGP SIGNATURE))-----(?:${PEM_HEADERS})?(?:${BREAK}${BODY})?${BREAK}-----END \1-----`, 'g'),
    keywords: ['-----BEGIN '],
    keep: true,
  },
  {
    id: 'private-key',
    description: 'Service-account JSON "private_key" value (whole, or cut before its closing quote)',
    pattern: /"private_key"\s*:\s*"((?:[^"\\\r\n]|\\.){16,20000})"?/g,
    keywords: ['"private_key"'],
    group: 1,
  },
  {
    id: 'private-key',
    description: 'PEM / OpenSSH / PKCS#8 / PGP private key: BEGIN line and body, up to the END line or to where the body was cut',
    pattern: new RegExp(String.raw`${BEGIN}(?:${PEM_HEADERS})?(?:${BREAK}${BODY})?(?:${BREAK}(?:${END}))?`, 'g'),
    keywords: ['-----BEGIN '],
    accept: (value) => looksLikeKeyStart(parts(value).pieces.join('')) || /-----END /.test(value),
  },
  {
    id: 'private-key',
    description: 'Private key body behind a cut BEGIN line (`VATE KEY-----`, `-----`), up to the END line or to where the body stops',
    // Starts at the first of the dashes (a cheap first character); the letters before them say how strong the evidence is.
    pattern: new RegExp(String.raw`(?<!-)-{1,5}(?:${PEM_HEADERS})?${BREAK}${BODY}(?:${BREAK}(?:${END}))?`, 'g'),
    keywords: ['-'],
    accept: (value, match) => {
      const { pieces } = parts(value);
      const input = match.input ?? '';
      const at = match.index ?? 0;
      if (/(?:KEY|BLOCK)$/.test(input.slice(Math.max(0, at - 5), at)) || /-----END|-{5}EN?D?$/.test(value)) return looksLikeKeyStart(pieces.join(''));
      return pieces.length > 0 && looksLikeKeyMaterial(pieces.join('')) && (pieces.length >= 2 || pieces[0].length >= 40);
    },
  },
  {
    id: 'private-key',
    description: 'Private key body without its BEGIN line: base64 lines up to an END line, or two or more lines that read as key material',
    pattern: new RegExp(
      String.raw`(?=${BREAK})(?<=${FIRST_PIECE})(?:(?:(?<=[${B64}]{16}={0,2})|(?=${BREAK}[${B64}]{15}[${B64}=]))(?:${BREAK}${FULL}){0,${MAX_LINES}}${BREAK}${LINE}(?:${BREAK}(?:${END}))?|${BREAK}(?:${END}))`,
      'g',
    ),
    requires: BODY_HINT,
    accept: (value, match) => {
      const lead = match.groups?.lead ?? '';
      // Most matches are two short lines of words (`x\npassword`): fewer base64 characters than any leak. The
      // least a window can leak is a 16-character run of one line beside a piece of another: counted without
      // the lines' decoration (a `# ` or `// ` marker), the first piece included.
      if (lead.length + base64Count(value) < MIN_LEAK_CHARS && !/-{5}/.test(value)) return false;
      const { strong, pieces } = parts(value);
      const start = (match.index ?? 0) - lead.length;
      return strong ? looksLikeKeyStart(pieces.join('')) : pieces.length >= 2 && bareBody(pieces, match.input ?? '', start, start + value.length);
    },
  },
];
