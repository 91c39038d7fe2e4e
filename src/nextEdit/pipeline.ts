/**
 * One next-edit request, plain data in and out: from the document, the cursor and the recent edits, choose
 * the editable region (the edit's next places), prompt the model in its format, parse the rewrite, diff it
 * against the region and apply the drop rules; the result is the suggestion as line edits (empty for none).
 * When the model leaves a region as it is, the next region is tried (up to `maxRegions`): the next places
 * of a change often sit behind mentions that do not change (comments, a name shadowed elsewhere).
 * The caller owns the rest of the flow: debouncing, one request in flight per document, aborting stale ones
 * through `signal`, and the regions already offered in this run (`visited`, to which it adds `tried`).
 */
import type { Tree } from 'web-tree-sitter';
import type { Backend } from '../backends/types';
import { editIntent } from './editIntent';
import { onlyNamesChange, onlyWhitespace, rewritesTooMuch, undoesEdit, type DropReason } from './filters';
import { formatForModel } from './formats/detect';
import type { ModelRequest, NextEditFormat } from './formats/types';
import { cutAtStop } from './formats/shared';
import { diffLines, hunksToEdits } from './lineDiff';
import { splitLines } from './lines';
import { findPlaces } from './places';
import { chooseRegion } from './region';
import { addsParseErrors, type SyntaxAccess } from './syntaxGuard';
import type { EditHunk, LineEdit, LineRange, NextEditDocument, Position, RelatedDefinition } from './types';

export interface NextEditInput {
  document: NextEditDocument;
  cursor: Position;
  /** Recent edits, oldest first (any files; the current file's come first in the prompt). */
  history: readonly EditHunk[];
  /** Regions already offered in this run of suggestions, in the current document's lines. */
  visited?: readonly LineRange[];
  /**
   * Definitions of imported names the code near the cursor uses, already bounded and passed through the ignore
   * rules by the caller (none from the CLI's cases). Formats trained without them leave them out.
   */
  related?: readonly RelatedDefinition[];
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
  /** Regions one request may try when the model leaves the previous ones unchanged (default 3). */
  maxRegions?: number;
  temperature?: number;
  maxTokens?: number;
  timeoutMs?: number;
}

export interface NextEditResult {
  edits: LineEdit[];
  /** The editable region of the suggestion (or of the last request made); undefined when none was made. */
  region?: LineRange;
  /** Every region the model was asked about, in order (the caller adds them to its visited regions). */
  tried: LineRange[];
  /** Why a suggestion the model made is not shown. */
  dropped?: DropReason;
}

export const MAX_REGIONS = 3;

export async function predictNextEdit(input: NextEditInput, deps: NextEditDeps): Promise<NextEditResult> {
  const { document } = input;
  if (deps.isIgnored?.(document.path)) return { edits: [], tried: [], dropped: 'ignored-file' };
  const lines = splitLines(document.text);
  const own = input.history.filter((h) => h.path === document.path);
  const lastUser = [...own].reverse().find((h) => h.source === 'user');
  const intent = lastUser ? editIntent(lastUser) : undefined;
  const places = intent ? findPlaces(lines, intent, deps.syntax?.tree) : [];
  const format = deps.format ?? formatForModel(deps.model);
  const history = [...own, ...input.history.filter((h) => h.path !== document.path)];
  const tried: LineRange[] = [];
  for (let attempt = 0; attempt < (deps.maxRegions ?? MAX_REGIONS); attempt++) {
    const region = chooseRegion({ lineCount: lines.length, cursor: input.cursor, places, visited: [...(input.visited ?? []), ...tried], maxLines: deps.maxRegionLines });
    if (!region) break;
    tried.push(region);
    const request = format.build({ path: document.path, languageId: document.languageId, lines, region, cursor: input.cursor, history, related: input.related });
    const parsed = format.parse(await ask(deps, request, input.signal));
    if (!parsed) return { edits: [], region, tried, dropped: 'unparseable-answer' };
    const rewrite = withoutStrayFence(parsed, lines[region.endLine]);
    const outcome = judge(rewrite, region, lines, lastUser, deps);
    if (outcome) return { ...outcome, region, tried };
  }
  return { edits: [], region: tried[tried.length - 1], tried };
}

/** The rewrite of `region` as edits, or why it is dropped; undefined when it changes nothing. */
function judge(rewrite: string[], region: LineRange, lines: string[], lastUser: EditHunk | undefined, deps: NextEditDeps): Pick<NextEditResult, 'edits' | 'dropped'> | undefined {
  const oldRegion = lines.slice(region.startLine, region.endLine + 1);
  const hunks = diffLines(oldRegion, rewrite);
  if (hunks.length === 0) return undefined;
  const newLines = [...lines.slice(0, region.startLine), ...rewrite, ...lines.slice(region.endLine + 1)];
  const tree = deps.syntax?.tree;
  const dropped: DropReason | undefined = onlyWhitespace(hunks, oldRegion)
    ? 'whitespace-only'
    : undoesEdit(lastUser, lines, newLines)
      ? 'undoes-last-edit'
      : rewritesTooMuch(hunks, oldRegion, rewrite)
        ? 'rewrites-too-much'
        : deps.syntax && tree && !onlyNamesChange(hunks, oldRegion) && addsParseErrors(deps.syntax, tree, lines, region, rewrite, hunks)
          ? 'adds-parse-errors'
          : undefined;
  return dropped ? { edits: [], dropped } : { edits: hunksToEdits(hunks, lines, region.startLine) };
}

/**
 * A model that closed its code fence without the format's end marker leaves the fence as the last line: it is
 * not code unless the region itself ended with one.
 */
function withoutStrayFence(rewrite: string[], regionLastLine: string): string[] {
  const last = rewrite[rewrite.length - 1];
  return rewrite.length > 1 && /^```\s*$/.test(last) && !/^\s*```/.test(regionLastLine) ? rewrite.slice(0, -1) : rewrite;
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
