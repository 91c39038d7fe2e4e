import * as assert from 'node:assert/strict';
import { ScriptedBackend } from '../../../src/backends/scripted';
import type { ChatRequest, CompletionRequest } from '../../../src/backends/types';
import { FORMATS } from '../../../src/nextEdit/formats/detect';
import { predictNextEdit, type NextEditDeps, type NextEditInput } from '../../../src/nextEdit/pipeline';
import type { EditHunk } from '../../../src/nextEdit/types';
import { parsers } from './helpers';

/** A model that answers a Zeta prompt by transforming the region the prompt shows. */
class TransformModel extends ScriptedBackend {
  calls = 0;
  constructor(private readonly transform: (region: string[]) => string[]) {
    super('');
  }
  override streamCompletion(request: CompletionRequest): AsyncIterable<string> {
    this.calls++;
    const shown = FORMATS.zeta.read(request.prompt)!;
    this.setScript(FORMATS.zeta.answer(this.transform(shown.region), shown));
    return super.streamCompletion(request);
  }
  override streamChat(request: ChatRequest): AsyncIterable<string> {
    return super.streamChat(request);
  }
}

const text = ['function f(total) {', '  const a = total + 1;', '  return total * a;', '}'].join('\n');
const userEdit: EditHunk = { path: 'f.ts', startLine: 0, before: ['function f(sum) {'], after: ['function f(total) {'], source: 'user' };
const input: NextEditInput = { document: { path: 'f.ts', languageId: 'typescript', text: text.replace(/total \+|total \*/g, (m) => m.replace('total', 'sum')) }, cursor: { line: 0, character: 16 }, history: [userEdit] };

async function run(transform: (region: string[]) => string[], extra: Partial<NextEditDeps> = {}) {
  const backend = new TransformModel(transform);
  const language = await parsers.language('typescript');
  const tree = parsers.parse(language!, input.document.text);
  try {
    const result = await predictNextEdit(input, { backend, model: 'zeta', syntax: { language: language!, parse: (l, t, old) => parsers.parse(l, t, old), tree }, maxRegions: 1, ...extra });
    return { result, calls: backend.calls };
  } finally {
    tree?.delete();
  }
}

describe('next edit: post-processing drops', function () {
  this.timeout(30000);

  it('keeps a right suggestion: the remaining uses renamed', async () => {
    const { result } = await run((r) => r.map((l) => l.replace(/\bsum\b/g, 'total')));
    assert.equal(result.dropped, undefined);
    assert.deepEqual(result.edits, [{ startLine: 1, endLine: 2, text: '  const a = total + 1;\n  return total * a;' }]);
  });

  it('drops a suggestion that only changes whitespace', async () => {
    const { result } = await run((r) => r.map((l) => l.replace(/^ {2}/, '    ')));
    assert.deepEqual([result.edits, result.dropped], [[], 'whitespace-only']);
  });

  it('drops a suggestion that undoes the user\'s last edit', async () => {
    const { result } = await run((r) => r.map((l) => l.replace('function f(total)', 'function f(sum)')));
    assert.deepEqual([result.edits, result.dropped], [[], 'undoes-last-edit']);
  });

  it('drops a suggestion that rewrites more than a bounded share of the region', async () => {
    const { result } = await run((r) => r.map((_l, i) => `  console.log("entirely different line number ${i}", Math.random() * ${i});`));
    assert.deepEqual([result.edits, result.dropped], [[], 'rewrites-too-much']);
  });

  it('drops a suggestion that adds parse errors in the region', async () => {
    const { result } = await run((r) => r.map((l) => l.replace('return sum * a;', 'return total * (a;')));
    assert.deepEqual([result.edits, result.dropped], [[], 'adds-parse-errors']);
  });

  it('asks nothing for an ignored file', async () => {
    const { result, calls } = await run((r) => r, { isIgnored: (p) => p === 'f.ts' });
    assert.deepEqual([result.edits, result.dropped, calls], [[], 'ignored-file', 0]);
  });

  it('shows nothing for an answer without the format\'s shape', async () => {
    const backend = new ScriptedBackend('I think you should rename it.');
    const result = await predictNextEdit(input, { backend, model: 'zeta' });
    assert.deepEqual([result.edits, result.dropped], [[], 'unparseable-answer']);
  });

  it('a fence the model closed without the end marker is not taken for code', async () => {
    const backend = new ScriptedBackend('```f.ts\n<|editable_region_start|>\nfunction f(total) {\n  const a = total + 1;\n  return total * a;\n```');
    const result = await predictNextEdit({ ...input, visited: [] }, { backend, model: 'zeta', maxRegions: 1 });
    assert.deepEqual(result.edits, [{ startLine: 1, endLine: 2, text: '  const a = total + 1;\n  return total * a;' }]);
  });

  it('tries the next region when the model leaves one unchanged, and reports every region tried', async () => {
    const lines = ['function gRenamed() {}', ...Array.from({ length: 80 }, (_, i) => `// g is mentioned ${i}`), 'g();'];
    let calls = 0;
    const backend = new (class extends TransformModel {})((r) => {
      calls++;
      return r.map((l) => (l === 'g();' ? 'gRenamed();' : l));
    });
    const doc: NextEditInput = { document: { path: 'g.js', languageId: 'javascript', text: lines.join('\n') }, cursor: { line: 0, character: 17 }, history: [{ path: 'g.js', startLine: 0, before: ['function g() {}'], after: [lines[0]], source: 'user' }] };
    const result = await predictNextEdit(doc, { backend, model: 'zeta' });
    assert.deepEqual(result.edits, [{ startLine: 81, endLine: 81, text: 'gRenamed();' }]);
    assert.equal(calls, result.tried.length);
    assert.ok(result.tried.length >= 1);
  });

  it('stops when aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const backend = new ScriptedBackend('```f.ts\n<|editable_region_start|>\nx\n<|editable_region_end|>\n```');
    await assert.rejects(predictNextEdit({ ...input, signal: controller.signal }, { backend, model: 'zeta' }), /cancel/i);
  });
});

describe('next edit: rule helpers', () => {
  it('a change of names only skips the parse check; a change of structure does not', async () => {
    const { onlyNamesChange, rewriteShare } = await import('../../../src/nextEdit/filters');
    const { diffLines } = await import('../../../src/nextEdit/lineDiff');
    const old = ['  return sum * a;', '  f(x);'];
    assert.equal(onlyNamesChange(diffLines(old, ['  return total * a;', '  f(x);']), old), true);
    assert.equal(onlyNamesChange(diffLines(old, ['  return sum * a;', '  f(x, y);']), old), false);
    assert.equal(onlyNamesChange(diffLines(old, ['  return sum * a;']), old), false);
    const renamed = ['  return total * a;', '  f(x);'];
    assert.ok(rewriteShare(diffLines(old, renamed), old, renamed).share < 0.2);
  });

  it('the scripted model places a region by its lines and the lines shown above it', async () => {
    const { placeRegion } = await import('../../../src/nextEdit/scriptedModel');
    const lines = ['a()', 'x = 1', 'b()', 'x = 1'];
    assert.equal(placeRegion(lines, { path: 'p', before: ['b()'], region: ['x = 1'] }), 3);
    assert.equal(placeRegion(lines, { path: 'p', before: ['a()'], region: ['x = 1'] }), 1);
    assert.equal(placeRegion(lines, { path: 'p', before: [], region: ['nowhere'] }), undefined);
  });
});
