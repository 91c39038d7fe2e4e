/**
 * Which imported names matter at the cursor, best first. A name counts more the closer its uses are
 * to the cursor (the prefix tail and the suffix head), when it appears in the signature of the
 * enclosing function, and when it is imported but not used yet: the code about to be written is the
 * likeliest place for it (and when a line was just removed, the removed use is exactly such a name).
 * Module imports (`tasks`, `ns`) also rank the members used through them (`tasks.sleep`).
 */
import { scanNames } from './scan';
import type { ImportBinding, ImportStatement } from './types';
import { countBreaks, lineIndexAt, textLineStarts } from '../../text/lineStarts';
import { HALF_DISTANCE } from '../../tunables/tunables';
import { UNUSED_WEIGHT } from '../../tunables/tunables';
import { SIGNATURE_WEIGHT } from '../../tunables/tunables';
import { REPEAT_SHARE } from '../../tunables/tunables';
import { MAX_UNQUALIFIED } from '../../tunables/tunables';

export interface WantedName {
  statement: ImportStatement;
  binding?: ImportBinding;
  /** The name to find: the binding's imported name (`*` for a module), or a member used through it. */
  name: string;
  /** Set when `name` is a member used through the binding (`tasks.sleep` → `sleep`). */
  member?: boolean;
  score: number;
}

export interface RankOptions {
  languageId: string;
  text: string;
  cursorLine: number;
  imports: readonly ImportStatement[];
  /** Names in the enclosing functions' signatures. */
  signatureNames?: ReadonlySet<string>;
  /** Lines scanned each side of the cursor to weigh uses (bounded: this runs on every keystroke). */
  scanLines?: number;
  /** The document's uses away from the cursor seen by its previous requests (an OutsideUses per document). */
  outside?: OutsideUses;
}


export function rankImportedNames(options: RankOptions): WantedName[] {
  const { text, cursorLine, imports, languageId } = options;
  const scanLines = options.scanLines ?? 250;
  const inImport = new Set<number>();
  for (const s of imports) for (let l = s.startLine; l <= s.endLine; l++) inImport.add(l);

  const byLocal = new Map<string, { statement: ImportStatement; binding: ImportBinding }>();
  for (const statement of imports) {
    if (statement.reexport) continue;
    for (const binding of statement.bindings) if (!byLocal.has(binding.local)) byLocal.set(binding.local, { statement, binding });
  }
  const dotted = [...byLocal.keys()].filter((k) => k.includes('.'));
  const wholeModules = imports.filter((s) => s.all && !s.reexport);

  const weights = new Map<string, number[]>();
  const note = (key: string, w: number) => {
    const list = weights.get(key);
    if (list) list.push(w);
    else weights.set(key, [w]);
  };
  const unqualified = new Map<string, number[]>();
  for (const use of scanNames(text, languageId, Math.max(0, cursorLine - scanLines), cursorLine + scanLines)) {
    if (inImport.has(use.line)) continue;
    const w = 1 / (1 + Math.abs(use.line - cursorLine) / HALF_DISTANCE);
    const local = matchLocal(use.chain, byLocal, dotted);
    if (local) {
      note(`b:${local}`, w);
      const member = use.chain.slice(local.length + 1).split('.')[0];
      // Any binding may turn out to be a module (`from . import tasks`); members are resolved later.
      if (member) note(`m:${local}\u0000${member}`, w);
    } else if (wholeModules.length) {
      const head = use.chain.split('.')[0];
      const list = unqualified.get(head);
      if (list) list.push(w);
      else unqualified.set(head, [w]);
    }
  }

  const wanted: WantedName[] = [];
  let starts: number[] | undefined;
  const startsOf = () => (starts ??= textLineStarts(text));
  for (const [local, { statement, binding }] of byLocal) {
    const uses = weights.get(`b:${local}`);
    const signature = options.signatureNames?.has(local) ? SIGNATURE_WEIGHT : 0;
    // Used only beyond the scanned lines: about as far as the scan reaches.
    const unused = !uses && !(options.outside ?? PLAIN).usedOutside(text, local, cursorLine - scanLines, cursorLine + scanLines, inImport, startsOf);
    const score = (uses ? combine(uses) : unused ? UNUSED_WEIGHT : 1 / (1 + scanLines / HALF_DISTANCE)) + signature;
    wanted.push({ statement, binding, name: binding.imported, score });
  }
  for (const [key, uses] of weights) {
    if (!key.startsWith('m:')) continue;
    const [local, member] = key.slice(2).split('\u0000');
    const { statement, binding } = byLocal.get(local)!;
    wanted.push({ statement, binding, name: member, member: true, score: combine(uses) });
  }
  const nearUnqualified = [...unqualified].map(([name, uses]) => ({ name, score: combine(uses) })).sort((a, b) => b.score - a.score).slice(0, MAX_UNQUALIFIED);
  for (const statement of wholeModules) for (const { name, score } of nearUnqualified) wanted.push({ statement, name, score });
  return wanted.sort((a, b) => b.score - a.score);
}

/**
 * Whether `name` appears as a word outside the lines `from`..`to` and outside import statements. `starts`
 * gives the text's line starts (computed once for all the names a request checks): an occurrence's line is
 * found by binary search, not by counting the line breaks before it for every name.
 */
