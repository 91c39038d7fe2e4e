/**
 * The commit message command's core (Fathom: Write Commit Message): the staged diff as plain text in, the
 * chat messages out, and the model's answer cleaned into a message for the Git input box. No `vscode`: the
 * adapter (src/vscode/commands/commitMessage.ts) reads the diff through the Git extension and writes the result.
 *
 * What leaves the machine:
 * - Files the ignore rules cover (.fathomignore, the built-in defaults for secrets) and files whose diff is a
 *   credentials file are listed by name and change kind only, marked "content not shown": the message may say
 *   that they changed, nothing of their content is sent.
 * - The rest of the diff, fitted to the chat role's prompt budget: small files whole, the large ones cut at a
 *   line (never inside a secret) with a marker, files with no room left named only. The prompt says so.
 * - Secrets in what is sent are replaced by placeholders on the way out, as for every request (the pool's
 *   redacting backend).
 */
import type { ChatMessage } from '../backends/types';
import type { CommitStyle } from '../config/settings';
import { holdsCredentials } from '../privacy/credentialContent';
import { secretSafeLines } from '../privacy/secretSafeCut';
import { estimateTokens } from '../text/tokens';
import { COMMIT_MIN_DIFF_TOKENS } from '../tunables/tunables';
import { answerLanguageName } from './promptVars';

export type { CommitStyle };

export type FileChange = 'added' | 'deleted' | 'modified' | 'renamed' | 'copied';

/** One file's part of a `git diff`: its header and hunks as git wrote them. */
export interface DiffFile {
  /** Repository-relative path after the change (the old one for a deleted file). */
  path: string;
  /** The path before a rename or copy. */
  oldPath?: string;
  change: FileChange;
  binary: boolean;
  added: number;
  removed: number;
  /** This file's section of the diff, from its `diff --git` line on, without a final newline. */
  text: string;
}

/** Splits the output of `git diff` (or `git diff --cached`) into its files. Text before the first file is dropped. */
export function splitDiff(diff: string): DiffFile[] {
  const lines = diff.replace(/\r\n/g, '\n').split('\n');
  const files: DiffFile[] = [];
  let start = -1;
  const flush = (end: number) => {
    if (start < 0) return;
    const section = lines.slice(start, end);
    while (section.length > 1 && section[section.length - 1] === '') section.pop();
    files.push(describeFile(section));
  };
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].startsWith('diff --git ')) {
      flush(i);
      start = i;
    }
  }
  flush(lines.length);
  return files;
}

function describeFile(section: string[]): DiffFile {
  let change: FileChange = 'modified';
  let binary = false;
  let added = 0;
  let removed = 0;
  let oldPath: string | undefined;
  let newPath: string | undefined;
  let minus: string | undefined;
  let plus: string | undefined;
  let inHunks = false;
  for (const line of section.slice(1)) {
    if (inHunks) {
      if (line.startsWith('+')) added++;
      else if (line.startsWith('-')) removed++;
      continue;
    }
    if (line.startsWith('@@')) inHunks = true;
    else if (line.startsWith('new file mode')) change = 'added';
    else if (line.startsWith('deleted file mode')) change = 'deleted';
    else if (line.startsWith('rename from ')) {
      change = 'renamed';
      oldPath = unquote(line.slice('rename from '.length));
    }
    else if (line.startsWith('rename to ')) newPath = unquote(line.slice('rename to '.length));
    else if (line.startsWith('copy from ')) {
      change = 'copied';
      oldPath = unquote(line.slice('copy from '.length));
    }
    else if (line.startsWith('copy to ')) newPath = unquote(line.slice('copy to '.length));
    else if (line.startsWith('--- ')) minus = pathOf(line.slice(4), 'a/');
    else if (line.startsWith('+++ ')) plus = pathOf(line.slice(4), 'b/');
    else if (line.startsWith('Binary files ') || line === 'GIT binary patch') binary = true;
  }
  const header = headerPaths(section[0].slice('diff --git '.length));
  const path = newPath ?? plus ?? minus ?? header.b ?? header.a ?? '';
  return { path, ...(oldPath !== undefined ? { oldPath } : {}), change, binary, added, removed, text: section.join('\n') };
}

/** A path after `--- ` / `+++ `: without its `a/` / `b/` prefix, undefined for /dev/null. */
function pathOf(raw: string, prefix: string): string | undefined {
  const path = unquote(raw.replace(/\t$/, ''));
  if (path === '/dev/null') return undefined;
  return path.startsWith(prefix) ? path.slice(prefix.length) : path;
}

