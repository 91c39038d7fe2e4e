/**
 * One completion request, start to finish: syntax at the cursor → single line or block → request →
 * stream, stopped as soon as the completion is decided → post-processing. Pure logic: the backend, the
 * request builder and the syntax tree come in as dependencies, so the editor, the `replay` CLI and the
 * benchmarks run exactly this. Nothing here is proportional to the document's size except what the
 * injected `withTree` does (the editor's trees are cached and re-parsed incrementally).
 */
import type { Language, Tree } from 'web-tree-sitter';
import type { Backend, ChatRequest, CompletionRequest } from '../../backends/types';
import { RedactionLedger } from '../../privacy/redactionLedger';
import { secretSafeRange, splitsSecret } from '../../privacy/secretSafeCut';
import { cursorContext } from '../analysis/cursorContext';
import { decideShape } from '../analysis/multiline';
import { postprocess, type Draft } from '../postprocess';
import { limitShape } from '../postprocess/keepMaxLines';
import { streamChatFill } from '../prompt/chatFill';
import { StreamStop } from '../streaming/streamStop';
import { parseErrorCounter } from './syntaxCheck';
import { insideCommentOrString } from '../analysis/syntaxAtCursor';
import type { CompletionResult } from './result';
import type { DocumentSnapshot } from '../../workspace/document';
import { DEFAULT_PREFIX_CHARS } from '../../tunables/tunables';
import { DEFAULT_SUFFIX_CHARS } from '../../tunables/tunables';
import { SINGLE_LINE_MAX_TOKENS } from '../../tunables/tunables';
import { DEFAULT_MAX_TOKENS } from '../../tunables/tunables';

/**
 * The request for a snapshot, without `signal` (the engine adds it): a completion request (native FIM or
 * a raw template), or a chat "fill the hole" request for chat-only models (its reply is read by chatFill).
 */
export type RequestBuilder = (
  snapshot: DocumentSnapshot,
  options: { multiline: boolean },
) => CompletionRequest | ChatRequest | Promise<CompletionRequest | ChatRequest>;

export interface EngineDeps {
  backend: Backend;
  /** Model and limits for the default request (native FIM); a custom `buildRequest` sets its own. */
  model: string;
  maxTokens?: number;
  temperature?: number;
  timeoutMs?: number;
  /** Builds the request (prompt templates, context); defaults to `nativeFimRequest`. */
  buildRequest?: RequestBuilder;
  /**
   * Runs `use` on the document's syntax tree: `DocumentTrees.withTree` in the editor, a one-off parse in
   * the CLI. `use` gets undefined for unsupported languages and huge files (text rules then decide alone).
   */
  withTree?: <R>(snapshot: DocumentSnapshot, use: (tree: Tree | undefined) => R) => Promise<R>;
  /** Parses a small piece of text (`Parsers.parse`), to weigh alternative endings by their parse errors. */
  parse?: (language: Language, text: string) => Tree | undefined;
  /** The user's limit on a suggestion's lines (`fathom.completion.maxLines`): 0 or absent = automatic, 1 = one line. */
  maxLines?: number;
}

export { DEFAULT_PREFIX_CHARS };
export { DEFAULT_SUFFIX_CHARS };
export { SINGLE_LINE_MAX_TOKENS };

/** What a request reports while it streams (the scheduler's view of it). */
export interface CompletionProgress {
  /** The text streamed so far, as the model wrote it (before post-processing). */
  partial?(text: string): void;
  /**
   * A block's first line, once the stream has decided it and before the block is decided: what to show at
   * once (post-processed as the whole answer will be). Called at most once, and never for a single line or
   * an answer that arrived whole.
   */
  firstLine?(result: CompletionResult): void;
}

/**
 * Completes at the snapshot's cursor with one request. Resolves to what to show, or undefined when
 * nothing is worth showing; rejects with the backend's error (a `cancelled` BackendError when `signal`
 * aborts, which also closes the HTTP stream).
 */
