/**
 * Parse speed: web-tree-sitter (what the extension ships) beside the native `tree-sitter` Node binding
 * (the reference only, never in the extension), on the same real files: a full parse, and an incremental
 * re-parse after a one-character edit in the middle of the file.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Parser as WasmParser, type Tree as WasmTree } from 'web-tree-sitter';
import { Parsers } from '../src/syntax/parsers';
import { devGrammar } from '../test/unit/syntax/grammars';
import { SHARED_BENCH, quantile, type BenchRow, type BenchSection } from './report';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const NativeParser = require('tree-sitter');
const nativeGrammar: Record<string, () => unknown> = {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  python: () => require('tree-sitter-python'),
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  javascript: () => require('tree-sitter-javascript'),
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  typescript: () => require('tree-sitter-typescript').typescript,
};

const ROOT = join(__dirname, '..');
const FILES: { languageId: string; path: string }[] = [
  { languageId: 'python', path: join(SHARED_BENCH, 'context.jsonl.trees/email/_header_value_parser.py') },
  { languageId: 'javascript', path: join(SHARED_BENCH, 'context.jsonl.trees/three/renderers/WebGLRenderer.js') },
  { languageId: 'typescript', path: join(ROOT, 'node_modules/typescript/lib/typescript.d.ts') },
  { languageId: 'typescript', path: join(ROOT, 'node_modules/typescript/lib/lib.dom.d.ts') },
];
const RUNS = 7;

interface Edit {
  startIndex: number;
  oldEndIndex: number;
  newEndIndex: number;
  startPosition: { row: number; column: number };
  oldEndPosition: { row: number; column: number };
  newEndPosition: { row: number; column: number };
}

/** Inserts one character in the middle of the file, at the start of a line (a typical keystroke's edit). */
function oneCharEdit(text: string): { edited: string; edit: Edit } {
  const at = text.indexOf('\n', Math.floor(text.length / 2)) + 1;
  const row = text.slice(0, at).split('\n').length - 1;
  const edited = text.slice(0, at) + ' ' + text.slice(at);
  const p = { row, column: 0 };
  return { edited, edit: { startIndex: at, oldEndIndex: at, newEndIndex: at + 1, startPosition: p, oldEndPosition: p, newEndPosition: { row, column: 1 } } };
}

function time(fn: () => void): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

export async function run(): Promise<BenchSection> {
  const parsers = new Parsers(devGrammar);
  const rows: BenchRow[] = [];
  const details: unknown[] = [];
  for (const file of FILES) {
    const text = readFileSync(file.path, 'utf8');
    const lines = text.split('\n').length;
    const name = `${file.path.split('/').slice(-1)[0]} (${lines} lines)`;
    const { edited, edit } = oneCharEdit(text);

    const language = await parsers.language(file.languageId);
    const wasm = new WasmParser();
    wasm.setLanguage(language!);
    const wasmFull: number[] = [];
    const wasmIncr: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      let tree: WasmTree | null = null;
      wasmFull.push(time(() => (tree = wasm.parse(text))));
      const base = tree as unknown as WasmTree;
      base.edit(edit);
      let next: WasmTree | null = null;
      wasmIncr.push(time(() => (next = wasm.parse(edited, base))));
      (next as unknown as WasmTree | null)?.delete();
      base.delete();
    }
    wasm.delete();

    const native = new NativeParser();
    native.setLanguage(nativeGrammar[file.languageId]());
    const nativeFull: number[] = [];
    const nativeIncr: number[] = [];
    const bufferSize = Math.max(32 * 1024, text.length * 2 + 1024);
    for (let i = 0; i < RUNS; i++) {
      let tree: { edit(e: Edit): void } | undefined;
      nativeFull.push(time(() => (tree = native.parse(text, undefined, { bufferSize }))));
      tree!.edit(edit);
      nativeIncr.push(time(() => native.parse(edited, tree, { bufferSize })));
    }

    const med = (v: number[]) => Math.round(quantile(v, 0.5) * 100) / 100;
    rows.push(
      { metric: `${name}: full parse, web-tree-sitter`, value: med(wasmFull), unit: ' ms' },
      { metric: `${name}: full parse, native (reference)`, value: med(nativeFull), unit: ' ms' },
      { metric: `${name}: re-parse after 1-char edit, web-tree-sitter`, value: med(wasmIncr), unit: ' ms' },
      { metric: `${name}: re-parse after 1-char edit, native (reference)`, value: med(nativeIncr), unit: ' ms' },
    );
    details.push({ file: file.path, lines, chars: text.length, wasmFull, wasmIncr, nativeFull, nativeIncr });
  }
  parsers.dispose();
  return { title: 'Parse speed (median of 7 runs)', rows, details };
}
