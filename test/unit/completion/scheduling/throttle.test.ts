import * as assert from 'node:assert/strict';
import { debounceMs, debouncePlace, TypingRhythm, wait } from '../../../../src/completion/scheduling/throttle';

function place(marked: string, justAccepted = false) {
  return debouncePlace(marked.replace('█', ''), marked.indexOf('█'), justAccepted);
}

/** Counts the timers started and not yet fired or cleared while `run` is in progress. */
async function pendingTimersDuring(run: (pending: () => number) => Promise<void>): Promise<number> {
  const pending = new Set<unknown>();
  const realSet = globalThis.setTimeout;
  const realClear = globalThis.clearTimeout;
  globalThis.setTimeout = ((fn: () => void, ms?: number) => {
    const handle = realSet(() => {
      pending.delete(handle);
      fn();
    }, ms);
    pending.add(handle);
    return handle;
  }) as typeof setTimeout;
  globalThis.clearTimeout = ((handle: Parameters<typeof clearTimeout>[0]) => {
    pending.delete(handle);
    realClear(handle);
  }) as typeof clearTimeout;
  try {
    await run(() => pending.size);
  } finally {
    globalThis.setTimeout = realSet;
    globalThis.clearTimeout = realClear;
  }
  return pending.size;
}

describe('throttle: adaptive debounce', () => {
  it('names the place: a fresh line, after accepting, after punctuation, after a space, mid-word', () => {
    assert.equal(place('if (x) {\n    █'), 'lineStart');
    assert.equal(place('const total = sum(items);█', true), 'afterAccept');
    assert.equal(place('const total = sum(█'), 'afterPunctuation');
    assert.equal(place('return █'), 'afterSpace');
    assert.equal(place('const tot█'), 'midWord');
  });

  it('asks at once on a fresh line and after accepting; waits longest mid-word', () => {
    const interval = 200;
    assert.equal(debounceMs('lineStart', interval), 0);
    assert.equal(debounceMs('afterAccept', interval), 0);
    assert.ok(debounceMs('afterPunctuation', interval) < debounceMs('afterSpace', interval));
    assert.ok(debounceMs('afterSpace', interval) < debounceMs('midWord', interval));
  });

  it('follows the typing rhythm: a fast typist gets a shorter wait than a slow one', () => {
    const fast = new TypingRhythm();
    const slow = new TypingRhythm();
    for (let i = 0; i < 30; i++) {
      fast.keystroke(i * 90);
      slow.keystroke(i * 350);
    }
    assert.ok(debounceMs('midWord', fast.intervalMs) < debounceMs('midWord', slow.intervalMs));
  });

  it('does not take pauses for typing rhythm', () => {
    const rhythm = new TypingRhythm();
    let t = 0;
    for (let i = 0; i < 20; i++) rhythm.keystroke((t += 120));
    const before = rhythm.intervalMs;
    rhythm.keystroke((t += 10_000));
    assert.equal(rhythm.intervalMs, before);
  });
});

describe('throttle: wait', () => {
  it('resolves true after the delay', async () => {
    assert.equal(await wait(5), true);
  });

  it('resolves false when aborted, and leaves no timer behind', async () => {
    const left = await pendingTimersDuring(async (pending) => {
      const abort = new AbortController();
      const waiting = wait(60_000, abort.signal);
      assert.equal(pending(), 1);
      abort.abort();
      assert.equal(await waiting, false);
    });
    assert.equal(left, 0);
  });

  it('resolves false at once for an already aborted signal, and true at once for no delay, without timers', async () => {
    const left = await pendingTimersDuring(async (pending) => {
      const abort = new AbortController();
      abort.abort();
      assert.equal(await wait(1000, abort.signal), false);
      assert.equal(await wait(0), true);
      assert.equal(pending(), 0);
    });
    assert.equal(left, 0);
  });
});
