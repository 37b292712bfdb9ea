import { LogBuckets } from '../../../agent-core/recommend/index.ts';

const MiB = 2 ** 20;
const HOUR_MS = 3_600_000;

/** The VPA recommender's defaults (kubernetes/autoscaler vertical-pod-autoscaler/pkg/recommender). */
export const VPA = {
  /** CPU: first bucket 0.01 core, 5 % growth, up to 1000 cores. */
  cpuBuckets: new LogBuckets(0.01, 1.05, 1000),
  /** Memory: first bucket 1e7 bytes, 5 % growth, up to 1e12. */
  memoryBuckets: new LogBuckets(1e7, 1.05, 1e12),
  cpuHalfLifeMs: 24 * HOUR_MS,
  memoryHalfLifeMs: 24 * HOUR_MS,
  /** Memory keeps one peak per interval, over this many intervals. */
  memoryIntervalMs: 24 * HOUR_MS,
  memoryIntervals: 8,
  /** Newer releases weight every CPU sample the same (older ones by max(request, 0.1 core)). */
  cpuSampleWeight: 0.1,
  targetPercentile: 0.9,
  safetyMargin: 0.15,
  oomMinBumpBytes: 100 * MiB,
  oomBumpRatio: 1.2,
  /** Per pod, split across its containers. */
  podMinCpuCores: 0.025,
  podMinMemoryBytes: 250 * MiB,
} as const;
