const MiB = 2 ** 20;

/**
 * The engine's knobs, each with the reason for its default. Callers may override any of them; the
 * evaluation harness (npm run eval) measures the defaults on traces the engine was not tuned on.
 */
export interface RecommendPolicy {
  /** Days of history considered. */
  windowDays: number;
  /** CPU request covers this share of minutes of usage (the oracle's p99: a 1 % tail is what a request may leave to bursting). */
  cpuPercentile: number;
  /** Headroom on the CPU percentile, for day-to-day variation the window has not shown. */
  cpuMargin: number;
  /** Headroom on the highest daily memory peak at the least; more when daily peaks vary more. */
  memoryMarginMin: number;
  memoryMarginMax: number;
  /** Memory limit at least request × this: room for the working set to double (a heavier release, a burst) before a kill; still contains a runaway leak. */
  memoryLimitOverRequest: number;
  /**
   * Limits reserve nothing on the node, so lowering one frees nothing and only adds throttling or OOM risk:
   * a team's limit is kept unless it exceeds the new request by more than this (LimitRange's
   * maxLimitRequestRatio is often 2–10). No limit is added where there was none.
   */
  maxLimitOverRequest: number;
  /** VPA's OOM bump: the memory at a kill plus max(this many bytes, ×oomBumpRatio). */
  oomBumpBytes: number;
  oomBumpRatio: number;
  /** A leak's projection never exceeds this multiple of the level it was killed at: beyond, fix the leak. */
  leakProjectionCap: number;
  /** Throttled (≥ 25 % of periods) in at least this share of minutes: never lower the limit. */
  throttledShareKeepLimit: number;
  /** Throttled in at least this share of minutes (over an hour a day of CPUThrottlingHigh): raise the limit ≥ 2× and request at least the old limit. */
  throttledShareRaiseLimit: number;
  /** What to advise for a limit that throttles: raise it (× this) or remove it. */
  throttledLimitAdvice: 'raise' | 'remove';
  throttledLimitFactor: number;
  /** Without throttling, the limit stays at least this multiple of the highest minute seen. */
  cpuLimitOverMax: number;
  /** A downward level shift is adopted after this many hours (a weekend is 48); sooner right after a rollout. */
  downShiftAdoptHours: number;
  downShiftAdoptHoursAfterRollout: number;
  /** How close to a rollout a shift must start to be blamed on it. */
  rolloutMatchMs: number;
  /** Floors: below these, scheduling noise and the kubelet's own accounting dominate. */
  minCpuCores: number;
  minMemoryBytes: number;
}

export const DEFAULT_POLICY: RecommendPolicy = {
  windowDays: 14,
  cpuPercentile: 0.99,
  cpuMargin: 1.0,
  memoryMarginMin: 1.02,
  memoryMarginMax: 1.3,
  memoryLimitOverRequest: 2,
  maxLimitOverRequest: 4,
  oomBumpBytes: 100 * MiB,
  oomBumpRatio: 1.2,
  leakProjectionCap: 2,
  throttledShareKeepLimit: 0.01,
  throttledShareRaiseLimit: 0.05,
  throttledLimitAdvice: 'raise',
  throttledLimitFactor: 2,
  cpuLimitOverMax: 1.2,
  downShiftAdoptHours: 72,
  downShiftAdoptHoursAfterRollout: 24,
  rolloutMatchMs: 3 * 3_600_000,
  minCpuCores: 0.01,
  minMemoryBytes: 32 * MiB,
};
