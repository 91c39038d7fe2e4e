/**
 * The code a chat question gets from the workspace index: for `@codebase`, the definitions of the names it
 * mentions and the chunks a search with the rest of the question finds; without it, only the definitions of
 * names the question mentions as code that the code already given does not contain. The chunks are fitted to
 * a token budget whole (the best first; only the first may be cut), with their paths and line ranges, so the
 * prompt, the "Used from this workspace" list and the links in the answer all name the same lines.
 * An index that is off, still being built or failing never fails the question: the result carries a note.
 * Plain data (no `vscode`): the extension passes its WorkspaceCodebase, the tests a LocalCodebase.
 */
import type { Codebase, CodebaseHit } from '../codebase/codebase';
import { estimateTokens, takeTokensFromStart } from '../text/tokens';
import { namesNotIn, parseCodebaseAsk } from './codebaseTrigger';

/** A piece of the workspace given to the model: where it is (1-based, inclusive lines) and its text. */
export interface CodebaseChunk {
  path: string;
  startLine: number;
  endLine: number;
  /** The function, method or class it defines; '' for other code. */
  symbol: string;
  /** Redacted, as the index returned it. */
  text: string;
}

/** Where a given chunk is, without its text: what an answer lists and links to. */
export type CodebaseSource = Omit<CodebaseChunk, 'text'>;

/**
 * The index as the chat sees it: ready, off, failed, or still being built (`total` 0 while the build has not
 * counted its files yet).
 */
export type IndexReadiness = { kind: 'ready' } | { kind: 'building'; indexed: number; total: number } | { kind: 'off' } | { kind: 'failed'; message: string };

/** Why the chunks may be fewer than asked for; the view turns it into a sentence. */
export type CodebaseNote = Exclude<IndexReadiness, { kind: 'ready' }>;

export interface CodebaseContext {
  chunks: CodebaseChunk[];
  note?: CodebaseNote;
}

/** What the session needs of the workspace index; `codebase()` is undefined while the index is off. */
export interface ChatCodebase {
  codebase(): Codebase | undefined;
  state(): IndexReadiness;
}

/** Chunks a search contributes; the budget decides how many are kept. */
const SEARCH_TOP = 12;
/** Definitions looked up per name (overloads, same name in two packages). */
const DEFINITIONS_PER_NAME = 2;
/** At most this many chunks go into one question, however large the budget. */
const MAX_CHUNKS = 10;
/** The codebase's share of what the context has left after the system prompt, question and attachments. */
const CODEBASE_SHARE = 0.6;
/** And never more than this: a local model pays for every prompt token, and 8k covers ten large functions. */
const MAX_CODEBASE_TOKENS = 8000;
/** A cut chunk smaller than this tells the model too little to be worth its place. */
const MIN_CUT_TOKENS = 64;

/** The tokens the codebase chunks may take, given the model's window and what the question already uses. */
export function codebaseBudget(contextLength: number, maxTokens: number, usedTokens: number): number {
  const left = contextLength - maxTokens - usedTokens;
  return Math.max(0, Math.min(MAX_CODEBASE_TOKENS, Math.floor(left * CODEBASE_SHARE)));
}

/**
 * The workspace code for `question`, or undefined when it asks for none (no `@codebase`, and every name it
 * mentions is already in `known` — the attachments and open file — or defined nowhere). `known` is the code the
 * model gets anyway; `budget` is in tokens.
 */
