/**
 * Typing replay: a simulated user types real code character by character at human speed, in real time,
 * against the fake Ollama server (150 ms to the first token, 10 ms per token) through the real
 * OllamaBackend, the real engine and the real scheduler. The "model" answers each request with the true
 * continuation of the file from the request's cursor (it runs on into the code after the typed region,
 * as real models do, and stops at the request's token limit), so every miss is the pipeline's doing.
 *
 * The editor is played as VS Code behaves: every keystroke calls provide() with a new cancellation (the
 * previous one cancelled); the visible suggestion is the last resolved provide() result while the text
 * still agrees with it (VS Code keeps ghost text the user types into). Enter brings the next line's
 * indentation with it (the editor's auto-indent). About 3% of letters are mistyped and fixed with Backspace
 * a keystroke later. Auto-closing of brackets is not simulated: the user types every character of the
 * file, closers included.
 *
 * Sessions (two files per language, each with its own fake server, i.e. its own document) run side by
 * side to keep the bench within about a minute and a half.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { OllamaBackend } from '../src/backends/ollama';
import { completeOnce, type EngineDeps } from '../src/completion/engine/engine';
import { reuseShown, type AnchoredSuggestion } from '../src/completion/scheduling/reuse';
import { CompletionScheduler } from '../src/completion/scheduling/scheduler';
import type { DocumentSnapshot } from '../src/workspace/document';
import { DocumentTrees } from '../src/syntax/documentTrees';
import { languageOfPath } from '../src/syntax/languages';
import { Parsers } from '../src/syntax/parsers';
import { chunkText, startFakeServer, type RecordedRequest, type Reply } from '../test/fake-server';
import { devGrammar } from '../test/unit/syntax/grammars';
import { SHARED_BENCH, percent, type BenchRow, type BenchSection } from './report';

const TREES = join(SHARED_BENCH, 'context.jsonl.trees');
const MODEL = 'qwen2.5-coder:1.5b';
const FIRST_TOKEN_MS = 150;
const TOKEN_MS = 10;
/** Characters typed per file (the region ends at the next line end). */
const REGION_CHARS = 400;
const FILES_PER_LANGUAGE = 2;
/** Share of letters mistyped (then fixed with Backspace a keystroke later), as people do. */
const TYPO_RATE = 0.03;
/** Noticing a typo takes a moment. */
const BACKSPACE_EXTRA_MS = 150;
const LANGUAGES: Record<string, string> = { typescript: 'TypeScript', javascript: 'JavaScript', python: 'Python' };
/** Files of a size people edit (not generated bundles, not one-liners). */
const MIN_FILE_CHARS = 3000;
const MAX_FILE_CHARS = 60_000;

interface Region {
  languageId: string;
  path: string;
  original: string;
  start: number;
  end: number;
}

interface SessionResult {
  languageId: string;
  path: string;
  keystrokes: number;
  /** Typos made (each fixed with Backspace: two extra keystrokes). */
  typos: number;
  visible: number;
  useful: number;
  /** Keystrokes that typed exactly what the visible suggestion showed next. */
  typedThrough: number;
  /** Backend requests sent while the user was typing through a visible suggestion. */
  requestsWhileTypingThrough: number;
  requests: number;
  closedByClient: number;
  peakInFlight: number;
  unmatchedPrompts: number;
  scheduler: ReturnType<CompletionScheduler['stats']>;
}

export async function run(): Promise<BenchSection> {
  const regions = pickRegions();
  const parsers = new Parsers(devGrammar);
  const trees = new DocumentTrees(parsers);
  try {
    const results = await Promise.all(regions.map((region, i) => typeRegion(region, trees, parsers, i + 1)));
    return report(results);
  } finally {
    trees.dispose();
    parsers.dispose();
  }
}

/** Two files per language, at fixed places in the sorted list, and a region of whole lines ~40% into each. */
function pickRegions(): Region[] {
  const regions: Region[] = [];
  const files = listFiles(TREES);
  for (const languageId of Object.keys(LANGUAGES)) {
    const candidates = files
      .filter((f) => languageOfPath(f) === languageId)
      .filter((f) => {
        const size = statSync(f).size;
        return size >= MIN_FILE_CHARS && size <= MAX_FILE_CHARS;
      })
      .sort();
    for (let k = 1; k <= FILES_PER_LANGUAGE; k++) {
      const path = candidates[Math.floor((k * candidates.length) / (FILES_PER_LANGUAGE + 1))];
      const original = readFileSync(path, 'utf8');
      let start = original.indexOf('\n', Math.floor(original.length * 0.4)) + 1;
      while (start < original.length && original[start] === '\n') start++;
      // The region ends before a line break, which stays in the document: the cursor's line is the typed one.
      const endLine = original.indexOf('\n', start + REGION_CHARS);
      const end = endLine === -1 ? original.length : endLine;
      regions.push({ languageId, path, original, start, end });
    }
  }
  return regions;
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? listFiles(join(dir, e.name)) : [join(dir, e.name)]));
}

