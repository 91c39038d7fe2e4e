import * as assert from 'node:assert/strict';
import { CURSOR, fathom, openWithCursor, triggerAndAccept, useFakeServer } from './helpers';

interface GenerateBody {
  model?: string;
  prompt?: string;
  suffix?: string;
  stream?: boolean;
}

describe('inline completions', () => {
  const fake = useFakeServer();

  before(() => fathom());

  it('asks the server with the text around the cursor and inserts its answer', async () => {
    fake.server.reply(() => ({ text: 'a + b;' }));
    const editor = await openWithCursor(`export function add(a: number, b: number): number {\n  return ${CURSOR}\n}\n`);
    const text = await triggerAndAccept(editor);
    assert.equal(text, `export function add(a: number, b: number): number {\n  return a + b;${CURSOR}\n}\n`);

    const request = await fake.server.waitFor((rs) => rs.find((r) => r.endpoint === 'ollama.generate'), 5000, 'a generate request');
    const body = request.body as GenerateBody;
    assert.ok(body.prompt?.endsWith('  return '), `the prompt ends at the cursor: ${JSON.stringify(body.prompt)}`);
    assert.ok(body.suffix?.startsWith('\n}'), `the suffix starts after the cursor: ${JSON.stringify(body.suffix)}`);
    assert.equal(body.model, 'qwen2.5-coder:1.5b');
  });

  it('joins a streamed answer', async () => {
    fake.server.reply(() => ({ chunks: ['items', '.map((item) => ', 'item.id', ');'] }));
    const editor = await openWithCursor(`const ids = ${CURSOR}\n`, 'js');
    assert.equal(await triggerAndAccept(editor), `const ids = items.map((item) => item.id);${CURSOR}\n`);
  });

  it('completes in any file type', async () => {
    fake.server.reply(() => ({ text: ' world' }));
    const editor = await openWithCursor(`hello${CURSOR}`, 'txt');
    assert.equal(await triggerAndAccept(editor), `hello world${CURSOR}`);
  });
});
