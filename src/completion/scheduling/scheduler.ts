/**
 * Steps 1–3 put together, per document: decide whether to complete at all (trigger.ts), reuse what is
 * already known (the last suggestion, the cache, the request still streaming), wait for a pause in typing
 * (throttle.ts), and only then run one request through the injected `complete` function.
 *
 * Guarantees, whatever the editor does:
 *  - never more than one request in flight per document: a new one starts only after the previous one
 *    has ended (an aborted one is awaited until its HTTP stream is closed);
 *  - a keystroke that makes the in-flight request stale (anything but typing what it may still predict)
 *    aborts it at once, which closes its HTTP stream;
 *  - a keystroke that continues the in-flight request keeps it: the answer serves the new position;
 *  - typing what the last suggestion shows sends no request.
 *
 * Counters (requests, aborts, reuse, cache hits, shown, accepted, latency) stay in memory on this machine;
 * nothing is sent anywhere.
 *
 * Editor usage (src/vscode/): call `provide` from `provideInlineCompletionItems` with a signal tied to the
 * CancellationToken, `accepted` from the accepted item's command, `closeDocument` when a document closes.
 */
import { isBackendError } from '../../backends/errors';
import { CompletionCache, detach } from './cache';
import { failureMessage } from './failureMessage';
import { continuesRequest, reuseShown, type AnchoredSuggestion } from './reuse';
import { debounceMs, debouncePlace, TypingRhythm, wait } from './throttle';
import { DEFAULT_TRIGGER_SETTINGS, needsSyntax, skipReason, type SkipReason, type TriggerInput, type TriggerKind, type TriggerSettings } from './trigger';
import type { SyntaxAtCursor } from '../analysis/syntaxAtCursor';
import type { CompletionProgress } from '../engine/engine';
import type { CompletionResult } from '../engine/result';
import type { DocumentSnapshot } from '../../workspace/document';
import { BACKOFF_START_MS } from '../../tunables/tunables';
import { BACKOFF_MAX_MS } from '../../tunables/tunables';
import { CLOSE_GRACE_MS } from '../../tunables/tunables';
import { LATENCY_SAMPLES } from '../../tunables/tunables';
import { FIRST_LINE_GRACE_MS } from '../../tunables/tunables';

/**
 * One request through the pipeline (context, prompt, stream, post-processing). It must stop and close its
 * HTTP stream when `signal` aborts. `progress`, when the function supports it, hears the text streamed so far
 * (a keystroke that contradicts it aborts the stream at once instead of waiting for the answer) and a block's
 * first line as soon as it is decided (shown at once; the block follows when the stream has decided it).
 */
/** How one request samples, when it should differ from the settings (an alternative suggestion). */
export interface Sampling {
  temperature: number;
}

export type CompleteOnce = (snapshot: DocumentSnapshot, signal: AbortSignal, progress?: CompletionProgress, sampling?: Sampling) => Promise<CompletionResult | undefined>;

export interface ProvideOptions {
  trigger: TriggerKind;
  /**
   * Aborts when the editor no longer wants this answer (the next keystroke, the cursor moving away). It
   * ends the wait; it does not by itself abort a request, since the next keystroke may still use it.
   */
  signal?: AbortSignal;
  /** Number of cursors (default 1). */
  selections?: number;
  /** The file matches the privacy ignore rules. */
  ignoredFile?: boolean;
  /** The completion server is a local one writing a chat or command answer now: automatic requests wait. */
  serverAnswering?: boolean;
  /** What the syntax tree says about the cursor, when the adapter has one at hand. */
  syntax?: SyntaxAtCursor;
  /**
   * Looks up what the syntax tree says about the cursor (undefined when there is no tree or it cannot
   * tell). Called only when the trigger's decision turns on it (trigger.ts `needsSyntax`), so keystrokes
   * the cheap checks settle cost no parse. Without it, or when it fails, the trigger guesses from the text.
   */
  lookUpSyntax?: () => Promise<SyntaxAtCursor | undefined>;
}

export type AcceptKind = 'whole' | 'word' | 'line';