export async function completeOnce(snapshot: DocumentSnapshot, deps: EngineDeps, signal?: AbortSignal, progress?: CompletionProgress): Promise<CompletionResult | undefined> {
  // The tree is only valid inside `use`; a copy (cheap, shared structure) outlives it until we are done.
  const tree = deps.withTree ? await deps.withTree(snapshot, (t) => t?.copy()) : undefined;
  try {
    const cursor = cursorAt(snapshot, tree);
    const shape = limitShape(decideShape(cursor), deps.maxLines);
    const request = await (deps.buildRequest ?? nativeFimRequest(deps))(snapshot, { multiline: shape.multiline });
    // Prefix and suffix are redacted apart: with the cursor inside a secret (or between a secret's name and its
    // value) neither half would be recognised, so nothing is asked there. (Checked after building: the
    // window's cut has already scanned around the cursor.)
    if (splitsSecret(snapshot.text, snapshot.offset)) return undefined;
    const stop = new StreamStop(cursor, shape);
    // What this request's redaction replaced: the only placeholders the completion may turn back into text.
    const redaction = new RedactionLedger();
    // A server that ignores the token limit is stopped by the pool's answer cap (backends/answerCap.ts).
    const stream = 'messages' in request ? streamChatFill(deps.backend, { ...request, signal, redaction }) : deps.backend.streamCompletion({ ...request, signal, redaction });
    let firstLineShown = !shape.multiline || !progress?.firstLine;
    for await (const chunk of stream) {
      // Leaving the loop ends the iterator, which aborts the HTTP stream.
      if (stop.push(chunk)) break;
      progress?.partial?.(stop.text);
      if (!firstLineShown && !signal?.aborted) {
        const early = firstLineOf(stop.text, cursor, shape);
        if (early) {
          firstLineShown = true;
          progress!.firstLine!({ insert: redaction.restoreInto(early.text, snapshot.text), replaceLength: early.replaceLength });
        }
      }
    }
    if (signal?.aborted) return undefined;
    const countParseErrors = tree && deps.parse ? parseErrorCounter(snapshot, tree.language, deps.parse) : undefined;
    const draft = postprocess(stop.text, { cursor, shape, countParseErrors });
    // A secret comes back only when this request carried it and it is already in this document.
    return draft && { insert: redaction.restoreInto(draft.text, snapshot.text), replaceLength: draft.replaceLength };
  } finally {
    tree?.delete();
  }
}

/**
 * A block's first line from the text streamed so far: the text up to the end of its first complete line
 * that holds code (a block after `{` starts with a line break), post-processed as the whole answer will be
 * — so what is shown early is, as a rule, the start of what the block shows. Undefined until such a line is
 * complete, or when post-processing leaves nothing of it.
 */
function firstLineOf(streamed: string, cursor: ReturnType<typeof cursorAt>, shape: ReturnType<typeof decideShape>): Draft | undefined {
  let end = streamed.indexOf('\n');
  while (end !== -1 && streamed.slice(0, end).trim() === '') end = streamed.indexOf('\n', end + 1);
  if (end === -1) return undefined;
  const draft = postprocess(streamed.slice(0, end), { cursor, shape });
  return draft && draft.text.trim() !== '' ? draft : undefined;
}

/** The facts around the snapshot's cursor, with the tree's word on comments and strings. */
function cursorAt(snapshot: DocumentSnapshot, tree: Tree | undefined) {
  return cursorContext(snapshot, insideCommentOrString(tree, snapshot.text, snapshot.offset, snapshot.languageId));
}

/** Whether the completion at the snapshot's cursor is a block (the CLI's `prompt` decides as the editor does). */
export function isMultilineAt(snapshot: DocumentSnapshot, tree: Tree | undefined): boolean {
  return decideShape(cursorAt(snapshot, tree)).multiline;
}

/** The answer's token limit: the setting for a block, at most SINGLE_LINE_MAX_TOKENS for one line. */
export function answerTokens(maxTokens: number, multiline: boolean): number {
  return multiline ? maxTokens : Math.min(maxTokens, SINGLE_LINE_MAX_TOKENS);
}

/** The default request: native fill-in-the-middle (the server adds the model's FIM tokens). */
export function nativeFimRequest(settings: Pick<EngineDeps, 'model' | 'maxTokens' | 'temperature' | 'timeoutMs'>): RequestBuilder {
  return (snapshot, { multiline }) => {
    const maxTokens = settings.maxTokens ?? DEFAULT_MAX_TOKENS;
    const window = secretSafeRange(snapshot.text, { start: Math.max(0, snapshot.offset - DEFAULT_PREFIX_CHARS), end: Math.min(snapshot.text.length, snapshot.offset + DEFAULT_SUFFIX_CHARS) });
    return {
      model: settings.model,
      prompt: snapshot.text.slice(window.start, snapshot.offset),
      suffix: snapshot.text.slice(snapshot.offset, window.end),
      maxTokens: answerTokens(maxTokens, multiline),
      temperature: settings.temperature,
      timeoutMs: settings.timeoutMs,
    };
  };
}
