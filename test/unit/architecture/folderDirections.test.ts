/**
 * The folders of src/ import one another in one direction only, top to bottom of LAYERS below. A folder is a
 * node of the graph; completion/* and context/* count one level deeper (src/completion/engine/ is the node
 * `completion/engine`, the files directly in src/completion/ the node `completion`); files directly in src/
 * (the composition root) are the node ''. The test computes the graph from every relative import in src/,
 * fails on any cycle naming the files behind each of its edges, and fails on any edge that goes up or sideways
 * in the table (so a new cycle is caught before it closes).
 */
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { importsOf } from './importsOf';

const SRC = resolve(__dirname, '../../../src');

/**
 * Who may import whom: a folder may import only folders in LATER rows (lower layers). Folders in one row are
 * independent of each other.
 */
const LAYERS: readonly (readonly string[])[] = [
  [''], //                                                   extension.ts: activates (placeholders); composition.ts: composes and registers
  ['vscode'], //                                             the editor adapters
  ['cli', 'webview'], //                                     the other entry points: the terminal, the webview pages
  ['completion', 'chat', 'doctor', 'statistics'], //         features: completion service, chat core, doctor checks, local statistics
  ['roles', 'commands', 'completion/scheduling', 'nextEdit'], // the backend for each role; command core; when to ask; next edits
  ['completion/engine'], //                                  one request: prompt, stream, post-process
  ['completion/streaming', 'completion/prompt'], //          the cut while streaming; the prompt for a model
  ['completion/postprocess', 'context'], //                  filters on the answer; context gathered for the prompt
  ['completion/analysis', 'context/imports', 'codebase'], // text analysis at the cursor; the import retriever; the codebase index
  ['context/snippets', 'syntax', 'privacy', 'config'], //    snippet types; tree-sitter; redaction, guards; settings
  ['backends'], //                                           model servers behind one interface
  ['workspace', 'text', 'logging', 'status', 'tunables'], // plain data, leaf helpers and the tuned numbers
];

export type FolderGraph = Map<string, Map<string, string[]>>;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : /\.(ts|mts|mjs)$/.test(path) ? [path] : [];
  });
}

/** The graph node a file of src/ belongs to. */
export function folderOf(fileInSrc: string): string {
  const parts = fileInSrc.split(sep).join('/').split('/').slice(0, -1);
  const deeper = (parts[0] === 'completion' || parts[0] === 'context') && parts.length > 1;
  return parts.slice(0, deeper ? 2 : 1).join('/');
}

/** The file a relative specifier names: itself, with `.ts`, or a folder's index.ts. */
function resolveSpecifier(fromFile: string, spec: string): string {
  const target = resolve(dirname(fromFile), spec);
  if (existsSync(target) && statSync(target).isDirectory()) return join(target, 'index.ts');
  return /\.(ts|mts|mjs|js)$/.test(target) ? target : `${target}.ts`;
}

/** from-folder → to-folder → the files (and specifiers) behind that edge. */
function folderGraph(): FolderGraph {
  const graph: FolderGraph = new Map();
  for (const file of sourceFiles(SRC)) {
    const from = folderOf(relative(SRC, file));
    for (const spec of importsOf(readFileSync(file, 'utf8'))) {
      if (!spec.startsWith('.')) continue;
      const to = folderOf(relative(SRC, resolveSpecifier(file, spec)));
      if (to === from) continue;
      const edges = graph.get(from) ?? new Map<string, string[]>();
      graph.set(from, edges);
      edges.set(to, [...(edges.get(to) ?? []), `${relative(SRC, file)} (${spec})`]);
    }
  }
  return graph;
}

