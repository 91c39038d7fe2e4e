/**
 * Indexing cost of the 10,000-file tree, repeatable (a helper beside `npm run bench -- search`, which builds
 * the same tree): `npx tsx bench/indexProfile.ts [DIR]` builds the search sets and their copies into DIR once
 * (reused by later runs), indexes the tree in-process with syncIndex (on disk, the tier the extension picks at that size), and prints wall and CPU seconds. It also
 * writes DIR/fingerprint.json: every set's top-10 answers (paths, lines, scores) from its own index and from the
 * large one, and a hash of each set's index snapshot; two runs whose fingerprints are byte-identical searched
 * identically. For a profile: `node --import tsx --cpu-prof --cpu-prof-dir=DIR/prof bench/indexProfile.ts DIR`,
 * then `npx tsx bench/cpuProfileSummary.ts DIR/prof/<file>.cpuprofile`.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { CodebaseIndex } from '../src/codebase/codebaseIndex';
import { DISK_INDEX_FROM_FILES, openRootIndex } from '../src/codebase/sqlite/diskTier';
import { bundledChunkWorker } from '../src/codebase/chunkPool';
import { syncIndex } from '../src/codebase/syncIndex';
import { shippedGrammar } from '../src/syntax/locateGrammar';
import { Parsers } from '../src/syntax/parsers';
import { buildSet, copySetsUntil, setSources, type BuiltSet } from './searchSet';

const LARGE_TREE_FILES = 10_000;
const TOP = 10;

async function main(): Promise<void> {
  const dir = process.argv[2] ?? join(tmpdir(), 'fathom-index-profile');
  const parsers = new Parsers(shippedGrammar(join(__dirname, '..', 'dist')));
  const sets = await builtSets(dir, parsers);
  const large = join(dir, 'large');
  if (!existsSync(large)) copySetsUntil(sets.filter((s) => !s.heldOut), large, LARGE_TREE_FILES);
  const skipSets = process.env.FATHOM_PROFILE_LARGE_ONLY === '1';
  const fingerprint: Record<string, unknown> = {};
  if (!skipSets) {
    for (const set of sets) {
      const index = CodebaseIndex.empty();
      await syncIndex(set.root, index, parsers);
      fingerprint[set.name] = {
        snapshot: createHash('sha256').update(JSON.stringify(index.snapshot())).digest('hex'),
        answers: answers(index, set),
      };
    }
  }
  // Through the tier the extension chooses (sqlite/diskTier.ts), as the search bench does: 10,000 files go on disk.
  const cache = join(dir, 'large-cache');
  rmSync(cache, { recursive: true, force: true });
  const { index } = await openRootIndex(large, cache, { fromFiles: DISK_INDEX_FROM_FILES });
  const cpu = process.cpuUsage();
  const started = performance.now();
  // As the extension's index worker and the CLI build it: chunked in worker threads (dist/chunkWorker.js).
  const stats = await syncIndex(large, index, parsers, { startChunkWorker: process.env.FATHOM_PROFILE_ONE_THREAD === '1' ? undefined : bundledChunkWorker(join(__dirname, '..', 'dist')) });
  const wallS = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  const cpuS = (used.user + used.system) / 1e6;
  const heapMB = process.memoryUsage().heapUsed / 1e6;
  if (!skipSets) {
    for (const set of sets) fingerprint[`large: ${set.name}`] = answers(index, set);
    writeFileSync(join(dir, 'fingerprint.json'), JSON.stringify(fingerprint, null, 1));
  }
  if (index.onDisk) index.close();
  parsers.dispose();
  const load = loadavg().map((l) => l.toFixed(2)).join(' ');
  process.stdout.write(
    `${stats.files} files, ${stats.chunks} chunks (${stats.chunkedInWorkers} files parsed in worker threads): wall ${wallS.toFixed(1)} s, CPU ${cpuS.toFixed(1)} s (user ${(used.user / 1e6).toFixed(1)}, system ${(used.system / 1e6).toFixed(1)}), heap ${heapMB.toFixed(0)} MB, load ${load}\n`,
  );
}

/** The sets as buildSet made them, saved beside their trees so a later run reuses them. */
async function builtSets(dir: string, parsers: Parsers): Promise<BuiltSet[]> {
  const saved = join(dir, 'sets.json');
  if (existsSync(saved)) return JSON.parse(readFileSync(saved, 'utf8')) as BuiltSet[];
  mkdirSync(dir, { recursive: true });
  const sets: BuiltSet[] = [];
  for (const [i, source] of setSources().entries()) sets.push(await buildSet(source, join(dir, `set${i}`), parsers));
  writeFileSync(saved, JSON.stringify(sets));
  return sets;
}

function answers(index: CodebaseIndex, set: BuiltSet): string[] {
  return set.cases.map((c) => index.search(c.query, TOP).map((r) => `${r.path}:${r.startLine}-${r.endLine}:${r.score}`).join(' | '));
}

void main();
