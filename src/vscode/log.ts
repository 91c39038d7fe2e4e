import * as vscode from 'vscode';
import type { Logger } from '../logging/logger';

/** The "Fathom" log channel; its level is the user's (Output view › gear, or "Developer: Set Log Level"). */
export function createLog(): { channel: vscode.LogOutputChannel; logger: Logger } {
  const channel = vscode.window.createOutputChannel('Fathom', { log: true });
  const logger: Logger = {
    trace: (m) => channel.trace(m),
    debug: (m) => channel.debug(m),
    info: (m) => channel.info(m),
    warn: (m) => channel.warn(m),
    error: (m) => channel.error(m),
  };
  return { channel, logger };
}
