/**
 * What the codebase index adds to prompts — Explain's and Refactor's callers, Generate Tests' existing tests,
 * the completion's repository snippets — carries nothing of an ignored file and no secret. A workspace on
 * disk has, for one function, a caller, a test file and a called definition in a folder the root's
 * `.fathomignore` covers (each with its own plain-word marker) and the same three in ordinary files (with a
 * control marker and a secret beside it). The workspace is seen as the CLI and the extension see it (the
 * index built over the root, files through guardFiles with the defaults plus `.fathomignore`).
 * Ignored markers are counted in the prompts as built (before any redaction: the rules alone must keep them
 * out); the secret in what is sent (the request's redaction, as the backends apply it). The control
 * markers must be there: proof that the three channels really carry code from other files.
 */
import * as assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { NodeWorkspaceFiles } from '../../src/cli/nodeWorkspaceFiles';
import { CodebaseIndex } from '../../src/codebase/codebaseIndex';
import { LocalCodebase } from '../../src/codebase/localCodebase';
import { syncIndex } from '../../src/codebase/syncIndex';
import { tempTree } from '../unit/tempTree';
import { prepareCommand } from '../../src/commands/prepare';
import type { CommandKind } from '../../src/commands/types';
import { gatherContext } from '../../src/context/gather';
import { RepositoryRetriever } from '../../src/context/repository';
import { guardFiles } from '../../src/privacy/guardFiles';
import { Redactor } from '../../src/privacy/redactor';
import { rulesForRoot } from '../../src/privacy/rootRules';
import { languageOfPath } from '../../src/syntax/languages';
import { Parsers } from '../../src/syntax/parsers';
import { devGrammar } from '../unit/syntax/grammars';
import { record, SECTIONS } from './figures';

const ROOT = resolve(__dirname, '../..');
const readPrompt = async (relPath: string) => (relPath.startsWith('prompts/') ? readFile(join(ROOT, relPath), 'utf8') : undefined);
const TOKEN = 'ghp_R8mK2vQ9xL4pT7wN3bZ6cY1dF5gH0jS8aE2u';

const FILES: Record<string, string> = {
  '.fathomignore': 'src/private/\n',
  'src/price.ts': 'export function totalPrice(prices: number[]): number {\n  return prices.reduce((a, b) => a + b, 0);\n}\n',
  // Callers of totalPrice.
  'src/private/billing.ts': "import { totalPrice } from '../price';\n\nexport function bill(rows: number[]) {\n  const zebra_marker_private_caller = totalPrice(rows);\n  return zebra_marker_private_caller;\n}\n",
  'src/cart.ts': `import { totalPrice } from './price';\n\nexport function checkout(items: number[]) {\n  const token = "${TOKEN}";\n  const zebra_marker_control_caller = totalPrice(items);\n  return [token, zebra_marker_control_caller];\n}\n`,
  // Tests of the price module.
  'src/private/price.test.ts': "import { totalPrice } from '../price';\n\nit('zebra_marker_private_test', () => totalPrice([]));\n",
  'src/price.spec.ts': `import { totalPrice } from './price';\n\nconst token = "${TOKEN}";\nit('zebra_marker_control_test', () => totalPrice([token.length]));\n`,
  // Definitions a completion calls without importing them (browser-script globals).
  'src/private/globals.js': 'function internalRate() {\n  return "zebra_marker_private_definition";\n}\n',
  'src/globals.js': `function publicRate() {\n  const token = "${TOKEN}";\n  return "zebra_marker_control_definition" + token;\n}\n`,
  'src/app.js': 'function rate() {\n  return internalRate() + publicRate(',
};
const PRIVATE = ['zebra_marker_private_caller', 'zebra_marker_private_test', 'zebra_marker_private_definition'];
const CONTROL = ['zebra_marker_control_caller', 'zebra_marker_control_test', 'zebra_marker_control_definition'];

describe('security: callers, existing tests and repository snippets carry no ignored file and no secret', function () {
  this.timeout(60_000);
  const parsers = new Parsers(devGrammar);
  let root: string;
  before(() => {
    root = tempTree('fathom-security-codebase-context-', FILES);
  });
  after(() => {
    rmSync(root, { recursive: true, force: true });
    parsers.dispose();
  });

  it('0 ignored markers and 0 secrets in the three channels; the control markers reach the prompts', async () => {
    const index = CodebaseIndex.empty();
    await syncIndex(root, index, parsers);
    const codebase = new LocalCodebase(root, index);
    const files = guardFiles(new NodeWorkspaceFiles(root), await rulesForRoot((name) => readFile(join(root, name), 'utf8')));
    const snapshot = (path: string, offset?: number) => ({ uri: path, path, languageId: languageOfPath(path)!, text: FILES[path], offset: offset ?? FILES[path].length, version: 1 });

    const built: string[] = [];
    for (const kind of ['explain', 'refactor', 'tests'] as CommandKind[]) {
      const p = await prepareCommand(
        { kind, snapshot: snapshot('src/price.ts', FILES['src/price.ts'].indexOf('return')), settings: { answerLanguage: 'en', audience: 'intermediate', stepByStep: false } },
        { files, parsers, readPrompt, contextLength: 8192, maxTokens: 512, codebase },
      );
      built.push(p.messages.map((m) => m.content).join('\n'));
    }
    const repository = new RepositoryRetriever(() => codebase);
    await repository.warm(snapshot('src/app.js'));
    const gathered = await gatherContext(snapshot('src/app.js'), files, parsers, { budgetTokens: 1024, repository });
    repository.dispose();
    built.push(gathered.snippets.map((s) => s.text).join('\n'));

    const everything = built.join('\n');
    const redactor = new Redactor();
    const sent = built.map((text) => redactor.redact(text).text).join('\n');
    const ignored = PRIVATE.filter((m) => everything.includes(m));
    const control = CONTROL.filter((m) => everything.includes(m));
    const secrets = sent.split(TOKEN).length - 1;
    record(
      SECTIONS.ignored,
      [
        { metric: 'ignored files reaching callers, existing tests or repository snippets (3 channels)', value: ignored.length, unit: '', target: '= 0', pass: ignored.length === 0 },
        { metric: 'control: ordinary files reaching those channels (of 3)', value: control.length, unit: '', target: '= 3', pass: control.length === 3 },
      ],
      { codebaseContext: { ignored, control } },
    );
    record(SECTIONS.secrets, [{ metric: 'secrets sent in callers, existing tests and repository snippets', value: secrets, unit: '', target: '= 0', pass: secrets === 0 }]);
    assert.deepEqual(ignored, []);
    assert.deepEqual(control, CONTROL, everything);
    assert.equal(secrets, 0);
  });
});
