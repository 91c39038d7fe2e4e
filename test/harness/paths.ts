import { resolve } from 'node:path';

/** The repository root (this file lives in test/harness/). */
export const REPO = resolve(__dirname, '..', '..');
export const RESULTS_DIR = resolve(REPO, 'test-results');
export const SCREENSHOTS_DIR = resolve(RESULTS_DIR, 'screenshots');
/** The extension the suites load: this repository, or a copy named by FATHOM_EXTENSION_PATH (e.g. an unpacked .vsix). */
export const EXTENSION_PATH = process.env.FATHOM_EXTENSION_PATH ? resolve(process.env.FATHOM_EXTENSION_PATH) : REPO;
export const WORKSPACE_FIXTURE = resolve(REPO, 'test', 'fixtures', 'workspace');
