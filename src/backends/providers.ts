/**
 * The provider registry: everything Fathom knows about a kind of model server, in one entry per provider —
 * its names, default endpoint and setting, what it can do, how its API key is found, what to tell the user
 * when it fails, which Doctor fix applies, and how to build its Backend. Code elsewhere reads these fields
 * instead of comparing a provider id to a string, so a new provider is one entry here plus one backend file
 * (see CONTRIBUTING.md, "Add a backend"). Plain data: no `vscode`, no config types.
 */
import type { BackendOptions } from './create';
import type { OllamaBackend } from './ollama';
import type { OpenAIServerKind } from './openaiServers';
import type { Backend, ChatRequest, CompletionRequest } from './types';

/** What the server can do beyond generating text; callers check these, never the id. */
export interface ProviderCapabilities {
  /** It downloads models on request ("Fathom: Pull Model", the Pull Model button, the Doctor's fix). */
  pull: boolean;
  /**
   * Where native fill-in-the-middle comes from: 'modelFamily' — the server reports it for models whose
   * template has FIM (Ollama's "insert"); 'setting' — the server says nothing, so `fathom.<id>.fim` decides.
   */
  nativeFim: 'modelFamily' | 'setting';
  /** It serves embeddings. */
  embeddings: boolean;
  /** It lists its models (Select Model, the Doctor's "model present" check). */
  modelList: boolean;
  /** It keeps a model loaded for `fathom.<id>.keepAlive` and takes a context length per request. */
  keepAlive: boolean;
  /** It treats "name" and "name:latest" as one model. */
  latestTagAlias: boolean;
}

/** The settings a request body is built from (what the pool passes to the backend). */
export interface BodySettings {
  keepAlive?: string;
  contextLength?: number;
  /** OpenAI-compatible only: which server (llama.cpp takes FIM on /infill); 'other' when not given. */
  server?: OpenAIServerKind;
}

/** The Doctor's one-click fixes a provider's failures point to. */
export type ProviderFix = 'startOllama' | 'openSettings' | 'pullModel' | 'selectModel';

export interface ProviderEntry {
  /** Short product name: picker labels, "speaks the … API". */
  displayName: string;
  /** How an error message names the server ("Ollama", "The OpenAI-compatible server"). */
  serverName: string;
  /** How the Doctor's report names it ("Ollama at …", "OpenAI-compatible server at …"). */
  label: string;
  /** The `fathom.` setting that holds its base URL, and that setting's default. */
  baseUrlSetting: string;
  defaultBaseUrl: string;
  capabilities: ProviderCapabilities;
  /** The embedding model used when `fathom.embeddings.model` is empty (a common one, for servers that embed). */
  defaultEmbeddingModel: string;
  apiKey: {
    /** Environment variables the CLI reads for the key, first set wins. */
    envVars: readonly string[];
    /** Whether a server of this kind usually wants a key (the Set API Key picker lists those first). */
    usuallyNeeded: boolean;
  };
  /** Words for the failures whose advice differs per provider (the rest are shared, in errors.ts). */
  hints: {
    /** `setting` is the `fathom.` setting that holds `baseUrl` (the provider's, or a role's own). */
    unreachable(baseUrl: string, setting: string): string;
    /** `tail` is the " (server said: …)" suffix or ''. */
    modelMissing(baseUrl: string, model: string | undefined, tail: string): string;
  };
  /** The Doctor's fix for each failure that differs per provider. */
  doctor: { unreachable: ProviderFix; modelMissing: ProviderFix };
  /** The request bodies the backend posts (the CLI's `prompt` prints them). */
  bodies: {
    chat(request: ChatRequest, settings: BodySettings): object;
    completion(request: CompletionRequest, settings: BodySettings): object;
  };
  /** Builds its Backend; the SDK module loads on first call, not with the extension. */
  create(options: BackendOptions): Backend;
}

// The SDKs load with the first client: in the bundle, esbuild turns each of these requires into a module
// initialised on first call, so activation does not pay for evaluating the SDKs.
/* eslint-disable @typescript-eslint/no-require-imports */
const ollamaModule = () => require('./ollama') as typeof import('./ollama');
const openaiModule = () => require('./openai') as typeof import('./openai');
/* eslint-enable @typescript-eslint/no-require-imports */

