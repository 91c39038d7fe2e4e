/**
 * Makes sure a cut never splits a secret. Every place that sends part of a text (the completion prompt's
 * window, a command's target and the part of it around the cursor, a context snippet from another file, a
 * chat attachment or the part of it that fits) moves its cut points through here first.
 *
 * Why: redaction runs on the final strings of a request (redactor.ts). A rule that needs the whole secret
 * (a PEM block needs its BEGIN and END lines) or its context (`password = …` needs the name) finds nothing
 * in half a secret, so a cut inside one would send the rest in clear. A cut point is safe when
 *   - no secret the scanner finds around it crosses it, and
 *   - every secret the kept side holds near the cut is still found in the kept side alone (a value whose
 *     name lay on the other side of the cut is not).
 * An unsafe cut moves outward: to the start (or end) of the secret, then line by line over the text that
 * names it. Moving outward is always fine for privacy, since the whole secret then becomes one short
 * placeholder at request time; it only lets a part run a few lines over its budget.
 *
 * Cost: only a margin around each cut point is scanned (SECRET_MARGIN each side, enough to hold the longest
 * secret a rule matches), never the whole text, so a cut in a 5,000-line file costs the same as in a short
 * one. Nearby cut points share one scan.
 *
 * A window's scan is also remembered by the exact text it scanned (WindowScans): while the user types, the
 * windows around cut points far from the edit (an enclosing scope's signature) hold the same text from
 * keystroke to keystroke and are not scanned again. The scan depends on nothing but that text, so the
 * remembered answer is the one a new scan would give; a window holding any changed character is scanned anew.
 */
import { lineIndexAt, lineStarts } from '../text/lineStarts';
import { createSecretScanner, type SecretScanner } from './secretScan';

export interface TextRange {
  start: number;
  end: number;
}

/**
 * Characters scanned on each side of a cut point. The longest secret a rule matches is a private key block:
 * the key rule takes at most 300 body lines, which at PEM's 64 characters plus a JSON `\n` escape or a
 * quote-and-plus concatenation per line stays under 24 KB (an 8192-bit RSA key is about 6.5 KB). Any secret
 * that crosses a cut point therefore lies inside this margin around it; the lines of a longer body are still
 * redacted one by one by the key-fragment rules.
 */
export const SECRET_MARGIN = 24_576;
/**
 * How far from a cut point a secret may start (or end) and still need text across the cut to be recognised:
 * the name before an assigned value, a connection string's scheme and user. Rules look back far less.
 */
const CONTEXT_CHARS = 512;
/** Moves per cut point at most (each is to a secret's edge or one line further out). */
const MAX_MOVES = 64;
/** Window scans remembered per scanner (the most recently used): a document's few cut regions, a few versions back. */
const REMEMBERED_WINDOWS = 8;

interface Span {
  start: number;
  end: number;
}

let shared: SecretScanner | undefined;
const defaultScanner = (): SecretScanner => (shared ??= createSecretScanner());

/** `range` of `text` with its edges moved outward so no secret crosses them (see the file comment). */
export function secretSafeRange(text: string, range: TextRange, scanner?: SecretScanner): TextRange {
  return cutterFor(text, scanner).ranges([range])[0];
}

/** Several ranges of one text at once (their cut points share scans). */
export function secretSafeRanges(text: string, ranges: readonly TextRange[], scanner?: SecretScanner): TextRange[] {
  return cutterFor(text, scanner).ranges(ranges);
}

/**
 * Whether sending `text` cut in two at `offset` (a completion's prefix and suffix, redacted apart) would
 * split a secret or separate one from the text that names it.
 */
export function splitsSecret(text: string, offset: number, scanner?: SecretScanner): boolean {
  return cutterFor(text, scanner).splits(offset);
}

/** Line ranges (0-based, inclusive) of `text` widened to whole lines so no secret crosses their edges; `lines` is `text.split('\n')`. */
export function secretSafeLines(text: string, lines: readonly string[], ranges: readonly (readonly [number, number])[], scanner?: SecretScanner): [number, number][] {
  return cutterFor(text, scanner).lines(lines, ranges);
}

let last: { text: string; cutter: SecretSafeCutter } | undefined;

/**
 * The cutter of the text cut last, when it is the same text: one completion request cuts its document
 * several times (the cursor, the window's edges, scope signatures), and each part of it is scanned once.
 */
function cutterFor(text: string, scanner?: SecretScanner): SecretSafeCutter {
  if (scanner) return new SecretSafeCutter(text, scanner);
  if (last?.text !== text) last = { text, cutter: new SecretSafeCutter(text) };
  return last.cutter;
}

