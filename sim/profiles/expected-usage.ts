import { cfsRates } from './throttling.ts';
import { CELL_MS, cellIndexOf, cellMidpoint, type UsageProfile } from './usage-profile.ts';

export interface ExpectedCpu {
  /** Average CPU usage in cores over the window. */
  usageCores: number;
  /** Δthrottled periods / Δperiods over the window (0 without runnable periods). */
  throttledRatio: number;
  /** Throttled seconds per second over the window. */
  throttledSecondsPerSecond: number;
}

/**
 * What a running container with this profile should show between two sample times, computed straight
 * from the profile and the CFS model: the yardstick for tests and for demo narration.
 */
export function expectedCpu(profile: UsageProfile, limitCores: number, fromMs: number, toMs: number): ExpectedCpu {
  let coreSeconds = 0;
  let periods = 0;
  let throttledPeriods = 0;
  let throttledSeconds = 0;
  for (let t = fromMs; t < toMs; ) {
    const cell = cellIndexOf(t);
    const end = Math.min(toMs, (cell + 1) * CELL_MS);
    const seconds = (end - t) / 1000;
    const rates = cfsRates(profile.cpuCoresAt(cellMidpoint(cell)), limitCores);
    coreSeconds += rates.usageCores * seconds;
    periods += rates.periodsPerSecond * seconds;
    throttledPeriods += rates.throttledPeriodsPerSecond * seconds;
    throttledSeconds += rates.throttledSecondsPerSecond * seconds;
    t = end;
  }
  const windowSeconds = (toMs - fromMs) / 1000;
  return {
    usageCores: coreSeconds / windowSeconds,
    throttledRatio: periods > 0 ? throttledPeriods / periods : 0,
    throttledSecondsPerSecond: throttledSeconds / windowSeconds,
  };
}
