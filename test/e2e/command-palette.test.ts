import { waitFor } from '../harness';
import { useSession } from './helpers/session';

describe('Fathom commands from the command palette', function () {
  const s = useSession();

  it('"Fathom: Show Log" shows the Fathom log in the Output panel', async () => {
    await s.wb.runCommand('Fathom: Show Log');
    const selected = () =>
      s.page.locator('.part.panel select.monaco-select-box').evaluateAll((els) => els.map((el) => (el as HTMLSelectElement).selectedOptions[0]?.text));
    await waitFor('the Output panel to show the channel "Fathom"', async () => (await selected()).includes('Fathom'));
    // The newest lines are in view: at least activation's.
    await s.wb.waitForEditorText(/\[info\] /, s.page.locator('.part.panel .monaco-editor').first());
    await s.wb.screenshot('command-show-log');
  });
});