export interface SchedulerOptions {
  complete: CompleteOnce;
  /** Re-read on every call, so a settings change applies at the next keystroke. */
  triggerSettings?: () => TriggerSettings;
  cache?: CompletionCache;
  /** Called when a request starts; the function it returns when the request ends (fits StatusModel.begin). */
  onRequest?: () => (outcome?: { error?: string }) => void;
  now?: () => number;
  /** The debounce wait (tests pass a controllable one). Must resolve false, leaving no timer, when `signal` aborts. */
  wait?: (ms: number, signal?: AbortSignal) => Promise<boolean>;
  /**
   * A block's first line was shown before the block was decided, and now the answer is final and differs
   * (the whole block, or nothing after all): the editor should ask again for this document — `provide` then
   * answers from the final answer at once. (VS Code: `editor.action.inlineSuggest.trigger`.)
   */
  onRevised?: (uri: string) => void;
}

export interface SchedulerStats {
  /** provide() calls. */
  provides: number;
  skipped: Partial<Record<SkipReason, number>>;
  /** Answered from the last suggestion, the user having typed into it. */
  reused: number;
  /** Answered from the cache (including "nothing to show here"). */
  cacheHits: number;
  /** Answered by a request already in flight that the new position continues. */
  joined: number;
  /** Ended during the debounce (the user kept typing) or superseded by a newer call. */
  debounced: number;
  /** Automatic calls not sent because the backend failed moments ago (backoff). */
  backedOff: number;
  requests: number;
  /** Requests aborted because a keystroke made them stale, or their document closed. */
  aborted: number;
  /** Blocks whose first line was shown before the stream had decided the block. */
  shownEarly: number;
  failed: number;
  /** Non-empty suggestions returned to the editor. */
  shown: number;
  accepted: Record<AcceptKind, number>;
  /** The most requests in flight at once for one document (the guarantee: 1). */
  peakInFlightPerDocument: number;
  /** Time from request start to its answer, over the latest requests. */
  requestMs: { p50: number; p95: number; samples: number };
}


type Outcome = { result: CompletionResult | undefined } | { cancelled: true } | { error: unknown };

interface InFlight {
  snapshot: DocumentSnapshot;
  abort: AbortController;
  /** The text streamed so far, as reported by `progress.partial` ('' when nothing came or it is not reported). */
  partial: string;
  /** Settles once the request has ended; never rejects. */
  done: Promise<Outcome>;
  /** A block's first line, once the stream decided it (`progress.firstLine`). */
  firstLine?: CompletionResult;
  /** Resolves when `firstLine` arrives (never, for most requests). */
  firstLineArrived: Promise<void>;
  /** The first line was shown: when the final answer differs, the editor is asked to ask again. */
  shownEarly: boolean;
}

interface DocumentState {
  inFlight?: InFlight;
  /** An aborted request until it has actually ended (its stream closed). */
  ending?: Promise<unknown>;
  /** The latest suggestion known for this document, with the text it was made for. */
  last?: AnchoredSuggestion;
  justAccepted: boolean;
  /** The newest position the editor asked about. */
  latest?: DocumentSnapshot;
  /** Bumped by every provide() call, so an older call that resumes after a wait knows it was superseded. */
  calls: number;
  /** Requests in flight for this document (0 or 1; counted to prove it). */
  running: number;
  /** When the last request of this document ended (-Infinity before any). */
  endedAt: number;
}

export class CompletionScheduler {
  private readonly documents = new Map<string, DocumentState>();
  private readonly rhythm = new TypingRhythm();
  private readonly cache: CompletionCache;
  private readonly now: () => number;
  private readonly waitFor: (ms: number, signal?: AbortSignal) => Promise<boolean>;
  private readonly latencies: number[] = [];
  private backoffMs = 0;
  private blockedUntil = 0;
  private readonly counters: Omit<SchedulerStats, 'requestMs'> = {
    provides: 0,
    skipped: {},
    reused: 0,
    cacheHits: 0,
    joined: 0,
    debounced: 0,
    backedOff: 0,
    requests: 0,
    aborted: 0,
    shownEarly: 0,
    failed: 0,
    shown: 0,
    accepted: { whole: 0, word: 0, line: 0 },
    peakInFlightPerDocument: 0,
  };

