/**
 * One next-edit request, plain data in and out: from the document, the cursor and the recent edits, choose
 * the editable region (the edit's next places), prompt the model in its format, parse the rewrite, diff it
 * against the region and apply the drop rules; the result is the suggestion as line edits (empty for none).
 * The caller owns the rest of the flow: debouncing, one request in flight per document, aborting stale ones
 * through `signal`, and the regions already offered in this run (`visited`).
 */
import type { Tree } from 'web-tree-sitter';
import type { Backend } from '../backends/types';
import { editIntent } from './editIntent';
import { onlyWhitespace, rewritesTooMuch, undoesEdit, type DropReason } from './filters';
import { formatForModel } from './formats/detect';
import type { ModelRequest, NextEditFormat } from './formats/types';
import { cutAtStop } from './formats/shared';
import { diffLines, hunksToEdits } from './lineDiff';
import { splitLines } from './lines';
import { findPlaces } from './places';
import { chooseRegion } from './region';
import { addsParseErrors, type SyntaxAccess } from './syntaxGuard';
import type { EditHunk, LineEdit, LineRange, NextEditDocument, Position } from './types';

export interface NextEditInput {
  document: NextEditDocument;
  cursor: Position;
  /** Recent edits, oldest first (any files; the current file's come first in the prompt). */
  history: readonly EditHunk[];
  /** Regions already offered in this run of suggestions, in the current document's lines. */
  visited?: readonly LineRange[];
  signal?: AbortSignal;
}

export interface NextEditDeps {
  backend: Backend;
  model: string;
  /** The prompt format; by default the one the model's name calls for. */
  format?: NextEditFormat;
  /** Tree-sitter for the document's language, and its current tree (owned by the caller). */
  syntax?: SyntaxAccess & { tree: Tree | undefined };
  /** Whether a path is ignored (ignore rules): no request is made for it. */
  isIgnored?: (path: string) => boolean;
  maxRegionLines?: number;
  temperature?: number;
  maxTokens?: number;
  timeoutMs?: number;
}

export interface NextEditResult {
  edits: LineEdit[];
  /** The editable region the request offered; undefined when no request was made. */
  region?: LineRange;
  /** Why a suggestion the model made is not shown. */
  dropped?: DropReason;
}

export async function predictNextEdit(input: NextEditInput, deps: NextEditDeps): Promise<NextEditResult> {
  const { document } = input;
  if (deps.isIgnored?.(document.path)) return { edits: [], dropped: 'ignored-file' };
  const lines = splitLines(document.text);
  const own = input.history.filter((h) => h.path === document.path);
  const lastUser = [...own].reverse().find((h) => h.source === 'user');
  const intent = lastUser ? editIntent(lastUser) : undefined;
  const tree = deps.syntax?.tree;
  const places = intent ? findPlaces(lines, intent, tree) : [];
  const region = chooseRegion({ lineCount: lines.length, cursor: input.cursor, places, visited: input.visited ?? [], maxLines: deps.maxRegionLines });
  if (!region) return { edits: [] };

  const format = deps.format ?? formatForModel(deps.model);
  const history = [...own, ...input.history.filter((h) => h.path !== document.path)];
  const request = format.build({ path: document.path, languageId: document.languageId, lines, region, cursor: input.cursor, history });
  const answer = await ask(deps, request, input.signal);
  const rewrite = format.parse(answer);
  if (!rewrite) return { edits: [], region, dropped: 'unparseable-answer' };

  const oldRegion = lines.slice(region.startLine, region.endLine + 1);
  const hunks = diffLines(oldRegion, rewrite);
  if (hunks.length === 0) return { edits: [], region };
  const newLines = [...lines.slice(0, region.startLine), ...rewrite, ...lines.slice(region.endLine + 1)];
  const dropped: DropReason | undefined = onlyWhitespace(hunks, oldRegion)
    ? 'whitespace-only'
    : undoesEdit(lastUser, lines, newLines)
      ? 'undoes-last-edit'
      : rewritesTooMuch(hunks, oldRegion, rewrite)
        ? 'rewrites-too-much'
        : deps.syntax && tree && addsParseErrors(deps.syntax, tree, lines, region, rewrite)
          ? 'adds-parse-errors'
          : undefined;
  if (dropped) return { edits: [], region, dropped };
  return { edits: hunksToEdits(hunks, lines, region.startLine), region };
}

/** The model's whole answer, cut at the format's stop sequences. */
async function ask(deps: NextEditDeps, request: ModelRequest, signal?: AbortSignal): Promise<string> {
  const options = { model: deps.model, temperature: deps.temperature ?? 0, maxTokens: deps.maxTokens ?? 1024, stop: request.stop.length ? request.stop : undefined, signal, timeoutMs: deps.timeoutMs };
  const stream = request.kind === 'completion' ? deps.backend.streamCompletion({ ...options, prompt: request.prompt, raw: true }) : deps.backend.streamChat({ ...options, messages: request.messages });
  let answer = '';
  for await (const chunk of stream) {
    answer += chunk;
    // Servers stop at the stop sequences; stop reading as soon as one shows, whatever the server does.
    if (request.stop.some((s) => answer.includes(s))) break;
  }
  return cutAtStop(answer, request.stop);
}
