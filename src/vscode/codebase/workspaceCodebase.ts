/**
 * The workspace's codebase index as the rest of the extension sees it: a Codebase (search, definitions,
 * usages) over every workspace folder, plus where a hit's file is (`uriOf`), what the index is doing
 * (`status`, `onDidChangeStatus`) and `rebuild`. It decides when an index exists at all: only while
 * `fathom.codebase.enabled` is on, the workspace is trusted (no index in Restricted Mode) and there are
 * folders on disk; it starts a little after activation (or at the first question, if that comes sooner)
 * and starts again when folders come or go.
 */
import * as vscode from 'vscode';
import type { Codebase, CodebaseHit } from '../../codebase/codebase';
import { offStatus, type CodebaseStatus } from '../../codebase/indexStatus';
import { IndexWorkerClient } from '../../codebase/worker/client';
import type { IndexWorkerData } from '../../codebase/worker/main';
import type { Logger } from '../../logging/logger';
import { onConfigChange } from '../settings';
import { workspaceUri } from '../workspacePaths';
import { IndexSession, type SessionFolder, type ShowProgress } from './session';

export interface WorkspaceCodebaseDeps {
  /** The worker's script (dist/codebaseWorker.js) and what it is started with. */
  workerScript: string;
  workerData: IndexWorkerData;
  /** Where the snapshots are kept (the workspace's storage). */
  storageDir: string;
  enabled: () => boolean;
  logger: Logger;
  showProgress: ShowProgress;
  /** How long after activation the first build starts (activation and the first edits come first). */
  startDelayMs: number;
  /** The embeddings role, for vector search: its model's key (undefined while off) and the embedder. */
  embeddings?: WorkspaceEmbeddings;
}

export interface WorkspaceEmbeddings {
  modelKey(): Promise<string | undefined>;
  embed(texts: string[], signal?: AbortSignal): Promise<number[][]>;
}

export class WorkspaceCodebase implements Codebase, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<CodebaseStatus>();
  readonly onDidChangeStatus = this.changed.event;
  private session: IndexSession | undefined;
  private latest: CodebaseStatus = offStatus('noFolder');
  private startTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly deps: WorkspaceCodebaseDeps) {
    this.subscriptions = [
      this.changed,
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.refresh({ restart: true })),
      // The setting changed, or the user trusted the workspace.
      onConfigChange(() => this.refresh(), 'fathom.codebase'),
      onConfigChange(() => void this.applyEmbeddings(this.session), 'fathom.embeddings'),
    ];
    this.refresh();
  }

  async search(query: string, top: number): Promise<CodebaseHit[]> {
    const session = await this.ready();
    return session ? session.codebase.search(query, top) : [];
  }

  async definitions(name: string, top: number): Promise<CodebaseHit[]> {
    const session = await this.ready();
    return session ? session.codebase.definitions(name, top) : [];
  }

  async usages(name: string, top: number, exceptPath?: string): Promise<CodebaseHit[]> {
    const session = await this.ready();
    return session ? session.codebase.usages(name, top, exceptPath) : [];
  }

  /** Tells the session's worker which embedding model to use now (none while the role is off). */
  private async applyEmbeddings(session: IndexSession | undefined): Promise<void> {
    if (!session || !this.deps.embeddings) return;
    try {
      await session.setEmbeddings(await this.deps.embeddings.modelKey());
    } catch (error) {
      this.deps.logger.warn(`Codebase index: embeddings not applied: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /**
   * Until every folder has been indexed in full the name table is partial, and a name it lacks may well
   * exist: nothing is called unknown then (and nothing while the index is off).
   */
  async unknownNames(names: readonly string[]): Promise<string[]> {
    const session = await this.ready();
    if (!session || !this.latest.complete) return [];
    return session.codebase.unknownNames(names);
  }

  /** The file of a hit's path (relative to its folder; with several folders, starting with the folder's name). */
  uriOf(path: string): vscode.Uri | undefined {
    return workspaceUri(path, diskFolders());
  }

  status(): CodebaseStatus {
    return this.latest;
  }

  /** Drops the snapshots and indexes every folder again, with progress; resolves when done or cancelled. */
  async rebuild(): Promise<boolean> {
    const session = this.startNow();
    if (!session) return false;
    await session.run({ rebuild: true, notify: true });
    return true;
  }

  /** Re-indexes the paths reported changed so far, now (tests; a caller about to search fresh edits). */
  async flushChanges(): Promise<void> {
    await this.session?.flushChanges();
  }

  /** A path the editor saved, created, deleted or renamed. */
  pathChanged(uri: vscode.Uri): void {
    this.session?.changed(uri);
  }

  dispose(): void {
    clearTimeout(this.startTimer);
    this.session?.dispose();
    this.session = undefined;
    for (const s of this.subscriptions) s.dispose();
  }

  /** Starts, stops or restarts the index to match the setting, the workspace's trust and its folders. */
  private refresh({ restart = false } = {}): void {
    const off = this.offReason();
    if (off || restart) this.stop();
    if (off) return this.publish(offStatus(off));
    if (this.session || this.startTimer) return;
    this.publish({ ...offStatus('noFolder'), state: 'waiting', reason: undefined });
    this.startTimer = setTimeout(() => this.startNow(), this.deps.startDelayMs);
  }

  private offReason(): CodebaseStatus['reason'] {
    if (!this.deps.enabled()) return 'disabled';
    if (!vscode.workspace.isTrusted) return 'untrusted';
    if (diskFolders().length === 0) return 'noFolder';
    return undefined;
  }

  /** The running session, started now if the index is on but waiting; undefined while it is off. */
  private startNow(): IndexSession | undefined {
    if (this.session?.alive) return this.session;
    if (this.offReason()) return undefined;
    // A worker that crashed (out of memory, say) is replaced: its folders reopen from their snapshots.
    this.session?.dispose();
    clearTimeout(this.startTimer);
    this.startTimer = undefined;
    const client = IndexWorkerClient.start(this.deps.workerScript, this.deps.workerData);
    const folders: SessionFolder[] = diskFolders().map((f) => ({ name: f.name, uri: f.uri }));
    const session = new IndexSession(client, folders, this.deps.storageDir, this.deps.showProgress, (s) => this.session === session && this.publish(s), this.deps.logger);
    this.session = session;
    const embeddings = this.deps.embeddings;
    if (embeddings) client.provide('embed', ([texts], signal) => embeddings.embed(Array.isArray(texts) ? texts.map(String) : [], signal));
    void this.applyEmbeddings(session);
    // The first build: from the snapshots, so usually only what changed while VS Code was closed.
    void session.run().catch((error) => this.deps.logger.error(`Codebase index: ${error instanceof Error ? error.message : String(error)}`));
    return session;
  }

  private async ready(): Promise<IndexSession | undefined> {
    const session = this.startNow();
    if (session) await session.opened;
    return session;
  }

  private stop(): void {
    clearTimeout(this.startTimer);
    this.startTimer = undefined;
    this.session?.dispose();
    this.session = undefined;
  }

  private publish(status: CodebaseStatus): void {
    this.latest = status;
    this.changed.fire(status);
  }
}

/** The workspace folders the worker can read (on disk). */
function diskFolders(): readonly vscode.WorkspaceFolder[] {
  return (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file');
}
