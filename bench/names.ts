/**
 * "Not found in this workspace" (src/codebase/names/): how often it is wrong and how often it is right.
 * False alarms: real files of real repositories on this machine (TypeScript / JavaScript packages' sources in
 * node_modules, Python's standard library and installed packages), each checked as if it were a proposal for
 * a new file of its own workspace — the workspace indexed without that file, its dependencies as declared —
 * so every name it flags is a false alarm: flagged names per 1,000 lines and files with any (target: none).
 * Test files are left out: their frameworks' typings (jest's matchers) are not installed on this machine.
 * Catch rate: hand-written answers with invented names (namesCases.ts) against this repository (TypeScript)
 * and a small Python project: the share of invented names flagged, which were missed, and any other name
 * flagged in those answers (a false alarm too).
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { CodebaseIndex } from '../src/codebase/codebaseIndex';
import { LocalCodebase } from '../src/codebase/localCodebase';
import { DependencyNames } from '../src/codebase/names/dependencyNames';
import type { NameTable } from '../src/codebase/names/nameTable';
import { nameFamily } from '../src/codebase/names/references';
import { distinctNames, findUnknownNames } from '../src/codebase/names/unknownNames';
import { syncIndex } from '../src/codebase/syncIndex';
import { languageOfPath } from '../src/syntax/languages';
import { shippedGrammar } from '../src/syntax/locateGrammar';
import { Parsers } from '../src/syntax/parsers';
import { NAME_CASES, PYTHON_WORKSPACE } from './namesCases';
import { percent, type BenchRow, type BenchSection } from './report';

const NODE_MODULES = join(__dirname, '..', 'node_modules');
const FILES_PER_REPO = 40;

interface Repo {
  label: string;
  /** The folder indexed as the workspace. */
  root: string;
  /** Where its package.json is (its dependencies), when not the root. */
  manifest?: string;
}

