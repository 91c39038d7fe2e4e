import * as assert from 'node:assert/strict';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { isAbortError, RpcPeer } from '../../../../src/codebase/worker/rpc';

describe('codebase worker: the rpc protocol (method + args → result or error, progress, cancel, both ways)', () => {
  let ports: MessagePort[] = [];
  const pair = () => {
    const { port1, port2 } = new MessageChannel();
    ports.push(port1, port2);
    return [port1, port2] as const;
  };
  afterEach(() => {
    for (const p of ports) p.close();
    ports = [];
  });

  it('answers a call with the handler\'s result, and a throwing handler with its error', async () => {
    const [host, worker] = pair();
    new RpcPeer(worker, { add: ([a, b]) => Number(a) + Number(b), fail: () => Promise.reject(new TypeError('bad input')) });
    const client = new RpcPeer(host);
    assert.equal(await client.call('add', [2, 3]), 5);
    await assert.rejects(client.call('fail'), (e: Error) => e.name === 'TypeError' && e.message === 'bad input');
    await assert.rejects(client.call('nope'), /unknown method: nope/);
  });

  it('passes progress to the caller before the result', async () => {
    const [host, worker] = pair();
    new RpcPeer(worker, {
      count: ([n], { progress }) => {
        for (let i = 1; i <= Number(n); i++) progress(i);
        return 'done';
      },
    });
    const seen: unknown[] = [];
    assert.equal(await new RpcPeer(host).call('count', [3], { onProgress: (p) => seen.push(p) }), 'done');
    assert.deepEqual(seen, [1, 2, 3]);
  });

  it('cancel rejects the call with an AbortError and fires the handler\'s signal', async () => {
    const [host, worker] = pair();
    let sawAbort!: () => void;
    const aborted = new Promise<void>((resolve) => (sawAbort = resolve));
    new RpcPeer(worker, { wait: (_args, { signal }) => new Promise((resolve) => signal.addEventListener('abort', () => (sawAbort(), resolve('stopped')))) });
    const abort = new AbortController();
    const call = new RpcPeer(host).call('wait', [], { signal: abort.signal });
    setTimeout(() => abort.abort(), 10);
    await assert.rejects(call, (e) => isAbortError(e));
    await aborted;
  });

  it('the worker side can call a function the host provides (an embed function) while serving a call', async () => {
    const [host, worker] = pair();
    const workerPeer: RpcPeer = new RpcPeer(worker, {
      indexTexts: async ([texts]): Promise<number[]> => {
        const vectors = await workerPeer.call<number[][]>('embed', [texts]);
        return vectors.map((v) => v.length);
      },
    });
    const hostPeer = new RpcPeer(host);
    hostPeer.handle('embed', async ([texts]) => (texts as string[]).map((t) => [t.length, 0, 1]));
    assert.deepEqual(await hostPeer.call('indexTexts', [['ab', 'cde']]), [3, 3]);
  });

  it('close rejects the calls in flight, and later calls fail at once', async () => {
    const [host, worker] = pair();
    new RpcPeer(worker, { never: () => new Promise(() => undefined) });
    const peer = new RpcPeer(host);
    const call = peer.call('never');
    peer.close(new Error('worker gone'));
    await assert.rejects(call, /worker gone/);
    await assert.rejects(peer.call('never'), /worker gone/);
  });
});
