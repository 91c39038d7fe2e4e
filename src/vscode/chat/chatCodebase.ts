/**
 * The workspace index (WorkspaceCodebase, src/vscode/codebase/) as the chat asks it: its Codebase while it is
 * on, its status folded into what a chat answer says about it, and where a listed chunk's file is.
 */
import type { IndexReadiness } from '../../chat/codebaseContext';
import type { CodebaseStatus } from '../../codebase/indexStatus';
import type { WorkspaceCodebase } from '../codebase';
import type { ChatCodebaseService } from './index';

export function chatCodebase(service: WorkspaceCodebase): ChatCodebaseService {
  return {
    codebase: () => (service.status().state === 'off' ? undefined : service),
    state: () => readiness(service.status()),
    uriOf: (path) => service.uriOf(path),
  };
}

/** Waiting counts as building: the first question starts the index and gets what it has so far. */
export function readiness(status: CodebaseStatus): IndexReadiness {
  switch (status.state) {
    case 'off':
      return { kind: 'off' };
    case 'failed':
      return { kind: 'failed', message: status.error ?? 'the index failed' };
    case 'ready':
      return { kind: 'ready' };
    case 'building':
    case 'waiting':
      return { kind: 'building', indexed: status.progress?.done ?? 0, total: status.progress?.total ?? 0 };
  }
}
