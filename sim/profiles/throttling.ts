// The CFS bandwidth model: how a CPU demand turns into usage and into the kernel's cpu.stat counters
// (nr_periods, nr_throttled, throttled_time) that cAdvisor exports as container_cpu_cfs_*.
//
// Work blocked by the quota runs in later periods, so usage over a cell is the demand capped by the limit.
// Demand is bursty inside a period, though, so even a container under its limit hits the quota in some
// periods. Calibrated on the reference scrapes (shared/reference/kubelet/cadvisor-{a,b}.prom):
// 0.25 cores against a 0.5-core limit → 10 periods/s, a quarter of them throttled, 0.0375 throttled s/s.

export const CFS_PERIOD_SECONDS = 0.1;

/** Below this demand a container sleeps through some periods, and the kernel counts only periods with runnable tasks. */
const ALWAYS_RUNNABLE_CORES = 0.05;
/** Throttled share of periods = exp(-DECAY · (limit/demand − 1)): a quarter at half the limit, all at the limit. */
const THROTTLE_DECAY = Math.log(4);
/** A throttled period waits for at least this share of the period (reference: 0.0375 s/s ÷ 2.5 periods/s ÷ 0.1 s). */
const MIN_THROTTLED_SHARE_OF_PERIOD = 0.15;

export interface CfsRates {
  usageCores: number;
  periodsPerSecond: number;
  throttledPeriodsPerSecond: number;
  throttledSecondsPerSecond: number;
}

/** Usage and CFS counter rates for a demand against a CPU limit (cores), with the kernel's default 100 ms period. */
export function cfsRates(demandCores: number, limitCores: number, periodSeconds = CFS_PERIOD_SECONDS): CfsRates {
  const demand = Math.max(0, demandCores);
  const runnableShare = Math.min(1, demand / ALWAYS_RUNNABLE_CORES);
  const periodsPerSecond = runnableShare / periodSeconds;
  if (runnableShare === 0) return { usageCores: 0, periodsPerSecond: 0, throttledPeriodsPerSecond: 0, throttledSecondsPerSecond: 0 };

  const demandWhileRunnable = demand / runnableShare;
  const throttledRatio = throttledRatioFor(demandWhileRunnable, limitCores);
  // When saturated, each throttled period waits for the share of work the quota left out.
  const waitShare = Math.max(MIN_THROTTLED_SHARE_OF_PERIOD, 1 - limitCores / demandWhileRunnable);
  const throttledPeriodsPerSecond = periodsPerSecond * throttledRatio;
  return {
    usageCores: Math.min(demand, limitCores),
    periodsPerSecond,
    throttledPeriodsPerSecond,
    throttledSecondsPerSecond: throttledPeriodsPerSecond * periodSeconds * waitShare,
  };
}

/** Share of runnable periods that exhaust the quota. */
export function throttledRatioFor(demandCores: number, limitCores: number): number {
  if (demandCores >= limitCores) return 1;
  if (demandCores <= 0) return 0;
  return Math.exp(-THROTTLE_DECAY * (limitCores / demandCores - 1));
}
