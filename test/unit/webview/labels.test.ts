/**
 * The webview pages in the user's language: the words the extension translates (src/vscode/webviewLabels.ts)
 * reach the chat, answer panel and Doctor pages — in their markup and, through `<body data-labels>`, in what
 * the page scripts draw later — and every one has its zh-cn translation.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chatHtml } from '../../../src/vscode/chat/html';
import { doctorHtml } from '../../../src/vscode/doctor/html';
import { panelHtml, type PanelPage } from '../../../src/vscode/panel/html';
import { ChatView } from '../../../src/webview/chat/chatView';
import type { ChatViewState } from '../../../src/webview/chat/protocol';
import { DoctorPage } from '../../../src/webview/doctor/doctorView';
import { CHAT_LABELS_EN, DOCTOR_LABELS_EN, fill, PANEL_LABELS_EN, readLabels } from '../../../src/webview/labels';
import { PanelView } from '../../../src/webview/panel/panelView';
import { l10nCalls } from '../l10n/l10nStrings';
import { newWindow } from './dom';

const REPO = resolve(__dirname, '../../..');
const ZH = JSON.parse(readFileSync(join(REPO, 'l10n/bundle.l10n.zh-cn.json'), 'utf8')) as Record<string, string>;
/** What `vscode.l10n.t` gives each label in zh-cn (the bundle's translation of its English). */
const zh = <T extends object>(labels: T): T => Object.fromEntries(Object.entries(labels).map(([k, v]) => [k, ZH[v as string] ?? `(untranslated) ${v}`])) as T;

const PAGE: PanelPage = { cspSource: 'https://x', scriptUri: 'https://x/s.js', styleUri: 'https://x/s.css', resourceOrigin: 'https://x', nonce: 'N', title: '解释', language: 'zh-cn' };
const host = () => ({ sent: [] as unknown[], state: undefined as unknown, postMessage(m: unknown) { this.sent.push(m); }, getState() { return this.state; }, setState(s: unknown) { this.state = s; } });

