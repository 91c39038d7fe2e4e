/**
 * Polls a condition until it holds or a deadline passes. Every wait in the harness goes through here, so a
 * timeout always says what it waited for (and the probe's last error, when it threw).
 */
export interface WaitOptions {
  timeoutMs?: number;
  intervalMs?: number;
}

/**
 * How long a webview page (chat, answer panel, Doctor, statistics; a notebook's outputs) may take to load.
 * VS Code's web client shows a new webview's frame only once its service worker controls it; on a loaded
 * two-core CI machine that was seen to take 14 and 20 s, against about 1 s usually.
 */
export const PAGE_LOAD_MS = 60_000;

export class WaitTimeoutError extends Error {}

/** Thrown by a probe to stop waiting at once (e.g. the process it waits on has exited). */
export class GiveUp extends Error {}

export type Truthy<T> = Exclude<T, false | null | undefined | 0 | ''>;

/** Resolves with the first truthy value `probe` returns; rejects after `timeoutMs` naming `what`. */
export async function waitFor<T>(
  what: string,
  probe: () => T | Promise<T>,
  { timeoutMs = 10_000, intervalMs = 50 }: WaitOptions = {},
): Promise<Truthy<T>> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value as Truthy<T>;
      lastError = undefined;
    } catch (err) {
      if (err instanceof GiveUp) throw new Error(`Gave up waiting for ${what}: ${err.message}`);
      lastError = err;
    }
    if (Date.now() >= deadline) {
      const cause = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
      throw new WaitTimeoutError(`Timed out after ${timeoutMs} ms waiting for ${what}${cause}`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
