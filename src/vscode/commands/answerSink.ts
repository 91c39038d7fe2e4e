import type * as vscode from 'vscode';
import type { CodePlace } from '../../codebase/codebase';

/**
 * Where a command's answer streams to: the answer panel (src/vscode/panel/). Kept as an interface so the
 * command flows do not depend on how the panel is built.
 */
export interface AnswerSink {
  /** Opens (or reuses) the panel beside the editor for a new answer about `source`. */
  start(answer: { title: string; subtitle?: string; source: vscode.Uri; lines?: { start: number; end: number } }): void;
  append(text: string): void;
  /** The answer's prompt came from this workspace prompt file: the panel says so, with a link to it. */
  usingPromptFile(relPath: string): void;
  /** The lines of other workspace files the prompt carried: listed under the answer, each opens. */
  usedFromWorkspace(sources: readonly CodePlace[]): void;
  finish(): void;
  fail(message: string): void;
  /** Fires when the user closes the panel. */
  onDidClose: vscode.Event<void>;
  /** Fires when an answer starts (after `start`): the one before it is replaced. */
  onDidStart: vscode.Event<void>;
}

/** The answer panel as a sink; `panel` is asked for on use, so the panel is made only when an answer comes. */
export function panelSink(panel: () => {
  start(request: { title: string; subtitle?: string; source?: vscode.Uri; lines?: { start: number; end: number } }): void;
  append(text: string): void;
  usingPromptFile(relPath: string): void;
  usedFromWorkspace(sources: readonly CodePlace[]): void;
  finish(): void;
  fail(message: string): void;
  onDidClose: vscode.Event<void>;
  onDidStart: vscode.Event<void>;
}): AnswerSink {
  return {
    start: (answer) => panel().start(answer),
    append: (text) => panel().append(text),
    usingPromptFile: (relPath) => panel().usingPromptFile(relPath),
    usedFromWorkspace: (sources) => panel().usedFromWorkspace(sources),
    finish: () => panel().finish(),
    fail: (message) => panel().fail(message),
    onDidClose: (listener, thisArgs, disposables) => panel().onDidClose(listener, thisArgs, disposables),
    onDidStart: (listener, thisArgs, disposables) => panel().onDidStart(listener, thisArgs, disposables),
  };
}
