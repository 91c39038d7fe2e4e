import * as assert from 'node:assert/strict';
import { BackendError } from '../../../../src/backends/errors';
import { OllamaBackend } from '../../../../src/backends/ollama';
import { CompletionScheduler, type CompleteOnce, type ProvideOptions, type SchedulerOptions } from '../../../../src/completion/scheduling/scheduler';
import { completeOnce } from '../../../../src/completion/engine/engine';
import type { CompletionResult } from '../../../../src/completion/engine/result';
import type { DocumentSnapshot } from '../../../../src/workspace/document';
import { startFakeServer } from '../../../fake-server';

const URI = 'file:///work/total.ts';

/** The document as the user sees it: `█` is the cursor. */
function doc(marked: string, uri = URI): DocumentSnapshot {
  assert.equal(marked.split('█').length, 2, 'exactly one cursor marker');
  return { uri, path: 'total.ts', languageId: 'typescript', text: marked.replace('█', ''), offset: marked.indexOf('█'), version: 1 };
}

const answer = (insert: string): CompletionResult => ({ insert, replaceLength: 0 });

interface Call {
  snapshot: DocumentSnapshot;
  signal: AbortSignal;
  stream(text: string): void;
  /** The engine decided a block's first line (progress.firstLine). */
  firstLine(insert: string): void;
  answer(insert: string | undefined): void;
  fail(error: Error): void;
}

/**
 * A model under the test's control: each request waits until the test answers it. An aborted request
 * rejects a moment later (as a real stream does once its connection is closed), so overlap would show.
 */
class ScriptedModel {
  readonly calls: Call[] = [];
  running = 0;
  peak = 0;
  private waiting: Array<() => void> = [];

  readonly complete: CompleteOnce = (snapshot, signal, progress) =>
    new Promise<CompletionResult | undefined>((resolve, reject) => {
      this.running++;
      this.peak = Math.max(this.peak, this.running);
      signal.addEventListener('abort', () => setImmediate(() => reject(Object.assign(new Error('cancelled'), { name: 'AbortError' }))), { once: true });
      this.calls.push({
        snapshot,
        signal,
        stream: (text) => progress?.partial?.(text),
        firstLine: (insert) => progress?.firstLine?.(answer(insert)),
        answer: (insert) => resolve(insert === undefined ? undefined : answer(insert)),
        fail: reject,
      });
      for (const wake of this.waiting.splice(0)) wake();
    }).finally(() => this.running--);

  /** Resolves once the model has received its n-th request (1-based). */
  async request(n: number): Promise<Call> {
    while (this.calls.length < n) await new Promise<void>((wake) => this.waiting.push(wake));
    return this.calls[n - 1];
  }
}

/** Plays the editor: every keystroke asks again and cancels the previous question, as VS Code does. */
class Editor {
  private current: AbortController | undefined;
  constructor(private readonly scheduler: CompletionScheduler) {}

  type(marked: string, options: Partial<ProvideOptions> = {}): Promise<CompletionResult | undefined> {
    this.current?.abort();
    this.current = new AbortController();
    return this.scheduler.provide(doc(marked), { trigger: 'automatic', signal: this.current.signal, ...options });
  }
}

/** A debounce that passes at once (recording how long it was asked to wait) unless already cancelled. */
function recordingWait(waits: number[]): SchedulerOptions['wait'] {
  return async (ms, signal) => {
    waits.push(ms);
    return !signal?.aborted;
  };
}