/** The two paths of `a/X b/Y` (quoted or not); for unquoted paths with spaces, the split where both halves agree. */
function headerPaths(rest: string): { a?: string; b?: string } {
  const quoted = /^("(?:[^"\\]|\\.)*"|\S+) ("(?:[^"\\]|\\.)*")$/.exec(rest) ?? /^("(?:[^"\\]|\\.)*") (\S+)$/.exec(rest);
  if (quoted) return { a: unquote(quoted[1]).replace(/^a\//, ''), b: unquote(quoted[2]).replace(/^b\//, '') };
  const half = (rest.length - 1) / 2;
  if (Number.isInteger(half) && rest.slice(2, half) === rest.slice(half + 3)) return { a: rest.slice(2, half), b: rest.slice(half + 3) };
  const space = rest.indexOf(' b/');
  return space < 0 ? {} : { a: rest.slice(2, space), b: rest.slice(space + 3) };
}

/** Git's C-style quoting of unusual paths (`"caf\303\251.txt"`) undone; a plain path as it is. */
export function unquote(path: string): string {
  if (!(path.length >= 2 && path.startsWith('"') && path.endsWith('"'))) return path;
  const bytes: number[] = [];
  const body = path.slice(1, -1);
  const ESCAPES: Record<string, number> = { n: 10, t: 9, r: 13, b: 8, f: 12, v: 11, a: 7, '"': 34, '\\': 92 };
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c !== '\\') {
      bytes.push(...new TextEncoder().encode(c));
      continue;
    }
    const octal = /^[0-7]{3}/.exec(body.slice(i + 1));
    if (octal) {
      bytes.push(parseInt(octal[0], 8));
      i += 3;
    } else {
      const next = body[++i];
      bytes.push(ESCAPES[next] ?? next.charCodeAt(0));
    }
  }
  return new TextDecoder().decode(new Uint8Array(bytes));
}

/** The files whose content may be sent, and those listed by name only. */
export interface FilteredDiff {
  shown: DiffFile[];
  /** Ignored by the rules (either path of a rename), or a credentials file by content: name and change kind only. */
  hidden: DiffFile[];
}

/** Leaves out the content of files the ignore rules cover (`isIgnored` gets repository-relative paths) and of credentials files. */
export function filterDiff(files: readonly DiffFile[], isIgnored: (path: string) => boolean): FilteredDiff {
  const shown: DiffFile[] = [];
  const hidden: DiffFile[] = [];
  for (const file of files) {
    const ignored = isIgnored(file.path) || (file.oldPath !== undefined && isIgnored(file.oldPath)) || holdsCredentials(addedText(file));
    (ignored ? hidden : shown).push(file);
  }
  return { shown, hidden };
}

/** The lines a diff adds, as the new file's text (what a credentials check reads). */
function addedText(file: DiffFile): string {
  return file.text
    .split('\n')
    .filter((l) => l.startsWith('+') && !l.startsWith('+++ '))
    .map((l) => l.slice(1))
    .join('\n');
}

/** The diff as it fits the budget. */
export interface FittedDiff {
  /** The sections sent, in the diff's order, cut ones ending with a marker line. */
  text: string;
  /** Paths whose diff was cut. */
  cut: string[];
  /** Paths whose diff did not fit at all (named in the file list only). */
  omitted: string[];
  tokens: number;
}

/**
 * Fits the files' diffs into `budget` tokens: files are taken smallest first, each may spend an equal share of
 * what is left, so every file gets some room and the small ones are sent whole. A file over its share keeps its
 * first lines (its header and first hunks), widened so no secret is cut in two, and a marker line; a file whose
 * share does not even hold its header is left out.
 */
export function fitDiff(files: readonly DiffFile[], budget: number): FittedDiff {
  const costs = files.map((f) => estimateTokens(f.text) + 1);
  const order = files.map((_, i) => i).sort((a, b) => costs[a] - costs[b] || a - b);
  const texts: (string | undefined)[] = files.map(() => undefined);
  const cut: string[] = [];
  const omitted: string[] = [];
  let left = Math.max(0, budget);
  order.forEach((i, rank) => {
    const share = Math.floor(left / (order.length - rank));
    const file = files[i];
    if (costs[i] <= share) {
      texts[i] = file.text;
      left -= costs[i];
      return;
    }
    const kept = keepStartLines(file.text, share);
    if (kept === undefined) {
      omitted.push(file.path);
      return;
    }
    texts[i] = kept;
    cut.push(file.path);
    left = Math.max(0, left - estimateTokens(kept) - 1);
  });
  const text = texts.filter((t): t is string => t !== undefined).join('\n');
  const order2 = (paths: string[]) => files.map((f) => f.path).filter((p) => paths.includes(p));
  return { text, cut: order2(cut), omitted: order2(omitted), tokens: estimateTokens(text) };
}

/** The marker that ends a cut file's diff. */
export function cutMarker(linesLeft: number): string {
  return `… (${linesLeft} more line${linesLeft === 1 ? '' : 's'} of this file's diff not shown)`;
}

