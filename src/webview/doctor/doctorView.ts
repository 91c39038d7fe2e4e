/**
 * The Doctor view's page: a card per role with its checks and, for each problem, the button that fixes it.
 * Text only (textContent), nothing rendered as markup. Takes the document and the VS Code API as parameters,
 * so it runs the same in jsdom tests.
 */
import type { CheckStatus, DoctorCheck, DoctorView } from '../../doctor/view';
import type { FromDoctor, ToDoctor } from './protocol';
import { DOCTOR_LABELS_EN, fill, type DoctorLabels } from '../labels';

export interface DoctorHost {
  postMessage(message: FromDoctor): void;
  getState(): unknown;
  setState(state: unknown): void;
}

const ICONS: Record<CheckStatus, string> = { ok: '✓', warn: '!', fail: '✗', skip: '–' };

export class DoctorPage {
  private readonly roles: HTMLElement;
  private readonly summary: HTMLElement;

  constructor(
    private readonly doc: Document,
    private readonly host: DoctorHost,
    /** The page's words in the user's language (default: English). */
    private readonly labels: DoctorLabels = DOCTOR_LABELS_EN,
  ) {
    const byId = (id: string) => {
      const found = doc.getElementById(id);
      if (!found) throw new Error(`the doctor page has no #${id}`);
      return found;
    };
    this.roles = byId('roles');
    this.summary = byId('summary');
    doc.addEventListener('click', (event) => this.onClick(event));
    const saved = host.getState() as { view?: DoctorView } | undefined;
    if (saved?.view) this.show(saved.view);
  }

  receive(message: ToDoctor): void {
    if (message.type === 'running') {
      this.doc.body.dataset.state = 'running';
      this.summary.textContent = this.labels.checking;
      this.setButtonsDisabled(true);
    } else if (message.type === 'failed') {
      this.doc.body.dataset.state = 'failed';
      this.summary.textContent = message.message;
      this.setButtonsDisabled(false);
    } else {
      this.show(message.view);
    }
  }

  private show(view: DoctorView): void {
    this.doc.body.dataset.state = view.ok ? 'ok' : 'problems';
    this.summary.textContent = view.summary;
    this.roles.replaceChildren(
      ...view.roles.map((role) => {
        const card = this.el('section', 'role');
        card.dataset.role = role.role;
        const head = this.el('h2', '', role.title);
        const sub = this.el('p', 'subtitle', role.subtitle);
        card.append(head, sub, this.checks(role.checks));
        const items = [...role.problems.map((p) => ({ ...p, kind: 'problem' })), ...(role.notes ?? []).map((n) => ({ ...n, kind: 'note' }))];
        for (const problem of items) {
          const box = this.el('div', problem.kind);
          // A note (how to switch an optional role on) is information, not an alert.
          box.setAttribute('role', problem.kind === 'problem' ? 'alert' : 'note');
          box.append(this.el('p', '', problem.message));
          if (problem.fix) {
            const button = this.el('button', 'fix', problem.fix.label) as HTMLButtonElement;
            button.type = 'button';
            button.dataset.action = problem.fix.action;
            button.dataset.role = problem.fix.role;
            box.append(button);
          }
          card.append(box);
        }
        return card;
      }),
      // Information after the roles (the codebase index): a card of checks, no fixes.
      ...(view.sections ?? []).map((section) => {
        const card = this.el('section', 'role');
        card.dataset.section = section.id;
        card.append(this.el('h2', '', section.title), this.checks(section.checks));
        if (section.actions?.length) {
          const box = this.el('div', 'actions');
          for (const action of section.actions) {
            const button = this.el('button', 'use', fill(action.role === 'chat' ? this.labels.useForChat : this.labels.useForCompletions, action.model)) as HTMLButtonElement;
            button.type = 'button';
            button.dataset.role = action.role;
            button.dataset.model = action.model;
            box.append(button);
          }
          card.append(box);
        }
        return card;
      }),
    );
    this.setButtonsDisabled(false);
    this.host.setState({ view });
  }

  private onClick(event: Event): void {
    const button = (event.target as Element | null)?.closest?.<HTMLButtonElement>('button');
    if (!button || button.disabled) return;
    if (button.id === 'rerun') this.host.postMessage({ type: 'rerun' });
    else if (button.id === 'copy') this.host.postMessage({ type: 'copy' });
    else if (button.classList.contains('fix')) {
      const role = button.dataset.role;
      const action = button.dataset.action;
      if ((role === 'completion' || role === 'chat' || role === 'nextEdit') && action) this.host.postMessage({ type: 'fix', role, action } as FromDoctor);
    } else if (button.classList.contains('use')) {
      const { role, model } = button.dataset;
      if ((role === 'completion' || role === 'chat') && model) this.host.postMessage({ type: 'useModel', role, model });
    }
  }

  private checks(checks: readonly DoctorCheck[]): HTMLElement {
    const list = this.el('ul', 'checks');
    for (const check of checks) {
      const item = this.el('li', `check ${check.status}`);
      item.append(this.el('span', 'icon', ICONS[check.status]), this.el('span', 'label', check.label), this.el('span', 'detail', check.detail));
      item.setAttribute('aria-label', `${check.label}: ${check.detail} (${check.status})`);
      list.append(item);
    }
    return list;
  }

  private setButtonsDisabled(disabled: boolean): void {
    for (const b of Array.from(this.doc.querySelectorAll<HTMLButtonElement>('button.fix, button.use, #rerun'))) b.disabled = disabled;
  }

  private el(tag: string, className: string, text?: string): HTMLElement {
    const e = this.doc.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined) e.textContent = text;
    return e;
  }
}
