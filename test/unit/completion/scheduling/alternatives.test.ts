import * as assert from 'node:assert/strict';
import { ALTERNATIVE_TEMPERATURES, AlternativeSuggestions, findAlternatives } from '../../../../src/completion/scheduling/alternatives';
import type { CompleteOnce, Sampling } from '../../../../src/completion/scheduling/scheduler';
import type { DocumentSnapshot } from '../../../../src/workspace/document';

const snapshot: DocumentSnapshot = { uri: 'file:///a.ts', path: 'a.ts', languageId: 'typescript', text: 'const x = ', offset: 10, version: 3 };
const first = { insert: '1;', replaceLength: 0 };

/** A CompleteOnce answering from a list, recording how each call sampled. */
function answers(...inserts: (string | Error | undefined)[]): { complete: CompleteOnce; calls: (Sampling | undefined)[] } {
  const calls: (Sampling | undefined)[] = [];
  const complete: CompleteOnce = async (_s, _signal, _progress, sampling) => {
    calls.push(sampling);
    const next = inserts.shift();
    if (next instanceof Error) throw next;
    return next === undefined ? undefined : { insert: next, replaceLength: 0 };
  };
  return { complete, calls };
}

describe('findAlternatives: more suggestions after the first, for Alt+] to cycle', () => {
  it('asks once per warmer temperature and keeps the first first', async () => {
    const { complete, calls } = answers('2;', 'x + 1;');
    const found = await findAlternatives(complete, snapshot, first, 3, new AbortController().signal);
    assert.deepEqual(found.map((r) => r.insert), ['1;', '2;', 'x + 1;']);
    assert.deepEqual(calls, ALTERNATIVE_TEMPERATURES.map((temperature) => ({ temperature })));
    assert.ok(ALTERNATIVE_TEMPERATURES.every((t) => t > 0.2), 'warmer than the default completion temperature, so they differ');
  });

  it('drops an answer that repeats one already found (trailing whitespace aside) or is empty', async () => {
    const { complete } = answers('1;\n', '  ');
    assert.deepEqual((await findAlternatives(complete, snapshot, first, 3, new AbortController().signal)).map((r) => r.insert), ['1;']);
  });

  it('asks no more than `count` asks for: 2 → one extra request, 1 → none', async () => {
    const two = answers('2;', '3;');
    assert.equal((await findAlternatives(two.complete, snapshot, first, 2, new AbortController().signal)).length, 2);
    assert.equal(two.calls.length, 1);
    const one = answers('2;');
    assert.equal((await findAlternatives(one.complete, snapshot, first, 1, new AbortController().signal)).length, 1);
    assert.equal(one.calls.length, 0);
  });

  it('stops at a failure (the first suggestion stands) and when aborted', async () => {
    const failing = answers(new Error('server down'), '3;');
    assert.deepEqual((await findAlternatives(failing.complete, snapshot, first, 3, new AbortController().signal)).map((r) => r.insert), ['1;']);
    assert.equal(failing.calls.length, 1, 'a failing server is not asked again');
    const abort = new AbortController();
    abort.abort();
    const aborted = answers('2;');
    assert.deepEqual(await findAlternatives(aborted.complete, snapshot, first, 3, abort.signal), [first]);
    assert.equal(aborted.calls.length, 0);
  });
});

describe('AlternativeSuggestions: offered only where they were found', () => {
  it('gives them back at the same version and cursor, and forgets them once either moves', () => {
    const store = new AlternativeSuggestions();
    const results = [first, { insert: '2;', replaceLength: 0 }];
    store.remember(snapshot, results);
    assert.deepEqual(store.at({ ...snapshot }), results);
    assert.deepEqual(store.at({ ...snapshot, offset: 11 }), []);
    assert.deepEqual(store.at(snapshot), [], 'forgotten after the cursor moved');
    store.remember(snapshot, results);
    assert.deepEqual(store.at({ ...snapshot, version: 4 }), []);
    store.remember(snapshot, results);
    store.forget(snapshot.uri);
    assert.deepEqual(store.at(snapshot), []);
  });
});
