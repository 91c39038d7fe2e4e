import * as assert from 'node:assert/strict';
import { cleanCommitMessage, commitPrompt, cutMarker, fileList, filterDiff, fitDiff, languageText, splitDiff, unquote } from '../../../src/commands/commitMessage';
import { estimateTokens } from '../../../src/text/tokens';

/** A diff as `git diff --cached` writes it: a modified file, a new file, a deletion, a rename, a binary file. */
const DIFF = [
  'diff --git a/src/price.ts b/src/price.ts',
  'index 3b18e51..a8c4f2d 100644',
  '--- a/src/price.ts',
  '+++ b/src/price.ts',
  '@@ -1,3 +1,4 @@',
  ' export function price(n: number): number {',
  '-  return n;',
  '+  const discount = n > 100 ? 0.1 : 0;',
  '+  return n * (1 - discount);',
  ' }',
  'diff --git a/docs/new guide.md b/docs/new guide.md',
  'new file mode 100644',
  'index 0000000..e69de29',
  '--- /dev/null',
  '+++ b/docs/new guide.md\t',
  '@@ -0,0 +1 @@',
  '+# Guide',
  'diff --git a/old.txt b/old.txt',
  'deleted file mode 100644',
  'index e69de29..0000000',
  '--- a/old.txt',
  '+++ /dev/null',
  '@@ -1 +0,0 @@',
  '-gone',
  'diff --git a/a.ts b/b.ts',
  'similarity index 100%',
  'rename from a.ts',
  'rename to b.ts',
  'diff --git a/logo.png b/logo.png',
  'index 1111111..2222222 100644',
  'Binary files a/logo.png and b/logo.png differ',
  '',
].join('\n');

const none = () => false;

describe('commit message: the diff', () => {
  it('splits a diff into its files with path, change kind and line counts', () => {
    const files = splitDiff(DIFF);
    assert.deepEqual(
      files.map((f) => ({ path: f.path, oldPath: f.oldPath, change: f.change, binary: f.binary, added: f.added, removed: f.removed })),
      [
        { path: 'src/price.ts', oldPath: undefined, change: 'modified', binary: false, added: 2, removed: 1 },
        { path: 'docs/new guide.md', oldPath: undefined, change: 'added', binary: false, added: 1, removed: 0 },
        { path: 'old.txt', oldPath: undefined, change: 'deleted', binary: false, added: 0, removed: 1 },
        { path: 'b.ts', oldPath: 'a.ts', change: 'renamed', binary: false, added: 0, removed: 0 },
        { path: 'logo.png', oldPath: undefined, change: 'modified', binary: true, added: 0, removed: 0 },
      ],
    );
    assert.ok(files[0].text.startsWith('diff --git a/src/price.ts') && files[0].text.endsWith(' }'));
    assert.equal(files.map((f) => f.text).join('\n') + '\n', DIFF);
  });

  it('reads quoted paths (git quotes unusual bytes in octal) and an empty diff', () => {
    assert.equal(unquote('"caf\\303\\251 \\"x\\".txt"'), 'café "x".txt');
    assert.equal(unquote('plain.txt'), 'plain.txt');
    const [file] = splitDiff('diff --git "a/caf\\303\\251.txt" "b/caf\\303\\251.txt"\nindex 1..2 100644\n--- "a/caf\\303\\251.txt"\n+++ "b/caf\\303\\251.txt"\n@@ -1 +1 @@\n-a\n+b\n');
    assert.equal(file.path, 'café.txt');
    assert.deepEqual(splitDiff(''), []);
  });

  it('a file the rules ignore (by its new or its old path) and a credentials file are hidden', () => {
    const keyFile = 'diff --git a/prod.json b/prod.json\nnew file mode 100644\n--- /dev/null\n+++ b/prod.json\n@@ -0,0 +1,3 @@\n+{\n+  "type": "service_account",\n+  "private_key": "x"\n+}';
    const files = splitDiff(DIFF + keyFile);
    const { shown, hidden } = filterDiff(files, (p) => p === 'src/price.ts' || p === 'a.ts');
    assert.deepEqual(hidden.map((f) => f.path), ['src/price.ts', 'b.ts', 'prod.json']);
    assert.deepEqual(shown.map((f) => f.path), ['docs/new guide.md', 'old.txt', 'logo.png']);
  });
});

