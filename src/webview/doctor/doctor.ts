/** Entry of the Doctor view's bundle (dist/webview/doctor.js). */
import { DoctorPage } from './doctorView';
import type { FromDoctor, ToDoctor } from './protocol';
import { DOCTOR_LABELS_EN, readLabels } from '../labels';

declare function acquireVsCodeApi(): { postMessage(message: FromDoctor): void; getState(): unknown; setState(state: unknown): void };

const api = acquireVsCodeApi();
const page = new DoctorPage(document, api, readLabels(document, DOCTOR_LABELS_EN));
window.addEventListener('message', (event: MessageEvent<ToDoctor>) => page.receive(event.data));
api.postMessage({ type: 'ready' });
