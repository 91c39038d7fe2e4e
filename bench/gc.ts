/**
 * The garbage collector for memory figures, without a Node flag: reached through
 * `v8.setFlagsFromString('--expose-gc')`. Undefined where that is refused (the figure then says so).
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

export function exposeGc(): (() => void) | undefined {
  if (typeof globalThis.gc === 'function') return globalThis.gc;
  try {
    setFlagsFromString('--expose-gc');
    return runInNewContext('gc') as () => void;
  } catch {
    return undefined;
  }
}
