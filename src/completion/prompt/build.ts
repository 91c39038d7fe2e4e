/**
 * Builds the request that asks the completion model to fill the hole at the cursor, fitted to the model's
 * context. Four ways to ask, chosen in this order:
 * - the user's own template (setting), sent raw;
 * - native fill-in-the-middle when the server says the model supports it (Ollama `suffix`, `/v1/completions`
 *   `suffix`, llama.cpp `/infill`): the server inserts the model's FIM tokens; context snippets become comments
 *   at the top of the prefix, each with its path (for /infill, snippets from other files travel as files);
 * - the raw FIM template of the model's family (families.ts, templates.ts), sent with `raw: true`, with the
 *   family's stop tokens; snippets go in as repository files for families trained with repository tokens;
 * - otherwise a chat "fill the hole" prompt (chatPrompt.ts), answered between tags (chatFill.ts reads it);
 *   always on a server that serves chat only (Anthropic, Gemini), which has nowhere to send the others.
 */
import type { ChatRequest, CompletionRequest, ModelInfo } from '../../backends/types';
import type { RoleSettings } from '../../config/settings';
import { secretSafeRange } from '../../privacy/secretSafeCut';
import { estimateTokens } from '../../text/tokens';
import type { ContextSnippet } from '../../context/snippets/snippet';
import type { DocumentSnapshot } from '../../workspace/document';
import { keepEnd, keepStart, promptBudget } from '../../context/promptBudget';
import { CLOSE_TAG, holeMessages } from './chatPrompt';
import { asComment, contextHeader, snippetComment } from '../../context/asComments';
import { infillFamily, type FamilyId } from './families';
import { FIM_TEMPLATES } from './templates';
import { renderUserTemplate, type UserTemplate } from './userTemplate';

export interface BuildInput {
  snapshot: DocumentSnapshot;
  /** Ranked context from other files; the ones that fit the budget are used, best first. */
  snippets: readonly ContextSnippet[];
  /** The model the request names. */
  model: string;
  info: ModelInfo;
  settings: RoleSettings;
  /** The context window to fit: the configured one, capped by what the model reports (BackendPool.forRole). */
  contextLength: number;
  /** The user's template (setting `fathom.completion.template`, parsed by parseUserTemplate). */
  template?: UserTemplate;
  /** Workspace folder name, for families trained with a repository name. */
  repoName?: string;
  /** Ceiling on the prompt, below the context window (see context/promptBudget.ts for the default and why). */
  maxPromptTokens?: number;
  /**
   * Cuts the prefix and suffix around the cursor to token budgets at syntactic boundaries (the context
   * stage's cutter, bound to the document's tree). Without it they are cut at line boundaries. Either way
   * the result is held to the budgets.
   */
  cutAround?: (budget: { prefix: number; suffix: number }) => { prefix: string; suffix: string };
  /**
   * The snippets (snippetKey) the previous request for this document carried, in prompt order. Carried again,
   * they keep that order at the prompt's start and win close calls, so consecutive prompts share a long start
   * that a server caching the last prompt (llama.cpp, Ollama) need not read again.
   */
  previousSnippets?: readonly string[];
}

interface Built {
  /** Estimated prompt size in tokens (all text the model reads before answering). */
  promptTokens: number;
  /** The snippets the prompt carries, in prompt order. */
  snippets: ContextSnippet[];
}

/** What to send: a completion (native FIM or raw template) or a chat request whose answer chatFill reads. */
export type BuiltCompletionRequest =
  | (Built & { kind: 'fim'; request: CompletionRequest; family?: FamilyId })
  | (Built & { kind: 'raw'; request: CompletionRequest; family: FamilyId | 'custom' })
  | (Built & { kind: 'chat'; request: ChatRequest });

type Mode = { kind: 'custom'; template: UserTemplate } | { kind: 'fim'; family?: FamilyId } | { kind: 'raw'; family: FamilyId } | { kind: 'chat' };

