/**
 * Fathom's settings as one typed object, built from the flat `fathom.*` keys VS Code (or the CLI's
 * settings file) provides. The defaults here are the defaults in package.json; a unit test keeps them equal.
 */
import type { ProviderKind } from '../backends/types';
import { isProviderKind, providerEntry } from '../backends/providers';

/** The commit message's format: Conventional Commits (`type(scope): summary`) or a plain summary line. */
export type CommitStyle = 'conventional' | 'plain';
export const COMMIT_STYLES: readonly CommitStyle[] = ['conventional', 'plain'];

export type Role = 'completion' | 'chat';
export const ROLES: readonly Role[] = ['completion', 'chat'];

export interface RoleSettings {
  provider: ProviderKind;
  /** The role's own server (`fathom.<role>.baseUrl`); '' = the provider's (`ollama.baseUrl` / `openai.baseUrl`). See roleBaseUrl. */
  baseUrl: string;
  model: string;
  temperature: number;
  maxTokens: number;
}

export interface CompletionSettings extends RoleSettings {
  enabled: boolean;
  /** Automatic completions inside comments and docstrings. */
  enableInComments: boolean;
  /** VS Code language ids for which completions are off. */
  disabledLanguages: string[];
  /** The user's own prompt template ('' = Fathom picks one for the model family). */
  template: string;
  /** Lines a suggestion may have: 0 = automatic (a block where one is wanted), 1 = single lines only, n = at most n. */
  maxLines: number;
  /** On a manual trigger (Alt+\\), up to this many different suggestions to cycle through (1 = just one). */
  alternatives: number;
  /** Automatic completions wait while the same local server writes a chat or command answer. */
  waitWhileAnswering: boolean;
}

/**
 * The next-edit role: the model that predicts the user's next edit. Off until a model is named; its own
 * endpoint when `baseUrl` is set, else the provider's (`ollama.baseUrl` / `openai.baseUrl`).
 */
export interface NextEditSettings {
  enabled: boolean;
  provider: ProviderKind;
  /** '' = next-edit suggestions are off. */
  model: string;
  /** '' = the provider's endpoint. */
  baseUrl: string;
}

/**
 * The embeddings role: the model that turns code chunks and questions into vectors for codebase search.
 * Off until a provider is chosen ('' / 'none'); the model defaults to the provider's usual embedding model,
 * the endpoint to the provider's (`ollama.baseUrl` / `openai.baseUrl`) unless `baseUrl` is set.
 */
export interface EmbeddingsSettings {
  enabled: boolean;
  /** Undefined while off. */
  provider: ProviderKind | undefined;
  model: string;
  /** '' = the provider's endpoint. */
  baseUrl: string;
}

/** How Explain, Debug, Refactor, Generate Tests and Document answer. */
export type Audience = 'beginner' | 'intermediate' | 'expert';
export const AUDIENCES: readonly Audience[] = ['beginner', 'intermediate', 'expert'];

export interface CommandSettings {
  /** Language the answers are written in; '' = the editor's display language (the adapter fills it in). */
  answerLanguage: string;
  /** Who Explain writes for. */
  audience: Audience;
  /** Whether the model is asked to show its step-by-step reasoning before the answer. */
  showReasoning: boolean;
  /** "Fathom: Explain this problem" / "Fathom: Fix this problem" in the lightbulb of errors and warnings. */
  quickFixes: boolean;
}

export interface FathomConfig {
  completion: CompletionSettings;
  chat: RoleSettings;
  nextEdit: NextEditSettings;
  embeddings: EmbeddingsSettings;
  commands: CommandSettings;
  ollama: { baseUrl: string; keepAlive: string };
  openai: { baseUrl: string; fim: boolean };
  /** Context window used for prompts and sent as Ollama `num_ctx` with every request (same value, no reloads). */
  contextLength: number;
  /** Longest wait for a server to say something (first byte, or the next chunk of a stream). */
  requestTimeoutMs: number;
  /** Refuse to send code to any endpoint that is not on this machine. */
  localOnly: boolean;
  /** Whether the workspace's codebase index is built and kept (src/vscode/codebase/). */
  codebase: { enabled: boolean };
  /** Fathom: Write Commit Message. `language`: 'auto' = the answer language of the other commands, else a tag or a language's name. */
  commitMessage: { style: CommitStyle; language: string };
  /** Whether suggestions shown and accepted are counted (Fathom: Show Statistics; this machine only). */
  statistics: { enabled: boolean };
}

