/**
 * Issue 7: every post-processing filter, alone and in the pipeline, never throws on random cursor contexts
 * and raw completions, and keeps the invariant it exists for (it only shortens, only re-indents, never
 * leaves a control token, never replaces more than the auto-closed rest of the line, never shows blanks).
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { cursorContext, type CursorContext } from '../../../src/completion/analysis/cursorContext';
import { decideShape } from '../../../src/completion/analysis/multiline';
import { FILTERS, postprocess, type Draft, type FilterContext } from '../../../src/completion/postprocess';
import { cutAtSuffixRepeat } from '../../../src/completion/postprocess/cutAtSuffixRepeat';
import { dropBlank } from '../../../src/completion/postprocess/dropBlank';
import { dropEchoedPrefix } from '../../../src/completion/postprocess/dropEchoedPrefix';
import { dropRepeatedLines } from '../../../src/completion/postprocess/dropRepeatedLines';
import { fixIndentation } from '../../../src/completion/postprocess/fixIndentation';
import { keepFirstLine } from '../../../src/completion/postprocess/keepFirstLine';
import { preferValidSyntax } from '../../../src/completion/postprocess/preferValidSyntax';
import { replaceAutoClosed } from '../../../src/completion/postprocess/replaceAutoClosed';
import { stripMarkdownFence } from '../../../src/completion/postprocess/stripMarkdownFence';
import { findSpecialToken, stripSpecialTokens } from '../../../src/completion/postprocess/stripSpecialTokens';
import { truncateAtBlockEnd } from '../../../src/completion/postprocess/truncateAtBlockEnd';

const RUNS = 300;

const SPECIAL_TOKENS = ['<|endoftext|>', '<|fim_middle|>', '<|file_sep|>', '<fim_suffix>', '<EOT>', '<｜end▁of▁sentence｜>', '<|im_end|>'];
const indent = fc.constantFrom('', '  ', '    ', '        ', '\t', '\t\t', ' \t');
const codeBody = fc.constantFrom(
  'if (x) {', '}', '});', 'return x;', 'def f(a, b):', 'class A:', 'foo(', ')', 'x = [1, 2,', '];', 'else:', '} else {',
  'pass', 'const s = "a";', "print('hi')", '// a comment', '# a comment', '/* start', ' * middle', '*/', '"""doc', '`tpl ${a}',
  '```ts', '```', '', 'for i in range(3):', 'while (true) {', 'a + b', '<|endoftext|>', 'é😀中',
);
/** One line without its break: mostly code-ish, sometimes random printable or unicode text. */
const line = fc.oneof(
  { weight: 4, arbitrary: fc.tuple(indent, codeBody).map(([i, b]) => i + b) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }).map((s) => s.replace(/[\r\n]/g, '')) },
);
const lines = fc.array(line, { maxLength: 8 });
/** Left of the cursor: often a block opener or a blank indented line, where completions run over several lines. */
const linePrefix = fc.oneof(
  line,
  fc.tuple(indent, fc.constantFrom('if (x) {', 'function f() {', 'def f(a):', 'foo(', 'x = [', 'while (true) {', 'for i in range(3):', 'return ', '')).map(([i, b]) => i + b),
);
/** Right of the cursor: nothing, auto-closed brackets and quotes, or real code. */
const lineSuffix = fc.oneof({ weight: 3, arbitrary: fc.constantFrom('', ')', ');', '})', ']', '"', "')", ' ', ') {', ', b)') }, { weight: 1, arbitrary: line });
const language = fc.constantFrom('typescript', 'javascript', 'python', 'go', 'markdown', 'plaintext');

interface Scenario {
  cursor: CursorContext;
  context: FilterContext;
  raw: string;
}

/** A document with a cursor, built by the real cursorContext/decideShape, and a raw completion that plays on it. */
const scenario: fc.Arbitrary<Scenario> = fc
  .record({
    languageId: language,
    before: lines,
    linePrefix,
    lineSuffix,
    after: lines,
    inCommentOrString: fc.constantFrom(false, false, false, true),
    crlf: fc.boolean(),
    rawLines: fc.array(fc.oneof({ weight: 8, arbitrary: line }, { weight: 1, arbitrary: fc.constantFrom(...SPECIAL_TOKENS) }), { maxLength: 10 }),
    echo: fc.constantFrom('none', 'cursor line', 'lines below', 'both'),
    token: fc.oneof({ weight: 3, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...SPECIAL_TOKENS), fc.nat()) }),
    errors: fc.option(fc.func(fc.option(fc.nat(5), { nil: undefined })), { nil: undefined }),
  })
  .map((s) => {
    const eol = s.crlf ? '\r\n' : '\n';
    const before = s.before.map((l) => l + eol).join('');
    const after = s.after.join(eol);
    const text = before + s.linePrefix + s.lineSuffix + eol + after;
    const cursor = cursorContext({ text, offset: before.length + s.linePrefix.length, languageId: s.languageId }, s.inCommentOrString);
    let raw = s.rawLines.join('\n');
    if (s.echo === 'cursor line' || s.echo === 'both') raw = s.linePrefix.trim() + raw;
    if (s.echo === 'lines below' || s.echo === 'both') raw = `${raw}\n${after}`;
    if (s.token) raw = raw.slice(0, s.token[1] % (raw.length + 1)) + s.token[0] + raw.slice(s.token[1] % (raw.length + 1));
    const context: FilterContext = { cursor, shape: decideShape(cursor), countParseErrors: s.errors };
    return { cursor, context, raw };
  });

/** A draft as a filter may receive it mid-pipeline: any replaceLength within the cursor line's rest, maybe alternatives. */
const scenarioWithDraft = scenario.chain((sc) =>
  fc
    .record({
      replaceLength: fc.nat(sc.cursor.lineSuffix.length),
      alternatives: fc.option(fc.array(fc.string({ maxLength: 30 }), { minLength: 1, maxLength: 3 }), { nil: undefined }),
    })
    .map((d): [Scenario, Draft] => [sc, { text: sc.raw, ...d }]),
);

function check(predicate: (sc: Scenario, draft: Draft) => void): void {
  fc.assert(fc.property(scenarioWithDraft, ([sc, draft]) => predicate(sc, draft)), { numRuns: RUNS });
}

function withoutIndentChars(text: string): string {
  return text.replace(/[ \t]/g, '');
}

/**
 * A single line: no line break — or, at the end of a finished line (shape.nextLine), a line break (after
 * nothing but spaces), at most one blank line, and then one line.
 */
function isOneLine(text: string, shape: { nextLine?: boolean }): boolean {
  return !text.includes('\n') || (shape.nextLine === true && /^[ \t]*\r?\n(?:[ \t]*\r?\n)?[^\n]*$/.test(text));
}

describe('post-processing properties on random cursors and completions', () => {
  it('no filter throws, and each returns a draft whose replaceLength stays within the rest of the line', () => {
    check((sc, draft) => {
      for (const filter of FILTERS) {
        const out = filter(draft, sc.context);
        if (!out) continue;
        assert.equal(typeof out.text, 'string');
        assert.ok(out.replaceLength >= 0 && out.replaceLength <= sc.cursor.lineSuffix.length, `${filter.name}: replaceLength ${out.replaceLength}`);
      }
    });
  });

  it('the whole pipeline never throws; a result has non-blank text, stays on one line when single-line, and replaces only the rest of the line', () => {
    fc.assert(
      fc.property(scenario, (sc) => {
        const result = postprocess(sc.raw, sc.context);
        if (!result) return;
        assert.notEqual(result.text.trim(), '');
        assert.ok(result.replaceLength >= 0 && result.replaceLength <= sc.cursor.lineSuffix.length);
        if (!sc.context.shape.multiline) assert.ok(isOneLine(result.text, sc.context.shape), JSON.stringify(result.text));
        assert.equal(findSpecialToken(result.text), undefined);
      }),
      { numRuns: RUNS },
    );
  });

  it('stripSpecialTokens leaves no special token, keeps a piece of the input, and is idempotent', () => {
    check((sc, draft) => {
      const out = stripSpecialTokens(draft, sc.context)!;
      assert.equal(findSpecialToken(out.text), undefined);
      assert.ok(draft.text.includes(out.text));
      assert.equal(stripSpecialTokens(out, sc.context)!.text, out.text);
    });
  });

  it('the truncating filters keep a beginning of the text', () => {
    check((sc, draft) => {
      for (const filter of [keepFirstLine, truncateAtBlockEnd, cutAtSuffixRepeat, dropRepeatedLines]) {
        const out = filter(draft, sc.context)!;
        assert.ok(draft.text.startsWith(out.text), `${filter.name}: ${JSON.stringify(out.text)} is not a beginning of ${JSON.stringify(draft.text)}`);
        assert.equal(out.replaceLength, draft.replaceLength);
      }
    });
  });

  it('keepFirstLine leaves one line in a single-line completion: the rest of the line, or at a line end the next line', () => {
    check((sc, draft) => {
      const out = keepFirstLine(draft, sc.context)!;
      if (!sc.context.shape.multiline) assert.ok(isOneLine(out.text, sc.context.shape), JSON.stringify(out.text));
    });
  });

  it('dropEchoedPrefix keeps an end of the text; stripMarkdownFence keeps a piece of it', () => {
    check((sc, draft) => {
      assert.ok(draft.text.endsWith(dropEchoedPrefix(draft, sc.context)!.text));
      assert.ok(draft.text.includes(stripMarkdownFence(draft, sc.context)!.text));
    });
  });

  it('fixIndentation changes only spaces and tabs', () => {
    check((sc, draft) => {
      assert.equal(withoutIndentChars(fixIndentation(draft, sc.context)!.text), withoutIndentChars(draft.text));
    });
  });

  it('replaceAutoClosed replaces only closers, quotes and separators right of the cursor, and never the text', () => {
    check((sc, draft) => {
      const input = { ...draft, replaceLength: 0 };
      const out = replaceAutoClosed(input, sc.context)!;
      assert.equal(out.text, input.text);
      assert.ok(out.replaceLength <= sc.cursor.lineSuffix.length);
      assert.match(sc.cursor.lineSuffix.slice(0, out.replaceLength), /^[)\]}'"`;, \t]*$/);
    });
  });

  it('preferValidSyntax picks the text or one of its alternatives and settles them', () => {
    check((sc, draft) => {
      const out = preferValidSyntax(draft, sc.context)!;
      assert.ok([draft.text, ...(draft.alternatives ?? [])].includes(out.text));
      assert.equal(out.alternatives, undefined);
      assert.equal(out.replaceLength, draft.replaceLength);
    });
  });

  it('dropBlank drops exactly the whitespace-only drafts and leaves no trailing line break', () => {
    check((sc, draft) => {
      const out = dropBlank(draft, sc.context);
      if (draft.text.trim() === '') return assert.equal(out, undefined);
      assert.ok(out, 'a draft with content was dropped');
      assert.notEqual(out.text.trim(), '');
      assert.ok(!/[\r\n]$/.test(out.text));
    });
  });
});
