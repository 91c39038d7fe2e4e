/**
 * Tests look only inside folders they created (the developers' guide): no test lists the system's temp folder,
 * the user's home, or the parent of its own temporary folder — places other programs write to, so a listing
 * there passes or fails with whatever else runs on the machine (issue 18: a `chat-*` file left in /tmp failed
 * the chat store's test). Precise on purpose: it flags the listing calls themselves, not a variable that may hold
 * such a path.
 */
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const REPO = resolve(__dirname, '../../..');
/** Test code, the harness and the benchmarks; the fixtures are sample workspaces, not code that runs. */
const ROOTS = ['test', 'bench'].map((d) => join(REPO, d));
const SKIP = [join(REPO, 'test', 'fixtures')];

function codeFiles(dir: string): string[] {
  if (SKIP.includes(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? codeFiles(path) : /\.(ts|mts|mjs|js)$/.test(path) ? [path] : [];
  });
}

const LIST = String.raw`\b(?:readdir|readdirSync|opendir|opendirSync|glob|globSync)\s*\(\s*`;
const SHARED = [
  // readdir(tmpdir()), readdirSync(os.homedir())
  String.raw`(?:os\.)?(?:tmpdir|homedir)\s*\(\s*\)`,
  // readdir(join(dir, '..')), readdir(resolve(dir, '..'))
  String.raw`(?:path\.)?(?:join|resolve)\s*\([^()]*['"]\.\.['"]\s*\)`,
  // readdir(dirname(dir))
  String.raw`(?:path\.)?dirname\s*\(`,
  // readdir(process.env.HOME), readdir(process.env.TMPDIR)
  String.raw`process\.env\.(?:HOME|USERPROFILE|TMPDIR|TEMP|TMP)\b`,
];
const PATTERN = new RegExp(`${LIST}(?:${SHARED.join('|')})`);

function sharedListings(text: string): string[] {
  return text.split('\n').filter((line) => PATTERN.test(line));
}

describe('architecture: tests list only folders they created', () => {
  it('catches listings of the temp folder, the home folder and a parent folder, and not of a folder of its own', () => {
    const flagged = [
      "    assert.deepEqual(await readdir(join(dir, '..')).then((names) => names.filter((n) => n.startsWith('chat-'))), []);",
      '  const names = readdirSync(tmpdir());',
      '  for (const f of await fs.readdir(os.homedir())) x(f);',
      '  readdirSync(resolve(root, ".."));',
      '  await readdir(dirname(dir));',
      '  readdirSync(process.env.HOME!);',
    ];
    for (const line of flagged) assert.deepEqual(sharedListings(line), [line], line);
    const allowed = [
      '    assert.deepEqual(await readdir(dir), []);',
      "    dir = await mkdtemp(join(tmpdir(), 'fathom-chat-store-'));",
      "  return readdirSync(dir).flatMap((name) => {",
      "    assert.deepEqual(await readdir(join(dir, 'chat')), []);",
      '    readdirSync(api.chat.storageDir)',
    ];
    for (const line of allowed) assert.deepEqual(sharedListings(line), [], line);
  });

  it('no test, harness or benchmark file lists a shared location', () => {
    const self = resolve(__filename);
    const found = ROOTS.flatMap(codeFiles)
      .filter((file) => resolve(file) !== self)
      .flatMap((file) => sharedListings(readFileSync(file, 'utf8')).map((line) => `${relative(REPO, file)}: ${line.trim()}`));
    assert.deepEqual(found, []);
  });
});
