/**
 * The whole prompt stage for one request: the budget from the model's context, the context snippets
 * (src/context/gather.ts), the prefix and suffix cut at syntactic boundaries (src/context/prefixSuffix.ts),
 * then the request (build.ts). The extension, the CLI's `prompt` command and the benchmarks call this one
 * function, so what `prompt` prints is what the editor sends.
 */
import type { Tree } from 'web-tree-sitter';
import { cutPrefixSuffix } from '../../context/prefixSuffix';
import { gatherContext } from '../../context/gather';
import type { Parsers } from '../../syntax/parsers';
import type { DocumentSnapshot } from '../../workspace/document';
import type { WorkspaceFiles } from '../../workspace/files';
import { promptBudget } from '../../context/promptBudget';
import type { RepositoryRetriever } from '../../context/repository';
import { buildCompletionRequest, type BuildInput, type BuiltCompletionRequest } from './build';

export interface PromptSources {
  files: WorkspaceFiles;
  parsers: Parsers;
  /** The document's current tree when the caller keeps one (DocumentTrees); otherwise it is parsed here. */
  tree?: Tree;
  signal?: AbortSignal;
  /** Definitions from the workspace's codebase index, as far as its cache holds them (never waited on). */
  repository?: RepositoryRetriever;
}

export type PromptInput = Omit<BuildInput, 'snapshot' | 'snippets' | 'cutAround'>;

export async function assemblePrompt(snapshot: DocumentSnapshot, sources: PromptSources, input: PromptInput): Promise<BuiltCompletionRequest> {
  const budget = promptBudget(input.contextLength, input.settings.maxTokens, input.maxPromptTokens);
  const ownTree = sources.tree ? undefined : await sources.parsers.parseText(snapshot.languageId, snapshot.text);
  const tree = sources.tree ?? ownTree;
  try {
    const cut = (b: { prefix: number; suffix: number }) => cutPrefixSuffix(snapshot.text, snapshot.offset, b, tree);
    // What the prompt will show of the document itself: scope signatures above it are worth a snippet.
    const window = cut({ prefix: budget.prefix, suffix: budget.suffix });
    const { snippets } = await gatherContext(snapshot, sources.files, sources.parsers, {
      budgetTokens: budget.snippets,
      tree,
      window: { start: window.start, end: window.end },
      signal: sources.signal,
      repository: sources.repository,
    });
    return buildCompletionRequest({ ...input, snapshot, snippets, cutAround: cut });
  } finally {
    ownTree?.delete();
  }
}
