/**
 * The messages between the answer panel's webview script and the extension, imported by both sides.
 * Plain data only (no `vscode`, no DOM): everything here crosses `postMessage` as structured clone.
 */
import type { CodePlace } from '../../codebase/codebase';

/** What the panel shows; also what the webview keeps with `setState` so a hidden panel comes back as it was. */
export interface AnswerView {
  title: string;
  subtitle?: string;
  /** The whole markdown answer received so far. */
  markdown: string;
  phase: 'streaming' | 'done' | 'failed';
  /** Set when phase is 'failed': the backend's typed message, shown under the answer. */
  error?: string;
  /** Whether "Continue in chat" may be offered (the chat view exists). */
  chatAvailable: boolean;
  /**
   * The workspace prompt file (`.fathom/prompts/<kind>.md`) the answer's prompt came from: the panel says so,
   * with a link that opens it. Undefined when the prompt shipped with Fathom was used.
   */
  promptFile?: string;
  /** Lines of other workspace files the prompt carried (callers, existing tests): listed under the answer, each opens. */
  sources?: CodePlace[];
}

/** Extension → webview. */
export type ToPanel =
  /** Replace everything (a new answer, or the state after the webview was re-created). */
  | { type: 'show'; view: AnswerView }
  /** More of the answer: appended to the markdown (batched by the extension). */
  | { type: 'append'; text: string }
  | { type: 'finish' }
  | { type: 'fail'; message: string }
  /** The answer's prompt came from this workspace prompt file. */
  | { type: 'promptFile'; path: string }
  /** The workspace code the answer's prompt carried ("Used from this workspace"). */
  | { type: 'sources'; sources: CodePlace[] };

/** Webview → extension. */
export type FromPanel =
  /** The script has loaded and listens: messages posted before this would be lost. */
  | { type: 'ready' }
  | { type: 'copy'; code: string }
  | { type: 'insert'; code: string; language?: string }
  /** A line reference in the answer ("line 12", "L12–15") was clicked: 1-based lines in the source document. */
  | { type: 'reveal'; line: number; endLine?: number }
  /** An http(s) link was clicked; the extension opens it through `env.openExternal`, which asks the user. */
  | { type: 'openLink'; href: string }
  | { type: 'continueInChat' }
  /** The workspace prompt file's link was clicked: the extension opens the file the answer names (never a path from the page). */
  | { type: 'openPromptFile' }
  /** One of the answer's "Used from this workspace" entries was clicked, by its place in the list (never a path from the page). */
  | { type: 'openSource'; index: number };

const FROM_PANEL_TYPES = new Set<FromPanel['type']>(['ready', 'copy', 'insert', 'reveal', 'openLink', 'continueInChat', 'openPromptFile', 'openSource']);

/**
 * Checks a message from the webview before the extension acts on it: the webview shows model output, so its
 * messages are treated as untrusted input (right shape, sane numbers, http(s) links only).
 */
export function parseFromPanel(message: unknown): FromPanel | undefined {
  if (typeof message !== 'object' || message === null) return undefined;
  const m = message as Record<string, unknown>;
  if (typeof m.type !== 'string' || !FROM_PANEL_TYPES.has(m.type as FromPanel['type'])) return undefined;
  switch (m.type) {
    case 'ready':
    case 'continueInChat':
    case 'openPromptFile':
      return { type: m.type };
    case 'copy':
      return typeof m.code === 'string' ? { type: 'copy', code: m.code } : undefined;
    case 'insert':
      if (typeof m.code !== 'string') return undefined;
      return typeof m.language === 'string' ? { type: 'insert', code: m.code, language: m.language } : { type: 'insert', code: m.code };
    case 'reveal': {
      if (!isLine(m.line)) return undefined;
      return isLine(m.endLine) && m.endLine >= m.line ? { type: 'reveal', line: m.line, endLine: m.endLine } : { type: 'reveal', line: m.line };
    }
    case 'openLink':
      return typeof m.href === 'string' && /^https?:\/\//i.test(m.href) ? { type: 'openLink', href: m.href } : undefined;
    case 'openSource':
      return typeof m.index === 'number' && Number.isInteger(m.index) && m.index >= 0 && m.index < 1000 ? { type: 'openSource', index: m.index } : undefined;
  }
  return undefined;
}

const isLine = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= 10_000_000;
