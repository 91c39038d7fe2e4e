/**
 * Puts the completion pipeline together for one request: the completion backend and its model info
 * (BackendPool), the document's cached syntax tree, context and prompt (prompt/assemble.ts), then the
 * engine (stream, stop, post-process). The editor and the benchmarks build their `CompleteOnce` here.
 */
import type { Language, Tree } from 'web-tree-sitter';
import type { RoleBackend } from '../roles/pool';
import type { FathomConfig } from '../config/settings';
import type { Parsers } from '../syntax/parsers';
import type { RepositoryRetriever } from '../context/repository';
import { answerTokens, completeOnce } from './engine/engine';
import { assemblePrompt } from './prompt/assemble';
import { snippetKey } from './prompt/build';
import { parseUserTemplate, type UserTemplate } from './prompt/userTemplate';
import type { CompleteOnce } from './scheduling/scheduler';
import type { DocumentSnapshot } from '../workspace/document';
import type { WorkspaceFiles } from '../workspace/files';

export interface CompletionServiceDeps {
  /** The completion role's backend and model info (BackendPool.forRole). */
  target: (signal: AbortSignal) => Promise<RoleBackend>;
  getConfig: () => FathomConfig;
  parsers: Parsers;
  /** The document's tree, kept up to date by the caller (DocumentTrees.withTree). */
  withTree: <R>(snapshot: DocumentSnapshot, use: (tree: Tree | undefined) => R) => Promise<R>;
  files: WorkspaceFiles;
  /** The repository retriever over the workspace's codebase index, when there is one. */
  repository?: RepositoryRetriever;
  /** The name of the workspace folder holding the document, for model families trained with a repository name. */
  repoName?: (snapshot: DocumentSnapshot) => string | undefined;
  /** Told once per distinct bad template, so the user learns why it is not used. */
  onTemplateError?: (message: string) => void;
}

export function createCompleteOnce(deps: CompletionServiceDeps): CompleteOnce {
  const template = templateCache(deps.onTemplateError);
  const carried = new PreviousSnippets();
  return async (snapshot, signal, progress, sampling) => {
    const target = await deps.target(signal);
    const config = deps.getConfig();
    const { settings } = target;
    const temperature = sampling?.temperature ?? settings.temperature;
    return completeOnce(
      snapshot,
      {
        backend: target.backend,
        model: settings.model,
        maxTokens: settings.maxTokens,
        temperature,
        timeoutMs: config.requestTimeoutMs,
        withTree: deps.withTree,
        parse: (language: Language, text: string) => deps.parsers.parse(language, text),
        maxLines: config.completion.maxLines,
        buildRequest: async (s, { multiline }) => {
          const tree = await deps.withTree(s, (t) => t?.copy());
          try {
            const built = await assemblePrompt(
              s,
              { files: deps.files, parsers: deps.parsers, tree, signal, repository: deps.repository },
              { model: settings.model, info: target.info, settings, contextLength: target.contextLength, template: template(config.completion.template), repoName: deps.repoName?.(s), previousSnippets: carried.of(s.uri) },
            );
            carried.set(s.uri, built.snippets.map(snippetKey));
            return { ...built.request, temperature, maxTokens: answerTokens(settings.maxTokens, multiline), timeoutMs: config.requestTimeoutMs };
          } finally {
            tree?.delete();
          }
        },
      },
      signal,
      progress,
    );
  };
}

/** How many documents' last snippets are remembered (the documents typed in most recently). */
const REMEMBERED_DOCUMENTS = 16;

/**
 * The snippets each document's last prompt carried (build.ts `previousSnippets`), for the documents typed in
 * most recently: consecutive prompts in a document then start alike, and the server reuses its cache.
 */
class PreviousSnippets {
  private readonly byDocument = new Map<string, readonly string[]>();

  of(uri: string): readonly string[] | undefined {
    return this.byDocument.get(uri);
  }

  set(uri: string, keys: readonly string[]): void {
    this.byDocument.delete(uri);
    this.byDocument.set(uri, keys);
    if (this.byDocument.size > REMEMBERED_DOCUMENTS) this.byDocument.delete(this.byDocument.keys().next().value!);
  }
}

/** Parses the template setting once per distinct value. */
function templateCache(onError?: (message: string) => void): (source: string) => UserTemplate | undefined {
  let last: { source: string; template: UserTemplate | undefined } | undefined;
  return (source) => {
    if (last?.source === source) return last.template;
    let template: UserTemplate | undefined;
    if (source.trim() !== '') {
      const parsed = parseUserTemplate(source);
      if (parsed.ok) template = parsed.template;
      else onError?.(`fathom.completion.template is not used: ${parsed.error}`);
    }
    last = { source, template };
    return template;
  };
}
