/**
 * What the status bar shows, as plain state: disabled beats working beats error beats idle.
 * Work is counted (completions, commands and chat may overlap); an error stays until the next success.
 */
export type StatusState = 'idle' | 'working' | 'error' | 'disabled';

export interface StatusSnapshot {
  state: StatusState;
  /** Why completions are off, or what failed last. */
  reason?: string;
  /** The role whose request failed last ('completion', 'chat', …), when it said: roles may use different servers. */
  failedRole?: string;
  /** What is running now, newest first. */
  activities: string[];
}

export class StatusModel {
  private readonly running = new Map<number, string>();
  private nextId = 0;
  private lastError: string | undefined;
  private lastErrorRole: string | undefined;
  private disabledReason: string | undefined;
  private readonly listeners = new Set<(s: StatusSnapshot) => void>();

  snapshot(): StatusSnapshot {
    const activities = [...this.running.values()].reverse();
    if (this.disabledReason !== undefined) return { state: 'disabled', reason: this.disabledReason, activities };
    const failedRole = this.lastError !== undefined ? this.lastErrorRole : undefined;
    if (activities.length > 0) return { state: 'working', activities, reason: this.lastError, ...(failedRole && { failedRole }) };
    if (this.lastError !== undefined) return { state: 'error', reason: this.lastError, activities, ...(failedRole && { failedRole }) };
    return { state: 'idle', activities };
  }

  onChange(listener: (s: StatusSnapshot) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /**
   * Marks `label` as running for `role`; call the returned function once it ends, with the error message if it
   * failed (the status then says which role failed).
   */
  begin(label: string, role?: string): (outcome?: { error?: string }) => void {
    const id = this.nextId++;
    this.running.set(id, label);
    this.emit();
    let ended = false;
    return (outcome) => {
      if (ended) return;
      ended = true;
      this.running.delete(id);
      this.lastError = outcome?.error;
      this.lastErrorRole = outcome?.error !== undefined ? role : undefined;
      this.emit();
    };
  }

  /** Records a failure outside of `begin` (e.g. a configuration problem found at startup). */
  fail(message: string, role?: string): void {
    this.lastError = message;
    this.lastErrorRole = role;
    this.emit();
  }

  clearError(): void {
    if (this.lastError === undefined) return;
    this.lastError = undefined;
    this.lastErrorRole = undefined;
    this.emit();
  }

  /** `undefined` enables; a string disables and says why. */
  setDisabled(reason: string | undefined): void {
    if (this.disabledReason === reason) return;
    this.disabledReason = reason;
    this.emit();
  }

  private emit(): void {
    const s = this.snapshot();
    for (const l of this.listeners) l(s);
  }
}
