/**
 * Memory: heap growth over 5,000 completions through the scheduler and the real engine against the fake
 * server (real HTTP through the OllamaBackend, syntax trees kept per document and re-parsed incrementally).
 * Each completion is at a new place of a real file (so each one reaches the model and fills the cache),
 * in a few documents whose first line changes every round, as typing would change it.
 *
 * Measured as heapUsed after a full garbage collection, after a warm-up and again at the end. The
 * collector is reached through `v8.setFlagsFromString('--expose-gc')`, so no Node flag is needed;
 * without it the figure would include garbage and is marked as such.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { exposeGc } from './gc';
import { OllamaBackend } from '../src/backends/ollama';
import { completeOnce, type EngineDeps } from '../src/completion/engine/engine';
import { CompletionScheduler } from '../src/completion/scheduling/scheduler';
import type { DocumentSnapshot } from '../src/workspace/document';
import { DocumentTrees } from '../src/syntax/documentTrees';
import { languageOfPath } from '../src/syntax/languages';
import { Parsers } from '../src/syntax/parsers';
import { chunkText, startFakeServer } from '../test/fake-server';
import { devGrammar } from '../test/unit/syntax/grammars';
import { SHARED_BENCH, type BenchSection } from './report';

const TREES = join(SHARED_BENCH, 'context.jsonl.trees');
const COMPLETIONS = 5000;
const WARM_UP = 300;
const TARGET_MB = 20;
const DOCUMENTS = 6;

interface Doc {
  uri: string;
  path: string;
  languageId: string;
  body: string;
  /** Offsets of line ends in `body`, where completions are asked. */
  places: number[];
}

export async function run(): Promise<BenchSection> {
  const gc = exposeGc();
  const docs = pickDocuments();
  const server = await startFakeServer();
  // A short answer: a plausible line, streamed at once (the figure is about memory, not latency).
  const answer = () => server.reply(() => ({ chunks: chunkText(' value + 1;\n  return value;\n'), firstTokenMs: 0, tokenMs: 0 }));
  answer();
  const parsers = new Parsers(devGrammar);
  const trees = new DocumentTrees(parsers);
  const deps: EngineDeps = {
    backend: new OllamaBackend({ baseUrl: server.url, contextLength: 8192 }),
    model: 'qwen2.5-coder:1.5b',
    maxTokens: 64,
    timeoutMs: 10_000,
    withTree: (snapshot, use) => trees.withTree(snapshot.uri, snapshot.languageId, snapshot.version, snapshot.text, use),
    parse: (language, text) => parsers.parse(language, text),
  };
  const scheduler = new CompletionScheduler({ complete: (snapshot, signal) => completeOnce(snapshot, deps, signal) });
  try {
    const versions = new Map<string, { text: string; version: number; round: number }>();
    let completed = 0;
    let before = 0;
    for (let i = 0; i < COMPLETIONS; i++) {
      // The fake server records every request (with its body); that record is the harness's, not the
      // pipeline's, so it is emptied as we go.
      if (i % 100 === 0) {
        server.reset();
        answer();
      }
      if (i === WARM_UP) {
        gc?.();
        before = process.memoryUsage().heapUsed;
      }
      const doc = docs[i % docs.length];
      const round = Math.floor(i / docs.length);
      const snapshot = nextSnapshot(doc, round, versions, trees);
      // Manual: no debounce, and the trigger heuristics do not skip places (each call reaches the model).
      const result = await scheduler.provide(snapshot, { trigger: 'manual' });
      if (result) completed++;
    }
    gc?.();
    const after = process.memoryUsage().heapUsed;
    const growthMb = Math.round(((after - before) / 1024 / 1024) * 100) / 100;
    const stats = scheduler.stats();
    return {
      title: `Memory over ${COMPLETIONS} completions (scheduler + engine + fake server${gc ? ', after full GC' : ', NO forced GC: includes garbage'})`,
      rows: [
        { metric: `memory: heap growth after ${COMPLETIONS - WARM_UP} completions (past a ${WARM_UP}-completion warm-up)`, value: growthMb, unit: ' MB', target: `<= ${TARGET_MB} MB`, pass: growthMb <= TARGET_MB },
        { metric: 'memory: requests sent / suggestions returned', value: stats.requests, unit: ` / ${completed}` },
      ],
      details: { before, after, stats, documents: docs.map((d) => d.path) },
    };
  } finally {
    scheduler.dispose();
    trees.dispose();
    parsers.dispose();
    await server.close();
  }
}

/**
 * The document for this round: its first line names the round (so each round's positions are new to the
 * cache), recorded as an edit so the tree is re-parsed incrementally; the cursor at the next line end.
 */
function nextSnapshot(doc: Doc, round: number, versions: Map<string, { text: string; version: number; round: number }>, trees: DocumentTrees): DocumentSnapshot {
  const header = (r: number) => `// edit ${r}\n`;
  let state = versions.get(doc.uri);
  if (!state) {
    state = { text: header(round) + doc.body, version: 1, round };
    versions.set(doc.uri, state);
  } else if (state.round !== round) {
    const old = header(state.round);
    const text = header(round) + doc.body;
    trees.edit(doc.uri, [{ rangeOffset: 0, rangeLength: old.length, text: header(round) }], text, state.version + 1);
    state = { text, version: state.version + 1, round };
    versions.set(doc.uri, state);
  }
  const place = doc.places[round % doc.places.length];
  return { uri: doc.uri, path: doc.path, languageId: doc.languageId, text: state.text, offset: header(round).length + place, version: state.version };
}

/** A few real files of each language, with the line ends after code where a completion is asked. */
function pickDocuments(): Doc[] {
  const files = listFiles(TREES)
    .filter((f) => ['typescript', 'javascript', 'python'].includes(languageOfPath(f) ?? ''))
    .filter((f) => statSync(f).size > 5000 && statSync(f).size < 40_000)
    .sort();
  const docs: Doc[] = [];
  for (let k = 0; k < DOCUMENTS; k++) {
    const path = files[Math.floor(((k + 0.5) * files.length) / DOCUMENTS)];
    const body = readFileSync(path, 'utf8');
    const places: number[] = [];
    for (let i = body.indexOf('\n'); i !== -1; i = body.indexOf('\n', i + 1)) if (i > 0 && body[i - 1] !== '\n') places.push(i);
    docs.push({ uri: `file://${path}`, path: relative(TREES, path), languageId: languageOfPath(path)!, body, places });
  }
  return docs;
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? listFiles(join(dir, e.name)) : [join(dir, e.name)]));
}

