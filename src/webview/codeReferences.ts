/**
 * Code references in a chat answer that name the workspace code it was given become links to those lines:
 * `src/x.ts:12`, `src/x.ts:12-15`, `src/x.ts#L12`, `x.ts line 12` (a file name alone matches when one given
 * file has it), a path in backticks, and a given chunk's symbol in backticks. Only files the answer was given
 * are linked — the host opens nothing else — and links are made with DOM calls on the sanitised DOM, the
 * same way lineLinks.ts does, so nothing the model wrote becomes markup.
 */
import { linkTextMatches } from './textLinks';

/** A given chunk's place (the answer's "Used from this workspace" list). */
export interface SourcePlace {
  path: string;
  startLine: number;
  endLine: number;
  symbol: string;
}

/** Where a link goes: a file of the workspace and its lines. */
export interface CodeTarget {
  path: string;
  line: number;
  endLine: number;
}

/** A file-like word (`dir/name.ext`) and what may follow it: `:12`, `:12-15`, `#L12`, `#L12-L15`, ` line 12`, ` (lines 1-3)`. */
const REFERENCE = /(?<![\w./-])((?:[\w.-]+\/)*[\w-][\w.-]*\.[A-Za-z]\w*)(?::(\d+)(?:\s*[-–]\s*(\d+))?|#L(\d+)(?:-L?(\d+))?|,?\s+\(?(?:(?:at|on|in)\s+)?lines?\s+(\d+)(?:\s*(?:-|–|to)\s*(\d+))?\)?)?(?![\w/])/g;

/** The given file a path names: the same path, or the only given file whose path ends with it. */
export function resolvePath(path: string, sources: readonly SourcePlace[]): string | undefined {
  const paths = [...new Set(sources.map((s) => s.path))];
  if (paths.includes(path)) return path;
  const matching = paths.filter((p) => p.endsWith(`/${path}`));
  return matching.length === 1 ? matching[0] : undefined;
}

/** The lines a reference opens: those it names, else the first given chunk of that file. */
function targetFor(path: string, sources: readonly SourcePlace[], line?: number, endLine?: number): CodeTarget | undefined {
  const resolved = resolvePath(path, sources);
  if (!resolved) return undefined;
  if (line !== undefined && line >= 1) return { path: resolved, line, endLine: endLine !== undefined && endLine >= line ? endLine : line };
  const first = sources.find((s) => s.path === resolved)!;
  return { path: resolved, line: first.startLine, endLine: first.endLine };
}

/** Every reference to a given file in a plain text, with where it stands. */
export function findCodeReferences(text: string, sources: readonly SourcePlace[]): Array<CodeTarget & { index: number; length: number }> {
  const found: Array<CodeTarget & { index: number; length: number }> = [];
  for (const m of text.matchAll(REFERENCE)) {
    const line = m[2] ?? m[4] ?? m[6];
    const end = m[3] ?? m[5] ?? m[7];
    const target = targetFor(m[1], sources, line === undefined ? undefined : Number(line), end === undefined ? undefined : Number(end));
    if (target) found.push({ ...target, index: m.index, length: m[0].length });
  }
  return found;
}

/** What an inline code span refers to: a whole reference to a given file, or a given chunk's symbol. */
export function codeSpanTarget(code: string, sources: readonly SourcePlace[]): CodeTarget | undefined {
  const text = code.trim();
  const [ref] = findCodeReferences(text, sources);
  if (ref && ref.index === 0 && ref.length === text.length) return { path: ref.path, line: ref.line, endLine: ref.endLine };
  const name = /^([A-Za-z_$][\w$]*)(?:\(\))?$/.exec(text)?.[1];
  const chunk = name ? sources.find((s) => s.symbol === name) : undefined;
  return chunk && { path: chunk.path, line: chunk.startLine, endLine: chunk.endLine };
}

/** A link to a place in the workspace; the chat view opens it through the extension. */
export function workspaceLink(doc: Document, target: CodeTarget, title: string): HTMLAnchorElement {
  const a = doc.createElement('a');
  a.className = 'workspace-link';
  a.setAttribute('href', '#');
  a.dataset.path = target.path;
  a.dataset.line = String(target.line);
  a.dataset.endLine = String(target.endLine);
  a.title = title;
  return a;
}

/** The place a workspace link goes to, read back from its attributes (for the click handler). */
export function targetOf(link: Element): CodeTarget | undefined {
  const { path, line, endLine } = (link as HTMLElement).dataset ?? {};
  const start = Number(line);
  const end = Number(endLine);
  if (!path || !Number.isInteger(start) || !Number.isInteger(end) || start < 1 || end < start) return undefined;
  return { path, line: start, endLine: end };
}

/**
 * Links the references to given files in `root` (an answer's rendered body). Safe to run again on the same
 * DOM as the answer grows: what is linked already is inside a link and left alone.
 */
export function linkCodeReferences(root: Element, sources: readonly SourcePlace[], title: (target: CodeTarget) => string): void {
  if (sources.length === 0) return;
  const doc = root.ownerDocument;
  // Inline code naming a given file or symbol (not code blocks: those are code, not references).
  for (const code of Array.from(root.querySelectorAll('code'))) {
    if (code.closest('pre') || code.closest('a')) continue;
    const target = codeSpanTarget(code.textContent ?? '', sources);
    if (!target) continue;
    const a = workspaceLink(doc, target, title(target));
    code.replaceWith(a);
    a.append(code);
  }
  // "x.ts line 12": lineLinks.ts has made "line 12" a link of its own; with a given file just before it, it opens that file.
  for (const a of Array.from(root.querySelectorAll('a.line-link'))) {
    const before = a.previousSibling;
    const named = before?.nodeType === 3 ? /((?:[\w.-]+\/)*[\w-][\w.-]*\.[A-Za-z]\w*),?\s+(?:(?:at|on|in)\s+)?\(?$/.exec((before as Text).data) : null;
    const lines = /(\d+)(?:\D+(\d+))?/.exec(a.textContent ?? '');
    const target = named && lines ? targetFor(named[1], sources, Number(lines[1]), lines[2] === undefined ? undefined : Number(lines[2])) : undefined;
    if (!target || !named) continue;
    // The file name joins the link, so the text pass below does not link it again on its own.
    const text = before as Text;
    const link = workspaceLink(doc, target, title(target));
    link.textContent = `${named[0]}${a.textContent ?? ''}`;
    text.data = text.data.slice(0, named.index);
    a.replaceWith(link);
  }
  linkTextMatches(root, (text) => findCodeReferences(text, sources), (d, ref) => workspaceLink(d, ref, title(ref)));
}

