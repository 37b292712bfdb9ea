import type { ProfileBaseline } from '../baseline.ts';
import type { UsageProfile } from '../usage-profile.ts';

const MiB = 1024 * 1024;
const IDLE_CPU_CORES: readonly [number, number] = [0.001, 0.004];
const IDLE_MEMORY_BYTES: readonly [number, number] = [8 * MiB, 32 * MiB];

/** A few millicores and a few MiB whatever was requested: the forgotten deployment. */
export function idleProfile(baseline: ProfileBaseline): UsageProfile {
  const overrides = baseline.input.overrides;
  const meanCpuCores = overrides?.cpuCores ?? baseline.random.between(...IDLE_CPU_CORES);
  const baseMemoryBytes = overrides?.memoryBytes ?? Math.round(baseline.random.between(...IDLE_MEMORY_BYTES));
  return {
    name: 'idle',
    meanCpuCores,
    baseMemoryBytes,
    cpuCoresAt: (t) => meanCpuCores * (1 + 0.4 * baseline.noiseAt(t)),
    memoryBytesAt: (t) => baseMemoryBytes * (1 + 0.02 * baseline.noiseAt(t, 1)),
  };
}