/** Every cycle's folders, each found once (strongly connected components of more than one folder). */
export function findCycles(graph: FolderGraph): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  const visit = (v: string) => {
    index.set(v, index.size);
    low.set(v, index.get(v)!);
    stack.push(v);
    for (const w of graph.get(v)?.keys() ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (stack.includes(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const component: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      component.push(w);
    } while (w !== v);
    if (component.length > 1) cycles.push(component.sort());
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return cycles;
}

/** A cycle written out for a reader: each edge inside it with the files that make it. */
export function describeCycle(graph: FolderGraph, cycle: readonly string[]): string {
  const lines = cycle.flatMap((from) =>
    [...(graph.get(from) ?? [])].filter(([to]) => cycle.includes(to)).map(([to, files]) => `  ${from || '(src)'} -> ${to || '(src)'}: ${files.join(', ')}`),
  );
  return `cycle between ${cycle.map((f) => f || '(src)').join(', ')}\n${lines.join('\n')}`;
}

/** Edges that do not go to a later row of `layers`, written out with their files. */
export function wrongDirections(graph: FolderGraph, layers: readonly (readonly string[])[]): string[] {
  const row = (folder: string) => layers.findIndex((r) => r.includes(folder));
  const wrong: string[] = [];
  for (const [from, edges] of graph) {
    for (const [to, files] of edges) {
      if (row(from) === -1 || row(to) === -1) wrong.push(`${from || '(src)'} -> ${to}: a folder missing from LAYERS (${files.join(', ')})`);
      else if (row(to) <= row(from)) wrong.push(`${from || '(src)'} -> ${to}: goes ${row(to) === row(from) ? 'sideways' : 'up'} (${files.join(', ')})`);
    }
  }
  return wrong;
}

const graphOf = (edges: Record<string, Record<string, string[]>>): FolderGraph =>
  new Map(Object.entries(edges).map(([from, to]) => [from, new Map(Object.entries(to))]));

describe('architecture: folders import one another in one direction', () => {
  describe('the checker', () => {
    it('counts completion/* and context/* one level deeper, other folders at the top', () => {
      assert.equal(folderOf('completion/service.ts'), 'completion');
      assert.equal(folderOf('completion/engine/engine.ts'), 'completion/engine');
      assert.equal(folderOf('context/imports/lookup.ts'), 'context/imports');
      assert.equal(folderOf('vscode/commands/index.ts'), 'vscode');
      assert.equal(folderOf('extension.ts'), '');
    });

    it('finds a cycle in a small graph and names the files behind each of its edges', () => {
      const graph = graphOf({
        a: { b: ['a/x.ts (../b/y)'] },
        b: { c: ['b/y.ts (../c/z)'] },
        c: { a: ['c/z.ts (../a/x)'], d: ['c/z.ts (../d/w)'] },
      });
      const cycles = findCycles(graph);
      assert.deepEqual(cycles, [['a', 'b', 'c']]);
      const text = describeCycle(graph, cycles[0]);
      for (const file of ['a/x.ts (../b/y)', 'b/y.ts (../c/z)', 'c/z.ts (../a/x)']) assert.ok(text.includes(file), text);
      assert.ok(!text.includes('../d/w'), 'an edge leaving the cycle is not part of it');
    });

    it('finds no cycle in a graph that only goes down', () => {
      assert.deepEqual(findCycles(graphOf({ a: { b: ['f'], c: ['f'] }, b: { c: ['f'] } })), []);
    });

    it('flags an edge that goes up, sideways or to a folder the table does not know', () => {
      const layers = [['a'], ['b', 'c'], ['d']];
      const wrong = wrongDirections(graphOf({ a: { b: ['ok'] }, d: { a: ['up.ts'] }, b: { c: ['side.ts'] }, c: { e: ['new.ts'] } }), layers);
      assert.equal(wrong.length, 3, wrong.join('\n'));
      assert.ok(wrong.some((w) => w.startsWith('d -> a: goes up (up.ts)')));
      assert.ok(wrong.some((w) => w.startsWith('b -> c: goes sideways (side.ts)')));
      assert.ok(wrong.some((w) => w.startsWith('c -> e: a folder missing from LAYERS (new.ts)')));
    });
  });

  describe('src/', () => {
    const graph = folderGraph();

    it('has folders and imports to check', () => {
      assert.ok(graph.size >= 10, `only ${graph.size} folders import others under ${SRC}`);
    });

    it('has no import cycle between folders', () => {
      const cycles = findCycles(graph);
      assert.equal(cycles.length, 0, cycles.map((c) => describeCycle(graph, c)).join('\n\n'));
    });

    it('imports only downward in LAYERS, and every folder is in the table', () => {
      assert.deepEqual(wrongDirections(graph, LAYERS), []);
      const known = new Set(LAYERS.flat());
      const unknown = [...new Set(sourceFiles(SRC).map((f) => folderOf(relative(SRC, f))))].filter((f) => !known.has(f));
      assert.deepEqual(unknown, [], 'add new folders to LAYERS');
    });

    // The completion stages the structure issue named: the streaming cut uses the post-processing filters,
    // never the other way round, and both stand on the shared text analysis, which knows neither.
    const imports = (from: string, to: string) => graph.get(from)?.get(to) ?? [];
    it('completion/postprocess imports neither the streaming cut nor the engine', () => {
      assert.deepEqual([...imports('completion/postprocess', 'completion/streaming'), ...imports('completion/postprocess', 'completion/engine')], []);
    });

    it('completion/streaming imports the engine not at all', () => {
      assert.deepEqual(imports('completion/streaming', 'completion/engine'), []);
    });

    it('completion/analysis imports no other completion stage, and context imports no completion folder', () => {
      const up = (from: string) => [...(graph.get(from)?.keys() ?? [])].filter((to) => to.startsWith('completion'));
      assert.deepEqual(up('completion/analysis'), []);
      assert.deepEqual([...up('context'), ...up('context/imports'), ...up('context/snippets')], []);
    });
  });
});
