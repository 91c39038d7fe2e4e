import * as assert from 'node:assert/strict';
import { StatusModel, type StatusSnapshot } from '../../../src/status/statusModel';

describe('StatusModel', () => {
  it('is idle, then working while something runs, then idle again', () => {
    const m = new StatusModel();
    assert.equal(m.snapshot().state, 'idle');
    const end = m.begin('completing');
    assert.deepEqual(m.snapshot(), { state: 'working', activities: ['completing'], reason: undefined });
    end();
    assert.equal(m.snapshot().state, 'idle');
  });

  it('stays working until the last of overlapping work ends', () => {
    const m = new StatusModel();
    const a = m.begin('completing');
    const b = m.begin('explaining');
    assert.deepEqual(m.snapshot().activities, ['explaining', 'completing']);
    a();
    assert.equal(m.snapshot().state, 'working');
    b();
    assert.equal(m.snapshot().state, 'idle');
  });

  it('shows an error with its reason until the next success', () => {
    const m = new StatusModel();
    m.begin('completing')({ error: 'Ollama is not reachable' });
    assert.deepEqual(m.snapshot(), { state: 'error', reason: 'Ollama is not reachable', activities: [] });
    m.begin('completing')();
    assert.equal(m.snapshot().state, 'idle');
  });

  it('ending twice counts once', () => {
    const m = new StatusModel();
    const a = m.begin('a');
    m.begin('b');
    a();
    a();
    assert.equal(m.snapshot().state, 'working');
  });

  it('disabled wins over everything and says why', () => {
    const m = new StatusModel();
    m.fail('boom');
    m.begin('x');
    m.setDisabled('completions are turned off');
    assert.equal(m.snapshot().state, 'disabled');
    assert.equal(m.snapshot().reason, 'completions are turned off');
    m.setDisabled(undefined);
    assert.equal(m.snapshot().state, 'working');
  });

  it('tells listeners about each change, and stops after dispose', () => {
    const m = new StatusModel();
    const seen: StatusSnapshot['state'][] = [];
    const sub = m.onChange((s) => seen.push(s.state));
    const end = m.begin('x');
    end({ error: 'e' });
    m.clearError();
    sub.dispose();
    m.fail('later');
    assert.deepEqual(seen, ['working', 'error', 'idle']);
  });

  it('says which role failed (roles may use different servers), and forgets it with the error', () => {
    const m = new StatusModel();
    m.begin('explaining', 'chat')({ error: 'Ollama is not reachable at http://gpu-box:11434' });
    assert.deepEqual(m.snapshot(), { state: 'error', reason: 'Ollama is not reachable at http://gpu-box:11434', failedRole: 'chat', activities: [] });
    m.begin('completing', 'completion')();
    assert.equal(m.snapshot().failedRole, undefined);
    m.fail('bad template', 'completion');
    assert.equal(m.snapshot().failedRole, 'completion');
    m.clearError();
    assert.deepEqual(m.snapshot(), { state: 'idle', activities: [] });
  });
});
