/**
 * Provider decisions read the registry (src/backends/providers.ts): outside src/backends/, no code compares a
 * provider id to a string literal — such a branch is what a third provider would silently fall through.
 */
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { PROVIDER_IDS } from '../../../src/backends/providers';

const SRC = resolve(__dirname, '../../../src');
/** The backends themselves (and the registry among them) may name their own id. */
const ALLOWED = join(SRC, 'backends');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

const ids = PROVIDER_IDS.join('|');
const literal = `['"\`](?:${ids})['"\`]`;
/** `x === 'ollama'`, `'openai' !== x`, `case 'ollama':` (loose equality too). */
const COMPARISON = new RegExp(`(?:[!=]==?\\s*${literal})|(?:${literal}\\s*[!=]==?)|(?:\\bcase\\s+${literal}\\s*:)`, 'g');

function providerComparisons(text: string): string[] {
  return text.split('\n').filter((line) => new RegExp(COMPARISON.source).test(line));
}

describe('architecture: no provider-id comparisons outside src/backends/', () => {
  it('catches the forms the rule is about, and not plain uses of an id', () => {
    const flagged = [
      "    unreachable: error.provider === 'ollama' ? 'startOllama' : 'openSettings',",
      "  if (provider !== 'ollama') return false;",
      '  return process.env.FATHOM_API_KEY || (provider === "openai" ? process.env.OPENAI_API_KEY : undefined);',
      "  if ('openai' == kind) x();",
      "    case 'ollama':",
    ];
    for (const line of flagged) assert.deepEqual(providerComparisons(line), [line], line);
    const allowed = ["  'completion.provider': 'ollama',", "  ollama: { provider: 'ollama', local: true },", "if (kind === 'ollamaish') x();", "const k = PROVIDERS.ollama;"];
    for (const line of allowed) assert.deepEqual(providerComparisons(line), [], line);
  });

  const files = sourceFiles(SRC).filter((f) => !f.startsWith(ALLOWED + '/'));
  it('has files to check', () => assert.ok(files.length >= 20, `only ${files.length} files found under ${SRC}`));

  it('finds none: branch on a registry field (providerEntry(id).capabilities…) instead', () => {
    const found = files.flatMap((file) => providerComparisons(readFileSync(file, 'utf8')).map((line) => `${relative(SRC, file)}: ${line.trim()}`));
    assert.deepEqual(found, []);
  });
});
