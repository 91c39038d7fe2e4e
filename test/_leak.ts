import { Redactor } from '../src/privacy/redactor';
import { generatedKeys, holdsKey, PLACEMENTS, survivingRuns } from './unit/privacy/generatedKeys';
let state = 1;
const next = () => (state = (state * 48271) % 2147483647);
let found = 0;
for (let round = 0; round < 300 && found < 3; round++) {
  state = 20261206;
  for (const key of generatedKeys()) {
    for (const placement of PLACEMENTS) {
      for (let i = 0; i < 40; i++) {
        const [s, e] = [next() % (key.text.length + 1), next() % (key.text.length + 1)].sort((a, b) => a - b);
        if (!holdsKey(key, s, e)) continue;
        const window = key.text.slice(s, e);
        const output = new Redactor().redact(placement.place(window)).text;
        const runs = survivingRuns(key, window, output);
        if (runs.length) {
          found++;
          console.log('=== LEAK', key.name, placement.name, 'runs', runs.slice(0, 3));
          console.log('WINDOW:', JSON.stringify(window));
          console.log('OUTPUT:', JSON.stringify(output));
        }
      }
    }
  }
  console.error('round', round, 'found', found);
}
