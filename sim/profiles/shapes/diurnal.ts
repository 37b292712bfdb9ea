import type { ProfileBaseline } from '../baseline.ts';
import type { UsageProfile } from '../usage-profile.ts';

const DAY_MS = 24 * 3600_000;
const CPU_SWING = 0.6;
const MEMORY_SWING = 0.15;

/** A daily cosine peaking at a seeded hour (UTC), ±60 % CPU and ±15 % memory, with ±5 % noise. */
export function diurnalProfile(baseline: ProfileBaseline): UsageProfile {
  const { meanCpuCores, baseMemoryBytes } = baseline;
  const peakMs = baseline.random.between(9, 17) * 3600_000;
  const dayPhase = (t: number) => Math.cos((2 * Math.PI * (t - peakMs)) / DAY_MS);
  return {
    name: 'diurnal',
    meanCpuCores,
    baseMemoryBytes,
    cpuCoresAt: (t) => baseline.capToNode(meanCpuCores * (1 + CPU_SWING * dayPhase(t)) * (1 + 0.1 * baseline.noiseAt(t))),
    memoryBytesAt: (t) => baseMemoryBytes * (1 + MEMORY_SWING * dayPhase(t)) * (1 + 0.02 * baseline.noiseAt(t, 1)),
  };
}