export function usedOutside(text: string, name: string, from: number, to: number, inImport: ReadonlySet<number>, starts: () => readonly number[]): boolean {
  return firstUseOutside(text, name, from, to, inImport, starts) !== -1;
}

/** The offset of the first use usedOutside finds, -1 when there is none. */
function firstUseOutside(text: string, name: string, from: number, to: number, inImport: ReadonlySet<number>, starts: () => readonly number[]): number {
  for (let i = text.indexOf(name); i !== -1; i = text.indexOf(name, i + name.length)) {
    if (isWordChar(text.charCodeAt(i - 1)) || isWordChar(text.charCodeAt(i + name.length))) continue;
    const line = lineIndexAt(starts(), i);
    if ((line >= from && line <= to) || inImport.has(line)) continue;
    return i;
  }
  return -1;
}

const PLAIN = { usedOutside };

/** A name of word characters only (the characters isWordChar counts): its whole-word uses never overlap one another. */
const WORD_NAME = /^[\w$]+$/;
/** Witnesses kept per document at most (one per imported name; a file importing more starts over). */
const MAX_WITNESSES = 2_000;

/**
 * usedOutside for one document across its requests. For each name found used away from the cursor it keeps
 * the use it found (a witness: offset and line). On the next request the witness is carried over the edit
 * — kept where the edit left it and the characters on both sides of it untouched, shifted by the edit's
 * length and lines when it lies after the edit, dropped when the edit touched it — and when it still lies
 * outside the lines around the cursor and the import statements, it answers without a scan: it is a whole-word
 * use of the name in the new text, which is what a scan would find (a whole-word use of a name of word
 * characters cannot hide inside an earlier match of the name). Otherwise the text is scanned as usedOutside
 * does. The answer is always usedOutside's.
 */
export class OutsideUses {
  private text: string | undefined;
  private readonly witnesses = new Map<string, { offset: number; line: number }>();

  usedOutside(text: string, name: string, from: number, to: number, inImport: ReadonlySet<number>, starts: () => readonly number[]): boolean {
    if (!WORD_NAME.test(name)) return usedOutside(text, name, from, to, inImport, starts);
    this.follow(text);
    const witness = this.witnesses.get(name);
    if (witness && (witness.line < from || witness.line > to) && !inImport.has(witness.line)) return true;
    const at = firstUseOutside(text, name, from, to, inImport, starts);
    if (at === -1) return false;
    if (this.witnesses.size >= MAX_WITNESSES) this.witnesses.clear();
    this.witnesses.set(name, { offset: at, line: lineIndexAt(starts(), at) });
    return true;
  }

  /** Carries the witnesses over from the last text to `text` (see the class comment). */
  private follow(text: string): void {
    const old = this.text;
    this.text = text;
    if (old === undefined || old === text || this.witnesses.size === 0) return;
    const head = commonHead(old, text);
    const tail = commonTail(old, text, Math.min(old.length, text.length) - head);
    const oldEnd = old.length - tail;
    const shift = text.length - old.length;
    const lines = countBreaks(text, head, text.length - tail) - countBreaks(old, head, oldEnd);
    for (const [name, w] of this.witnesses) {
      // Unchanged with the characters around it: before the edit (the one after it too) or after it (the one before it too).
      if (w.offset + name.length < head) continue;
      if (w.offset - 1 >= oldEnd) {
        w.offset += shift;
        w.line += lines;
        continue;
      }
      this.witnesses.delete(name);
    }
  }
}

/** Characters compared at once when looking for where two texts start to differ. */
const COMPARED = 2048;

/** The length of the longest common start of `a` and `b`. */
function commonHead(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i + COMPARED <= n && a.slice(i, i + COMPARED) === b.slice(i, i + COMPARED)) i += COMPARED;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

/** The length of the longest common end of `a` and `b`, at most `limit`. */
function commonTail(a: string, b: string, limit: number): number {
  let k = 0;
  while (k + COMPARED <= limit && a.slice(a.length - k - COMPARED, a.length - k) === b.slice(b.length - k - COMPARED, b.length - k)) k += COMPARED;
  while (k < limit && a.charCodeAt(a.length - 1 - k) === b.charCodeAt(b.length - 1 - k)) k++;
  return k;
}

function isWordChar(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95 || code === 36;
}

function matchLocal(chain: string, byLocal: ReadonlyMap<string, unknown>, dotted: readonly string[]): string | undefined {
  const head = chain.split('.', 1)[0];
  if (dotted.length) {
    // `import a.b` is used as `a.b.x`: the longest dotted binding that prefixes the chain.
    let best: string | undefined;
    for (const d of dotted) if ((chain === d || chain.startsWith(`${d}.`)) && (!best || d.length > best.length)) best = d;
    if (best) return best;
  }
  return byLocal.has(head) ? head : undefined;
}

function combine(weights: number[]): number {
  let max = 0;
  let sum = 0;
  for (const w of weights) {
    sum += w;
    if (w > max) max = w;
  }
  return max + Math.min(0.5, REPEAT_SHARE * (sum - max));
}
