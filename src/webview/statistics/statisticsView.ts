/**
 * The statistics page: totals, bars per language and per model (shown, and accepted split whole / word /
 * line), the latency histogram with p50 / p90, and the last 30 days — inline SVG drawn here from the summary
 * the extension sends (no chart library, nothing fetched). Colours come from the theme (media/statistics.css,
 * classes only: the page's policy allows no inline style). Text only (textContent). Takes the document and
 * the VS Code API as parameters, so it runs the same in jsdom tests.
 */
import { bucketOf, LATENCY_BUCKETS_MS, type AcceptKind, type StatisticsRow, type StatisticsSummary } from '../../statistics/book';
import type { FromStatistics, StatisticsLabels, ToStatistics } from './protocol';

export interface StatisticsHost {
  postMessage(message: FromStatistics): void;
  getState(): unknown;
  setState(state: unknown): void;
}

const SVG = 'http://www.w3.org/2000/svg';
const KINDS: readonly AcceptKind[] = ['whole', 'word', 'line'];

/** Bar charts: the drawing's width (the SVG scales to the page), a row's height, where bars start and how long they may be. */
const WIDTH = 640;
const ROW = 30;
const LABEL_WIDTH = 150;
const BAR_WIDTH = 280;

/** `{0}`, `{1}`… in a localized template. */
export function format(template: string, ...args: (string | number)[]): string {
  return template.replace(/\{(\d+)\}/g, (whole, i: string) => (args[Number(i)] !== undefined ? String(args[Number(i)]) : whole));
}

const percent = (rate: number) => `${Math.round(rate * 100)}%`;

export class StatisticsPage {
  private readonly charts: HTMLElement;
  private readonly summaryLine: HTMLElement;
  private readonly title: HTMLElement;
  private readonly clear: HTMLButtonElement;
  private readonly local: HTMLElement;

  constructor(
    private readonly doc: Document,
    private readonly host: StatisticsHost,
  ) {
    const byId = (id: string) => {
      const found = doc.getElementById(id);
      if (!found) throw new Error(`the statistics page has no #${id}`);
      return found;
    };
    this.charts = byId('charts');
    this.summaryLine = byId('summary');
    this.title = byId('title');
    this.clear = byId('clear') as HTMLButtonElement;
    this.local = byId('local');
    this.clear.addEventListener('click', () => this.host.postMessage({ type: 'clear' }));
    const saved = host.getState() as ToStatistics | undefined;
    if (saved?.type === 'show') this.receive(saved);
  }

  receive(message: ToStatistics): void {
    if (message.type !== 'show') return;
    this.show(message.summary, message.labels);
    this.host.setState(message);
  }

  private show(s: StatisticsSummary, l: StatisticsLabels): void {
    this.doc.body.dataset.state = s.empty ? 'empty' : 'data';
    this.title.textContent = l.title;
    this.clear.textContent = l.clear;
    this.clear.disabled = s.empty;
    this.local.textContent = l.localOnly;
    this.summaryLine.textContent = s.empty ? l.empty : s.since ? format(l.since, s.since) : '';
    if (s.empty) return void this.charts.replaceChildren();
    this.charts.replaceChildren(
      this.totals(s, l),
      this.legend(l),
      this.section('languages', l.byLanguage, this.bars(s.languages, l)),
      this.section('models', l.byModel, this.bars(s.models, l)),
      this.section('latency', l.latency, this.el('p', 'note', format(l.latencySummary, s.latency.p50Ms, s.latency.p90Ms, s.latency.samples)), this.histogram(s, l)),
      this.section('days', l.lastDays, this.days(s, l)),
    );
  }

  private totals(s: StatisticsSummary, l: StatisticsLabels): HTMLElement {
    const tiles = this.el('section', 'tiles');
    tiles.id = 'totals';
    const tile = (id: string, label: string, value: string, detail?: string) => {
      const box = this.el('div', 'tile');
      box.dataset.tile = id;
      box.append(this.el('span', 'value', value), this.el('span', 'label', label));
      if (detail) box.append(this.el('span', 'detail', detail));
      return box;
    };
    const t = s.total;
    tiles.append(
      tile('shown', l.shown, t.shown.toLocaleString()),
      tile('accepted', l.accepted, t.acceptedTotal.toLocaleString(), KINDS.map((k) => `${l[k]} ${t.accepted[k]}`).join(' · ')),
      tile('rate', l.acceptanceRate, percent(t.rate)),
      tile('latency', l.latency, `${s.latency.p50Ms} / ${s.latency.p90Ms} ms`, 'p50 / p90'),
    );
    return tiles;
  }

