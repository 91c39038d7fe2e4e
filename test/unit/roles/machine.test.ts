import * as assert from 'node:assert/strict';
import { NVIDIA_SMI_ARGS, parseNvidiaSmi, readMachine, type ExecFn } from '../../../src/roles/machine';
import { NVIDIA_SMI_TIMEOUT_MS } from '../../../src/tunables/tunables';

const MIB = 1024 * 1024;

describe('machine resources: nvidia-smi and memory', () => {
  it('reads one GPU line of MiB: "24576, 23012"', () => {
    assert.deepEqual(parseNvidiaSmi('24576, 23012\n'), { count: 1, totalBytes: 24576 * MIB, freeBytes: 23012 * MIB });
  });

  it('adds up several GPUs (Ollama splits a model across them), CRLF and spaces included', () => {
    assert.deepEqual(parseNvidiaSmi('  8192 ,  8000\r\n12288, 100\r\n'), { count: 2, totalBytes: 20480 * MIB, freeBytes: 8100 * MIB });
  });

  it('skips lines that are not two numbers ([N/A], warnings) and keeps the rest', () => {
    assert.deepEqual(parseNvidiaSmi('[N/A], [N/A]\nWARNING: something\n4096, 4000\n'), { count: 1, totalBytes: 4096 * MIB, freeBytes: 4000 * MIB });
  });

  it('garbled, empty or impossible output is no GPU', () => {
    for (const out of ['', '\n', 'NVIDIA-SMI has failed because it could not communicate with the NVIDIA driver.', 'memory.total, memory.free', '0, 0', '100, 200', 'abc, 12', '1, 2, 3'])
      assert.equal(parseNvidiaSmi(out), undefined, JSON.stringify(out));
  });

  it('runs nvidia-smi with the query and the timeout, and takes memory from the injected os figures', async () => {
    const calls: { file: string; args: readonly string[]; timeoutMs: number }[] = [];
    const exec: ExecFn = async (file, args, { timeoutMs }) => {
      calls.push({ file, args, timeoutMs });
      return '16384, 15000\n';
    };
    const machine = await readMachine({ exec, totalmem: () => 32e9, freemem: () => 20e9 });
    assert.deepEqual(calls, [{ file: 'nvidia-smi', args: NVIDIA_SMI_ARGS, timeoutMs: NVIDIA_SMI_TIMEOUT_MS }]);
    assert.deepEqual(NVIDIA_SMI_ARGS, ['--query-gpu=memory.total,memory.free', '--format=csv,noheader,nounits']);
    assert.deepEqual(machine, { memoryTotalBytes: 32e9, memoryFreeBytes: 20e9, gpu: { count: 1, totalBytes: 16384 * MIB, freeBytes: 15000 * MIB } });
  });

  it('no nvidia-smi (ENOENT), a timeout or garbage: no GPU, never a rejection', async () => {
    const enoent: ExecFn = async () => {
      throw Object.assign(new Error('spawn nvidia-smi ENOENT'), { code: 'ENOENT' });
    };
    const killed: ExecFn = async () => {
      throw Object.assign(new Error('timed out'), { killed: true, signal: 'SIGTERM' });
    };
    const garbage: ExecFn = async () => 'Failed to initialize NVML: Driver/library version mismatch';
    for (const exec of [enoent, killed, garbage]) {
      const machine = await readMachine({ exec, totalmem: () => 8e9, freemem: () => 1e9 });
      assert.deepEqual(machine, { memoryTotalBytes: 8e9, memoryFreeBytes: 1e9 });
    }
  });
});
