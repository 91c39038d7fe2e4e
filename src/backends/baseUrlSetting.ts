/**
 * A role's client on its own server (`fathom.chat.baseUrl`, `fathom.nextEdit.baseUrl`, …): its errors name that
 * setting in their advice ("set "fathom.chat.baseUrl" to where it runs") instead of the provider's URL setting,
 * which that role does not use — so the message also says which role the failure concerns.
 */
import { BackendError, isBackendError } from './errors';
import { ForwardingBackend } from './forwarding';
import type { Backend, ChatRequest, CompletionRequest, ModelInfo, ModelSummary, RequestOptions } from './types';

export function withBaseUrlSetting(backend: Backend, setting: string): Backend {
  return new BaseUrlSettingBackend(backend, setting);
}

class BaseUrlSettingBackend extends ForwardingBackend {
  constructor(
    inner: Backend,
    private readonly setting: string,
  ) {
    super(inner);
  }

  version(options?: RequestOptions): Promise<string | undefined> {
    return this.named(this.inner.version(options));
  }
  listModels(options?: RequestOptions): Promise<ModelSummary[]> {
    return this.named(this.inner.listModels(options));
  }
  modelInfo(model: string, options?: RequestOptions): Promise<ModelInfo> {
    return this.named(this.inner.modelInfo(model, options));
  }
  embed(texts: string[], model: string, options?: RequestOptions): Promise<number[][]> {
    return this.named(this.inner.embed(texts, model, options));
  }
  streamChat(request: ChatRequest): AsyncIterable<string> {
    return this.namedStream(this.inner.streamChat(request));
  }
  streamCompletion(request: CompletionRequest): AsyncIterable<string> {
    return this.namedStream(this.inner.streamCompletion(request));
  }

  private async named<T>(call: Promise<T>): Promise<T> {
    try {
      return await call;
    } catch (error) {
      throw this.rename(error);
    }
  }

  private async *namedStream(stream: AsyncIterable<string>): AsyncGenerator<string> {
    try {
      yield* stream;
    } catch (error) {
      throw this.rename(error);
    }
  }

  private rename(error: unknown): unknown {
    if (!isBackendError(error) || error.baseUrlSetting) return error;
    return new BackendError(error.kind, { ...error, baseUrlSetting: this.setting }, { cause: error.cause });
  }
}
