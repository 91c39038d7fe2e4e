/**
 * Bounded work on files a model cannot take whole: a minified bundle (megabytes on one line), a file far
 * larger than the parser's limit, and a language Fathom has no grammar for. Completions, Explain and chat
 * still work on them, and what is sent stays within the model's context.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { CURSOR, fathom, openWithCursor, setSetting, triggerAndAccept, useFakeServer, waitFor } from './helpers';

/** A request within an 8,192-token context cannot be much larger than this (about 4 characters per token, plus JSON). */
const BODY_LIMIT = 8192 * 6;

const minified = (bytes: number) => {
  const parts: string[] = [];
  for (let i = 0, size = 0; size < bytes; i++) {
    const part = `function f${i}(a,b){var c=a*${i}+b;return c>${i}?c-${i}:c+${i}}`;
    parts.push(part);
    size += part.length;
  }
  return parts.join(';');
};

describe('bounded work on huge, minified and unknown files', function () {
  // Writing and opening megabytes (and VS Code's own language features on them) takes a while on a busy machine.
  this.timeout(90_000);
  const fake = useFakeServer();

  it('a 2 MB minified bundle on one line: the completion comes, its prompt fits the model', async () => {
    await fathom();
    await setSetting('completion.enabled', true);
    fake.server.reply((r) => (r.endpoint === 'ollama.generate' ? { text: 'f0(1,2)' } : undefined));
    const editor = await openWithCursor(`${minified(2_000_000)};var result=${CURSOR}`, 'js');
    assert.ok(editor.document.getText().length > 2_000_000);
    const after = await triggerAndAccept(editor, { timeoutMs: 20_000 });
    assert.ok(after.endsWith(`var result=f0(1,2)${CURSOR}`), after.slice(-60));
    const request = fake.server.requests.find((r) => r.endpoint === 'ollama.generate');
    assert.ok(request && request.rawBody.length < BODY_LIMIT, `the request is ${request?.rawBody.length} bytes`);
  });

  it('Explain on the minified bundle sends a bounded part of it, and says what it explains', async () => {
    const api = await fathom();
    const errorsBefore = api.commands.shownErrors().length;
    fake.server.reply((r) => (r.endpoint === 'ollama.chat' ? { text: 'Minified functions.' } : undefined));
    const editor = await openWithCursor(`${minified(2_000_000).replace('function f500(', `function f500(${CURSOR}`)}\n`, 'js');
    const answer = await vscode.commands.executeCommand<string | undefined>('fathom.explain');
    assert.equal(answer, 'Minified functions.');
    const request = fake.server.requests.find((r) => r.endpoint === 'ollama.chat');
    assert.ok(request && request.rawBody.length < BODY_LIMIT, `the request is ${request?.rawBody.length} bytes`);
    assert.ok(request.rawBody.includes('f500'), 'the function at the cursor is what was sent');
    assert.equal(api.commands.shownErrors().length, errorsBefore, 'no error shown');
    assert.equal(editor.document.isDirty, false);
  });

  it('a file above the parser’s limit (2.4 MB) completes from the text around the cursor', async () => {
    await setSetting('completion.enabled', true);
    fake.server.reply((r) => (r.endpoint === 'ollama.generate' ? { text: ' + 1;' } : undefined));
    const lines = Array.from({ length: 40_000 }, (_, i) => `export const value${i} = ${i}; // filler line to make the file large`);
    const editor = await openWithCursor(`${lines.join('\n')}\nexport const last = value0${CURSOR}\n`, 'ts');
    assert.ok(editor.document.getText().length > 2_000_000);
    const after = await triggerAndAccept(editor, { timeoutMs: 30_000 });
    assert.ok(after.includes(`export const last = value0 + 1;${CURSOR}`));
    const request = fake.server.requests.find((r) => r.endpoint === 'ollama.generate');
    assert.ok(request && request.rawBody.length < BODY_LIMIT, `the request is ${request?.rawBody.length} bytes`);
  });

  it('a language without a grammar completes and explains from indentation', async () => {
    await setSetting('completion.enabled', true);
    fake.server.reply((r) => (r.endpoint === 'ollama.generate' ? { text: 'done' } : r.endpoint === 'ollama.chat' ? { text: 'A small script.' } : undefined));
    const editor = await openWithCursor('proc greet {name} {\n    puts "hello $name"\n}\ngreet world\n# status: █\n', 'tcl');
    const after = await triggerAndAccept(editor);
    assert.ok(after.includes(`# status: done${CURSOR}`));
    editor.selection = new vscode.Selection(1, 4, 1, 4);
    const answer = await vscode.commands.executeCommand<string | undefined>('fathom.explain');
    assert.equal(answer, 'A small script.');
    const request = await waitFor('the Explain request', () => fake.server.requests.find((r) => r.endpoint === 'ollama.chat'));
    assert.ok(request.rawBody.includes('puts'), 'the block around the cursor was sent');
  });
});
