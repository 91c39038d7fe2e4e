/**
 * Model choice by resources: which of a server's models fit this machine (GPU memory, system memory, or too
 * big), with the speed the doctor measured where it measured one, and which to use for completions and for
 * chat. Plain data in and out: the doctor (view and CLI) and Select Model show it.
 *
 * Only a server on this machine (loopback) is judged by this machine's memory, and only when it reports sizes
 * (Ollama's /api/tags does; OpenAI-compatible servers do not). A server elsewhere (another machine, a cloud
 * service) is not limited by this machine at all: nothing is recommended by size there.
 */
import type { LoadedModel, ModelSummary } from '../backends/types';
import { infillFamily } from '../completion/prompt/families';
import { isLoopback } from '../privacy/endpoints';
import { COMPLETION_MODEL_MAX_BYTES, GPU_USABLE_SHARE, MEMORY_USABLE_SHARE, MODEL_CONTEXT_BYTES, MODEL_MEMORY_FACTOR } from '../tunables/tunables';
import type { MachineResources } from './machine';

export type Fit = 'gpu' | 'memory' | 'tooBig' | 'unknown';

/** local: judged by this machine; noSizes: on this machine but the server reports no sizes; remote: elsewhere. */
export type ServerKind = 'local' | 'noSizes' | 'remote';

/** A speed the doctor measured (one tiny generation per role), for the model that role uses. */
export interface MeasuredSpeed {
  model: string;
  firstTokenMs: number;
  tokensPerSecond?: number;
}

export interface ModelFit {
  name: string;
  sizeBytes?: number;
  /** What it needs loaded, by the rule in `needBytes` (undefined without a size). */
  needBytes?: number;
  fit: Fit;
  /** Trained to fill in the middle (its name's FIM family, completion/prompt/families.ts). */
  fim: boolean;
  /** Can hold a conversation: not an embedding model nor a base (pre-trained only) model. */
  chat: boolean;
  /** Measured by the doctor; undefined: not measured. */
  speed?: { firstTokenMs: number; tokensPerSecond?: number };
  /** Loaded on the server now, with the bytes of it in GPU memory (Ollama's /api/ps). */
  loaded?: { sizeBytes: number; vramBytes: number };
}

export interface ModelChoice {
  kind: ServerKind;
  machine: MachineResources;
  models: ModelFit[];
  /** The recommended completion model (undefined: none fits, or nothing is judged by size on this server). */
  completion?: string;
  /** The recommended chat model. */
  chat?: string;
}

export interface ModelChoiceInput {
  baseUrl: string;
  models: readonly ModelSummary[];
  machine: MachineResources;
  measured?: readonly MeasuredSpeed[];
  /** The models the server has loaded now (Ollama's /api/ps): one loaded wholly in GPU memory fits the GPU, whatever nvidia-smi says. */
  loaded?: readonly LoadedModel[];
  /** Whether a listed name is the measured model (Ollama's "name" is "name:latest"); default: equal names. */
  sameModel?: (listed: string, wanted: string) => boolean;
}

// Rule: a loaded model needs ≈ its file size × MODEL_MEMORY_FACTOR + MODEL_CONTEXT_BYTES (weights, buffers, KV cache).
export function needBytes(sizeBytes: number): number {
  return sizeBytes * MODEL_MEMORY_FACTOR + MODEL_CONTEXT_BYTES;
}

/** The memory a model may take on the GPUs, and in all (a model too big for the GPUs is split between them and system memory). */
function budgets(machine: MachineResources): { gpu?: number; memory: number } {
  const gpu = machine.gpu ? machine.gpu.totalBytes * GPU_USABLE_SHARE : undefined;
  return { ...(gpu !== undefined && { gpu }), memory: machine.memoryTotalBytes * MEMORY_USABLE_SHARE + (gpu ?? 0) };
}

