import * as assert from 'node:assert/strict';
import type { ModelSummary } from '../../../src/backends/types';
import type { MachineResources } from '../../../src/roles/machine';
import { chooseModels, fitOf, fitText, loadedText, machineText, needBytes, speedText } from '../../../src/roles/modelFit';
import { COMPLETION_MODEL_MAX_BYTES, GPU_USABLE_SHARE, MEMORY_USABLE_SHARE, MODEL_CONTEXT_BYTES, MODEL_MEMORY_FACTOR } from '../../../src/tunables/tunables';

const LOCAL = 'http://127.0.0.1:11434';
const GB = 1e9;
const laptop: MachineResources = { memoryTotalBytes: 16 * GB, memoryFreeBytes: 8 * GB };
const withGpu = (gpuGb: number, memoryGb = 64): MachineResources => ({ memoryTotalBytes: memoryGb * GB, memoryFreeBytes: memoryGb * GB, gpu: { count: 1, totalBytes: gpuGb * GB, freeBytes: gpuGb * GB } });

const model = (name: string, gb: number, extra: Partial<ModelSummary> = {}): ModelSummary => ({ name, sizeBytes: Math.round(gb * GB), ...extra });

/** A typical Ollama: code models for FIM, chat models, an embedding model, a base model. */
const OLLAMA: ModelSummary[] = [
  model('qwen2.5-coder:1.5b', 0.99),
  model('qwen2.5-coder:7b', 4.7),
  model('qwen2.5-coder:32b', 19.9),
  model('llama3.1:8b', 4.9),
  model('llama3.3:70b', 42.5),
  model('nomic-embed-text:latest', 0.27, { family: 'nomic-bert' }),
  model('qwen2.5-coder:14b-base', 6.0),
];