function repos(): Repo[] {
  const npm = ['openai', 'ollama', 'minisearch', 'cheerio', 'dompurify', 'entities', 'htmlparser2', 'tldts-core', 'web-tree-sitter', '@azure/msal-node', '@secretlint/core'];
  const js = ['mocha', 'workerpool', 'ignore', 'markdown-it', 'commander'];
  const py = ['/usr/lib/python3.11/json', '/usr/lib/python3.11/email', '/usr/lib/python3.11/http', '/usr/lib/python3.11/logging', '/usr/lib/python3.11/importlib', '/usr/lib/python3.11/concurrent', '/usr/lib/python3.11/urllib', '/usr/lib/python3/dist-packages/blinker', '/usr/lib/python3/dist-packages/argcomplete', '/usr/lib/python3/dist-packages/yaml', '/usr/lib/python3/dist-packages/jwt'];
  return [
    ...npm.map((p) => ({ label: p, root: join(NODE_MODULES, p, 'src'), manifest: join(NODE_MODULES, p) })),
    // JavaScript packages ship their sources: the whole package is the workspace (its own typings included).
    ...js.map((p) => ({ label: p, root: join(NODE_MODULES, p) })),
    ...py.map((p) => ({ label: p.replace(/^.*\/(python3\.11|dist-packages)\//, '$1/'), root: p })),
  ].filter((r) => existsSync(r.root));
}

interface FileResult {
  repo: string;
  path: string;
  lines: number;
  flagged: string[];
}

async function falseAlarms(parsers: Parsers): Promise<FileResult[]> {
  const results: FileResult[] = [];
  for (const repo of repos()) {
    const index = CodebaseIndex.empty();
    await syncIndex(repo.root, index, parsers);
    const codebase = new LocalCodebase(repo.root, index, { dependencies: new DependencyNames(repo.manifest ?? repo.root) });
    const files = index.paths().filter((p) => nameFamily(languageOfPath(p) ?? '') && !p.endsWith('.d.ts') && !/(^|\/)(test|tests|__tests__)\/|\.(test|spec)\.[cm]?[jt]sx?$/.test(p)).sort().slice(0, FILES_PER_REPO);
    for (const path of files) {
      const code = readFileSync(join(repo.root, path), 'utf8');
      // The file as a proposal for itself: its own names leave the table while it is checked.
      const own = [...index.names.namesOf(path)];
      (index.names as NameTable).removeFile(path);
      const flagged = await findUnknownNames({ code, languageId: languageOfPath(path)! }, { parsers, codebase });
      (index.names as NameTable).setFile(path, own);
      results.push({ repo: repo.label, path, lines: code.split('\n').length, flagged: distinctNames(flagged) });
    }
  }
  return results;
}

interface CaseResult {
  id: string;
  invented: string[];
  caught: string[];
  missed: string[];
  /** Flagged names the case did not invent: false alarms. */
  wrong: string[];
}

async function catchRate(parsers: Parsers, work: string): Promise<CaseResult[]> {
  const tsRoot = join(__dirname, '..');
  const tsIndex = CodebaseIndex.empty();
  await syncIndex(join(tsRoot, 'src'), tsIndex, parsers);
  // Not the checker itself: its comments and lists name the very inventions the cases use (`fs.readFileAsync`).
  for (const path of tsIndex.paths()) if (path.startsWith('codebase/names/')) tsIndex.removeFile(path);
  const ts = new LocalCodebase(join(tsRoot, 'src'), tsIndex, { dependencies: new DependencyNames(tsRoot) });
  const pyRoot = join(work, 'python-project');
  for (const [path, text] of Object.entries(PYTHON_WORKSPACE)) {
    mkdirSync(dirname(join(pyRoot, path)), { recursive: true });
    writeFileSync(join(pyRoot, path), text);
  }
  const pyIndex = CodebaseIndex.empty();
  await syncIndex(pyRoot, pyIndex, parsers);
  const py = new LocalCodebase(pyRoot, pyIndex);
  const results: CaseResult[] = [];
  for (const c of NAME_CASES) {
    const codebase = c.languageId === 'python' ? py : ts;
    const flagged = distinctNames(await findUnknownNames({ code: c.code, languageId: c.languageId }, { parsers, codebase }));
    results.push({
      id: c.id,
      invented: c.invented,
      caught: c.invented.filter((n) => flagged.includes(n)),
      missed: c.invented.filter((n) => !flagged.includes(n)),
      wrong: flagged.filter((n) => !c.invented.includes(n)),
    });
  }
  return results;
}

export async function run(): Promise<BenchSection> {
  const parsers = new Parsers(shippedGrammar(join(__dirname, '..', 'dist')));
  const work = mkdtempSync(join(tmpdir(), 'fathom-names-bench-'));
  try {
    const files = await falseAlarms(parsers);
    const cases = await catchRate(parsers, work);
    const rows: BenchRow[] = [];
    for (const family of ['js', 'python'] as const) {
      const mine = files.filter((f) => nameFamily(languageOfPath(f.path) ?? '') === family);
      const lines = mine.reduce((s, f) => s + f.lines, 0);
      const flagged = mine.reduce((s, f) => s + f.flagged.length, 0);
      const label = family === 'js' ? 'TS/JS' : 'Python';
      rows.push({ metric: `false alarms per 1,000 lines (${label}, ${mine.length} files, ${lines} lines, ${new Set(mine.map((f) => f.repo)).size} repos)`, value: Math.round((flagged / Math.max(1, lines)) * 100_000) / 100, unit: '', target: '0', pass: flagged === 0 });
      rows.push({ metric: `files with any false alarm (${label})`, value: percent(mine.filter((f) => f.flagged.length > 0).length, mine.length), unit: '%', target: '0%', pass: mine.every((f) => f.flagged.length === 0) });
    }
    const invented = cases.reduce((s, c) => s + c.invented.length, 0);
    const caught = cases.reduce((s, c) => s + c.caught.length, 0);
    rows.push({ metric: `invented names caught (${cases.length} answers, ${invented} names)`, value: percent(caught, invented), unit: '%', target: '>= 80%', pass: percent(caught, invented) >= 80 });
    rows.push({ metric: 'answers with every invented name caught', value: percent(cases.filter((c) => c.missed.length === 0).length, cases.length), unit: '%' });
    rows.push({ metric: 'other names flagged in those answers', value: cases.reduce((s, c) => s + c.wrong.length, 0), unit: '', target: '0', pass: cases.every((c) => c.wrong.length === 0) });
    return {
      title: 'Names not found in this workspace',
      rows,
      details: {
        falseAlarms: files.filter((f) => f.flagged.length > 0).map((f) => ({ repo: f.repo, path: f.path, flagged: f.flagged })),
        missed: cases.filter((c) => c.missed.length > 0).map((c) => ({ id: c.id, missed: c.missed })),
        wronglyFlagged: cases.filter((c) => c.wrong.length > 0).map((c) => ({ id: c.id, flagged: c.wrong })),
      },
    };
  } finally {
    parsers.dispose();
    rmSync(work, { recursive: true, force: true });
  }
}
