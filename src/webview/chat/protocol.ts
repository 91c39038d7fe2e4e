/**
 * The messages between the chat view's webview script and the extension, imported by both sides. Plain data
 * only: everything here crosses `postMessage` as structured clone. Messages from the webview are untrusted
 * (it renders model output) and are checked by `parseFromChat` before the extension acts on them.
 */
import type { ConversationSummary } from '../../chat/conversation';
import type { SourcePlace } from '../codeReferences';
import type { BlockNames } from '../../codebase/names/answerNames';

export interface ChatChip {
  id: string;
  kind: string;
  label: string;
}

export interface ChatViewTurn {
  id: string;
  role: 'user' | 'assistant';
  text: string;
  attachments: ChatChip[];
  error?: string;
  stopped?: boolean;
  model?: string;
  /** An answer's workspace code (`@codebase`): listed under it, and what references in it link to. */
  sources?: SourcePlace[];
  /** Why that list may be short (the index is off or still being built), in the user's language. */
  codebaseNote?: string;
}

/** A slash command the message box completes after `/`, with its description in the user's language. */
export interface ChatSlashCommand {
  name: string;
  description: string;
}

/** The view's words that come from the extension's translations. */
export interface ChatLabels {
  /** Heads an answer's list of workspace code. */
  usedFromWorkspace: string;
  /** A workspace link's tooltip: {0} the path, {1} the first line, {2} the last. */
  openLines: string;
}

/** Everything the view shows; the extension owns it and sends it whole when it changes shape. */
export interface ChatViewState {
  conversationId: string;
  title: string;
  turns: ChatViewTurn[];
  /** The last turn is an answer still streaming. */
  streaming: boolean;
  /** Chips attached to the next question. */
  pending: ChatChip[];
  notice?: string;
  history: ConversationSummary[];
  /** The chat models the server lists (empty when it could not be asked), and the one in use. */
  models: string[];
  model: string;
  labels?: ChatLabels;
  /** What `/` at the start of the message box offers (absent in an old saved state: nothing is offered). */
  slashCommands?: ChatSlashCommand[];
}

/** Extension → webview. */
export type ToChat =
  | { type: 'state'; state: ChatViewState }
  /** More of the streaming answer (batched by the extension). */
  | { type: 'append'; text: string }
  /** Put the cursor in the message box (after "Ask About Selection"). */
  | { type: 'focusInput' }
  /** Type `text` at the cursor in the message box (a mention picked after "@", such as `@codebase `). */
  | { type: 'insertText'; text: string }
  /** A finished answer's code blocks that use names found nowhere in the workspace (underlined). */
  | { type: 'unknownNames'; turnId: string; blocks: BlockNames[] };

export type AttachWhat = 'selection' | 'file' | 'diagnostics' | 'pick';

/** Webview → extension. */
export type FromChat =
  | { type: 'ready' }
  | { type: 'send'; text: string; replacing?: string }
  | { type: 'stop' }
  | { type: 'regenerate' }
  | { type: 'attach'; what: AttachWhat }
  | { type: 'detach'; id: string }
  | { type: 'copy'; code: string }
  | { type: 'insert'; code: string }
  | { type: 'apply'; code: string; language?: string }
  | { type: 'saveAs'; code: string; language?: string }
  | { type: 'openLink'; href: string }
  /** Open lines of a file an answer was given (its "Used from this workspace" list, or a reference to it). */
  | { type: 'openSource'; path: string; line: number; endLine: number }
  | { type: 'pickModel'; model: string }
  | { type: 'newChat' }
  | { type: 'open'; id: string }
  | { type: 'rename'; id: string }
  | { type: 'delete'; id: string }
  | { type: 'dismissNotice' };

const BARE = new Set(['ready', 'stop', 'regenerate', 'newChat', 'dismissNotice']);
const BY_ID = new Set(['detach', 'open', 'rename', 'delete']);
const CODE = new Set(['copy', 'insert', 'apply', 'saveAs']);
const ATTACH = new Set<string>(['selection', 'file', 'diagnostics', 'pick']);
/** Longest message or code block accepted from the view. */
const MAX_TEXT = 2_000_000;

export function parseFromChat(message: unknown): FromChat | undefined {
  if (typeof message !== 'object' || message === null) return undefined;
  const m = message as Record<string, unknown>;
  const type = m.type;
  if (typeof type !== 'string') return undefined;
  if (BARE.has(type)) return { type } as FromChat;
  if (BY_ID.has(type)) return isId(m.id) ? ({ type, id: m.id } as FromChat) : undefined;
  if (CODE.has(type)) {
    if (!isText(m.code)) return undefined;
    if (type === 'copy' || type === 'insert') return { type, code: m.code };
    return typeof m.language === 'string' && /^[\w#+.-]{1,32}$/.test(m.language) ? { type: type as 'apply' | 'saveAs', code: m.code, language: m.language } : { type: type as 'apply' | 'saveAs', code: m.code };
  }
  switch (type) {
    case 'send':
      if (!isText(m.text)) return undefined;
      return isId(m.replacing) ? { type, text: m.text, replacing: m.replacing } : { type, text: m.text };
    case 'attach':
      return typeof m.what === 'string' && ATTACH.has(m.what) ? { type, what: m.what as AttachWhat } : undefined;
    case 'openLink':
      return typeof m.href === 'string' && /^https?:\/\//i.test(m.href) ? { type, href: m.href } : undefined;
    case 'openSource':
      return isPath(m.path) && isLine(m.line) && isLine(m.endLine) && m.endLine >= m.line ? { type, path: m.path, line: m.line, endLine: m.endLine } : undefined;
    case 'pickModel':
      return typeof m.model === 'string' && m.model.length > 0 && m.model.length <= 200 ? { type, model: m.model } : undefined;
  }
  return undefined;
}

const isId = (v: unknown): v is string => typeof v === 'string' && /^[A-Za-z0-9-]{1,64}$/.test(v);
const isPath = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= 1000;
const isLine = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 1;
const isText = (v: unknown): v is string => typeof v === 'string' && v.length <= MAX_TEXT;