describe('model choice by resources', () => {
  it('the rule: a model needs its size × MODEL_MEMORY_FACTOR + MODEL_CONTEXT_BYTES; GPU first, then memory, else too big', () => {
    assert.equal(needBytes(4 * GB), 4 * GB * MODEL_MEMORY_FACTOR + MODEL_CONTEXT_BYTES);
    const gpu = 8 * GB * GPU_USABLE_SHARE;
    const justInGpu = (gpu - MODEL_CONTEXT_BYTES) / MODEL_MEMORY_FACTOR;
    assert.equal(fitOf(justInGpu, withGpu(8)), 'gpu');
    assert.equal(fitOf(justInGpu + 1e6, withGpu(8)), 'memory');
    // Too big for the GPU: split between it and system memory, both budgets together.
    const together = (8 * GB * GPU_USABLE_SHARE + 64 * GB * MEMORY_USABLE_SHARE - MODEL_CONTEXT_BYTES) / MODEL_MEMORY_FACTOR;
    assert.equal(fitOf(together, withGpu(8)), 'memory');
    assert.equal(fitOf(together + 1e6, withGpu(8)), 'tooBig');
    const memory = laptop.memoryTotalBytes * MEMORY_USABLE_SHARE;
    const justInMemory = (memory - MODEL_CONTEXT_BYTES) / MODEL_MEMORY_FACTOR;
    assert.equal(fitOf(justInMemory, laptop), 'memory');
    assert.equal(fitOf(justInMemory + 1e6, laptop), 'tooBig');
    assert.equal(fitOf(undefined, laptop), 'unknown');
    assert.equal(fitOf(0, laptop), 'unknown');
  });

  it('a 16 GB laptop without GPU: each model fits in memory or is too big; a small code model for completions, the largest chat model beside it', () => {
    const choice = chooseModels({ baseUrl: LOCAL, models: OLLAMA, machine: laptop });
    assert.equal(choice.kind, 'local');
    const fits = Object.fromEntries(choice.models.map((m) => [m.name, m.fit]));
    assert.deepEqual(fits, {
      'qwen2.5-coder:1.5b': 'memory',
      'qwen2.5-coder:7b': 'memory',
      'qwen2.5-coder:32b': 'tooBig',
      'llama3.1:8b': 'memory',
      'llama3.3:70b': 'tooBig',
      'nomic-embed-text:latest': 'memory',
      'qwen2.5-coder:14b-base': 'memory',
    });
    assert.equal(choice.completion, 'qwen2.5-coder:1.5b');
    assert.equal(choice.chat, 'llama3.1:8b');
    // Embedding and base models never chat; the embedding model does not fill in the middle.
    const byName = new Map(choice.models.map((m) => [m.name, m]));
    assert.equal(byName.get('nomic-embed-text:latest')?.chat, false);
    assert.equal(byName.get('nomic-embed-text:latest')?.fim, false);
    assert.equal(byName.get('qwen2.5-coder:14b-base')?.chat, false);
    assert.equal(byName.get('qwen2.5-coder:14b-base')?.fim, true);
    assert.equal(byName.get('llama3.1:8b')?.fim, false);
    assert.equal(fitText(byName.get('llama3.3:70b')!, laptop), "too big for this machine's 16.0 GB");
  });

  it('a 24 GB GPU and 32 GB of memory: models judged on the GPU first, then on both together', () => {
    const choice = chooseModels({ baseUrl: LOCAL, models: OLLAMA, machine: withGpu(24, 32) });
    const fits = Object.fromEntries(choice.models.map((m) => [m.name, m.fit]));
    assert.equal(fits['qwen2.5-coder:32b'], 'memory'); // 19.9 GB × 1.1 + 0.5 > 21.6 GB of GPU, < 21.6 + 19.2 together
    assert.equal(fits['qwen2.5-coder:7b'], 'gpu');
    assert.equal(fits['llama3.3:70b'], 'tooBig');
    assert.equal(choice.completion, 'qwen2.5-coder:1.5b');
    // The base model is bigger but cannot chat.
    assert.equal(choice.chat, 'llama3.1:8b');
    assert.equal(fitText(choice.models[2], choice.machine), 'fits in GPU and system memory together (slower than in the GPU alone)');
    assert.equal(fitText(choice.models[4], choice.machine), "too big for this machine's 32.0 GB and GPU's 24.0 GB");
  });

  it('completions: the largest FIM model up to COMPLETION_MODEL_MAX_BYTES, else the smallest that fits', () => {
    const under = COMPLETION_MODEL_MAX_BYTES / GB;
    const mid = chooseModels({ baseUrl: LOCAL, models: [model('qwen2.5-coder:0.5b', 0.4), model('qwen2.5-coder:3b', under - 0.1), model('qwen2.5-coder:7b', under + 1)], machine: laptop });
    assert.equal(mid.completion, 'qwen2.5-coder:3b');
    const onlyBig = chooseModels({ baseUrl: LOCAL, models: [model('qwen2.5-coder:14b', 9), model('qwen2.5-coder:7b', under + 1)], machine: laptop });
    assert.equal(onlyBig.completion, 'qwen2.5-coder:7b');
    const noFim = chooseModels({ baseUrl: LOCAL, models: [model('llama3.2:3b', 2)], machine: laptop });
    assert.equal(noFim.completion, undefined);
    assert.equal(noFim.chat, 'llama3.2:3b');
  });

  it('chat: when nothing fits beside the completion model, the largest that fits alone', () => {
    const small: MachineResources = { memoryTotalBytes: 10 * GB, memoryFreeBytes: 5 * GB }; // 6 GB budget
    const choice = chooseModels({ baseUrl: LOCAL, models: [model('qwen2.5-coder:1.5b', 1), model('llama3.1:8b', 4.9)], machine: small });
    assert.equal(choice.completion, 'qwen2.5-coder:1.5b');
    assert.equal(choice.chat, 'llama3.1:8b');
  });

  it('chat: a bigger completion model that can chat beats a smaller one beside it (it is loaded anyway)', () => {
    const choice = chooseModels({ baseUrl: LOCAL, models: [model('llama3.2:1b', 1.3), model('qwen2.5-coder:7b', 4.7)], machine: laptop });
    assert.equal(choice.completion, 'qwen2.5-coder:7b');
    assert.equal(choice.chat, 'qwen2.5-coder:7b');
  });

  it('nothing fits: no recommendation', () => {
    const tiny: MachineResources = { memoryTotalBytes: 2 * GB, memoryFreeBytes: 1 * GB };
    const choice = chooseModels({ baseUrl: LOCAL, models: [model('qwen2.5-coder:7b', 4.7), model('llama3.1:8b', 4.9)], machine: tiny });
    assert.deepEqual(choice.models.map((m) => m.fit), ['tooBig', 'tooBig']);
    assert.equal(choice.completion, undefined);
    assert.equal(choice.chat, undefined);
  });

  it('an OpenAI-compatible server on this machine without sizes, and a server elsewhere: nothing judged, nothing recommended', () => {
    const noSizes = chooseModels({ baseUrl: 'http://localhost:8080/v1', models: [{ name: 'qwen2.5-coder-7b-instruct' }], machine: laptop });
    assert.equal(noSizes.kind, 'noSizes');
    assert.deepEqual(noSizes.models.map((m) => m.fit), ['unknown']);
    assert.equal(noSizes.completion, undefined);
    assert.equal(noSizes.chat, undefined);
    const cloud = chooseModels({ baseUrl: 'https://api.openai.com/v1', models: [{ name: 'gpt-4o-mini' }], machine: laptop });
    assert.equal(cloud.kind, 'remote');
    // A remote Ollama reports sizes, but they say nothing about this machine.
    const lan = chooseModels({ baseUrl: 'http://192.168.1.20:11434', models: OLLAMA, machine: laptop });
    assert.equal(lan.kind, 'remote');
    assert.ok(lan.models.every((m) => m.fit === 'unknown'));
    assert.equal(lan.completion, undefined);
  });

  it('speeds: shown for the models the doctor measured (by the server\'s name rule), "not measured" for the rest', () => {
    const choice = chooseModels({
      baseUrl: LOCAL,
      models: [model('qwen2.5-coder:1.5b', 1), model('llama3.1:latest', 4.9)],
      machine: laptop,
      measured: [{ model: 'llama3.1', firstTokenMs: 240, tokensPerSecond: 38.5 }],
      sameModel: (listed, wanted) => listed === wanted || listed === `${wanted}:latest`,
    });
    assert.equal(speedText(choice.models[0]), 'not measured');
    assert.equal(speedText(choice.models[1]), 'first token 240 ms, 38.5 tokens/s');
    assert.deepEqual(choice.models[1].speed, { firstTokenMs: 240, tokensPerSecond: 38.5 });
  });

  it('chat excludes embedding, base and completion-only code models; instruct variants chat', () => {
    const names = ['starcoder2:3b', 'starcoder2:15b-instruct', 'stable-code:3b', 'codegemma:2b', 'codegemma:7b', 'codellama:7b-code', 'codellama:7b', 'deepseek-coder:6.7b-base', 'deepseek-coder:6.7b', 'all-minilm:latest', 'qwen2.5-coder:7b'];
    const choice = chooseModels({ baseUrl: LOCAL, models: names.map((n) => model(n, 1)), machine: laptop });
    assert.deepEqual(
      choice.models.filter((m) => m.chat).map((m) => m.name),
      ['starcoder2:15b-instruct', 'codegemma:7b', 'codellama:7b', 'deepseek-coder:6.7b', 'qwen2.5-coder:7b'],
    );
  });

  it('a model the server loaded wholly in GPU memory fits the GPU (no nvidia-smi: Apple silicon, AMD); a partial or CPU load says so', () => {
    const choice = chooseModels({
      baseUrl: LOCAL,
      models: [model('qwen2.5-coder:1.5b', 1), model('llama3.1:8b', 4.9), model('llama3.3:70b', 42.5)],
      machine: laptop,
      loaded: [
        { name: 'qwen2.5-coder:1.5b', sizeBytes: 1.2 * GB, vramBytes: 1.2 * GB },
        { name: 'llama3.1:8b', sizeBytes: 5.5 * GB, vramBytes: 2.2 * GB },
      ],
    });
    assert.deepEqual(choice.models.map((m) => m.fit), ['gpu', 'memory', 'tooBig']);
    assert.deepEqual(choice.models.map(loadedText), ['loaded, all in GPU memory', 'loaded, 40% in GPU memory', undefined]);
    assert.equal(loadedText({ ...choice.models[2], loaded: { sizeBytes: 5 * GB, vramBytes: 0 } }), 'loaded in system memory (CPU)');
    // Elsewhere, nothing is judged even when loaded.
    assert.equal(chooseModels({ baseUrl: 'http://10.0.0.5:11434', models: [model('qwen2.5-coder:1.5b', 1)], machine: laptop, loaded: [{ name: 'qwen2.5-coder:1.5b', sizeBytes: GB, vramBytes: GB }] }).models[0].fit, 'unknown');
  });

  it('says what it judged the machine by', () => {
    assert.equal(machineText(laptop), 'memory 16.0 GB (8.0 GB free); no GPU memory reported (nvidia-smi)');
    assert.equal(machineText(withGpu(24, 64)), 'memory 64.0 GB (64.0 GB free); GPU memory 24.0 GB (24.0 GB free)');
  });
});
