/**
 * Activation in the real VS Code 1.100 (the server from test/harness, its web client in Chromium): the packaged
 * .vsix (`npm run package`) installed with --install-extension, a workspace with a TypeScript file open at
 * start, a fresh profile per run. Per run it reads:
 *  - activate(): Fathom's own figure, `performance.now()` around the call (logged as "Fathom activated in …");
 *  - bundle evaluation: from the first line of dist/extension.js to the start of src/extension.ts's own code,
 *    i.e. evaluating every module the bundle holds (reading and compiling the file are not included);
 *  - the second step, outside activation: loading the rest (dist/composition.js) and composing it, which the
 *    first step does on first use or once the window has settled (logged as "the rest composed in …");
 *  - VS Code's figure from "Developer: Show Running Extensions" (code loading + the activate call, as the
 *    extension host measured it, including any wait behind the other extensions starting at the same time).
 * The first run warms the disk cache and is left out. FATHOM_BENCH_ACTIVATION_RUNS=N sets the measured runs.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openWorkbench, REPO, startVSCodeServer, waitFor, Workbench } from '../test/harness';
import { quantile, type BenchRow, type BenchSection } from './report';

const RUNS = Number(process.env.FATHOM_BENCH_ACTIVATION_RUNS ?? 5);
const WARMUP = 1;
const TARGET_MS = 50;
const VSIX = join(REPO, 'bench-results', 'fathom-bench.vsix');

interface Sample {
  activateMs: number;
  activateCpuMs: number;
  loadMs: number;
  loadCpuMs: number;
  /** The second step: evaluating dist/composition.js, and composing. */
  restLoadMs: number;
  restLoadCpuMs: number;
  composeMs: number;
  composeCpuMs: number;
  /** VS Code's "Activation: N ms" for Fathom. */
  vscodeMs: number | undefined;
}

export async function run(): Promise<BenchSection> {
  execFileSync(process.execPath, [join(REPO, 'scripts', 'package.mjs'), '--out', VSIX], { cwd: REPO, stdio: ['ignore', 'ignore', 'inherit'] });
  const browser = await launchBrowser();
  const samples: Sample[] = [];
  try {
    for (let i = 0; i < WARMUP + RUNS; i++) {
      const sample = await once(browser);
      process.stderr.write(
        `  run ${i + 1}${i < WARMUP ? ' (warm-up)' : ''}: activate() ${sample.activateMs.toFixed(1)} ms (${sample.activateCpuMs.toFixed(1)} ms CPU), ` +
          `bundle evaluation ${sample.loadMs.toFixed(1)} ms (${sample.loadCpuMs.toFixed(1)} ms CPU), VS Code ${sample.vscodeMs ?? '?'} ms; ` +
          `the rest ${(sample.restLoadMs + sample.composeMs).toFixed(1)} ms (${(sample.restLoadCpuMs + sample.composeCpuMs).toFixed(1)} ms CPU)\n`,
      );
      if (i >= WARMUP) samples.push(sample);
    }
  } finally {
    await browser.close();
  }

  const rows: BenchRow[] = [];
  const stat = (name: string, values: number[], target?: boolean) => {
    if (values.length === 0) return;
    const p50 = round(quantile(values, 0.5));
    const p95 = round(quantile(values, 0.95));
    rows.push({ metric: `${name}: median`, value: p50, unit: ' ms' });
    rows.push({ metric: `${name}: p95`, value: p95, unit: ' ms', ...(target ? { target: `< ${TARGET_MS} ms`, pass: p95 < TARGET_MS } : {}) });
  };
  stat('bundle evaluation + activate(), CPU', samples.map((s) => s.loadCpuMs + s.activateCpuMs), true);
  stat('bundle evaluation + activate(), wall clock', samples.map((s) => s.loadMs + s.activateMs), true);
  stat('activate(), CPU', samples.map((s) => s.activateCpuMs));
  stat('activate(), wall clock', samples.map((s) => s.activateMs));
  stat('bundle evaluation, CPU', samples.map((s) => s.loadCpuMs));
  stat('bundle evaluation, wall clock', samples.map((s) => s.loadMs));
  stat('the rest, after activation: bundle evaluation + composing, CPU', samples.map((s) => s.restLoadCpuMs + s.composeCpuMs));
  stat('the rest, after activation: bundle evaluation + composing, wall clock', samples.map((s) => s.restLoadMs + s.composeMs));
  stat("VS Code's figure (Running Extensions: code loading + activate, wall clock)", samples.flatMap((s) => (s.vscodeMs === undefined ? [] : [s.vscodeMs])));
  return { title: `Activation (packaged .vsix in the VS Code server, ${RUNS} runs after ${WARMUP} warm-up)`, rows, details: { runs: samples } };
}

async function once(browser: Browser): Promise<Sample> {
  const server = await startVSCodeServer({ installExtensions: [VSIX], files: { 'src/app.ts': 'export function greet(name: string): string {\n  return `Hello, ${name}`;\n}\n' } });
  let page: Page | undefined;
  try {
    page = await openWorkbench(browser, server.workbenchUrl({ openFile: 'src/app.ts' }));
    const wb = new Workbench(page);
    await wb.waitForActivation();
    const logs = join(server.profile.userDataDir, 'logs');
    const line = await waitFor('"Fathom activated in" in the Fathom log', () => activationLine(logs), { timeoutMs: 15_000 });
    const activate = /activated in ([\d.]+) ms, ([\d.]+) ms CPU/.exec(line);
    const load = /bundle evaluated in ([\d.]+) ms, ([\d.]+) ms CPU/.exec(line);
    const rest = /composed in ([\d.]+) ms, ([\d.]+) ms CPU \(bundle evaluated in ([\d.]+) ms, ([\d.]+) ms CPU\)/.exec(line);
    if (!activate || !load || !rest) throw new Error(`the Fathom log line has no timings (a development build?): ${line}`);
    await wb.runCommand('Developer: Show Running Extensions');
    const time = page.locator('.monaco-list-row[aria-label="fathom"] .activation-time');
    const text = await waitFor("Fathom's row in Running Extensions", async () => (await time.textContent({ timeout: 500 }).catch(() => null)) || false, { timeoutMs: 15_000 }).catch(() => '');
    const vscode = /(\d+)\s*ms/.exec(text);
    return {
      activateMs: Number(activate[1]),
      activateCpuMs: Number(activate[2]),
      loadMs: Number(load[1]),
      loadCpuMs: Number(load[2]),
      composeMs: Number(rest[1]),
      composeCpuMs: Number(rest[2]),
      restLoadMs: Number(rest[3]),
      restLoadCpuMs: Number(rest[4]),
      vscodeMs: vscode ? Number(vscode[1]) : undefined,
    };
  } finally {
    await page?.context().close().catch(() => undefined);
    await server.stop();
  }
}

/** The "Fathom activated in …" line of the Fathom log channel's file (logs/<time>/exthost1/fathom.fathom/Fathom.log). */
function activationLine(logs: string): string | false {
  let files: string[];
  try {
    files = readdirSync(logs, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('Fathom.log'));
  } catch {
    return false;
  }
  for (const f of files) {
    const line = readFileSync(join(logs, f), 'utf8').split('\n').find((l) => l.includes('Fathom activated in'));
    if (line) return line;
  }
  return false;
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}