/**
 * The cuts of one text. Keeps its scans, so a caller that cuts the same text many times (the definitions of
 * one indexed file) can hold one cutter and scan each part of the text once.
 */
export class SecretSafeCutter {
  private readonly cuts: SafeCuts;
  private starts: number[] | undefined;

  constructor(text: string, scanner: SecretScanner = defaultScanner()) {
    this.cuts = new SafeCuts(text, scanner);
  }

  ranges(ranges: readonly TextRange[]): TextRange[] {
    this.cuts.prime(ranges.flatMap((r) => [r.start, r.end]));
    return ranges.map((r) => {
      const start = this.cuts.start(r.start);
      return { start, end: Math.max(start, this.cuts.end(r.end)) };
    });
  }

  splits(offset: number): boolean {
    return this.cuts.start(offset) !== offset || this.cuts.end(offset) !== offset;
  }

  /** See secretSafeLines; `lines` must be `text.split('\n')` of this cutter's text. */
  lines(lines: readonly string[], ranges: readonly (readonly [number, number])[]): [number, number][] {
    if (ranges.length === 0) return [];
    const starts = (this.starts ??= lineStarts(lines));
    const line = (n: number) => Math.max(0, Math.min(n, lines.length - 1));
    const offsets = ranges.map(([from, to]) => ({ start: starts[line(from)], end: starts[line(to)] + lines[line(to)].length }));
    // An edge that did not move keeps its line (an empty last line has no character to find it by).
    return this.ranges(offsets).map((r, i) => [
      r.start === offsets[i].start ? line(ranges[i][0]) : lineIndexAt(starts, r.start),
      r.end === offsets[i].end ? line(ranges[i][1]) : lineIndexAt(starts, Math.max(r.start, r.end - 1)),
    ]);
  }
}

/** The cut points of one text, with the scans around them kept for the other points. */
class SafeCuts {
  private readonly windows: { lo: number; hi: number; spans: Span[] }[] = [];

  constructor(
    private readonly text: string,
    private readonly scanner: SecretScanner,
  ) {}

  /** Scans once around all of `points`: overlapping margins merge into one window. */
  prime(points: readonly number[]): void {
    const inner = [...new Set(points)].filter((p) => p > 0 && p < this.text.length && !this.covers(p)).sort((a, b) => a - b);
    let lo = -1;
    let hi = -1;
    for (const p of inner) {
      const [a, b] = this.marginOf(p);
      if (lo >= 0 && a <= hi) hi = Math.max(hi, b);
      else {
        if (lo >= 0) this.scanWindow(lo, hi);
        [lo, hi] = [a, b];
      }
    }
    if (lo >= 0) this.scanWindow(lo, hi);
  }

  /** A safe position for the start of a kept part that begins at `at`: never later than `at`. */
  start(at: number): number {
    // The text's own edges (and offsets past them) split nothing.
    if (at <= 0 || at >= this.text.length) return at;
    let p = at;
    for (let move = 0; move < MAX_MOVES && p > 0 && p < this.text.length; move++) {
      const spans = this.around(p);
      const crossing = spans.filter((s) => s.start < p && p < s.end);
      if (crossing.length > 0) {
        p = Math.min(...crossing.map((s) => s.start));
        continue;
      }
      const near = spans.filter((s) => s.start >= p && s.start < p + CONTEXT_CHARS);
      if (near.length === 0) return p;
      const alone = this.scan(p, Math.min(this.text.length, Math.max(...near.map((s) => s.end)) + CONTEXT_CHARS));
      const lost = near.filter((s) => !covered(s, alone));
      if (lost.length === 0) return p;
      // The text before the cut names these secrets: take the line that holds the first one, then the lines above.
      const line = this.lineStart(Math.min(...lost.map((s) => s.start)));
      p = line < p ? line : this.lineStart(p - 1);
    }
    return p <= 0 ? 0 : this.dropForward(at);
  }

  /** A safe position for the end of a kept part that ends at `at`: never earlier than `at`. */
  end(at: number): number {
    if (at <= 0 || at >= this.text.length) return at;
    let q = at;
    for (let move = 0; move < MAX_MOVES && q > 0 && q < this.text.length; move++) {
      const spans = this.around(q);
      const crossing = spans.filter((s) => s.start < q && q < s.end);
      if (crossing.length > 0) {
        q = Math.max(...crossing.map((s) => s.end));
        continue;
      }
      const near = spans.filter((s) => s.end <= q && s.end > q - CONTEXT_CHARS);
      if (near.length === 0) return q;
      const alone = this.scan(Math.max(0, Math.min(...near.map((s) => s.start)) - CONTEXT_CHARS), q);
      const lost = near.filter((s) => !covered(s, alone));
      if (lost.length === 0) return q;
      const line = this.lineEnd(Math.max(...lost.map((s) => s.end)));
      q = line > q ? line : this.lineEnd(q + 1);
    }
    return q >= this.text.length ? this.text.length : this.dropBackward(at);
  }

