/**
 * Cancellation and time limits for one backend call. The caller's signal and our timer both abort one
 * controller whose signal goes to the SDK, so either one closes the HTTP connection. The timer runs only
 * while we wait on the server (see run()): a slow consumer of a stream never counts against the server.
 */
import type { RequestOptions } from './types';

/** Why a call was stopped from our side rather than failing by itself. */
export type StopReason = 'timeout' | 'cancelled';

/** The abort reason we give the SDK, so nothing mistakes it for a server failure. */
export class CallStopped extends Error {
  constructor(readonly reason: StopReason | 'finished') {
    super(`call ${reason}`);
    this.name = 'CallStopped';
  }
}

export class Deadline {
  private readonly controller = new AbortController();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private stopped: StopReason | undefined;
  private readonly onCallerAbort = () => this.stop('cancelled');

  constructor(private readonly options: RequestOptions) {
    if (options.signal?.aborted) this.stop('cancelled');
    else options.signal?.addEventListener('abort', this.onCallerAbort, { once: true });
  }

  /** Give this to the SDK: it aborts on cancel, on timeout and when the call is disposed. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Set once the call was cancelled by the caller or timed out. */
  get reason(): StopReason | undefined {
    return this.stopped;
  }

  /**
   * Waits for one answer from the server (a whole plain call, a stream's headers, or its next chunk) with the
   * time limit running. Rejects as soon as the call is stopped, even if the SDK were slow to notice.
   */
  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.controller.signal.aborted) throw this.controller.signal.reason;
    const timeoutMs = this.options.timeoutMs;
    if (timeoutMs !== undefined && timeoutMs > 0) this.timer = setTimeout(() => this.stop('timeout'), timeoutMs);
    try {
      return await raceAbort(work(), this.controller.signal);
    } finally {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
  }

  /** Ends the call: clears the timer, forgets the caller's signal, and closes the connection if it is still open. */
  dispose(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.options.signal?.removeEventListener('abort', this.onCallerAbort);
    if (!this.controller.signal.aborted) this.controller.abort(new CallStopped('finished'));
  }

  private stop(reason: StopReason): void {
    if (this.controller.signal.aborted) return;
    this.stopped = reason;
    this.controller.abort(new CallStopped(reason));
  }
}

function raceAbort<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
