/**
 * The ways to turn completions off and on without opening settings: snooze (15 minutes, 1 hour — saved, so
 * it survives a reload — or until turned back on), resume, and off/on per language (the
 * `fathom.completion.disabledLanguages` setting). The status bar menu offers them; each is also a command.
 */
import * as vscode from 'vscode';
import { Snooze } from '../completion/scheduling/snooze';
import type { FathomConfig } from '../config/settings';
import { NEVER_READ_SCHEMES } from '../privacy/documentRules';
import type { PrivacyRules } from './privacyRules';
import { writeSetting } from './settings';

const SNOOZE_KEY = 'fathom.snoozedUntil';

export class CompletionSwitches implements vscode.Disposable {
  private readonly snoozeState: Snooze;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when a snooze starts or ends (the status bar shows it). */
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly state: vscode.Memento,
    private readonly getConfig: () => FathomConfig,
  ) {
    this.snoozeState = new Snooze(Date.now, state.get<number>(SNOOZE_KEY));
    this.armTimer();
  }

  /** True while completions are snoozed. */
  snoozed(): boolean {
    return this.snoozeState.active();
  }

  /** Why completions are off for this document, if they are: snooze, setting, its language, or an ignored file. */
  reasonOff(document: vscode.TextDocument | undefined, privacy?: Pick<PrivacyRules, 'isIgnored'>): string | undefined {
    const languageId = document?.languageId;
    const until = this.snoozeState.activeUntil();
    if (until !== undefined) return vscode.l10n.t('completions are snoozed until {0}', new Date(until).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }));
    const completion = this.getConfig().completion;
    if (!completion.enabled) return vscode.l10n.t('completions are turned off');
    if (languageId && completion.disabledLanguages.includes(languageId)) return vscode.l10n.t('completions are off for {0}', languageId);
    // The Output panel and debugger sources are never read, but they are not files a user would call ignored.
    if (document && !NEVER_READ_SCHEMES.has(document.uri.scheme) && privacy?.isIgnored(document)) return vscode.l10n.t('this file matches the ignore rules (.fathomignore or the defaults for secrets): nothing from it is sent');
    return undefined;
  }

  async snooze(minutes: number): Promise<number> {
    const until = this.snoozeState.snooze(minutes * 60_000);
    await this.state.update(SNOOZE_KEY, until);
    this.armTimer();
    this.changed.fire();
    return until;
  }

  async resume(): Promise<void> {
    this.snoozeState.resume();
    await this.state.update(SNOOZE_KEY, undefined);
    this.armTimer();
    if (!this.getConfig().completion.enabled) await writeSetting('completion.enabled', true);
    this.changed.fire();
  }

  /** Off for `languageId` if it was on, on if it was off; resolves with whether it is now on. */
  async toggleLanguage(languageId: string): Promise<boolean> {
    const disabled = this.getConfig().completion.disabledLanguages;
    const on = disabled.includes(languageId);
    await writeSetting('completion.disabledLanguages', on ? disabled.filter((l) => l !== languageId) : [...disabled, languageId]);
    return on;
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.changed.dispose();
  }

  /** Tells the status bar when the snooze ends by itself. */
  private armTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const until = this.snoozeState.activeUntil();
    if (until === undefined) return;
    // setTimeout cannot wait longer than about 24.8 days; a snooze is minutes or hours.
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.state.update(SNOOZE_KEY, undefined);
      this.changed.fire();
    }, Math.min(until - Date.now() + 50, 2 ** 31 - 1));
  }
}
