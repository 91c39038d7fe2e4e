import * as assert from 'node:assert/strict';
import { adaptiveSchedule, IDLE_RATIO } from '../../../src/webview/adaptiveSchedule';

/** A hand-driven clock: renders "cost" time by advancing it; timers run when the test says so. */
function setup() {
  let now = 0;
  const timers: { at: number; run: () => void }[] = [];
  const frames: (() => void)[] = [];
  const clock = { now: () => now, setTimeout: (run: () => void, ms: number) => timers.push({ at: now + ms, run }) };
  const schedule = adaptiveSchedule((render) => frames.push(render), clock);
  const advance = (ms: number) => {
    now += ms;
    for (const t of timers.splice(0).sort((a, b) => a.at - b.at)) {
      if (t.at <= now) t.run();
      else timers.push(t);
    }
  };
  const frame = () => frames.splice(0).forEach((f) => f());
  return { schedule, frames, timers, advance, frame, cost: (ms: number) => () => (now += ms) };
}

describe('webview: adaptive render scheduling', () => {
  it('renders on the next frame while renders are cheap', () => {
    const { schedule, frames, frame, cost } = setup();
    schedule(cost(0));
    assert.equal(frames.length, 1);
    frame();
    schedule(cost(0));
    assert.equal(frames.length, 1, 'no wait after a render that cost nothing');
  });

  it(`after an expensive render, waits ${IDLE_RATIO}× its cost before the next one`, () => {
    const { schedule, frames, timers, frame, advance, cost } = setup();
    schedule(cost(40));
    frame(); // took 40 ms
    schedule(cost(40));
    assert.equal(frames.length, 0, 'not on the next frame');
    assert.equal(timers.length, 1);
    advance(40 * IDLE_RATIO - 1);
    assert.equal(frames.length, 0, 'still waiting just before the idle time is over');
    advance(1);
    assert.equal(frames.length, 1, 'scheduled once the idle time is over');
  });

  it('keeps rendering at most a quarter of the time through a long stream of expensive renders', () => {
    const { schedule, frame, advance, cost } = setup();
    let rendering = 0;
    let renders = 0;
    const start = 0;
    let clock = start;
    for (let i = 0; i < 100; i++) {
      const render = cost(30);
      schedule(() => {
        render();
        rendering += 30;
        renders++;
      });
      // Frames come every 16 ms; time passes.
      for (let t = 0; t < 200; t += 16) {
        frame();
        advance(16);
        clock += 16;
      }
    }
    assert.equal(renders, 100);
    assert.ok(rendering / (clock + rendering) <= 1 / (IDLE_RATIO + 1) + 0.01);
  });
});