  /**
   * The last resort when moving outward does not settle (a secret named from very far away): move the start
   * forward past the secrets instead, leaving them out of the kept part.
   */
  private dropForward(at: number): number {
    let p = at;
    for (let move = 0; move < MAX_MOVES && p < this.text.length; move++) {
      const troubled = this.around(p).filter((s) => s.end > p && s.start < p + CONTEXT_CHARS);
      if (troubled.length === 0) return p;
      p = Math.max(...troubled.map((s) => s.end));
    }
    return this.text.length;
  }

  private dropBackward(at: number): number {
    let q = at;
    for (let move = 0; move < MAX_MOVES && q > 0; move++) {
      const troubled = this.around(q).filter((s) => s.start < q && s.end > q - CONTEXT_CHARS);
      if (troubled.length === 0) return q;
      q = Math.min(...troubled.map((s) => s.start));
    }
    return 0;
  }

  /** The secrets found around `p` (a scan whose window holds the margin on both sides). */
  private around(p: number): Span[] {
    const [lo, hi] = this.marginOf(p);
    return (this.windowFor(lo, hi) ?? this.scanWindow(lo, hi)).spans;
  }

  private covers(p: number): boolean {
    const [lo, hi] = this.marginOf(p);
    return this.windowFor(lo, hi) !== undefined;
  }

  private windowFor(lo: number, hi: number): { lo: number; hi: number; spans: Span[] } | undefined {
    return this.windows.find((w) => w.lo <= lo && w.hi >= hi);
  }

  private marginOf(p: number): [number, number] {
    return [Math.max(0, p - SECRET_MARGIN), Math.min(this.text.length, p + SECRET_MARGIN)];
  }

  private scanWindow(lo: number, hi: number): { lo: number; hi: number; spans: Span[] } {
    const window = { lo, hi, spans: windowScansOf(this.scanner).scan(this.text.slice(lo, hi)).map((s) => ({ start: s.start + lo, end: s.end + lo })) };
    this.windows.push(window);
    return window;
  }

  private scan(from: number, to: number): Span[] {
    return this.scanner.scan(this.text.slice(from, to)).map((s) => ({ start: s.start + from, end: s.end + from }));
  }

  private lineStart(offset: number): number {
    return offset <= 0 ? 0 : this.text.lastIndexOf('\n', offset - 1) + 1;
  }

  /** The end of the line holding `offset` (its line break, or the text's end), as an exclusive end. */
  private lineEnd(offset: number): number {
    if (offset >= this.text.length) return this.text.length;
    const nl = this.text.indexOf('\n', offset);
    return nl === -1 ? this.text.length : nl;
  }
}

/**
 * A scanner's answers for the last REMEMBERED_WINDOWS texts it scanned, found again by comparing the whole
 * text (never by position, length or version: one changed character is another text). Spans are relative
 * to the text scanned.
 */
export class WindowScans {
  private entries: { text: string; spans: readonly Span[] }[] = [];

  constructor(private readonly scanner: SecretScanner) {}

  scan(text: string): readonly Span[] {
    const at = this.entries.findIndex((e) => e.text === text);
    if (at >= 0) {
      const [hit] = this.entries.splice(at, 1);
      this.entries.unshift(hit);
      return hit.spans;
    }
    const spans = this.scanner.scan(text).map((s) => ({ start: s.start, end: s.end }));
    // A copy of its own: a window cut from a document must not keep the whole document alive.
    this.entries.unshift({ text: structuredClone(text), spans });
    if (this.entries.length > REMEMBERED_WINDOWS) this.entries.pop();
    return spans;
  }
}

const windowScans = new WeakMap<SecretScanner, WindowScans>();

function windowScansOf(scanner: SecretScanner): WindowScans {
  let scans = windowScans.get(scanner);
  if (!scans) windowScans.set(scanner, (scans = new WindowScans(scanner)));
  return scans;
}

/** Whether the spans of `by` together cover all of `span`. */
function covered(span: Span, by: readonly Span[]): boolean {
  let reached = span.start;
  for (const s of [...by].sort((a, b) => a.start - b.start)) {
    if (s.start > reached) break;
    reached = Math.max(reached, s.end);
    if (reached >= span.end) return true;
  }
  return reached >= span.end;
}
