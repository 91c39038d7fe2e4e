import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { inverseFrequencies, vocabularyOverlap, weighWords, weightedOverlap, wordParts } from '../../../../src/context/imports/vocabulary';

describe('context: vocabulary overlap of a definition and the code at the cursor', () => {
  it('splits identifiers into lowercase word parts, light-stemmed', () => {
    assert.deepEqual([...wordParts('def _get_event_loop(TimerHandle, handlers):')], ['event', 'loop', 'time', 'handl']);
    assert.ok(wordParts('self._timeout_handler').has('handl'), '`handler` meets `handle`');
    // The codebase index's stemmer (text/stem.ts): a word's forms meet, two words stay two.
    assert.deepEqual(wordParts('add_note(notes, noted)'), new Set(['add', 'note']));
    assert.deepEqual(wordParts('is_not_state(stat)'), new Set(['stat', 'state']));
  });

  it('scores the definition whose words the neighbourhood uses', () => {
    const near = wordParts('coro = accept_coro(future, conn)\nreturn future');
    const ensure = vocabularyOverlap(wordParts('def ensure_future(coro_or_future, *, loop=None):'), near);
    const sleep = vocabularyOverlap(wordParts('async def sleep(delay, result=None):'), near);
    assert.ok(ensure > 0.2 && sleep === 0, `${ensure} ${sleep}`);
  });

  it('counts rare words more than words every definition shares', () => {
    const defs = [wordParts('def run_loop(loop):'), wordParts('def stop_loop(loop):'), wordParts('def new_timer(loop):')];
    const weight = inverseFrequencies(defs);
    assert.ok(weight('timer') > weight('loop'));
    const near = wordParts('timer = make(loop)');
    assert.ok(vocabularyOverlap(defs[2], near, weight) > vocabularyOverlap(defs[0], near, weight));
  });

  it('weighs a definition\'s words once and scores exactly as weighing them on every request', () => {
    const words = fc.uniqueArray(fc.constantFrom('event', 'session', 'audio', 'turn', 'stream', 'close', 'open', 'token', 'item', 'delta'), { maxLength: 8 });
    fc.assert(
      fc.property(fc.array(words, { minLength: 1, maxLength: 6 }), words, (definitions, near) => {
        const sets = definitions.map((d) => new Set(d));
        const rarity = inverseFrequencies(sets);
        const nearby = new Set(near);
        // The same floating-point number, not one close to it: ranking ties must break the same way.
        return sets.every((d) => Object.is(weightedOverlap(weighWords(d, rarity), nearby), vocabularyOverlap(d, nearby, rarity)));
      }),
      { numRuns: 500 },
    );
  });
});
