/**
 * How long loading and activating took, in milliseconds (in the log, in the test API, and read by `npm run
 * bench activation`): wall clock, and the CPU time this process spent meanwhile (what the work costs when the
 * machine is busy). The bundle's banner (esbuild.config.mjs) records when the bundle started to run.
 */
export interface ActivationTimes {
  /** Evaluating the bundle's modules (not reading and compiling the file); undefined outside the bundle. */
  loadMs: number | undefined;
  loadCpuMs: number | undefined;
  /** The `activate` call. */
  activateMs: number;
  activateCpuMs: number;
}

declare const __fathomLoadStart: [number, NodeJS.CpuUsage] | undefined;

const cpuMs = (usage: NodeJS.CpuUsage) => (usage.user + usage.system) / 1000;

/** Marks the end of loading: call it in extension.ts's module body, which runs after every module it imports. */
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

export function describeActivation(t: ActivationTimes): string {
  const load = t.loadMs === undefined ? '' : ` (bundle evaluated in ${t.loadMs.toFixed(2)} ms, ${t.loadCpuMs?.toFixed(2)} ms CPU)`;
  return `Fathom activated in ${t.activateMs.toFixed(2)} ms, ${t.activateCpuMs.toFixed(2)} ms CPU${load}`;
}
