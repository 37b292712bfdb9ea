// Rates between two consecutive samples of one container's cumulative counters, over the kubelet's own sample
// times (never the scraper's clock), in floating point (the Magalix agent's integer maths rounded small rates
// to zero). Counters above 2^53 lose integer precision, but a unit in the last place is then at most a few
// hundred nanoseconds against an interval of tens of seconds, so rates stay exact to about 1e-8.
import type { PromSample } from './cadvisor-samples.ts';
import type { CpuSample } from './summary-samples.ts';

export type NoRateReason =
  /** Δt ≤ 0: the kubelet served the same sample again, or its clock went back. */
  | 'no-elapsed-time'
  /** A cumulative counter went down: the container (or node) restarted. */
  | 'counter-went-down'
  /** One of the two samples lacks the counter. */
  | 'missing-counter'
  /** The samples carry no time, so there is no interval to divide by. */
  | 'missing-sample-time'
  /** No CFS period elapsed (the container was idle for the whole interval). */
  | 'no-periods-elapsed'
  /** More periods were throttled than elapsed: the counters contradict each other. */
  | 'inconsistent-counters';

export type RateResult = { readonly ok: true; readonly value: number } | { readonly ok: false; readonly reason: NoRateReason };

const MS_PER_SECOND = 1_000;

const rate = (value: number): RateResult => ({ ok: true, value });
const noRate = (reason: NoRateReason): RateResult => ({ ok: false, reason });

/** CPU in cores over the interval: Δ usageCoreNanoSeconds / Δ kubelet sample time in nanoseconds. */
export function cpuCoresFromSummary(previous: CpuSample, current: CpuSample): RateResult {
  if (previous.usageCoreNanoSeconds === null || current.usageCoreNanoSeconds === null) return noRate('missing-counter');
  return counterRate(previous.usageCoreNanoSeconds, current.usageCoreNanoSeconds, Number(current.time.ns - previous.time.ns));
}

/** CPU in cores over the interval from container_cpu_usage_seconds_total: Δ seconds / Δ sample timestamps. */
export function cpuCoresFromCadvisor(previous: PromSample, current: PromSample): RateResult {
  return perSecondOfTimestamped(previous, current);
}

/** Throttled seconds per second over the interval, from container_cpu_cfs_throttled_seconds_total. */
export function throttledSecondsPerSecond(previous: PromSample, current: PromSample): RateResult {
  return perSecondOfTimestamped(previous, current);
}

/** Share of the CFS periods of the interval in which the container hit its quota: Δ throttled periods / Δ periods. */
export function throttledRatio(
  previous: { readonly periods: number; readonly throttledPeriods: number },
  current: { readonly periods: number; readonly throttledPeriods: number },
): RateResult {
  const periods = current.periods - previous.periods;
  const throttled = current.throttledPeriods - previous.throttledPeriods;
  if (periods < 0 || throttled < 0) return noRate('counter-went-down');
  if (periods === 0) return noRate('no-periods-elapsed');
  if (throttled > periods) return noRate('inconsistent-counters');
  return rate(throttled / periods);
}

function perSecondOfTimestamped(previous: PromSample, current: PromSample): RateResult {
  if (previous.timestampMs === null || current.timestampMs === null) return noRate('missing-sample-time');
  return counterRate(previous.value, current.value, (current.timestampMs - previous.timestampMs) / MS_PER_SECOND);
}

/** Δ counter / Δ time: core-nanoseconds per nanosecond, or seconds per second, are cores. */
function counterRate(previous: number, current: number, elapsed: number): RateResult {
  if (current < previous) return noRate('counter-went-down');
  if (!(elapsed > 0)) return noRate('no-elapsed-time');
  return rate((current - previous) / elapsed);
}
