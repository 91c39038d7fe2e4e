/**
 * How long loading and activating took, in milliseconds (in the log, in the test API, and read by `npm run
 * bench activation`): wall clock, and the CPU time this process spent meanwhile (what the work costs when the
 * machine is busy). Each bundle's banner (esbuild.config.mjs) records when that bundle started to run: the
 * activation bundle (dist/extension.js) and the rest (dist/composition.js) are measured the same way.
 */
export interface ActivationTimes {
  /** Evaluating the bundle's modules (not reading and compiling the file); undefined outside the bundle. */
  loadMs: number | undefined;
  loadCpuMs: number | undefined;
  /** The `activate` call. */
  activateMs: number;
  activateCpuMs: number;
}

/** The second step (src/composition.ts): evaluating its bundle and composing, measured as `ActivationTimes`. */
export type RestTimes = ActivationTimes;

declare const __fathomLoadStart: [number, NodeJS.CpuUsage] | undefined;

const cpuMs = (usage: NodeJS.CpuUsage) => (usage.user + usage.system) / 1000;

/** Marks the end of loading: call it in the entry module's body, which runs after every module it imports. */
export function loadFinished(): { activationStarts(): { finished(): ActivationTimes } } {
  const loadStart = typeof __fathomLoadStart === 'undefined' ? undefined : __fathomLoadStart;
  const loadEnd = loadStart && ([performance.now(), process.cpuUsage(loadStart[1])] as const);
  return {
    activationStarts() {
      const start = performance.now();
      const cpu = process.cpuUsage();
      return {
        finished: () => ({
          loadMs: loadStart && loadEnd ? loadEnd[0] - loadStart[0] : undefined,
          loadCpuMs: loadEnd ? cpuMs(loadEnd[1]) : undefined,
          activateMs: performance.now() - start,
          activateCpuMs: cpuMs(process.cpuUsage(cpu)),
        }),
      };
    },
  };
}

export const describeActivation = (t: ActivationTimes): string => describe('Fathom activated', t);
export const describeRest = (t: RestTimes): string => describe('the rest composed', t);

function describe(what: string, t: ActivationTimes): string {
  const load = t.loadMs === undefined ? '' : ` (bundle evaluated in ${t.loadMs.toFixed(2)} ms, ${t.loadCpuMs?.toFixed(2)} ms CPU)`;
  return `${what} in ${t.activateMs.toFixed(2)} ms, ${t.activateCpuMs.toFixed(2)} ms CPU${load}`;
}
