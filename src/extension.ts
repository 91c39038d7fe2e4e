/**
 * Fathom's entry point, the first of two loading steps. `activate()` only registers placeholders for what VS
 * Code can reach (every contributed command, the inline completion provider, the chat view:
 * vscode/activation/placeholders.ts) and returns; the rest of the extension (src/composition.ts, bundled as
 * dist/composition.js) is loaded on first use, or once the window has settled after startup, whichever comes
 * first. This bundle holds nothing but that, so activation costs next to nothing.
 */
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { compose, FathomApi } from './composition';
import { loadFinished, type ActivationTimes } from './vscode/activation/activationTimes';
import { registerPlaceholders, reportLoadFailure } from './vscode/activation/placeholders';

export type { FathomApi } from './composition';

const loading = loadFinished();

/** How long after activation the rest loads by itself when nothing used it first. */
const LOAD_REST_AFTER_MS = 1500;

/** What `activate` returns: the first step's figures, and the rest (the tests' window onto Fathom's state). */
export interface FathomStartup {
  activation: ActivationTimes;
  /** Loads the rest now unless it is loaded already. */
  loaded(): Promise<FathomApi>;
}

export function activate(context: vscode.ExtensionContext): FathomStartup {
  const activating = loading.activationStarts();
  let rest: Promise<FathomApi> | undefined;
  const loaded = (): Promise<FathomApi> =>
    (rest ??= new Promise<FathomApi>((resolve) => {
      placeholders.retireCommands();
      // Not an import: the rest is a bundle of its own (esbuild.config.mjs), evaluated only now.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const composition = require(join(__dirname, 'composition.js')) as { compose: typeof compose };
      resolve(composition.compose(context, { slots: placeholders.slots, activation }));
    }).catch((error: unknown) => {
      reportLoadFailure(error);
      throw error;
    }));
  const placeholders = registerPlaceholders(context, loaded);
  // A test can hold the rest back (FATHOM_LOAD_REST_AFTER_MS) to meet the placeholders as a quick user would.
  const timer = setTimeout(() => void loaded().catch(() => undefined), Number(process.env.FATHOM_LOAD_REST_AFTER_MS) || LOAD_REST_AFTER_MS);
  context.subscriptions.push({ dispose: () => clearTimeout(timer) });
  const activation = activating.finished();
  return { activation, loaded };
}

export function deactivate(): void {}
