/**
 * One run of the codebase index for the workspace's folders: the worker (src/codebase/worker/), each
 * folder opened from its snapshot, full builds with progress and cancellation, and the batched re-syncs of
 * the paths the editor reports changed. The WorkspaceCodebase makes one while the index is on and throws it
 * away when it goes off or the folders change.
 */
import * as vscode from 'vscode';
import type { Codebase } from '../../codebase/codebase';
import { combineStatus, type CodebaseStatus, type FolderIndexStatus } from '../../codebase/indexStatus';
import { MultiRootCodebase } from '../../codebase/multiRoot';
import { PathBatcher } from '../../codebase/pathBatcher';
import type { IndexWorkerClient } from '../../codebase/worker/client';
import type { RootStatus } from '../../codebase/worker/indexService';
import { isAbortError } from '../../codebase/worker/rpc';
import type { Logger } from '../../logging/logger';

export interface SessionFolder {
  name: string;
  uri: vscode.Uri;
}

/** Shows a build's progress where the user sees it (a notification with Cancel); `end` takes it down. */
export type ShowProgress = (cancel: () => void) => { report(done: number, total: number): void; end(): void };

export interface BuildOptions {
  /** Drop the snapshots first and index everything again. */
  rebuild?: boolean;
  /** Show the progress notification from the start (else only for a big first build). */
  notify?: boolean;
}

/** A first build with at least this many files to read shows the notification (smaller ones take a moment). */
const NOTIFY_MIN_FILES = 200;

export class IndexSession {
  readonly codebase: MultiRootCodebase;
  /** Settles once every folder is open (its snapshot read): searches answer from then on. */
  readonly opened: Promise<void>;
  private readonly folders: FolderIndexStatus[];
  private readonly batcher: PathBatcher;
  private build: AbortController | undefined;
  private disposed = false;

  constructor(
    private readonly client: IndexWorkerClient,
    readonly roots: readonly SessionFolder[],
    private readonly storageDir: string,
    private readonly showProgress: ShowProgress,
    private readonly onStatus: (status: CodebaseStatus) => void,
    private readonly logger: Logger,
  ) {
    this.folders = roots.map((f) => ({ name: f.name, root: f.uri.fsPath, state: 'waiting', files: 0, chunks: 0, fromSnapshot: false, complete: false }));
    this.codebase = new MultiRootCodebase(roots.map((f) => ({ name: f.name, codebase: client.codebase(f.uri.fsPath) as Codebase })));
    this.batcher = new PathBatcher((root, paths) => this.syncPaths(root, paths));
    this.opened = this.open();
  }

  /** False once its worker has ended: the next start makes a new session. */
  get alive(): boolean {
    return this.client.alive;
  }

  status(): CodebaseStatus {
    return combineStatus(this.folders);
  }

  /** Brings every folder's index up to date (from its snapshot, or from nothing), one folder at a time. */
  async run(options: BuildOptions = {}): Promise<void> {
    this.build?.abort();
    const abort = new AbortController();
    this.build = abort;
    await this.opened;
    let ui: ReturnType<ShowProgress> | undefined;
    const openUi = () => (ui ??= this.showProgress(() => abort.abort()));
    if (options.notify) openUi();
    try {
      for (const folder of this.folders) {
        if (abort.signal.aborted || this.disposed) break;
        if (options.rebuild) this.update(folder, await this.client.drop(folder.root));
        await this.buildFolder(folder, abort.signal, (done, total) => {
          if (!folder.fromSnapshot && total >= NOTIFY_MIN_FILES) openUi();
          ui?.report(done, total);
        });
      }
    } finally {
      ui?.end();
      if (this.build === abort) this.build = undefined;
    }
  }

  /** Vector search with this embedding model (`provider:model`), or off: the worker embeds what has no vector yet. */
  async setEmbeddings(modelKey: string | undefined): Promise<void> {
    await this.client.setEmbeddings(modelKey);
    await this.opened;
    for (const folder of this.folders) this.updateWhenSettled(folder);
  }