export function fitOf(sizeBytes: number | undefined, machine: MachineResources): Fit {
  if (sizeBytes === undefined || !(sizeBytes > 0)) return 'unknown';
  const need = needBytes(sizeBytes);
  const budget = budgets(machine);
  if (budget.gpu !== undefined && need <= budget.gpu) return 'gpu';
  return need <= budget.memory ? 'memory' : 'tooBig';
}

const EMBEDDING_NAME = /embed|\bbge\b|bge-|minilm|rerank/;
const EMBEDDING_FAMILIES = new Set(['bert', 'nomic-bert', 'jina-bert', 'xlm-roberta']);
/** Pre-trained only (no chat): "-base" and "-code" tags, and the code-completion models Ollama ships without an instruct tag. */
const NOT_CHAT_NAME = /[-_:.]base\b|\bbase[-_]|[-_:]code\b|^(starcoder2?|stable-?code)(?!.*instruct)|^codegemma:2b/;

export function chooseModels(input: ModelChoiceInput): ModelChoice {
  const same = input.sameModel ?? ((a: string, b: string) => a === b);
  const kind: ServerKind = !isLoopback(input.baseUrl) ? 'remote' : input.models.some((m) => m.sizeBytes) ? 'local' : 'noSizes';
  const models = input.models.map((m): ModelFit => {
    const name = m.name.toLowerCase();
    const embedding = EMBEDDING_NAME.test(name) || EMBEDDING_FAMILIES.has((m.family ?? '').toLowerCase());
    const speed = input.measured?.find((s) => same(m.name, s.model));
    const loaded = input.loaded?.find((l) => same(l.name, m.name));
    // The server put it wholly in GPU memory: it fits there (Apple silicon and AMD GPUs have no nvidia-smi).
    const inGpu = !!loaded && loaded.sizeBytes > 0 && loaded.vramBytes >= loaded.sizeBytes;
    return {
      name: m.name,
      ...(m.sizeBytes ? { sizeBytes: m.sizeBytes, needBytes: Math.round(needBytes(m.sizeBytes)) } : {}),
      fit: kind !== 'local' ? 'unknown' : inGpu ? 'gpu' : fitOf(m.sizeBytes, input.machine),
      fim: !embedding && infillFamily(m.name) !== undefined,
      chat: !embedding && !NOT_CHAT_NAME.test(name),
      ...(speed && { speed: { firstTokenMs: speed.firstTokenMs, ...(speed.tokensPerSecond !== undefined && { tokensPerSecond: speed.tokensPerSecond }) } }),
      ...(loaded && { loaded: { sizeBytes: loaded.sizeBytes, vramBytes: loaded.vramBytes } }),
    };
  });
  if (kind !== 'local') return { kind, machine: input.machine, models };
  const { completion, chat } = recommend(models, input.machine);
  return { kind, machine: input.machine, models, ...(completion && { completion: completion.name }), ...(chat && { chat: chat.name }) };
}

/**
 * Completion: small and fast — on the GPU when one fits there, the largest fill-in-the-middle model up to
 * COMPLETION_MODEL_MAX_BYTES (else the smallest that fits). Chat: the largest chat model that fits beside the
 * completion model (both stay loaded; the completion model itself counts), else, when no other model fits beside
 * it, the largest that fits alone. GPU first, then system memory.
 */
