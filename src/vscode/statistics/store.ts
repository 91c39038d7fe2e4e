/**
 * The statistics book (src/statistics/book.ts) kept in `context.globalState`: storage local to this machine
 * (its key is not synced: nothing calls setKeysForSync), written at most every STATISTICS_WRITE_MS and when the
 * window closes. Nothing recorded here leaves the machine.
 */
import * as vscode from 'vscode';
import { dayOf, StatisticsBook, type AcceptKind, type StatisticsSummary } from '../../statistics/book';
import { STATISTICS_WRITE_MS } from '../../tunables/tunables';

/** The globalState key the book is stored under. */
export const STATISTICS_KEY = 'fathom.statistics';

/** What completions record (the inline completion provider and the accept commands). */
export interface CompletionRecorder {
  shown(language: string, model: string, latencyMs: number | undefined): void;
  accepted(language: string, model: string, kind: AcceptKind): void;
}

export class StatisticsStore implements CompletionRecorder, vscode.Disposable {
  private readonly book: StatisticsBook;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private dirty = false;
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires after every count (the open page redraws). */
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly state: vscode.Memento,
    /** `fathom.statistics.enabled`: while false nothing is counted (what was counted stays until cleared). */
    private readonly enabled: () => boolean = () => true,
    private readonly now: () => number = Date.now,
  ) {
    // Corrupt or old data starts a clean book (fromJSON never throws).
    this.book = StatisticsBook.fromJSON(state.get<unknown>(STATISTICS_KEY));
  }

  shown(language: string, model: string, latencyMs: number | undefined): void {
    if (!this.enabled()) return;
    this.book.shown(language, model, latencyMs, dayOf(this.now()));
    this.touched();
  }

  accepted(language: string, model: string, kind: AcceptKind): void {
    if (!this.enabled()) return;
    this.book.accepted(language, model, kind, dayOf(this.now()));
    this.touched();
  }

  summary(): StatisticsSummary {
    return this.book.summary(dayOf(this.now()));
  }

  /** Forgets everything recorded, on disk too. */
  async clear(): Promise<void> {
    this.book.clear();
    this.touched();
    await this.flush();
  }

  /** Writes the book now if it changed since the last write. */
  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.dirty) return;
    this.dirty = false;
    await this.state.update(STATISTICS_KEY, this.book.isEmpty() ? undefined : this.book.toJSON());
  }

  dispose(): void {
    void this.flush();
    this.changed.dispose();
  }

  private touched(): void {
    this.dirty = true;
    this.timer ??= setTimeout(() => void this.flush(), STATISTICS_WRITE_MS);
    this.changed.fire();
  }
}
