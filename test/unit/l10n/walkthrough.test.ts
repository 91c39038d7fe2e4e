/**
 * The "Get started" walkthrough in package.json: every step's media exists, and the optional next-edit step
 * explains the feature and opens the one setting that switches it on (in every language). Each step's media
 * is a package.nls key, so VS Code shows media/walkthrough/<file>.md in English and
 * media/walkthrough/zh-cn/<file>.md in Chinese.
 */
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const REPO = resolve(__dirname, '../../..');
const readJson = (rel: string) => JSON.parse(readFileSync(join(REPO, rel), 'utf8')) as Record<string, unknown>;

interface Step {
  id: string;
  title: string;
  description: string;
  media: { markdown?: string };
  completionEvents?: string[];
}
interface Manifest {
  contributes: { walkthroughs: { id: string; steps: Step[] }[]; configuration: { properties: Record<string, unknown> } | { properties: Record<string, unknown> }[] };
}

const pkg = readJson('package.json') as unknown as Manifest;
const steps = pkg.contributes.walkthroughs.find((w) => w.id === 'start')!.steps;
const OPEN_MODEL_SETTING = '(command:workbench.action.openSettings?%5B%22fathom.nextEdit.model%22%5D)';
const nlsKey = (value: string) => value.replace(/^%|%$/g, '');
const NLS = { en: readJson('package.nls.json') as Record<string, string>, 'zh-cn': readJson('package.nls.zh-cn.json') as Record<string, string> };
/** The markdown file a step shows in a language (what VS Code substitutes for the `%key%`). */
const mediaFile = (step: Step, language: keyof typeof NLS) => NLS[language][nlsKey(step.media.markdown!)];

describe('walkthrough', () => {
  it('every step has markdown media, localized through package.nls, that exists in English and in Chinese', () => {
    for (const step of steps) {
      assert.match(step.media.markdown ?? '', /^%fathom\.walkthrough\.media\.\w+%$/, `step ${step.id}'s media is an nls key`);
      const en = mediaFile(step, 'en');
      const zh = mediaFile(step, 'zh-cn');
      assert.match(en, /^media\/walkthrough\/\w+\.md$/);
      assert.equal(zh, en.replace('media/walkthrough/', 'media/walkthrough/zh-cn/'));
      assert.ok(existsSync(join(REPO, en)), `${en} exists`);
      assert.ok(existsSync(join(REPO, zh)), `${zh} exists`);
    }
  });

  it('the Chinese media are translations: Chinese text, the same headings count, commands and settings kept', () => {
    for (const step of steps) {
      const en = readFileSync(join(REPO, mediaFile(step, 'en')), 'utf8');
      const zh = readFileSync(join(REPO, mediaFile(step, 'zh-cn')), 'utf8');
      assert.match(zh, /^## \p{Script=Han}/u, `${mediaFile(step, 'zh-cn')} starts with a Chinese heading`);
      assert.ok((zh.match(/\p{Script=Han}/gu) ?? []).length > 50, 'mostly Chinese');
      const code = (text: string) => (text.match(/`[^`]+`/g) ?? []).sort();
      assert.deepEqual(code(zh), code(en), `${mediaFile(step, 'zh-cn')} keeps every command, setting and model name`);
    }
  });

  it('offers next edit suggestions last, as optional, with a button that opens fathom.nextEdit.model', () => {
    const step = steps[steps.length - 1];
    assert.equal(step.id, 'nextEdit');
    assert.equal(mediaFile(step, 'en'), 'media/walkthrough/nextEdit.md');
    assert.deepEqual(step.completionEvents, ['onSettingChanged:fathom.nextEdit.model']);
    const configurations = [pkg.contributes.configuration].flat();
    assert.ok(configurations.some((c) => 'fathom.nextEdit.model' in c.properties), 'the setting it opens exists');
    for (const file of ['package.nls.json', 'package.nls.zh-cn.json']) {
      const nls = readJson(file) as Record<string, string>;
      assert.ok(nls[nlsKey(step.title)], `${file} has the title`);
      assert.ok(nls[nlsKey(step.description)].includes(OPEN_MODEL_SETTING), `${file}: the description links to the setting`);
    }
    assert.equal((readJson('package.nls.json') as Record<string, string>)[nlsKey(step.title)], 'Next edit suggestions (optional)');
    const media = readFileSync(join(REPO, mediaFile(step, 'en')), 'utf8');
    assert.match(media, /fathom\.nextEdit\.model/);
    assert.match(media, /\*\*Tab\*\* jumps to it/);
    assert.match(readFileSync(join(REPO, mediaFile(step, 'zh-cn')), 'utf8'), /\*\*`fathom\.nextEdit\.model`\*\*/);
  });
});
