/**
 * Small models fall into loops: the same line, or the same few lines, over and over. The completion
 * keeps the first occurrence and drops the repeats (three in a row is a loop; real code rarely does it).
 */
import type { Filter } from './types';
import { REPEATED_LINES_REPEATS as REPEATS } from '../../tunables/tunables';
import { REPEATED_LINES_LONGEST_PERIOD as LONGEST_PERIOD } from '../../tunables/tunables';


export const dropRepeatedLines: Filter = (draft) => {
  const lines = draft.text.split('\n');
  const end = loopStart(lines);
  return end === undefined ? draft : { ...draft, text: lines.slice(0, end).join('\n') };
};

/** Index of the first line of the second occurrence of a block that repeats REPEATS times in a row. */
function loopStart(lines: string[]): number | undefined {
  for (let start = 0; start < lines.length; start++) {
    for (let period = 1; period <= LONGEST_PERIOD; period++) {
      if (start + period * REPEATS > lines.length) break;
      const block = lines.slice(start, start + period);
      // Closing brackets and blank lines repeat legitimately.
      if (!block.some((l) => /\w/.test(l))) continue;
      let same = true;
      for (let r = 1; r < REPEATS && same; r++) {
        for (let k = 0; k < period && same; k++) same = lines[start + r * period + k] === block[k];
      }
      if (same) return start + period;
    }
  }
  return undefined;
}