/** Flat defaults, keyed as in package.json without the `fathom.` prefix. */
export const DEFAULT_SETTINGS = {
  'completion.enabled': true,
  'completion.provider': 'ollama',
  'completion.baseUrl': '',
  'completion.model': 'qwen2.5-coder:1.5b',
  'completion.temperature': 0.2,
  'completion.maxTokens': 256,
  'completion.enableInComments': true,
  'completion.disabledLanguages': [] as string[],
  'completion.template': '',
  'completion.maxLines': 0,
  'completion.alternatives': 3,
  'completion.waitWhileAnswering': true,
  'chat.provider': 'ollama',
  'chat.baseUrl': '',
  'chat.model': 'qwen2.5-coder:7b',
  'chat.temperature': 0.3,
  'chat.maxTokens': 2048,
  'nextEdit.provider': 'ollama',
  'nextEdit.model': '',
  'nextEdit.baseUrl': '',
  'embeddings.provider': 'none',
  'embeddings.model': '',
  'embeddings.baseUrl': '',
  answerLanguage: '',
  'explain.audience': 'intermediate',
  showReasoning: false,
  'quickFixes.enabled': true,
  'ollama.baseUrl': 'http://127.0.0.1:11434',
  'ollama.keepAlive': '30m',
  'openai.baseUrl': 'https://api.openai.com/v1',
  'openai.fim': false,
  contextLength: 8192,
  requestTimeoutMs: 30000,
  localOnly: false,
  'codebase.enabled': true,
  'commitMessage.style': 'conventional',
  'commitMessage.language': 'auto',
  'statistics.enabled': true,
} as const;

export type SettingKey = keyof typeof DEFAULT_SETTINGS;

/** Reads a value by key; `undefined` means "not set" and the default applies. */
export type SettingsSource = (key: SettingKey) => unknown;

