/**
 * "Fathom: Show Last Request": the last request a completion, command or chat sent, exactly as the server
 * received it (after redaction), with its timing — so the user can see what left the machine.
 */
import * as vscode from 'vscode';
import { formatRequestRecord, type RequestRecord } from '../backends/requestRecord';
import type { ReportDocuments } from './reportDocument';

export class LastRequest {
  private last: RequestRecord | undefined;

  /** The pool's observer: keeps the newest request. */
  readonly remember = (record: RequestRecord): void => {
    if (!this.last || record.at >= this.last.at) this.last = record;
  };

  async show(reports: ReportDocuments): Promise<string | undefined> {
    if (!this.last) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Fathom: no request was sent yet in this window. Type in a file, run a command or ask the chat, then try again.'));
      return undefined;
    }
    const text = formatRequestRecord(this.last);
    await reports.show('Fathom Last Request.json', text, 'json');
    return text;
  }
}
