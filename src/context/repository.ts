/**
 * The repository retriever of the completion context: definitions, from the codebase index
 * (Codebase.definitions), of the names the code around the cursor calls or refers to as types but the file
 * does not define — what the imports retriever cannot reach (same-package Go functions, Python star imports,
 * C includes, unresolvable paths). The completion pipeline never waits on the index: a request takes what
 * this cache holds now, and asks the index in the background for the names it lacks, so the next request
 * (the next keystroke) has them. Entries older than a while are still used, and refreshed the same way.
 * When the index changes (a sync after a save, a rebuild, a folder added) the cache is forgotten: a renamed
 * or edited definition must not be offered as it was.
 */
import type { Codebase, CodebaseHit } from '../codebase/codebase';
import type { CodebaseStatus } from '../codebase/indexStatus';
import type { DocumentSnapshot } from '../workspace/document';
import type { SnippetCandidate } from './snippets/snippet';

/** Lines above the cursor (and below it) whose names are looked up. */
export const REPOSITORY_LINES_ABOVE = 24;
export const REPOSITORY_LINES_BELOW = 4;
/** Names looked up per request at most, the nearest first. */
export const REPOSITORY_NAMES = 8;
/** Definitions kept per name (an overloaded or duplicated name has more than one). */
const DEFINITIONS_PER_NAME = 2;
/** A cached answer older than this is used once more and asked again in the background. */
const FRESH_MS = 30_000;
/** Names remembered at most (the least recently used go first). */
const MAX_NAMES = 2000;
/** The file's declared names are scanned again once requests pause this long (a scan of a long file takes milliseconds). */
const DECLARED_IDLE_MS = 400;
/** Lookups in flight at most: the index worker is shared with chat and the commands. */
const MAX_PENDING = 8;
/** A use `d` lines away weighs 1 / (1 + d / HALF); the same shape as the imports retriever's. */
const HALF_DISTANCE = 4;
/** Further uses of a name add this share of their weight. */
const REPEAT_SHARE = 0.15;

/**
 * Words that are the language's own, or its everyday built-ins: never worth a lookup. Short on purpose
 * (definitions() finds only functions, methods and classes of the exact name, so most noise finds nothing).
 */
const COMMON = new Set(
  (
    'if else for while do switch case return function class new typeof instanceof await async yield import export from def elif ' +
    'lambda with try catch except finally raise throw print len range str int float bool list dict set tuple super self this ' +
    'console require isinstance Object Array String Number Boolean Promise Map Set Error Math JSON Date RegExp Symbol ' +
    'parseInt parseFloat setTimeout clearTimeout make append panic func go defer fmt sizeof printf malloc free assert'
  ).split(' '),
);