function setup(extra: Partial<SchedulerOptions> = {}) {
  const model = new ScriptedModel();
  const waits: number[] = [];
  const scheduler = new CompletionScheduler({ complete: model.complete, wait: recordingWait(waits), ...extra });
  return { model, waits, scheduler, editor: new Editor(scheduler) };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('CompletionScheduler', () => {
  it('answers from the model, then keeps showing the rest while the user types what it shows, with no new request', async () => {
    const { model, scheduler, editor } = setup();
    const first = editor.type('const total = █\n');
    (await model.request(1)).answer('items.length;');
    assert.deepEqual(await first, answer('items.length;'));
    assert.deepEqual(await editor.type('const total = i█\n'), answer('tems.length;'));
    assert.deepEqual(await editor.type('const total = items.█\n'), answer('length;'));
    assert.equal(model.calls.length, 1);
    assert.equal(scheduler.stats().reused, 2);
  });

  it('aborts the in-flight request when a keystroke contradicts it, and starts the next one only after it ended', async () => {
    const { model, scheduler, editor } = setup();
    void editor.type('const total = █\n');
    const stale = await model.request(1);
    stale.stream('items');
    const second = editor.type('const total = s█\n');
    assert.equal(stale.signal.aborted, true);
    (await model.request(2)).answer('um(items);');
    assert.deepEqual(await second, answer('um(items);'));
    assert.equal(model.peak, 1);
    assert.equal(scheduler.stats().aborted, 1);
  });

  it('keeps the in-flight request when the keystroke continues it, and serves the new position from its answer', async () => {
    const { model, scheduler, editor } = setup();
    void editor.type('const total = █\n');
    const call = await model.request(1);
    call.stream('it');
    const later = editor.type('const total = it█\n');
    assert.equal(call.signal.aborted, false);
    call.answer('items.length;');
    assert.deepEqual(await later, answer('ems.length;'));
    assert.equal(model.calls.length, 1);
    assert.equal(scheduler.stats().joined, 1);
  });

  it('aborts the request as soon as its stream contradicts what the user typed meanwhile, then asks for the new position', async () => {
    const { model, editor } = setup();
    void editor.type('const total = █\n');
    const first = await model.request(1);
    const later = editor.type('const total = s█\n');
    assert.equal(first.signal.aborted, false, 'nothing streamed yet: it may still predict the "s"');
    first.stream('items');
    assert.equal(first.signal.aborted, true);
    const second = await model.request(2);
    assert.equal(second.snapshot.offset, doc('const total = s█\n').offset);
    second.answer('um(items);');
    assert.deepEqual(await later, answer('um(items);'));
    assert.equal(model.peak, 1);
  });

  it('asks again for the new position when the answer of the request it waited for does not reach it', async () => {
    const { model, editor } = setup();
    void editor.type('const total = █\n');
    const first = await model.request(1);
    const later = editor.type('const total = s█\n');
    first.answer('items.length;');
    const second = await model.request(2);
    assert.equal(second.snapshot.text, doc('const total = s█\n').text);
    second.answer('um(items);');
    assert.deepEqual(await later, answer('um(items);'));
  });

  it('answers from the cache when the user backspaces to where an earlier suggestion was made', async () => {
    const { model, scheduler, editor } = setup();
    const first = editor.type('const total = █\n');
    (await model.request(1)).answer('items.length;');
    await first;
    const second = editor.type('const total = x█\n');
    (await model.request(2)).answer(' * 2;');
    await second;
    assert.deepEqual(await editor.type('const total = █\n'), answer('items.length;'));
    assert.equal(model.calls.length, 2);
    assert.equal(scheduler.stats().cacheHits, 1);
  });

  it('a typo fixed with Backspace brings back the rest of the suggestion it diverged from, with no new request', async () => {
    const { model, editor } = setup();
    const first = editor.type('const total = █\n');
    (await model.request(1)).answer('items.length;');
    await first;
    assert.deepEqual(await editor.type('const total = it█\n'), answer('ems.length;'));
    const typo = editor.type('const total = itx█\n');
    (await model.request(2)).answer('ra;');
    await typo;
    assert.deepEqual(await editor.type('const total = it█\n'), answer('ems.length;'), 'Backspace: the first suggestion again');
    assert.deepEqual(await editor.type('const total = ite█\n'), answer('ms.length;'));
    assert.equal(model.calls.length, 2);
  });

  it('after the settings change (another model) nothing cached is shown again: the next keystroke asks', async () => {
    const { model, scheduler, editor } = setup();
    const first = editor.type('const total = █\n');
    (await model.request(1)).answer('items.length;');
    await first;
    scheduler.forgetAnswers();
    const again = editor.type('const total = █\n');
    (await model.request(2)).answer('sum(items);');
    assert.deepEqual(await again, answer('sum(items);'));
    assert.equal(scheduler.stats().cacheHits, 0);
  });

  it('sends nothing when the next keystroke comes during the debounce, and leaves the wait cancelled', async () => {
    const cancelled: boolean[] = [];
    const { model, scheduler, editor } = setup({
      // A debounce that only ends by cancellation: the next keystroke.
      wait: (_ms, signal) =>
        new Promise((resolve) =>
          signal?.addEventListener('abort', () => {
            cancelled.push(true);
            resolve(false);
          }),
        ),
    });
    const first = editor.type('const tot█\n');
    await tick();
    void editor.type('const tota█\n');
    assert.equal(await first, undefined);
    assert.deepEqual(cancelled, [true]);
    assert.equal(model.calls.length, 0);
    assert.equal(scheduler.stats().debounced, 1);
  });

  it('asks at once on a fresh line, after accepting, and when triggered by hand; waits mid-word', async () => {
    // A second between keystrokes: each request has long ended when the next one starts.
    let clock = 0;
    const { model, waits, scheduler, editor } = setup({ now: () => clock });
    const keystroke = async (marked: string, n: number, options: Partial<ProvideOptions> = {}) => {
      clock += 1000;
      void editor.type(marked, options);
      (await model.request(n)).answer(undefined);
      await tick();
    };
    await keystroke('if (ready) {\n  █\n}\n', 1);
    scheduler.accepted(URI);
    await keystroke('const tot█\n', 2);
    await keystroke('let coun█\n', 3);
    await keystroke('let cou█\n', 4, { trigger: 'manual' });
    assert.deepEqual(waits.slice(0, 2), [0, 0]);
    assert.ok(waits[2] > 0);
    assert.equal(waits.length, 3, 'a manual trigger does not wait');
    assert.equal(scheduler.stats().accepted.whole, 1);
  });

  it('skips where a completion cannot help, counting why, and sends nothing', async () => {
    const { model, scheduler, editor } = setup({ triggerSettings: () => ({ disabledLanguages: [], enableInComments: false }) });
    assert.equal(await editor.type('cons█t x = 1;\n'), undefined);
    assert.equal(await editor.type('// explain █\n'), undefined);
    assert.equal(await editor.type('const x = █\n', { selections: 2 }), undefined);
    assert.deepEqual(scheduler.stats().skipped, { wordRightOfCursor: 1, commentsDisabled: 1, multipleCursors: 1 });
    assert.equal(model.calls.length, 0);
  });

  it('asks the syntax tree what the cursor is in only when the trigger needs it, and trusts its answer', async () => {
    const { model, scheduler, editor } = setup();
    const looked: string[] = [];
    const inString = (marked: string) => async () => {
      looked.push(marked);
      return { inComment: false, stringTextRightOfCursor: ' -' };
    };
    // A line of a multi-line template literal: only the tree knows it is string text.
    assert.equal(await editor.type('second █ -\n', { lookUpSyntax: inString('string') }), undefined);
    assert.deepEqual(scheduler.stats().skipped, { insideString: 1 });
    // Settled without it: a word right of the cursor, a manual trigger.
    assert.equal(await editor.type('cons█t x = 1;\n', { lookUpSyntax: inString('word') }), undefined);
    const manual = editor.type('second █ -\n', { trigger: 'manual', lookUpSyntax: inString('manual') });
    (await model.request(1)).answer('x');
    assert.deepEqual(await manual, answer('x'));
    assert.deepEqual(looked, ['string']);
  });

  it('falls back to the lexical guess when the syntax lookup fails or cannot tell', async () => {
    const { model, scheduler, editor } = setup();
    const failing = editor.type('const msg = `total: ${█}`;\n', { lookUpSyntax: () => Promise.reject(new Error('grammar failed to load')) });
    (await model.request(1)).answer('n');
    assert.deepEqual(await failing, answer('n'));
    assert.equal(await editor.type('const msg = "total: █ -";\n', { lookUpSyntax: async () => undefined }), undefined);
    assert.deepEqual(scheduler.stats().skipped, { insideString: 1 });
  });

  it('drops a position the user typed past while its syntax was looked up', async () => {
    const { model, scheduler, editor } = setup();
    let release!: () => void;
    const slow = editor.type('const total = █\n', { lookUpSyntax: () => new Promise((resolve) => (release = () => resolve({ inComment: false }))) });
    const next = editor.type('const total = i█\n');
    release();
    assert.equal(await slow, undefined);
    (await model.request(1)).answer('tems.length;');
    assert.deepEqual(await next, answer('tems.length;'));
    assert.equal(model.calls.length, 1);
    assert.equal(scheduler.stats().debounced, 1);
  });

  it('after a failure, pauses automatic requests (reporting the error) but still answers a manual trigger', async () => {
    const outcomes: Array<{ error?: string } | undefined> = [];
    const { model, scheduler, editor } = setup({ onRequest: () => (outcome) => outcomes.push(outcome) });
    const first = editor.type('const total = █\n');
    (await model.request(1)).fail(new Error('Ollama is not reachable'));
    assert.equal(await first, undefined);
    assert.deepEqual(outcomes, [{ error: 'Ollama is not reachable' }]);
    assert.equal(await editor.type('const total = x█\n'), undefined);
    assert.equal(scheduler.stats().backedOff, 1);
    const manual = editor.type('const total = x█\n', { trigger: 'manual' });
    (await model.request(2)).answer(' + 1;');
    assert.deepEqual(await manual, answer(' + 1;'));
    assert.deepEqual(outcomes[1], undefined);
  });

  it('after a 429, says "rate limited — retrying in N s" and sends no automatic request until Retry-After has passed', async () => {
    let now = 10_000;
    const outcomes: Array<{ error?: string } | undefined> = [];
    const { model, scheduler, editor } = setup({ now: () => now, onRequest: () => (outcome) => outcomes.push(outcome) });
    const first = editor.type('const total = █\n');
    const limited = new BackendError('rateLimited', { provider: 'ollama', baseUrl: 'http://127.0.0.1:11434', status: 429, retryAfterMs: 7000 });
    (await model.request(1)).fail(limited);
    assert.equal(await first, undefined);
    assert.match(outcomes[0]?.error ?? '', /^rate limited — retrying in 7 s\b/);
    now += 6999;
    assert.equal(await editor.type('const total = x█\n'), undefined);
    assert.equal(scheduler.stats().backedOff, 1, 'still inside Retry-After: nothing sent');
    assert.equal(model.calls.length, 1);
    now += 1;
    const after = editor.type('const total = xy█\n');
    (await model.request(2)).answer(' + 1;');
    assert.deepEqual(await after, answer(' + 1;'));
  });

  it('remembers "nothing to show" so the same position does not ask again', async () => {
    const { model, editor } = setup();
    const first = editor.type('const total = █\n');
    (await model.request(1)).answer(undefined);
    assert.equal(await first, undefined);
    assert.equal(await editor.type('const total = █\n'), undefined);
    assert.equal(model.calls.length, 1);
  });

  it('aborts the request of a document when it closes', async () => {
    const { model, scheduler, editor } = setup();
    const pending = editor.type('const total = █\n');
    const call = await model.request(1);
    scheduler.closeDocument(URI);
    assert.equal(call.signal.aborted, true);
    assert.equal(await pending, undefined);
  });

  it('keeps one request in flight per document, but documents do not wait for each other', async () => {
    const { model, scheduler } = setup();
    void scheduler.provide(doc('const a = █\n', 'file:///a.ts'), { trigger: 'automatic' });
    void scheduler.provide(doc('const b = █\n', 'file:///b.ts'), { trigger: 'automatic' });
    await model.request(2);
    assert.equal(scheduler.stats().peakInFlightPerDocument, 1);
    assert.equal(model.running, 2);
    scheduler.dispose();
  });
});

/** The real engine (native FIM, no syntax tree) against a server. */
function engineAgainst(baseUrl: string): CompleteOnce {
  const deps = { backend: new OllamaBackend({ baseUrl }), model: 'qwen2.5-coder:1.5b', maxTokens: 64, timeoutMs: 5000 };
  return (snapshot, signal) => completeOnce(snapshot, deps, signal);
}

describe('CompletionScheduler against the fake Ollama server', () => {
  it('a keystroke that makes the request stale closes its HTTP stream, and never two streams are open', async () => {
    const server = await startFakeServer();
    try {
      const complete = engineAgainst(server.url);
      server.reply(() => ({ text: 'items.length;\n', firstTokenMs: 100, tokenMs: 20 }));
      const scheduler = new CompletionScheduler({ complete, wait: async (_ms, signal) => !signal?.aborted });
      const editor = new Editor(scheduler);
      void editor.type('const total = █\n');
      await server.waitFor((rs) => rs.some((r) => r.endpoint === 'ollama.generate'), 2000, 'the first request');
      // Backspace: the request for "const total = " cannot serve "const total" any more.
      const last = editor.type('const total█\n');
      await server.waitFor((rs) => rs.find((r) => r.endpoint === 'ollama.generate' && r.closedByClient), 2000, 'the stale stream to be closed');
      await last;
      const generates = server.requests.filter((r) => r.endpoint === 'ollama.generate');
      assert.equal(generates.length, 2);
      assert.equal(server.peakInFlight, 1);
      assert.equal(scheduler.stats().aborted, 1);
    } finally {
      await server.close();
    }
  });

  it('back-to-back requests whose streams were stopped early never overlap on the server', async () => {
    const server = await startFakeServer();
    try {
      // Mid-line, so the answer is the rest of the line and the stream is closed at the first line break.
      const complete = engineAgainst(server.url);
      server.reply(() => ({ text: 'value);\nnext();\nmore();\n', tokenMs: 5 }));
      const scheduler = new CompletionScheduler({ complete });
      const editor = new Editor(scheduler);
      for (let i = 0; i < 8; i++) assert.ok(await editor.type(`use${i}(█)\n`, { trigger: 'manual' }), 'a suggestion');
      await server.waitFor((rs) => rs.filter((r) => r.closedByClient).length === 8, 2000, 'every stream to be closed');
      assert.equal(server.peakInFlight, 1);
    } finally {
      await server.close();
    }
  });

  describe('a block shows its first line at once', () => {
    const BLOCK = '\n  const sum = a + b;\n  return sum;\n}';
    const FIRST = '\n  const sum = a + b;';

    it('shows the first line before the block is decided, then asks the editor to ask again and answers the block from the finished stream', async () => {
      const revised: string[] = [];
      const { model, scheduler, editor } = setup({ onRevised: (uri) => revised.push(uri) });
      const shown = editor.type('function add(a, b) {█\n');
      const call = await model.request(1);
      call.stream(FIRST + '\n');
      call.firstLine(FIRST);
      assert.deepEqual(await shown, answer(FIRST), 'the first line, while the block still streams');
      assert.deepEqual(revised, [], 'nothing to revise yet');
      call.answer(BLOCK);
      await tick();
      await tick();
      assert.deepEqual(revised, [URI], 'the editor is told once the block is final');
      assert.deepEqual(await editor.type('function add(a, b) {█\n', { trigger: 'manual' }), answer(BLOCK), 'asked again: the whole block, at once');
      assert.equal(model.calls.length, 1, 'from the same request');
      assert.equal(scheduler.stats().shownEarly, 1);
    });

    it('typing through the first line while the block streams is served from it; the block then continues from there', async () => {
      const revised: string[] = [];
      const { model, editor } = setup({ onRevised: (uri) => revised.push(uri) });
      const shown = editor.type('function add(a, b) {█\n');
      const call = await model.request(1);
      call.stream(FIRST + '\n');
      call.firstLine(FIRST);
      await shown;
      assert.deepEqual(await editor.type('function add(a, b) {\n  const█\n'), answer(' sum = a + b;'));
      assert.equal(call.signal.aborted, false, 'the stream goes on: the keystroke agrees with it');
      call.answer(BLOCK);
      await tick();
      await tick();
      assert.deepEqual(revised, [URI]);
      assert.deepEqual(await editor.type('function add(a, b) {\n  const█\n'), answer(' sum = a + b;\n  return sum;\n}'));
      assert.equal(model.calls.length, 1);
    });

    it('does not ask again when the block is only the first line, and retracts the first line when the answer ends up empty', async () => {
      const revised: string[] = [];
      const { model, editor } = setup({ onRevised: (uri) => revised.push(uri) });
      const one = editor.type('function add(a, b) {█\n');
      const call = await model.request(1);
      call.firstLine(FIRST);
      await one;
      call.answer(FIRST);
      await tick();
      await tick();
      assert.deepEqual(revised, [], 'what is shown is already final');

      const other = editor.type('function sub(a, b) {█\n');
      const second = await model.request(2);
      second.firstLine(FIRST);
      assert.deepEqual(await other, answer(FIRST));
      second.answer(undefined);
      await tick();
      await tick();
      assert.deepEqual(revised, [URI], 'nothing after all: the editor is asked to ask again');
      assert.equal(await editor.type('function sub(a, b) {█\n', { trigger: 'manual' }), undefined, 'and the first line is gone');
      assert.equal(model.calls.length, 2, 'without a new request');
    });

    it('a block that ends a moment after its first line (a fast server) is shown whole at once, with nothing to revise', async () => {
      const revised: string[] = [];
      const { model, scheduler, editor } = setup({ onRevised: (uri) => revised.push(uri) });
      const shown = editor.type('function add(a, b) {█\n');
      const call = await model.request(1);
      call.firstLine(FIRST);
      call.answer(BLOCK);
      assert.deepEqual(await shown, answer(BLOCK));
      await tick();
      assert.deepEqual(revised, []);
      assert.equal(scheduler.stats().shownEarly, 0);
    });

    it('a whole answer that arrives before any first line is shown as usual, with nothing to revise', async () => {
      const revised: string[] = [];
      const { model, editor } = setup({ onRevised: (uri) => revised.push(uri) });
      const shown = editor.type('function add(a, b) {█\n');
      (await model.request(1)).answer(BLOCK);
      assert.deepEqual(await shown, answer(BLOCK));
      await tick();
      assert.deepEqual(revised, []);
    });
  });
});
