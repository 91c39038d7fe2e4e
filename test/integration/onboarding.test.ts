/** The walkthrough's actions: choosing a backend sets both roles at once; the sample file is ready to complete in. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { fathom, setSetting, triggerAndAccept, useFakeServer } from './helpers';

const get = (key: string) => vscode.workspace.getConfiguration('fathom').get(key);

describe('onboarding', () => {
  const fake = useFakeServer();

  it('"Choose Backend: OpenAI" points both roles at OpenAI with models it has', async () => {
    await fathom();
    // Recorded so that everything chooseBackend changes is put back after the test.
    for (const key of ['completion.provider', 'chat.provider', 'completion.model', 'chat.model', 'openai.baseUrl']) await setSetting(key, get(key));
    // A hybrid setup before: the choice puts both roles on the chosen server, so their own servers go.
    await setSetting('chat.baseUrl', 'http://gpu-box:11434');
    const before = get('ollama.baseUrl');
    assert.equal(await vscode.commands.executeCommand('fathom.chooseBackend', 'openai'), 'openai');
    assert.equal(get('completion.provider'), 'openai');
    assert.equal(get('chat.provider'), 'openai');
    assert.equal(get('openai.baseUrl'), 'https://api.openai.com/v1');
    assert.equal(get('chat.model'), 'gpt-4o-mini');
    assert.equal(get('ollama.baseUrl'), before, 'the Ollama address is kept for later');
    assert.equal(get('chat.baseUrl'), '', 'the chat role uses the chosen server again');
    assert.equal(await vscode.commands.executeCommand('fathom.chooseBackend', 'ollama'), 'ollama');
    assert.equal(get('completion.provider'), 'ollama');
    assert.equal(get('chat.provider'), 'ollama');
  });

  it('"Open Sample File" opens TypeScript with the cursor where a completion fits, and one comes', async () => {
    await fathom();
    await setSetting('completion.enabled', true);
    fake.server.reply((r) => (r.endpoint === 'ollama.generate' ? { text: 'return order.items.reduce((sum, i) => sum + i.price * i.quantity, 0);' } : undefined));
    const editor = await vscode.commands.executeCommand<vscode.TextEditor>('fathom.openSample');
    assert.equal(editor.document.languageId, 'typescript');
    assert.equal(editor.document.isUntitled, true);
    const after = await triggerAndAccept(editor);
    assert.match(after, /export function orderTotal\(order: Order\): number \{\n {2}return order\.items\.reduce\(.*\);█\n\}/);
  });
});
