import * as assert from 'node:assert/strict';
import { fitSnippets, snippetTokens } from '../../../src/context/fitSnippets';
import type { SnippetCandidate } from '../../../src/context/snippets/snippet';
import { mergeCandidates } from '../../../src/context/rank';

function candidate(path: string, score: number, ...texts: string[]): SnippetCandidate {
  return { path, source: 'imports', score, forms: texts.map((text, i) => ({ text, startLine: 10 * i + 1, endLine: 10 * i + text.split('\n').length })) };
}

const LONG = Array.from({ length: 60 }, (_, i) => `  member${i}(value: number): number;`).join('\n');

describe('context: fitting snippets into the token budget', () => {
  it('never exceeds the budget, counting each snippet as the prompt writes it (a comment headed by its path)', () => {
    const candidates = Array.from({ length: 30 }, (_, i) => candidate(`f${i}.ts`, 1 - i / 100, `export const value${i} = ${i};`));
    for (const budget of [0, 7, 50, 200, 1024]) {
      const { snippets, tokens } = fitSnippets(candidates, budget, 'typescript');
      assert.ok(tokens <= budget, `${tokens} > ${budget}`);
      assert.equal(tokens, snippets.reduce((sum, s) => sum + snippetTokens(s, 'typescript'), 0));
    }
  });

  it('takes the best first, each in the richest form within its share', () => {
    const big = candidate('big.ts', 0.9, `export class Big {\n${LONG}\n}`, 'export class Big {\n  member0(value: number): number;\n  ...\n}', 'export class Big {');
    const small = candidate('small.ts', 0.5, 'export const SMALL = 1;');
    const { snippets } = fitSnippets([small, big], 300, 'typescript');
    assert.deepEqual(snippets.map((s) => s.path), ['big.ts', 'small.ts']);
    assert.equal(snippets[0].text, 'export class Big {\n  member0(value: number): number;\n  ...\n}', 'the whole class is over the first snippet\'s share');
  });

  it('falls back to the briefest form, and skips what does not fit at all', () => {
    const huge = candidate('huge.ts', 0.9, LONG, LONG);
    const brief = candidate('brief.ts', 0.8, LONG, 'export interface Brief {}');
    const { snippets } = fitSnippets([huge, brief], 40, 'typescript');
    assert.deepEqual(snippets.map((s) => s.text), ['export interface Brief {}']);
  });

  it('keeps one of two overlapping snippets of the same file and retriever', () => {
    const a = candidate('a.ts', 0.9, 'line one\nline two');
    const b = { ...candidate('a.ts', 0.8, 'line two\nline three'), forms: [{ text: 'line two\nline three', startLine: 2, endLine: 3 }] };
    assert.equal(fitSnippets([a, b], 500, 'typescript').snippets.length, 1);
  });

  it('merges a definition reached under two names into one candidate with a better score', () => {
    const merged = mergeCandidates([candidate('a.ts', 0.5, 'x'), candidate('a.ts', 0.4, 'x'), { ...candidate('s.ts', 0.9, 'y'), source: 'similar' }]);
    assert.equal(merged.length, 2);
    assert.equal(merged[0].path, 'a.ts');
    assert.ok(merged[0].score > 0.5);
    assert.ok(merged[1].score < 0.9, 'a similar window weighs less than a definition');
  });
});
