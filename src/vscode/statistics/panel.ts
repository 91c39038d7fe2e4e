/**
 * "Fathom: Show Statistics": one panel per window (revealed again if open) drawing what StatisticsStore
 * recorded, redrawn while it is open as suggestions are shown and accepted. "Clear" asks first, then forgets
 * everything (on disk too).
 */
import * as vscode from 'vscode';
import { STATISTICS_REDRAW_MS } from '../../tunables/tunables';
import { parseFromStatistics, type StatisticsLabels, type ToStatistics } from '../../webview/statistics/protocol';
import { PageLink } from '../panel/pageLink';
import { pageFor, webviewOptions } from '../panel/webviewSetup';
import { statisticsHtml } from './html';
import type { StatisticsStore } from './store';

export const STATISTICS_VIEW_TYPE = 'fathom.statistics';

/** The page's words, in the window's language. */
export function statisticsLabels(): StatisticsLabels {
  return {
    title: vscode.l10n.t('Fathom Statistics'),
    clear: vscode.l10n.t('Clear'),
    empty: vscode.l10n.t('Nothing recorded yet: statistics appear once completions are shown.'),
    since: vscode.l10n.t('Since {0}', '{0}'),
    localOnly: vscode.l10n.t('Recorded on this machine only; never sent anywhere.'),
    shown: vscode.l10n.t('Shown'),
    accepted: vscode.l10n.t('Accepted'),
    acceptanceRate: vscode.l10n.t('Acceptance rate'),
    whole: vscode.l10n.t('Whole'),
    word: vscode.l10n.t('By word'),
    line: vscode.l10n.t('By line'),
    byLanguage: vscode.l10n.t('By language'),
    byModel: vscode.l10n.t('By model'),
    latency: vscode.l10n.t('Latency'),
    latencySummary: vscode.l10n.t('p50 {0} ms · p90 {1} ms over {2} suggestions', '{0}', '{1}', '{2}'),
    rowValue: vscode.l10n.t('{0} of {1} accepted ({2})', '{0}', '{1}', '{2}'),
    lastDays: vscode.l10n.t('Last 30 days'),
    dayValue: vscode.l10n.t('{0}: {1} shown, {2} accepted', '{0}', '{1}', '{2}'),
  };
}

export class StatisticsPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private readonly page = new PageLink<ToStatistics>();
  private redraw: ReturnType<typeof setTimeout> | undefined;
  private readonly subscriptions: vscode.Disposable[];
  /** The last message the page was sent (for tests). */
  private last: ToStatistics | undefined;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly store: StatisticsStore,
  ) {
    this.subscriptions = [store.onDidChange(() => this.scheduleRedraw())];
  }

  /** Opens (or brings forward) the panel. */
  show(): void {
    if (this.panel) this.panel.reveal(undefined, false);
    else this.panel = this.createPanel();
    this.post();
  }

  /** What the page was last sent and whether it is listening (for tests). */
  current(): { open: boolean; ready: boolean; sent: ToStatistics | undefined } {
    return { open: !!this.panel, ready: this.page.ready, sent: this.last };
  }

  dispose(): void {
    if (this.redraw) clearTimeout(this.redraw);
    this.panel?.dispose();
    for (const s of this.subscriptions) s.dispose();
  }

  private scheduleRedraw(): void {
    if (!this.panel || this.redraw) return;
    this.redraw = setTimeout(() => {
      this.redraw = undefined;
      this.post();
    }, STATISTICS_REDRAW_MS);
  }

  private createPanel(): vscode.WebviewPanel {
    const panel = vscode.window.createWebviewPanel(STATISTICS_VIEW_TYPE, vscode.l10n.t('Fathom Statistics'), vscode.ViewColumn.Active, { ...webviewOptions(this.extensionUri), retainContextWhenHidden: false });
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'fathom.svg');
    const labels = statisticsLabels();
    panel.webview.html = statisticsHtml(pageFor(panel.webview, this.extensionUri, 'statistics.js', 'statistics.css', labels.title), labels.clear);
    const disposables = [panel.webview.onDidReceiveMessage((raw) => void this.onMessage(raw)), this.page.connect(panel, panel.onDidChangeViewState)];
    panel.onDidDispose(() => {
      this.panel = undefined;
      this.page.disconnect(panel);
      for (const d of disposables) d.dispose();
    });
    return panel;
  }

  /** Sends the page the counts, when it listens (else it asks with 'ready'). */
  private post(): void {
    if (!this.page.ready) return;
    this.last = { type: 'show', summary: this.store.summary(), labels: statisticsLabels() };
    this.page.post(this.last);
  }

  private async onMessage(raw: unknown): Promise<void> {
    const message = parseFromStatistics(raw);
    if (!message) return;
    if (message.type === 'ready') {
      this.page.heard();
      this.post();
    } else {
      const clear = vscode.l10n.t('Clear');
      const answer = await vscode.window.showWarningMessage(vscode.l10n.t('Clear all Fathom statistics recorded on this machine?'), { modal: true }, clear);
      if (answer !== clear) return;
      await this.store.clear();
      this.post();
    }
  }
}
