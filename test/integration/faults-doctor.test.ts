/**
 * Fault matrix, "Fathom: Doctor": for each fault and provider the report names the problem and what to do
 * about it, and once the fault is gone the next run passes every check.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { FAULT_CASES, PROVIDERS, assertNoUnhandledRejections, assertStreamClosed, faultTitle, matrixTitle, messageFor, useProvider, type FaultContext } from './faults';
import { fathom, useFakeServer } from './helpers';

const doctor = () => vscode.commands.executeCommand<string>('fathom.doctor');

describe(matrixTitle('doctor'), () => {
  const fake = useFakeServer();
  before(() => fathom());

  for (const provider of PROVIDERS) {
    for (const c of FAULT_CASES) {
      it(faultTitle(c, provider), async () => {
        const f: FaultContext = { server: fake.server, provider, path: 'doctor' };
        await useProvider(f);
        await c.arrange(f);
        const report = await doctor();

        if (!c.kind) {
          assert.match(report, /All checks passed\./, report);
          assert.equal(report.match(/✓ latency: first token/g)?.length, 2, report);
          assertNoUnhandledRejections();
          return;
        }

        const expected = messageFor(c, 'doctor');
        const problems = report.split('\n').filter((line) => line.startsWith('  ✗ '));
        assert.ok(problems.some((line) => expected.test(line)), `the report names the problem (${expected}):\n${report}`);
        assert.match(report, /\d+ problem\(s\) found\. Fix them and run the doctor again\./);
        if (c.closesStream) await assertStreamClosed(fake.server);

        // Recovery: with the fault gone, every check passes.
        await c.remove?.(f);
        const again = await doctor();
        assert.match(again, /All checks passed\./, again);
        assertNoUnhandledRejections();
      });
    }
  }
});
