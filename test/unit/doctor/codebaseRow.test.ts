import * as assert from 'node:assert/strict';
import { combineStatus, offStatus, type CodebaseStatus } from '../../../src/codebase/indexStatus';
import { codebaseCheckStatus, codebaseReport, codebaseSummary } from '../../../src/doctor/codebaseRow';
import { formatReport } from '../../../src/doctor/formatReport';
import { doctorView } from '../../../src/doctor/view';

const NOW = 10_000_000;
const ready: CodebaseStatus = { state: 'ready', files: 1234, chunks: 5678, complete: true, syncedAt: NOW - 3 * 60_000, snapshotBytes: 2.5 * 1024 * 1024, folders: [] };

describe('doctor: the codebase index row', () => {
  it('says the state, files, chunks, age and size on disk', () => {
    const r = codebaseReport(ready, NOW);
    assert.equal(codebaseSummary(r), 'ready: 1,234 files, 5,678 chunks, updated 3 min ago, 2.5 MB on disk');
    assert.equal(codebaseCheckStatus(r), 'ok');
  });

  it('says when the index is in memory only because another window holds its database (a folder busy)', () => {
    const folder = { name: 'a', root: '/a', state: 'ready' as const, files: 3, chunks: 9, fromSnapshot: false, complete: true };
    const busy = combineStatus([folder, { ...folder, name: 'b', root: '/b', busy: true }]);
    assert.equal(busy.busy, true);
    assert.equal(combineStatus([folder]).busy, undefined);
    assert.equal(codebaseSummary(codebaseReport({ ...ready, busy: true }, NOW)), 'ready: 1,234 files, 5,678 chunks, updated 3 min ago, 2.5 MB on disk, in memory only, not saved: another window holds the index database');
  });

  it('says why it is off, how far a build is, that a cancelled build is partial, and why it failed', () => {
    assert.equal(codebaseSummary(codebaseReport(offStatus('untrusted'), NOW)), 'off — the workspace is not trusted (Restricted Mode)');
    assert.equal(codebaseSummary(codebaseReport(offStatus('disabled'), NOW)), 'off (setting fathom.codebase.enabled)');
    const building = codebaseReport({ ...ready, state: 'building', complete: false, progress: { done: 1234, total: 10_000 }, syncedAt: undefined, snapshotBytes: undefined }, NOW);
    assert.equal(codebaseSummary(building), 'building 1,234/10,000: 1,234 files, 5,678 chunks');
    assert.equal(codebaseCheckStatus(building), 'warn');
    assert.match(codebaseSummary(codebaseReport({ ...ready, complete: false }, NOW)), /^partial \(the last build was cancelled; it resumes next time\): /);
    const failed = codebaseReport({ ...offStatus('noFolder'), state: 'failed', error: 'EACCES' }, NOW);
    assert.deepEqual([codebaseSummary(failed), codebaseCheckStatus(failed)], ['failed: EACCES', 'fail']);
  });

  it('shows in the text report and as its own card of the Doctor view, without failing the report', () => {
    const report = { roles: [], ok: true, codebase: codebaseReport(ready, NOW) };
    assert.match(formatReport(report), /\nCodebase index: ready: 1,234 files, 5,678 chunks, updated 3 min ago, 2\.5 MB on disk\n\nAll checks passed\./);
    const view = doctorView(report);
    assert.equal(view.ok, true);
    assert.deepEqual(view.sections, [{ id: 'codebase', title: 'Codebase index', checks: [{ label: 'Index', detail: 'ready: 1,234 files, 5,678 chunks, updated 3 min ago, 2.5 MB on disk', status: 'ok' }] }]);
    assert.deepEqual(doctorView({ roles: [], ok: true }).sections, []);
  });
});

describe('doctor page: the codebase index card', () => {
  it('renders the section after the roles, with its check', async () => {
    const { newWindow } = await import('../webview/dom');
    const { DoctorPage } = await import('../../../src/webview/doctor/doctorView');
    const win = newWindow('<!DOCTYPE html><html><body><p id="summary"></p><main id="roles"></main></body></html>');
    const page = new DoctorPage(win.document, { postMessage: () => undefined, getState: () => undefined, setState: () => undefined });
    page.receive({ type: 'report', view: doctorView({ roles: [], ok: true, codebase: codebaseReport(ready, NOW) }) });
    const card = win.document.querySelector('section[data-section="codebase"]');
    assert.equal(card?.querySelector('h2')?.textContent, 'Codebase index');
    assert.equal(card?.querySelector('li.check.ok')?.getAttribute('aria-label'), 'Index: ready: 1,234 files, 5,678 chunks, updated 3 min ago, 2.5 MB on disk (ok)');
  });
});

describe('doctor: the codebase index row with embeddings', () => {
  it('counts the chunks with vectors, and says why embedding stopped', () => {
    const base: CodebaseStatus = { state: 'ready', files: 10, chunks: 40, complete: true, folders: [] };
    assert.equal(codebaseSummary(codebaseReport({ ...base, vectors: 40 }, NOW)), 'ready: 10 files, 40 chunks, 40 with vectors');
    assert.equal(codebaseSummary(codebaseReport({ ...base, vectors: 12, embedError: 'model "nomic-embed-text" not found' }, NOW)), 'ready: 10 files, 40 chunks, 12 with vectors (embedding stopped: model "nomic-embed-text" not found)');
    assert.equal(codebaseSummary(codebaseReport(base, NOW)), 'ready: 10 files, 40 chunks', 'nothing about vectors while embeddings are off');
  });
});
