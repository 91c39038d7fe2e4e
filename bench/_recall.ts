// Scratch harness (not committed): builds the sets once into /tmp/recall/sets, then measures recall per set.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CodebaseIndex } from '../src/codebase/codebaseIndex';
import { syncIndex } from '../src/codebase/syncIndex';
import { Parsers } from '../src/syntax/parsers';
import { shippedGrammar } from '../src/syntax/locateGrammar';
import { buildSet, setSources, type BuiltSet } from './searchSet';

async function main() {
  const parsers = new Parsers(shippedGrammar(join(__dirname, '..', 'dist')));
  const dir = '/tmp/recall/sets';
  const meta = join(dir, 'sets.json');
  let sets: BuiltSet[];
  if (existsSync(meta)) sets = JSON.parse(readFileSync(meta, 'utf8'));
  else {
    mkdirSync(dir, { recursive: true });
    sets = [];
    for (const [i, s] of setSources().entries()) sets.push(await buildSet(s, join(dir, `set${i}`), parsers));
    writeFileSync(meta, JSON.stringify(sets));
  }
  const only = process.env.SETS?.split(',');
  for (const set of sets) {
    const key = set.name.split(' ')[0];
    if (only && !only.includes(key)) continue;
    const index = CodebaseIndex.empty();
    await syncIndex(set.root, index, parsers);
    const ranks = set.cases.map((c) => 1 + index.search(c.query, 10).findIndex((r) => r.path === c.path && r.startLine <= c.endLine && r.endLine >= c.startLine));
    const at = (k: number) => ((100 * ranks.filter((r) => r > 0 && r <= k).length) / ranks.length).toFixed(1);
    const mrr = ranks.reduce((s, r) => s + (r > 0 ? 1 / r : 0), 0) / ranks.length;
    console.log(`${key.padEnd(12)} r1 ${at(1)} r5 ${at(5)} r10 ${at(10)} mrr ${mrr.toFixed(3)}`);
    if (process.env.MISSES === key) {
      const out = set.cases.map((c, i) => ({ c, r: ranks[i] })).filter((x) => x.r === 0);
      writeFileSync(`/tmp/recall/misses-${key}.json`, JSON.stringify(out.map((x) => ({ ...x.c, top: index.search(x.c.query, 3).map((h) => `${h.path}:${h.startLine} ${h.symbol}`) })), null, 1));
    }
  }
  parsers.dispose();
}
main();
