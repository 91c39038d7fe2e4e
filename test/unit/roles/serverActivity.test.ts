import * as assert from 'node:assert/strict';
import { ScriptedBackend } from '../../../src/backends/scripted';
import type { Backend, ChatRequest } from '../../../src/backends/types';
import { ServerActivity, withActivity } from '../../../src/roles/serverActivity';

/** A ScriptedBackend at a given address. */
function at(baseUrl: string, script: string): Backend {
  const backend = new ScriptedBackend(script);
  Object.defineProperty(backend, 'baseUrl', { value: baseUrl });
  return backend;
}

const REQUEST: ChatRequest = { model: 'm', messages: [{ role: 'user', content: 'explain' }] };

describe('roles: ServerActivity (one local model, two jobs)', () => {
  it('counts streams per server origin, whatever the path; an end called twice counts once', () => {
    const activity = new ServerActivity();
    const first = activity.begin('http://127.0.0.1:11434');
    const second = activity.begin('http://127.0.0.1:11434/v1/');
    assert.equal(activity.busyLocally('http://127.0.0.1:11434/'), true);
    first();
    first();
    assert.equal(activity.busyLocally('http://127.0.0.1:11434'), true, 'the second stream still runs');
    second();
    assert.equal(activity.busyLocally('http://127.0.0.1:11434'), false);
    assert.equal(activity.busyLocally('http://127.0.0.1:8080'), false);
  });

  it('a remote server is never "busy locally": it may serve requests side by side', () => {
    const activity = new ServerActivity();
    activity.begin('https://api.example.com/v1');
    assert.equal(activity.busyLocally('https://api.example.com/v1'), false);
  });

  it('withActivity counts a chat stream from its first chunk to its end, finished or abandoned', async () => {
    const activity = new ServerActivity();
    const backend = withActivity(at('http://localhost:11434', 'one two three'), activity);
    const seen: boolean[] = [];
    for await (const chunk of backend.streamChat(REQUEST)) seen.push(chunk !== '' && activity.busyLocally('http://localhost:11434'));
    assert.ok(seen.length > 1 && seen.every(Boolean), 'busy while it streams');
    assert.equal(activity.busyLocally('http://localhost:11434'), false, 'free once it ended');
    for await (const _chunk of backend.streamChat(REQUEST)) break;
    assert.equal(activity.busyLocally('http://localhost:11434'), false, 'free once the reader left it');
  });

  it('completion streams are not counted (a completion never waits for another completion)', async () => {
    const activity = new ServerActivity();
    const backend = withActivity(at('http://localhost:11434', 'a + b;'), activity);
    for await (const _chunk of backend.streamCompletion({ model: 'm', prompt: 'x' })) assert.equal(activity.busyLocally('http://localhost:11434'), false);
  });
});
