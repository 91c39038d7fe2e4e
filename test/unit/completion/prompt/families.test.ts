import * as assert from 'node:assert/strict';
import { canInfill, detectFamily, familyOfTemplate, infillFamily } from '../../../../src/completion/prompt/families';

describe('completion/prompt/families: the FIM format a model was trained on', () => {
  const byName: Array<[string, string | undefined]> = [
    ['qwen2.5-coder:1.5b', 'qwen-coder'],
    ['qwen2.5-coder:7b-base-q4_K_M', 'qwen-coder'],
    ['Qwen/Qwen2.5-Coder-32B-Instruct', 'qwen-coder'],
    ['hf.co/bartowski/Qwen2.5-Coder-7B-Instruct-GGUF:Q4_K_M', 'qwen-coder'],
    ['qwen3-coder:30b', 'qwen-coder'],
    ['codeqwen:7b-code', 'codeqwen'],
    ['starcoder2:3b', 'starcoder2'],
    ['bigcode/starcoder2-15b', 'starcoder2'],
    ['starcoder:1b', 'starcoder'],
    ['stable-code:3b-code', 'starcoder'],
    ['codellama:7b-code', 'codellama'],
    ['deepseek-coder:6.7b-base', 'deepseek-coder'],
    ['deepseek-coder-v2:16b-lite-base-q4_0', 'deepseek-coder'],
    ['codestral:22b', 'codestral'],
    ['codegemma:2b', 'codegemma'],
    // Chat models are no FIM family, even from a maker of one.
    ['qwen2.5:7b', undefined],
    ['deepseek-r1:8b', undefined],
    ['llama3.1:8b', undefined],
    ['gpt-4o-mini', undefined],
  ];
  for (const [model, family] of byName) {
    it(`"${model}" → ${family ?? 'no FIM family'}`, () => assert.equal(detectFamily(model), family));
  }

  it('recognises a renamed model by the FIM tokens in the server template', () => {
    assert.equal(detectFamily('my-coder:latest', '<|fim_prefix|>{{ .Prompt }}<|fim_suffix|>{{ .Suffix }}<|fim_middle|>'), 'qwen-coder');
    assert.equal(detectFamily('my-coder:latest', '[SUFFIX]{{ .Suffix }}[PREFIX] {{ .Prompt }}'), 'codestral');
    assert.equal(detectFamily('my-coder:latest', '<PRE> {{ .Prompt }} <SUF>{{ .Suffix }} <MID>'), 'codellama');
    assert.equal(detectFamily('my-coder:latest', '<｜fim▁begin｜>{{ .Prompt }}<｜fim▁hole｜>{{ .Suffix }}<｜fim▁end｜>'), 'deepseek-coder');
    assert.equal(detectFamily('my-coder:latest', '<start_of_turn>user\n<|fim_prefix|>x'), 'codegemma');
    assert.equal(detectFamily('my-coder:latest', '<file_sep><fim_prefix>{{ .Prompt }}'), 'starcoder2');
    assert.equal(detectFamily('my-chat:latest', '{{ .System }}<|im_start|>user'), undefined);
  });

  it('lets the name win over the template', () => {
    assert.equal(detectFamily('codegemma:2b', '<|fim_prefix|>{{ .Prompt }}'), 'codegemma');
  });

  it('reads template families for the user template setting too', () => {
    assert.equal(familyOfTemplate('<|fim_prefix|>{prefix}<|fim_suffix|>{suffix}<|fim_middle|>'), 'qwen-coder');
    assert.equal(familyOfTemplate('{prefix}'), undefined);
  });

  it('knows which variants of a family were not trained to infill', () => {
    assert.equal(canInfill('codellama', 'codellama:7b-code'), true);
    assert.equal(canInfill('codellama', 'codellama:34b'), false);
    assert.equal(canInfill('codellama', 'codellama:7b-python'), false);
    assert.equal(canInfill('codellama', 'codellama:13b-instruct'), false);
    assert.equal(canInfill('codegemma', 'codegemma:7b-instruct'), false);
    assert.equal(canInfill('codegemma', 'google/codegemma-7b-it'), false);
    assert.equal(canInfill('codegemma', 'codegemma:2b'), true);
    assert.equal(infillFamily('codellama:70b'), undefined);
    assert.equal(infillFamily('qwen2.5-coder:7b-instruct'), 'qwen-coder');
  });
});
