import type { ProfileBaseline } from '../baseline.ts';
import type { UsageProfile } from '../usage-profile.ts';

/** ±5 % CPU and ±1 % memory around the baseline: a well-behaved service under constant load. */
export function steadyProfile(baseline: ProfileBaseline): UsageProfile {
  const { meanCpuCores, baseMemoryBytes } = baseline;
  return {
    name: 'steady',
    meanCpuCores,
    baseMemoryBytes,
    cpuCoresAt: (t) => baseline.capToNode(meanCpuCores * (1 + 0.1 * baseline.noiseAt(t))),
    memoryBytesAt: (t) => baseMemoryBytes * (1 + 0.02 * baseline.noiseAt(t, 1)),
  };
}