describe('commit message: fitting the diff to the budget', () => {
  const file = (path: string, lines: number) => splitDiff(`diff --git a/${path} b/${path}\n--- a/${path}\n+++ b/${path}\n@@ -1,${lines} +1,${lines} @@\n${Array.from({ length: lines }, (_, i) => `+line ${i} of ${path}`).join('\n')}\n`)[0];

  it('sends everything when it fits', () => {
    const files = [file('a.ts', 3), file('b.ts', 4)];
    const fitted = fitDiff(files, 10_000);
    assert.equal(fitted.text, files.map((f) => f.text).join('\n'));
    assert.deepEqual([fitted.cut, fitted.omitted], [[], []]);
  });

  it('keeps small files whole, cuts the large one with a marker, and stays within the budget', () => {
    const files = [file('big.ts', 400), file('small.ts', 3), file('mid.ts', 10)];
    const budget = 600;
    const fitted = fitDiff(files, budget);
    assert.deepEqual(fitted.cut, ['big.ts']);
    assert.deepEqual(fitted.omitted, []);
    assert.ok(fitted.text.includes(files[1].text) && fitted.text.includes(files[2].text));
    assert.match(fitted.text, /… \(\d+ more lines of this file's diff not shown\)/);
    assert.ok(fitted.tokens <= budget, `${fitted.tokens} tokens`);
    // In the diff's order: big.ts first.
    assert.ok(fitted.text.indexOf('big.ts') < fitted.text.indexOf('small.ts'));
  });

  it('leaves out a file whose share does not hold its header', () => {
    const fitted = fitDiff([file('a.ts', 50), file('b.ts', 50)], 30);
    assert.deepEqual(fitted.omitted, ['a.ts', 'b.ts']);
    assert.equal(fitted.text, '');
  });

  it('never cuts inside a private key: the cut moves past its end', () => {
    const key = ['-----BEGIN RSA PRIVATE KEY-----', ...Array.from({ length: 20 }, () => 'MIIEowIBAAKCAQEAvQ8k2n7Vb3Xr9Lq1Wm4Tz6Yp0Hs5Jd8Fc2Ng7Ka3Ue1Ri9Oy4'), '-----END RSA PRIVATE KEY-----'];
    const text = `diff --git a/k.pem.txt b/k.pem.txt\n--- a/k.pem.txt\n+++ b/k.pem.txt\n@@ -0,0 +1,40 @@\n+const a = 1;\n${key.map((l) => `+${l}`).join('\n')}\n+const b = 2;\n`;
    const [f] = splitDiff(text);
    const fitted = fitDiff([f], estimateTokens(f.text.split('\n').slice(0, 10).join('\n')) + 20);
    assert.deepEqual(fitted.cut, ['k.pem.txt']);
    assert.ok(fitted.text.includes('+-----END RSA PRIVATE KEY-----'), 'the whole key is kept, so redaction finds it');
    assert.ok(fitted.text.endsWith(cutMarker(1)));
  });
});

describe('commit message: the prompt', () => {
  const budget = { contextLength: 8192, maxTokens: 1024 };

  it('asks for a conventional commit in the language, with the file list and the diff', () => {
    const prompt = commitPrompt({ diff: DIFF, isIgnored: none, style: 'conventional', language: 'zh-cn' }, budget);
    const [system, user] = prompt.messages;
    assert.equal(system.role, 'system');
    assert.match(system.content, /Conventional Commits/);
    assert.match(system.content, /Simplified Chinese \(zh-cn\)/);
    assert.match(user.content, /staged changes/);
    assert.match(user.content, /^M src\/price\.ts \(\+2 -1\)$/m);
    assert.match(user.content, /^R a\.ts → b\.ts \(\+0 -0\)$/m);
    assert.match(user.content, /^M logo\.png \(binary\)$/m);
    assert.ok(user.content.includes('+  const discount = n > 100 ? 0.1 : 0;'));
    assert.ok(!user.content.includes('Binary files'), 'binary sections are not sent');
  });

  it('plain style, a language by name, and unstaged changes', () => {
    const prompt = commitPrompt({ diff: DIFF, isIgnored: none, style: 'plain', language: 'German', unstaged: true }, budget);
    assert.doesNotMatch(prompt.messages[0].content, /Conventional/);
    assert.match(prompt.messages[0].content, /Write the message in German\./);
    assert.match(prompt.messages[1].content, /working tree \(nothing is staged\)/);
    assert.equal(languageText('en'), 'English (en)');
    assert.equal(languageText('Brazilian Portuguese'), 'Brazilian Portuguese');
  });

  it('an ignored file is named without its content, and the prompt says why', () => {
    const prompt = commitPrompt({ diff: DIFF, isIgnored: (p) => p === 'src/price.ts', style: 'conventional', language: 'en' }, budget);
    const user = prompt.messages[1].content;
    assert.match(user, /^M src\/price\.ts \(content not shown: private\)$/m);
    assert.ok(!user.includes('discount'), 'nothing of the ignored file is sent');
    assert.match(user, /"content not shown" are private/);
    assert.deepEqual(prompt.hidden, ['src/price.ts']);
  });

  it('a large diff is cut to the budget and the prompt says so', () => {
    const big = Array.from({ length: 3000 }, (_, i) => `+const value${i} = compute(${i}, "some text to make the line longer");`).join('\n');
    const diff = `diff --git a/big.ts b/big.ts\nnew file mode 100644\n--- /dev/null\n+++ b/big.ts\n@@ -0,0 +1,3000 @@\n${big}\n` + DIFF;
    const small = { contextLength: 4096, maxTokens: 512 };
    const prompt = commitPrompt({ diff, isIgnored: none, style: 'conventional', language: 'en' }, small);
    const tokens = prompt.messages.reduce((n, m) => n + estimateTokens(m.content) + 4, 0);
    assert.ok(tokens <= small.contextLength - small.maxTokens, `${tokens} tokens`);
    assert.deepEqual(prompt.cut, ['big.ts']);
    assert.match(prompt.messages[1].content, /^A big\.ts \(\+3000 -0, diff cut\)$/m);
    assert.match(prompt.messages[1].content, /too long for this prompt/);
    assert.ok(prompt.messages[1].content.includes('+  return n * (1 - discount);'), 'the small files are whole');
  });

  it('a commit of very many files lists the first ones and counts the rest', () => {
    const files = splitDiff(Array.from({ length: 5 }, (_, i) => `diff --git a/f${i}.ts b/f${i}.ts\n--- a/f${i}.ts\n+++ b/f${i}.ts\n@@ -1 +1,2 @@\n-a\n+b\n+c`).join('\n'));
    assert.equal(fileList(files, [], { cut: [], omitted: [] }, 3), 'M f0.ts (+2 -1)\nM f1.ts (+2 -1)\nM f2.ts (+2 -1)\n… and 2 more files (+4 -2)');
    const many = Array.from({ length: 1500 }, (_, i) => `diff --git a/dir/file${i}.ts b/dir/file${i}.ts\n--- a/dir/file${i}.ts\n+++ b/dir/file${i}.ts\n@@ -1 +1 @@\n-old ${i}\n+new ${i}`).join('\n');
    const prompt = commitPrompt({ diff: many, isIgnored: none, style: 'plain', language: 'en' }, budget);
    assert.match(prompt.messages[1].content, /… and 1300 more files \(\+1300 -1300\)/);
  });

  it('says what to do when the context leaves no room for the diff', () => {
    assert.throws(() => commitPrompt({ diff: DIFF, isIgnored: none, style: 'plain', language: 'en' }, { contextLength: 1024, maxTokens: 900 }), /fathom\.chat\.maxTokens/);
  });
});

describe('commit message: cleaning the answer', () => {
  it('takes the message out of a fence, a preamble, a label and quotes', () => {
    assert.equal(cleanCommitMessage('```\nfeat(price): add a discount over 100\n```'), 'feat(price): add a discount over 100');
    assert.equal(cleanCommitMessage('Here is the commit message:\n\n```text\nfix: x\n\nBody line.\n```\nHope it helps!'), 'fix: x\n\nBody line.');
    assert.equal(cleanCommitMessage('"fix: handle empty carts"'), 'fix: handle empty carts');
    assert.equal(cleanCommitMessage('Commit message: docs: add the guide'), 'docs: add the guide');
    assert.equal(cleanCommitMessage('**Commit message:**\nchore: bump'), 'chore: bump');
    assert.equal(cleanCommitMessage('`refactor: split price`'), 'refactor: split price');
  });

  it('drops a reasoning block, trailing spaces and extra blank lines, and keeps a plain message as it is', () => {
    assert.equal(cleanCommitMessage('<think>The diff adds a rule.</think>\nfeat: add rule  \n\n\n\nWhy it matters.'), 'feat: add rule\n\nWhy it matters.');
    assert.equal(cleanCommitMessage('fix: keep "quoted" words'), 'fix: keep "quoted" words');
    assert.equal(cleanCommitMessage('Add the pricing guide\n\nExplains discounts.'), 'Add the pricing guide\n\nExplains discounts.');
    assert.equal(cleanCommitMessage(''), '');
  });
});