/**
 * The first lines of a file's diff that fit in `budget` tokens with the marker, the cut moved past any secret it
 * would split; undefined when not even the header (up to the first hunk's first line) fits.
 */
function keepStartLines(text: string, budget: number): string | undefined {
  const lines = text.split('\n');
  const firstHunk = lines.findIndex((l) => l.startsWith('@@'));
  const headerEnd = firstHunk < 0 ? lines.length - 1 : Math.min(lines.length - 1, firstHunk + 1);
  const markerCost = estimateTokens(cutMarker(lines.length)) + 1;
  let used = markerCost;
  let last = -1;
  for (let i = 0; i < lines.length; i++) {
    const cost = estimateTokens(lines[i]) + 1;
    if (used + cost > budget) break;
    used += cost;
    last = i;
  }
  if (last < headerEnd) return undefined;
  const [[, end]] = secretSafeLines(text, lines, [[0, last]]);
  if (end >= lines.length - 1) return text;
  return [...lines.slice(0, end + 1), cutMarker(lines.length - 1 - end)].join('\n');
}

/** Files the list names one by one; a commit of more (a vendored folder, a mass rename) ends with a count of the rest. */
const LISTED_FILES = 200;

/**
 * One line per changed file: `M src/a.ts (+3 -1)`, `R old.ts → new.ts`, `A .env (content not shown: private)`;
 * past `max` files, one line counts the rest.
 */
export function fileList(files: readonly DiffFile[], hidden: readonly DiffFile[], fitted: Pick<FittedDiff, 'cut' | 'omitted'>, max = LISTED_FILES): string {
  const letter: Record<FileChange, string> = { added: 'A', deleted: 'D', modified: 'M', renamed: 'R', copied: 'C' };
  const hiddenSet = new Set(hidden);
  const rest = files.slice(max);
  const more = rest.length > 0 ? [`… and ${rest.length} more file${rest.length === 1 ? '' : 's'} (+${rest.reduce((n, f) => n + f.added, 0)} -${rest.reduce((n, f) => n + f.removed, 0)})`] : [];
  return files
    .slice(0, max)
    .map((f) => {
      const name = f.oldPath !== undefined ? `${f.oldPath} → ${f.path}` : f.path;
      const notes: string[] = [];
      if (hiddenSet.has(f)) notes.push('content not shown: private');
      else if (f.binary) notes.push('binary');
      else {
        notes.push(`+${f.added} -${f.removed}`);
        if (fitted.omitted.includes(f.path)) notes.push('diff not shown: too large');
        else if (fitted.cut.includes(f.path)) notes.push('diff cut');
      }
      return `${letter[f.change]} ${name} (${notes.join(', ')})`;
    })
    .concat(more)
    .join('\n');
}

export interface CommitPromptInput {
  /** The whole diff, as git wrote it. */
  diff: string;
  isIgnored: (path: string) => boolean;
  style: CommitStyle;
  /** The language the message is written in: a BCP 47 tag (`en`, `zh-cn`) or a language's name. */
  language: string;
  /** The diff is of the unstaged changes (nothing was staged). */
  unstaged?: boolean;
}

export interface CommitPromptBudget {
  contextLength: number;
  /** Left for the answer. */
  maxTokens: number;
}

export interface CommitPrompt {
  messages: ChatMessage[];
  files: DiffFile[];
  hidden: string[];
  cut: string[];
  omitted: string[];
}

/** The prompt's language line: a tag is named ("Simplified Chinese (zh-cn)"), a name is used as written. */
export function languageText(language: string): string {
  const value = language.trim() || 'en';
  return /^[a-z]{2,3}(-[a-z0-9]{2,8})*$/i.test(value) ? answerLanguageName(value) : value;
}

const STYLE_RULES: Readonly<Record<CommitStyle, string>> = {
  conventional: [
    'Use the Conventional Commits format: a first line `type(scope): summary`, where type is one of feat, fix, docs, style, refactor, perf, test, build, ci, chore, revert, the scope (optional) names the part of the code changed, and `!` after the type or scope marks a breaking change.',
    'Keep the type and scope in English.',
  ].join(' '),
  plain: 'Start with a one-line summary.',
};

/**
 * The chat messages that ask for a commit message for `input.diff`, fitted to the model's context: the file
 * list is always sent, the diff takes what the budget leaves. Throws when the budget leaves no room at all.
 */
