/**
 * The context stage: what the completion prompt carries beyond the prefix and suffix, ranked and
 * fitted to a token budget. Retrievers, best first:
 *   imports  definitions of the imported names that matter at the cursor (symbols.ts, lookup.ts)
 *   scope    signatures of the enclosing scopes that the prefix no longer reaches (scopes.ts)
 *   module   the outline of a module imported whole whose used member is unknown
 *   similar  windows of open and recent files that look like the code at the cursor (similar.ts)
 *   repository  definitions from the codebase index of names used near the cursor that the file does not
 *            define (repository.ts; only what its cache holds: a request never waits on the index)
 */
import type { Tree } from 'web-tree-sitter';
import type { ContextSnippet, SnippetCandidate, SnippetSource } from './snippets/snippet';
import type { DocumentSnapshot } from '../workspace/document';
import type { WorkspaceFiles } from '../workspace/files';
import { languageFacts } from '../syntax/languages';
import type { Parsers } from '../syntax/parsers';
import { promptBudget } from './promptBudget';
import { secretSafeLines } from '../privacy/secretSafeCut';
import { lineAtOffset } from '../text/lineStarts';
import { fitSnippets } from './fitSnippets';
import { DEFAULT_WORK, FileIndexCache, type WorkBudget } from './imports/fileIndexCache';
import { importCandidates } from './imports/importRetriever';
import { cutPrefixSuffix } from './prefixSuffix';
import { mergeCandidates } from './rank';
import { enclosingScopes, signatureNames } from './scopes';
import { findSimilarSnippets } from './similar';
import type { RepositoryRetriever } from './repository';
import { SCOPE_SCORE } from '../tunables/tunables';
import { SIMILAR_QUERY_LINES } from '../tunables/tunables';

/** The retrievers a caller may run, named by the snippets they find (the imports retriever also finds 'module'). */
export type Retriever = Exclude<SnippetSource, 'module'>;

export interface GatherOptions {
  /** Tokens the snippets may take in all (promptBudget.ts `promptBudget` gives the model's share). */
  budgetTokens: number;
  /**
   * The part of the document the prompt carries itself (offsets of the prefix start and suffix end);
   * scope signatures outside it are added. Default: the cut the default prompt plan would make.
   */
  window?: { start: number; end: number };
  /** The document's current tree, when the caller keeps one (DocumentTrees); else it is parsed here. */
  tree?: Tree;
  signal?: AbortSignal;
  /** Indexes of other files kept between requests; default: one cache per WorkspaceFiles. */
  cache?: FileIndexCache;
  /** Work one request may do on other files (files read, characters parsed). */
  work?: Partial<Omit<WorkBudget, 'signal'>>;
  /** Retrievers to run (benchmarks compare them); default all. */
  retrievers?: readonly Retriever[];
  /** The repository retriever (over the workspace's codebase index); without it that retriever finds nothing. */
  repository?: RepositoryRetriever;
}

export interface GatheredContext {
  /** Best first. */
  snippets: ContextSnippet[];
  /** Tokens the snippets take in the prompt (text and path comments), at most the budget. */
  tokens: number;
}

/** Default plan when the caller gives no window: an 8K-token model writing up to 256 tokens. */
const DEFAULT_PLAN = promptBudget(8192, 256);

const caches = new WeakMap<WorkspaceFiles, FileIndexCache>();

export async function gatherContext(snapshot: DocumentSnapshot, files: WorkspaceFiles, parsers: Parsers, options: GatherOptions): Promise<GatheredContext> {
  const retrievers = new Set(options.retrievers ?? ['imports', 'scope', 'similar', 'repository']);
  const ownTree = options.tree ? undefined : await parsers.parseText(snapshot.languageId, snapshot.text);
  const tree = options.tree ?? ownTree;
  try {
    const candidates: SnippetCandidate[] = [];
    const cursorLine = lineAtOffset(snapshot.text, snapshot.offset);
    if (tree) {
      const lines = snapshot.text.split('\n');
      const scopes = enclosingScopes(tree, { text: snapshot.text, offset: snapshot.offset, lines, cursorLine });
      if (retrievers.has('scope')) {
        const window = options.window ?? cutPrefixSuffix(snapshot.text, snapshot.offset, DEFAULT_PLAN, tree);
        const above = scopes.filter((s) => s.startOffset < window.start);
        // Signature lines are cut from the document: widened where a secret crosses their edges.
        const safe = secretSafeLines(snapshot.text, lines, above.map((s) => [s.startLine, s.endLine] as const));
        for (const [from, to] of safe) {
          candidates.push({ path: snapshot.path, source: 'scope', score: SCOPE_SCORE, forms: [{ text: lines.slice(from, to + 1).join('\n'), startLine: from + 1, endLine: to + 1 }] });
        }
      }
      if (retrievers.has('imports')) {
        const cache = options.cache ?? cacheFor(files, parsers);
        const work = { ...DEFAULT_WORK, ...options.work, signal: options.signal };
        candidates.push(...(await importCandidates({ snapshot, tree, lines, cursorLine, rootPath: signatureNames(scopes), files, cache, work })));
      }
    }
    if (retrievers.has('similar')) candidates.push(...similarCandidates(snapshot, files));
    if (retrievers.has('repository') && options.repository) candidates.push(...notReachedOtherwise(options.repository.candidates(snapshot), candidates));
    return fitSnippets(mergeCandidates(candidates.filter((c) => c.source === 'scope' || c.path !== snapshot.path)), options.budgetTokens, snapshot.languageId);
  } finally {
    ownTree?.delete();
  }
}

/** Repository definitions the imports retriever did not find already (the same code twice is waste). */
function notReachedOtherwise(found: readonly SnippetCandidate[], others: readonly SnippetCandidate[]): SnippetCandidate[] {
  const imported = others.filter((c) => c.source === 'imports' || c.source === 'module');
  return found.filter((r) => !imported.some((c) => c.path === r.path && c.forms.some((f) => f.startLine <= r.forms[0].endLine && r.forms[0].startLine <= f.endLine)));
}

function cacheFor(files: WorkspaceFiles, parsers: Parsers): FileIndexCache {
  let cache = caches.get(files);
  if (!cache) caches.set(files, (cache = new FileIndexCache(parsers)));
  return cache;
}

/** Windows of open and recent files of the same language that look like the lines before the cursor. */
function similarCandidates(snapshot: DocumentSnapshot, files: WorkspaceFiles): SnippetCandidate[] {
  const before = snapshot.text.slice(Math.max(0, snapshot.offset - 4000), snapshot.offset);
  const query = before.split('\n').slice(-SIMILAR_QUERY_LINES).join('\n');
  const documents = files.recentDocuments().filter((d) => d.path !== snapshot.path && sameFamily(d.languageId, snapshot.languageId));
  return findSimilarSnippets(query, documents).map((s) => ({ path: s.path, source: 'similar', score: s.score, forms: [{ text: s.text, startLine: s.startLine, endLine: s.endLine }] }));
}

function sameFamily(a: string, b: string): boolean {
  const family = (id: string) => languageFacts(id)?.similarFamily ?? id;
  return family(a) === family(b);
}
