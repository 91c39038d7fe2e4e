/**
 * Which servers are writing a chat or command answer right now. A local server (Ollama, llama.cpp) runs one
 * model on one machine: a completion request the user cannot see yet would slow the answer they are reading,
 * so automatic completions to the same local server wait until the answer ends (`fathom.completion.
 * waitWhileAnswering`; trigger.ts `answering`). Plain data, no `vscode`: the pool counts the streams, the
 * completion provider asks.
 */
import { ForwardingBackend } from '../backends/forwarding';
import type { Backend, ChatRequest } from '../backends/types';
import { isLoopback } from '../privacy/endpoints';

export class ServerActivity {
  private readonly answering = new Map<string, number>();

  /** A stream to `baseUrl` started; the function it returns marks its end (calling it again does nothing). */
  begin(baseUrl: string): () => void {
    const key = serverKey(baseUrl);
    this.answering.set(key, (this.answering.get(key) ?? 0) + 1);
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      const left = (this.answering.get(key) ?? 1) - 1;
      if (left > 0) this.answering.set(key, left);
      else this.answering.delete(key);
    };
  }

  /** Whether `baseUrl` is a server on this machine that is writing an answer now. */
  busyLocally(baseUrl: string): boolean {
    // Asked on every keystroke: nothing to parse while no answer streams.
    return this.answering.size > 0 && isLoopback(baseUrl) && this.answering.has(serverKey(baseUrl));
  }
}

/** The same server whatever the path (`/v1`) or a trailing slash: its origin. */
function serverKey(baseUrl: string): string {
  try {
    return new URL(baseUrl).origin;
  } catch {
    return baseUrl;
  }
}

/** `backend` with its chat streams counted in `activity` while they run (from the first chunk asked to the stream's end). */
export function withActivity(backend: Backend, activity: ServerActivity): Backend {
  return new (class extends ForwardingBackend {
    async *streamChat(request: ChatRequest): AsyncGenerator<string> {
      const end = activity.begin(this.baseUrl);
      try {
        yield* this.inner.streamChat(request);
      } finally {
        end();
      }
    }
  })(backend);
}