export function commitPrompt(input: CommitPromptInput, budget: CommitPromptBudget): CommitPrompt {
  const files = splitDiff(input.diff);
  const { shown, hidden } = filterDiff(files, input.isIgnored);
  const system = [
    'You write git commit messages.',
    STYLE_RULES[input.style],
    'The summary line is in the imperative mood ("Add", not "Added"), at most 72 characters, without a final period. When the change needs more explanation, add a blank line and a short body (lines of at most 72 characters) that says what changed and why; do not list every file.',
    `Write the message in ${languageText(input.language)}.`,
    'Answer with the commit message only: no preamble, no quotes, no code fences.',
  ].join('\n');
  const render = (fitted: Pick<FittedDiff, 'cut' | 'omitted' | 'text'>) => {
    const notes: string[] = [];
    if (hidden.length > 0) notes.push('Files marked "content not shown" are private: their diff is not given, only that they changed.');
    if (fitted.cut.length > 0 || fitted.omitted.length > 0) notes.push('The diff was too long for this prompt: files marked "diff cut" end early and files marked "diff not shown" are left out. Describe the change from what is shown and the file list.');
    const what = input.unstaged ? 'the changes in the working tree (nothing is staged)' : 'the staged changes';
    return [
      `Write a commit message for ${what}.`,
      '',
      'Changed files:',
      fileList(files, hidden, fitted),
      ...(notes.length > 0 ? ['', ...notes] : []),
      ...(fitted.text ? ['', 'Diff:', fitted.text] : []),
    ].join('\n');
  };
  const bare = messagesTokens([
    { role: 'system', content: system },
    { role: 'user', content: render({ cut: [], omitted: shown.map((f) => f.path), text: '' }) },
  ]);
  // "Diff:" and its blank line, and the note about the cut: the same few tokens whether or not they appear.
  const room = budget.contextLength - budget.maxTokens - bare - DIFF_FRAME_TOKENS;
  if (room < COMMIT_MIN_DIFF_TOKENS && shown.some((f) => !f.binary)) {
    throw new Error(
      `The chat model's context (${budget.contextLength} tokens) leaves no room for the diff after the file list and ${budget.maxTokens} tokens for the answer: lower the maximum answer length (fathom.chat.maxTokens), use a model with a longer context, or stage fewer files.`,
    );
  }
  const fitted = fitDiff(
    shown.filter((f) => !f.binary),
    room,
  );
  const messages: ChatMessage[] = [
    { role: 'system', content: system },
    { role: 'user', content: render(fitted) },
  ];
  return { messages, files, hidden: hidden.map((f) => f.path), cut: fitted.cut, omitted: fitted.omitted };
}

/** What the optional parts of the user message cost at most (headings, the cut note). */
const DIFF_FRAME_TOKENS = 60;
/** Per chat message: the role and the template's separators. */
const MESSAGE_OVERHEAD = 4;

function messagesTokens(messages: readonly ChatMessage[]): number {
  return messages.reduce((sum, m) => sum + estimateTokens(m.content) + MESSAGE_OVERHEAD, 0);
}

/**
 * The model's answer as a commit message: a reasoning block (`<think>…</think>`) dropped, the message taken out
 * of a code fence when the model fenced it, a preamble line ("Here is the commit message:") and a label
 * ("Commit message:") dropped, quotes or backticks around the whole message removed, trailing spaces and
 * runs of blank lines tidied.
 */
export function cleanCommitMessage(answer: string): string {
  let text = answer.replace(/\r\n/g, '\n').replace(/<think>[\s\S]*?(<\/think>|$)/gi, '');
  let lines = text.split('\n').map((l) => l.replace(/\s+$/, ''));
  // The first fenced block, when there is one (its closing fence may be missing).
  const open = lines.findIndex((l) => /^ {0,3}(`{3,}|~{3,})/.test(l));
  if (open >= 0) {
    const fence = /^ {0,3}(`{3,}|~{3,})/.exec(lines[open])![1];
    const close = lines.findIndex((l, i) => i > open && new RegExp(`^ {0,3}${fence[0]}{${fence.length},}$`).test(l));
    lines = lines.slice(open + 1, close < 0 ? undefined : close);
  }
  while (lines.length > 0 && lines[0].trim() === '') lines.shift();
  // A line that introduces the message, when more follows.
  if (lines.length > 1 && /^(here('s| is)|sure|certainly|okay|ok)\b.*[:.!]$/i.test(lines[0].trim())) {
    lines.shift();
    while (lines.length > 0 && lines[0].trim() === '') lines.shift();
  }
  if (lines.length > 0) lines[0] = lines[0].replace(/^\s*(\*\*)?(commit message|message|subject)\s*:?\s*(\*\*)?\s*:?\s*/i, '');
  while (lines.length > 0 && lines[0].trim() === '') lines.shift();
  text = lines.join('\n').trim();
  for (const [open, close] of [['"', '"'], ["'", "'"], ['`', '`'], ['“', '”'], ['「', '」']]) {
    if (text.length >= 2 && text.startsWith(open) && text.endsWith(close) && !text.slice(1, -1).includes(close)) text = text.slice(1, -1).trim();
  }
  return text.replace(/\n{3,}/g, '\n\n');
}