  private legend(l: StatisticsLabels): HTMLElement {
    const legend = this.el('p', 'legend');
    legend.setAttribute('aria-hidden', 'true');
    for (const [cls, label] of [['shown', l.shown], ['whole', l.whole], ['word', l.word], ['line', l.line]] as const) {
      const swatch = this.svg('svg', { width: 12, height: 12, class: 'swatch' });
      swatch.append(this.svg('rect', { width: 12, height: 12, class: `bar-${cls}` }));
      const item = this.el('span', 'legend-item');
      item.append(swatch, this.el('span', '', label));
      legend.append(item);
    }
    return legend;
  }

  /** A row per language or model: the shown bar, the accepted bars on it (whole, word, line), the figures. */
  private bars(rows: readonly StatisticsRow[], l: StatisticsLabels): SVGElement {
    const max = Math.max(1, ...rows.map((r) => Math.max(r.shown, r.acceptedTotal)));
    const height = rows.length * ROW + 4;
    const chart = this.svg('svg', { viewBox: `0 0 ${WIDTH} ${height}`, width: WIDTH, height, class: 'chart bars', role: 'img' });
    rows.forEach((row, i) => {
      const y = i * ROW + 4;
      const value = format(l.rowValue, row.acceptedTotal, row.shown, percent(row.rate));
      const g = this.svg('g', { class: 'row', 'data-name': row.name, 'data-shown': row.shown, 'data-accepted': row.acceptedTotal, ...Object.fromEntries(KINDS.map((k) => [`data-${k}`, row.accepted[k]])) });
      g.setAttribute('aria-label', `${row.name}: ${value}`);
      const title = this.svg('title', {});
      title.textContent = `${row.name}: ${value} — ${KINDS.map((k) => `${l[k]} ${row.accepted[k]}`).join(', ')}`;
      const label = this.svg('text', { x: LABEL_WIDTH - 8, y: y + ROW / 2, class: 'label', 'text-anchor': 'end', 'dominant-baseline': 'middle' });
      label.textContent = row.name.length > 22 ? `${row.name.slice(0, 21)}…` : row.name;
      g.append(title, label, this.svg('rect', { x: LABEL_WIDTH, y: y + 3, width: (row.shown / max) * BAR_WIDTH, height: ROW - 10, class: 'bar-shown' }));
      let x = LABEL_WIDTH;
      for (const kind of KINDS) {
        const w = (row.accepted[kind] / max) * BAR_WIDTH;
        if (w > 0) g.append(this.svg('rect', { x, y: y + 8, width: w, height: ROW - 20, class: `bar-${kind}` }));
        x += w;
      }
      const text = this.svg('text', { x: LABEL_WIDTH + BAR_WIDTH + 10, y: y + ROW / 2, class: 'value', 'dominant-baseline': 'middle' });
      text.textContent = value;
      g.append(text);
      chart.append(g);
    });
    return chart;
  }

