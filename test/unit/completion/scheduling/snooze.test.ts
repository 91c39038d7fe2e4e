import * as assert from 'node:assert/strict';
import { Snooze } from '../../../../src/completion/scheduling/snooze';

describe('completion: snooze', () => {
  it('is active until the time it was snoozed for has passed, then ends by itself', () => {
    let now = 1000;
    const snooze = new Snooze(() => now);
    assert.equal(snooze.active(), false);
    assert.equal(snooze.snooze(15 * 60_000), 1000 + 15 * 60_000);
    now += 15 * 60_000 - 1;
    assert.equal(snooze.active(), true);
    now += 1;
    assert.equal(snooze.active(), false);
    assert.equal(snooze.activeUntil(), undefined);
  });

  it('resume ends it at once; a new snooze replaces the old one', () => {
    let now = 0;
    const snooze = new Snooze(() => now);
    snooze.snooze(3_600_000);
    snooze.snooze(60_000);
    now = 60_001;
    assert.equal(snooze.active(), false, 'the shorter, newer snooze counts');
    snooze.snooze(60_000);
    snooze.resume();
    assert.equal(snooze.active(), false);
  });

  it('comes back from a saved end time only while it is still in the future', () => {
    assert.equal(new Snooze(() => 500, 1000).activeUntil(), 1000);
    assert.equal(new Snooze(() => 1500, 1000).active(), false);
  });
});