  /** Updates the folder's figures once the work queued behind a sync (its embedding pass) is done. */
  private updateWhenSettled(folder: FolderIndexStatus): void {
    void this.client.settled(folder.root).then(
      (status) => !this.disposed && this.update(folder, status),
      () => undefined,
    );
  }

  /** Cancels a running build (what it indexed so far stays, and is saved). */
  cancel(): void {
    this.build?.abort();
  }

  /** A file or folder at `uri` was saved, created, deleted or renamed: queue it for the next batch. */
  changed(uri: vscode.Uri): void {
    const folder = this.roots.find((f) => uri.scheme === f.uri.scheme && (uri.path === f.uri.path || uri.path.startsWith(f.uri.path.replace(/\/$/, '') + '/')));
    if (!folder) return;
    const path = uri.path.slice(folder.uri.path.replace(/\/$/, '').length + 1);
    if (path) this.batcher.add(folder.uri.fsPath, path);
  }

  /** Syncs the queued paths now (tests, and before a search that must see the latest saves). */
  flushChanges(): Promise<void> {
    return this.batcher.flush();
  }

  dispose(): void {
    this.disposed = true;
    this.build?.abort();
    this.batcher.dispose();
    void this.client.stop();
  }

  private async open(): Promise<void> {
    await Promise.all(
      this.folders.map(async (folder) => {
        try {
          this.update(folder, await this.client.open(folder.root, this.storageDir), 'ready');
        } catch (error) {
          this.fail(folder, error);
        }
      }),
    );
  }

  private async buildFolder(folder: FolderIndexStatus, signal: AbortSignal, report: (done: number, total: number) => void): Promise<void> {
    folder.state = 'building';
    folder.progress = { done: 0, total: 0 };
    this.emit();
    try {
      const outcome = await this.client.sync(folder.root, {
        signal,
        onProgress: (p) => {
          folder.progress = p;
          report(p.done, p.total);
          this.emit();
        },
      });
      folder.progress = undefined;
      const { stats } = outcome;
      this.logger.info(`Codebase index of ${folder.name}: ${stats.files} files, ${stats.chunks} chunks (${stats.added} added, ${stats.updated} updated, ${stats.removed} removed)${outcome.cancelled ? ', cancelled' : ''}`);
      this.update(folder, outcome.status, 'ready');
      this.updateWhenSettled(folder);
    } catch (error) {
      folder.progress = undefined;
      if (!isAbortError(error)) return this.fail(folder, error);
      this.logger.info(`Codebase index of ${folder.name}: build cancelled; it resumes next time`);
      this.update(folder, await this.client.settled(folder.root).catch(() => folder), 'ready');
    }
  }

  private async syncPaths(root: string, paths: string[]): Promise<void> {
    const folder = this.folders.find((f) => f.root === root);
    if (!folder || this.disposed) return;
    try {
      const outcome = await this.client.syncPaths(root, paths);
      const { stats } = outcome;
      this.logger.debug(`Codebase index of ${folder.name}: ${paths.length} changed path(s) → ${stats.added} added, ${stats.updated} updated, ${stats.removed} removed${stats.full ? ' (full sync)' : ''}`);
      this.update(folder, outcome.status);
      this.updateWhenSettled(folder);
    } catch (error) {
      if (!this.disposed) this.logger.warn(`Codebase index of ${folder.name}: could not re-index ${paths.length} changed path(s): ${message(error)}`);
    }
  }

  private update(folder: FolderIndexStatus, status: RootStatus, state?: FolderIndexStatus['state']): void {
    Object.assign(folder, { files: status.files, chunks: status.chunks, fromSnapshot: status.fromSnapshot, complete: status.complete, syncedAt: status.syncedAt, snapshotBytes: status.snapshotBytes, onDisk: status.onDisk, busy: status.busy, vectors: status.vectors, embedError: status.embedError });
    if (state) folder.state = state;
    this.emit();
  }

  private fail(folder: FolderIndexStatus, error: unknown): void {
    folder.state = 'failed';
    folder.error = message(error);
    if (!this.disposed) this.logger.error(`Codebase index of ${folder.name} failed: ${folder.error}`);
    this.emit();
  }

  private emit(): void {
    if (!this.disposed) this.onStatus(this.status());
  }
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
