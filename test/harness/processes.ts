/**
 * Child processes the harness starts, each in its own process group so that stopping it also stops what it
 * spawned (the VS Code server forks an extension host, a file watcher, a pty host...). Every process started
 * here is stopped when the test process exits, is interrupted (Ctrl-C) or terminated, even when a test fails.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';

export interface Started {
  name: string;
  child: ChildProcess;
  /** Resolves with the exit code (or the signal's name) once the process has exited. */
  exited: Promise<number | string>;
  hasExited(): boolean;
  /** True once stop() was called (by a test, or by the Ctrl-C / exit cleanup). */
  stopRequested(): boolean;
  /** The last lines of its stdout and stderr, for error messages. */
  tail(lines?: number): string;
  /** SIGTERM to the group, SIGKILL after `graceMs`; resolves when the process has exited. Idempotent. */
  stop(graceMs?: number): Promise<void>;
}

export interface StartOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Also append everything it prints to this file. */
  logFile?: string;
  /** Echo its output to our stderr, prefixed with its name. */
  echo?: boolean;
}

const live = new Set<Started>();
let hooksInstalled = false;

function killGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (!pid) return;
  try {
    process.kill(-pid, signal);
  } catch {
    try {
      process.kill(pid, signal);
    } catch {}
  }
}

function installHooks(): void {
  if (hooksInstalled) return;
  hooksInstalled = true;
  // 'exit' handlers must be synchronous: a last SIGKILL to whatever is still running.
  process.on('exit', () => {
    for (const p of live) killGroup(p.child.pid, 'SIGKILL');
  });
  let stopping = false;
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      if (stopping) return; // a second Ctrl-C while cleaning up: the cleanup ends with SIGKILL anyway
      stopping = true;
      console.error(`\n[harness] ${signal}: stopping ${live.size} process(es)`);
      void stopAll().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
    });
  }
}

export function startProcess(name: string, command: string, args: string[], options: StartOptions = {}): Started {
  installHooks();
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    detached: true, // own process group: a group kill reaches its children too
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log = options.logFile ? createWriteStream(options.logFile, { flags: 'a' }) : undefined;
  const recent: string[] = [];
  const collect = (chunk: Buffer) => {
    const text = chunk.toString('utf8');
    log?.write(text);
    if (options.echo) process.stderr.write(text.replace(/^(?=.)/gm, `[${name}] `));
    recent.push(...text.split('\n').filter((l) => l.trim() !== ''));
    if (recent.length > 400) recent.splice(0, recent.length - 400);
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);

  let exitedFlag = false;
  let stopFlag = false;
  const exited = new Promise<number | string>((resolve) => {
    const done = (code: number | null, signal: NodeJS.Signals | null) => {
      exitedFlag = true;
      live.delete(started);
      log?.end();
      resolve(code ?? signal ?? 'unknown');
    };
    child.once('exit', done);
    child.once('error', (err) => {
      recent.push(`failed to start: ${err.message}`);
      done(null, null);
    });
  });

  const started: Started = {
    name,
    child,
    exited,
    hasExited: () => exitedFlag,
    stopRequested: () => stopFlag,
    tail: (lines = 40) => recent.slice(-lines).join('\n'),
    async stop(graceMs = 5000) {
      stopFlag = true;
      // Stop the whole group even when the leader already exited: its children may still be running.
      killGroup(child.pid, 'SIGTERM');
      if (exitedFlag) return;
      const timer = setTimeout(() => killGroup(child.pid, 'SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
      killGroup(child.pid, 'SIGKILL');
    },
  };
  live.add(started);
  return started;
}

/** Stops every process started through this module that is still running. */
export async function stopAll(): Promise<void> {
  await Promise.all([...live].map((p) => p.stop()));
}
