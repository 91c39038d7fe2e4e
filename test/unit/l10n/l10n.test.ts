import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { l10nCalls, placeholdersOf } from './l10nStrings';

const REPO = resolve(__dirname, '../../..');
const SRC = join(REPO, 'src');
const readJson = (rel: string) => JSON.parse(readFileSync(join(REPO, rel), 'utf8')) as Record<string, unknown>;
interface Configuration {
  title?: string;
  properties: Record<string, Record<string, unknown>>;
}
interface Contributes {
  commands: { title?: string; shortTitle?: string; category?: string }[];
  viewsContainers?: Record<string, { title?: string }[]>;
  views?: Record<string, { name?: string; contextualTitle?: string }[]>;
  submenus?: { label?: string }[];
  configuration: Configuration | Configuration[];
}
const pkg = readJson('package.json') as { l10n?: string; contributes: Contributes };
const nls = readJson('package.nls.json') as Record<string, string>;
const LANGUAGES = ['zh-cn'];
const packageNls = Object.fromEntries(LANGUAGES.map((l) => [l, readJson(`package.nls.${l}.json`) as Record<string, string>]));
const bundles = Object.fromEntries(LANGUAGES.map((l) => [l, readJson(`l10n/bundle.l10n.${l}.json`) as Record<string, string>]));

const KEY = /^%([^%]+)%$/;

/** Every string in package.json's contributes with the path it sits at. */
function stringsIn(value: unknown, path: string): [string, string][] {
  if (typeof value === 'string') return [[path, value]];
  if (Array.isArray(value)) return value.flatMap((v, i) => stringsIn(v, `${path}[${i}]`));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => stringsIn(v, `${path}.${k}`));
  return [];
}

/** The contributed strings a user reads, by path: these must be %keys%. */
function displayedStrings(): [string, string][] {
  const c = pkg.contributes;
  const found: [string, string][] = [];
  const add = (path: string, value: unknown) => {
    if (value !== undefined) found.push(...stringsIn(value, path));
  };
  c.commands.forEach((cmd, i) => {
    add(`commands[${i}].title`, cmd.title);
    add(`commands[${i}].shortTitle`, cmd.shortTitle);
    add(`commands[${i}].category`, cmd.category);
  });
  for (const [where, list] of Object.entries(c.viewsContainers ?? {})) list.forEach((v, i) => add(`viewsContainers.${where}[${i}].title`, v.title));
  for (const [where, list] of Object.entries(c.views ?? {}))
    list.forEach((v, i) => {
      add(`views.${where}[${i}].name`, v.name);
      add(`views.${where}[${i}].contextualTitle`, v.contextualTitle);
    });
  (c.submenus ?? []).forEach((s, i) => add(`submenus[${i}].label`, s.label));
  const configurations = Array.isArray(c.configuration) ? c.configuration : [c.configuration];
  configurations.forEach((cfg, i) => {
    add(`configuration[${i}].title`, cfg.title);
    for (const [id, prop] of Object.entries(cfg.properties)) {
      for (const field of ['description', 'markdownDescription', 'enumDescriptions', 'markdownEnumDescriptions', 'deprecationMessage', 'markdownDeprecationMessage', 'enumItemLabels']) {
        add(`configuration.${id}.${field}`, prop[field]);
      }
    }
  });
  return found;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : /\.(ts|tsx|js|mjs)$/.test(name) ? [path] : [];
  });
}

/** Every message passed to l10n.t in src/, with where it is used. */
const calls = sourceFiles(SRC).flatMap((file) => l10nCalls(readFileSync(file, 'utf8')).map((c) => ({ ...c, where: `${relative(REPO, file)}:${c.line}` })));
const messages = new Set(calls.flatMap((c) => (c.message !== undefined ? [c.message] : [])));

