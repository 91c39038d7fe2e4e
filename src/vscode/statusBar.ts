import * as vscode from 'vscode';
import type { StatusModel, StatusSnapshot } from '../status/statusModel';
import { providerEntry } from '../backends/providers';
import { isServerRole, type SharedServer } from '../roles/servers';
import { roleList } from './roleNames';

export interface StatusView {
  state: StatusSnapshot['state'];
  text: string;
  tooltip: string;
  visible: boolean;
}

/**
 * The one Fathom status bar item: renders the StatusModel; a click opens the Fathom menu. Its tooltip also
 * says which server each role uses (`servers`, each server once with its roles).
 */
export class StatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private readonly subscription: { dispose(): void };
  private view: StatusView = { state: 'idle', text: '', tooltip: '', visible: false };

  constructor(
    private readonly model: StatusModel,
    private readonly servers: () => readonly SharedServer[] = () => [],
  ) {
    this.item = vscode.window.createStatusBarItem('fathom.status', vscode.StatusBarAlignment.Right, 100);
    this.item.name = 'Fathom';
    this.subscription = model.onChange((s) => this.render(s));
    this.render(model.snapshot());
    this.item.show();
    this.view.visible = true;
  }

  /** What the item shows now (for tests: the item itself can't be read through the API). */
  current(): StatusView {
    return { ...this.view };
  }

  /** Renders again: call when the settings changed (the servers may have). */
  refresh(): void {
    this.render(this.model.snapshot());
  }

  private render(s: StatusSnapshot): void {
    const { text, tooltip: said, command, background } = present(s);
    const servers = this.servers().map((server) => vscode.l10n.t('{0}: {1} at {2}', roleList(server.roles), providerEntry(server.provider).label, server.baseUrl));
    const tooltip = servers.length ? `${said}\n\n${servers.join('\n')}` : said;
    this.item.text = text;
    this.item.tooltip = tooltip;
    this.item.command = command;
    this.item.backgroundColor = background ? new vscode.ThemeColor(background) : undefined;
    this.view = { state: s.state, text, tooltip, visible: this.view.visible };
  }

  dispose(): void {
    this.subscription.dispose();
    this.item.dispose();
  }
}

function present(s: StatusSnapshot): { text: string; tooltip: string; command: string; background?: string } {
  switch (s.state) {
    case 'working':
      return { text: '$(loading~spin) Fathom', tooltip: vscode.l10n.t('Fathom: {0}…', s.activities[0] ?? vscode.l10n.t('working')), command: 'fathom.showMenu' };
    case 'error':
      return {
        text: '$(warning) Fathom',
        tooltip: isServerRole(s.failedRole)
          ? vscode.l10n.t('Fathom: {0}\nIt concerns {1}. Click to run "Fathom: Doctor": it finds the cause and offers the fix.', s.reason ?? vscode.l10n.t('the last request failed'), roleList([s.failedRole]))
          : vscode.l10n.t('Fathom: {0}\nClick to run "Fathom: Doctor": it finds the cause and offers the fix.', s.reason ?? vscode.l10n.t('the last request failed')),
        command: 'fathom.doctor',
        background: 'statusBarItem.warningBackground',
      };
    case 'disabled':
      return { text: '$(circle-slash) Fathom', tooltip: vscode.l10n.t('Fathom: {0}. Click for options.', s.reason ?? vscode.l10n.t('completions are off')), command: 'fathom.showMenu' };
    case 'idle':
      return { text: '$(sparkle) Fathom', tooltip: vscode.l10n.t('Fathom: ready. Click for options.'), command: 'fathom.showMenu' };
  }
}