/** Declarations in a file's text, in the languages' common forms (a cheap pass: no tree needed). */
const DECLARATION = /\b(?:function\*?|def|class|func|fn|interface|type|struct|enum|trait|const|let|var|module|object)\s+(?:\([^)]*\)\s*)?([A-Za-z_$][\w$]*)/g;
/** Names in call position (`name(`, `new Name`) or that look like types (`Name`, capitalized), not members (`.name`). */
const REFERENCE = /(?<![\w$.])(?:new\s+)?([A-Za-z_$][\w$]*)(\s*\()?/g;

/** A line that is a comment (or a doc comment's continuation): its capitalized words are prose. */
const COMMENT_LINE = /^\s*(\/\/|\/\*|\*|#(?!include)|--|;)/;

export interface RepositoryName {
  name: string;
  /** Weight by nearness to the cursor (and repetition). */
  score: number;
}

/**
 * The names the code around the cursor calls or uses as types that the file itself does not declare, best
 * first. Strings and comments are not told apart: a name only there mostly finds no definition.
 */
export function namesNearCursor(text: string, offset: number, declared: ReadonlySet<string>): RepositoryName[] {
  // Only the lines around the cursor are looked at (a long file costs no more than a short one).
  let start = text.lastIndexOf('\n', offset - 1) + 1;
  for (let n = 0; n < REPOSITORY_LINES_ABOVE && start > 0; n++) start = text.lastIndexOf('\n', start - 2) + 1;
  let end = text.indexOf('\n', offset);
  for (let n = 0; n < REPOSITORY_LINES_BELOW && end !== -1; n++) end = text.indexOf('\n', end + 1);
  const lines = text.slice(start, end === -1 ? text.length : end).split('\n');
  const cursorLine = text.slice(start, offset).split('\n').length - 1;
  const scores = new Map<string, { best: number; rest: number }>();
  for (let i = 0; i < lines.length; i++) {
    if (COMMENT_LINE.test(lines[i])) continue;
    const weight = 1 / (1 + Math.abs(cursorLine - i) / HALF_DISTANCE);
    for (const m of lines[i].matchAll(REFERENCE)) {
      const name = m[1];
      const called = m[2] !== undefined || /^new\s/.test(m[0]);
      if (name.length < 3 || COMMON.has(name) || declared.has(name)) continue;
      if (!called && !/^[A-Z][a-z0-9]/.test(name)) continue;
      const seen = scores.get(name);
      if (!seen) scores.set(name, { best: weight, rest: 0 });
      else if (weight > seen.best) scores.set(name, { best: weight, rest: seen.rest + seen.best });
      else seen.rest += weight;
    }
  }
  return [...scores.entries()]
    .map(([name, s]) => ({ name, score: s.best + REPEAT_SHARE * s.rest }))
    .sort((a, b) => b.score - a.score)
    .slice(0, REPOSITORY_NAMES);
}

/** The names a text declares (functions, classes, types, variables), by the DECLARATION pattern. */
export function declaredNames(text: string): Set<string> {
  const names = new Set<string>();
  for (const m of text.matchAll(DECLARATION)) names.add(m[1]);
  return names;
}

/**
 * Whether completions may ask the index: once it has files to answer from (ready, or updating an index it
 * has). Before that a lookup would wait for the first build — and asking would start it at once, while the
 * index means to wait until activation and the first edits are done.
 */
export function indexAnswers(status: CodebaseStatus): boolean {
  return status.files > 0 && (status.state === 'ready' || status.state === 'building');
}

/**
 * What the index holds, as a key that changes whenever a folder's index was synced or its totals changed
 * (a save re-indexed, a build finished, a folder opened or gone) — not while a build only makes progress
 * or embeds. The repository retriever forgets its cache when it changes.
 */
export function indexVersion(status: CodebaseStatus): string {
  const folders = status.folders.map((f) => `${f.name}:${f.state === 'failed' ? 'failed' : ''}:${f.syncedAt ?? ''}:${f.files}:${f.chunks}`);
  return `${status.state === 'off' ? 'off' : 'on'}|${folders.join('|')}`;
}

interface Entry {
  /** The definitions as candidates' paths and forms, made once: fitSnippets remembers a form's cost with it. */
  found: { path: string; forms: SnippetCandidate['forms'] }[];
  at: number;
}

export class RepositoryRetriever {
  private readonly cache = new Map<string, Entry>();
  private readonly pending = new Map<string, Promise<void>>();
  /** The declared names of the document asked last (by its text), so a request scans its file once. */
  private declared: { uri: string; text: string; names: Set<string> } | undefined;
  private rescan: ReturnType<typeof setTimeout> | undefined;

  /** The index's version the cache was filled from (see `version` below). */
  private filledFrom: string | undefined;
  /** Bumped when the cache is forgotten: a lookup started before answers nothing into the new cache. */
  private generation = 0;

  /**
   * `codebase` answers undefined while there is no index (no workspace, turned off): then nothing is found.
   * `version` says what the index holds now (indexVersion of its status); when it differs from the cache's,
   * the cache is forgotten. Without it (the CLI's one-shot index) the cache is kept.
   */
  constructor(
    private readonly codebase: () => Codebase | undefined,
    private readonly now: () => number = Date.now,
    private readonly version?: () => string | undefined,
  ) {}

  /**
   * Candidates from what the cache holds now for the names near the cursor; the names it lacks (or holds
   * stale) are asked of the index in the background. Never waits.
   */
  candidates(snapshot: DocumentSnapshot): SnippetCandidate[] {
    const codebase = this.codebase();
    if (!codebase) return [];
    this.forgetIfChanged();
    const names = namesNearCursor(snapshot.text, snapshot.offset, this.declaredIn(snapshot));
    const out: SnippetCandidate[] = [];
    for (const { name, score } of names) {
      const entry = this.cache.get(name);
      if (!entry || this.now() - entry.at > FRESH_MS) this.lookUp(codebase, name);
      if (!entry) continue;
      // Used again: it moves to the end, the least recently used stay at the front to be evicted.
      this.cache.delete(name);
      this.cache.set(name, entry);
      for (const { path, forms } of entry.found) if (path !== snapshot.path) out.push({ path, source: 'repository', score, forms });
    }
    return out;
  }

  /**
   * Fills the cache for this cursor as typing on would: the file's declared names scanned, the names near the
   * cursor looked up and answered. The CLI calls it before it builds the prompt, so it prints what the editor
   * sends once its cache holds them.
   */
  async warm(snapshot: DocumentSnapshot): Promise<void> {
    this.declared = { uri: snapshot.uri, text: snapshot.text, names: declaredNames(snapshot.text) };
    this.candidates(snapshot);
    await this.settled();
  }

  /** Resolves when the lookups started so far are answered. */
  async settled(): Promise<void> {
    while (this.pending.size) await Promise.all(this.pending.values());
  }

  /** Forgets the cache (and what lookups in flight will answer) when the index changed since it was filled. */
  private forgetIfChanged(): void {
    const version = this.version?.();
    if (version === this.filledFrom) return;
    this.filledFrom = version;
    this.cache.clear();
    this.pending.clear();
    this.generation++;
  }

  private lookUp(codebase: Codebase, name: string): void {
    if (this.pending.has(name) || this.pending.size >= MAX_PENDING) return;
    const generation = this.generation;
    const done: Promise<void> = codebase
      .definitions(name, DEFINITIONS_PER_NAME)
      .then(
        (hits) => this.remember(name, hits, generation),
        () => this.remember(name, [], generation),
      )
      .finally(() => {
        if (this.pending.get(name) === done) this.pending.delete(name);
      });
    this.pending.set(name, done);
  }

  private remember(name: string, hits: CodebaseHit[], generation: number): void {
    // Asked of the index as it was before a change: the answer may name what is gone.
    if (generation !== this.generation) return;
    this.cache.delete(name);
    this.cache.set(name, { found: hits.map((h) => ({ path: h.path, forms: formsOf(h) })), at: this.now() });
    while (this.cache.size > MAX_NAMES) this.cache.delete(this.cache.keys().next().value!);
  }

  /**
   * The names the document declares, as last scanned: the scan (milliseconds on a long file) never runs in a
   * request, but once requests pause. Until then a name declared since is looked up needlessly, and its
   * definitions — in this file — are dropped anyway.
   */
  private declaredIn(snapshot: DocumentSnapshot): ReadonlySet<string> {
    const known = this.declared?.uri === snapshot.uri ? this.declared : undefined;
    if (known?.text !== snapshot.text) {
      clearTimeout(this.rescan);
      this.rescan = setTimeout(() => (this.declared = { uri: snapshot.uri, text: snapshot.text, names: declaredNames(snapshot.text) }), DECLARED_IDLE_MS);
      this.rescan.unref?.();
    }
    return known?.names ?? NONE;
  }

  /** Stops the pending rescan (the retriever is being dropped). */
  dispose(): void {
    clearTimeout(this.rescan);
  }
}

const NONE: ReadonlySet<string> = new Set();

/** A definition's shapes: whole, or its first line (the signature) when the whole does not fit. */
function formsOf(hit: CodebaseHit): SnippetCandidate['forms'] {
  const forms = [{ text: hit.text, startLine: hit.startLine, endLine: hit.endLine }];
  const firstLine = hit.text.split('\n', 1)[0];
  if (firstLine.length < hit.text.length) forms.push({ text: firstLine, startLine: hit.startLine, endLine: hit.startLine });
  return forms;
}
