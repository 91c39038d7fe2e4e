/** "Fathom: Refactor"'s picker: the typed text's own row, and what Enter accepts. */
import * as assert from 'node:assert/strict';
import { refactorAnswer, refactorChoices, type RefactorChoice } from '../../../src/commands/refactorChoices';

const PRESETS: RefactorChoice[] = [
  { label: 'Simplify', detail: 'Less code', instruction: 'Simplify' },
  { label: 'Extract function', instruction: 'Extract function' },
  { label: 'Something else…', detail: 'Describe the change in your own words' },
];
const typedLabel = (text: string) => `Refactor: ${text}`;

describe('commands: the Refactor picker', () => {
  describe('refactorChoices', () => {
    it('lists the presets alone while nothing is typed', () => {
      assert.deepEqual(refactorChoices(PRESETS, '', typedLabel), PRESETS);
      assert.deepEqual(refactorChoices(PRESETS, '   ', typedLabel), PRESETS);
    });

    it('adds the typed text as an always-shown row after the presets, trimmed', () => {
      const items = refactorChoices(PRESETS, '  make it clearer ', typedLabel);
      assert.deepEqual(items.slice(0, PRESETS.length), PRESETS, 'the presets stay, in order, for the filter to match');
      assert.deepEqual(items.at(-1), { label: 'Refactor: make it clearer', instruction: 'make it clearer', alwaysShow: true });
    });

    it('adds no row for the exact name of a preset (in any case): the preset is that choice', () => {
      assert.deepEqual(refactorChoices(PRESETS, 'simplify', typedLabel), PRESETS);
      assert.deepEqual(refactorChoices(PRESETS, 'Extract Function ', typedLabel), PRESETS);
    });

    it('adds a row for text that only starts like a preset', () => {
      assert.equal(refactorChoices(PRESETS, 'Simplify the loop', typedLabel).at(-1)?.instruction, 'Simplify the loop');
    });

    it('leaves the presets it was given unchanged', () => {
      const before = structuredClone(PRESETS);
      refactorChoices(PRESETS, 'anything', typedLabel);
      assert.deepEqual(PRESETS, before);
    });
  });

  describe('refactorAnswer', () => {
    it('takes the accepted row’s instruction, preset or typed', () => {
      assert.deepEqual(refactorAnswer(PRESETS[0], 'simp'), { kind: 'instruction', text: 'Simplify' });
      const typed = refactorChoices(PRESETS, 'make it clearer', typedLabel).at(-1);
      assert.deepEqual(refactorAnswer(typed, 'make it clearer'), { kind: 'instruction', text: 'make it clearer' });
    });

    it('asks for a description after "Something else…", starting from the typed text', () => {
      assert.deepEqual(refactorAnswer(PRESETS[2], ' split it '), { kind: 'describe', typed: 'split it' });
      assert.deepEqual(refactorAnswer(PRESETS[2], ''), { kind: 'describe', typed: '' });
    });

    it('takes the typed text when Enter came before any row matched it', () => {
      assert.deepEqual(refactorAnswer(undefined, ' inline the helper '), { kind: 'instruction', text: 'inline the helper' });
    });

    it('accepts nothing when no row is active and nothing is typed', () => {
      assert.deepEqual(refactorAnswer(undefined, '  '), { kind: 'none' });
    });
  });
});
