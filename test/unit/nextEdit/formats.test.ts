import * as assert from 'node:assert/strict';
import { formatForModel, formatIdForModel, FORMATS } from '../../../src/nextEdit/formats/detect';
import type { PromptInput } from '../../../src/nextEdit/formats/types';
import { applyLineEdits, splitLines } from '../../../src/nextEdit/lines';
import { predictNextEdit } from '../../../src/nextEdit/pipeline';
import { ScriptedNextEditModel } from '../../../src/nextEdit/scriptedModel';
import type { EditHunk } from '../../../src/nextEdit/types';

const before = ['import x from "x";', '', 'function total(items) {', '  let sum = 0;', '  for (const it of items) sum += it;', '  return sum;', '}'];
const text = [...before];
text[3] = '  let acc = 0;';
const after = ['import x from "x";', '', 'function total(items) {', '  let acc = 0;', '  for (const it of items) acc += it;', '  return acc;', '}'];
const userEdit: EditHunk = { path: 'src/total.js', startLine: 3, before: [before[3]], after: [text[3]], source: 'user' };

const input: PromptInput = {
  path: 'src/total.js',
  languageId: 'javascript',
  lines: text,
  region: { startLine: 3, endLine: 5 },
  cursor: { line: 3, character: 9 },
  history: [userEdit],
};

describe('next edit: prompt formats', () => {
  for (const id of Object.keys(FORMATS) as (keyof typeof FORMATS)[]) {
    it(`${id}: prompt → scripted answer in the format → parse → edits give the complete change`, async () => {
      const format = FORMATS[id];
      let lines = [...text];
      const model = new ScriptedNextEditModel(format, after, () => lines);
      const result = await predictNextEdit({ document: { path: 'src/total.js', languageId: 'javascript', text: lines.join('\n') }, cursor: { line: 3, character: 9 }, history: [userEdit] }, { backend: model, model: 'any', format });
      assert.equal(model.prompts.length, 1);
      assert.ok(result.region && result.region.startLine <= 4 && result.region.endLine >= 5, JSON.stringify(result.region));
      lines = applyLineEdits(lines, result.edits);
      assert.deepEqual(lines, after);
    });

    it(`${id}: the region the prompt shows is read back from the prompt alone`, () => {
      const format = FORMATS[id];
      const request = format.build(input);
      const prompt = request.kind === 'completion' ? request.prompt : request.messages[request.messages.length - 1].content;
      const shown = format.read(prompt)!;
      assert.deepEqual(shown.region, text.slice(3, 6));
      assert.equal(shown.path, 'src/total.js');
      assert.deepEqual(shown.before.slice(-2), text.slice(1, 3));
      assert.deepEqual(format.parse(format.answer(after.slice(3, 6), shown)), after.slice(3, 6));
    });
  }

  it('zeta: Zed\'s zeta1 layout, the cursor marked in the region, <|start_of_file|> when the excerpt starts the file', () => {
    const request = FORMATS.zeta.build(input);
    assert.equal(request.kind, 'completion');
    if (request.kind !== 'completion') return;
    assert.ok(request.prompt.startsWith('### Instruction:\nYou are a code completion assistant'));
    assert.ok(request.prompt.includes('### User Edits:\n\nUser edited src/total.js:\n```diff\n@@ -4,1 +4,1 @@\n-  let sum = 0;\n+  let acc = 0;\n```\n\n### User Excerpt:\n\n```src/total.js\n<|start_of_file|>\nimport x from "x";'));
    assert.ok(request.prompt.includes('<|editable_region_start|>\n  let acc<|user_cursor_is_here|> = 0;\n'));
    assert.ok(request.prompt.endsWith('<|editable_region_end|>\n}\n```\n\n### Response:\n'));
    assert.deepEqual(request.stop, ['<|editable_region_end|>']);
  });

  it('zeta: reads an answer that ran past the end marker, or stopped at it', () => {
    const full = '```src/total.js\n<|editable_region_start|>\n  let acc = 0;\n\n<|editable_region_end|>\n```';
    assert.deepEqual(FORMATS.zeta.parse(full), ['  let acc = 0;', '']);
    // A region that ends with a fence line of its own keeps it.
    assert.deepEqual(FORMATS.zeta.parse('```a.md\n<|editable_region_start|>\ntext\n```\n'), ['text', '```']);
    assert.deepEqual(FORMATS.zeta.parse('```src/total.js\n<|editable_region_start|>\n  a<|user_cursor_is_here|>\n'), ['  a']);
    assert.equal(FORMATS.zeta.parse('no markers here'), undefined);
  });

  it('instinct: system and user messages in Continue\'s sections; a fenced answer is read too', () => {
    const request = FORMATS.instinct.build(input);
    assert.equal(request.kind, 'chat');
    if (request.kind !== 'chat') return;
    assert.deepEqual(request.messages.map((m) => m.role), ['system', 'user']);
    const user = request.messages[1].content;
    assert.ok(/### Context:\n[\s\S]*### User Edits:\n\nUser edited file "src\/total.js"\n\n```diff\n@@ -4,1 \+4,1 @@/.test(user), user);
    assert.ok(user.includes('### User Excerpt:\nsrc/total.js\n\nimport x'));
    assert.ok(user.endsWith('}```\n### Response:'));
    assert.deepEqual(FORMATS.instinct.parse('```js\n  a\n  b\n```'), ['  a', '  b']);
  });

  it('sweep: <|file_sep|> sections with the window before the last edit as original/', () => {
    const request = FORMATS.sweep.build(input);
    assert.equal(request.kind, 'completion');
    if (request.kind !== 'completion') return;
    assert.ok(request.prompt.includes('<|file_sep|>src/total.js.diff\noriginal:\n  let sum = 0;\nupdated:\n  let acc = 0;\n'));
    assert.ok(request.prompt.includes('<|file_sep|>original/src/total.js\n  let sum = 0;\n'));
    assert.ok(request.prompt.includes('<|file_sep|>current/src/total.js\n  let acc = 0;\n'));
    assert.ok(request.prompt.endsWith('<|file_sep|>updated/src/total.js\n'));
    assert.deepEqual(FORMATS.sweep.parse('  a\n  b\n<|file_sep|>junk'), ['  a', '  b']);
  });

  it('generic: a fenced answer, markers copied along are dropped', () => {
    assert.deepEqual(FORMATS.generic.parse('Here:\n```js\n<|editable_region_start|>\n  a\n<|editable_region_end|>\n```'), ['  a']);
    assert.equal(FORMATS.generic.parse('no code'), undefined);
  });

  it('tells the format from the model name, as completion families are', () => {
    assert.equal(formatIdForModel('zeta:7b'), 'zeta');
    assert.equal(formatIdForModel('hf.co/zed-industries/zeta-GGUF:Q4_K_M'), 'zeta');
    assert.equal(formatIdForModel('continuedev/instinct'), 'instinct');
    assert.equal(formatIdForModel('sweep-next-edit-1.5b'), 'sweep');
    assert.equal(formatIdForModel('sweepai/sweep-next-edit-v2-7B'), 'sweep');
    assert.equal(formatIdForModel('qwen2.5-coder:7b'), 'generic');
    assert.equal(formatIdForModel('zetalike'), 'generic');
    assert.equal(formatForModel('gpt-4o-mini').id, 'generic');
  });

  it('splitLines keeps a trailing empty line', () => {
    assert.deepEqual(splitLines('a\n'), ['a', '']);
  });
});
