/**
 * When next-edit suggestions are asked for and which one is shown, without `vscode`: the editor adapter
 * reports edits, closes and ghost text, and renders whatever `onChange` hands it.
 * - Every user edit goes into the edit history, dismisses the suggestion shown, aborts the request in flight
 *   for that document and, after a quiet time, asks again (edits, not cursor moves, trigger requests).
 * - One request in flight per document; an answer for an older version of the document is dropped.
 * - An accepted suggestion goes into the history as the model's, and the next request follows at once (as a
 *   user pressing Tab would), not offering again the regions offered in this run.
 * - Undo and redo only dismiss: they are the user going back, not a change to carry on.
 * - Ghost text wins at the cursor; a next edit shows only when no ghost text is shown: ghost text shown for a
 *   document dismisses its suggestion, and an answer for the version ghost text was shown at is dropped.
 */
import { changeHunks, type TextChange } from './changeHunks';
import { EditHistory } from './history';
import { splitLines } from './lines';
import { editPieces, type EditPiece } from './pieces';
import type { NextEditInput, NextEditResult } from './pipeline';
import { shiftVisited } from './runCase';
import type { LineEdit, LineRange, NextEditDocument, Position } from './types';

/** A document as the controller needs it at request time. */
export interface DocumentState {
  uri: string;
  document: NextEditDocument;
  version: number;
  cursor: Position;
}

export interface Suggestion {
  uri: string;
  version: number;
  edits: LineEdit[];
  pieces: EditPiece[];
  region?: LineRange;
  /** When the edit that led to it was reported, and when it was handed to the view (Date.now-like clock). */
  editedAt: number;
  shownAt: number;
}

export interface ControllerDeps {
  /** Runs the pipeline; undefined when next-edit suggestions are off (no model). */
  predict(input: NextEditInput, state: DocumentState): Promise<NextEditResult | undefined>;
  /** The document's current state, or undefined when it is not in the active editor any more. */
  current(uri: string): DocumentState | undefined;
  onChange(suggestion: Suggestion | undefined): void;
  debounceMs: number;
  setTimer(run: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
  now(): number;
  onError?(error: unknown): void;
}

export type ChangeKind = 'edit' | 'undo' | 'redo';

interface Pending {
  timer?: unknown;
  abort?: AbortController;
}

export class NextEditController {
  readonly history = new EditHistory();
  private readonly texts = new Map<string, string>();
  private readonly pending = new Map<string, Pending>();
  private readonly visited = new Map<string, LineRange[]>();
  private readonly ghost = new Map<string, number>();
  private shown: Suggestion | undefined;
  /** The suggestion being applied: the change it makes is the model's, not the user's. */
  private applying: Suggestion | undefined;
  private lastEditAt = new Map<string, number>();

  constructor(private readonly deps: ControllerDeps) {}

  get suggestion(): Suggestion | undefined {
    return this.shown;
  }

  /** A document the controller follows (open, a file, not ignored): its text is the base of the next change. */
  track(uri: string, text: string): void {
    if (!this.texts.has(uri)) this.texts.set(uri, text);
  }

  untrack(uri: string): void {
    this.texts.delete(uri);
    this.cancel(uri);
    this.visited.delete(uri);
    this.ghost.delete(uri);
    if (this.shown?.uri === uri) this.dismiss();
  }

  changed(uri: string, path: string, changes: readonly TextChange[], newText: string, kind: ChangeKind): void {
    const old = this.texts.get(uri);
    this.texts.set(uri, newText);
    if (old === undefined) return;
    const { text, hunks } = changeHunks(old, changes);
    const accepted = this.applying?.uri === uri ? this.applying : undefined;
    this.applying = undefined;
    this.cancel(uri);
    if (this.shown?.uri === uri) this.dismiss();
    // A change we cannot follow (our copy drifted) is not recorded: its hunks would be wrong.
    if (text !== newText) return;
    if (kind !== 'edit') return;
    const source = accepted ? 'suggestion' : 'user';
    for (const h of hunks) this.history.record(path, h.startLine, h.before, h.after, source);
    this.lastEditAt.set(uri, this.deps.now());
    if (accepted) {
      // The follow-up request comes from `followUp`, once the caller has put the cursor after the edit.
      const delta = splitLines(newText).length - splitLines(old).length;
      this.visited.set(uri, accepted.region ? shiftVisited(this.visited.get(uri) ?? [], accepted.region, delta) : this.visited.get(uri) ?? []);
    } else {
      this.visited.delete(uri);
      this.schedule(uri);
    }
  }

  /** Ghost text was shown in `uri` at `version`: it wins, the next edit steps aside. */
  ghostShown(uri: string, version: number): void {
    this.ghost.set(uri, version);
    if (this.shown?.uri === uri) this.dismiss();
  }

  /** Marks the shown suggestion as being applied (the caller applies its pieces next) and hides it. */
  accept(): Suggestion | undefined {
    const s = this.shown;
    if (!s) return undefined;
    this.applying = s;
    this.shown = undefined;
    this.deps.onChange(undefined);
    return s;
  }

  /** After an accepted suggestion is applied and the cursor moved after it: ask for the next one at once. */
  followUp(uri: string): Promise<void> {
    return this.request(uri);
  }

  /** The caller could not apply the suggestion: its next change is the user's again. */
  acceptFailed(): void {
    this.applying = undefined;
  }

  dismiss(): void {
    if (!this.shown) return;
    this.shown = undefined;
    this.deps.onChange(undefined);
  }

  dispose(): void {
    for (const uri of [...this.pending.keys()]) this.cancel(uri);
  }

  private schedule(uri: string): void {
    const entry: Pending = {};
    entry.timer = this.deps.setTimer(() => {
      entry.timer = undefined;
      void this.request(uri);
    }, this.deps.debounceMs);
    this.pending.set(uri, entry);
  }

  private cancel(uri: string): void {
    const entry = this.pending.get(uri);
    if (!entry) return;
    if (entry.timer !== undefined) this.deps.clearTimer(entry.timer);
    entry.abort?.abort();
    this.pending.delete(uri);
  }

  private async request(uri: string): Promise<void> {
    this.cancel(uri);
    const state = this.deps.current(uri);
    if (!state || this.ghost.get(uri) === state.version) return;
    const abort = new AbortController();
    const entry: Pending = { abort };
    this.pending.set(uri, entry);
    let result: NextEditResult | undefined;
    try {
      const input = { document: state.document, cursor: state.cursor, history: this.history.list(state.document.path), visited: this.visited.get(uri) ?? [], signal: abort.signal };
      result = await this.deps.predict(input, state);
    } catch (error) {
      if (!abort.signal.aborted) this.deps.onError?.(error);
      return;
    } finally {
      if (this.pending.get(uri) === entry) this.pending.delete(uri);
    }
    if (abort.signal.aborted || !result) return;
    this.visited.set(uri, [...(this.visited.get(uri) ?? []), ...result.tried]);
    const now = this.deps.current(uri);
    // The document moved on while the model answered, or ghost text took the cursor: not shown.
    if (!now || now.version !== state.version || this.ghost.get(uri) === state.version || result.edits.length === 0) return;
    const pieces = editPieces(splitLines(state.document.text), result.edits);
    this.shown = { uri, version: state.version, edits: result.edits, pieces, region: result.region, editedAt: this.lastEditAt.get(uri) ?? this.deps.now(), shownAt: this.deps.now() };
    this.deps.onChange(this.shown);
  }
}
