/**
 * The codebase index stores no secret and nothing of an ignored file. Every corpus secret, in the code or
 * config it sits in (test/unit/privacy/corpus.ts), is put in a source file of a workspace on disk, beside files the ignore rules
 * cover (the defaults and the root's `.fathomignore`, and a `.gitignore`), each carrying a unique marker; the
 * index is built and saved as the CLI does, and the saved snapshot is searched for every secret's own words
 * (the terms the tokenizer makes of it that the rest of the text does not also give) and every marker.
 * A control marker in an ordinary file must be found, proof that the snapshot holds the code's words. The same
 * workspace indexed on disk (the tier of large roots: an FTS5 database file) is checked the same way, on the
 * file's raw bytes and on every term its full-text index holds (FTS5 stores terms prefix-compressed).
 */
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { CodebaseIndex } from '../../src/codebase/codebaseIndex';
import { saveIndex } from '../../src/codebase/indexStore';
import { databasePath, openRootIndex } from '../../src/codebase/sqlite/diskTier';
import { openSqlite } from '../../src/codebase/sqlite/sqlite';
import { syncIndex } from '../../src/codebase/syncIndex';
import { codeTokens } from '../../src/codebase/tokenize';
import { Parsers } from '../../src/syntax/parsers';
import { CORPUS } from '../unit/privacy/corpus';
import { devGrammar } from '../unit/syntax/grammars';
import { record, SECTIONS } from './figures';

/** A secret's words shorter than this (`r`, `8`, `kx`) turn up in any code: no evidence of a leak. */
const MIN_TERM = 4;

const IGNORED: Record<string, string> = {
  '.env': 'zebramarkerdotenv',
  'keys/deploy.pem': 'zebramarkerpem',
  'secrets/db.ts': 'zebramarkersecretsfolder',
  'src/private/billing.ts': 'zebramarkerfathomignore',
  'generated/api.ts': 'zebramarkergitignore',
};
const CONTROL = 'zebramarkercontrol';

describe('security: the codebase index stores no secret and no ignored file', function () {
  this.timeout(60_000);
  let root: string;
  let storage: string;
  before(() => {
    root = mkdtempSync(join(tmpdir(), 'fathom-security-index-'));
    storage = mkdtempSync(join(tmpdir(), 'fathom-security-index-store-'));
  });
  after(() => {
    rmSync(root, { recursive: true, force: true });
    rmSync(storage, { recursive: true, force: true });
  });

  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  before(() => {
    write('.fathomignore', 'src/private/\n');
    write('.gitignore', 'generated/\n');
    for (const [path, marker] of Object.entries(IGNORED)) write(path, `export function ${marker}() {\n  return "${marker}";\n}\n`);
    write('src/control.ts', `export function ${CONTROL}() {\n  return 1;\n}\n`);
    CORPUS.forEach((entry, i) => {
      const comments = entry.context.split('\n').map((l) => `  // ${l}`).join('\n');
      write(`src/config${i}.ts`, `export function loadConfig${i}() {\n${comments}\n  return ${i};\n}\n`);
    });
  });

  /** Checks and records what the saved index holds: `holds(term)` answers whether it holds a word, `holdsMarker` a marker. */
  const check = (where: string, holds: (term: string) => boolean, holdsMarker = holds) => {
    // The words the index would hold for each secret, less those the workspace's other text gives anyway.
    const ordinary = new Set(codeTokens(CORPUS.map((e) => e.context.split(e.secret).join(' ')).join('\n') + readFileSync(join(root, 'src/control.ts'), 'utf8')));
    const termsOf = (secret: string) => [...new Set(codeTokens(secret))].filter((t) => t.length >= MIN_TERM && !ordinary.has(t) && !/^\d+$/.test(t));
    const leaked = CORPUS.filter((entry) => termsOf(entry.secret).some(holds));
    const checked = CORPUS.filter((entry) => termsOf(entry.secret).length > 0).length;
    const ignored = Object.entries(IGNORED).filter(([, marker]) => holdsMarker(marker));
    const control = holdsMarker(CONTROL);
    record(
      SECTIONS.codebaseIndex,
      [
        { metric: `corpus secrets with a word of their own in the saved index${where} (${checked} of ${CORPUS.length} secrets have one)`, value: leaked.length, unit: '', target: '= 0', pass: leaked.length === 0 && checked > CORPUS.length / 2 },
        { metric: `ignored files with their marker in the saved index${where} (${Object.keys(IGNORED).length} files)`, value: ignored.length, unit: '', target: '= 0', pass: ignored.length === 0 },
        { metric: `control: an ordinary file's marker is in the saved index${where}`, value: control ? 1 : 0, unit: '', target: '= 1', pass: control },
      ],
      { [`leaked${where}`]: leaked.map((e) => e.rule), [`ignored${where}`]: ignored.map(([path]) => path) },
    );
    assert.deepEqual(leaked.map((e) => e.rule), []);
    assert.ok(checked > CORPUS.length / 2, `most secrets have words of their own to look for (${checked})`);
    assert.deepEqual(ignored.map(([path]) => path), []);
    assert.ok(control, 'the saved index holds the code\'s words');
  };

  it('0 secrets and 0 ignored markers in the snapshot; the control marker is there', async () => {
    const parsers = new Parsers(devGrammar);
    let snapshot: string;
    try {
      const index = CodebaseIndex.empty();
      await syncIndex(root, index, parsers);
      snapshot = readFileSync(await saveIndex(storage, root, index), 'utf8').toLowerCase();
    } finally {
      parsers.dispose();
    }
    check('', (term) => snapshot.includes(JSON.stringify(term)));
  });

  it('0 secrets and 0 ignored markers in the database file of an index on disk; the control marker is there', async () => {
    const parsers = new Parsers(devGrammar);
    try {
      const { index } = await openRootIndex(root, storage, { fromFiles: 1 });
      await syncIndex(root, index, parsers);
      assert.equal(index.onDisk, true);
      index.close();
    } finally {
      parsers.dispose();
    }
    const file = databasePath(storage, root);
    const bytes = readFileSync(file).toString('latin1').toLowerCase();
    const db = openSqlite(file);
    // Every term the full-text index holds (its segments store terms prefix-compressed: not greppable), and every
    // word of the tables' text (paths, names, symbols).
    const words = new Set(db.all('SELECT term FROM fts_terms').map((r) => String(r.term)));
    for (const r of db.all("SELECT path || ' ' || names AS t FROM files UNION ALL SELECT symbol || ' ' || container FROM chunks UNION ALL SELECT name FROM names")) {
      for (const word of codeTokens(String(r.t))) words.add(word);
      for (const word of String(r.t).toLowerCase().split(/[^a-z0-9_$]+/)) words.add(word);
    }
    db.close();
    // The markers are greppable anywhere in the file's raw bytes: an ignored file's never, the control's always.
    check(' on disk', (term) => words.has(term), (marker) => bytes.includes(marker));
  });
});
