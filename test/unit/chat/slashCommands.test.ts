/** Slash commands in the chat's message box, and `@terminal`'s text: what the model reads. */
import assert from 'node:assert/strict';
import type { Attachment, ChatTurn } from '../../../src/chat/conversation';
import { attachmentText, buildChatMessages, questionText } from '../../../src/chat/messages';
import { expandSlashCommand, parseSlashCommand, SLASH_COMMANDS } from '../../../src/chat/slashCommands';
import { keepTail, outputAfter, plainTerminalText, terminalRunText } from '../../../src/chat/terminalText';

const code: Attachment = { id: 'a1', kind: 'selection', label: 'stats.ts:1-3', path: 'src/stats.ts', languageId: 'typescript', text: 'export const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;', startLine: 1, endLine: 3 };

describe('chat: slash commands', () => {
  it('knows /explain, /fix, /tests, /doc and /commit', () => {
    assert.deepEqual(SLASH_COMMANDS.map((c) => c.name), ['explain', 'fix', 'tests', 'doc', 'commit']);
    assert.deepEqual(SLASH_COMMANDS.filter((c) => c.needsCode).map((c) => c.name), ['explain', 'fix', 'tests', 'doc']);
  });

  it('reads a command at the start, with what follows it, in any case', () => {
    assert.deepEqual(parseSlashCommand('/explain')?.spec.name, 'explain');
    assert.deepEqual(parseSlashCommand('  /FIX  the off-by-one\n please')?.rest, 'the off-by-one\n please');
    assert.equal(parseSlashCommand('/tests\nwith vitest')?.rest, 'with vitest');
    assert.equal(parseSlashCommand('/commit')?.spec.needsCode, false);
  });

  it('leaves anything else alone: an unknown command, a path, a command later in the text, a longer word', () => {
    for (const text of ['/deploy now', '/usr/bin/env is missing', 'please /explain this', '/explained', '/', '']) assert.equal(parseSlashCommand(text), undefined, text);
    assert.equal(expandSlashCommand('/usr/bin/env is missing'), '/usr/bin/env is missing');
  });

  it('the model reads the command\'s instruction, and what the user added after it', () => {
    assert.match(expandSlashCommand('/explain'), /^Explain the attached code/);
    assert.doesNotMatch(expandSlashCommand('/explain'), /\/explain/);
    const fix = expandSlashCommand('/fix it crashes on an empty list');
    assert.match(fix, /^Find what is wrong in the attached code/);
    assert.match(fix, /\n\nAlso: it crashes on an empty list$/);
    assert.equal(expandSlashCommand('/commit'), '/commit', 'not a chat question');
  });

  it('a question that starts with a command is sent as its instruction, after the attached code; the turn keeps what was typed', () => {
    const turn: ChatTurn = { id: 'q1', role: 'user', text: '/tests with edge cases', attachments: [code], at: 1 };
    const text = questionText(turn);
    assert.ok(text.startsWith(attachmentText(code)));
    assert.match(text, /Write unit tests for the attached code[^\n]*\n\nAlso: with edge cases$/);
    const built = buildChatMessages('system', [turn], { contextLength: 4096, maxTokens: 512 });
    assert.equal(built.messages[1].content, text);
    assert.equal(turn.text, '/tests with edge cases');
  });
});

describe('chat: @terminal text', () => {
  it('removes colours, cursor moves and shell-integration marks, and resolves carriage-return rewrites', () => {
    const raw = '\u001b]633;C\u0007\u001b[31mError:\u001b[0m cannot find module \u001b[1m"x"\u001b[22m\r\nprogress 10%\rprogress 100%\r\n\u001b[2Kdone   \n';
    assert.equal(plainTerminalText(raw), 'Error: cannot find module "x"\nprogress 100%\ndone\n');
  });

  it('keeps the end of a long output, from a line start, saying how much was left out', () => {
    const lines = Array.from({ length: 1000 }, (_, i) => `line ${i}`).join('\n');
    const kept = keepTail(lines, 100);
    assert.match(kept, /^… \(\d+ earlier lines not shown\)\n/);
    assert.ok(kept.endsWith('line 999'));
    assert.ok(kept.length < 160);
    const [note, first] = kept.split('\n');
    assert.equal(Number(/\d+/.exec(note)![0]) + kept.split('\n').length - 1, 1000, `${note} / ${first}`);
    assert.equal(keepTail('short', 100), 'short');
  });

  it('writes the command, its output and its exit code', () => {
    assert.equal(terminalRunText({ commandLine: 'npm test ', output: '\u001b[32m1 passing\u001b[0m\r\n1 failing\r\n', exitCode: 1, cwd: '/repo' }), '# in /repo\n$ npm test\n1 passing\n1 failing\n# exit code 1');
    assert.equal(terminalRunText({ output: 'only the buffer\n' }), 'only the buffer');
  });

  it('the model is told what a terminal attachment is', () => {
    const terminal: Attachment = { id: 't', kind: 'terminal', label: 'Terminal: npm test', path: 'bash', languageId: 'console', text: '$ npm test\n1 failing' };
    assert.equal(attachmentText(terminal), 'The last command run in the terminal, and its output:\n```console\n$ npm test\n1 failing\n```');
  });

  it('finds a command\'s output on the screen: after the last line showing the command, without the next prompt', () => {
    const screen = 'me@box:~/app$ ls\nsrc\nme@box:~/app$ npm test\n\u001b[31m1 failing\u001b[0m\n  at test.js:3\nme@box:~/app$ \n\n';
    assert.equal(outputAfter(screen, 'npm test', true), '1 failing\n  at test.js:3');
    assert.equal(outputAfter(screen, 'npm test', false), '1 failing\n  at test.js:3\nme@box:~/app$', 'still running: no prompt to drop');
    assert.equal(outputAfter(screen, 'make', true), undefined);
    assert.equal(outputAfter(screen, '  ', true), undefined);
  });
});
