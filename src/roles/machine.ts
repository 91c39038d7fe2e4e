/**
 * This machine's resources for the model choice (roles/modelFit.ts): system memory from `os`, and NVIDIA GPU
 * memory from `nvidia-smi`. The command and the memory figures are injected, so tests never depend on the
 * machine they run on. Without `nvidia-smi` (no NVIDIA GPU, Apple Silicon's shared memory, a driver that does
 * not answer in time) the GPU is unknown and models are judged by system memory alone.
 */
import { execFile } from 'node:child_process';
import { freemem, totalmem } from 'node:os';
import { NVIDIA_SMI_TIMEOUT_MS } from '../tunables/tunables';

export interface GpuMemory {
  /** The NVIDIA GPUs `nvidia-smi` lists (Ollama splits a model across them). */
  count: number;
  totalBytes: number;
  freeBytes: number;
}

export interface MachineResources {
  memoryTotalBytes: number;
  memoryFreeBytes: number;
  /** Undefined: no GPU memory known (no `nvidia-smi`, or it failed or answered garbage). */
  gpu?: GpuMemory;
}

/** Runs a program with arguments and resolves with its standard output; rejects when it is missing, fails or times out. */
export type ExecFn = (file: string, args: readonly string[], options: { timeoutMs: number }) => Promise<string>;

export const NVIDIA_SMI_ARGS = ['--query-gpu=memory.total,memory.free', '--format=csv,noheader,nounits'] as const;

const MIB = 1024 * 1024;

/**
 * `nvidia-smi --query-gpu=memory.total,memory.free --format=csv,noheader,nounits` prints one line per GPU,
 * "24576, 23012" in MiB. Lines that are not two numbers ("[N/A]", warnings) are skipped; no GPU line: undefined.
 */
export function parseNvidiaSmi(stdout: string): GpuMemory | undefined {
  let count = 0;
  let total = 0;
  let free = 0;
  for (const line of stdout.split(/\r?\n/)) {
    const match = /^\s*(\d+(?:\.\d+)?)\s*,\s*(\d+(?:\.\d+)?)\s*$/.exec(line);
    if (!match) continue;
    const lineTotal = Number(match[1]);
    const lineFree = Number(match[2]);
    if (!(lineTotal > 0) || lineFree > lineTotal) continue;
    count++;
    total += lineTotal * MIB;
    free += lineFree * MIB;
  }
  return count ? { count, totalBytes: total, freeBytes: free } : undefined;
}

/** Node's execFile with a timeout (killed when it runs over). */
export const nodeExec: ExecFn = (file, args, { timeoutMs }) =>
  new Promise((resolve, reject) => {
    execFile(file, [...args], { timeout: timeoutMs, windowsHide: true, encoding: 'utf8' }, (error, stdout) => (error ? reject(error) : resolve(stdout)));
  });

export interface MachineProbe {
  exec?: ExecFn;
  totalmem?: () => number;
  freemem?: () => number;
  timeoutMs?: number;
}

/** The machine's memory and, where `nvidia-smi` answers, its GPUs' memory. Never rejects. */
export async function readMachine(probe: MachineProbe = {}): Promise<MachineResources> {
  const exec = probe.exec ?? nodeExec;
  let gpu: GpuMemory | undefined;
  try {
    gpu = parseNvidiaSmi(await exec('nvidia-smi', NVIDIA_SMI_ARGS, { timeoutMs: probe.timeoutMs ?? NVIDIA_SMI_TIMEOUT_MS }));
  } catch {
    gpu = undefined;
  }
  return { memoryTotalBytes: (probe.totalmem ?? totalmem)(), memoryFreeBytes: (probe.freemem ?? freemem)(), ...(gpu && { gpu }) };
}
