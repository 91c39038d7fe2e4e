/**
 * Entry of the chat view's bundle (dist/webview/chat.js): connects the page to VS Code's webview API and
 * tells the extension it is ready, so nothing it posts is lost while the script loads.
 */
import { frameSchedule } from '../adaptiveSchedule';
import { ChatView, type SavedChatView } from './chatView';
import type { FromChat, ToChat } from './protocol';
import { CHAT_LABELS_EN, readLabels } from '../labels';

interface VsCodeWebviewApi {
  postMessage(message: FromChat): void;
  getState(): unknown;
  setState(state: SavedChatView): void;
}
declare function acquireVsCodeApi(): VsCodeWebviewApi;

const api = acquireVsCodeApi();
const view = new ChatView(document, api, {
  schedule: frameSchedule(),
  resourceOrigin: document.body.dataset.resourceOrigin,
  labels: readLabels(document, CHAT_LABELS_EN),
});
window.addEventListener('message', (event: MessageEvent<ToChat>) => view.receive(event.data));
api.postMessage({ type: 'ready' });
