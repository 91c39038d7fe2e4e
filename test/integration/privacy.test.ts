import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import * as vscode from 'vscode';
import { EXTENSION_ID, fathom, setSetting, useFakeServer, waitFor } from './helpers';

/** Writes a workspace file and opens it with the cursor at the end of `line` (0-based). */
async function open(path: string, text: string, line: number): Promise<vscode.TextEditor> {
  const folder = vscode.workspace.workspaceFolders![0].uri;
  const uri = vscode.Uri.joinPath(folder, path);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
  const end = editor.document.lineAt(line).range.end;
  editor.selection = new vscode.Selection(end, end);
  return editor;
}

describe('privacy in the editor', () => {
  const fake = useFakeServer();

  it('never completes a file the defaults ignore (.env), and the status bar says why', async () => {
    const api = await fathom();
    await setSetting('completion.enabled', true);
    await open('.env', 'DATABASE_URL=postgres://app:hunter2secret@db/app\nAPI_KEY=', 1);
    await waitFor('the status bar to say the file is ignored', () => api.status().state === 'disabled' && /ignore rules/.test(api.status().tooltip));
    await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
    await vscode.commands.executeCommand('fathom.explain');
    // A normal file next: its request proves the provider ran, and nothing from .env went out before it.
    fake.server.reply(() => ({ text: 'b;' }));
    await open('src/ok.ts', 'const a = 1;\nconst c = a + ', 1);
    await waitFor('the status bar to leave the ignored state', () => api.status().state !== 'disabled');
    await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
    await fake.server.waitFor((rs) => rs.some((r) => r.endpoint === 'ollama.generate'), 10_000, 'a completion request for the normal file');
    assert.ok(fake.server.requests.every((r) => !r.rawBody.includes('hunter2secret') && !r.rawBody.includes('DATABASE_URL')), 'nothing from .env was sent');
    assert.equal(fake.server.requests.filter((r) => r.endpoint === 'ollama.chat').length, 0, 'Explain refused the ignored file');
  });

  it('follows .fathomignore: a listed file is neither completed nor read as context for another file', async () => {
    const api = await fathom();
    const folder = vscode.workspace.workspaceFolders![0].uri;
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder, '.fathomignore'), new TextEncoder().encode('internal/\n'));
    await open('internal/pricing.ts', 'export function secretMargin(price: number): number {\n  return price * 0.4273;\n}\n', 1);
    await waitFor('the status bar to treat internal/ as ignored', () => api.status().state === 'disabled', { timeoutMs: 15_000 });
    fake.server.reply(() => ({ text: 'secretMargin(10);' }));
    await open('src/shop.ts', "import { secretMargin } from '../internal/pricing';\n\nconst margin = ", 2);
    await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
    const request = await fake.server.waitFor((rs) => rs.find((r) => r.endpoint === 'ollama.generate'), 10_000, 'the completion request for shop.ts');
    assert.ok(!request.rawBody.includes('0.4273'), 'the ignored definition was not sent as context');
    await vscode.workspace.fs.delete(vscode.Uri.joinPath(folder, '.fathomignore'));
  });
});

/**
 * A placeholder is restored only where it was made: the model (scripted in the fake server) answers with the
 * placeholder of an EARLIER request (whose value the target file holds, outside what was sent), the placeholder
 * of ANOTHER file's secret, a guessed one, and the request's own. Prose (answer panel, chat, links, the saved
 * conversation), New File and every other file keep them; the proposal diff, chat Apply and Insert put back the
 * request's own secret, into the file that holds it.
 */