export async function gatherCodebaseContext(source: ChatCodebase, question: string, known: readonly string[], budget: number): Promise<CodebaseContext | undefined> {
  const ask = parseCodebaseAsk(question);
  const codebase = source.codebase();
  if (!ask.explicit) {
    const names = namesNotIn(ask.names, known);
    if (names.length === 0 || !codebase || source.state().kind === 'off') return undefined;
    try {
      const chunks = fitChunks(await definitionsOf(codebase, names), budget);
      return chunks.length > 0 ? { chunks } : undefined;
    } catch {
      return undefined; // the user did not ask for the index: a failing one stays out of the answer
    }
  }
  if (!codebase || source.state().kind === 'off') return { chunks: [], note: { kind: 'off' } };
  try {
    const [definitions, uses, found] = await Promise.all([
      definitionsOf(codebase, ask.names),
      asksForUses(ask.query) ? usagesOf(codebase, ask.names) : Promise.resolve([]),
      ask.query ? codebase.search(ask.query, SEARCH_TOP) : Promise.resolve([]),
    ]);
    // Definitions of the names asked about come first (they are what the question is about), then their uses when asked for.
    const chunks = fitChunks([...definitions, ...uses, ...found], budget);
    // Read after the search: the first question may be what started the index.
    const state = source.state();
    return state.kind === 'ready' ? { chunks } : { chunks, note: state };
  } catch (error) {
    return { chunks: [], note: { kind: 'failed', message: error instanceof Error ? error.message : String(error) } };
  }
}

/** "Where is X called / used?": the question is about a name's uses, which a words search finds poorly. */
const USES = /\b(?:calls?|called|callers?|calling|uses?|used|usages?|references?|referenced|invoked?)\b/i;
const USAGES_PER_NAME = 4;

function asksForUses(query: string): boolean {
  return USES.test(query);
}

async function usagesOf(codebase: Codebase, names: readonly string[]): Promise<CodebaseHit[]> {
  return (await Promise.all(names.map((name) => codebase.usages(name, USAGES_PER_NAME)))).flat();
}

async function definitionsOf(codebase: Codebase, names: readonly string[]): Promise<CodebaseHit[]> {
  return (await Promise.all(names.map((name) => codebase.definitions(name, DEFINITIONS_PER_NAME)))).flat();
}

/**
 * The hits that fit in `budget` tokens as the prompt writes them, in rank order, each once (a hit whose lines
 * overlap one already kept is the same code). Whole chunks only, except the first, which is cut at a line
 * end (its range shrinks to match) rather than leaving the question without any code.
 */
export function fitChunks(hits: readonly CodebaseHit[], budget: number): CodebaseChunk[] {
  const kept: CodebaseChunk[] = [];
  let left = budget;
  for (const hit of hits) {
    if (kept.length >= MAX_CHUNKS) break;
    if (kept.some((k) => k.path === hit.path && k.startLine <= hit.endLine && hit.startLine <= k.endLine)) continue;
    const chunk: CodebaseChunk = { path: hit.path, startLine: hit.startLine, endLine: hit.endLine, symbol: hit.symbol, text: hit.text };
    const cost = chunkTokens(chunk);
    if (cost <= left) {
      kept.push(chunk);
      left -= cost;
    } else if (kept.length === 0 && left >= MIN_CUT_TOKENS) {
      const cut = cutChunk(chunk, left - chunkTokens({ ...chunk, text: '' }));
      if (cut) {
        kept.push(cut);
        left -= chunkTokens(cut);
      }
    }
  }
  return kept;
}

/** A chunk's cost in the prompt: its text and its heading line (codebasePrompt.ts writes both). */
export function chunkTokens(chunk: CodebaseChunk): number {
  return estimateTokens(chunk.text) + estimateTokens(chunk.path) + 16;
}

function cutChunk(chunk: CodebaseChunk, budget: number): CodebaseChunk | undefined {
  const text = takeTokensFromStart(chunk.text, budget);
  if (!text.trim()) return undefined;
  return { ...chunk, text, endLine: chunk.startLine + text.split('\n').length - 1 };
}

/** Where the chunks are, for the answer's list. */
export function sourcesOf(chunks: readonly CodebaseChunk[]): CodebaseSource[] {
  return chunks.map(({ path, startLine, endLine, symbol }) => ({ path, startLine, endLine, symbol }));
}