/** One simulated user typing one region, with its own fake server and scheduler. */
async function typeRegion(region: Region, trees: DocumentTrees, parsers: Parsers, seed: number): Promise<SessionResult> {
  const { original, start, end } = region;
  const server = await startFakeServer();
  const random = mulberry32(seed);
  let pos = start;
  let unmatchedPrompts = 0;
  let typoPending = false;
  server.reply((request) => {
    if (request.endpoint !== 'ollama.generate') return undefined;
    const answer = trueContinuation(request, original, start, pos);
    if (answer) return answer;
    // Asked at a typo (the text is not the file's): a model would guess; ours has nothing to say.
    if (!askedAtTypo(request, original, start, pos)) unmatchedPrompts++;
    return { text: '', firstTokenMs: FIRST_TOKEN_MS };
  });
  try {
    const backend = new OllamaBackend({ baseUrl: server.url, contextLength: 8192 });
    const deps: EngineDeps = {
      backend,
      model: MODEL,
      maxTokens: 256,
      temperature: 0.2,
      timeoutMs: 10_000,
      withTree: (snapshot, use) => trees.withTree(snapshot.uri, snapshot.languageId, snapshot.version, snapshot.text, use),
      parse: (language, text) => parsers.parse(language, text),
    };
    const scheduler = new CompletionScheduler({ complete: (snapshot, signal) => completeOnce(snapshot, deps, signal) });
    const uri = `file://${region.path}`;
    let text = original.slice(0, start) + original.slice(end);
    let version = 1;
    let visible: AnchoredSuggestion | undefined;
    let cancel: AbortController | undefined;
    const counts = { keystrokes: 0, visible: 0, useful: 0, typos: 0, typedThrough: 0, requestsWhileTypingThrough: 0 };
    const generateCount = () => server.requests.filter((r) => r.endpoint === 'ollama.generate').length;

    /** Applies one keystroke (`insert` typed, or one character deleted by Backspace) and asks as VS Code would. */
    const press = (edit: { insert: string } | { backspace: true }) => {
      const changeAt = 'insert' in edit ? pos : pos - 1;
      const change = 'insert' in edit ? { rangeOffset: changeAt, rangeLength: 0, text: edit.insert } : { rangeOffset: changeAt, rangeLength: 1, text: '' };
      text = text.slice(0, changeAt) + change.text + text.slice(changeAt + change.rangeLength);
      pos = changeAt + change.text.length;
      version++;
      trees.edit(uri, [change], text, version);
      cancel?.abort();
      const current = new AbortController();
      cancel = current;
      const snapshot: DocumentSnapshot = { uri, path: relative(TREES, region.path), languageId: region.languageId, text, offset: pos, version };
      void scheduler.provide(snapshot, { trigger: 'automatic', signal: current.signal }).then((result) => {
        if (!current.signal.aborted) visible = result && { text: snapshot.text, offset: snapshot.offset, result };
      });
      counts.keystrokes++;
    };
    /** What the user sees as the next key is due: the last answer, kept while the text agrees with it. */
    const measure = () => {
      const now = visible && reuseShown(visible, { text, offset: pos });
      if (!now) return;
      counts.visible++;
      // Useful: accepting it now gives exactly the text the user is about to type, within the region.
      if (!typoPending && now.replaceLength === 0 && pos + now.insert.length <= end && original.startsWith(now.insert, pos)) counts.useful++;
    };

    while (pos < end) {
      const key = nextKeystroke(original, pos, end);
      if (/^[a-z]$/i.test(key) && random() < TYPO_RATE) {
        // A typo, noticed a keystroke later and fixed with Backspace.
        typoPending = true;
        counts.typos++;
        press({ insert: key === 'z' ? 'x' : String.fromCharCode(key.charCodeAt(0) + 1) });
        await sleep(typingGap(key, random));
        measure();
        press({ backspace: true });
        typoPending = false;
        await sleep(typingGap(key, random) + BACKSPACE_EXTRA_MS);
        measure();
      }
      const shown = visible && reuseShown(visible, { text, offset: pos });
      const throughSuggestion = shown !== undefined && shown.replaceLength === 0 && shown.insert.startsWith(key) && shown.insert.length > key.length;
      const requestsBefore = generateCount();
      press({ insert: key });
      await sleep(typingGap(key, random));
      measure();
      if (throughSuggestion) {
        counts.typedThrough++;
        counts.requestsWhileTypingThrough += generateCount() - requestsBefore;
      }
    }
    cancel?.abort();
    // Let the last request end before reading the server's record.
    await sleep(FIRST_TOKEN_MS + 50 * TOKEN_MS);
    scheduler.dispose();
    trees.close(uri);
    const generates = server.requests.filter((r) => r.endpoint === 'ollama.generate');
    return {
      languageId: region.languageId,
      path: relative(TREES, region.path),
      ...counts,
      requests: generates.length,
      closedByClient: generates.filter((r) => r.closedByClient).length,
      peakInFlight: server.peakInFlight,
      unmatchedPrompts,
      scheduler: scheduler.stats(),
    };
  } finally {
    await server.close();
  }
}

