/**
 * "Snooze completions": off for a while (15 minutes, an hour), then back on by themselves. Plain state with
 * an injected clock (no `vscode`); the editor layer persists `until` so a snooze survives a window reload.
 */
export class Snooze {
  private until: number | undefined;

  constructor(
    private readonly now: () => number = Date.now,
    until?: number,
  ) {
    if (until !== undefined && until > now()) this.until = until;
  }

  /** Snoozes for `ms` from now (replacing an earlier snooze); returns when it ends. */
  snooze(ms: number): number {
    this.until = this.now() + Math.max(0, ms);
    return this.until;
  }

  resume(): void {
    this.until = undefined;
  }

  /** When the snooze ends, if one is running now. */
  activeUntil(): number | undefined {
    if (this.until !== undefined && this.until <= this.now()) this.until = undefined;
    return this.until;
  }

  active(): boolean {
    return this.activeUntil() !== undefined;
  }
}
