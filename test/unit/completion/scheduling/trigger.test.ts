import * as assert from 'node:assert/strict';
import { lexicalGuess, needsSyntax, skipReason, type TriggerInput, type TriggerSettings } from '../../../../src/completion/scheduling/trigger';

const settings: TriggerSettings = { disabledLanguages: [], enableInComments: true };
const noComments: TriggerSettings = { ...settings, enableInComments: false };

/** An automatic trigger at `█` in a document of `languageId`. */
function typing(marked: string, languageId = 'typescript', extra: Partial<TriggerInput> = {}): TriggerInput {
  assert.equal(marked.split('█').length, 2, 'exactly one cursor marker');
  return { text: marked.replace('█', ''), offset: marked.indexOf('█'), languageId, kind: 'automatic', selections: 1, ...extra };
}

describe('trigger: whether a completion may help here', () => {
  it('waits while the local completion server writes a chat or command answer, unless asked for (Alt+\\)', () => {
    assert.equal(skipReason(typing('const total = █\n', 'typescript', { serverAnswering: true }), settings), 'answering');
    assert.equal(skipReason(typing('const total = █\n', 'typescript', { serverAnswering: true, kind: 'manual' }), settings), undefined);
    assert.equal(skipReason(typing('const total = █\n', 'typescript', { serverAnswering: false }), settings), undefined);
  });

  it('completes at the end of a line and before closers the editor auto-inserted', () => {
    assert.equal(skipReason(typing('const total = items.reduce((sum, x) => sum + x█\n'), settings), undefined);
    assert.equal(skipReason(typing('print(█)\n', 'python'), settings), undefined);
    assert.equal(skipReason(typing('if (ready█) {\n'), settings), undefined);
    assert.equal(skipReason(typing('const name = "█";\n'), settings), undefined);
  });

  it('skips automatic triggers with word characters right of the cursor, but not manual ones', () => {
    assert.equal(skipReason(typing('cons█t x = 1;\n'), settings), 'wordRightOfCursor');
    assert.equal(skipReason(typing('call(█, second)\n'), settings), 'wordRightOfCursor');
    assert.equal(skipReason(typing('call(█, second)\n', 'typescript', { kind: 'manual' }), settings), undefined);
  });

  it('skips several cursors, disabled languages and ignored files, manual or not', () => {
    const manual = { kind: 'manual' as const };
    assert.equal(skipReason(typing('x = █\n', 'python', { ...manual, selections: 2 }), settings), 'multipleCursors');
    assert.equal(skipReason(typing('x = █\n', 'python', manual), { ...settings, disabledLanguages: ['python'] }), 'disabledLanguage');
    assert.equal(skipReason(typing('SECRET=█\n', 'dotenv', { ...manual, ignoredFile: true }), settings), 'ignoredFile');
  });

  it('skips an empty document unless asked', () => {
    assert.equal(skipReason(typing('\n  █\n'), settings), 'emptyDocument');
    assert.equal(skipReason(typing('\n  █\n', 'typescript', { kind: 'manual' }), settings), undefined);
  });

  it('honours the comments setting for line comments, block comments and Python docstrings', () => {
    const cases = [
      typing('const x = 1; // the number of █\n'),
      typing('/**\n * Adds two numbers and █\n */\n'),
      typing('def total(items):\n    """Return the sum of █\n', 'python'),
      typing('# retry three times, then █\n', 'python'),
    ];
    for (const input of cases) {
      assert.equal(skipReason(input, noComments), 'commentsDisabled', input.text);
      assert.equal(skipReason(input, settings), undefined, input.text);
    }
  });

  it('skips editing inside the text of an existing string', () => {
    assert.equal(skipReason(typing('const pattern = "(█)";\n'), settings), 'insideString');
  });

  it('completes inside an interpolation hole, which holds code, without a syntax tree', () => {
    const holes: Array<[string, string]> = [
      ['const msg = `total: ${█}`;\n', 'javascript'],
      ['const msg = `total: ${█}`;\n', 'typescriptreact'],
      ['    print(f"total: {█}")\n', 'python'],
      ['  puts "Hello, #{█}"\n', 'ruby'],
    ];
    for (const [marked, languageId] of holes) assert.equal(skipReason(typing(marked, languageId), settings), undefined, marked);
    // The same braces in a string without interpolation are its text.
    assert.equal(skipReason(typing('const msg = "total: ${█}";\n', 'javascript'), settings), 'insideString');
    assert.equal(skipReason(typing('    print("total: {█}")\n', 'python'), settings), 'insideString');
    assert.equal(skipReason(typing("  puts 'Hello, #{█}'\n", 'ruby'), settings), 'insideString');
  });

  it('looks at the syntax only for automatic triggers that the cheap checks let through', () => {
    assert.equal(needsSyntax(typing('const msg = `total: ${█}`;\n'), settings), true);
    assert.equal(needsSyntax(typing('const msg = `total: ${█}`;\n', 'typescript', { kind: 'manual' }), settings), false);
    assert.equal(needsSyntax(typing('cons█t x = 1;\n'), settings), false);
    assert.equal(needsSyntax(typing('const x = █\n', 'typescript', { selections: 2 }), settings), false);
    assert.equal(needsSyntax(typing('const x = █\n', 'typescript', { ignoredFile: true }), settings), false);
    assert.equal(needsSyntax(typing('\n  █\n'), settings), false);
  });

  it('trusts the syntax tree over the lexical guess', () => {
    const input = typing('const x = 1; █\n', 'typescript', { syntax: { inComment: true } });
    assert.equal(skipReason(input, noComments), 'commentsDisabled');
    const notComment = typing('# heading █\n', 'python', { syntax: { inComment: false } });
    assert.equal(skipReason(notComment, noComments), undefined);
  });
});

