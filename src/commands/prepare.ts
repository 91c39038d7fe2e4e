/**
 * The shared first half of every command: choose the target, gather what the model needs to know about
 * it, fit that to the chat model's context, and render the command's prompt file into chat messages.
 *
 * Parts, by priority (the lowest is dropped first when the budget is short):
 *   target       100  the code with its path and language; never dropped, trimmed only if it alone is too long
 *   error         90  the error text / stack trace the user gave (Debug)
 *   diagnostics   80  the editor's diagnostics on and around the target (Debug)
 *   tests         70  the module's existing tests (Generate Tests), at most half of what is left (and 1,600)
 *   scopes        60  signatures of the scopes the target sits in
 *   usages        55  callers and usages of the target elsewhere (Explain, Refactor; the codebase index), at
 *                     most half of what is left (and 1,200)
 *   imports       50  the file's import statements
 *   definitions   40  definitions of names the target uses from other files (src/context's import retriever)
 *   examples      10  the prompt file's few-shot examples
 */
import type { Tree } from 'web-tree-sitter';
import type { ChatMessage } from '../backends/types';
import type { DocumentSnapshot } from '../workspace/document';
import type { WorkspaceFiles } from '../workspace/files';
import { gatherContext } from '../context/gather';
import { parseImports } from '../context/imports/imports';
import { enclosingScopes } from '../context/scopes';
import { secretSafeLines, secretSafeRange } from '../privacy/secretSafeCut';
import type { Parsers } from '../syntax/parsers';
import { estimateTokens, takeTokensAround } from '../text/tokens';
import { loadPrompt, renderPrompt, type PromptRead, type PromptTemplate } from './promptFiles';
import { answerLanguageName, audienceText, docStyle, fenced, formatDiagnostics, languageName, stepByStepText, targetNoun } from './promptVars';
import { findTarget } from './target';
import { existingTestsContext, testsContext } from './testsContext';
import { usageName, usagesContext } from './usageContext';
import type { Codebase, CodePlace } from '../codebase/codebase';
import type { CommandKind, CommandSettings, CommandTarget, DiagnosticInfo } from './types';

export interface CommandRequest {
  kind: CommandKind;
  snapshot: DocumentSnapshot;
  /** UTF-16 offsets; empty or missing: the target is found around `snapshot.offset`. */
  selection?: { start: number; end: number };
  /** The document's diagnostics (all of them; those on and around the target are kept). */
  diagnostics?: readonly DiagnosticInfo[];
  /** An error message or stack trace the user pasted (Debug). */
  errorText?: string;
  /** What to do (Refactor: "simplify", "convert to async/await", free text). */
  instruction?: string;
  settings: CommandSettings;
}

export interface CommandDeps {
  files: WorkspaceFiles;
  parsers: Parsers;
  /** The document's current tree (DocumentTrees), if the caller keeps one; else it is parsed here. */
  tree?: Tree;
  /** Reads `.fathom/prompts/<kind>.md` from the workspace and `prompts/<kind>.md` from the extension. */
  readPrompt: PromptRead;
  /** The folder whose `.fathom/prompts/` overrides the prompt: '' in a single-folder workspace, else `name/` of the target's folder. */
  promptFolder?: string;
  /** The chat model's real context length, and the tokens its answer may take. */
  contextLength: number;
  maxTokens: number;
  signal?: AbortSignal;
  /** The workspace's codebase index, when there is one: callers and usages, existing tests. */
  codebase?: Codebase;
}

export type PartName = 'target' | 'error' | 'diagnostics' | 'tests' | 'scopes' | 'usages' | 'imports' | 'definitions' | 'examples';

export interface ContextPart {
  name: PartName;
  priority: number;
  /** Estimated tokens (of what was included, or what it would have cost). */
  tokens: number;
  included: boolean;
  /** Set on the target when it alone was longer than the budget and only its start was sent. */
  trimmed?: boolean;
}

export interface PreparedCommand {
  kind: CommandKind;
  target: CommandTarget;
  messages: ChatMessage[];
  parts: ContextPart[];
  prompt: Pick<PromptTemplate, 'source' | 'path'>;
  /** Placeholders the prompt file uses that Fathom does not know (a typo in an override); the adapter warns. */
  unknownPlaceholders: string[];
  /** Generate Tests: the framework and the file the tests go to. */
  tests?: { framework: string; testPath: string; inline: boolean };
  /** The lines of other workspace files the prompt carries from the codebase index (callers, existing tests): the answer lists them. */
  workspace: CodePlace[];
}

