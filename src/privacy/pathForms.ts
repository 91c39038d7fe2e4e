/**
 * The many ways one path can be written — `a/../b`, `a//b`, `a\b`, `%2e%2e`, `.env.` (Windows drops a name's
 * trailing dots and spaces), `C:\x` or `/c:/x` — reduced to the plain segments the ignore rules match, so
 * that no spelling is a way around them. The ignore rules try every spelling and ignore a path when any of
 * them is ignored.
 */

/** A path as segments, with `.` and `..` resolved and empty segments dropped. */
export interface SplitPath {
  /** Began at a root (`/`, or a Windows drive). */
  absolute: boolean;
  /** `..` segments that climbed above the start of a relative path. */
  up: number;
  /** The segments left; an absolute Windows path starts with its drive, lowercased (`c:`). */
  segments: string[];
  /** Written with a trailing separator (or `/.`): meant as a folder. */
  folder: boolean;
}

/** What a second spelling needs: an escape, a name ending in a dot or space (not `.` or `..` alone), a stream. */
const MAY_RESPELL = /%|[^\\/.][. ]+(?:[\\/]|$)| (?:[\\/]|$)|::\$DATA/i;

/** Undoing URL encoding more than this many times finds nothing a real path would hold. */
const MAX_DECODES = 3;

/** Splits a path written with either separator into resolved segments. */
export function splitPath(path: string): SplitPath {
  // Composing is only needed for accented names (the hot path is ASCII).
  let rest = (/[^ -~\t]/.test(path) ? path.normalize('NFC') : path).replace(/\\/g, '/');
  const folder = /\/\.?$/.test(rest);
  const drive = /^\/?([a-zA-Z]):(?:\/|$)/.exec(rest);
  const segments: string[] = [];
  const floor = drive ? 1 : 0;
  if (drive) {
    segments.push(`${drive[1].toLowerCase()}:`);
    rest = rest.slice(drive[0].length);
  }
  const absolute = Boolean(drive) || rest.startsWith('/');
  let up = 0;
  for (const segment of rest.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment !== '..') segments.push(segment);
    else if (segments.length > floor) segments.pop();
    // Above a root there is nothing: `/..` is `/`. Above a relative start, count the climb.
    else if (!absolute) up++;
  }
  return { absolute, up, segments, folder };
}

/**
 * Every spelling of `path` a file system or URL parser might turn into a different file than it reads as:
 * as written, with percent-escapes undone (repeatedly, for `%252e`), and as Windows reads names (trailing dots
 * and spaces dropped, a `::$DATA` stream suffix ignored). The first is always `path` itself.
 */
export function spellingsOf(path: string): string[] {
  // Most paths have no escape, no name ending in a dot or space and no stream: one spelling.
  if (!MAY_RESPELL.test(path)) return [path];
  const found = [path];
  let decoded = path;
  for (let i = 0; i < MAX_DECODES; i++) {
    const next = decodePercent(decoded);
    if (next === decoded) break;
    found.push((decoded = next));
  }
  for (const spelling of [...found]) found.push(windowsName(spelling));
  return [...new Set(found)];
}

/** `%xx` escapes undone; a malformed UTF-8 sequence is decoded byte by byte rather than rejected. */
function decodePercent(text: string): string {
  if (!text.includes('%')) return text;
  try {
    return decodeURIComponent(text);
  } catch {
    return text.replace(/%([0-9a-fA-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  }
}

/** The names Windows opens for a path: `secrets. /db.ts::$DATA` is `secrets/db.ts`. */
function windowsName(path: string): string {
  return path
    .replace(/::\$DATA(?=[\\/]|$)/gi, '')
    .split(/([\\/])/)
    .map((part) => {
      if (part === '/' || part === '\\') return part;
      const trimmed = part.replace(/[. ]+$/, '');
      // `.` and `..` (even written `.. `) keep their meaning; a name of dots only is left alone.
      if (trimmed === '') return /^\.{1,2} *$/.test(part) ? part.trimEnd() : part;
      return trimmed;
    })
    .join('');
}
