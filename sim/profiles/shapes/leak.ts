import type { ProfileBaseline } from '../baseline.ts';
import type { UsageProfile } from '../usage-profile.ts';

const HOUR_MS = 3600_000;
/** With a limit, each life starts at no more than this share of it. */
const START_SHARE_OF_LIMIT = 0.4;
/** With a limit, the working set reaches it this many minutes after each start. */
const MINUTES_TO_LIMIT: readonly [number, number] = [30, 120];
/** Without a limit, the working set grows this share of its start per hour... */
const UNLIMITED_GROWTH_PER_HOUR = 0.5;
/** ...until this multiple of it: the node's eviction, which the simulator does not model, would act then. */
const UNLIMITED_CEILING = 4;

/**
 * CPU as steady; the working set grows linearly from each container start. With a memory limit it crosses
 * the limit after 30–120 simulated minutes, so the container is OOMKilled and restarts from the start value.
 */
export function leakProfile(baseline: ProfileBaseline): UsageProfile {
  const { meanCpuCores } = baseline;
  const limit = baseline.input.resources.memoryLimitBytes;
  const startBytes = limit ? Math.min(baseline.baseMemoryBytes, limit * START_SHARE_OF_LIMIT) : baseline.baseMemoryBytes;
  const bytesPerMs = limit
    ? (limit - startBytes) / (baseline.random.between(...MINUTES_TO_LIMIT) * 60_000)
    : (startBytes * UNLIMITED_GROWTH_PER_HOUR) / HOUR_MS;
  const ceiling = limit ? Infinity : startBytes * UNLIMITED_CEILING;
  return {
    name: 'leak',
    meanCpuCores,
    baseMemoryBytes: startBytes,
    cpuCoresAt: (t) => baseline.capToNode(meanCpuCores * (1 + 0.1 * baseline.noiseAt(t))),
    memoryBytesAt: (t, lifeStart) => Math.min(ceiling, startBytes + bytesPerMs * Math.max(0, t - lifeStart)),
  };
}
