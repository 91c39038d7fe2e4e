/**
 * "Fathom: Doctor": the CLI's probe (src/doctor/) shown in a panel with a fix button per problem. The status
 * bar's error state opens it. Resolves with the report as text (what "Copy Report" copies; tests read it).
 */
import * as vscode from 'vscode';
import type { BackendPool } from '../../roles/pool';
import type { FathomConfig } from '../../config/settings';
import { runDoctor } from '../../doctor/probe';
import { codebaseReport } from '../../doctor/codebaseRow';
import { remoteAdvice } from '../../doctor/remoteHost';
import type { CodebaseStatus } from '../../codebase/indexStatus';
import { doctorView, type DoctorView } from '../../doctor/view';
import { parseFromDoctor, type ToDoctor } from '../../webview/doctor/protocol';
import { PageLink } from '../panel/pageLink';
import { pageFor, webviewOptions } from '../panel/webviewSetup';
import { doctorHtml } from './html';
import { doctorLabels } from '../webviewLabels';
import { applyFix } from './fixes';
import { onConfigChange } from '../settings';
import { readMachine } from '../../roles/machine';

export const DOCTOR_VIEW_TYPE = 'fathom.doctor';

export class DoctorPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private readonly page = new PageLink<ToDoctor>();
  private last: DoctorView | undefined;
  private running: { abort: AbortController; done: Promise<DoctorView | undefined> } | undefined;
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly pool: BackendPool,
    private readonly getConfig: () => FathomConfig,
    /** The codebase index's status, for its row (none: no row). */
    private readonly codebaseStatus?: () => CodebaseStatus,
  ) {
    // Settings changed (a fix the user made by hand): check again while the panel is open.
    this.subscriptions = [
      onConfigChange(() => {
        if (this.panel) void this.check();
      }),
    ];
  }

  /** Opens (or brings forward) the panel and runs the checks; resolves with the report as text. */
  async show(): Promise<string> {
    if (this.panel) this.panel.reveal(undefined, false);
    else this.panel = this.createPanel();
    const view = await this.check();
    return view?.text ?? '';
  }

  /** The report on screen (for tests). */
  current(): { view: DoctorView | undefined; ready: boolean } {
    return { view: this.last, ready: this.page.ready };
  }

  dispose(): void {
    this.running?.abort.abort();
    this.panel?.dispose();
    for (const s of this.subscriptions) s.dispose();
  }

  private async check(): Promise<DoctorView | undefined> {
    this.running?.abort.abort();
    const abort = new AbortController();
    const done = (async () => {
      this.page.post({ type: 'running' });
      try {
        const config = this.getConfig();
        const nextEdit = async () => (await this.pool.nextEditBackend()) ?? { settings: config.nextEdit };
        const report = await runDoctor((role) => this.pool.backendFor(role), { timeoutMs: config.requestTimeoutMs, signal: abort.signal, machine: () => readMachine() }, nextEdit, () => this.pool.embeddingsBackend());
        if (abort.signal.aborted) return undefined;
        const codebase = this.codebaseStatus?.();
        if (codebase) report.codebase = codebaseReport(codebase, Date.now());
        // In a remote window the extension host, and so 127.0.0.1, is the remote machine.
        report.remote = remoteAdvice(vscode.env.remoteName, report.roles.filter((r) => !r.off).map((r) => r.baseUrl));
        this.last = doctorView(report);
        this.page.post({ type: 'report', view: this.last });
        return this.last;
      } catch (error) {
        if (!abort.signal.aborted) this.page.post({ type: 'failed', message: vscode.l10n.t('The checks could not run: {0}', error instanceof Error ? error.message : String(error)) });
        return undefined;
      }
    })();
    this.running = { abort, done };
    try {
      return await done;
    } finally {
      if (this.running?.done === done) this.running = undefined;
    }
  }

  private createPanel(): vscode.WebviewPanel {
    const panel = vscode.window.createWebviewPanel(DOCTOR_VIEW_TYPE, vscode.l10n.t('Fathom Doctor'), vscode.ViewColumn.Active, { ...webviewOptions(this.extensionUri), retainContextWhenHidden: false });
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'fathom.svg');
    panel.webview.html = doctorHtml({ ...pageFor(panel.webview, this.extensionUri, 'doctor.js', 'doctor.css', vscode.l10n.t('Fathom Doctor')), labels: doctorLabels() });
    const disposables = [panel.webview.onDidReceiveMessage((raw) => void this.onMessage(raw)), this.page.connect(panel, panel.onDidChangeViewState)];
    panel.onDidDispose(() => {
      this.panel = undefined;
      this.page.disconnect(panel);
      this.running?.abort.abort();
      for (const d of disposables) d.dispose();
    });
    return panel;
  }

  private async onMessage(raw: unknown): Promise<void> {
    const message = parseFromDoctor(raw);
    if (!message) return;
    switch (message.type) {
      case 'ready':
        this.page.heard();
        if (this.running) this.page.post({ type: 'running' });
        else if (this.last) this.page.post({ type: 'report', view: this.last });
        break;
      case 'rerun':
        await this.check();
        break;
      case 'copy':
        if (this.last) {
          await vscode.env.clipboard.writeText(this.last.text);
          vscode.window.setStatusBarMessage('$(check) Fathom: doctor report copied', 2000);
        }
        break;
      case 'fix': {
        const again = await applyFix(
          {
            backendFor: async (role) => (role === 'nextEdit' ? ((await this.pool.nextEditBackend()) ?? (await this.pool.backendFor('chat'))) : await this.pool.backendFor(role)).backend,
            modelFor: (role) => this.getConfig()[role].model,
          },
          message.role,
          message.action,
        );
        if (again && this.panel) await this.check();
        break;
      }
      case 'useModel': {
        // Only a model this report recommends (the page shows what servers list).
        const offered = this.last?.sections.some((s) => s.actions?.some((a) => a.role === message.role && a.model === message.model));
        // Select Model with it chosen; picking it changes the setting, and the checks run again.
        if (offered) await vscode.commands.executeCommand('fathom.selectModel', message.role, message.model);
        break;
      }
    }
  }
}
