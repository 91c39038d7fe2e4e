/** Where "Apply" puts a code block: the selection, else the declaration the block rewrites, else the whole file. */
import assert from 'node:assert/strict';
import { declarationOffset, declaredName, planApply } from '../../../src/chat/applyTarget';

/** The offset of `name` inside the first occurrence of `context` in `text`. */
const at = (text: string, context: string, name: string): number => {
  const index = text.indexOf(context);
  assert.ok(index >= 0, `"${context}" is in the text`);
  return index + context.indexOf(name);
};

const TS_FILE = [
  "import { sum } from './sum';",
  '',
  'const total = mean([1, 2, 3]);',
  '',
  'export function mean(xs: number[]): number {',
  '  return sum(xs) / xs.length;',
  '}',
  '',
  'export class Stats {',
  '  constructor(private readonly xs: number[]) {}',
  '',
  '  median(): number {',
  '    return this.xs[0];',
  '  }',
  '',
  '  async load(id: string): Promise<void> {',
  '    await this.median();',
  '  }',
  '}',
  '',
  'export const add = (a: number, b: number) => a + b;',
].join('\n');

const PY_FILE = ['import math', '', 'print(area(2))', '', 'class Circle:', '    def area(self):', '        return math.pi * self.r ** 2', '', 'def area(r):', '    return math.pi * r * r', ''].join('\n');
const GO_FILE = ['package stats', '', 'func main() { fmt.Println(Sum(nil)) }', '', 'func Sum(xs []int) int {', '\treturn 0', '}', ''].join('\n');
const RUST_FILE = ['use std::fs;', '', 'fn main() { let p = parse("x"); }', '', 'pub fn parse(input: &str) -> Result<u32, String> {', '    Ok(1)', '}', ''].join('\n');

