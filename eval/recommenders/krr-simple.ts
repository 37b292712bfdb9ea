import { settingsAt } from '../trace/settings-timeline.ts';
import type { Recommender } from './recommender.ts';

const MINUTES_PER_DAY = 1440;

/** KRR's simple strategy with its defaults (robusta-dev/krr). */
export const KRR = {
  historyDays: 14,
  cpuPercentile: 95,
  memoryBufferPercentage: 15,
  pointsRequired: 100,
  minCpuCores: 0.01,
  /** KRR's floor is 100 MB (decimal). */
  minMemoryBytes: 100e6,
} as const;

/**
 * KRR simple: CPU request = p95 of per-minute usage over 14 days (numpy's linear interpolation), no CPU
 * limit; memory request = limit = the highest working set × 1.15. Under 100 points KRR answers "?": the
 * harness then keeps the team's values. Rounded up to millicores and to whole MB, then floored at
 * 10m and 100 MB. OOM data is off by default. (KRR reads Prometheus at 1.25-minute steps; with per-minute
 * samples the minute values stand in for them.)
 */
export const krrSimple: Recommender = {
  name: 'KRR simple',
  forContainer(c) {
    const scratch = new Float64Array(KRR.historyDays * MINUTES_PER_DAY);
    return {
      learn() {},
      propose(origin) {
        const current = settingsAt(c.settings, origin);
        const from = Math.max(0, origin - KRR.historyDays * MINUTES_PER_DAY);
        let n = 0;
        let maxMemory = 0;
        let memoryPoints = 0;
        for (let i = from; i < origin; i++) {
          const cpu = c.observed.cpu[i]!;
          if (cpu >= 0) scratch[n++] = cpu;
          const mem = c.observed.mem[i]!;
          if (mem >= 0) {
            memoryPoints++;
            if (mem > maxMemory) maxMemory = mem;
          }
        }
        const cpuRequest = n >= KRR.pointsRequired ? Math.max(KRR.minCpuCores, Math.ceil(numpyPercentile(scratch.subarray(0, n).sort(), KRR.cpuPercentile) * 1000) / 1000) : current.cpuRequest;
        const memory = memoryPoints >= KRR.pointsRequired ? Math.max(KRR.minMemoryBytes, Math.ceil((maxMemory * (1 + KRR.memoryBufferPercentage / 100)) / 1e6) * 1e6) : null;
        return {
          cpuRequest,
          cpuLimit: n >= KRR.pointsRequired ? null : current.cpuLimit,
          memRequest: memory ?? current.memRequest,
          memLimit: memory ?? current.memLimit,
        };
      },
    };
  },
};

/** numpy.percentile's default ("linear"): interpolate between the two nearest ranks of the sorted values. */
export function numpyPercentile(sorted: Float64Array, percentile: number): number {
  if (sorted.length === 0) return NaN;
  const position = (percentile / 100) * (sorted.length - 1);
  const lower = Math.floor(position);
  const upper = Math.min(sorted.length - 1, lower + 1);
  return sorted[lower]! + (position - lower) * (sorted[upper]! - sorted[lower]!);
}
