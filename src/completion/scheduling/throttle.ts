/**
 * Step 2a: how long to wait after a keystroke before asking the model. The wait adapts to the user's
 * typing rhythm (a fast typist's pauses are shorter, a slow typist's longer) and to the place: where a
 * suggestion is most likely wanted and still unknown (a fresh line, right after accepting one, after
 * punctuation that opens an expression) it is short or zero; in the middle of a word it is longer,
 * because the next letter usually follows within the user's usual interval and would make the request
 * stale. Waiting never leaves a timer behind: a cancelled wait clears its timer at once.
 */
import { DEFAULT_INTERVAL_MS } from '../../tunables/tunables';
import { MIN_INTERVAL_MS } from '../../tunables/tunables';
import { MAX_INTERVAL_MS } from '../../tunables/tunables';
import { PAUSE_MS } from '../../tunables/tunables';
import { RHYTHM_WEIGHT } from '../../tunables/tunables';
import { MAX_DEBOUNCE_MS } from '../../tunables/tunables';

export type DebouncePlace = 'lineStart' | 'afterAccept' | 'afterPunctuation' | 'afterSpace' | 'midWord';

/** Multiples of the user's usual interval between keystrokes, per place. */
const RATE: Readonly<Record<DebouncePlace, number>> = {
  // A fresh line or a just-accepted suggestion: the user is about to need the next suggestion, ask at once.
  lineStart: 0,
  afterAccept: 0,
  // `(`, `.`, `=`, `,`, `:`: an expression starts; a pause is likely, ask a little before it.
  afterPunctuation: 0.6,
  afterSpace: 0.8,
  // Mid-word the next letter usually comes within one interval: wait until the user is clearly pausing.
  midWord: 1.3,
};


/** The user's typing rhythm, as an exponential moving average of the gaps between keystrokes. */
export class TypingRhythm {
  private last: number | undefined;
  private average = DEFAULT_INTERVAL_MS;

  /** Records a keystroke at `now` (ms). */
  keystroke(now: number): void {
    if (this.last !== undefined) {
      const gap = now - this.last;
      if (gap > 0 && gap < PAUSE_MS) this.average += RHYTHM_WEIGHT * (gap - this.average);
    }
    this.last = now;
  }

  /** The usual gap between two keystrokes, held within sensible bounds. */
  get intervalMs(): number {
    return Math.min(MAX_INTERVAL_MS, Math.max(MIN_INTERVAL_MS, this.average));
  }
}

/** Where the cursor is, as far as the wait is concerned. */
export function debouncePlace(text: string, offset: number, justAccepted: boolean): DebouncePlace {
  if (justAccepted) return 'afterAccept';
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  if (text.slice(lineStart, offset).trim() === '') return 'lineStart';
  const before = text.charAt(offset - 1);
  if (/[\p{L}\p{N}_$]/u.test(before)) return 'midWord';
  if (/\s/.test(before)) return 'afterSpace';
  return 'afterPunctuation';
}

/** Milliseconds to wait before an automatic request (manual requests never wait). */
export function debounceMs(place: DebouncePlace, intervalMs: number): number {
  return Math.min(MAX_DEBOUNCE_MS, Math.round(RATE[place] * intervalMs));
}

/**
 * Resolves true after `ms`, or false as soon as `signal` aborts (then the timer is already cleared).
 * Zero waits resolve without a timer.
 */
export function wait(ms: number, signal?: AbortSignal): Promise<boolean> {
  if (signal?.aborted) return Promise.resolve(false);
  if (ms <= 0) return Promise.resolve(true);
  return new Promise((resolve) => {
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
