import * as assert from 'node:assert/strict';
import { cutAtSpecialToken, endsWithSpecialToken, stripSpecialTokens } from '../../../../src/completion/postprocess/stripSpecialTokens';
import { contextAt } from '../cursorFixture';

describe('postprocess/stripSpecialTokens', () => {
  const run = (text: string) => stripSpecialTokens({ text, replaceLength: 0 }, contextAt('x = █\n'))!.text;

  it('ends the completion at a control token, in every family spelling', () => {
    assert.equal(run('a + b;<|endoftext|>junk'), 'a + b;');
    assert.equal(run('a + b;<|file_sep|>other.ts'), 'a + b;');
    assert.equal(run('a + b; <EOT>'), 'a + b; ');
    assert.equal(run('a + b;<｜end▁of▁sentence｜>'), 'a + b;');
    assert.equal(run('a + b;<file_sep>'), 'a + b;');
    assert.equal(run('a + b;<|file_separator|>'), 'a + b;');
    assert.equal(run('a;<fim_suffix>b'), 'a;');
  });

  it('drops control tokens the model starts with', () => {
    assert.equal(run('<|fim_middle|>a + b;'), 'a + b;');
    assert.equal(run(' <MID> a + b;<EOT>'), ' a + b;');
  });

  it('leaves code that merely looks similar alone', () => {
    assert.equal(run('if (a < b && c > d) {}'), 'if (a < b && c > d) {}');
    assert.equal(run('x = <div>{value}</div>;'), 'x = <div>{value}</div>;');
    assert.equal(run('y = a <| b |> c'), 'y = a <| b |> c');
  });

  it('tells when a token ends the text (the stream can stop)', () => {
    assert.equal(endsWithSpecialToken('42<|endoftext|>'), true);
    assert.equal(endsWithSpecialToken('<|fim_middle|>42'), false);
    assert.equal(cutAtSpecialToken('<|fim_middle|><|fim_middle|>ok'), 'ok');
  });
});