export function buildCompletionRequest(input: BuildInput): BuiltCompletionRequest {
  const { snapshot, settings } = input;
  const mode = chooseMode(input);
  const budget = promptBudget(input.contextLength, settings.maxTokens, input.maxPromptTokens);
  const total = Math.max(0, budget.total - (mode.kind === 'chat' ? chatOverhead() : 0));

  const fullPrefix = snapshot.text.slice(0, snapshot.offset);
  const suffixBudget = Math.min(budget.suffix, total);
  let suffix = keepStart(snapshot.text.slice(snapshot.offset), suffixBudget);
  let suffixTokens = estimateTokens(suffix);

  // A short file leaves its unused prefix share to the snippets.
  const prefixShare = Math.max(0, total - suffixTokens - budget.snippets);
  const wholePrefixFits = keepEnd(fullPrefix, prefixShare).length === fullPrefix.length;
  const snippetBudget = wholePrefixFits ? total - suffixTokens - estimateTokens(fullPrefix) : Math.min(budget.snippets, total - suffixTokens);
  // With repository tokens, snippets from other files go in as files; the current file's own (enclosing
  // scopes the prefix no longer shows) stay comments at the top of its prefix.
  // llama.cpp's /infill takes them apart too (input_extra) and lays them out with the model's own tokens.
  const repoForm = (mode.kind === 'raw' && FIM_TEMPLATES[mode.family].repoContext) || (mode.kind === 'fim' && input.info.infill === true);
  const asFile = (s: ContextSnippet) => repoForm && s.path !== snapshot.path;
  const { snippets, tokens: snippetTokens } = selectSnippets(
    input.snippets,
    snippetBudget,
    (s) => snippetCost(s, asFile(s), snapshot.languageId),
    input.snippets.some((s) => !asFile(s)) ? headerCost(snapshot) : 0,
    input.previousSnippets ?? [],
  );
  // The prefix gets everything the other parts left.
  const prefixBudget = Math.max(0, total - suffixTokens - snippetTokens);
  let prefix: string;
  if (input.cutAround) {
    const cut = input.cutAround({ prefix: prefixBudget, suffix: suffixBudget });
    // A syntactic cut only moves the edges inward; held to the budgets all the same.
    prefix = estimateTokens(cut.prefix) <= prefixBudget ? cut.prefix : keepEnd(cut.prefix, prefixBudget);
    suffix = estimateTokens(cut.suffix) <= suffixBudget ? cut.suffix : keepStart(cut.suffix, suffixBudget);
  } else {
    prefix = keepEnd(fullPrefix, prefixBudget);
  }
  // The window's edges never fall inside a secret (it would reach the redactor in halves and pass unseen).
  const window = secretSafeRange(snapshot.text, { start: snapshot.offset - prefix.length, end: snapshot.offset + suffix.length });
  prefix = snapshot.text.slice(window.start, snapshot.offset);
  suffix = snapshot.text.slice(snapshot.offset, window.end);
  suffixTokens = estimateTokens(suffix);

  const common = { temperature: settings.temperature, maxTokens: settings.maxTokens };
  const header = contextHeader(snippets.filter((s) => !asFile(s)), snapshot.languageId, snapshot.path);
  switch (mode.kind) {
    case 'custom': {
      const t = mode.template;
      const context = snippets.map((s) => snippetComment(s, snapshot.languageId)).join('\n\n');
      const prompt = renderUserTemplate(t, {
        prefix: t.hasContext ? prefix : header + prefix,
        suffix,
        context: context && `${context}\n`,
        path: snapshot.path,
        language: snapshot.languageId,
        repo: repoNameOf(input),
      });
      const request: CompletionRequest = { model: input.model, prompt, raw: true, ...common, ...(t.stop.length > 0 && { stop: [...t.stop] }) };
      return { kind: 'raw', family: 'custom', request, promptTokens: estimateTokens(prompt), snippets };
    }
    case 'fim': {
      const prompt = header + prefix;
      const stop = mode.family ? [...FIM_TEMPLATES[mode.family].stop] : undefined;
      const files = snippets.filter(asFile).map((s) => ({ path: s.path, text: s.text }));
      const request: CompletionRequest = { model: input.model, prompt, suffix, ...common, ...(stop && { stop }), ...(files.length > 0 && { files }) };
      return { kind: 'fim', family: mode.family, request, promptTokens: estimateTokens(prompt) + suffixTokens, snippets };
    }
    case 'raw': {
      const t = FIM_TEMPLATES[mode.family];
      const prompt = t.render({
        prefix: header + prefix,
        suffix,
        path: snapshot.path,
        repoName: repoNameOf(input),
        files: snippets.filter(asFile).map((s) => ({ path: s.path, text: s.text })),
      });
      const request: CompletionRequest = { model: input.model, prompt, raw: true, ...common, stop: [...t.stop] };
      return { kind: 'raw', family: mode.family, request, promptTokens: estimateTokens(prompt), snippets };
    }
    case 'chat': {
      const context = snippets.map((s) => snippetComment(s, snapshot.languageId)).join('\n\n');
      const messages = holeMessages({ prefix, suffix, path: snapshot.path, languageId: snapshot.languageId, context });
      const request: ChatRequest = { model: input.model, messages, ...common, stop: [CLOSE_TAG] };
      return { kind: 'chat', request, promptTokens: chatTokens(messages), snippets };
    }
  }
}