export const PRIORITY: Readonly<Record<PartName, number>> = { target: 100, error: 90, diagnostics: 80, tests: 70, scopes: 60, usages: 55, imports: 50, definitions: 40, examples: 10 };

/** The commands that show the target's callers and usages. */
const WITH_USAGES: ReadonlySet<CommandKind> = new Set(['explain', 'refactor']);
/** Share of the budget left after the target (and Debug's parts) that usages or existing tests may take. */
export const WORKSPACE_SHARE = 0.5;
/**
 * And at most this many tokens, whatever the model's context: a few callers and a test file's start show
 * what is needed; more only slows the model's reading of the prompt (a local model reads it at every request).
 */
export const MAX_USAGES_TOKENS = 1200;
export const MAX_EXISTING_TESTS_TOKENS = 1600;

/** Lines above and below the target whose diagnostics still count as "around" it. */
export const DIAGNOSTIC_MARGIN_LINES = 5;
/** Below this many tokens for the code, a request is pointless (the model would see a line or two). */
const MIN_TARGET_TOKENS = 64;
/** Tokens each chat message costs beyond its text (role and separators in the chat template). */
const MESSAGE_OVERHEAD = 6;

const DEFAULT_INSTRUCTIONS: Partial<Record<CommandKind, string>> = { refactor: 'Make the code simpler and clearer without changing its behaviour.' };

