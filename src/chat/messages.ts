/**
 * A conversation to the messages sent to the chat model, within its context window: the system prompt,
 * then as many of the latest turns as fit — the oldest are left out first, whole question/answer pairs —
 * and always the question being asked with its attached context (cut to fit when it alone is too big, never
 * inside a secret).
 * Failed answers and empty ones are not sent: the model only sees what it really said.
 */
import type { ChatMessage } from '../backends/types';
import { fenced } from '../commands/promptVars';
import { secretSafeRange } from '../privacy/secretSafeCut';
import { estimateTokens, takeTokensFromStart } from '../text/tokens';
import { codebasePromptText } from './codebasePrompt';
import type { Attachment, ChatTurn } from './conversation';
import { expandSlashCommand } from './slashCommands';

export interface ChatBudget {
  /** The model's context window in tokens. */
  contextLength: number;
  /** Tokens kept free for the answer. */
  maxTokens: number;
}

export interface BuiltChat {
  messages: ChatMessage[];
  /** Earlier turns that were left out to fit the budget (0 when everything fits). */
  omittedTurns: number;
  /** Attachments of the question that had to be cut to fit. */
  truncatedAttachments: string[];
}

/** Tokens per message for the chat template's role markers. */
const MESSAGE_OVERHEAD = 4;
const TRUNCATED = '\n… (cut here to fit the model’s context)';

/**
 * The text of a question as the model reads it: the attached context first, then the code from the workspace
 * index (already fitted to its budget when it was found), then what the user wrote (a slash command as its
 * instruction: slashCommands.ts).
 */
export function questionText(turn: Pick<ChatTurn, 'text' | 'attachments' | 'codebase'>, attachments = turn.attachments ?? []): string {
  const blocks = attachments.map(attachmentText);
  if (turn.codebase) blocks.push(codebasePromptText(turn.codebase));
  return [...blocks.filter(Boolean), expandSlashCommand(turn.text)].join('\n\n');
}

export function attachmentText(a: Attachment): string {
  const lines = a.startLine !== undefined ? ` (lines ${a.startLine}-${a.endLine ?? a.startLine})` : '';
  const heading =
    a.kind === 'diagnostics'
      ? `Problems reported in \`${a.path}\`:`
      : a.kind === 'answer'
        ? `An earlier answer (${a.label}):`
        : a.kind === 'terminal'
          ? 'The last command run in the terminal, and its output:'
          : `\`${a.path}\`${lines}:`;
  return a.kind === 'diagnostics' || a.kind === 'answer' ? `${heading}\n${a.text}` : `${heading}\n${fenced(a.text, a.languageId)}`;
}

export function buildChatMessages(system: string, turns: readonly ChatTurn[], budget: ChatBudget): BuiltChat {
  const sendable = turns.filter((t) => t.role === 'user' || (!t.error && t.text.trim() !== ''));
  const question = sendable[sendable.length - 1];
  if (!question || question.role !== 'user') throw new Error('buildChatMessages: the last turn must be the question being asked');
  let left = budget.contextLength - budget.maxTokens - cost(system);
  const { text: asked, truncated } = fitQuestion(question, left);
  left -= cost(asked);

  // Earlier turns, newest first, in question/answer pairs so the model never sees an answer without its question.
  const earlier = sendable.slice(0, -1);
  const kept: ChatMessage[] = [];
  let i = earlier.length - 1;
  while (i >= 0) {
    const pair = earlier[i].role === 'assistant' && earlier[i - 1]?.role === 'user' ? [earlier[i - 1], earlier[i]] : [earlier[i]];
    const messages = pair.map((t): ChatMessage => ({ role: t.role, content: t.role === 'user' ? questionText(t) : t.text }));
    const needed = messages.reduce((sum, m) => sum + cost(m.content), 0);
    if (needed > left) break;
    left -= needed;
    kept.unshift(...messages);
    i -= pair.length;
  }
  const messages: ChatMessage[] = [...(system ? [{ role: 'system' as const, content: system }] : []), ...kept, { role: 'user', content: asked }];
  return { messages, omittedTurns: i + 1, truncatedAttachments: truncated };
}

/** The question with its attachments, the largest attachments cut first when they do not fit. */
function fitQuestion(question: ChatTurn, budget: number): { text: string; truncated: string[] } {
  const attachments = [...(question.attachments ?? [])];
  const full = questionText(question, attachments);
  if (cost(full) <= budget || attachments.length === 0) return { text: full, truncated: [] };
  const fixed = cost(expandSlashCommand(question.text)) + (question.codebase ? cost(codebasePromptText(question.codebase)) : 0) + attachments.reduce((sum, a) => sum + cost(attachmentText({ ...a, text: '' })), 0);
  const share = Math.max(0, budget - fixed);
  // Small attachments keep all of their text; the rest share what is left equally.
  const bySize = [...attachments].sort((a, b) => estimateTokens(a.text) - estimateTokens(b.text));
  let pool = share;
  const allowed = new Map<string, number>();
  bySize.forEach((a, index) => {
    const fair = Math.floor(pool / (bySize.length - index));
    const give = Math.min(estimateTokens(a.text), fair);
    allowed.set(a.id, give);
    pool -= give;
  });
  const truncated: string[] = [];
  const fitted = attachments.map((a) => {
    const limit = allowed.get(a.id) ?? 0;
    if (estimateTokens(a.text) <= limit) return a;
    truncated.push(a.label);
    // Cut at the start's end, but never inside a secret (it would reach the redactor half and pass unseen).
    const kept = takeTokensFromStart(a.text, Math.max(0, limit - estimateTokens(TRUNCATED))).length;
    return { ...a, text: a.text.slice(0, secretSafeRange(a.text, { start: 0, end: kept }).end) + TRUNCATED };
  });
  return { text: questionText(question, fitted), truncated };
}

const cost = (text: string): number => estimateTokens(text) + MESSAGE_OVERHEAD;
