/**
 * The one preparation step every suite and `npm start` share: scripts/vscode-test-env installs (once, cached)
 * a real VS Code 1.100 server and finds Chromium; `build()` bundles the extension and the test payload.
 */
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { REPO } from './paths';

const run = promisify(execFile);

export interface TestEnv {
  /** `lib/vscode/out/server-main.js` of the cached VS Code server. */
  serverMain: string;
  /** Chromium's executable ('' when there is none; only the VS Code server is then usable). */
  chromium: string;
}

let prepared: Promise<TestEnv> | undefined;

/** Runs scripts/vscode-test-env (a no-op after the first time) and returns the paths it printed. */
export function prepareTestEnv(): Promise<TestEnv> {
  prepared ??= (async () => {
    const script = resolve(REPO, 'scripts', 'vscode-test-env');
    const child = execFile(script, [], { cwd: REPO, maxBuffer: 1 << 20 });
    child.stderr?.pipe(process.stderr); // progress of a first install
    const stdout = await new Promise<string>((ok, fail) => {
      let out = '';
      child.stdout?.on('data', (d) => (out += d));
      child.once('error', fail);
      child.once('exit', (code) => (code === 0 ? ok(out) : fail(new Error(`${script} failed (exit ${code})`))));
    });
    const vars = Object.fromEntries(
      stdout.split('\n').filter((l) => l.includes('=')).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1).trim()]),
    );
    if (!vars.VSCODE_SERVER_MAIN) throw new Error(`${script} printed no VSCODE_SERVER_MAIN`);
    return { serverMain: vars.VSCODE_SERVER_MAIN, chromium: vars.CHROMIUM ?? '' };
  })();
  return prepared;
}

/** `npm run build`: the extension (dist/) and the integration test payload (out/test/integration/). */
export async function build(): Promise<void> {
  try {
    await run(process.execPath, ['esbuild.config.mjs'], { cwd: REPO, maxBuffer: 16 << 20 });
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string; message: string };
    throw new Error(`build failed: ${e.stderr || e.stdout || e.message}`);
  }
}
