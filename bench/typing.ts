/**
 * Typing replay: a simulated user types real code character by character at human speed, in real time,
 * against the fake Ollama server (150 ms to the first token, 10 ms per token) through the real
 * OllamaBackend and the extension's own pipeline: the completion service (context from the file's package
 * and two open files of its folder, the prompt as the extension builds it), the engine and the scheduler. The "model" answers each request with the true
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
import { basename, dirname, join, relative } from 'node:path';
import { OllamaBackend } from '../src/backends/ollama';
import { NodeWorkspaceFiles } from '../src/cli/nodeWorkspaceFiles';
import { createCompleteOnce } from '../src/completion/service';
import { objectSource, parseConfig } from '../src/config/settings';
import { reuseShown, type AnchoredSuggestion } from '../src/completion/scheduling/reuse';
import { CompletionScheduler } from '../src/completion/scheduling/scheduler';
import type { DocumentSnapshot } from '../src/workspace/document';
import { DocumentTrees } from '../src/syntax/documentTrees';
import { languageOfPath } from '../src/syntax/languages';
import { Parsers } from '../src/syntax/parsers';
import { estimateTokens } from '../src/text/tokens';
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
/** Issue 17's targets: keystroke → visible suggestion, the prompt start a server can reuse, requests sent. */
const APPEAR_P50_TARGET_MS = 250;
const APPEAR_P90_TARGET_MS = 400;
const SHARED_PROMPT_TARGET = 90;
const REQUESTS_PER_KEYSTROKE_TARGET = 0.05;
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
  /** Keystroke → a new suggestion visible (ms), for single-line and multi-line ones (a block's first line shown early counts as multi-line); keystroke → the block grown from it. */
  appearMs: { single: number[]; multi: number[]; grown: number[] };
  /** Per request after the first: the share of its prompt's tokens that begin the previous request's prompt too. */
  sharedPromptStart: number[];
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
    // The extension's pipeline (src/vscode/completions.ts): context from the package the file belongs to, with
    // two files of its folder as the open tabs and the typed document as an unsaved editor.
    const root = join(TREES, relative(TREES, region.path).split('/')[0]);
    const relPath = relative(root, region.path);
    const folder = join(root, dirname(relPath));
    const siblings = readdirSync(folder).filter((f) => f !== basename(region.path) && languageOfPath(f) === region.languageId).sort().slice(0, 2);
    const overlay = new Map<string, string>();
    const files = new NodeWorkspaceFiles(root, { overlay, recent: siblings.map((f) => join(dirname(relPath), f)) });
    const config = parseConfig(objectSource({ 'completion.model': MODEL, 'completion.maxTokens': 256, 'completion.temperature': 0.2, contextLength: 8192 }));
    const complete = createCompleteOnce({
      target: async (signal) => {
        const info = await backend.modelInfo(MODEL, { signal });
        return { backend, settings: config.completion, info, contextLength: Math.min(config.contextLength, info.contextLength ?? config.contextLength) };
      },
      getConfig: () => config,
      parsers,
      withTree: (snapshot, use) => trees.withTree(snapshot.uri, snapshot.languageId, snapshot.version, snapshot.text, use),
      files,
      repoName: () => basename(root),
    });
    // VS Code asks again when a block's first line, shown early, has grown to the block (inlineCompletions.ts askAgain).
    let askAgain = () => {};
    const scheduler = new CompletionScheduler({ complete, onRevised: () => askAgain() });
    const uri = `file://${region.path}`;
    let text = original.slice(0, start) + original.slice(end);
    let version = 1;
    let visible: AnchoredSuggestion | undefined;
    let cancel: AbortController | undefined;
    const counts = { keystrokes: 0, visible: 0, useful: 0, typos: 0, typedThrough: 0, requestsWhileTypingThrough: 0 };
    const appearMs = { single: [] as number[], multi: [] as number[], grown: [] as number[] };
    const generateCount = () => server.requests.filter((r) => r.endpoint === 'ollama.generate').length;

    /** Applies one keystroke (`insert` typed, or one character deleted by Backspace) and asks as VS Code would. */
    const press = (edit: { insert: string } | { backspace: true }) => {
      const changeAt = 'insert' in edit ? pos : pos - 1;
      const change = 'insert' in edit ? { rangeOffset: changeAt, rangeLength: 0, text: edit.insert } : { rangeOffset: changeAt, rangeLength: 1, text: '' };
      text = text.slice(0, changeAt) + change.text + text.slice(changeAt + change.rangeLength);
      pos = changeAt + change.text.length;
      version++;
      trees.edit(uri, [change], text, version);
      lastKeyAt = performance.now();
      ask(true);
      counts.keystrokes++;
    };
    let lastKeyAt = 0;
    /** The keystroke after which a block's first line appeared early (its growth is timed from it). */
    let earlyKeyAt: number | undefined;
    /** VS Code asks the provider: after a keystroke, or again when told the suggestion grew (not a new appearance). */
    const ask = (keystroke: boolean) => {
      cancel?.abort();
      const current = new AbortController();
      cancel = current;
      const snapshot: DocumentSnapshot = { uri, path: relPath, languageId: region.languageId, text, offset: pos, version };
      overlay.set(relPath, text);
      const pressedAt = lastKeyAt;
      void scheduler.provide(snapshot, { trigger: 'automatic', signal: current.signal }).then((result) => {
        if (current.signal.aborted) return;
        // A suggestion appears when it is not what the one shown already shows at this position (typed through).
        const shownBefore = visible && reuseShown(visible, snapshot);
        if (keystroke && result?.insert && shownBefore?.insert !== result.insert) {
          const early = scheduler.stats().shownEarly > earlyBefore;
          (result.insert.includes('\n') || early ? appearMs.multi : appearMs.single).push(performance.now() - pressedAt);
          if (early) earlyKeyAt = pressedAt;
        }
        if (!keystroke && result?.insert.includes('\n') && earlyKeyAt !== undefined) {
          appearMs.grown.push(performance.now() - earlyKeyAt);
          earlyKeyAt = undefined;
        }
        visible = result && { text: snapshot.text, offset: snapshot.offset, result };
      });
      const earlyBefore = scheduler.stats().shownEarly;
    };
    askAgain = () => ask(false);
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
      appearMs,
      sharedPromptStart: sharedStarts(generates.map((r) => (r.body as { prompt?: string }).prompt ?? '')),
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
  rows.push({ metric: 'typing: backend requests per keystroke', value: perKeystroke, unit: '', target: `<= ${REQUESTS_PER_KEYSTROKE_TARGET}`, pass: perKeystroke <= REQUESTS_PER_KEYSTROKE_TARGET });
  for (const kind of ['single', 'multi'] as const) {
    const all = results.flatMap((r) => r.appearMs[kind]);
    const name = kind === 'single' ? 'single-line' : 'multi-line';
    rows.push({ metric: `typing: keystroke → ${name} suggestion visible, p50 (${all.length} shown)`, value: round(quantile(all, 0.5)), unit: ' ms', target: `<= ${APPEAR_P50_TARGET_MS} ms`, pass: quantile(all, 0.5) <= APPEAR_P50_TARGET_MS });
    rows.push({ metric: `typing: keystroke → ${name} suggestion visible, p90`, value: round(quantile(all, 0.9)), unit: ' ms', target: `<= ${APPEAR_P90_TARGET_MS} ms`, pass: quantile(all, 0.9) <= APPEAR_P90_TARGET_MS });
  }
  const grown = results.flatMap((r) => r.appearMs.grown);
  rows.push({ metric: `typing: keystroke → the whole block grown from its first line, p50 (${grown.length} blocks)`, value: round(quantile(grown, 0.5)), unit: ' ms' });
  rows.push({ metric: 'typing: blocks whose first line was shown before the block was decided', value: sum((r) => r.scheduler.shownEarly), unit: '' });
  const shared = results.flatMap((r) => r.sharedPromptStart);
  const sharedMedian = percent(Math.round(quantile(shared, 0.5) * 1000), 1000);
  rows.push({ metric: `typing: prompt tokens shared with the previous request's start, median (${shared.length} requests)`, value: sharedMedian, unit: '%', target: `>= ${SHARED_PROMPT_TARGET}%`, pass: sharedMedian >= SHARED_PROMPT_TARGET });
  rows.push({ metric: 'typing: requests whose prompt shares less than half its start with the previous one (snippets changed)', value: percent(shared.filter((x) => x < 0.5).length, shared.length), unit: '%' });
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

/**
 * For each prompt after the first, the share of its tokens (estimated as the budget counts them) that are
 * the previous prompt's start too: what a server that keeps the last request's key/value cache need not read again.
 */
function sharedStarts(prompts: readonly string[]): number[] {
  const shares: number[] = [];
  for (let i = 1; i < prompts.length; i++) {
    const [before, now] = [prompts[i - 1], prompts[i]];
    let common = 0;
    while (common < before.length && common < now.length && before.charCodeAt(common) === now.charCodeAt(common)) common++;
    const total = estimateTokens(now);
    if (total > 0) shares.push(estimateTokens(now.slice(0, common)) / total);
  }
  return shares;
}

function quantile(values: readonly number[], q: number): number {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

function round(value: number): number {
  return Math.round(value);
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
