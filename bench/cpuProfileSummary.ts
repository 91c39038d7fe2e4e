/**
 * `npx tsx bench/cpuProfileSummary.ts FILE.cpuprofile [N]`: the N (default 25) functions with the most self
 * time in a V8 CPU profile (node --cpu-prof), with their share of all samples and where they are defined.
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

function main(): void {
  const [file, n = '25'] = process.argv.slice(2);
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map<string, number>();
  let total = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const frame = byId.get(profile.samples[i])?.callFrame;
    const us = profile.timeDeltas[i] ?? 0;
    total += us;
    if (!frame) continue;
    const where = frame.url ? `${frame.url.replace(/^.*\/(src|bench|node_modules)\//, '$1/')}:${frame.lineNumber + 1}` : '';
    const key = `${frame.functionName || '(anonymous)'} ${where}`;
    self.set(key, (self.get(key) ?? 0) + us);
  }
  const rows = [...self].sort((a, b) => b[1] - a[1]).slice(0, Number(n));
  process.stdout.write(`total ${(total / 1e6).toFixed(1)} s sampled\n`);
  for (const [key, us] of rows) process.stdout.write(`${(us / 1e6).toFixed(2).padStart(7)} s ${((100 * us) / total).toFixed(1).padStart(5)}%  ${key}\n`);
}

main();
