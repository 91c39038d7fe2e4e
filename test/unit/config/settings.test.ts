import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DEFAULT_SETTINGS, objectSource, parseConfig } from '../../../src/config/settings';
import { apiKeySecretName } from '../../../src/config/apiKeys';

const manifest = JSON.parse(readFileSync(resolve(__dirname, '../../../package.json'), 'utf8'));
const properties: Record<string, { default: unknown; description?: string; markdownDescription?: string }> = manifest.contributes.configuration.properties;

describe('settings', () => {
  it('package.json contributes every setting, with the same default and a description', () => {
    const keys = Object.keys(DEFAULT_SETTINGS).map((k) => `fathom.${k}`);
    assert.deepEqual(Object.keys(properties).sort(), keys.sort());
    for (const [key, value] of Object.entries(DEFAULT_SETTINGS)) {
      const p = properties[`fathom.${key}`];
      assert.deepEqual(p.default, value, `default of fathom.${key}`);
      assert.ok(p.description || p.markdownDescription, `fathom.${key} has a description`);
    }
  });

  it('works with zero configuration for a user who has Ollama', () => {
    const c = parseConfig(() => undefined);
    assert.equal(c.completion.provider, 'ollama');
    assert.equal(c.chat.provider, 'ollama');
    assert.equal(c.ollama.baseUrl, 'http://127.0.0.1:11434');
    assert.equal(c.completion.model, 'qwen2.5-coder:1.5b');
    assert.equal(c.chat.model, 'qwen2.5-coder:7b');
    assert.equal(c.completion.enabled, true);
  });

  it('reads user values, with or without the fathom. prefix, and strips trailing slashes', () => {
    const c = parseConfig(
      objectSource({ 'fathom.chat.provider': 'openai', 'openai.baseUrl': 'http://127.0.0.1:1234/v1/', 'fathom.completion.maxTokens': 64, contextLength: 4096 }),
    );
    assert.equal(c.chat.provider, 'openai');
    assert.equal(c.openai.baseUrl, 'http://127.0.0.1:1234/v1');
    assert.equal(c.completion.maxTokens, 64);
    assert.equal(c.contextLength, 4096);
  });

  it('falls back to the default for values of the wrong type or out of range', () => {
    const c = parseConfig(
      objectSource({ 'completion.provider': 'anthropic', 'completion.temperature': 'hot', 'completion.maxTokens': -5, requestTimeoutMs: 10, 'chat.model': '  ' }),
    );
    assert.equal(c.completion.provider, 'ollama');
    assert.equal(c.completion.temperature, 0.2);
    assert.equal(c.completion.maxTokens, 256);
    assert.equal(c.requestTimeoutMs, 30000);
    assert.equal(c.chat.model, 'qwen2.5-coder:7b');
  });

  it('reads the command settings: answer language (empty = the editor\'s), audience, reasoning, quick fixes', () => {
    assert.deepEqual(parseConfig(() => undefined).commands, { answerLanguage: '', audience: 'intermediate', showReasoning: false, quickFixes: true });
    const c = parseConfig(objectSource({ answerLanguage: ' zh-cn ', 'explain.audience': 'expert', showReasoning: true, 'quickFixes.enabled': false }));
    assert.deepEqual(c.commands, { answerLanguage: 'zh-cn', audience: 'expert', showReasoning: true, quickFixes: false });
    assert.equal(parseConfig(objectSource({ 'explain.audience': 'guru' })).commands.audience, 'intermediate');
  });

  it('reads the commit message settings: style (conventional by default) and language (auto by default)', () => {
    assert.deepEqual(parseConfig(() => undefined).commitMessage, { style: 'conventional', language: 'auto' });
    assert.deepEqual(parseConfig(objectSource({ 'commitMessage.style': 'plain', 'commitMessage.language': ' German ' })).commitMessage, { style: 'plain', language: 'German' });
    assert.deepEqual(parseConfig(objectSource({ 'commitMessage.style': 'gitmoji', 'commitMessage.language': '' })).commitMessage, { style: 'conventional', language: 'auto' });
  });

  it('reads fathom.completion.maxLines as a whole number from 0 (automatic) to 1000', () => {
    assert.equal(parseConfig(() => undefined).completion.maxLines, 0);
    assert.equal(parseConfig(objectSource({ 'completion.maxLines': 3 })).completion.maxLines, 3);
    assert.equal(parseConfig(objectSource({ 'completion.maxLines': 2.6 })).completion.maxLines, 3);
    assert.equal(parseConfig(objectSource({ 'completion.maxLines': -4 })).completion.maxLines, 0);
    assert.equal(parseConfig(objectSource({ 'completion.maxLines': 'many' })).completion.maxLines, 0);
  });

  it('stores API keys per provider and server origin, so a key never follows the user to another server', () => {
    assert.equal(apiKeySecretName('openai', 'https://api.openai.com/v1'), 'fathom.apiKey.openai.https://api.openai.com');
    assert.notEqual(apiKeySecretName('openai', 'https://api.openai.com/v1'), apiKeySecretName('openai', 'https://openrouter.ai/api/v1'));
    assert.notEqual(apiKeySecretName('openai', 'http://x:1/v1'), apiKeySecretName('ollama', 'http://x:1/v1'));
  });
});

describe('manifest', () => {
  const commands: { command: string; title: string; category?: string }[] = manifest.contributes.commands;
  it('contributes the Fathom commands under the fathom. prefix', () => {
    const ids = commands.map((c) => c.command);
    for (const id of ['fathom.triggerCompletion', 'fathom.toggleCompletions', 'fathom.selectModel', 'fathom.setApiKey', 'fathom.showLog', 'fathom.openSettings', 'fathom.showMenu', 'fathom.doctor']) {
      assert.ok(ids.includes(id), id);
    }
    // The category is a package.nls key (test/unit/l10n/ checks them); it reads "Fathom" in every language.
    for (const c of commands) assert.equal(c.category, '%fathom.command.category%', `${c.command} category`);
    for (const nls of ['package.nls.json', 'package.nls.zh-cn.json']) {
      assert.equal(JSON.parse(readFileSync(resolve(__dirname, '../../..', nls), 'utf8'))['fathom.command.category'], 'Fathom', nls);
    }
  });
  it('targets VS Code 1.100 with types no newer than it', () => {
    assert.equal(manifest.engines.vscode, '^1.100.0');
    assert.equal(manifest.devDependencies['@types/vscode'], '1.100.0');
  });
});
