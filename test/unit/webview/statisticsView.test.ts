import * as assert from 'node:assert/strict';
import { StatisticsBook } from '../../../src/statistics/book';
import { statisticsHtml } from '../../../src/vscode/statistics/html';
import { contentSecurityPolicy } from '../../../src/vscode/panel/html';
import { format, StatisticsPage } from '../../../src/webview/statistics/statisticsView';
import { parseFromStatistics, type FromStatistics, type StatisticsLabels, type ToStatistics } from '../../../src/webview/statistics/protocol';
import { newWindow } from './dom';

const PAGE = {
  cspSource: 'https://*.vscode-cdn.net',
  scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview/statistics.js',
  styleUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/media/statistics.css',
  resourceOrigin: 'https://file+.vscode-resource.vscode-cdn.net',
  nonce: 'TESTNONCE',
  title: 'Fathom Statistics',
};

const LABELS: StatisticsLabels = {
  title: 'Fathom Statistics',
  clear: 'Clear',
  empty: 'Nothing recorded yet',
  since: 'Since {0}',
  localOnly: 'This machine only',
  shown: 'Shown',
  accepted: 'Accepted',
  acceptanceRate: 'Acceptance rate',
  whole: 'Whole',
  word: 'By word',
  line: 'By line',
  byLanguage: 'By language',
  byModel: 'By model',
  latency: 'Latency',
  latencySummary: 'p50 {0} ms · p90 {1} ms over {2} suggestions',
  rowValue: '{0} of {1} accepted ({2})',
  lastDays: 'Last 30 days',
  dayValue: '{0}: {1} shown, {2} accepted',
};
const DAY = '2026-12-07';

function page() {
  const window = newWindow(statisticsHtml(PAGE, 'Clear'));
  const sent: FromStatistics[] = [];
  let state: unknown;
  const host = { postMessage: (m: FromStatistics) => sent.push(m), getState: () => state, setState: (s: unknown) => (state = s) };
  const view = new StatisticsPage(window.document, host);
  return { window, doc: window.document, view, sent, state: () => state, host };
}

function filled(): ToStatistics {
  const book = new StatisticsBook();
  for (let i = 0; i < 4; i++) book.shown('typescript', 'qwen2.5-coder:1.5b', 100 + i * 100, DAY);
  book.shown('python', 'llama3.2:3b', 1200, DAY);
  book.accepted('typescript', 'qwen2.5-coder:1.5b', 'whole', DAY);
  book.accepted('typescript', 'qwen2.5-coder:1.5b', 'word', DAY);
  book.accepted('python', 'llama3.2:3b', 'line', DAY);
  return { type: 'show', summary: book.summary(DAY), labels: LABELS };
}

