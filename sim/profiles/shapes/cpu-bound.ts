import type { ProfileBaseline } from '../baseline.ts';
import type { UsageProfile } from '../usage-profile.ts';

/** Demand over the limit by this factor, so the container is throttled in (nearly) every period. */
const OVER_LIMIT: readonly [number, number] = [1.3, 2];
/** Without a limit, demand is this multiple of the request (or of half a core). */
const OVER_REQUEST = 1.5;

/** Wants more CPU than it may have (a compressor, a busy worker pool): usage sits at the limit, throttled. */
export function cpuBoundProfile(baseline: ProfileBaseline): UsageProfile {
  const { cpuLimitCores, cpuRequestCores } = baseline.input.resources;
  const demand =
    baseline.input.overrides?.cpuCores ??
    (cpuLimitCores ? cpuLimitCores * baseline.random.between(...OVER_LIMIT) : (cpuRequestCores ?? 0.5) * OVER_REQUEST);
  const meanCpuCores = baseline.capToNode(demand);
  const { baseMemoryBytes } = baseline;
  return {
    name: 'cpu-bound',
    meanCpuCores,
    baseMemoryBytes,
    // ±3 % keeps demand over the limit in every cell.
    cpuCoresAt: (t) => baseline.capToNode(meanCpuCores * (1 + 0.06 * baseline.noiseAt(t))),
    memoryBytesAt: (t) => baseMemoryBytes * (1 + 0.02 * baseline.noiseAt(t, 1)),
  };
}
