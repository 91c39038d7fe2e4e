/**
 * The answer the fake gives when nothing was scripted: fixed, so tests can assert on it, and derived from the
 * request only where that makes a chat answer readable.
 */
import { requestText, topicOf } from './request-text';
import type { RecordedRequest, Reply } from './types';

/** What every completion request gets by default. */
export const DEFAULT_COMPLETION_TEXT = 'return 42;';

export function defaultChatText(question: string): string {
  const topic = topicOf(question) || 'your question';
  return `Here is a short answer about "${topic}".\n\n- The fake server wrote this.\n- It is the same every time.\n\n\`\`\`ts\nconst answer = 42;\n\`\`\`\n`;
}

export function defaultReply(request: RecordedRequest): Reply {
  const asked = requestText(request);
  if (asked.kind === 'chat') return { text: defaultChatText(asked.question) };
  return { text: DEFAULT_COMPLETION_TEXT };
}