  /** The latency buckets as columns, with lines at p50 and p90. */
  private histogram(s: StatisticsSummary, l: StatisticsLabels): SVGElement {
    const { buckets, p50Ms, p90Ms } = s.latency;
    const height = 200;
    const left = 20;
    const bottom = height - 30;
    // Room above the tallest column for its count and, above that, the p50 / p90 labels.
    const top = 44;
    const bw = (WIDTH - left * 2) / buckets.length;
    const max = Math.max(1, ...buckets.map((b) => b.count));
    const chart = this.svg('svg', { viewBox: `0 0 ${WIDTH} ${height}`, width: WIDTH, height, class: 'chart histogram', role: 'img', 'aria-label': format(l.latencySummary, p50Ms, p90Ms, s.latency.samples) });
    chart.append(this.svg('line', { x1: left, x2: WIDTH - left, y1: bottom, y2: bottom, class: 'axis' }));
    buckets.forEach((b, i) => {
      const h = (b.count / max) * (bottom - top);
      const x = left + i * bw;
      const range = b.toMs === undefined ? `≥ ${b.fromMs} ms` : `${b.fromMs}–${b.toMs} ms`;
      const g = this.svg('g', { class: 'bucket', 'data-from': b.fromMs, 'data-count': b.count });
      const title = this.svg('title', {});
      title.textContent = `${range}: ${b.count}`;
      const label = this.svg('text', { x: x + bw, y: bottom + 14, class: 'tick', 'text-anchor': 'middle' });
      label.textContent = b.toMs === undefined ? '' : String(b.toMs);
      g.append(title, this.svg('rect', { x: x + 2, y: bottom - h, width: bw - 4, height: h, class: 'bar-latency' }), label);
      if (b.count > 0) {
        const count = this.svg('text', { x: x + bw / 2, y: bottom - h - 4, class: 'count', 'text-anchor': 'middle' });
        count.textContent = String(b.count);
        g.append(count);
      }
      chart.append(g);
    });
    const xOf = (ms: number) => {
      const i = bucketOf(ms);
      const from = i === 0 ? 0 : LATENCY_BUCKETS_MS[i - 1];
      const to = LATENCY_BUCKETS_MS[i];
      return left + (i + (to === undefined ? 0 : (ms - from) / (to - from))) * bw;
    };
    for (const [name, ms] of [['p50', p50Ms], ['p90', p90Ms]] as const) {
      if (s.latency.samples === 0) break;
      const x = xOf(ms);
      const text = this.svg('text', { x, y: name === 'p50' ? 10 : 22, class: `marker-label ${name}`, 'text-anchor': 'middle' });
      text.textContent = `${name} ${ms} ms`;
      chart.append(this.svg('line', { x1: x, x2: x, y1: name === 'p50' ? 14 : 26, y2: bottom, class: `marker ${name}`, 'data-ms': ms }), text);
    }
    return chart;
  }

  /** Shown and accepted per day, the last 30 days. */
  private days(s: StatisticsSummary, l: StatisticsLabels): SVGElement {
    const height = 140;
    const left = 20;
    const bottom = height - 24;
    const top = 8;
    const bw = (WIDTH - left * 2) / Math.max(1, s.days.length);
    const max = Math.max(1, ...s.days.map((d) => Math.max(d.shown, d.accepted)));
    const chart = this.svg('svg', { viewBox: `0 0 ${WIDTH} ${height}`, width: WIDTH, height, class: 'chart days', role: 'img', 'aria-label': l.lastDays });
    chart.append(this.svg('line', { x1: left, x2: WIDTH - left, y1: bottom, y2: bottom, class: 'axis' }));
    s.days.forEach((d, i) => {
      const x = left + i * bw;
      const g = this.svg('g', { class: 'day', 'data-day': d.day, 'data-shown': d.shown, 'data-accepted': d.accepted });
      const title = this.svg('title', {});
      title.textContent = format(l.dayValue, d.day, d.shown, d.accepted);
      const hs = (d.shown / max) * (bottom - top);
      const ha = (d.accepted / max) * (bottom - top);
      g.append(title, this.svg('rect', { x: x + 1, y: bottom - hs, width: bw - 2, height: hs, class: 'bar-shown' }), this.svg('rect', { x: x + 1, y: bottom - ha, width: bw - 2, height: ha, class: 'bar-accepted' }));
      if (i === 0 || i === s.days.length - 1 || i % 7 === 0) {
        const tick = this.svg('text', { x: x + bw / 2, y: bottom + 14, class: 'tick', 'text-anchor': 'middle' });
        tick.textContent = d.day.slice(5);
        g.append(tick);
      }
      chart.append(g);
    });
    return chart;
  }

  private section(id: string, heading: string, ...content: Element[]): HTMLElement {
    const section = this.el('section', 'chart-section');
    section.id = id;
    section.append(this.el('h2', '', heading), ...content);
    return section;
  }

  private el(tag: string, className: string, text?: string): HTMLElement {
    const e = this.doc.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  private svg(tag: string, attributes: Record<string, string | number>): SVGElement {
    const e = this.doc.createElementNS(SVG, tag) as SVGElement;
    for (const [name, value] of Object.entries(attributes)) e.setAttribute(name, typeof value === 'number' ? String(Math.round(value * 100) / 100) : value);
    return e;
  }
}
