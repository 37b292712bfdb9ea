import type { ProfileBaseline } from '../baseline.ts';
import { hashOf, unitInterval } from '../seeded-random.ts';
import type { UsageProfile } from '../usage-profile.ts';

const WINDOW_MS = 5 * 60_000;
const SPIKE_PROBABILITY = 0.12;
const SPIKE_FACTOR = 5;
const SPIKE_MEMORY_FACTOR = 1.15;
/** Scales the quiet level so that the long-run mean stays the baseline's mean. */
const QUIET_LEVEL = 1 / (1 - SPIKE_PROBABILITY + SPIKE_PROBABILITY * SPIKE_FACTOR);

/** Quiet most of the time; in 12 % of five-minute windows, five times the quiet level (batch bursts, cache refreshes). */
export function spikyProfile(baseline: ProfileBaseline): UsageProfile {
  const { meanCpuCores, baseMemoryBytes } = baseline;
  const windowKey = baseline.random.integer(0, 0x7fffffff);
  const spiking = (t: number) => unitInterval(hashOf(windowKey, Math.floor(t / WINDOW_MS))) < SPIKE_PROBABILITY;
  return {
    name: 'spiky',
    meanCpuCores,
    baseMemoryBytes,
    cpuCoresAt: (t) =>
      baseline.capToNode(meanCpuCores * QUIET_LEVEL * (spiking(t) ? SPIKE_FACTOR : 1) * (1 + 0.2 * baseline.noiseAt(t))),
    memoryBytesAt: (t) => baseMemoryBytes * (spiking(t) ? SPIKE_MEMORY_FACTOR : 1) * (1 + 0.02 * baseline.noiseAt(t, 1)),
  };
}
