import * as assert from 'node:assert/strict';
import { continuesRequest, remainingSuggestion, reuseShown, typedSince } from '../../../../src/completion/scheduling/reuse';

/** A document as the user sees it: `█` is the cursor. */
function at(marked: string): { text: string; offset: number } {
  assert.equal(marked.split('█').length, 2, 'exactly one cursor marker');
  return { text: marked.replace('█', ''), offset: marked.indexOf('█') };
}

/** A suggestion shown at the cursor of `marked`. */
function shown(marked: string, insert: string, replaceLength = 0) {
  return { ...at(marked), result: { insert, replaceLength } };
}

describe('reuse: the rest of a suggestion the user is typing into', () => {
  it('keeps showing the rest while the user types what the suggestion shows', () => {
    const s = shown('const total = █\n', 'items.length;');
    assert.deepEqual(reuseShown(s, at('const total = items.█\n')), { insert: 'length;', replaceLength: 0 });
    assert.deepEqual(reuseShown(s, at('const total = █\n')), { insert: 'items.length;', replaceLength: 0 });
  });

  it('drops the suggestion when the typing diverges, when it is used up, or when only whitespace is left', () => {
    const s = shown('const total = █\n', 'items.length;  ');
    assert.equal(reuseShown(s, at('const total = itemz█\n')), undefined);
    assert.equal(reuseShown(s, at('const total = items.length;█\n')), undefined);
    assert.equal(reuseShown(s, at('const total = items.length;  █\n')), undefined);
  });

  it('drops the suggestion when the cursor moved back before it or the document changed elsewhere', () => {
    const s = shown('let a = 1;\nconst total = █\nreturn total;\n', 'a + 1;');
    assert.equal(reuseShown(s, at('let a = 1;\nconst total █\nreturn total;\n')), undefined, 'backspaced before the anchor');
    assert.equal(reuseShown(s, at('let b = 1;\nconst total = a█\nreturn total;\n')), undefined, 'edited above');
    assert.equal(reuseShown(s, at('let a = 1;\nconst total = a█\nreturn totals;\n')), undefined, 'edited below');
  });

  it('follows a multi-line suggestion across the line breaks the user types', () => {
    const s = shown('if (ready) {█\n}\n', '\n  start();\n  report();');
    assert.deepEqual(reuseShown(s, at('if (ready) {\n  start();\n  █\n}\n')), { insert: 'report();', replaceLength: 0 });
  });

  it('replaces the closer the editor auto-inserted while the user typed', () => {
    // The user types `compute(`; the editor adds `)` right of the cursor.
    const s = shown('const x = █\n', 'compute(a, b);');
    assert.deepEqual(reuseShown(s, at('const x = compute(█)\n')), { insert: 'a, b);', replaceLength: 1 });
  });

  it('keeps replacing the closer the suggestion replaced from the start, until the user types over it', () => {
    const s = shown('print(█)\n', 'total)', 1);
    assert.deepEqual(reuseShown(s, at('print(tot█)\n')), { insert: 'al)', replaceLength: 1 });
    assert.equal(reuseShown(s, at('print(total)█\n')), undefined);
  });

  it('gives up when a new character right of the cursor does not appear in the suggestion', () => {
    const s = shown('x = █\n', 'f(1)');
    assert.equal(remainingSuggestion(s.result, '', 'f', ']'), undefined);
    assert.deepEqual(remainingSuggestion(s.result, '', 'f', ')'), { insert: '(1)', replaceLength: 1 });
  });
});

describe('reuse: what was typed since an anchor', () => {
  it('reports the typed text and the rest of the line then and now', () => {
    assert.deepEqual(typedSince(at('call(█)\nnext\n'), at('call(ab█)\nnext\n')), { typed: 'ab', restThen: ')', restNow: ')' });
  });

  it('is undefined when text before the anchor was deleted', () => {
    assert.equal(typedSince(at('call(█)\n'), at('cal█)\n')), undefined);
  });
});

describe('reuse: whether a request still streaming serves the new position', () => {
  const anchor = at('const total = █\n');
  it('continues while nothing has streamed yet, or while the typing agrees with the stream', () => {
    assert.equal(continuesRequest(anchor, '', at('const total = it█\n')), true);
    assert.equal(continuesRequest(anchor, 'items.le', at('const total = it█\n')), true);
    assert.equal(continuesRequest(anchor, 'it', at('const total = items█\n')), true);
  });

  it('is stale once the typing contradicts the stream, or the user deleted text', () => {
    assert.equal(continuesRequest(anchor, 'items', at('const total = sum█\n')), false);
    assert.equal(continuesRequest(anchor, '', at('const total █\n')), false);
  });
});
