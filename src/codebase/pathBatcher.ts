/**
 * Collects the paths the editor reports changed (saves, creations, deletions, renames) and hands them over
 * in one batch per root once they stop coming for a moment, so a "save all" or a branch switch costs one
 * sync of the index, not one per file. While a batch is being synced, new paths wait for the next one.
 */

export type SyncBatch = (root: string, paths: string[]) => Promise<unknown>;

export class PathBatcher {
  private readonly waiting = new Map<string, Set<string>>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running: Promise<void> | undefined;
  private disposed = false;

  constructor(
    private readonly sync: SyncBatch,
    private readonly delayMs = 300,
  ) {}

  /** Queues `path` (relative to `root`). */
  add(root: string, path: string): void {
    if (this.disposed) return;
    let paths = this.waiting.get(root);
    if (!paths) this.waiting.set(root, (paths = new Set()));
    paths.add(path);
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), this.delayMs);
  }

  /** Syncs everything queued now; resolves when it (and a batch already running) is done. */
  async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    while (this.running) await this.running;
    if (this.waiting.size === 0) return;
    const batches = [...this.waiting].map(([root, paths]): [string, string[]] => [root, [...paths]]);
    this.waiting.clear();
    this.running = (async () => {
      for (const [root, paths] of batches) await this.sync(root, paths).catch(() => undefined);
    })();
    try {
      await this.running;
    } finally {
      this.running = undefined;
    }
  }

  /** Whether paths are queued or being synced. */
  get busy(): boolean {
    return this.waiting.size > 0 || this.running !== undefined;
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.timer);
    this.waiting.clear();
  }
}