describe('trigger: lexical guess of comments and strings', () => {
  const guess = (marked: string, languageId = 'typescript') => lexicalGuess(marked.replace('█', ''), marked.indexOf('█'), languageId);

  it('does not mistake comment markers inside strings for comments', () => {
    assert.deepEqual(guess('fetch("http://example.com/█")\n'), { inComment: false, stringTextRightOfCursor: '' });
    assert.deepEqual(guess('url = "a # b █"\n', 'python'), { inComment: false, stringTextRightOfCursor: '' });
  });

  it('sees the end of a block comment and of a closed docstring', () => {
    assert.deepEqual(guess('/* note */ const x = █\n'), { inComment: false });
    assert.deepEqual(guess('def f():\n    """Doc."""\n    return █\n', 'python'), { inComment: false });
  });

  it('reads an interpolation hole as code, nested brackets and strings included, and its string again after it', () => {
    const code = { inComment: false };
    assert.deepEqual(guess('const msg = `total: ${█}`;\n'), code);
    assert.deepEqual(guess('const msg = `${items.map((i) => `${i.name}: ${█}`)}`;\n'), code);
    assert.deepEqual(guess('const msg = `${f("}")} and ${g({ a: █ })}`;\n'), code);
    assert.deepEqual(guess('const msg = `${items.length} item█s`;\n'), { inComment: false, stringTextRightOfCursor: 's' });
    assert.deepEqual(guess('    print(f"total: {█}")\n', 'python'), code);
    assert.deepEqual(guess('    print(rf"{path}/{█}")\n', 'python'), code);
    assert.deepEqual(guess('    print(f"{{█}}")\n', 'python'), { inComment: false, stringTextRightOfCursor: '}}' }, '`{{` is a literal brace');
    assert.deepEqual(guess('    print(elif"{█}")\n', 'python'), { inComment: false, stringTextRightOfCursor: '}' }, 'only a string prefix makes an f-string');
    assert.deepEqual(guess('  puts "Hello, #{█}"\n', 'ruby'), code);
    assert.deepEqual(guess('  IO.puts "Hello, #{█}"\n', 'elixir'), code);
    assert.deepEqual(guess('var s = $"total: {█}";\n', 'csharp'), code);
    assert.deepEqual(guess('val s = "total: ${█}"\n', 'kotlin'), code);
    assert.deepEqual(guess('$s = "total: {$█}";\n', 'php'), code);
    assert.deepEqual(guess('let s = "total: \\(█)"\n', 'swift'), code);
    assert.deepEqual(guess('echo "now: $(█)"\n', 'shellscript'), code);
    // Go's backtick strings are raw: `${` is their text.
    assert.deepEqual(guess('s := `total: ${█}`\n', 'go'), { inComment: false, stringTextRightOfCursor: '}' });
  });

  it('does not read Rust lifetimes as quotes', () => {
    assert.deepEqual(guess("fn first<'a>(s: &'a str) -> █\n", 'rust'), { inComment: false });
  });

  it('has no guess for languages whose syntax it does not know', () => {
    assert.equal(guess('some text █\n', 'plaintext'), undefined);
  });
});
