/**
 * What the status bar says after a completion failed. The backend's message already says what happened and
 * what to do; a rate limit also says when completions resume, which is the scheduler's pause after it.
 */
import { isBackendError } from '../../backends/errors';

export function failureMessage(error: unknown, pauseMs: number): string {
  const message = error instanceof Error ? error.message : String(error);
  if (isBackendError(error) && error.kind === 'rateLimited') {
    return `rate limited — retrying in ${Math.max(1, Math.ceil(pauseMs / 1000))} s (completions pause until then). ${message}`;
  }
  return message;
}