function recommend(models: readonly ModelFit[], machine: MachineResources): { completion?: ModelFit; chat?: ModelFit } {
  const budget = budgets(machine);
  const tiers = budget.gpu !== undefined ? [budget.gpu, budget.memory] : [budget.memory];
  const sized = models.filter((m): m is ModelFit & { needBytes: number; sizeBytes: number } => m.needBytes !== undefined && m.sizeBytes !== undefined);
  const bySize = (a: { sizeBytes: number }, b: { sizeBytes: number }) => a.sizeBytes - b.sizeBytes;
  let completion: (typeof sized)[number] | undefined;
  let completionTier: number | undefined;
  for (const tier of tiers) {
    const fitting = sized.filter((m) => m.fim && m.needBytes <= tier).sort(bySize);
    if (!fitting.length) continue;
    const small = fitting.filter((m) => m.sizeBytes <= COMPLETION_MODEL_MAX_BYTES);
    completion = small.length ? small[small.length - 1] : fitting[0];
    completionTier = tier;
    break;
  }
  let chat: (typeof sized)[number] | undefined;
  for (const tier of tiers) {
    const fitting = sized.filter((m) => m.chat && m.needBytes <= tier).sort(bySize);
    if (!fitting.length) continue;
    const room = completion && completionTier === tier ? tier - completion.needBytes : tier;
    const beside = fitting.filter((m) => m !== completion && m.needBytes <= room);
    // The completion model itself is loaded anyway: it counts as fitting beside itself.
    const pool = beside.length ? fitting.filter((m) => beside.includes(m) || m === completion) : fitting;
    chat = pool[pool.length - 1];
    break;
  }
  return { completion, chat };
}

/** "4.7 GB" (decimal gigabytes, as Ollama's `ollama list` prints them). */
export function formatBytes(bytes: number): string {
  return `${(bytes / 1e9).toFixed(1)} GB`;
}

/** The fit in English words (the doctor's; Select Model has its own translated ones). */
export function fitText(model: ModelFit, machine: MachineResources): string {
  switch (model.fit) {
    case 'gpu':
      return 'fits in GPU memory';
    case 'memory':
      return machine.gpu ? 'fits in GPU and system memory together (slower than in the GPU alone)' : 'fits in memory';
    case 'tooBig':
      return machine.gpu ? `too big for this machine's ${formatBytes(machine.memoryTotalBytes)} and GPU's ${formatBytes(machine.gpu.totalBytes)}` : `too big for this machine's ${formatBytes(machine.memoryTotalBytes)}`;
    case 'unknown':
      return 'size not reported';
  }
}

/** "loaded, all in GPU memory" / "loaded, 40% in GPU memory" / "loaded in system memory (CPU)"; undefined when not loaded. */
export function loadedText(model: ModelFit): string | undefined {
  if (!model.loaded) return undefined;
  const { sizeBytes, vramBytes } = model.loaded;
  if (sizeBytes > 0 && vramBytes >= sizeBytes) return 'loaded, all in GPU memory';
  if (vramBytes > 0 && sizeBytes > 0) return `loaded, ${Math.round((vramBytes / sizeBytes) * 100)}% in GPU memory`;
  return 'loaded in system memory (CPU)';
}

/** "first token 80 ms, 41.5 tokens/s", or "not measured". */
export function speedText(model: ModelFit): string {
  if (!model.speed) return 'not measured';
  return `first token ${model.speed.firstTokenMs} ms${model.speed.tokensPerSecond !== undefined ? `, ${model.speed.tokensPerSecond} tokens/s` : ''}`;
}

/** This machine in one line: "memory 25.3 GB (23.2 GB free); GPU: 1 × 24.0 GB (22.1 GB free)" / "GPU: none found (nvidia-smi)". */
export function machineText(machine: MachineResources): string {
  const memory = `memory ${formatBytes(machine.memoryTotalBytes)} (${formatBytes(machine.memoryFreeBytes)} free)`;
  const gpu = machine.gpu ? `GPU memory ${machine.gpu.count > 1 ? `${machine.gpu.count} GPUs, ` : ''}${formatBytes(machine.gpu.totalBytes)} (${formatBytes(machine.gpu.freeBytes)} free)` : 'no GPU memory reported (nvidia-smi)';
  return `${memory}; ${gpu}`;
}

/** Why a server's models are not judged by this machine (undefined for a local server with sizes). */
export function notJudgedText(kind: ServerKind): string | undefined {
  if (kind === 'noSizes') return 'sizes are not reported by this server, so nothing is recommended by size';
  if (kind === 'remote') return 'this server runs on another machine or a cloud service: no local resource limit, nothing is recommended by size';
  return undefined;
}
