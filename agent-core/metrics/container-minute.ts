import type { ContainerRef } from './container-key.ts';
import type { ContainerObservation } from './container-observation.ts';
import {
  cpuCoresFromCadvisor,
  cpuCoresFromSummary,
  throttledRatio,
  throttledSecondsPerSecond,
  type RateResult,
} from './counter-rates.ts';
import { cpuLimitCores } from './cpu-limit.ts';
import type { ReportProblem } from './metrics-problem.ts';
import { minuteOfSampleNs } from './sample-minute.ts';

/** One container's figures for one minute. A null rate means no trustworthy value for that interval. */
export interface ContainerMinute extends ContainerRef {
  /** Start of the minute (ms since the epoch) holding the kubelet's sample time. */
  readonly minute: number;
  /** Average CPU over the interval since the previous sample, in cores. */
  readonly cpuCores: number | null;
  readonly memoryWorkingSetBytes: number | null;
  readonly memoryRssBytes: number | null;
  readonly memoryUsageBytes: number | null;
  /** Share of CFS periods throttled over the interval; null without a CPU limit or when no period elapsed. */
  readonly throttledRatio: number | null;
  readonly throttledSecondsPerSecond: number | null;
  /** The limit the cgroup enforces (quota / period), in cores; null without a quota. */
  readonly cpuLimitCoresFromCgroup: number | null;
  /** The container restarted since the previous sample, so this interval has no rates. */
  readonly restarted: boolean;
}

export interface IntervalContext {
  /** The previous sample of the same incarnation, or null on first sight and after a restart. */
  readonly previous: ContainerObservation | null;
  readonly current: ContainerObservation;
  readonly sampleTimeNs: bigint;
  readonly restarted: boolean;
  /** Per-second CPU figures above this are faults (see rate-bounds.ts). */
  readonly coresBound: number;
  readonly report: ReportProblem;
}

const NO_RATES = { cpuCores: null, throttledRatio: null, throttledSecondsPerSecond: null } as const;

/** The minute record of a container from its previous and current samples. */
export function containerMinute({ previous, current, sampleTimeNs, restarted, coresBound, report }: IntervalContext): ContainerMinute {
  const memory = current.summary?.memory ?? null;
  const cpuLimitCoresFromCgroup = cpuLimitCores(current.cadvisor?.cpuQuota ?? null, current.cadvisor?.cpuPeriod ?? null);
  const rates = previous ? intervalRates(previous, current, cpuLimitCoresFromCgroup !== null, coresBound, report) : NO_RATES;
  return {
    ...current.ref,
    minute: minuteOfSampleNs(sampleTimeNs),
    ...rates,
    memoryWorkingSetBytes: memory?.workingSetBytes ?? null,
    memoryRssBytes: memory?.rssBytes ?? null,
    memoryUsageBytes: memory?.usageBytes ?? null,
    cpuLimitCoresFromCgroup,
    restarted,
  };
}

function intervalRates(previous: ContainerObservation, current: ContainerObservation, hasCpuLimit: boolean, coresBound: number, report: ReportProblem) {
  const accept = (result: RateResult | null, what: string, bound: number): number | null =>
    result === null ? null : acceptRate(result, what, bound, report);
  // Without a quota there is no throttling to speak of, whatever counters linger.
  return {
    cpuCores: accept(cpuRate(previous, current), 'CPU usage', coresBound),
    throttledRatio: hasCpuLimit ? accept(throttledRatioRate(previous, current), 'throttled ratio', 1) : null,
    throttledSecondsPerSecond: hasCpuLimit ? accept(throttledSecondsRate(previous, current), 'throttled seconds per second', coresBound) : null,
  };
}

// The Summary API's counter is the one documented for per-minute CPU; cAdvisor's usage series stands in when a
// sample of the Summary API is missing (a failed fetch, a container it does not list).
function cpuRate(previous: ContainerObservation, current: ContainerObservation): RateResult | null {
  const [before, after] = [previous.summary?.cpu, current.summary?.cpu];
  if (before?.usageCoreNanoSeconds != null && after?.usageCoreNanoSeconds != null) return cpuCoresFromSummary(before, after);
  const [seriesBefore, seriesAfter] = [previous.cadvisor?.cpuUsageSeconds, current.cadvisor?.cpuUsageSeconds];
  return seriesBefore && seriesAfter ? cpuCoresFromCadvisor(seriesBefore, seriesAfter) : null;
}

function throttledRatioRate(previous: ContainerObservation, current: ContainerObservation): RateResult | null {
  const [before, after] = [previous.cadvisor, current.cadvisor];
  if (!before?.cfsPeriods || !before.cfsThrottledPeriods || !after?.cfsPeriods || !after.cfsThrottledPeriods) return null;
  return throttledRatio(
    { periods: before.cfsPeriods.value, throttledPeriods: before.cfsThrottledPeriods.value },
    { periods: after.cfsPeriods.value, throttledPeriods: after.cfsThrottledPeriods.value },
  );
}

function throttledSecondsRate(previous: ContainerObservation, current: ContainerObservation): RateResult | null {
  const [before, after] = [previous.cadvisor?.cfsThrottledSeconds, current.cadvisor?.cfsThrottledSeconds];
  return before && after ? throttledSecondsPerSecond(before, after) : null;
}

function acceptRate(result: RateResult, what: string, bound: number, report: ReportProblem): number | null {
  if (result.ok) {
    if (result.value <= bound) return result.value;
    report('absurd-value', `${what} of ${result.value} is beyond what the node can deliver (at most ${bound}); dropped.`);
    return null;
  }
  switch (result.reason) {
    case 'no-elapsed-time':
      report('stale-sample', `the ${what} sample is not newer than the previous one; no rate for this interval.`);
      return null;
    case 'missing-sample-time':
      report('missing-sample-time', `the ${what} samples carry no timestamp; no rate for this interval.`);
      return null;
    case 'counter-went-down':
      report('restart', `a ${what} counter went down; no rate for this interval.`);
      return null;
    case 'inconsistent-counters':
      report('absurd-value', `the ${what} counters contradict each other (more throttled periods than periods); dropped.`);
      return null;
    case 'missing-counter':
    case 'no-periods-elapsed':
      return null;
  }
}