  constructor(private readonly options: SchedulerOptions) {
    this.cache = options.cache ?? new CompletionCache({ now: options.now });
    this.now = options.now ?? Date.now;
    this.waitFor = options.wait ?? wait;
  }

  /** The suggestion to show at the snapshot's cursor, or undefined for none. Never rejects. */
  async provide(snapshot: DocumentSnapshot, options: ProvideOptions): Promise<CompletionResult | undefined> {
    this.counters.provides++;
    const doc = this.document(snapshot.uri);
    const call = ++doc.calls;
    doc.latest = snapshot;
    const justAccepted = doc.justAccepted;
    doc.justAccepted = false;
    if (options.trigger === 'automatic') this.rhythm.keystroke(this.now());

    // The keystroke that brought us here makes the in-flight request stale unless it continues it.
    if (doc.inFlight && !continuesRequest(doc.inFlight.snapshot, doc.inFlight.partial, snapshot)) this.abortInFlight(doc);

    const settings = this.options.triggerSettings?.() ?? DEFAULT_TRIGGER_SETTINGS;
    const input: TriggerInput = { text: snapshot.text, offset: snapshot.offset, languageId: snapshot.languageId, kind: options.trigger, selections: options.selections ?? 1, ignoredFile: options.ignoredFile, serverAnswering: options.serverAnswering, syntax: options.syntax };
    if (!input.syntax && options.lookUpSyntax && needsSyntax(input, settings)) {
      input.syntax = await options.lookUpSyntax().catch(() => undefined);
      // The tree was looked up while the user went on typing: this position is stale.
      if (options.signal?.aborted || call !== doc.calls) {
        this.counters.debounced++;
        return undefined;
      }
    }
    const skip = skipReason(input, settings);
    if (skip) {
      this.counters.skipped[skip] = (this.counters.skipped[skip] ?? 0) + 1;
      return undefined;
    }

    const reused = doc.last && reuseShown(doc.last, snapshot);
    if (reused) {
      this.counters.reused++;
      return this.show(reused);
    }
    const cached = this.cache.get(snapshot);
    if (cached !== undefined) {
      this.counters.cacheHits++;
      if (cached) doc.last = { text: snapshot.text, offset: snapshot.offset, result: cached };
      return cached ? this.show(cached) : undefined;
    }
    if (doc.inFlight) {
      const joined = await this.join(doc.inFlight, snapshot, options.signal);
      if (joined.final) return joined.result;
    }
    return this.request(doc, call, snapshot, options, justAccepted);
  }

  /** Waits for a pause in typing, then runs a request for `snapshot` (or joins one started meanwhile). */
  private async request(doc: DocumentState, call: number, snapshot: DocumentSnapshot, options: ProvideOptions, justAccepted: boolean): Promise<CompletionResult | undefined> {
    if (options.trigger === 'automatic') {
      if (this.now() < this.blockedUntil) {
        this.counters.backedOff++;
        return undefined;
      }
      const delay = debounceMs(debouncePlace(snapshot.text, snapshot.offset, justAccepted), this.rhythm.intervalMs);
      if (!(await this.waitFor(delay, options.signal)) || call !== doc.calls) {
        this.counters.debounced++;
        return undefined;
      }
    }
    // One request per document: let an aborted one finish closing its stream first.
    while (doc.ending) await doc.ending;
    const sinceLast = this.now() - doc.endedAt;
    if (sinceLast < CLOSE_GRACE_MS && !(await this.waitFor(CLOSE_GRACE_MS - sinceLast, options.signal))) {
      this.counters.debounced++;
      return undefined;
    }
    if (options.signal?.aborted || call !== doc.calls || this.documents.get(snapshot.uri) !== doc) {
      this.counters.debounced++;
      return undefined;
    }
    const flight = doc.inFlight ?? this.start(doc, snapshot);
    return (await this.join(flight, snapshot, options.signal)).result;
  }

  /** The user accepted a suggestion (whole, or a word or line of it through VS Code's own commands). */
  accepted(uri: string, kind: AcceptKind = 'whole'): void {
    this.counters.accepted[kind]++;
    // The next suggestion is wanted right away.
    if (kind === 'whole') this.document(uri).justAccepted = true;
  }

