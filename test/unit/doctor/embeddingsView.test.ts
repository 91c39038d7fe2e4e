import * as assert from 'node:assert/strict';
import { EMBEDDINGS_OFF } from '../../../src/doctor/embeddingsProbe';
import { doctorView } from '../../../src/doctor/view';

describe('doctor view: the embeddings card', () => {
  it('off is a skipped check that says search is lexical, not a problem', () => {
    const view = doctorView({ roles: [], ok: true, embeddings: { state: 'off', note: EMBEDDINGS_OFF } });
    assert.deepEqual(view.sections, [{ id: 'embeddings', title: 'Embeddings (codebase search)', checks: [{ label: 'Embeddings', detail: EMBEDDINGS_OFF, status: 'skip' }] }]);
    assert.equal(view.summary, 'All checks passed: Fathom is ready.');
  });

  it('a working model shows its server, dimensions and time', () => {
    const view = doctorView({ roles: [], ok: true, embeddings: { state: 'ok', provider: 'ollama', baseUrl: 'http://127.0.0.1:11434', model: 'nomic-embed-text', dimensions: 768, ms: 42 } });
    const [check] = view.sections[0].checks;
    assert.equal(check.status, 'ok');
    assert.equal(check.detail, 'embeddings: Ollama at http://127.0.0.1:11434, model nomic-embed-text — embeds: 768 dimensions, 42 ms for one chunk');
  });

  it('a failing model is a failed check and counts as a problem in the summary', () => {
    const view = doctorView({ roles: [], ok: false, embeddings: { state: 'failed', provider: 'ollama', baseUrl: 'http://127.0.0.1:11434', model: 'nomic-embed-text', problem: { message: 'Model "nomic-embed-text" is not installed.', fix: 'pullModel' } } });
    assert.equal(view.sections[0].checks[0].status, 'fail');
    assert.match(view.sections[0].checks[0].detail, /is not installed\. \(codebase search stays lexical until this is fixed\)$/);
    assert.equal(view.summary, '1 problem found. Each has a button that fixes it; then run the checks again.');
  });
});