/** One keystroke: a character, or Enter with the next line's indentation (the editor's auto-indent). */
function nextKeystroke(original: string, pos: number, end: number): string {
  if (original[pos] !== '\n') return original[pos];
  let i = pos + 1;
  while (i < end && (original[i] === ' ' || original[i] === '\t')) i++;
  return original.slice(pos, i);
}

/** Human rhythm: 110–250 ms between keys (about 65 words a minute), a short look after some line ends. */
function typingGap(key: string, random: () => number): number {
  const gap = 110 + random() * 140;
  return key.startsWith('\n') && random() < 0.3 ? gap + 300 + random() * 400 : gap;
}

/**
 * The fake model: finds the request's cursor in the original file by matching the end of the prompt
 * (the text before the cursor), then streams the file from there, up to the request's token limit.
 */
function trueContinuation(request: RecordedRequest, original: string, regionStart: number, typedUpTo: number): Reply | undefined {
  const body = request.body as { prompt?: string; raw?: boolean; options?: { num_predict?: number } };
  if (typeof body.prompt !== 'string' || body.raw) return undefined;
  const tail = body.prompt.slice(-1500);
  for (let p = typedUpTo; p >= regionStart; p--) {
    if (original.startsWith(tail, p - tail.length)) {
      const pieces = chunkText(original.slice(p, p + 4000)).slice(0, body.options?.num_predict ?? 256);
      return { chunks: pieces, firstTokenMs: FIRST_TOKEN_MS, tokenMs: TOKEN_MS };
    }
  }
  return undefined;
}

/** The prompt ends with the file's text plus one mistyped character. */
function askedAtTypo(request: RecordedRequest, original: string, regionStart: number, typedUpTo: number): boolean {
  const prompt = (request.body as { prompt?: string }).prompt;
  if (typeof prompt !== 'string' || prompt.length < 2) return false;
  const tail = prompt.slice(-1500, -1);
  for (let p = typedUpTo + 1; p >= regionStart; p--) if (original.startsWith(tail, p - tail.length) && original[p] !== prompt[prompt.length - 1]) return true;
  return false;
}

function report(results: SessionResult[]): BenchSection {
  const rows: BenchRow[] = [];
  const sum = (pick: (r: SessionResult) => number, of = results) => of.reduce((s, r) => s + pick(r), 0);
  const keystrokes = sum((r) => r.keystrokes);
  const requests = sum((r) => r.requests);
  const perKeystroke = Math.round((requests / keystrokes) * 1000) / 1000;
  rows.push({ metric: 'typing: backend requests per keystroke', value: perKeystroke, unit: '', target: '<= 0.25', pass: perKeystroke <= 0.25 });
  rows.push({ metric: 'typing: keystrokes with a visible suggestion', value: percent(sum((r) => r.visible), keystrokes), unit: '%' });
  rows.push({ metric: 'typing: typos fixed with Backspace', value: sum((r) => r.typos), unit: '' });
  for (const [languageId, name] of Object.entries(LANGUAGES)) {
    const of = results.filter((r) => r.languageId === languageId);
    const useful = percent(sum((r) => r.useful, of), sum((r) => r.keystrokes, of));
    rows.push({ metric: `typing: useful suggestion (${name})`, value: useful, unit: '%', target: '>= 70%', pass: useful >= 70 });
  }
  const through = sum((r) => r.requestsWhileTypingThrough);
  rows.push({ metric: 'typing: keystrokes typing what the shown suggestion shows', value: sum((r) => r.typedThrough), unit: '' });
  rows.push({ metric: 'typing: requests sent during those keystrokes', value: through, unit: '', target: '0', pass: through === 0 });
  rows.push({ metric: 'typing: answered by reuse of the shown suggestion', value: sum((r) => r.scheduler.reused), unit: '' });
  rows.push({ metric: 'typing: answered from the cache', value: sum((r) => r.scheduler.cacheHits), unit: '' });
  rows.push({ metric: 'typing: answered by the request in flight', value: sum((r) => r.scheduler.joined), unit: '' });
  rows.push({ metric: 'typing: requests aborted by a keystroke', value: sum((r) => r.scheduler.aborted), unit: '' });
  rows.push({ metric: 'typing: streams closed by the client (aborts + early stops)', value: sum((r) => r.closedByClient), unit: '' });
  const peak = Math.max(...results.map((r) => r.peakInFlight));
  rows.push({ metric: 'typing: peak requests in flight per document', value: peak, unit: '', target: '<= 1', pass: peak <= 1 });
  const unmatched = sum((r) => r.unmatchedPrompts);
  if (unmatched > 0) rows.push({ metric: 'typing: requests the fake model could not place (bench problem)', value: unmatched, unit: '', target: '0', pass: false });
  return {
    title: `Typing replay (${results.length} files, ${keystrokes} keystrokes, fake server ${FIRST_TOKEN_MS} ms + ${TOKEN_MS} ms/token)`,
    rows,
    details: results,
  };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A small seeded generator, so every run types with the same rhythm. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
