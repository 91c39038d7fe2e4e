import * as assert from 'node:assert/strict';
import { NextEditController, type DocumentState, type Suggestion } from '../../../src/nextEdit/controller';
import type { NextEditInput, NextEditResult } from '../../../src/nextEdit/pipeline';

const URI = 'file:///w/a.ts';
const BEFORE = 'const count = 1;\nuse(count);\n';
const AFTER_EDIT = 'const total = 1;\nuse(count);\n';

/** A controller with a hand-driven clock and a model whose answers the test resolves. */
function setUp() {
  const timers: Array<{ run: () => void; ms: number } | undefined> = [];
  const calls: Array<{ input: NextEditInput; resolve: (r: NextEditResult) => void }> = [];
  const shown: Array<Suggestion | undefined> = [];
  const doc = { text: BEFORE, version: 1, cursor: { line: 0, character: 11 } };
  const controller = new NextEditController({
    predict: (input) => new Promise((resolve) => calls.push({ input, resolve })),
    current: (uri): DocumentState | undefined => (uri === URI ? { uri, version: doc.version, cursor: doc.cursor, document: { path: 'a.ts', languageId: 'typescript', text: doc.text } } : undefined),
    onChange: (s) => shown.push(s),
    debounceMs: 300,
    setTimer: (run, ms) => timers.push({ run, ms }) - 1,
    clearTimer: (handle) => (timers[handle as number] = undefined),
    now: () => 1000,
  });
  controller.track(URI, BEFORE);
  const edit = () => {
    doc.text = AFTER_EDIT;
    doc.version++;
    controller.changed(URI, 'a.ts', [{ rangeOffset: 6, rangeLength: 5, text: 'total' }], AFTER_EDIT, 'edit');
  };
  const fire = () => {
    const pending = timers.filter((t) => t);
    timers.length = 0;
    for (const t of pending) t!.run();
  };
  const settle = () => new Promise((r) => setImmediate(r));
  const rename: NextEditResult = { edits: [{ startLine: 1, endLine: 1, text: 'use(total);' }], tried: [{ startLine: 0, endLine: 2 }], region: { startLine: 0, endLine: 2 } };
  return { controller, timers, calls, shown, doc, edit, fire, settle, rename };
}

describe('next-edit controller (when to ask, what to show)', () => {
  it('records the edit and asks once the debounce ends, then shows the answer', async () => {
    const t = setUp();
    t.edit();
    assert.equal(t.calls.length, 0, 'nothing asked before the quiet time');
    assert.equal(t.timers[0]?.ms, 300);
    t.fire();
    assert.equal(t.calls.length, 1);
    assert.deepEqual(t.calls[0].input.history.map((h) => [h.before, h.after, h.source]), [[['const count = 1;'], ['const total = 1;'], 'user']]);
    t.calls[0].resolve(t.rename);
    await t.settle();
    assert.deepEqual(t.controller.suggestion?.pieces, [{ from: { line: 1, character: 4 }, to: { line: 1, character: 9 }, text: 'total' }]);
    assert.equal(t.shown.at(-1), t.controller.suggestion);
  });

  it('aborts the request in flight on the next edit and drops an answer for an older version', async () => {
    const t = setUp();
    t.edit();
    t.fire();
    const first = t.calls[0];
    t.doc.version++;
    t.controller.changed(URI, 'a.ts', [{ rangeOffset: 0, rangeLength: 0, text: '' }], AFTER_EDIT, 'edit');
    assert.equal(first.input.signal?.aborted, true);
    first.resolve(t.rename);
    await t.settle();
    assert.equal(t.controller.suggestion, undefined);
  });

  it('lets ghost text win: an answer for the version ghost text was shown at is not shown, and a shown one is dismissed', async () => {
    const t = setUp();
    t.edit();
    t.fire();
    t.controller.ghostShown(URI, t.doc.version);
    t.calls[0].resolve(t.rename);
    await t.settle();
    assert.equal(t.controller.suggestion, undefined);

    t.doc.version++;
    t.controller.changed(URI, 'a.ts', [{ rangeOffset: 0, rangeLength: 0, text: '' }], AFTER_EDIT, 'edit');
    t.fire();
    t.calls.at(-1)!.resolve(t.rename);
    await t.settle();
    assert.ok(t.controller.suggestion, 'shown when no ghost text is');
    t.controller.ghostShown(URI, t.doc.version);
    assert.equal(t.controller.suggestion, undefined);
  });

  it('records an accepted suggestion as the model’s and asks again at once on follow-up', async () => {
    const t = setUp();
    t.edit();
    t.fire();
    t.calls[0].resolve(t.rename);
    await t.settle();
    const accepted = t.controller.accept();
    assert.ok(accepted);
    assert.equal(t.controller.suggestion, undefined);
    const done = 'const total = 1;\nuse(total);\n';
    t.doc.text = done;
    t.doc.version++;
    t.controller.changed(URI, 'a.ts', [{ rangeOffset: 21, rangeLength: 5, text: 'total' }], done, 'edit');
    assert.equal(t.timers.filter((x) => x).length, 0, 'an accepted edit is not debounced like typing');
    void t.controller.followUp(URI);
    assert.equal(t.calls.length, 2);
    assert.deepEqual(t.calls[1].input.history.map((h) => h.source), ['user', 'suggestion']);
    assert.deepEqual(t.calls[1].input.visited, [{ startLine: 0, endLine: 2 }], 'the region offered is not offered again in this run');
  });

  it('only dismisses on undo: nothing recorded, nothing asked', async () => {
    const t = setUp();
    t.edit();
    t.fire();
    t.calls[0].resolve(t.rename);
    await t.settle();
    t.doc.text = BEFORE;
    t.doc.version++;
    t.controller.changed(URI, 'a.ts', [{ rangeOffset: 6, rangeLength: 5, text: 'count' }], BEFORE, 'undo');
    assert.equal(t.controller.suggestion, undefined);
    assert.equal(t.timers.filter((x) => x).length, 0);
    assert.equal(t.controller.history.list('a.ts').length, 1);
  });
});
