/**
 * What the command adapters need from the core (src/commands/), as one small interface: the adapters
 * are written against it, and bindCore (coreBinding.ts) plugs in the real modules.
 */
import type { CodePlace } from '../../codebase/codebase';
import type { TestSetup } from '../../commands/testFramework';
import type { CommandKind, CommandTarget, DiagnosticInfo } from '../../commands/types';
import type { DocumentSnapshot } from '../../workspace/document';
import type { RedactionLedger } from '../../privacy/redactionLedger';

/** Where a command's prompt came from: a workspace prompt file, or the one shipped with Fathom. */
export interface PromptSource {
  source: 'workspace' | 'extension';
  /** Relative path: `.fathom/prompts/<kind>.md` or `prompts/<kind>.md`. */
  path: string;
  /** The lines of other workspace files the prompt carries (callers, existing tests). */
  workspace?: CodePlace[];
}

/** One command's input, as plain data. */
export interface CommandInput {
  kind: CommandKind;
  snapshot: DocumentSnapshot;
  /** The user's selection; undefined: the target is found around `snapshot.offset`. */
  selection?: { start: number; end: number };
  /** What the command works on (the core finds the same one from snapshot and selection). */
  target: CommandTarget;
  /** The document's diagnostics (the core keeps those on and around the target); Debug's focus first. */
  diagnostics: DiagnosticInfo[];
  /** Debug: a pasted error or stack trace. */
  errorText?: string;
  /** Refactor: what to do. */
  instruction?: string;
  /** Generate Tests: the test file's workspace path and framework, when known. */
  testSetup?: TestSetup;
}

/** A command's whole answer, as the model wrote it (redaction placeholders included). */
export interface CommandAnswer {
  text: string;
  /**
   * What the request's redaction replaced. An edit made from the answer restores through it, into the file it
   * edits only (`redaction.restoreInto(code, fileText)`); the panel's prose never does.
   */
  redaction: RedactionLedger;
  /** The lines of other workspace files the prompt carried (callers, existing tests): a proposal made from the answer offers them. */
  workspace: CodePlace[];
}

export interface CommandCore {
  /**
   * Builds the prompt (context gathered and fitted to the chat model) and streams the answer; resolves with all
   * of it. `onPrompt` hears which prompt file was used, before the request goes out.
   */
  run(input: CommandInput, signal: AbortSignal, onText: (text: string) => void, onPrompt?: (prompt: PromptSource) => void): Promise<CommandAnswer>;
  /** The code in the answer that replaces the target; undefined when the answer holds none. */
  replacement(answer: string, input: CommandInput): string | undefined;
  /** Where the tests for a source file go, and with which framework. */
  testSetup(snapshot: DocumentSnapshot): Promise<TestSetup>;
  reanchor(baseText: string, target: { start: number; end: number }, currentText: string): { start: number; end: number } | undefined;
  addsParseErrors(text: string, target: { start: number; end: number }, code: string, languageId: string): Promise<boolean>;
}
