/**
 * Keeps a webview responsive while a long answer streams in. Each render re-renders the answer's last
 * markdown block; when that block is big (a 2,000-line code block), one render can take tens of
 * milliseconds, and rendering every frame would leave no time for typing or scrolling. This wraps the frame
 * scheduler: after a render that took T ms, the next one waits at least RATIO × T ms — rendering then takes
 * at most 1 / (RATIO + 1) of the time, and small renders still happen every frame.
 */

export interface RenderClock {
  now(): number;
  setTimeout(run: () => void, ms: number): unknown;
}

/** Time left free after a render, as a multiple of what the render cost. */
export const IDLE_RATIO = 3;

/** The pages' scheduler: the next animation frame, paced by adaptiveSchedule (browser only). */
export function frameSchedule(): (render: () => void) => void {
  return adaptiveSchedule((render) => requestAnimationFrame(render), { now: () => performance.now(), setTimeout: (run, ms) => setTimeout(run, ms) });
}

export function adaptiveSchedule(frame: (render: () => void) => void, clock: RenderClock): (render: () => void) => void {
  let earliest = 0;
  return (render) => {
    const timed = () =>
      frame(() => {
        const start = clock.now();
        render();
        const end = clock.now();
        earliest = end + (end - start) * IDLE_RATIO;
      });
    const wait = earliest - clock.now();
    if (wait > 0) clock.setTimeout(timed, wait);
    else timed();
  };
}

/** A render request that many changes share: `render` runs once on the next scheduled turn, however often asked. */
export function coalesce(schedule: (render: () => void) => void, render: () => void): () => void {
  let pending = false;
  return () => {
    if (pending) return;
    pending = true;
    schedule(() => {
      pending = false;
      render();
    });
  };
}