const quoted = (model: string | undefined) => (model ? `"${model}"` : 'the model');

/** The provider ids, in the order pickers list them; the one provider union is derived from them. */
export const PROVIDER_IDS = ['ollama', 'openai'] as const;

/** The one provider union: the registry's ids. */
export type ProviderKind = (typeof PROVIDER_IDS)[number];

/** The Ollama client also manages models (pull), so its factory says it returns one. */
interface OllamaEntry extends ProviderEntry {
  create(options: BackendOptions): OllamaBackend;
}

/** One entry per id, no more, no fewer (the compiler checks both). */
type Registry = { readonly ollama: OllamaEntry } & { readonly [K in ProviderKind]: ProviderEntry };

export const PROVIDERS: Registry = {
  ollama: {
    displayName: 'Ollama',
    serverName: 'Ollama',
    label: 'Ollama',
    baseUrlSetting: 'ollama.baseUrl',
    defaultBaseUrl: 'http://127.0.0.1:11434',
    capabilities: { pull: true, nativeFim: 'modelFamily', embeddings: true, modelList: true, keepAlive: true, latestTagAlias: true },
    defaultEmbeddingModel: 'nomic-embed-text',
    apiKey: { envVars: ['FATHOM_API_KEY'], usuallyNeeded: false },
    hints: {
      unreachable: (baseUrl: string, setting: string) => `Ollama is not reachable at ${baseUrl}. Start it with "ollama serve" (or open the Ollama app), or set "${setting}" to where it runs.`,
      modelMissing: (baseUrl: string, model: string | undefined) =>
        `Ollama at ${baseUrl} does not have the model ${quoted(model)}. Pull it with "ollama pull ${model ?? '<model>'}" or pick another model ("Fathom: Select Model").`,
    },
    doctor: { unreachable: 'startOllama', modelMissing: 'pullModel' },
    bodies: {
      chat: (request: ChatRequest, settings: BodySettings) => ollamaModule().ollamaChatBody(request, settings),
      completion: (request: CompletionRequest, settings: BodySettings) => ollamaModule().ollamaGenerateBody(request, settings),
    },
    create: (options: BackendOptions): OllamaBackend =>
      new (ollamaModule().OllamaBackend)({ baseUrl: options.baseUrl, apiKey: options.apiKey, keepAlive: options.keepAlive, contextLength: options.contextLength, rule: options.rule }),
  },
  openai: {
    displayName: 'OpenAI',
    serverName: 'The OpenAI-compatible server',
    label: 'OpenAI-compatible server',
    baseUrlSetting: 'openai.baseUrl',
    defaultBaseUrl: 'https://api.openai.com/v1',
    capabilities: { pull: false, nativeFim: 'setting', embeddings: true, modelList: true, keepAlive: false, latestTagAlias: false },
    defaultEmbeddingModel: 'text-embedding-3-small',
    apiKey: { envVars: ['FATHOM_API_KEY', 'OPENAI_API_KEY'], usuallyNeeded: true },
    hints: {
      unreachable: (baseUrl: string, setting: string) => `The OpenAI-compatible server is not reachable at ${baseUrl}. Check that it is running and that "${setting}" is right.`,
      modelMissing: (baseUrl: string, model: string | undefined, tail: string) =>
        `The OpenAI-compatible server at ${baseUrl} does not serve the model ${quoted(model)}. Pick one it lists ("Fathom: Select Model") or check the model name.${tail}`,
    },
    doctor: { unreachable: 'openSettings', modelMissing: 'selectModel' },
    bodies: {
      chat: (request: ChatRequest) => openaiModule().openAIChatBody(request),
      completion: (request: CompletionRequest, settings: BodySettings) => openaiModule().openAICompletionRequestBody(request, settings.server ?? 'other'),
    },
    create: (options: BackendOptions) =>
      new (openaiModule().OpenAIBackend)({ baseUrl: options.baseUrl, apiKey: options.apiKey, fim: options.fim, rule: options.rule }),
  },
};

export function isProviderKind(value: unknown): value is ProviderKind {
  return typeof value === 'string' && Object.hasOwn(PROVIDERS, value);
}

/** The entry for an id, typed as the common shape (what callers that hold a plain ProviderKind read). */
export function providerEntry(id: ProviderKind): ProviderEntry {
  return PROVIDERS[id];
}
