import * as assert from 'node:assert/strict';
import { ChunkBatcher, type BatchClock } from '../../../src/vscode/panel/chunkBatcher';

/** Time moved by hand: timers fire when `advance` passes them. */
class ManualClock implements BatchClock {
  time = 1000;
  private timers = new Map<number, { at: number; run: () => void }>();
  private next = 1;
  now = () => this.time;
  setTimeout = (run: () => void, ms: number) => {
    const id = this.next++;
    this.timers.set(id, { at: this.time + ms, run });
    return id;
  };
  clearTimeout = (handle: unknown) => void this.timers.delete(handle as number);
  advance(ms: number): void {
    this.time += ms;
    for (const [id, t] of [...this.timers].sort((a, b) => a[1].at - b[1].at)) {
      if (t.at <= this.time) {
        this.timers.delete(id);
        t.run();
      }
    }
  }
  pending = () => this.timers.size;
}

describe('answer panel: batching streamed text', () => {
  const setup = () => {
    const clock = new ManualClock();
    const delivered: string[] = [];
    const batcher = new ChunkBatcher((t) => delivered.push(t), 50, clock);
    return { clock, delivered, batcher };
  };

  it('passes the first piece on at once, then joins the pieces of each interval', () => {
    const { clock, delivered, batcher } = setup();
    batcher.push('The ');
    assert.deepEqual(delivered, ['The ']);
    clock.advance(10);
    batcher.push('answer ');
    clock.advance(10);
    batcher.push('is ');
    assert.deepEqual(delivered, ['The '], 'held back within the interval');
    clock.advance(30);
    assert.deepEqual(delivered, ['The ', 'answer is ']);
    clock.advance(100);
    batcher.push('42.');
    assert.deepEqual(delivered, ['The ', 'answer is ', '42.'], 'after a pause, at once again');
  });

  it('delivers at most one batch per interval however many pieces arrive', () => {
    const { clock, delivered, batcher } = setup();
    for (let i = 0; i < 100; i++) {
      batcher.push('x');
      clock.advance(5);
    }
    batcher.flush();
    assert.equal(delivered.join(''), 'x'.repeat(100), 'nothing lost or repeated');
    assert.ok(delivered.length <= 11, `${delivered.length} batches for 500 ms`);
  });

  it('flush delivers what is held now; discard drops it', () => {
    const { clock, delivered, batcher } = setup();
    batcher.push('a');
    batcher.push('b');
    batcher.flush();
    assert.deepEqual(delivered, ['a', 'b']);
    batcher.push('c');
    batcher.discard();
    assert.equal(clock.pending(), 0);
    clock.advance(100);
    assert.deepEqual(delivered, ['a', 'b']);
    batcher.push('');
    assert.deepEqual(delivered, ['a', 'b'], 'empty pieces are ignored');
  });
});
