import * as assert from 'node:assert/strict';
import { waitFor } from '../harness';
import { useSession } from './helpers/session';

describe('Fathom commands from the command palette', function () {
  const s = useSession();

  it('"Fathom: Doctor" checks the server and opens its report', async () => {
    await s.wb.runCommand('Fathom: Doctor');
    const report = await s.wb.waitForEditorText(/All checks passed|problem\(s\) found/, s.wb.activeEditor, { timeoutMs: 20_000 });
    assert.match(report, /^Fathom doctor/);
    assert.ok(report.includes(s.fake.url), `the report names the fake server ${s.fake.url}`);
    assert.ok(s.fake.requests.length > 0, 'the doctor asked the fake server');
    await s.wb.screenshot('command-doctor');
  });

  it('"Fathom: Show Log" shows the Fathom log in the Output panel', async () => {
    await s.wb.runCommand('Fathom: Show Log');
    const selected = () =>
      s.page.locator('.part.panel select.monaco-select-box').evaluateAll((els) => els.map((el) => (el as HTMLSelectElement).selectedOptions[0]?.text));
    await waitFor('the Output panel to show the channel "Fathom"', async () => (await selected()).includes('Fathom'));
    // The newest lines are in view: the doctor's requests from the test before, or at least activation.
    await s.wb.waitForEditorText(/\[info\] /, s.page.locator('.part.panel .monaco-editor').first());
    await s.wb.screenshot('command-show-log');
  });
});
