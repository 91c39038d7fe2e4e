import * as assert from 'node:assert/strict';
import { FORMATS } from '../../../src/nextEdit/formats/detect';
import { predictNextEdit } from '../../../src/nextEdit/pipeline';
import { relatedDefinitions } from '../../../src/nextEdit/related';
import { ScriptedNextEditModel } from '../../../src/nextEdit/scriptedModel';
import type { EditHunk } from '../../../src/nextEdit/types';
import { guardFiles } from '../../../src/privacy/guardFiles';
import { IgnoreRules } from '../../../src/privacy/ignoreRules';
import { MemoryFiles, testParsers } from '../context/helpers';

const SHAPES = 'export interface Point {\n  x: number;\n  y: number;\n}\n';
const SECRET = 'export function scale(p: Point, k: number): Point {\n  return { x: p.x * k, y: p.y * k }; // zebra_internal_scale\n}\n';
const before = ["import { Point } from './shapes';", "import { scale } from './internal/scale';", '', 'const a: Point = { x: 1, y: 2 };', 'const b = scale(a, 2);'];
const text = [...before];
text[3] = 'const a: Point = { x: 1, y: 2, z: 3 };';
const edit: EditHunk = { path: 'src/app.ts', startLine: 3, before: [before[3]], after: [text[3]], source: 'user' };
const document = { path: 'src/app.ts', languageId: 'typescript', text: text.join('\n') };

describe('next edit: definitions of imported names in the prompt', function () {
  this.timeout(30000);
  const parsers = testParsers();
  after(() => parsers.dispose());
  // src/internal/ is ignored: its definitions must never reach a prompt.
  const files = () => guardFiles(new MemoryFiles({ 'src/shapes.ts': SHAPES, 'src/internal/scale.ts': SECRET }), IgnoreRules.defaults().withFathomIgnore('src/internal/\n'));

  it('finds the imported definitions the code at the cursor uses, never from an ignored file, within the budget', async () => {
    const related = await relatedDefinitions(document, { line: 3, character: 10 }, files(), parsers);
    assert.ok(related.some((r) => r.path === 'src/shapes.ts' && r.text.includes('export interface Point {')), JSON.stringify(related));
    assert.ok(related.every((r) => r.path !== 'src/internal/scale.ts' && !r.text.includes('zebra_internal_scale')), JSON.stringify(related));
    const unguarded = await relatedDefinitions(document, { line: 4, character: 12 }, new MemoryFiles({ 'src/shapes.ts': SHAPES, 'src/internal/scale.ts': SECRET }), parsers);
    assert.ok(unguarded.some((r) => r.text.includes('zebra_internal_scale')), 'the control: without the rules the ignored file is found');
    const small = await relatedDefinitions(document, { line: 3, character: 10 }, files(), parsers, { budgetTokens: 1 });
    assert.deepEqual(small, []);
  });

  it('the generic prompt shows them under "Related definitions"; without them the prompt is as before', async () => {
    const related = await relatedDefinitions(document, { line: 3, character: 10 }, files(), parsers);
    const model = new ScriptedNextEditModel(FORMATS.generic, text, () => text);
    await predictNextEdit({ document, cursor: { line: 3, character: 10 }, history: [edit], related }, { backend: model, model: 'qwen2.5-coder:7b', maxRegions: 1 });
    const prompt = model.prompts[0];
    assert.match(prompt, /^Related definitions \(from other files, for reference; do not rewrite them\):\nsrc\/shapes\.ts:\n```typescript\nexport interface Point \{\n {2}x: number;/);
    assert.doesNotMatch(prompt, /zebra_internal_scale/);
    const plain = new ScriptedNextEditModel(FORMATS.generic, text, () => text);
    await predictNextEdit({ document, cursor: { line: 3, character: 10 }, history: [edit] }, { backend: plain, model: 'qwen2.5-coder:7b', maxRegions: 1 });
    assert.match(plain.prompts[0], /^Recent edits:\n/);
    assert.equal(prompt.slice(prompt.indexOf('Recent edits:')), plain.prompts[0]);
  });
});
