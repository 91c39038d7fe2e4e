/**
 * `@terminal` in the chat: the last command run in the active terminal and its output. With shell integration
 * (VS Code's, on by default for bash, zsh, fish and PowerShell) each command's line, output and exit code are
 * recorded as it runs — the output has to be read from the start, so recording begins with the extension; without
 * it (or for a command run before), the end of the terminal's buffer is read through Select All and Copy, the
 * clipboard put back as it was; so is a fast command's output that went by before its start was reported. The text is cleaned and cut in src/chat/terminalText.ts and redacted on the way
 * out like every request.
 */
import * as vscode from 'vscode';
import type { Attachment } from '../../chat/conversation';
import { outputAfter, plainTerminalText, TERMINAL_TAIL_CHARS, terminalRunText, type TerminalRun } from '../../chat/terminalText';
import { terminalSelection } from '../commands/terminalSelection';

/** Raw output kept per command while it runs (escape sequences included): a few times what is attached. */
const RAW_KEEP_CHARS = 4 * TERMINAL_TAIL_CHARS;
/** How long an attachment waits for an ended command's last output to be read. */
const FLUSH_WAIT_MS = 500;

interface Recorded extends TerminalRun {
  execution: vscode.TerminalShellExecution;
  /** Settles when the whole output has been read. */
  read: Promise<void>;
}

let counter = 0;

export class TerminalHistory implements vscode.Disposable {
  private readonly last = new Map<vscode.Terminal, Recorded>();
  private readonly subscriptions: vscode.Disposable[];

  constructor() {
    this.subscriptions = [
      vscode.window.onDidStartTerminalShellExecution((event) => this.record(event.terminal, event.execution)),
      vscode.window.onDidEndTerminalShellExecution((event) => {
        const run = this.last.get(event.terminal);
        if (run?.execution === event.execution) {
          run.exitCode = event.exitCode;
          run.commandLine = event.execution.commandLine.value || run.commandLine;
        }
      }),
      vscode.window.onDidCloseTerminal((terminal) => this.last.delete(terminal)),
    ];
  }

  /** The last command of the active terminal as an attachment; undefined (the user is told) when there is none. */
  async attachment(): Promise<Attachment | undefined> {
    const terminal = vscode.window.activeTerminal;
    if (!terminal) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Fathom: open a terminal and run a command first, then attach @terminal.'));
      return undefined;
    }
    const run = await this.lastRun(terminal);
    const text = run && terminalRunText(run);
    if (!run || !text?.trim()) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Fathom: the terminal "{0}" shows nothing to attach yet.', terminal.name));
      return undefined;
    }
    const label = run.commandLine?.trim() ? vscode.l10n.t('Terminal: {0}', shorten(run.commandLine.trim())) : vscode.l10n.t('Terminal: {0}', terminal.name);
    return { id: `t${Date.now().toString(36)}-${(counter++).toString(36)}`, kind: 'terminal', label, path: terminal.name, languageId: 'console', text };
  }

  /** The recorded last command of `terminal`, else the end of its buffer. */
  async lastRun(terminal: vscode.Terminal): Promise<TerminalRun | undefined> {
    const recorded = this.last.get(terminal);
    if (recorded) {
      await Promise.race([recorded.read, new Promise((resolve) => setTimeout(resolve, FLUSH_WAIT_MS))]);
      const run: TerminalRun = { commandLine: recorded.commandLine, output: recorded.output, exitCode: recorded.exitCode, cwd: recorded.cwd };
      if (!plainTerminalText(run.output).trim() && run.commandLine) {
        // A fast command's output can go by before its start is reported (nothing was read): take it from the screen.
        const buffer = await this.buffer(terminal).catch(() => undefined);
        run.output = (buffer !== undefined && outputAfter(buffer, run.commandLine, run.exitCode !== undefined)) || run.output;
      }
      return run;
    }
    const buffer = await this.buffer(terminal).catch(() => undefined);
    return buffer === undefined ? undefined : { output: buffer };
  }

  private record(terminal: vscode.Terminal, execution: vscode.TerminalShellExecution): void {
    const run: Recorded = { execution, commandLine: execution.commandLine.value, output: '', cwd: execution.cwd?.fsPath, read: Promise.resolve() };
    run.read = (async () => {
      try {
        for await (const data of execution.read()) run.output = (run.output + data).slice(-RAW_KEEP_CHARS);
      } catch {
        // The terminal went away mid-read: what arrived stays.
      }
    })();
    this.last.set(terminal, run);
  }

  /** The terminal's text (its scrollback included) through Select All and Copy; the selection is cleared again. */
  private async buffer(terminal: vscode.Terminal): Promise<string | undefined> {
    terminal.show(true);
    await vscode.commands.executeCommand('workbench.action.terminal.selectAll');
    try {
      return await terminalSelection();
    } finally {
      await vscode.commands.executeCommand('workbench.action.terminal.clearSelection');
    }
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.last.clear();
  }
}

/** A long command line in a chip: its start. */
function shorten(text: string): string {
  const line = text.split('\n')[0];
  return line.length > 40 ? `${line.slice(0, 39)}…` : line;
}
