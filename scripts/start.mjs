#!/usr/bin/env node
// Try Fathom in a real VS Code without packaging it: serves VS Code 1.100 (the same server the tests use) with
// Fathom loaded from this repository on a folder, at http://127.0.0.1:PORT.
//
//   npm start [-- FOLDER] [-- --port N] [-- --demo] [-- --desktop] [-- --no-build]
//
//   FOLDER     the folder to open (default: the directory you ran npm from)
//   --port N   listen on N (default: a free port)
//   --demo     the OFFLINE DEMO: also start the fake LLM server (canned answers, no model) and point
//              fathom.ollama.baseUrl at it, for trying the UI without Ollama
//   --desktop  use desktop VS Code (`code` on PATH) instead: code --extensionDevelopmentPath=<repo> FOLDER
// Stop with Ctrl+C: the server and everything it started stop with it. The browser profile is temporary.
import { spawn, spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';

await import('tsx');
const { default: h } = await import('../test/harness/index.ts');

const { values: opts, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    port: { type: 'string' },
    demo: { type: 'boolean', default: false },
    desktop: { type: 'boolean', default: false },
    'no-build': { type: 'boolean', default: false },
  },
});
// npm runs scripts from the package folder; INIT_CWD is where the user typed `npm start`.
const cwd = process.env.INIT_CWD ?? process.cwd();
const folder = resolve(cwd, positionals[0] ?? '.');

if (!opts['no-build']) {
  console.log('building Fathom…');
  await h.build();
}

let demo;
if (opts.demo) {
  const { startDemoServer } = (await import('../test/fake-server/cli.ts')).default;
  demo = await startDemoServer();
  console.log(`\n*** OFFLINE DEMO ***  fake LLM server at ${demo.url}: canned answers, no language model involved.`);
}
const settings = demo ? { 'fathom.ollama.baseUrl': demo.url } : {};

const hasCode = opts.desktop && spawnSync('code', ['--version'], { stdio: 'ignore' }).status === 0;
if (opts.desktop && !hasCode) console.log('--desktop: no `code` on PATH; serving VS Code in the browser instead.');

if (hasCode) {
  const args = [`--extensionDevelopmentPath=${h.REPO}`];
  let profile;
  if (demo) {
    // The demo needs its own settings, so it gets its own (temporary) profile instead of yours.
    profile = h.createProfile({ folder, settings, forTests: false });
    args.push('--user-data-dir', profile.userDataDir, '--extensions-dir', profile.extensionsDir, '--wait');
  }
  args.push(folder);
  console.log(`code ${args.join(' ')}`);
  const code = spawn('code', args, { stdio: 'inherit' });
  await new Promise((done) => code.once('exit', done));
  // Without --wait `code` returns at once and VS Code keeps running; with the demo, stop when its window closes.
  profile?.dispose();
  await demo?.close();
  process.exit(0);
}

await h.prepareTestEnv();
const server = await h.startVSCodeServer({
  folder,
  settings,
  forTests: false,
  ...(opts.port ? { port: Number(opts.port) } : {}),
});
const url = server.workbenchUrl({ extensionDevelopmentPath: h.REPO });
console.log(`\nVS Code ${demo ? '(offline demo) ' : ''}with Fathom on ${folder}:\n\n  ${url}\n`);
if (!demo) console.log(`Fathom talks to the servers in its settings (default Ollama at http://127.0.0.1:11434). Try --demo without one.`);
console.log('Press Ctrl+C to stop.');

const opener = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? null : 'xdg-open';
if (opener && (process.platform === 'darwin' || process.env.DISPLAY || process.env.WAYLAND_DISPLAY)) {
  const child = spawn(opener, [url], { stdio: 'ignore', detached: true });
  child.on('error', () => {});
  child.unref();
}

// Runs until Ctrl+C (the harness then stops the server and exits) or until the server dies.
const exit = await server.process.exited;
if (!server.process.stopRequested()) {
  console.error(`the VS Code server exited (${exit}):\n${server.process.tail(20)}`);
  await demo?.close();
  process.exit(1);
}
