/**
 * Ollama's pull progress (`/api/pull` lines: a status, and for each layer its digest with completed/total
 * bytes) as what a progress notification shows: a message and how far the whole download has come.
 */

/** One progress line of a pull. */
export interface PullUpdate {
  status: string;
  digest?: string;
  total?: number;
  completed?: number;
}

export interface PullStep {
  message: string;
  /** The whole download's progress in percent (0–100), once a layer with a size was seen. */
  percent?: number;
  /** How many percent were added since the previous step (for a progress bar that only moves forward). */
  increment: number;
}

/** Follows one pull: all layers together make 100 %. Feed it every line, in order. */
export class PullProgress {
  private readonly layers = new Map<string, { total: number; completed: number }>();
  private shown = 0;

  step(update: PullUpdate): PullStep {
    if (update.digest && update.total) {
      this.layers.set(update.digest, { total: update.total, completed: Math.min(update.completed ?? 0, update.total) });
    }
    const percent = this.percent();
    const increment = percent === undefined ? 0 : Math.max(0, percent - this.shown);
    this.shown += increment;
    const status = update.status === 'success' ? 'done' : update.status;
    const size = update.digest && update.total ? ` (${megabytes(update.completed ?? 0)} of ${megabytes(update.total)} MB)` : '';
    return { message: percent === undefined ? status : `${status}${size} — ${percent}%`, percent, increment };
  }

  private percent(): number | undefined {
    let total = 0;
    let completed = 0;
    for (const layer of this.layers.values()) {
      total += layer.total;
      completed += layer.completed;
    }
    return total > 0 ? Math.floor((completed / total) * 100) : undefined;
  }
}

function megabytes(bytes: number): string {
  return (bytes / 1_000_000).toFixed(0);
}
