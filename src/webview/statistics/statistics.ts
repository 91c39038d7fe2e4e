/** Entry of the statistics page's bundle (dist/webview/statistics.js). */
import { StatisticsPage } from './statisticsView';
import type { FromStatistics, ToStatistics } from './protocol';

declare function acquireVsCodeApi(): { postMessage(message: FromStatistics): void; getState(): unknown; setState(state: unknown): void };

const api = acquireVsCodeApi();
const page = new StatisticsPage(document, api);
window.addEventListener('message', (event: MessageEvent<ToStatistics>) => page.receive(event.data));
api.postMessage({ type: 'ready' });