describe('webview labels (the pages in the user\'s language)', () => {
  it('src/vscode/webviewLabels.ts asks l10n.t for exactly the English each page falls back to', () => {
    const source = readFileSync(join(REPO, 'src/vscode/webviewLabels.ts'), 'utf8');
    const asked = new Map<string, string>();
    for (const m of source.matchAll(/^\s*(\w+): vscode\.l10n\.t\(/gm)) {
      const call = l10nCalls(source.slice(m.index + m[0].indexOf('vscode.l10n.t(')))[0];
      asked.set(m[1], call.message!);
    }
    for (const labels of [PANEL_LABELS_EN, CHAT_LABELS_EN, DOCTOR_LABELS_EN]) {
      for (const [key, english] of Object.entries(labels)) assert.equal(asked.get(key), english, `label ${key}`);
    }
  });

  it('every label has a zh-cn translation that keeps its placeholders', () => {
    for (const labels of [PANEL_LABELS_EN, CHAT_LABELS_EN, DOCTOR_LABELS_EN]) {
      for (const english of Object.values(labels)) {
        assert.ok(ZH[english], `"${english}" is translated`);
        assert.deepEqual(ZH[english].match(/\{\d\}/g)?.sort() ?? [], english.match(/\{\d\}/g)?.sort() ?? [], english);
      }
    }
  });

  it('the answer panel: its markup, code block buttons, status and source links are in the page\'s language', () => {
    const labels = zh(PANEL_LABELS_EN);
    const window = newWindow(panelHtml({ ...PAGE, labels }));
    const doc = window.document;
    assert.equal(doc.documentElement.lang, 'zh-cn');
    assert.deepEqual(JSON.parse(doc.body.dataset.labels!), labels);
    assert.equal(doc.getElementById('continue')!.textContent, '在聊天中继续');
    assert.equal(doc.getElementById('sources-heading')!.textContent, labels.usedFromWorkspace);
    const view = new PanelView(doc, host(), { labels: readLabels(doc, PANEL_LABELS_EN) });
    view.receive({ type: 'show', view: { title: '解释', markdown: 'It is:\n\n```ts\nconst a = 1;\n```\n', phase: 'streaming', chatAvailable: true } });
    assert.equal(doc.getElementById('status')!.textContent, '正在回答…');
    assert.deepEqual(Array.from(doc.querySelectorAll('.code-block button')).map((b) => [b.textContent, b.getAttribute('title')]), [
      ['复制', '复制这段代码'],
      ['插入', '在编辑器的光标处插入这段代码'],
    ]);
    assert.match(doc.getElementById('answer')!.textContent!, /It is:/, 'the answer stays as written');
    view.receive({ type: 'sources', sources: [{ path: 'src/a.ts', startLine: 3, endLine: 7, symbol: '' }] });
    assert.equal(doc.querySelector('a.source-link')!.getAttribute('title'), '打开 src/a.ts，第 3–7 行');
    view.receive({ type: 'fail', message: 'x' });
    assert.equal(doc.getElementById('status')!.textContent, '失败');
  });

  it('the chat view: its buttons, placeholder, empty state and the words it draws later', () => {
    const labels = zh(CHAT_LABELS_EN);
    const window = newWindow(chatHtml({ ...PAGE, labels }));
    const doc = window.document;
    assert.equal(doc.getElementById('send')!.textContent, '发送');
    assert.equal(doc.getElementById('send')!.title, '发送 (Enter)');
    assert.equal(doc.getElementById('input')!.getAttribute('placeholder'), labels.placeholder);
    assert.equal(doc.getElementById('attach-file')!.textContent, '文件');
    assert.deepEqual(Array.from(doc.querySelectorAll('#empty kbd')).map((k) => k.textContent), ['@', '@codebase', '@terminal', '/', '/explain', '/fix', '/tests', '/doc', '/commit'], 'the keys stay markup inside the translated hint');
    assert.match(doc.getElementById('empty')!.textContent!, /^询问有关你的代码的问题。/);
    const view = new ChatView(doc, host(), { labels: readLabels(doc, CHAT_LABELS_EN) });
    const state: ChatViewState = {
      conversationId: 'c1', title: 't', streaming: false, pending: [{ id: 'p1', kind: 'file', label: 'a.ts' }], history: [], models: ['m'], model: 'm',
      turns: [
        { id: 'u1', role: 'user', text: 'hi', attachments: [] },
        { id: 'a1', role: 'assistant', text: '```ts\nx\n```', attachments: [], stopped: true },
      ],
    };
    view.receive({ type: 'state', state });
    assert.equal(doc.querySelector('.turn.user .who')!.textContent, '你');
    assert.equal(doc.querySelector('.action-edit')!.textContent, '编辑');
    assert.equal(doc.querySelector('.action-regenerate')!.textContent, '重新生成');
    assert.equal(doc.querySelector('.stopped')!.textContent, '已停止。');
    assert.equal(doc.querySelector('#chips .action-detach')!.getAttribute('aria-label'), '移除 a.ts');
    assert.deepEqual(Array.from(doc.querySelectorAll('.turn.assistant .code-block button')).map((b) => b.textContent), ['复制', '插入', '应用', '新建文件']);
    doc.getElementById('history-toggle')!.dispatchEvent(new window.MouseEvent('click', { bubbles: true }));
    assert.equal(doc.querySelector('.history-empty')!.textContent, '还没有已保存的对话。');
  });

  it('the Doctor: its heading, buttons and the "checking" status', () => {
    const labels = zh(DOCTOR_LABELS_EN);
    const doc = newWindow(doctorHtml({ ...PAGE, labels })).document;
    assert.equal(doc.querySelector('h1')!.textContent, 'Fathom 诊断');
    assert.equal(doc.getElementById('rerun')!.textContent, '重新运行');
    assert.equal(doc.getElementById('copy')!.textContent, '复制报告');
    doc.getElementById('summary')!.textContent = '';
    new DoctorPage(doc, host(), readLabels(doc, DOCTOR_LABELS_EN)).receive({ type: 'running' });
    assert.equal(doc.getElementById('summary')!.textContent, '正在检查服务器和模型…');
  });

  it('without labels a page is in English; a damaged or foreign data-labels falls back to English', () => {
    const doc = newWindow(panelHtml(PAGE)).document;
    assert.equal(doc.getElementById('continue')!.textContent, 'Continue in chat');
    assert.deepEqual(readLabels(doc, PANEL_LABELS_EN), PANEL_LABELS_EN);
    doc.body.dataset.labels = '{not json';
    assert.deepEqual(readLabels(doc, DOCTOR_LABELS_EN), DOCTOR_LABELS_EN);
    doc.body.dataset.labels = JSON.stringify({ runAgain: 42, unknown: 'x', copyReport: '复制报告' });
    assert.deepEqual(readLabels(doc, DOCTOR_LABELS_EN), { ...DOCTOR_LABELS_EN, copyReport: '复制报告' });
  });

  it('labels are escaped in the markup', () => {
    const doc = newWindow(doctorHtml({ ...PAGE, labels: { ...DOCTOR_LABELS_EN, runAgain: '<b>x</b>', runAgainTitle: '"q"' } })).document;
    assert.equal(doc.getElementById('rerun')!.textContent, '<b>x</b>');
    assert.equal(doc.getElementById('rerun')!.title, '"q"');
    assert.equal(doc.querySelectorAll('b').length, 0);
  });

  it('fill puts each argument in its place once, in any order, and leaves missing ones', () => {
    assert.equal(fill('打开 {0}，第 {1} 行', 'a.ts', '3–7'), '打开 a.ts，第 3–7 行');
    assert.equal(fill('{1} before {0}', 'a', 'b'), 'b before a');
    assert.equal(fill('{0} {1}', '{1}'), '{1} {1}');
  });
});
