/**
 * Explain and Refactor show the model how the rest of the workspace uses the target: the callers and
 * usages of its name, found through the codebase index (Codebase.usages, the current file left out since
 * the prompt has its code), written as one prompt section of `path` (lines) and code, within a token budget.
 * Refactor needs it most: a rewrite that changes a signature must see how its callers call it.
 */
import type { Tree } from 'web-tree-sitter';
import type { Codebase, CodebaseHit, CodePlace } from '../codebase/codebase';
import { languageOfPath } from '../syntax/languages';
import { withoutImports } from './withoutImports';
import { estimateTokens } from '../text/tokens';
import type { DocumentSnapshot } from '../workspace/document';
import { fenced } from './promptVars';
import { findTarget } from './target';
import type { CommandTarget } from './types';

/** Usages asked of the index; more than fit, so the budget picks among the best. */
export const USAGES_ASKED = 8;
/** Lines of a usage shown around the lines that use the name (a long caller is cut to where it calls). */
export const USAGE_CONTEXT_LINES = 4;
/** A usage chunk longer than this many lines is cut around its uses. */
const MAX_USAGE_LINES = 16;
/** The index may be busy (a first build): a command does not wait longer than this for its usages. */
export const USAGES_TIMEOUT_MS = 2000;

export const USAGES_HEADING = 'Callers and usages elsewhere in the workspace';

/**
 * The name whose usages matter: the target's own (a function, method or class), or for a selection the
 * declaration it sits in. A qualified name (`Foo::bar`, `a.b`) is looked up by its last part, as callers write it.
 */
export function usageName(snapshot: DocumentSnapshot, target: CommandTarget, tree: Tree | undefined): string | undefined {
  const name = target.name ?? (target.kind === 'selection' && tree ? findTarget({ ...snapshot, offset: target.start }, undefined, tree).name : undefined);
  const last = name?.split(/::|\.|->/).pop()?.trim();
  return last && /^[A-Za-z_$][\w$]*$/.test(last) ? last : undefined;
}

/**
 * The usages section for `name`, at most `budget` tokens (estimateTokens of the returned text); '' when
 * there is none, the index has nothing, or it does not answer in time. Usages come best first, each cut to
 * the lines around its uses; one that does not fit is skipped for a smaller one after it.
 */
export async function usagesSection(codebase: Codebase, name: string, exceptPath: string, budget: number, options: { signal?: AbortSignal; timeoutMs?: number } = {}): Promise<string> {
  return (await usagesContext(codebase, name, exceptPath, budget, options)).text;
}

/** The usages section and the places it shows (the answer lists them). */
export async function usagesContext(codebase: Codebase, name: string, exceptPath: string, budget: number, options: { signal?: AbortSignal; timeoutMs?: number } = {}): Promise<{ text: string; places: CodePlace[] }> {
  const hits = await withTimeout(codebase.usages(name, USAGES_ASKED, exceptPath), options.timeoutMs ?? USAGES_TIMEOUT_MS, options.signal);
  return usagesOf(hits ?? [], name, budget);
}

/** The section's text from hits already found (plain data; usagesSection asks the index). */
export function formatUsages(hits: readonly CodebaseHit[], name: string, budget: number): string {
  return usagesOf(hits, name, budget).text;
}

function usagesOf(hits: readonly CodebaseHit[], name: string, budget: number): { text: string; places: CodePlace[] } {
  const heading = `${USAGES_HEADING} (how \`${name}\` is used; keep them working):`;
  let used = estimateTokens(heading) + 2;
  const out: string[] = [];
  const places: CodePlace[] = [];
  // Real uses only: an import line says nothing a caller's code does not say better, and would take a place
  // in the prompt's budget and in the answer's list of sources.
  for (const hit of hits.filter((h) => !onlyImports(h.text, name))) {
    const { text: part, place } = usageText(hit, name);
    const cost = estimateTokens(part) + 2;
    if (used + cost > budget) continue;
    used += cost;
    out.push(part);
    places.push(place);
  }
  return out.length ? { text: [heading, ...out].join('\n\n'), places } : { text: '', places: [] };
}

/** One usage: `path` (lines a-b) and its code, cut to the lines around the uses of the name. */
function usageText(hit: CodebaseHit, name: string): { text: string; place: CodePlace } {
  const lines = hit.text.split('\n');
  let [from, to] = [0, lines.length - 1];
  if (lines.length > MAX_USAGE_LINES) {
    const word = wordOf(name);
    const uses = lines.flatMap((l, i) => (word.test(l) ? [i] : []));
    if (uses.length) {
      from = Math.max(0, uses[0] - USAGE_CONTEXT_LINES);
      to = Math.min(lines.length - 1, Math.max(uses[0] + USAGE_CONTEXT_LINES, Math.min(uses[uses.length - 1] + USAGE_CONTEXT_LINES, from + MAX_USAGE_LINES - 1)));
    } else to = MAX_USAGE_LINES - 1;
  }
  const start = hit.startLine + from;
  const end = hit.startLine + to;
  const code = lines.slice(from, to + 1).join('\n');
  const text = `\`${hit.path}\` (${start === end ? `line ${start}` : `lines ${start}-${end}`}):\n${fenced(code, languageOfPath(hit.path, code) ?? '')}`;
  return { text, place: { path: hit.path, startLine: start, endLine: end, symbol: hit.symbol } };
}

/** Whether every line of `text` that mentions `name` imports it (`import`, `from … import`, `require`, `use`, `#include`). */
/** The chunk mentions the name only in import statements (multi-line ones too: withoutImports.ts). */
function onlyImports(text: string, name: string): boolean {
  return !wordOf(name).test(withoutImports(text));
}

function wordOf(name: string): RegExp {
  return new RegExp(`(?<![\\w$])${name.replace(/\$/g, '\\$')}(?![\\w$])`);
}

/** The promise's value, or undefined when it fails, takes longer than `ms`, or the signal aborts first. */
export async function withTimeout<T>(promise: Promise<T>, ms: number, signal?: AbortSignal): Promise<T | undefined> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let onAbort: (() => void) | undefined;
  const late = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
    onAbort = () => resolve(undefined);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
  try {
    return await Promise.race([promise.catch(() => undefined), late]);
  } finally {
    clearTimeout(timer);
    if (onAbort) signal?.removeEventListener('abort', onAbort);
  }
}
