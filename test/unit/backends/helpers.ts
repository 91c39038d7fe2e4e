/** Shared by the backend tests: reading streams, catching BackendErrors, and backends pointed at a fake server. */
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { BackendError } from '../../../src/backends/errors';
import { OllamaBackend, type OllamaBackendOptions } from '../../../src/backends/ollama';
import { OpenAIBackend, type OpenAIBackendOptions } from '../../../src/backends/openai';
import type { Backend, ProviderKind } from '../../../src/backends/types';
import type { FakeServer } from '../../fake-server';

export async function collect(stream: AsyncIterable<string>): Promise<string[]> {
  const chunks: string[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return chunks;
}

/** Runs the call (a promise, or a stream read to its end) and returns the BackendError it must fail with. */
export async function failureOf(call: Promise<unknown> | AsyncIterable<string>): Promise<BackendError> {
  try {
    if (call instanceof Promise) await call;
    else await collect(call);
  } catch (error) {
    assert.ok(error instanceof BackendError, `expected a BackendError, got ${String(error)}`);
    return error;
  }
  assert.fail('the call succeeded but should have failed');
}

/** The base URL each provider is configured with for the fake: Ollama at the root, OpenAI under /v1. */
export function baseUrlOf(provider: ProviderKind, server: FakeServer | string): string {
  const root = typeof server === 'string' ? server : server.url;
  return provider === 'ollama' ? root : `${root}/v1`;
}

export function backendFor(
  provider: ProviderKind,
  server: FakeServer | string,
  options: Partial<OllamaBackendOptions & OpenAIBackendOptions> = {},
): Backend {
  const baseUrl = baseUrlOf(provider, server);
  return provider === 'ollama' ? new OllamaBackend({ ...options, baseUrl }) : new OpenAIBackend({ ...options, baseUrl });
}

/** A URL where nothing listens: a port that was free a moment ago. */
export async function closedPortUrl(): Promise<string> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  assert.ok(address && typeof address === 'object');
  return `http://127.0.0.1:${address.port}`;
}

/** The generation endpoint each provider's completion and chat use on the fake. */
export const ENDPOINTS = {
  ollama: { completion: 'ollama.generate', chat: 'ollama.chat' },
  openai: { completion: 'openai.completions', chat: 'openai.chat' },
} as const;
