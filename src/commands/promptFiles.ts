/**
 * The prompts of the commands are markdown files shipped in `prompts/<kind>.md`; a workspace overrides
 * one with `.fathom/prompts/<kind>.md` — in a trusted workspace only (see trustedPromptReader). A file has up to three parts, each under a level-2 heading:
 *
 *   ## system      the system message (optional)
 *   ## user        the user message (required; text before any heading counts as the user part)
 *   ## examples    few-shot examples (optional): `### user` / `### assistant` pairs, sent before the request
 *
 * Placeholders are `{{name}}`. A section `{{#name}} … {{/name}}` is kept only when `name` is not empty
 * (e.g. the error text of Debug). A placeholder the caller does not know is reported, and left in the
 * text as written, so a typo in an override shows instead of silently vanishing. HTML comments
 * (`<!-- … -->`) are notes for whoever edits the file and are not sent.
 */
import type { ChatMessage } from '../backends/types';
import type { CommandKind } from './types';

/** The commands' prompts, and the chat's system prompt (prompts/chat.md). */
export type PromptKind = CommandKind | 'chat';

export interface PromptTemplate {
  kind: PromptKind;
  /** Where it came from: the workspace override or the file shipped with the extension. */
  source: 'workspace' | 'extension';
  /** The relative path it was read from. */
  path: string;
  system: string;
  user: string;
  /** Few-shot examples, user / assistant alternating. */
  examples: ChatMessage[];
}

/** A workspace's override of a prompt; `folder` is the prefix of the folder it belongs to (multi-root: `name/`). */
export const workspacePromptPath = (kind: PromptKind, folder = ''): string => `${folder}.fathom/prompts/${kind}.md`;
export const shippedPromptPath = (kind: PromptKind): string => `prompts/${kind}.md`;

/** Reads a prompt file by its relative path: a workspace path (`.fathom/prompts/…`) or a shipped one (`prompts/…`). */
export type PromptRead = (relPath: string, source: PromptTemplate['source']) => Promise<string | undefined>;

/**
 * A workspace prompt file comes from whoever wrote the repository, and it becomes the instructions the model
 * follows with the user's code in hand. So it is used only in a trusted workspace: in an untrusted one this
 * reader answers "no such file" for workspace paths, so loadPrompt falls back to the shipped prompt, and
 * `onIgnored` hears once per file that one was there and was not used. Trust is asked at every read, so
 * granting it takes effect on the next command.
 */
export function trustedPromptReader(read: PromptRead, trusted: () => boolean, onIgnored?: (relPath: string) => void): PromptRead {
  const noted = new Set<string>();
  return async (relPath, source) => {
    if (source !== 'workspace' || trusted()) return read(relPath, source);
    if (onIgnored && !noted.has(relPath) && (await read(relPath, source))?.trim()) {
      noted.add(relPath);
      onIgnored(relPath);
    }
    return undefined;
  };
}

/**
 * Reads the prompt of a command: the workspace override first (in the folder `folder` names: the target's
 * folder in a multi-root workspace), then the shipped file.
 */
export async function loadPrompt(kind: PromptKind, read: PromptRead, folder = ''): Promise<PromptTemplate> {
  for (const [path, source] of [[workspacePromptPath(kind, folder), 'workspace'], [shippedPromptPath(kind), 'extension']] as const) {
    const text = await read(path, source);
    if (text !== undefined && text.trim()) return { kind, source, path, ...parsePromptFile(text, path) };
  }
  throw new Error(`No prompt for "${kind}": neither ${workspacePromptPath(kind, folder)} nor ${shippedPromptPath(kind)} could be read.`);
}

/** Splits a prompt file into its parts (see the format above). */
export function parsePromptFile(text: string, path = 'prompt'): Omit<PromptTemplate, 'kind' | 'source' | 'path'> {
  const parts: Record<string, string[]> = { user: [] };
  let current = 'user';
  for (const line of text.replace(/\r\n/g, '\n').replace(/<!--[\s\S]*?-->\n?/g, '').split('\n')) {
    const heading = /^##\s+(system|user|examples)\s*$/i.exec(line);
    if (heading) {
      current = heading[1].toLowerCase();
      parts[current] = [];
      continue;
    }
    parts[current].push(line);
  }
  const user = (parts.user ?? []).join('\n').trim();
  if (!user) throw new Error(`${path}: the prompt has no "## user" part.`);
  return { system: (parts.system ?? []).join('\n').trim(), user, examples: parseExamples(parts.examples ?? [], path) };
}

function parseExamples(lines: readonly string[], path: string): ChatMessage[] {
  const messages: ChatMessage[] = [];
  for (const line of lines) {
    const heading = /^###\s+(user|assistant)\s*$/i.exec(line);
    if (heading) messages.push({ role: heading[1].toLowerCase() as 'user' | 'assistant', content: '' });
    else if (messages.length) messages[messages.length - 1].content += `${line}\n`;
    else if (line.trim()) throw new Error(`${path}: text in "## examples" must follow a "### user" or "### assistant" heading.`);
  }
  for (const m of messages) m.content = m.content.trim();
  return messages;
}

export interface RenderedText {
  text: string;
  /** Placeholders the template uses that `vars` does not define, in order of first use. */
  unknown: string[];
}

/** Fills `{{name}}` placeholders and `{{#name}} … {{/name}}` sections from `vars`. */
export function renderPrompt(template: string, vars: Readonly<Record<string, string>>): RenderedText {
  const unknown: string[] = [];
  const note = (name: string) => {
    if (!unknown.includes(name)) unknown.push(name);
  };
  const known = (name: string) => Object.prototype.hasOwnProperty.call(vars, name);
  const sections = template.replace(/\{\{#(\w+)\}\}\n?([\s\S]*?)\{\{\/\1\}\}\n?/g, (whole, name: string, body: string) => {
    if (!known(name)) {
      note(name);
      return whole;
    }
    return vars[name].trim() ? body : '';
  });
  // One pass, so a value that happens to contain `{{x}}` (code often does) is not expanded again.
  const text = sections.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => {
    if (known(name)) return vars[name];
    note(name);
    return whole;
  });
  return { text, unknown };
}

/** The placeholders a template uses (for a settings check, or to tell a user what an override may use). */
export function placeholdersOf(template: string): string[] {
  return [...new Set([...template.matchAll(/\{\{[#/]?(\w+)\}\}/g)].map((m) => m[1]))];
}
