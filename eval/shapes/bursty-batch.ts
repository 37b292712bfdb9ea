import type { ProfileBaseline } from '../../sim/profiles/baseline.ts';
import { hashOf, unitInterval } from '../../sim/profiles/index.ts';
import { type DemandShape, MS_PER_HOUR, MS_PER_MINUTE } from './demand-shape.ts';

export interface BurstyBatchOptions {
  /** Hours between batch runs (a cron schedule). */
  periodHours: number;
  /** Minutes each run lasts. */
  burstMinutes: number;
  /** CPU during a run, as a multiple of the quiet level. */
  burstFactor: number;
  /** Working set during a run, as a multiple of the quiet one. */
  memoryFactor: number;
  /** A run starts up to this many minutes late, varying run to run. */
  jitterMinutes: number;
}

/**
 * A batch worker: quiet most of the time, then a run every few hours on a schedule (a report, an import)
 * at several times the quiet CPU and a larger working set. The long-run mean is the baseline's mean.
 */
export function burstyBatchShape(baseline: ProfileBaseline, o: BurstyBatchOptions): DemandShape {
  const period = o.periodHours * MS_PER_HOUR;
  const phase = baseline.random.between(0, period);
  const runKey = baseline.random.integer(0, 0x7fffffff);
  const busyShare = o.burstMinutes / (o.periodHours * 60);
  const quiet = baseline.meanCpuCores / (1 - busyShare + busyShare * o.burstFactor);
  const running = (t: number) => {
    const run = Math.floor((t - phase) / period);
    const start = phase + run * period + unitInterval(hashOf(runKey, run)) * o.jitterMinutes * MS_PER_MINUTE;
    return t >= start && t < start + o.burstMinutes * MS_PER_MINUTE;
  };
  return {
    name: 'bursty-batch',
    cpuCoresAt: (t) => baseline.capToNode(quiet * (running(t) ? o.burstFactor : 1) * (1 + 0.2 * baseline.noiseAt(t))),
    memoryBytesAt: (t) => baseline.baseMemoryBytes * (running(t) ? o.memoryFactor : 1) * (1 + 0.02 * baseline.noiseAt(t, 1)),
    plannedRestartAt: () => Number.NEGATIVE_INFINITY,
  };
}
