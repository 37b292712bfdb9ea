import type { ProfileBaseline } from '../../sim/profiles/baseline.ts';
import { hashOf, unitInterval } from '../../sim/profiles/index.ts';
import { type DemandShape, MS_PER_HOUR } from './demand-shape.ts';

export interface LeakOptions {
  /** Hours between planned restarts (a nightly restart, a deploy cadence). */
  restartEveryHours: number;
  /** How far the working set grows over one full life, as a multiple of where it starts. */
  growthPerLife: number;
  /** Each life's growth rate varies by up to ± this share (load-dependent leaks). */
  growthJitter: number;
}

/**
 * A leak that restarts keep in check: CPU as steady, the working set growing linearly from each start;
 * planned restarts every few hours reset it, and so does an OOM kill when a limit stands in the way.
 */
export function leakWithRestartsShape(baseline: ProfileBaseline, o: LeakOptions): DemandShape {
  const period = o.restartEveryHours * MS_PER_HOUR;
  const phase = baseline.random.between(0, period);
  const lifeKey = baseline.random.integer(0, 0x7fffffff);
  const start = baseline.baseMemoryBytes;
  const plannedRestartAt = (t: number) => phase + Math.floor((t - phase) / period) * period;
  const growthPerMs = (t: number) => {
    const life = Math.floor((t - phase) / period);
    const jitter = 1 + o.growthJitter * (2 * unitInterval(hashOf(lifeKey, life)) - 1);
    return (start * o.growthPerLife * jitter) / period;
  };
  return {
    name: 'leak-restarts',
    cpuCoresAt: (t) => baseline.capToNode(baseline.meanCpuCores * (1 + 0.1 * baseline.noiseAt(t))),
    memoryBytesAt: (t, lifeStart) => start * (1 + 0.01 * baseline.noiseAt(t, 1)) + growthPerMs(t) * Math.max(0, t - lifeStart),
    plannedRestartAt,
  };
}

/** The highest working set a life of this shape reaches (for choosing limits that do or do not OOM). */
export function leakPeakBytes(baseline: ProfileBaseline, o: LeakOptions): number {
  return baseline.baseMemoryBytes * (1.01 + o.growthPerLife * (1 + o.growthJitter));
}
