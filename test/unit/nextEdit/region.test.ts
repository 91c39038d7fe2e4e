import * as assert from 'node:assert/strict';
import { lineIntent } from '../../../src/nextEdit/editIntent';
import { findPlaces } from '../../../src/nextEdit/places';
import { chooseRegion, MAX_REGION_LINES } from '../../../src/nextEdit/region';
import type { LineRange } from '../../../src/nextEdit/types';
import { parsers } from './helpers';

/** The region of the first request for an edit at `line` (before → the line as it is in `lines`). */
async function regionFor(languageId: string, lines: string[], line: number, before: string, visited: LineRange[] = [], useTree = true): Promise<LineRange | undefined> {
  const tree = useTree ? await parsers.parseText(languageId, lines.join('\n')) : undefined;
  try {
    const intent = lineIntent(line, before, lines[line])!;
    const places = findPlaces(lines, intent, tree);
    return chooseRegion({ lineCount: lines.length, cursor: { line, character: intent.character }, places, visited });
  } finally {
    tree?.delete();
  }
}

const filler = (n: number, prefix = '// filler') => Array.from({ length: n }, (_, i) => `${prefix} ${i}`);

describe('next edit: editable region selection', function () {
  this.timeout(30000);

  it('a local renamed at its declaration: the region covers its other uses in the function, not a namesake far below', async () => {
    const lines = [
      'function area(w: number, height: number) {',
      '  const h = 2;',
      ...filler(20, '  //'),
      '  return w * height + h;',
      '}',
      ...filler(80),
      'function other(height: number) { return height; }',
    ];
    lines[1] = '  const h = 2;';
    // The user renamed `height` to `hgt` in the parameter list.
    lines[0] = 'function area(w: number, hgt: number) {';
    const region = await regionFor('typescript', lines, 0, 'function area(w: number, height: number) {');
    assert.deepEqual(region, { startLine: 0, endLine: 22 });
  });

  it('a function renamed at its definition: the region moves to the call sites, far from the cursor', async () => {
    const lines = ['function fetchUserRenamed(id) {', '  return id;', '}', ...filler(100), 'const a = fetchUser(1);', 'const b = fetchUser(2);'];
    const region = await regionFor('javascript', lines, 0, 'function fetchUser(id) {');
    assert.deepEqual(region, { startLine: 103, endLine: 104 });
  });

  it('a parameter added: the region takes in a call spread over lines up to its closing parenthesis', async () => {
    const lines = ['def load(path, mode, extra):', '    return path', ...filler(70, '#'), 'data = load(', '    "a.txt",', '    "r",', ')', 'print(data)'];
    const region = await regionFor('python', lines, 0, 'def load(path, mode):');
    assert.deepEqual(region, { startLine: 72, endLine: 75 });
  });

  it('without a syntax tree the call is found from the text (its first line)', async () => {
    const lines = ['function add(a, b, c) {', '  return a + b;', '}', ...filler(70), 'add(1, 2);'];
    const region = await regionFor('javascript', lines, 0, 'function add(a, b) {', [], false);
    assert.deepEqual(region, { startLine: 73, endLine: 73 });
  });

  it('a repeated edit: the run of alike lines below the edit is in the region', async () => {
    const lines = ['class A {', '  constructor(a, b, c) {', '    this._a = a;', '    this.b = b;', '    this.c = c;', '  }', '}', ...filler(40), 'use(x.a);'];
    const region = await regionFor('javascript', lines, 2, '    this.a = a;');
    assert.ok(region && region.startLine <= 3 && region.endLine >= 4, JSON.stringify(region));
  });

  it('a variable renamed beside a member of the same name (`self.policy = policy`): its declaration, not the member\'s uses', async () => {
    const lines = ['class P:', '    def __init__(self, policy=None):', ...filler(20, '        #'), '        self.policy = policy_value', '', ...filler(50, '    #'), '    def other(self):', '        return self.policy'];
    const region = await regionFor('python', lines, 22, '        self.policy = policy');
    assert.ok(region && region.startLine <= 1 && region.endLine >= 22 && region.endLine < 70, JSON.stringify(region));
  });

  it('a method renamed at its definition: `self.name(…)` calls are its places', async () => {
    const lines = ['class P:', '    def load_all(self):', '        pass', ...filler(70, '    #'), '    def run(self):', '        self.load()'];
    const region = await regionFor('python', lines, 1, '    def load(self):');
    assert.deepEqual(region, { startLine: 74, endLine: 74 });
  });

  it('mentions in comments and strings come after uses in code', async () => {
    const lines = ['def run(limit_value):', '    """Runs until limit is hit."""', '    # limit is the maximum', ...filler(70, '    #'), '    return limit + 1'];
    const region = await regionFor('python', lines, 0, 'def run(limit):');
    assert.ok(region && region.endLine === lines.length - 1 && region.endLine - region.startLine < MAX_REGION_LINES, JSON.stringify(region));
  });

  it('visited regions are not offered again; with nothing left, the lines below the cursor\'s, then no region', async () => {
    const lines = ['function fRenamed() {}', ...filler(100), 'f();', ...filler(100), 'f();'];
    const first = await regionFor('javascript', lines, 0, 'function f() {}');
    assert.deepEqual(first, { startLine: 101, endLine: 101 });
    const second = await regionFor('javascript', lines, 0, 'function f() {}', [first!]);
    assert.deepEqual(second, { startLine: 202, endLine: 202 });
    // The cursor's lines offered: once, the lines right below them; then nothing.
    const below = await regionFor('javascript', lines, 0, 'function f() {}', [first!, second!, { startLine: 0, endLine: 0 }]);
    assert.deepEqual(below, { startLine: 1, endLine: 15 });
    assert.equal(await regionFor('javascript', lines, 0, 'function f() {}', [first!, second!, { startLine: 0, endLine: 0 }, below!]), undefined);
  });

  it('a region never exceeds the cap, however many places there are', async () => {
    const lines = ['let totalRenamed = 0;', ...Array.from({ length: 200 }, (_, i) => `total += ${i};`)];
    const region = await regionFor('javascript', lines, 0, 'let total = 0;');
    assert.ok(region && region.endLine - region.startLine + 1 <= MAX_REGION_LINES && region.startLine <= 1, JSON.stringify(region));
  });

  it('with no place to go, the lines around the cursor', async () => {
    const lines = ['first()', 'value = 2', 'last()'];
    const region = await regionFor('python', lines, 1, 'value = 1');
    assert.deepEqual(region, { startLine: 0, endLine: 2 });
  });
});