  /** Stops the document's request (closing its stream) and forgets its state. */
  closeDocument(uri: string): void {
    const doc = this.documents.get(uri);
    if (!doc) return;
    this.abortInFlight(doc);
    this.documents.delete(uri);
  }

  /**
   * The settings changed (another server, model or template): nothing answered before may show again — the
   * cache and the suggestions kept for typing through are dropped, requests in flight aborted.
   */
  forgetAnswers(): void {
    for (const uri of [...this.documents.keys()]) this.closeDocument(uri);
    this.cache.clear();
  }

  dispose(): void {
    this.forgetAnswers();
  }

  stats(): SchedulerStats {
    const sorted = [...this.latencies].sort((a, b) => a - b);
    const at = (q: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] : 0);
    return {
      ...this.counters,
      skipped: { ...this.counters.skipped },
      accepted: { ...this.counters.accepted },
      requestMs: { p50: at(0.5), p95: at(0.95), samples: sorted.length },
    };
  }

  private document(uri: string): DocumentState {
    let doc = this.documents.get(uri);
    if (!doc) {
      doc = { justAccepted: false, calls: 0, running: 0, endedAt: -Infinity };
      this.documents.set(uri, doc);
    }
    return doc;
  }

  private start(doc: DocumentState, snapshot: DocumentSnapshot): InFlight {
    const abort = new AbortController();
    const started = this.now();
    const end = this.options.onRequest?.();
    this.counters.requests++;
    doc.running++;
    this.counters.peakInFlightPerDocument = Math.max(this.counters.peakInFlightPerDocument, doc.running);
    let firstLineArrived!: () => void;
    const flight: InFlight = { snapshot, abort, partial: '', done: undefined as unknown as Promise<Outcome>, firstLineArrived: new Promise<void>((resolve) => (firstLineArrived = resolve)), shownEarly: false };
    const progress: CompletionProgress = {
      partial: (text) => this.streamed(doc, flight, text),
      firstLine: (result) => {
        flight.firstLine = detachResult(result);
        firstLineArrived();
      },
    };
    let outcome: Promise<Outcome>;
    try {
      outcome = this.options.complete(snapshot, abort.signal, progress).then(
        (result): Outcome => (abort.signal.aborted ? { cancelled: true } : { result }),
        (error: unknown): Outcome => (abort.signal.aborted || (isBackendError(error) && error.kind === 'cancelled') ? { cancelled: true } : { error }),
      );
    } catch (error) {
      outcome = Promise.resolve({ error });
    }
    flight.done = outcome.then((o) => {
      doc.running--;
      doc.endedAt = this.now();
      if (doc.inFlight === flight) doc.inFlight = undefined;
      this.finish(doc, flight, o, started);
      end?.('error' in o ? { error: failureMessage(o.error, this.blockedUntil - this.now()) } : undefined);
      return o;
    });
    doc.inFlight = flight;
    return flight;
  }

  /** Notes streamed text; aborts at once when it contradicts what the user has typed since. */
  private streamed(doc: DocumentState, flight: InFlight, text: string): void {
    flight.partial = text;
    if (doc.inFlight === flight && doc.latest && doc.latest !== flight.snapshot && !continuesRequest(flight.snapshot, text, doc.latest)) this.abortInFlight(doc);
  }

  private finish(doc: DocumentState, flight: InFlight, outcome: Outcome, started: number): void {
    if ('cancelled' in outcome) return;
    if ('error' in outcome) {
      this.counters.failed++;
      const retryAfter = isBackendError(outcome.error) ? (outcome.error.retryAfterMs ?? 0) : 0;
      this.backoffMs = Math.min(BACKOFF_MAX_MS, this.backoffMs ? this.backoffMs * 2 : BACKOFF_START_MS);
      this.blockedUntil = this.now() + Math.max(this.backoffMs, retryAfter);
      return;
    }
    this.backoffMs = 0;
    this.blockedUntil = 0;
    this.latencies.push(this.now() - started);
    if (this.latencies.length > LATENCY_SAMPLES) this.latencies.shift();
    const result = outcome.result && detachResult(outcome.result);
    this.cache.set(flight.snapshot, result);
    if (result) doc.last = { text: flight.snapshot.text, offset: flight.snapshot.offset, result };
    else if (flight.shownEarly && doc.last?.result === flight.firstLine) doc.last = undefined;
    // The block (or nothing, after all) replaces the first line shown: the editor asks again and gets it.
    if (flight.shownEarly && !sameResult(result, flight.firstLine)) this.options.onRevised?.(flight.snapshot.uri);
  }

  /**
   * Waits for `flight` (or for the editor to give up) and returns what its answer means at `snapshot`.
   * Not final when the flight was made for an earlier position and its answer does not reach this one
   * (the user typed past or away from it): then a fresh request for this position is worth making.
   */
  private async join(flight: InFlight, snapshot: DocumentSnapshot, signal: AbortSignal | undefined): Promise<{ final: boolean; result?: CompletionResult }> {
    const later = flight.snapshot !== snapshot;
    if (later) this.counters.joined++;
    // A block's first line is shown as soon as the stream has decided it, unless the whole answer comes first.
    const first = await untilAborted(Promise.race([flight.done, flight.firstLineArrived.then(() => 'firstLine' as const)]), signal);
    // A stream that ends a moment after its first line (a fast server) shows the whole answer at once, not in two steps.
    if (first === 'firstLine' && (await untilAborted(Promise.race([flight.done.then(() => true), delay(FIRST_LINE_GRACE_MS, false)]), signal))) {
      const outcome = await flight.done;
      return this.answerOf(flight, snapshot, outcome, later);
    }
    if (first === 'firstLine' && flight.firstLine && !signal?.aborted) {
      const early = reuseShown({ text: flight.snapshot.text, offset: flight.snapshot.offset, result: flight.firstLine }, snapshot);
      const doc = this.documents.get(snapshot.uri);
      if (early && doc && doc.inFlight === flight) {
        // Typing through the first line is served from it until the block arrives (see finish()).
        doc.last = { text: flight.snapshot.text, offset: flight.snapshot.offset, result: flight.firstLine };
        if (!flight.shownEarly) this.counters.shownEarly++;
        flight.shownEarly = true;
        return { final: true, result: this.show(early) };
      }
    }
    const outcome = await untilAborted(flight.done, signal);
    if (!outcome) return { final: true };
    return this.answerOf(flight, snapshot, outcome, later);
  }

  /** What a finished flight's outcome means at `snapshot` (see join). */
  private answerOf(flight: InFlight, snapshot: DocumentSnapshot, outcome: Outcome, later: boolean): { final: boolean; result?: CompletionResult } {
    if ('error' in outcome) return { final: true };
    const answer = 'result' in outcome && outcome.result;
    const result = answer ? reuseShown({ text: flight.snapshot.text, offset: flight.snapshot.offset, result: answer }, snapshot) : undefined;
    if (result) return { final: true, result: this.show(result) };
    return { final: !later };
  }

  private abortInFlight(doc: DocumentState): void {
    const flight = doc.inFlight;
    if (!flight) return;
    doc.inFlight = undefined;
    this.counters.aborted++;
    flight.abort.abort();
    const ending = flight.done.then(() => {
      if (doc.ending === ending) doc.ending = undefined;
    });
    doc.ending = ending;
  }

  private show(result: CompletionResult): CompletionResult {
    this.counters.shown++;
    return result;
  }
}

/** Resolves with `value` after `ms`. */
function delay<T>(ms: number, value: T): Promise<T> {
  return new Promise((resolve) => setTimeout(() => resolve(value), ms));
}

/** Resolves with the promise's value, or with undefined as soon as `signal` aborts. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T | undefined> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.resolve(undefined);
  return new Promise((resolve) => {
    const onAbort = () => resolve(undefined);
    signal.addEventListener('abort', onAbort, { once: true });
    void promise.then((value) => {
      signal.removeEventListener('abort', onAbort);
      resolve(value);
    });
  });
}

function sameResult(a: CompletionResult | undefined, b: CompletionResult | undefined): boolean {
  return a === b || (!!a && !!b && a.insert === b.insert && a.replaceLength === b.replaceLength);
}

/** Kept suggestions must not pin old versions of the document (see `detach`). */
function detachResult(result: CompletionResult): CompletionResult {
  return { insert: detach(result.insert), replaceLength: result.replaceLength };
}