describe('chat: where Apply puts a code block', () => {
  describe('declaredName', () => {
    const cases: Array<[string, string, string]> = [
      ['TypeScript function', 'export function mean(xs: number[]): number {\n  return 0;\n}', 'mean'],
      ['async generator function', 'async function* walk(dir) {\n}', 'walk'],
      ['TypeScript class', 'export class Stats {\n  x = 1;\n}', 'Stats'],
      ['TypeScript method', '  median(): number {\n    return this.xs[1];\n  }', 'median'],
      ['async method with modifiers', '  private async load(id: string): Promise<void> {\n  }', 'load'],
      ['const arrow function', 'export const add = (a: number, b: number) => a + b;', 'add'],
      ['interface', 'interface Options {\n  a: string;\n}', 'Options'],
      ['Python def', 'def area(r):\n    return math.pi * r * r\n', 'area'],
      ['Python class', 'class Circle:\n    pass\n', 'Circle'],
      ['Go func', 'func Sum(xs []int) int {\n\treturn 0\n}', 'Sum'],
      ['Rust fn', 'pub fn parse(input: &str) -> Result<u32, String> {\n    Ok(1)\n}', 'parse'],
      ['Rust struct', 'pub struct Point {\n    x: i32,\n}', 'Point'],
      ['a comment before the declaration', '// Faster: one pass.\nfunction mean(xs) {\n  return 0;\n}', 'mean'],
    ];
    for (const [what, code, name] of cases) {
      it(`finds ${name} in a ${what}`, () => assert.equal(declaredName(code), name));
    }

    it('finds a Go method after its receiver', () => {
      assert.equal(declaredName('func (s *Stats) Mean() float64 {\n\treturn 0\n}'), 'Mean');
    });

    it('does not take words in comments for declarations', () => {
      assert.equal(declaredName('// This function computes the mean in one pass.\nfunction mean(xs) {\n  return 0;\n}'), 'mean');
      assert.equal(declaredName('# Keep the function pure: no globals.\ndef area(r):\n    return r\n'), 'area');
      assert.equal(declaredName('/**\n * Returns the type of a value.\n */\nexport function kindOf(v: unknown) {\n}'), 'kindOf');
      assert.equal(declaredName('  // let the caller decide\n  median(): number {\n    return 0;\n  }'), 'median');
      assert.equal(declaredName('#[derive(Debug)]\npub struct Point {\n    x: i32,\n}'), 'Point', 'a Rust attribute is not a comment');
      assert.equal(declaredName('const url = "http://example.com/a function b";'), 'url', '"//" in a URL is not a comment');
    });

    it('finds nothing in code that declares nothing, or only control flow', () => {
      assert.equal(declaredName('x + 1'), undefined);
      assert.equal(declaredName('console.log(mean([1, 2]));'), undefined);
      assert.equal(declaredName('if (ready) {\n  go();\n}'), undefined);
      assert.equal(declaredName('for (const x of xs) {\n}'), undefined);
      assert.equal(declaredName('while (true) {\n}'), undefined);
      assert.equal(declaredName(''), undefined);
    });
  });

  describe('declarationOffset', () => {
    it('finds a TypeScript function where it is declared, not where it is called first', () => {
      assert.equal(declarationOffset(TS_FILE, 'mean'), at(TS_FILE, 'export function mean(', 'mean'));
    });

    it('finds a class, a method, an async method and a const arrow function', () => {
      assert.equal(declarationOffset(TS_FILE, 'Stats'), at(TS_FILE, 'class Stats', 'Stats'));
      assert.equal(declarationOffset(TS_FILE, 'median'), at(TS_FILE, '  median(): number {', 'median'));
      assert.equal(declarationOffset(TS_FILE, 'load'), at(TS_FILE, 'async load(', 'load'));
      assert.equal(declarationOffset(TS_FILE, 'add'), at(TS_FILE, 'const add', 'add'));
    });

    it('finds a Python def and class (the first declaration of the name)', () => {
      assert.equal(declarationOffset(PY_FILE, 'Circle'), at(PY_FILE, 'class Circle', 'Circle'));
      assert.equal(declarationOffset(PY_FILE, 'area'), at(PY_FILE, '    def area(self)', 'area'));
    });

    it('finds a Go func and a Rust fn, not their call sites', () => {
      assert.equal(declarationOffset(GO_FILE, 'Sum'), at(GO_FILE, 'func Sum(', 'Sum'));
      assert.equal(declarationOffset(RUST_FILE, 'parse'), at(RUST_FILE, 'pub fn parse', 'parse'));
    });

    it('finds a Go method by its name, after the receiver', () => {
      const text = 'package s\n\nfunc (s *Stats) Mean() float64 {\n\treturn 1\n}\n';
      assert.equal(declarationOffset(text, 'Mean'), text.indexOf('Mean'));
    });

    it('skips a comment that mentions the declaration before it', () => {
      const text = '/** Like the function mean, but weighted. */\nexport function weighted(xs) {}\n\n// The class Stats is below.\nexport function mean(xs) {\n  return 1;\n}\n\nexport class Stats {}\n';
      assert.equal(declarationOffset(text, 'mean'), at(text, 'export function mean(', 'mean'));
      assert.equal(declarationOffset(text, 'Stats'), at(text, 'export class Stats', 'Stats'));
      const py = '# def area is the old name\ndef area(r):\n    return 1\n';
      assert.equal(declarationOffset(py, 'area'), at(py, 'def area(r)', 'area'));
    });

    it('matches whole names only, and is undefined for a name the file does not declare', () => {
      const text = 'function meanValue(xs) {\n  return mean2(xs);\n}\nconst x = mean(1);\n';
      assert.equal(declarationOffset(text, 'mean'), undefined);
      assert.equal(declarationOffset(TS_FILE, 'sum'), undefined, 'imported and called, never declared here');
      assert.equal(declarationOffset(TS_FILE, 'nothing'), undefined);
    });

    it('handles names with a $', () => {
      const text = 'const a = 1;\nfunction $get(x) {\n  return x;\n}\n';
      assert.equal(declarationOffset(text, '$get'), text.indexOf('$get'));
    });
  });

  describe('planApply', () => {
    it('uses the selection when there is one, even if the block declares something in the file', () => {
      const code = 'export function mean(xs: number[]): number {\n  return 1;\n}';
      assert.deepEqual(planApply(TS_FILE, { start: 3, end: 40 }, code), { kind: 'selection', start: 3, end: 40 });
    });

    it('ignores an empty selection (a cursor) and replaces the declaration the block rewrites', () => {
      const code = 'export function mean(xs: number[]): number {\n  return xs.reduce((s, x) => s + x, 0) / xs.length;\n}';
      assert.deepEqual(planApply(TS_FILE, { start: 10, end: 10 }, code), { kind: 'declaration', name: 'mean', offset: at(TS_FILE, 'export function mean(', 'mean') });
      assert.deepEqual(planApply(TS_FILE, undefined, code), { kind: 'declaration', name: 'mean', offset: at(TS_FILE, 'export function mean(', 'mean') });
    });

    it('finds the declaration in Python, Go and Rust files', () => {
      assert.deepEqual(planApply(PY_FILE, undefined, 'class Circle:\n    r = 1\n'), { kind: 'declaration', name: 'Circle', offset: at(PY_FILE, 'class Circle', 'Circle') });
      assert.deepEqual(planApply(GO_FILE, undefined, 'func Sum(xs []int) int {\n\treturn 1\n}'), { kind: 'declaration', name: 'Sum', offset: at(GO_FILE, 'func Sum(', 'Sum') });
      assert.deepEqual(planApply(RUST_FILE, undefined, 'fn parse(input: &str) -> Result<u32, String> {\n    Err(input.into())\n}'), {
        kind: 'declaration',
        name: 'parse',
        offset: at(RUST_FILE, 'pub fn parse', 'parse'),
      });
    });

    it('replaces the declaration when the block starts with a comment about it', () => {
      const code = '// This function now handles an empty list.\nexport function mean(xs: number[]): number {\n  return xs.length ? sum(xs) / xs.length : 0;\n}';
      assert.deepEqual(planApply(TS_FILE, undefined, code), { kind: 'declaration', name: 'mean', offset: at(TS_FILE, 'export function mean(', 'mean') });
    });

    it('falls back to the whole file when the block declares nothing, or something the file does not have', () => {
      assert.deepEqual(planApply(TS_FILE, undefined, 'mean([4, 5]);'), { kind: 'file' });
      assert.deepEqual(planApply(TS_FILE, undefined, 'function variance(xs) {\n  return 0;\n}'), { kind: 'file' });
      assert.deepEqual(planApply('', undefined, 'def area(r):\n    return 0\n'), { kind: 'file' });
    });
  });
});
