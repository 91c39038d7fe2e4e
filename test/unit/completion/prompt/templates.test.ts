import * as assert from 'node:assert/strict';
import type { FamilyId } from '../../../../src/completion/prompt/families';
import { FIM_TEMPLATES, type FimParts } from '../../../../src/completion/prompt/templates';

/** The user's view: the code with █ at the cursor. */
const CODE = 'def area(r):\n    return █\n\nprint(area(2))\n';
const [prefix, suffix] = CODE.split('█');
const parts: FimParts = { prefix, suffix, path: 'geometry.py', repoName: 'shapes', files: [] };

describe('completion/prompt/templates: raw FIM prompts per family', () => {
  const expected: Record<FamilyId, string> = {
    'qwen-coder': `<|fim_prefix|>${prefix}<|fim_suffix|>${suffix}<|fim_middle|>`,
    codeqwen: `<fim_prefix>${prefix}<fim_suffix>${suffix}<fim_middle>`,
    starcoder2: `<fim_prefix>${prefix}<fim_suffix>${suffix}<fim_middle>`,
    starcoder: `<fim_prefix>${prefix}<fim_suffix>${suffix}<fim_middle>`,
    codellama: `<PRE> ${prefix} <SUF>${suffix} <MID>`,
    'deepseek-coder': `<｜fim▁begin｜>${prefix}<｜fim▁hole｜>${suffix}<｜fim▁end｜>`,
    codestral: `[SUFFIX]${suffix}[PREFIX] ${prefix}`,
    codegemma: `<|fim_prefix|>${prefix}<|fim_suffix|>${suffix}<|fim_middle|>`,
  };
  for (const [family, prompt] of Object.entries(expected) as Array<[FamilyId, string]>) {
    it(`${family}: ${JSON.stringify(prompt.slice(0, 40))}…`, () => assert.equal(FIM_TEMPLATES[family].render(parts), prompt));
  }

  const endTokens: Record<FamilyId, string> = {
    'qwen-coder': '<|endoftext|>',
    codeqwen: '<|endoftext|>',
    starcoder2: '<file_sep>',
    starcoder: '<|endoftext|>',
    codellama: ' <EOT>',
    'deepseek-coder': '<｜end▁of▁sentence｜>',
    codestral: '</s>',
    codegemma: '<|file_separator|>',
  };
  for (const [family, token] of Object.entries(endTokens) as Array<[FamilyId, string]>) {
    it(`${family} stops at ${JSON.stringify(token)} and at its own FIM markers`, () => {
      const { stop } = FIM_TEMPLATES[family];
      assert.ok(stop.includes(token));
      // A model that starts another FIM section or file has finished the middle.
      const markers = FIM_TEMPLATES[family].render({ ...parts, prefix: '', suffix: '' }).match(/<[^>]+>|\[[A-Z]+\]/g) ?? [];
      for (const marker of markers) assert.ok(stop.some((s) => s.trim() === marker), `${family}: ${marker} is not a stop`);
    });
  }

  it('writes DeepSeek markers with full-width bars (U+FF5C) and U+2581, its end-of-instruct token with ASCII bars', () => {
    const prompt = FIM_TEMPLATES['deepseek-coder'].render(parts);
    assert.ok(prompt.startsWith('<\uFF5Cfim\u2581begin\uFF5C>'));
    assert.ok(FIM_TEMPLATES['deepseek-coder'].stop.includes('<|EOT|>'));
  });

  const files = [{ path: 'units.py', text: 'PI = 3.14159\n' }];

  it('Qwen2.5-Coder repository form: <|repo_name|>, then each file after <|file_sep|> and its path', () => {
    assert.equal(
      FIM_TEMPLATES['qwen-coder'].render({ ...parts, files }),
      `<|repo_name|>shapes\n<|file_sep|>units.py\nPI = 3.14159\n\n<|file_sep|>geometry.py\n<|fim_prefix|>${prefix}<|fim_suffix|>${suffix}<|fim_middle|>`,
    );
  });

  it('StarCoder2 repository form: FIM inside the last file, after its path', () => {
    assert.equal(
      FIM_TEMPLATES.starcoder2.render({ ...parts, files }),
      `<repo_name>shapes<file_sep>units.py\nPI = 3.14159\n<file_sep><fim_prefix>geometry.py\n${prefix}<fim_suffix>${suffix}<fim_middle>`,
    );
  });

  it('CodeQwen1.5 repository form: the Qwen layout with StarCoder-style tokens', () => {
    assert.equal(
      FIM_TEMPLATES.codeqwen.render({ ...parts, files: [{ path: 'units.py', text: 'PI = 3.14159' }] }),
      `<repo_name>shapes\n<file_sep>units.py\nPI = 3.14159\n\n<file_sep>geometry.py\n<fim_prefix>${prefix}<fim_suffix>${suffix}<fim_middle>`,
    );
  });

  it('families without repository tokens take context as comments instead', () => {
    const withRepo = (Object.keys(FIM_TEMPLATES) as FamilyId[]).filter((f) => FIM_TEMPLATES[f].repoContext).sort();
    assert.deepEqual(withRepo, ['codeqwen', 'qwen-coder', 'starcoder2']);
  });
});
