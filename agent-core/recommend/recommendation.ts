import type { ResourceValues } from './container-history.ts';

export type Confidence = 'low' | 'medium' | 'high';

export interface Percentiles {
  p50: number;
  p90: number;
  p95: number;
  p99: number;
  max: number;
}

export interface Evidence {
  coverage: {
    /** Pod-minutes with data in the window. */
    minutes: number;
    /** Days with any data. */
    days: number;
    /** ms epoch of the first and last minute considered. */
    from: number;
    to: number;
  };
  /** Usage in cores over the minutes the CPU proposal learned from. */
  cpu: Percentiles & { fromDay: number };
  /** Working set in bytes; dailyPeaks oldest first over the minutes the memory proposal learned from. */
  memory: Percentiles & { dailyPeaks: number[]; fromDay: number };
  /** null without a CPU limit. Shares of minutes with ≥ 25 % (throttled), ≥ 50 % (heavy) and ≥ 90 % (saturated) of CFS periods throttled. */
  throttling: { minutes: number; throttledShare: number; heavyShare: number; saturatedShare: number; meanRatio: number } | null;
  ooms: { count: number; last: number | null; levelBytes: number | null };
  /** A change of level the proposal follows (or will, once it has lasted long enough). */
  levelShift: { resource: 'cpu' | 'memory'; at: number; factor: number; adopted: boolean } | null;
  /** Working set growing within each container life. */
  leak: { growthBytesPerHour: number; restartEveryHours: number | null; projectedPeakBytes: number } | null;
}

export interface Effect {
  /** Cores and bytes of requests freed across the workload's replicas (negative: more is requested). */
  cpuCoresFreed: number;
  memoryBytesFreed: number;
  /** Risks the proposal removes, in words ("throttled 63 % of minutes", "4 OOM kills in 7 days"). */
  risksRemoved: string[];
}

export interface Recommendation {
  /** See recommendation-id.ts: stable for the same container and proposal. */
  id: string;
  container: string;
  current: ResourceValues;
  proposed: ResourceValues;
  /** One line per value, for a person. */
  reasons: { cpuRequest: string; cpuLimit: string; memRequest: string; memLimit: string };
  confidence: Confidence;
  evidence: Evidence;
  effect: Effect;
  /** What the engine saw: pinned at its CPU limit, throttled, OOM-killed, leaking, following a level shift. */
  signals: { pinned: boolean; throttled: boolean; oomKilled: boolean; leaking: boolean; levelShift: boolean };
}
