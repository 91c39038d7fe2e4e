/**
 * Entry of the webview bundle (dist/webview/panel.js): connects the page to VS Code's webview API and tells
 * the extension it is ready, so nothing it posts is lost while the script loads.
 */
import { frameSchedule } from '../adaptiveSchedule';
import { PanelView } from './panelView';
import { PANEL_LABELS_EN, readLabels } from '../labels';
import type { AnswerView, FromPanel, ToPanel } from './protocol';

interface VsCodeWebviewApi {
  postMessage(message: FromPanel): void;
  getState(): unknown;
  setState(state: AnswerView): void;
}
declare function acquireVsCodeApi(): VsCodeWebviewApi;

const api = acquireVsCodeApi();
const view = new PanelView(document, api, {
  schedule: frameSchedule(),
  resourceOrigin: document.body.dataset.resourceOrigin,
  labels: readLabels(document, PANEL_LABELS_EN),
});
window.addEventListener('message', (event: MessageEvent<ToPanel>) => view.receive(event.data));
api.postMessage({ type: 'ready' });
