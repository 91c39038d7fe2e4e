import * as assert from 'node:assert/strict';
import { useSession } from './helpers/session';

describe('ghost text in the browser', function () {
  const s = useSession({ files: { 'src/math.ts': 'export function add(a: number, b: number): number {\n  \n}\n' } });

  it('shows the fake model’s completion while typing, and Tab accepts it', async () => {
    s.fake.reply(() => ({ text: 'a + b;' }));
    await s.wb.openFile('src/math.ts');
    await s.wb.goTo(2, 3);
    await s.wb.type('return ');

    await s.wb.waitForGhostText('a + b;');
    await s.wb.screenshot('ghost-text-shown');
    const request = s.fake.requests.filter((r) => r.endpoint === 'ollama.generate').at(-1);
    assert.ok(request, 'Fathom asked the fake server');
    assert.match((request.body as { prompt: string }).prompt, /return $/);

    await s.wb.acceptGhostText();
    await s.wb.waitForEditorText((text) => text.includes('  return a + b;'));
    assert.equal(await s.wb.editorText(), 'export function add(a: number, b: number): number {\n  return a + b;\n}\n');
    await s.wb.screenshot('ghost-text-accepted');
  });
});