export async function prepareCommand(request: CommandRequest, deps: CommandDeps): Promise<PreparedCommand> {
  const { snapshot, kind } = request;
  const template = await loadPrompt(kind, deps.readPrompt, deps.promptFolder);
  const ownTree = deps.tree ? undefined : await deps.parsers.parseText(snapshot.languageId, snapshot.text);
  const tree = deps.tree ?? ownTree;
  try {
    const target = findTarget(snapshot, request.selection, tree);
    const testsFound = kind === 'tests' ? await testsContext({ sourcePath: snapshot.path, languageId: snapshot.languageId, targetName: target.name, files: deps.files, codebase: deps.codebase, signal: deps.signal }) : undefined;
    const tests = testsFound?.setup;
    const baseVars: Record<string, string> = {
      language: languageName(snapshot.languageId),
      languageId: snapshot.languageId,
      path: snapshot.path,
      startLine: String(target.startLine),
      endLine: String(target.endLine),
      name: target.name ?? '',
      targetKind: targetNoun(target),
      instruction: request.instruction?.trim() || (DEFAULT_INSTRUCTIONS[kind] ?? ''),
      answerLanguage: answerLanguageName(request.settings.answerLanguage),
      audience: audienceText(request.settings.audience),
      stepByStep: stepByStepText(request.settings.stepByStep),
      docStyle: docStyle(snapshot.languageId),
      testFramework: tests?.framework ?? '',
      testPath: tests?.testPath ?? '',
      // The module's test file exists: the answer is appended to it (generateTests.ts), so no second copy of its imports.
      appendTo: testsFound?.existing.some((t) => t.found === 'path' && t.path === tests?.testPath) ? (tests?.testPath ?? '') : '',
      code: '',
      context: '',
      diagnostics: '',
      error: '',
    };
    // What the prompt costs without the parts' text (but with the headings of their sections, which a
    // one-character value keeps): the parts' budget is what is left.
    const bare = renderMessages(template, { ...baseVars, context: '.', diagnostics: kind === 'debug' ? '.' : '', error: kind === 'debug' ? '.' : '' }, []);
    let left = deps.contextLength - deps.maxTokens - messagesTokens(bare.messages);
    if (left < MIN_TARGET_TOKENS) {
      throw new Error(`The chat model's context (${deps.contextLength} tokens) leaves no room for the code after the prompt and ${deps.maxTokens} tokens for the answer: lower the maximum answer length or use a model with a longer context.`);
    }
    const parts: ContextPart[] = [];

    // The target: always sent; when it alone is over the budget, the part around the cursor (minified code
    // is one huge line: then the characters around the cursor).
    let code = fenced(target.text, snapshot.languageId);
    let codeTokens = estimateTokens(code);
    const trimmed = codeTokens > left;
    if (trimmed) {
      const cursor = Math.max(0, Math.min(snapshot.offset, target.end) - target.start);
      const around = takeTokensAround(target.text, cursor, Math.max(0, left - 16));
      // The part around the cursor is a cut of the document too: never inside a secret.
      const part = secretSafeRange(snapshot.text, { start: target.start + around.start, end: target.start + around.start + around.text.length });
      code = fenced(snapshot.text.slice(part.start, part.end), snapshot.languageId);
      codeTokens = estimateTokens(code);
    }
    parts.push({ name: 'target', priority: PRIORITY.target, tokens: codeTokens, included: true, ...(trimmed ? { trimmed } : {}) });
    left -= codeTokens;

    const take = (name: PartName, text: string): string => {
      if (!text) return '';
      const tokens = estimateTokens(text) + 2;
      const included = tokens <= left;
      parts.push({ name, priority: PRIORITY[name], tokens, included });
      if (included) left -= tokens;
      return included ? text : '';
    };

    const error = kind === 'debug' ? take('error', request.errorText?.trim() ?? '') : '';
    const diagnostics = kind === 'debug' ? take('diagnostics', formatDiagnostics(diagnosticsAround(request.diagnostics ?? [], target))) : '';
    const workspace: CodePlace[] = [];
    const takeWithPlaces = (name: PartName, section: { text: string; places: CodePlace[] }): string => {
      const text = take(name, section.text);
      if (text) workspace.push(...section.places);
      return text;
    };
    const existingTests = testsFound && left > MIN_TARGET_TOKENS ? takeWithPlaces('tests', existingTestsContext(testsFound.existing, Math.min(MAX_EXISTING_TESTS_TOKENS, Math.floor(left * WORKSPACE_SHARE)))) : '';
    const scopes = tree ? take('scopes', scopesText(tree, snapshot, target)) : '';
    const name = deps.codebase && WITH_USAGES.has(kind) && left > MIN_TARGET_TOKENS ? usageName(snapshot, target, tree) : undefined;
    const usages = name ? takeWithPlaces('usages', await usagesContext(deps.codebase!, name, snapshot.path, Math.min(MAX_USAGES_TOKENS, Math.floor(left * WORKSPACE_SHARE)) - 2, { signal: deps.signal })) : '';
    const imports = tree ? take('imports', importsText(tree, snapshot, target)) : '';
    const definitions = tree && left > 32 ? take('definitions', await definitionsText(snapshot, tree, target, deps, left)) : '';
    const examplesTokens = messagesTokens(template.examples);
    const examples = template.examples.length > 0 && examplesTokens <= left;
    if (template.examples.length > 0) parts.push({ name: 'examples', priority: PRIORITY.examples, tokens: examplesTokens, included: examples });

    const context = [scopes, imports, definitions, usages, existingTests].filter(Boolean).join('\n\n');
    const vars = { ...baseVars, code, context, diagnostics, error };
    const rendered = renderMessages(template, vars, examples ? template.examples : []);
    return { kind, target, messages: rendered.messages, parts, prompt: { source: template.source, path: template.path }, unknownPlaceholders: rendered.unknown, workspace, ...(tests ? { tests } : {}) };
  } finally {
    ownTree?.delete();
  }
}

function renderMessages(template: PromptTemplate, vars: Record<string, string>, examples: readonly ChatMessage[]): { messages: ChatMessage[]; unknown: string[] } {
  const system = renderPrompt(template.system, vars);
  const user = renderPrompt(template.user, vars);
  const tidy = (text: string) => text.replace(/\n{3,}/g, '\n\n').trim();
  const messages: ChatMessage[] = [];
  if (system.text.trim()) messages.push({ role: 'system', content: tidy(system.text) });
  messages.push(...examples);
  messages.push({ role: 'user', content: tidy(user.text) });
  return { messages, unknown: [...new Set([...system.unknown, ...user.unknown])] };
}

function messagesTokens(messages: readonly ChatMessage[]): number {
  return messages.reduce((sum, m) => sum + estimateTokens(m.content) + MESSAGE_OVERHEAD, 0);
}

