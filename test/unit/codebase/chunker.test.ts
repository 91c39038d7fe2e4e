import * as assert from 'node:assert/strict';
import { chunkFile } from '../../../src/codebase/chunker';
import type { ChunkWithText } from '../../../src/codebase/chunk';
import { Parsers } from '../../../src/syntax/parsers';
import { devGrammar } from '../syntax/grammars';

describe('codebase: chunker', function () {
  this.timeout(20000);
  const parsers = new Parsers(devGrammar);
  after(() => parsers.dispose());

  async function chunks(languageId: string, path: string, text: string): Promise<ChunkWithText[]> {
    const tree = await parsers.parseText(languageId, text);
    try {
      return chunkFile(path, text, tree);
    } finally {
      tree?.delete();
    }
  }
  const brief = (cs: ChunkWithText[]) => cs.map((c) => `${c.startLine}-${c.endLine} ${c.kind} ${c.container}${c.container ? '.' : ''}${c.symbol}`);

  it('TypeScript: one chunk per function with its doc comment; top-level code between them; arrow functions too', async () => {
    const text = [
      "import { x } from './x';", // 1
      '', // 2
      '/** Adds two numbers. */', // 3
      'export function add(a: number, b: number): number {', // 4
      '  return a + b;', // 5
      '}', // 6
      '', // 7
      'const LIMIT = 3;', // 8
      '', // 9
      'export const twice = (n: number) => {', // 10
      '  return n * 2;', // 11
      '};', // 12
    ].join('\n');
    assert.deepEqual(brief(await chunks('typescript', 'src/math.ts', text)), ['1-1 code ', '3-6 function add', '8-8 code ', '10-12 function twice']);
  });

  it('TypeScript: comments stacked right above a function are its own; one a blank line above is not', async () => {
    const text = [
      '// Stray note.', // 1
      '', // 2
      '// First line of the doc.', // 3
      '/** Second part. */', // 4
      'function a() {', // 5
      '  return 1;', // 6
      '}', // 7
      '// Right above b.', // 8
      'function b() {}', // 9
    ].join('\n');
    assert.deepEqual(brief(await chunks('typescript', 'src/a.ts', text)), ['1-1 code ', '3-7 function a', '8-9 function b']);
  });

  it('TypeScript: overload signatures (each with its doc comment) and their implementation are one chunk', async () => {
    const text = [
      '/** Reads one attribute. */', // 1
      'export function attr(name: string): string;', // 2
      '/** Reads all attributes. */', // 3
      'export function attr(): Record<string, string>;', // 4
      'export function attr(name?: string): unknown {', // 5
      '  return name;', // 6
      '}', // 7
      '', // 8
      'export function other(): void {}', // 9
    ].join('\n');
    assert.deepEqual(brief(await chunks('typescript', 'src/attr.ts', text)), ['1-7 function attr', '9-9 function other']);
  });

  it('TypeScript: a big class is split into a header chunk and its methods, named by the class', async () => {
    const methods = Array.from({ length: 4 }, (_, i) => [`  /** Method ${i}. */`, `  method${i}(): number {`, '    const a = 1;', '    const b = 2;', `    return a + b + ${i};`, '  }', ''].join('\n'));
    const text = ['export class Store {', '  private items: string[] = [];', '', ...methods, '}', ''].join('\n');
    const out = await chunks('typescript', 'src/store.ts', text);
    assert.deepEqual(brief(out), ['1-2 header Store', '4-9 function Store.method0', '11-16 function Store.method1', '18-23 function Store.method2', '25-30 function Store.method3']);
    assert.equal(out[1].text.split('\n')[0], '  /** Method 0. */');
  });

  it('a short class is one chunk that lists the methods it defines as its members (Python and TypeScript)', async () => {
    const py = await chunks('python', 'http/client.py', ['class HTTPMessage:', '    def getallmatchingheaders(self, name):', '        return [line for line in self.lines if line.startswith(name)]', '', '    def close(self):', '        self.fp = None', ''].join('\n'));
    assert.deepEqual(brief(py), ['1-6 class HTTPMessage']);
    assert.deepEqual(py[0].members, ['getallmatchingheaders', 'close']);
    const ts = await chunks('typescript', 'src/point.ts', ['export class Point {', '  constructor(readonly x: number) {}', '  /** The distance to the origin. */', '  norm(): number {', '    return Math.abs(this.x);', '  }', '}', ''].join('\n'));
    assert.deepEqual(brief(ts), ['1-7 class Point']);
    assert.deepEqual(ts[0].members, ['constructor', 'norm']);
    const fn = await chunks('typescript', 'src/f.ts', 'export function outer() {\n  function inner() {}\n  return inner;\n}\n');
    assert.equal(fn[0].members, undefined, 'a function lists no members');
  });

  it("keeps each function's parameter list as written, without the receiver; a class has none", async () => {
    const params = (cs: ChunkWithText[]) => cs.map((c) => `${c.symbol}: ${c.params ?? '-'}`);
    const py = await chunks('python', 'net/io.py', ['def copy(src, dst, *, follow_symlinks=True):', '    pass', '', '', 'class Reader:', '    def read(self, size: int = -1):', '        pass', '', '    @classmethod', '    def open(cls, path):', '        pass', ''].join('\n'));
    assert.deepEqual(params(py), ['copy: (src, dst, *, follow_symlinks=True)', 'Reader: -']);
    assert.deepEqual(py[1].members, ['read', 'open']);
    const methods = await chunks('python', 'net/big.py', ['class Reader:', ...Array.from({ length: 22 }, (_, i) => `    x${i} = ${i}`), '    def read(self, size: int = -1):', '        pass', '', '    @classmethod', '    def open(cls, path):', '        pass', ''].join('\n'));
    assert.deepEqual(params(methods), ['Reader: -', 'read: ( , size: int = -1)', 'open: ( , path)']);
    const ts = await chunks('typescript', 'src/a.ts', ['export function fetchUser(id: string, options?: RequestOptions): Promise<User> {', '  return get(id, options);', '}', 'export const toRgb = (hex: string) => parse(hex);', 'const square = n => n * n;', 'function none() {}', ''].join('\n'));
    assert.deepEqual(params(ts), ['fetchUser: (id: string, options?: RequestOptions)', 'toRgb: (hex: string)', 'square: n', 'none: ()']);
    const c = await chunks('c', 'src/list.c', 'static int list_push(struct list *list, void *item) {\n  return 0;\n}\n');
    assert.deepEqual(params(c), ['list_push: (struct list *list, void *item)']);
  });

  it("a long function's header chunk (split around its nested definitions) keeps the function's parameters", async () => {
    const inner = Array.from({ length: 3 }, (_, i) => [`  function step${i}(n: number) {`, ...Array.from({ length: 20 }, (_, j) => `    n += ${j};`), '    return n;', '  }'].join('\n'));
    const out = await chunks('typescript', 'src/pipeline.ts', ['export function pipeline(input: number[], limit: number) {', '  const seen = new Set<number>();', ...inner, '  return input.map(step0);', '}', ''].join('\n'));
    assert.equal(out[0].kind, 'header');
    assert.equal(out[0].params, '(input: number[], limit: number)');
    assert.equal(out[1].params, '(n: number)');
  });

  it('Python: functions, methods of a big class, decorators and comments above included; module code in windows', async () => {
    const body = Array.from({ length: 6 }, (_, i) => `        x${i} = ${i}`).join('\n');
    const text = [
      'import os', // 1
      '', // 2
      '# Reads a file.', // 3
      'def read(path):', // 4
      '    """Read it."""', // 5
      '    return open(path).read()', // 6
      '', // 7
      'class Loader:', // 8
      '    """Loads things."""', // 9
      '', // 10
      '    @staticmethod', // 11
      '    def first(a):', // 12
      body, // 13-18
      '        return a', // 19
      '', // 20
      '    def second(self):', // 21
      body, // 22-27
      '        return self', // 28
      '', // 29
      'print(read("x"))', // 30
    ].join('\n');
    assert.deepEqual(brief(await chunks('python', 'pkg/loader.py', text)), ['1-1 code ', '3-6 function read', '8-9 header Loader', '11-19 function Loader.first', '21-28 function Loader.second', '30-30 code ']);
  });

  it("Go: a method is named by its receiver's type, as a class around it would name it (pointer and generic receivers too)", async () => {
    const text = [
      'package server',
      '',
      '// NewServer creates a server.',
      'func NewServer(addr string) *Server {',
      '\treturn &Server{addr: addr}',
      '}',
      '',
      '// Handle registers a handler for the pattern.',
      'func (s *Server) Handle(pattern string, h Handler) {',
      '\ts.mux.Handle(pattern, h)',
      '}',
      '',
      'func (l List[T]) Len() int { return len(l.items) }',
      '',
      'func (Options) Defaults() Options { return Options{} }',
      '',
    ].join('\n');
    const out = await chunks('go', 'server/server.go', text);
    assert.deepEqual(brief(out), ['1-1 code ', '3-6 function NewServer', '8-11 function Server.Handle', '13-13 function List.Len', '15-15 function Options.Defaults']);
    assert.equal(out[2].params, '(pattern string, h Handler)', 'the receiver is not a parameter');
  });

  it('a language without a grammar is cut into 40-line windows, blank windows dropped', async () => {
    const text = [...Array.from({ length: 50 }, (_, i) => `line ${i + 1}`), ...Array.from({ length: 45 }, () => '')].join('\n');
    const out = chunkFile('notes/todo.txt', text, undefined);
    assert.deepEqual(brief(out), ['1-40 lines ', '41-50 lines ']);
  });
});
