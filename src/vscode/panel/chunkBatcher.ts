/**
 * Streamed answers arrive a few characters at a time; posting each piece to the webview would re-render it
 * hundreds of times a second. The batcher passes the first piece on at once (the answer starts showing
 * without delay) and then at most one joined batch per interval. Plain logic (no `vscode`): the clock and
 * timers come in, so tests drive time by hand.
 */

export interface BatchClock {
  now(): number;
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realClock: BatchClock = {
  now: () => Date.now(),
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export class ChunkBatcher {
  private buffer = '';
  private timer: unknown;
  private lastFlush = -Infinity;

  constructor(
    private readonly deliver: (text: string) => void,
    private readonly intervalMs = 50,
    private readonly clock: BatchClock = realClock,
  ) {}

  push(text: string): void {
    if (!text) return;
    this.buffer += text;
    if (this.timer !== undefined) return;
    const wait = this.lastFlush + this.intervalMs - this.clock.now();
    if (wait <= 0) this.flush();
    else this.timer = this.clock.setTimeout(() => this.flush(), wait);
  }

  /** Delivers whatever is buffered now (before finish, fail, or a full state sent to a reloaded view). */
  flush(): void {
    this.cancelTimer();
    if (!this.buffer) return;
    const text = this.buffer;
    this.buffer = '';
    this.lastFlush = this.clock.now();
    this.deliver(text);
  }

  /** Drops what is buffered (a new answer replaces the old one). */
  discard(): void {
    this.cancelTimer();
    this.buffer = '';
  }

  private cancelTimer(): void {
    if (this.timer === undefined) return;
    this.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }
}