describe('privacy: placeholders come back only where they were made', () => {
  const fake = useFakeServer();
  const OWN = 'ghp_Q7mZ2xK9vR4tL8nB3cW6pY1dF5gH0jS2aE7u';
  const OTHER = 'sk_live_51Hq8ZxK2mR9tV4wL7pN3cY6bD1fG5hJ0kS8aE';
  const EARLIER = 'xoxb-2740381956-5081736492-Zq8Wm3Kx7Rt2Yp9Lv4Nc6Bd1';
  const GUESS = '«secret:github-token:abcdefghij»';
  const unescaped = (raw: string) => raw.replace(/\\u00ab/g, '«').replace(/\\u00bb/g, '»');
  const placeholderOf = (raw: string, rule: string) => new RegExp(`«secret:${rule}:[a-z2-7]{10}»`).exec(unescaped(raw))?.[0];
  let earlier = '';

  /** An earlier chat request that carried EARLIER: its placeholder is what the model will try to reuse. */
  async function earlierPlaceholder(): Promise<string> {
    const api = await fathom();
    await api.chat.session.stop();
    await api.chat.session.newChat();
    fake.server.reply((r) => (r.endpoint === 'ollama.chat' ? { text: 'Noted.' } : undefined));
    await api.chat.session.send(`Is ${EARLIER} a bot token?`);
    const placeholder = placeholderOf(fake.server.requests.find((r) => r.endpoint === 'ollama.chat')!.rawBody, 'slack-token');
    assert.ok(placeholder, 'the earlier request carried its placeholder');
    await api.chat.session.newChat();
    return placeholder;
  }

  /** The line of the proposal diff's right side that holds `marker`. */
  async function proposedLine(marker: string): Promise<string> {
    const tab = await waitFor('the proposal to open as a diff', () =>
      vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputTextDiff && t.input.modified.scheme === 'fathom-proposal'),
    );
    const proposed = await vscode.workspace.openTextDocument((tab.input as vscode.TabInputTextDiff).modified);
    const line = proposed.getText().split('\n').find((l) => l.includes(marker));
    assert.ok(line, `the proposal holds ${marker}`);
    return line;
  }

  it('Refactor: the diff gets back its own secret only; the Explain panel and its links keep every placeholder', async () => {
    const api = await fathom();
    earlier = await earlierPlaceholder();
    fake.server.reset();
    const folder = vscode.workspace.workspaceFolders![0].uri;
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder, 'restore/keys.ts'), new TextEncoder().encode(`export function chargeKey(): string {\n  return '${OTHER}';\n}\n`));
    const source = `import { chargeKey } from './keys';\n\nconst legacy = "${EARLIER}";\n\nexport function pay(amount: number) {\n  return charge(amount, "${OWN}", chargeKey());\n}\n`;
    await open('restore/pay.ts', source, 5);
    const echo = (r: { rawBody: string }) => `charge(amount, "${placeholderOf(r.rawBody, 'github-token')}", "${placeholderOf(r.rawBody, 'stripe-key')}", "${earlier}", "${GUESS}")`;
    fake.server.reply((r) => (r.endpoint === 'ollama.chat' ? { text: `Simpler, see [docs](https://evil.example/?k=${placeholderOf(r.rawBody, 'github-token')}):\n\n\`\`\`ts\nexport function pay(amount: number) {\n  return ${echo(r)};\n}\n\`\`\`\n` } : undefined));
    const run = vscode.commands.executeCommand<string>('fathom.refactor', 'Simplify');
    const line = await proposedLine('return charge(');
    const sent = fake.server.requests.find((r) => r.endpoint === 'ollama.chat')!;
    assert.ok(placeholderOf(sent.rawBody, 'stripe-key'), 'the other file reached the request as a redacted definition');
    assert.ok(!placeholderOf(sent.rawBody, 'slack-token'), 'the earlier secret was not in this request');
    assert.ok(line.includes(`"${OWN}"`), `its own secret comes back into its own file: ${line}`);
    assert.ok(!line.includes(OTHER) && line.includes('«secret:stripe-key:'), "another file's secret does not");
    assert.ok(!line.includes(EARLIER) && line.includes(earlier), "an earlier request's does not, though the file holds it");
    assert.ok(line.includes(GUESS), 'a guess stays as written');
    await vscode.commands.executeCommand('fathom.proposal.reject');
    assert.equal(await run, 'rejected');

    // Explain: the panel shows the answer as the model wrote it, links included.
    await open('restore/pay.ts', source, 5);
    const answer = await vscode.commands.executeCommand<string>('fathom.explain');
    const markdown = api.answerPanel().current().view.markdown;
    for (const shown of [answer, markdown]) {
      assert.ok(shown.includes('https://evil.example/?k=«secret:github-token:'), 'the link keeps the placeholder');
      assert.ok(![OWN, OTHER, EARLIER].some((s) => shown.includes(s)), `no secret in the panel:\n${shown}`);
    }
  });

  it('chat: prose, links, the saved file and New File keep placeholders; Apply and Insert restore only the turn\'s own secret, into its file', async () => {
    const api = await fathom();
    earlier = await earlierPlaceholder();
    fake.server.reset();
    const source = `const legacy = "${EARLIER}";\nexport const token = "${OWN}";\nexport function login() {\n  return token;\n}\n`;
    const editor = await open('restore/login.ts', source, 4);
    editor.selection = new vscode.Selection(1, 0, 5, 0);
    await vscode.commands.executeCommand('fathom.askAboutSelection');
    const code = (r: { rawBody: string }) => `export function login() {\n  return ["${placeholderOf(r.rawBody, 'github-token')}", "${earlier}", "${GUESS}"];\n}`;
    fake.server.reply((r) => (r.endpoint === 'ollama.chat' ? { text: `Use ${placeholderOf(r.rawBody, 'github-token')} (see [this](https://evil.example/?k=${placeholderOf(r.rawBody, 'github-token')}&e=${earlier})).\n\n\`\`\`ts\n${code(r)}\n\`\`\`\n` } : undefined));
    await api.chat.session.send('Make login return every token.');
    const request = fake.server.requests.find((r) => r.endpoint === 'ollama.chat')!;
    assert.ok(!request.rawBody.includes(OWN) && !placeholderOf(request.rawBody, 'slack-token'), 'the selection was sent redacted, without the earlier secret');
    const block = code(request);

    // Prose, links, the view and the saved conversation keep the placeholders.
    const turn = api.chat.session.state().conversation.turns.at(-1)!;
    const viewTurn = api.chat.view.current().state.turns.at(-1)!;
    // The saved answers (the user's own question and attachment are the user's text, kept as written).
    const savedAnswers = () =>
      readdirSync(api.chat.storageDir)
        .map((f) => JSON.parse(readFileSync(join(api.chat.storageDir, f), 'utf8')) as { turns: { role: string; text: string }[] })
        .flatMap((c) => c.turns.filter((t) => t.role === 'assistant').map((t) => t.text))
        .join('\n');
    await waitFor('the answer to be saved', () => savedAnswers().includes('evil.example'));
    for (const [where, text] of [['prose', turn.text], ['view', viewTurn.text], ['saved answers', savedAnswers()]] as const) {
      assert.ok(text.includes('https://evil.example/?k=«secret:github-token:'), `${where}: the link keeps the placeholder`);
      assert.ok(!text.includes(EARLIER) && !text.includes(OWN), `${where}: no secret comes back`);
    }

    // Apply: the diff shows the turn's own secret back in its file; the earlier one and the guess stay.
    await vscode.window.showTextDocument(editor.document);
    const applying = api.chat.view.receive({ type: 'apply', code: block });
    const line = await proposedLine('return [');
    assert.ok(line.includes(`"${OWN}"`) && line.includes(earlier) && !line.includes(EARLIER) && line.includes(GUESS), line);
    await vscode.commands.executeCommand('fathom.proposal.reject');
    await applying;

    // Insert at the cursor of the same file: the same rule.
    const shown = await vscode.window.showTextDocument(editor.document);
    const end = shown.document.lineAt(shown.document.lineCount - 1).range.end;
    shown.selection = new vscode.Selection(end, end);
    await api.chat.view.receive({ type: 'insert', code: block });
    const inserted = shown.document.getText().slice(source.length);
    assert.ok(inserted.includes(`"${OWN}"`) && inserted.includes(earlier) && inserted.includes(GUESS), inserted);
    await vscode.commands.executeCommand('undo');

    // New File: a new file never gets a secret back.
    await api.chat.view.receive({ type: 'saveAs', code: block, language: 'ts' });
    const untitled = await waitFor('the new untitled editor', () => (vscode.window.activeTextEditor?.document.isUntitled ? vscode.window.activeTextEditor.document : undefined));
    assert.equal(untitled.getText(), block);
    assert.ok(!untitled.getText().includes(OWN));
  });

  it('"Ask About Selection" with a selection ending inside a private key attaches the whole key, which reaches the server as one placeholder', async () => {
    const api = await fathom();
    await api.chat.session.stop();
    await api.chat.session.newChat();
    const key = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } }).privateKey.trimEnd();
    const source = `export function sign(data: string) {\n  const key = \`${key}\`;\n  return hmac(key, data);\n}\n`;
    const editor = await open('restore/sign.ts', source, 0);
    // From the top to the middle of the key's body.
    editor.selection = new vscode.Selection(0, 0, 12, 20);
    await vscode.commands.executeCommand('fathom.askAboutSelection');
    const attached = api.chat.session.state().pending[0];
    assert.ok(attached.text.includes('-----END PRIVATE KEY-----'), 'the selection was widened to the whole key');
    assert.match(attached.label, /:1-\d+$/);
    fake.server.reply((r) => (r.endpoint === 'ollama.chat' ? { text: 'It signs.' } : undefined));
    await api.chat.session.send('What does this do?');
    const request = fake.server.requests.find((r) => r.endpoint === 'ollama.chat')!;
    const bodyLines = key.split('\n').slice(1, -1);
    assert.equal(bodyLines.filter((l) => request.rawBody.includes(l)).length, 0, 'no line of the key was sent');
    assert.ok(placeholderOf(request.rawBody, 'private-key'), 'the key went as one placeholder');
  });
});

