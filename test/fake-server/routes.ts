/** Which endpoint a method and path are, and which protocol answers for it. */
import { routePath } from './flavors';
import type { Endpoint, ServerFlavor } from './types';

const ROUTES: Record<string, Endpoint> = {
  'GET /api/version': 'ollama.version',
  'GET /api/tags': 'ollama.tags',
  'GET /api/ps': 'ollama.ps',
  'POST /api/show': 'ollama.show',
  'POST /api/generate': 'ollama.generate',
  'POST /api/chat': 'ollama.chat',
  'POST /api/pull': 'ollama.pull',
  'POST /api/embed': 'ollama.embed',
  'GET /v1/models': 'openai.models',
  'POST /v1/chat/completions': 'openai.chat',
  'POST /v1/completions': 'openai.completions',
  'POST /v1/embeddings': 'openai.embeddings',
  'POST /infill': 'llamacpp.infill',
};

export function endpointOf(method: string, path: string, flavor: ServerFlavor = 'openai'): Endpoint {
  const route = routePath(flavor, method, path);
  return route === undefined ? 'unknown' : (ROUTES[`${method.toUpperCase()} ${route}`] ?? 'unknown');
}

export type Protocol = 'ollama' | 'openai';

/** Unknown paths under /v1 (and Gemini's /v1beta) get OpenAI-shaped errors; everything else is answered the way Ollama would. */
export function protocolOf(endpoint: Endpoint, path: string): Protocol {
  if (endpoint.startsWith('openai.') || endpoint.startsWith('llamacpp.')) return 'openai';
  if (endpoint.startsWith('ollama.')) return 'ollama';
  return path.startsWith('/v1/') || path === '/v1' || path.startsWith('/v1beta/') ? 'openai' : 'ollama';
}
