/**
 * The "Get started" walkthrough in package.json: every step's media exists, and the optional next-edit step
 * explains the feature and opens the one setting that switches it on (in every language).
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

describe('walkthrough', () => {
  it('every step has markdown media that exists', () => {
    for (const step of steps) {
      assert.ok(step.media.markdown, `step ${step.id} has markdown`);
      assert.ok(existsSync(join(REPO, step.media.markdown)), `${step.media.markdown} exists`);
    }
  });

  it('offers next edit suggestions last, as optional, with a button that opens fathom.nextEdit.model', () => {
    const step = steps[steps.length - 1];
    assert.equal(step.id, 'nextEdit');
    assert.equal(step.media.markdown, 'media/walkthrough/nextEdit.md');
    assert.deepEqual(step.completionEvents, ['onSettingChanged:fathom.nextEdit.model']);
    const configurations = [pkg.contributes.configuration].flat();
    assert.ok(configurations.some((c) => 'fathom.nextEdit.model' in c.properties), 'the setting it opens exists');
    for (const file of ['package.nls.json', 'package.nls.zh-cn.json']) {
      const nls = readJson(file) as Record<string, string>;
      assert.ok(nls[nlsKey(step.title)], `${file} has the title`);
      assert.ok(nls[nlsKey(step.description)].includes(OPEN_MODEL_SETTING), `${file}: the description links to the setting`);
    }
    assert.equal((readJson('package.nls.json') as Record<string, string>)[nlsKey(step.title)], 'Next edit suggestions (optional)');
    const media = readFileSync(join(REPO, step.media.markdown!), 'utf8');
    assert.match(media, /fathom\.nextEdit\.model/);
    assert.match(media, /\*\*Tab\*\* jumps to it/);
  });
});
