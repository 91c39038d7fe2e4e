/**
 * Where Fathom runs when VS Code is connected to another machine (Remote - SSH, WSL, a dev container,
 * Codespaces, a browser on a VS Code server elsewhere): the extension host, and so every request, runs there
 * (package.json `extensionKind`: workspace), which makes `127.0.0.1` that machine, not the laptop in front of
 * the user. The Doctor says so and shows how to reach the laptop's Ollama; "Start Ollama" is offered only for a
 * server on the machine the extension host runs on.
 */
import { isLoopback } from '../privacy/endpoints';

/** `vscode.env.remoteName`: undefined in a local window. */
export type RemoteName = string | undefined;

/**
 * A browser connected straight to a VS Code server (code-server, `code serve-web`) has the server's address as
 * its remote name (`127.0.0.1:8080`, `devbox:8080`): no `+`, a port. Served from this very computer, 127.0.0.1
 * is this computer — no remote at all; from another machine, that machine.
 */
function servedFrom(remoteName: string): { host: string } | undefined {
  const address = /^(\[[^\]]+\]|[^+:/]+):\d+$/.exec(remoteName);
  return address ? { host: address[1] } : undefined;
}

/** The Doctor's note for a remote window whose servers include a loopback one; undefined when none applies. */
export function remoteAdvice(remoteName: RemoteName, baseUrls: readonly string[]): string | undefined {
  if (!remoteName) return undefined;
  const server = servedFrom(remoteName);
  if (server && isLoopback(`http://${server.host}/`)) return undefined;
  const local = [...new Set(baseUrls.filter(isLoopback))];
  if (local.length === 0) return undefined;
  const where = `${local.join(', ')} ${local.length === 1 ? 'is' : 'are'} on the ${machine(remoteName)}, where VS Code runs Fathom in this window — not on this computer.`;
  return `${where} ${howToReachTheLaptop(remoteName)}`;
}

/** Whether "Start Ollama" can help: the server's address is the machine the extension host (and a terminal) runs on. */
export function canStartOllamaHere(baseUrl: string): boolean {
  return isLoopback(baseUrl);
}

function machine(remoteName: string): string {
  switch (remoteName) {
    case 'ssh-remote':
      return 'SSH host';
    case 'wsl':
      return 'WSL distribution';
    case 'dev-container':
    case 'attached-container':
      return 'dev container';
    case 'codespaces':
      return 'codespace';
    default: {
      const server = servedFrom(remoteName);
      return server ? `machine the VS Code server runs on (${server.host})` : `remote machine (${remoteName})`;
    }
  }
}

function howToReachTheLaptop(remoteName: string): string {
  switch (remoteName) {
    case 'ssh-remote':
      return 'To use Ollama on this computer, forward its port to the host (ssh -R 11434:localhost:11434 <host>, or RemoteForward 11434 localhost:11434 in ~/.ssh/config) and keep the URL; or run Ollama on the host ("Start Ollama" starts it there).';
    case 'wsl':
      return 'To use Ollama running on Windows, turn on WSL\'s mirrored networking (networkingMode=mirrored in .wslconfig) so 127.0.0.1 reaches Windows, or set the URL to the Windows host\'s address; or install Ollama inside WSL.';
    case 'dev-container':
    case 'attached-container':
      return 'To use Ollama on this computer, set the URL to http://host.docker.internal:11434 (Docker Desktop; on Linux add --add-host=host.docker.internal:host-gateway to runArgs), or run Ollama in the container.';
    case 'codespaces':
      return 'A codespace cannot reach this computer: point Fathom at a server the codespace can reach (an OpenAI-compatible API, or Ollama on a machine with a public address), or run Ollama in the codespace.';
    default:
      return 'To use a server on this computer, forward its port to the remote machine, or point Fathom at an address the remote machine can reach.';
  }
}
