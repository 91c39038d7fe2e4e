/**
 * A chat conversation as plain data, and the few ways it changes: a question is asked, an answer grows,
 * an earlier question is edited (everything after it goes), the last answer is asked again.
 * Pure functions returning new objects: the session (session.ts) and the store (store.ts) share them.
 */

import type { CodebaseContext, CodebaseNote, CodebaseSource } from './codebaseContext';

/** Context the user attached to a question: shown as a chip, sent with the question. */
export interface Attachment {
  id: string;
  kind: 'selection' | 'file' | 'symbol' | 'diagnostics' | 'answer' | 'terminal';
  /** What the chip says, e.g. "app.ts:12-30" or "Problems in app.ts". */
  label: string;
  /** Workspace-relative path of the file it came from. */
  path: string;
  languageId: string;
  text: string;
  /** 1-based lines of a selection or symbol. */
  startLine?: number;
  endLine?: number;
}

export interface ChatTurn {
  id: string;
  role: 'user' | 'assistant';
  text: string;
  attachments?: Attachment[];
  /** An answer that failed: the backend's message (what happened, what to do). */
  error?: string;
  /** An answer the user stopped before it was complete. */
  stopped?: boolean;
  /** The model that wrote an answer. */
  model?: string;
  /** A question's code from the workspace index (`@codebase`, or names it mentions), as it was sent. */
  codebase?: CodebaseContext;
  /** An answer's list of the workspace code it was given, and why that may be short. */
  sources?: CodebaseSource[];
  codebaseNote?: CodebaseNote;
  at: number;
}

export interface Conversation {
  id: string;
  title: string;
  createdAt: number;
  updatedAt: number;
  turns: ChatTurn[];
}

/** What the history list shows of a conversation. */
export interface ConversationSummary {
  id: string;
  title: string;
  updatedAt: number;
  turns: number;
}

export const UNTITLED = 'New chat';
const TITLE_CHARS = 60;

export function newConversation(id: string, now: number): Conversation {
  return { id, title: UNTITLED, createdAt: now, updatedAt: now, turns: [] };
}

/** A title from the first question: its first line, at most 60 characters, cut at a word. */
export function titleFrom(text: string): string {
  const line = text.trim().split('\n')[0].replace(/\s+/g, ' ').trim();
  if (!line) return UNTITLED;
  if (line.length <= TITLE_CHARS) return line;
  const cut = line.slice(0, TITLE_CHARS);
  const space = cut.lastIndexOf(' ');
  return `${(space > TITLE_CHARS / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

export function summaryOf(conversation: Conversation): ConversationSummary {
  return { id: conversation.id, title: conversation.title, updatedAt: conversation.updatedAt, turns: conversation.turns.length };
}

/**
 * Asks `question`: appended at the end, or — when `replacing` names an earlier question — in its place, with
 * every turn after it dropped (the user edited and resent it). The first question names the conversation.
 */
export function ask(conversation: Conversation, question: ChatTurn, replacing?: string): Conversation {
  let turns = conversation.turns;
  if (replacing !== undefined) {
    const index = turns.findIndex((t) => t.id === replacing && t.role === 'user');
    if (index >= 0) turns = turns.slice(0, index);
  }
  const named = conversation.title === UNTITLED || turns.length === 0;
  return { ...conversation, title: named ? titleFrom(question.text) : conversation.title, updatedAt: question.at, turns: [...turns, question] };
}

/** Adds an (empty, growing) answer after the last question. */
export function startAnswer(conversation: Conversation, answer: ChatTurn): Conversation {
  return { ...conversation, updatedAt: answer.at, turns: [...conversation.turns, answer] };
}

/** Replaces the last turn (the answer being written) with `change` applied. */
export function updateLastAnswer(conversation: Conversation, change: Partial<ChatTurn>): Conversation {
  const last = conversation.turns[conversation.turns.length - 1];
  if (!last || last.role !== 'assistant') return conversation;
  return { ...conversation, turns: [...conversation.turns.slice(0, -1), { ...last, ...change }] };
}

/** For "Regenerate": the conversation without its last answer, when the turn before it is a question. */
export function withoutLastAnswer(conversation: Conversation): Conversation | undefined {
  const turns = conversation.turns;
  const last = turns[turns.length - 1];
  if (!last || last.role !== 'assistant' || turns[turns.length - 2]?.role !== 'user') return undefined;
  return { ...conversation, turns: turns.slice(0, -1) };
}

/** Checks data read back from disk (or from a webview) before it is trusted as a conversation. */
export function isConversation(value: unknown): value is Conversation {
  const c = value as Partial<Conversation> | null;
  return (
    !!c &&
    typeof c === 'object' &&
    typeof c.id === 'string' &&
    typeof c.title === 'string' &&
    typeof c.createdAt === 'number' &&
    typeof c.updatedAt === 'number' &&
    Array.isArray(c.turns) &&
    c.turns.every(isTurn)
  );
}

function isTurn(value: unknown): value is ChatTurn {
  const t = value as Partial<ChatTurn> | null;
  return (
    !!t &&
    typeof t.id === 'string' &&
    (t.role === 'user' || t.role === 'assistant') &&
    typeof t.text === 'string' &&
    typeof t.at === 'number' &&
    (t.attachments === undefined || (Array.isArray(t.attachments) && t.attachments.every(isAttachment))) &&
    (t.sources === undefined || (Array.isArray(t.sources) && t.sources.every(isSource))) &&
    (t.codebase === undefined || (typeof t.codebase === 'object' && t.codebase !== null && Array.isArray(t.codebase.chunks) && t.codebase.chunks.every((c) => isSource(c) && typeof c.text === 'string')))
  );
}

/** A listed chunk's place: the view links to it, so its path and lines are checked like the rest. */
function isSource(value: unknown): value is CodebaseSource {
  const s = value as Partial<CodebaseSource> | null;
  return !!s && typeof s.path === 'string' && Number.isInteger(s.startLine) && Number.isInteger(s.endLine) && typeof s.symbol === 'string';
}

function isAttachment(value: unknown): value is Attachment {
  const a = value as Partial<Attachment> | null;
  return !!a && typeof a.id === 'string' && typeof a.kind === 'string' && typeof a.label === 'string' && typeof a.path === 'string' && typeof a.text === 'string';
}
