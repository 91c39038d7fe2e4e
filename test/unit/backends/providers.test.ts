import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describeBackendError } from '../../../src/backends/errors';
import { isProviderKind, PROVIDER_IDS, PROVIDERS, providerEntry, type ProviderKind } from '../../../src/backends/providers';
import { DEFAULT_SETTINGS, type SettingKey } from '../../../src/config/settings';

const manifest = JSON.parse(readFileSync(resolve(__dirname, '../../../package.json'), 'utf8')) as {
  contributes: { configuration: { properties: Record<string, { default?: unknown; enum?: unknown[] }> }[] | { properties: Record<string, { default?: unknown; enum?: unknown[] }> } };
};
const configuration = manifest.contributes.configuration;
const properties = Object.assign({}, ...(Array.isArray(configuration) ? configuration : [configuration]).map((c) => c.properties)) as Record<string, { default?: unknown; enum?: unknown[] }>;

const nonEmpty = (value: unknown) => typeof value === 'string' && value.trim() !== '';

describe('backends/providers: the provider registry', () => {
  it('has one entry per id, ids unique, and the union is exactly those ids', () => {
    assert.equal(new Set(PROVIDER_IDS).size, PROVIDER_IDS.length);
    assert.deepEqual(Object.keys(PROVIDERS).sort(), [...PROVIDER_IDS].sort());
    // The type-level half: a record over the union must name every id and nothing else.
    const everyId: Record<ProviderKind, true> = { ollama: true, openai: true };
    assert.deepEqual(Object.keys(everyId).sort(), [...PROVIDER_IDS].sort());
    for (const id of PROVIDER_IDS) assert.ok(isProviderKind(id));
    for (const other of ['', 'Ollama', 'toString', 'constructor', undefined, 1]) assert.equal(isProviderKind(other), false, String(other));
  });

  for (const id of PROVIDER_IDS) {
    describe(id, () => {
      const entry = providerEntry(id);

      it('names itself, its setting and its default URL, matching the settings defaults and the manifest', () => {
        assert.ok(nonEmpty(entry.displayName) && nonEmpty(entry.serverName) && nonEmpty(entry.label));
        assert.match(entry.defaultBaseUrl, /^https?:\/\/\S+$/);
        assert.equal(entry.baseUrlSetting, `${id}.baseUrl`);
        assert.equal(DEFAULT_SETTINGS[entry.baseUrlSetting as SettingKey], entry.defaultBaseUrl);
        assert.equal(properties[`fathom.${entry.baseUrlSetting}`]?.default, entry.defaultBaseUrl);
        for (const role of ['completion', 'chat']) assert.ok(properties[`fathom.${role}.provider`]?.enum?.includes(id), `fathom.${role}.provider enum lacks ${id}`);
      });

      it('says every capability and how its key is found', () => {
        const c = entry.capabilities;
        for (const flag of [c.pull, c.embeddings, c.modelList, c.keepAlive, c.latestTagAlias]) assert.equal(typeof flag, 'boolean');
        assert.ok(c.nativeFim === 'modelFamily' || c.nativeFim === 'setting');
        assert.ok(entry.apiKey.envVars.length > 0 && entry.apiKey.envVars.every((n) => /^[A-Z][A-Z0-9_]*$/.test(n)));
        assert.equal(typeof entry.apiKey.usuallyNeeded, 'boolean');
      });

      it('words its failures with the server and model, and points the Doctor at a fix', () => {
        assert.ok(entry.hints.unreachable('http://h:1', 'fathom.chat.baseUrl').includes('http://h:1'));
        const missing = entry.hints.modelMissing('http://h:1', 'm1', ' (server said: x)');
        assert.ok(missing.includes('http://h:1') && missing.includes('"m1"'));
        assert.ok(['startOllama', 'openSettings'].includes(entry.doctor.unreachable));
        assert.ok(['pullModel', 'selectModel'].includes(entry.doctor.modelMissing));
        // A provider that cannot pull must not send the user to Pull Model.
        if (!entry.capabilities.pull) assert.notEqual(entry.doctor.modelMissing, 'pullModel');
        assert.ok(describeBackendError('badResponse', { provider: id, baseUrl: 'http://h:1' }).includes(`speaks the ${entry.displayName} API`));
      });

      it('builds its backend and the bodies it posts', () => {
        const backend = entry.create({ baseUrl: 'http://127.0.0.1:9' });
        assert.equal(backend.provider, id);
        assert.equal(backend.baseUrl, 'http://127.0.0.1:9');
        const chat = entry.bodies.chat({ model: 'm', messages: [{ role: 'user', content: 'hi' }] }, { keepAlive: '1m', contextLength: 4096 });
        assert.match(JSON.stringify(chat), /"hi"/);
        const completion = entry.bodies.completion({ model: 'm', prompt: 'def f(' }, { keepAlive: '1m', contextLength: 4096 });
        assert.match(JSON.stringify(completion), /def f\(/);
      });
    });
  }
});