function chooseMode(input: BuildInput): Mode {
  // No /v1/completions to send a template or a FIM request to (Anthropic, Gemini).
  if (input.info.chatOnly) return { kind: 'chat' };
  if (input.template) return { kind: 'custom', template: input.template };
  const family = infillFamily(input.model, input.info.template);
  if (input.info.supportsFim) return { kind: 'fim', family };
  return family ? { kind: 'raw', family } : { kind: 'chat' };
}

/** A snippet as the previous prompt is compared by: where it is from and its exact text. */
export function snippetKey(snippet: Pick<ContextSnippet, 'path' | 'text'>): string {
  return `${snippet.path}\n${snippet.text}`;
}

/**
 * How much a snippet the previous prompt carried is preferred over a new one (its score is multiplied by
 * this): enough that a near-tie does not swap snippets between keystrokes, which would change the prompt's
 * start and make the server read it all again; not enough to keep one that clearly lost its place.
 */
const CARRIED_OVER_BONUS = 1.25;

/**
 * The best snippets that fit: by score (carried-over ones helped by CARRIED_OVER_BONUS), skipping any that
 * would overflow (a smaller one further down may still fit). Prompt order: the ones the previous prompt
 * carried first, in its order (a stable start), then the new ones in ascending score, so the most useful new
 * one sits nearest the code being completed.
 */
function selectSnippets(
  snippets: readonly ContextSnippet[],
  budget: number,
  cost: (s: ContextSnippet) => number,
  /** Paid once when any snippet is chosen (the current file's path comment). */
  fixedCost: number,
  previous: readonly string[],
): { snippets: ContextSnippet[]; tokens: number } {
  const position = new Map(previous.map((key, i) => [key, i]));
  // Each snippet's place in the previous prompt, looked up once (a key is its whole text).
  const before = new Map(snippets.map((s) => [s, position.get(snippetKey(s))]));
  const carriedOver = (s: ContextSnippet) => before.get(s) !== undefined;
  const weight = (s: ContextSnippet) => s.score * (carriedOver(s) ? CARRIED_OVER_BONUS : 1);
  let used = fixedCost;
  const chosen: ContextSnippet[] = [];
  for (const snippet of [...snippets].sort((a, b) => weight(b) - weight(a))) {
    const c = cost(snippet);
    if (used + c > budget) continue;
    used += c;
    chosen.push(snippet);
  }
  const carried = chosen.filter(carriedOver).sort((a, b) => before.get(a)! - before.get(b)!);
  const added = chosen.filter((s) => !carriedOver(s)).reverse();
  return { snippets: [...carried, ...added], tokens: chosen.length > 0 ? used : 0 };
}

/** A snippet's tokens in the prompt: as a repository file (path line and code) or as a comment plus a blank line. */
function snippetCost(snippet: ContextSnippet, asFile: boolean, languageId: string): number {
  return asFile ? estimateTokens(`${snippet.path}\n${snippet.text}\n`) + 2 : estimateTokens(snippetComment(snippet, languageId)) + 2;
}

/** The comment naming the current file, written after comment snippets. */
function headerCost(snapshot: DocumentSnapshot): number {
  return estimateTokens(asComment(`Path: ${snapshot.path}`, snapshot.languageId)) + 2;
}

function repoNameOf(input: BuildInput): string {
  return input.repoName || 'workspace';
}

/** Chat formats add a few tokens per message (role markers). */
const PER_MESSAGE_TOKENS = 4;

function chatTokens(messages: readonly { content: string }[]): number {
  return messages.reduce((sum, m) => sum + estimateTokens(m.content) + PER_MESSAGE_TOKENS, 0);
}

let chatOverheadTokens: number | undefined;

/** What the chat prompt costs besides the code: instructions and examples (the same for every request). */
function chatOverhead(): number {
  chatOverheadTokens ??= chatTokens(holeMessages({ prefix: '', suffix: '', path: '', languageId: '', context: '' }));
  return chatOverheadTokens;
}