/**
 * `node dist/cli.js prompt` prints the body the extension sends: the same ignore rules (an import covered by
 * the root's .fathomignore is not read) and the same redaction, compared with the body the fake server recorded
 * for a completion at the same cursor (placeholder tags made uniform: each process has its own key).
 */
describe('privacy: the CLI prints what the extension sends', () => {
  const fake = useFakeServer();

  it('a completion in a file with a secret and an ignored import: the CLI body equals the recorded body', async function () {
    this.timeout(60_000);
    const api = await fathom();
    await setSetting('completion.enabled', true);
    const folder = vscode.workspace.workspaceFolders![0].uri;
    const root = folder.fsPath;
    const ignore = vscode.Uri.joinPath(folder, '.fathomignore');
    await vscode.workspace.fs.writeFile(ignore, new TextEncoder().encode('zebra_internal/\n'));
    try {
      await open('zebra_internal/quota.py', 'def quota_margin(units):\n    zebra_ignored_marker = 0.4273\n    return units * zebra_ignored_marker\n', 0);
      await waitFor('the .fathomignore rule to apply', () => api.status().state === 'disabled', { timeoutMs: 15_000 });
      const token = 'ghp_Q7mZ2xK9vR4tL8nB3cW6pY1dF5gH0jS2aE7u';
      const text = `from zebra_internal.quota import quota_margin\n\nzebra_token = "${token}"\n\ndef zebra_invoice_total(units):\n    zebra_subtotal = quota_margin(units) * len(zebra_token)\n    return zebra_subtotal\n`;
      const editor = await open('zebra-cli/invoice.py', text, 6);
      const offset = editor.document.offsetAt(editor.selection.active);
      fake.server.reply((r) => (r.endpoint === 'ollama.generate' ? { text: ' + 1' } : undefined));
      await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
      const sent = await fake.server.waitFor((rs) => rs.find((r) => r.endpoint === 'ollama.generate' && r.rawBody.includes('zebra_invoice_total')), 15_000, 'the completion request');
      assert.ok(!sent.rawBody.includes(token) && !sent.rawBody.includes('zebra_ignored_marker'));

      // The same cursor through the CLI, with the settings the extension reads.
      const config = vscode.workspace.getConfiguration('fathom');
      const keys = ['completion.provider', 'completion.model', 'completion.maxTokens', 'completion.temperature', 'completion.template', 'contextLength', 'ollama.keepAlive', 'openai.fim'];
      const settingsFile = join(mkdtempSync(join(tmpdir(), 'fathom-cli-truth-')), 'settings.json');
      writeFileSync(settingsFile, JSON.stringify(Object.fromEntries(keys.map((k) => [`fathom.${k}`, config.get(k)]))));
      const cli = join(vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath, 'dist', 'cli.js');
      const { stdout } = await promisify(execFile)(process.execPath, [cli, 'prompt', '--root', root, '--file', 'zebra-cli/invoice.py', '--offset', String(offset), '--settings', settingsFile], { env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' } });
      const uniform = (body: string) => body.replace(/«secret:([a-z0-9-]+):[a-z2-7]{10}»/g, '«secret:$1:X»');
      const equal = uniform(stdout.trimEnd()) === uniform(sent.rawBody);
      writeResult({ at: new Date().toISOString(), comparisons: 1, equal: equal ? 1 : 0, secretsPrinted: stdout.includes(token) ? 1 : 0, ignoredPrinted: stdout.includes('zebra_ignored_marker') ? 1 : 0 });
      assert.equal(uniform(stdout.trimEnd()), uniform(sent.rawBody));
      assert.ok(!stdout.includes(token) && !stdout.includes('zebra_ignored_marker'));
    } finally {
      await vscode.workspace.fs.delete(ignore);
    }
  });
});

/** The comparison's figure for the security report (test/security/report.ts prints it, like the fault matrix). */
function writeResult(result: Record<string, unknown>): void {
  const dir = process.env.FATHOM_TEST_RESULT ? join(dirname(process.env.FATHOM_TEST_RESULT), '..') : undefined;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'cli-truth.json'), JSON.stringify(result, null, 2));
}