/** Diagnostics whose lines touch the target or lie within the margin around it, nearest first. */
export function diagnosticsAround(diagnostics: readonly DiagnosticInfo[], target: CommandTarget): DiagnosticInfo[] {
  const distance = (d: DiagnosticInfo) => (d.endLine < target.startLine ? target.startLine - d.endLine : d.startLine > target.endLine ? d.startLine - target.endLine : 0);
  const severity = { error: 0, warning: 1, information: 2, hint: 3 };
  return diagnostics
    .filter((d) => distance(d) <= DIAGNOSTIC_MARGIN_LINES)
    .sort((a, b) => distance(a) - distance(b) || severity[a.severity] - severity[b.severity] || a.startLine - b.startLine);
}

/** Signatures of the scopes around the target, outermost first (the target's own signature is in the target). */
function scopesText(tree: Tree, snapshot: DocumentSnapshot, target: CommandTarget): string {
  const lines = snapshot.text.split('\n');
  const scopes = enclosingScopes(tree, { text: snapshot.text, offset: target.start, lines, cursorLine: target.startLine - 1 }).filter((s) => s.startOffset < target.start);
  if (scopes.length === 0) return '';
  const safe = secretSafeLines(snapshot.text, lines, scopes.map((s) => [s.startLine, s.endLine] as const));
  const body = safe.map(([from, to]) => lines.slice(from, to + 1).join('\n')).join('\n  …\n');
  return `The code sits inside (signatures of the enclosing scopes in \`${snapshot.path}\`):\n${fenced(body, snapshot.languageId)}`;
}

/** The file's import statements, as written (those outside the target). */
function importsText(tree: Tree, snapshot: DocumentSnapshot, target: CommandTarget): string {
  const lines = snapshot.text.split('\n');
  const seen = new Set<number>();
  const ranges: [number, number][] = [];
  for (const s of parseImports(tree, snapshot.languageId)) {
    if (s.startLine + 1 >= target.startLine && s.endLine + 1 <= target.endLine) continue;
    if (seen.has(s.startLine)) continue;
    seen.add(s.startLine);
    ranges.push([s.startLine, s.endLine]);
  }
  const out = secretSafeLines(snapshot.text, lines, ranges).map(([from, to]) => lines.slice(from, to + 1).join('\n'));
  return out.length ? `Imports of \`${snapshot.path}\`:\n${fenced(out.join('\n'), snapshot.languageId)}` : '';
}

/**
 * Definitions from other files of the names the target uses, through the completion's import retriever
 * (as if the cursor stood at the target's end), keeping the ones whose name the target mentions.
 */
async function definitionsText(snapshot: DocumentSnapshot, tree: Tree, target: CommandTarget, deps: CommandDeps, budget: number): Promise<string> {
  const gathered = await gatherContext({ ...snapshot, offset: target.end }, deps.files, deps.parsers, {
    budgetTokens: budget,
    tree,
    retrievers: ['imports'],
    window: { start: 0, end: snapshot.text.length },
    signal: deps.signal,
  });
  const used = usedImportNames(tree, snapshot.languageId, target.text);
  const out: string[] = [];
  let tokens = 0;
  for (const s of gathered.snippets) {
    if (used.size > 0 && !wordsOf(s.text.split('\n').slice(0, 4).join('\n')).some((w) => used.has(w))) continue;
    const text = `From \`${s.path}\` (lines ${s.startLine}-${s.endLine}):\n${fenced(s.text, snapshot.languageId)}`;
    const cost = estimateTokens(text) + 2;
    if (tokens + cost > budget) continue;
    tokens += cost;
    out.push(text);
  }
  return out.join('\n\n');
}

/** The names imported bindings bring in (local and original) that the target's text uses. */
function usedImportNames(tree: Tree, languageId: string, targetText: string): Set<string> {
  const words = new Set(wordsOf(targetText));
  const used = new Set<string>();
  for (const s of parseImports(tree, languageId)) {
    for (const b of s.bindings) {
      const local = b.local.split('.')[0];
      if (!words.has(local)) continue;
      // A default import is defined under a name the importing file does not show: no filtering then.
      if (b.imported === 'default') return new Set();
      used.add(local);
      if (b.imported !== '*') used.add(b.imported);
      // A module imported whole: the members the target reaches through it.
      if (b.imported === '*') for (const m of targetText.matchAll(new RegExp(`\\b${escape(b.local)}\\.([A-Za-z_$][\\w$]*)`, 'g'))) used.add(m[1]);
    }
  }
  return used;
}

function wordsOf(text: string): string[] {
  return [...text.matchAll(/[A-Za-z_$][\w$]*/g)].map((m) => m[0]);
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
