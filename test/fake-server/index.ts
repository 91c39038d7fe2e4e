/**
 * The fake LLM server: real Ollama and OpenAI wire protocols on 127.0.0.1, for unit tests, integration
 * tests in the extension host, UI tests and the offline demo.
 *
 *   const server = await startFakeServer();
 *   server.replyOnce({ text: 'hello', tokenMs: 5 });
 *   // ... talk to server.url (Ollama) or `${server.url}/v1` (OpenAI) ...
 *   await server.close();
 */
export { startFakeServer, DEFAULT_OLLAMA_VERSION } from './server';
export { DEFAULT_MODELS } from './models';
export { DEFAULT_COMPLETION_TEXT, defaultChatText } from './default-reply';
export { DEMO_MARK, demoReply } from './demo-reply';
export { ENDLESS_CHUNK_CAP } from './send';
export { chunkText } from './chunk-text';
export { ollamaModelMissing } from './ollama-protocol';
export { EMBEDDING_ENDPOINTS, GENERATION_ENDPOINTS } from './types';
export { DEFAULT_EMBEDDING_MODELS, EMBEDDING_DIMENSIONS, fakeEmbedding } from './embedding';
export type { Endpoint, ServerFlavor, FakeModel, FakeServer, FakeServerOptions, RecordedRequest, Reply, ReplyHandler, ReplyTarget } from './types';
