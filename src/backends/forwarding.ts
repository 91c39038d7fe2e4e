import type { Backend, ChatRequest, CompletionRequest, LoadedModel, ModelInfo, ModelSummary, ProviderKind, RequestOptions } from './types';

/**
 * A Backend that passes every call to another: the base of the decorators around the real clients
 * (request log, redaction, endpoint guard), which override only what they change.
 */
export abstract class ForwardingBackend implements Backend {
  constructor(protected readonly inner: Backend) {}

  get provider(): ProviderKind {
    return this.inner.provider;
  }
  get baseUrl(): string {
    return this.inner.baseUrl;
  }

  version(options?: RequestOptions): Promise<string | undefined> {
    return this.inner.version(options);
  }
  listModels(options?: RequestOptions): Promise<ModelSummary[]> {
    return this.inner.listModels(options);
  }
  loadedModels(options?: RequestOptions): Promise<LoadedModel[]> {
    return this.inner.loadedModels ? this.inner.loadedModels(options) : Promise.resolve([]);
  }
  modelInfo(model: string, options?: RequestOptions): Promise<ModelInfo> {
    return this.inner.modelInfo(model, options);
  }
  streamChat(request: ChatRequest): AsyncIterable<string> {
    return this.inner.streamChat(request);
  }
  streamCompletion(request: CompletionRequest): AsyncIterable<string> {
    return this.inner.streamCompletion(request);
  }
  embed(texts: string[], model: string, options?: RequestOptions): Promise<number[][]> {
    return this.inner.embed(texts, model, options);
  }
}
