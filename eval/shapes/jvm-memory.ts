import type { ProfileBaseline } from '../../sim/profiles/baseline.ts';
import { type DemandShape, MS_PER_HOUR, MS_PER_MINUTE } from './demand-shape.ts';

export interface JvmOptions {
  /** The heap the JVM grows into (≈ -Xmx): the working set settles near it and never gives it back. */
  heapBytes: number;
  /** Minutes to grow most of the way there after a start. */
  warmupMinutes: number;
  /** Hours between rollouts. */
  deployEveryHours: number;
  /** GC cycles shave up to this share off the working set before it fills again. */
  gcSawShare: number;
}

/**
 * A JVM service: CPU as steady with a JIT burst after each start; the working set climbs from the
 * non-heap base to base + heap over the warm-up and stays there, a garbage-collection sawtooth on top.
 */
export function jvmShape(baseline: ProfileBaseline, o: JvmOptions): DemandShape {
  const deployPeriod = o.deployEveryHours * MS_PER_HOUR;
  const phase = baseline.random.between(0, deployPeriod);
  const base = baseline.baseMemoryBytes * 0.3;
  const sawMinutes = baseline.random.between(3, 15);
  const plannedRestartAt = (t: number) => phase + Math.floor((t - phase) / deployPeriod) * deployPeriod;
  return {
    name: 'jvm',
    cpuCoresAt: (t) => {
      const jit = t - plannedRestartAt(t) < 5 * MS_PER_MINUTE ? 2.5 : 1;
      return baseline.capToNode(baseline.meanCpuCores * jit * (1 + 0.1 * baseline.noiseAt(t)));
    },
    memoryBytesAt: (t, lifeStart) => {
      const age = Math.max(0, t - lifeStart) / MS_PER_MINUTE;
      const filled = 1 - Math.exp(-age / (o.warmupMinutes / 3));
      // Heap use climbs between collections and drops back at each one.
      const saw = 1 - o.gcSawShare + o.gcSawShare * ((age % sawMinutes) / sawMinutes);
      return (base + o.heapBytes * filled * saw) * (1 + 0.005 * baseline.noiseAt(t, 1));
    },
    plannedRestartAt,
  };
}
