/**
 * "Fathom: Show Last Request": the last request a completion, command or chat sent, exactly as the server
 * received it (after redaction), with its timing and the role that sent it — so the user can see what left the
 * machine and where to; the last request of each other role is listed with its server.
 */
import * as vscode from 'vscode';
import { formatRequestRecord, type RequestRecord } from '../backends/requestRecord';
import type { ReportDocuments } from './reportDocument';

export class LastRequest {
  private last: RequestRecord | undefined;
  private readonly lastByRole = new Map<string, RequestRecord>();

  /** The pool's observer: keeps the newest request, and the newest of each role. */
  readonly remember = (record: RequestRecord): void => {
    if (!this.last || record.at >= this.last.at) this.last = record;
    const role = record.role ?? '';
    const before = this.lastByRole.get(role);
    if (!before || record.at >= before.at) this.lastByRole.set(role, record);
  };

  async show(reports: ReportDocuments): Promise<string | undefined> {
    if (!this.last) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Fathom: no request was sent yet in this window. Type in a file, run a command or ask the chat, then try again.'));
      return undefined;
    }
    const text = formatRequestRecord(this.last, [...this.lastByRole.values()]);
    await reports.show('Fathom Last Request.json', text, 'json');
    return text;
  }
}