/** Builds the typed config; values of the wrong type or out of range fall back to the default. */
export function parseConfig(source: SettingsSource): FathomConfig {
  const str = (k: SettingKey) => {
    const v = source(k);
    return typeof v === 'string' && v.trim() !== '' ? v.trim() : (DEFAULT_SETTINGS[k] as string);
  };
  const list = (k: SettingKey) => {
    const v = source(k);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x.trim() !== '').map((x) => x.trim()) : [...(DEFAULT_SETTINGS[k] as string[])];
  };
  /** Templates keep their whitespace: it is part of the prompt. */
  const raw = (k: SettingKey) => {
    const v = source(k);
    return typeof v === 'string' ? v : (DEFAULT_SETTINGS[k] as string);
  };
  const num = (k: SettingKey, min: number, max: number) => {
    const v = source(k);
    return typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max ? v : (DEFAULT_SETTINGS[k] as number);
  };
  const bool = (k: SettingKey) => {
    const v = source(k);
    return typeof v === 'boolean' ? v : (DEFAULT_SETTINGS[k] as boolean);
  };
  const provider = (k: SettingKey): ProviderKind => {
    const v = source(k);
    return isProviderKind(v) ? v : (DEFAULT_SETTINGS[k] as ProviderKind);
  };
  return {
    completion: {
      enabled: bool('completion.enabled'),
      provider: provider('completion.provider'),
      baseUrl: stripSlash(raw('completion.baseUrl').trim()),
      model: str('completion.model'),
      temperature: num('completion.temperature', 0, 2),
      maxTokens: Math.round(num('completion.maxTokens', 1, 8192)),
      enableInComments: bool('completion.enableInComments'),
      disabledLanguages: list('completion.disabledLanguages'),
      template: raw('completion.template'),
      maxLines: Math.round(num('completion.maxLines', 0, 1000)),
      alternatives: Math.round(num('completion.alternatives', 1, 3)),
      waitWhileAnswering: bool('completion.waitWhileAnswering'),
    },
    chat: {
      provider: provider('chat.provider'),
      baseUrl: stripSlash(raw('chat.baseUrl').trim()),
      model: str('chat.model'),
      temperature: num('chat.temperature', 0, 2),
      maxTokens: Math.round(num('chat.maxTokens', 1, 131072)),
    },
    nextEdit: {
      enabled: raw('nextEdit.model').trim() !== '',
      provider: provider('nextEdit.provider'),
      model: raw('nextEdit.model').trim(),
      baseUrl: stripSlash(raw('nextEdit.baseUrl').trim()),
    },
    embeddings: embeddingsSettings(source('embeddings.provider'), raw('embeddings.model').trim(), stripSlash(raw('embeddings.baseUrl').trim())),
    commands: {
      answerLanguage: raw('answerLanguage').trim(),
      audience: AUDIENCES.find((a) => a === source('explain.audience')) ?? (DEFAULT_SETTINGS['explain.audience'] as Audience),
      showReasoning: bool('showReasoning'),
      quickFixes: bool('quickFixes.enabled'),
    },
    ollama: { baseUrl: stripSlash(str('ollama.baseUrl')), keepAlive: str('ollama.keepAlive') },
    openai: { baseUrl: stripSlash(str('openai.baseUrl')), fim: bool('openai.fim') },
    contextLength: Math.round(num('contextLength', 512, 1048576)),
    requestTimeoutMs: Math.round(num('requestTimeoutMs', 1000, 600000)),
    localOnly: bool('localOnly'),
    codebase: { enabled: bool('codebase.enabled') },
    commitMessage: {
      style: COMMIT_STYLES.find((s) => s === source('commitMessage.style')) ?? (DEFAULT_SETTINGS['commitMessage.style'] as CommitStyle),
      language: str('commitMessage.language'),
    },
    statistics: { enabled: bool('statistics.enabled') },
  };
}

/** A source over a plain object such as a settings.json (keys with or without the `fathom.` prefix). */
export function objectSource(values: Record<string, unknown>): SettingsSource {
  return (key) => (`fathom.${key}` in values ? values[`fathom.${key}`] : values[key]);
}

function stripSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

/**
 * The endpoint a main role (completion, chat) talks to: its own (`fathom.<role>.baseUrl`) when set, else its
 * provider's — so completions can come from one server and chat from another (issue 14, "a server per role").
 */
export function roleBaseUrl(config: FathomConfig, role: Role): string {
  return config[role].baseUrl || baseUrlFor(config, config[role].provider);
}

/** The endpoint the next-edit role talks to: its own when set, else its provider's. */
export function nextEditBaseUrl(config: FathomConfig): string {
  return config.nextEdit.baseUrl || baseUrlFor(config, config.nextEdit.provider);
}

/** On only for a provider that serves embeddings; the model falls back to that provider's usual one. */
function embeddingsSettings(provider: unknown, model: string, baseUrl: string): EmbeddingsSettings {
  if (!isProviderKind(provider) || !providerEntry(provider).capabilities.embeddings) return { enabled: false, provider: undefined, model, baseUrl };
  return { enabled: true, provider, model: model || providerEntry(provider).defaultEmbeddingModel, baseUrl };
}

/** The endpoint the embeddings role talks to (its own when set, else its provider's); undefined while off. */
export function embeddingsBaseUrl(config: FathomConfig): string | undefined {
  const { provider, baseUrl } = config.embeddings;
  return provider && (baseUrl || baseUrlFor(config, provider));
}

/** A provider's own endpoint (its `<id>.baseUrl` setting); a role's is roleBaseUrl / nextEditBaseUrl / embeddingsBaseUrl. */
export function baseUrlFor(config: FathomConfig, provider: ProviderKind): string {
  // FathomConfig holds one section per provider id (its `<id>.baseUrl` setting), so this is a lookup.
  return config[provider].baseUrl;
}