describe('l10n: package.nls', () => {
  it('package.json points VS Code at the l10n folder', () => {
    assert.equal(pkg.l10n, './l10n');
  });

  it('every contributed title, name, label, category and description is a %key%', () => {
    const plain = displayedStrings().filter(([, v]) => !KEY.test(v));
    assert.deepEqual(plain.map(([p, v]) => `${p}: ${v}`), []);
  });

  it('finds the strings it must check (commands, views, settings)', () => {
    const paths = displayedStrings().map(([p]) => p);
    assert.ok(paths.some((p) => p.startsWith('commands[')));
    assert.ok(paths.some((p) => p.startsWith('views.')));
    assert.ok(paths.some((p) => p.endsWith('.enumDescriptions[0]')));
  });

  it('every %key% used anywhere in package.json is in package.nls.json and in each translation', () => {
    const used = new Set(stringsIn(pkg, '').flatMap(([, v]) => (KEY.test(v) ? [v.match(KEY)![1]] : [])));
    assert.ok(used.size > 0);
    for (const [name, table] of [['package.nls.json', nls], ...LANGUAGES.map((l) => [`package.nls.${l}.json`, packageNls[l]] as const)] as const) {
      const missing = [...used].filter((k) => typeof table[k] !== 'string' || table[k].trim() === '');
      assert.deepEqual(missing, [], `${name} lacks keys used in package.json`);
    }
  });

  it('the translations have no key package.nls.json lacks, and keep each key\'s placeholders and setting links', () => {
    for (const l of LANGUAGES) {
      assert.deepEqual(Object.keys(packageNls[l]).filter((k) => !(k in nls)), [], `package.nls.${l}.json has keys package.nls.json lacks`);
      for (const [k, en] of Object.entries(nls)) {
        if (!(k in packageNls[l])) continue;
        assert.deepEqual(placeholdersOf(packageNls[l][k]), placeholdersOf(en), `package.nls.${l}.json ${k}: placeholders differ`);
        const links = (s: string) => [...s.matchAll(/`#[\w.]+#`/g)].map((m) => m[0]).sort();
        assert.deepEqual(links(packageNls[l][k]), links(en), `package.nls.${l}.json ${k}: setting links differ`);
      }
    }
  });

  it('package.nls.json has no key package.json no longer uses', () => {
    const used = new Set(stringsIn(pkg, '').flatMap(([, v]) => (KEY.test(v) ? [v.match(KEY)![1]] : [])));
    assert.deepEqual(Object.keys(nls).filter((k) => !used.has(k)), []);
  });
});

describe('l10n: messages of the editor layer (vscode.l10n.t)', () => {
  it('reads string literals, escapes included, and flags anything else', () => {
    const found = l10nCalls(`a(vscode.l10n.t('It\\'s {0}', x)); b(l10n.t( "say \\"hi\\"" )); c(vscode.l10n.t(\`t \${x}\`)); d(vscode.l10n.t(name));`);
    assert.deepEqual(found.map((c) => c.message), ["It's {0}", 'say "hi"', undefined, undefined]);
    assert.equal(found.filter((c) => c.problem).length, 2);
  });

  it('every l10n.t call in src/ passes a plain string literal', () => {
    assert.deepEqual(calls.filter((c) => c.problem).map((c) => `${c.where}: ${c.problem}`), []);
    assert.ok(messages.size > 50, `only ${messages.size} messages found: is the scan broken?`);
  });

  it('only the editor layer calls l10n.t (core modules never import vscode)', () => {
    assert.deepEqual(calls.filter((c) => !c.where.startsWith('src/vscode/') && !/^src\/(extension|composition)\.ts:/.test(c.where)).map((c) => c.where), []);
  });

  for (const l of LANGUAGES) {
    it(`l10n/bundle.l10n.${l}.json translates every message`, () => {
      const missing = calls.filter((c) => c.message !== undefined && (typeof bundles[l][c.message] !== 'string' || bundles[l][c.message].trim() === ''));
      assert.deepEqual(missing.map((c) => `${c.where}: ${c.message}`), []);
    });

    it(`l10n/bundle.l10n.${l}.json has no message src/ no longer uses`, () => {
      assert.deepEqual(Object.keys(bundles[l]).filter((k) => !messages.has(k)), []);
    });

    it(`l10n/bundle.l10n.${l}.json keeps each message's placeholders`, () => {
      const differ = Object.entries(bundles[l]).filter(([en, tr]) => placeholdersOf(en).join() !== placeholdersOf(tr).join());
      assert.deepEqual(differ.map(([en, tr]) => `${en} → ${tr}`), []);
    });
  }
});