describe('statistics page', () => {
  it('is a page under the strict policy: one script with the nonce, no inline style', () => {
    const { doc } = page();
    assert.equal(doc.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content'), contentSecurityPolicy(PAGE));
    assert.deepEqual([...doc.querySelectorAll('script')].map((s) => s.getAttribute('nonce')), ['TESTNONCE']);
    assert.equal(doc.querySelectorAll('style, [style]').length, 0);
  });

  it('says nothing is recorded yet, with Clear disabled and no charts', () => {
    const { doc, view } = page();
    view.receive({ type: 'show', summary: new StatisticsBook().summary(DAY), labels: LABELS });
    assert.equal(doc.body.dataset.state, 'empty');
    assert.equal(doc.getElementById('summary')?.textContent, 'Nothing recorded yet');
    assert.equal((doc.getElementById('clear') as HTMLButtonElement).disabled, true);
    assert.equal(doc.querySelectorAll('svg').length, 0);
  });

  it('draws totals, a bar row per language and model with the accepted split, the latency histogram with p50/p90, and the days', () => {
    const { doc, view } = page();
    const message = filled();
    view.receive(message);
    assert.equal(doc.body.dataset.state, 'data');
    assert.equal(doc.getElementById('summary')?.textContent, `Since ${DAY}`);
    const tile = (id: string) => doc.querySelector(`[data-tile="${id}"] .value`)?.textContent;
    assert.equal(tile('shown'), '5');
    assert.equal(tile('accepted'), '3');
    assert.equal(tile('rate'), '60%');
    const ts = doc.querySelector('#languages g.row[data-name="typescript"]')!;
    assert.deepEqual(['data-shown', 'data-accepted', 'data-whole', 'data-word', 'data-line'].map((a) => ts.getAttribute(a)), ['4', '2', '1', '1', '0']);
    assert.equal(ts.querySelector('text.value')?.textContent, '2 of 4 accepted (50%)');
    // One bar for shown, one per kind accepted (none drawn for a kind never accepted).
    assert.deepEqual([...ts.querySelectorAll('rect')].map((r) => r.getAttribute('class')), ['bar-shown', 'bar-whole', 'bar-word']);
    assert.deepEqual([...doc.querySelectorAll('#models g.row')].map((g) => g.getAttribute('data-name')), ['qwen2.5-coder:1.5b', 'llama3.2:3b']);
    // Bars scale to the largest count: the most shown row's bar is the longest.
    const width = (name: string) => Number(doc.querySelector(`#languages g.row[data-name="${name}"] rect.bar-shown`)!.getAttribute('width'));
    assert.ok(width('typescript') > width('python') && width('python') > 0);
    const counts = [...doc.querySelectorAll('#latency g.bucket')].map((g) => Number(g.getAttribute('data-count')));
    assert.equal(counts.length, message.summary.latency.buckets.length);
    assert.equal(counts.reduce((a, b) => a + b, 0), 5);
    const p50 = doc.querySelector('#latency line.marker.p50')!;
    const p90 = doc.querySelector('#latency line.marker.p90')!;
    assert.equal(Number(p50.getAttribute('data-ms')), message.summary.latency.p50Ms);
    assert.ok(Number(p50.getAttribute('x1')) < Number(p90.getAttribute('x1')), 'p90 is right of p50');
    assert.match(doc.querySelector('#latency p')!.textContent!, /^p50 \d+ ms · p90 \d+ ms over 5 suggestions$/);
    const days = [...doc.querySelectorAll('#days g.day')];
    assert.equal(days.length, 30);
    assert.deepEqual([days.at(-1)!.getAttribute('data-day'), days.at(-1)!.getAttribute('data-shown'), days.at(-1)!.getAttribute('data-accepted')], [DAY, '5', '3']);
    // Nothing a theme cannot colour: no fill or stroke colour written into the drawing.
    assert.equal(doc.querySelectorAll('[fill], [stroke], [style]').length, 0);
  });

  it('writes names as text, never as markup', () => {
    const { doc, view } = page();
    const book = new StatisticsBook();
    book.shown('<img src=x onerror=alert(1)>', 'm', 10, DAY);
    view.receive({ type: 'show', summary: book.summary(DAY), labels: LABELS });
    assert.equal(doc.querySelectorAll('img').length, 0);
    assert.match(doc.querySelector('#languages text.label')!.textContent!, /^<img/);
  });

  it('redraws on every message, and keeps the last one as its state (a hidden panel comes back drawn)', () => {
    const { doc, view, state, host } = page();
    view.receive(filled());
    view.receive({ type: 'show', summary: new StatisticsBook().summary(DAY), labels: LABELS });
    assert.equal(doc.body.dataset.state, 'empty');
    assert.equal(doc.querySelectorAll('#languages g.row').length, 0);
    view.receive(filled());
    assert.deepEqual(state(), filled());
    const second = newWindow(statisticsHtml(PAGE, 'Clear')).document;
    new StatisticsPage(second, host);
    assert.equal(second.body.dataset.state, 'data');
    assert.equal(second.querySelectorAll('#languages g.row').length, 2);
  });

  it('Clear asks the extension', () => {
    const { doc, view, sent } = page();
    view.receive(filled());
    (doc.getElementById('clear') as HTMLButtonElement).click();
    assert.deepEqual(sent, [{ type: 'clear' }]);
  });

  it('accepts only the messages it knows from the page, and fills templates', () => {
    assert.deepEqual(parseFromStatistics({ type: 'ready' }), { type: 'ready' });
    assert.deepEqual(parseFromStatistics({ type: 'clear', extra: 1 }), { type: 'clear' });
    for (const bad of [null, 'clear', {}, { type: 'fix' }]) assert.equal(parseFromStatistics(bad), undefined);
    assert.equal(format('{0} of {1} ({2})', 1, 2, '50%'), '1 of 2 (50%)');
    assert.equal(format('{0} {3}', 'a'), 'a {3}');
  });
});
