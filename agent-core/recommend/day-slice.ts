import { BucketCounts } from './bucket-counts.ts';

export const MS_PER_MINUTE = 60_000;
export const MS_PER_HOUR = 3_600_000;
export const MS_PER_DAY = 86_400_000;

/** A minute counts as throttled when at least this share of its CFS periods were (kubernetes-mixin's CPUThrottlingHigh). */
export const THROTTLED_RATIO = 0.25;
/** Throttled in most periods: "pinned" when most minutes are like this (the definition). */
export const HEAVY_RATIO = 0.5;
/** Throttled in nearly every period: usage sits at the limit and hides the demand above it. */
export const SATURATED_RATIO = 0.9;

/**
 * One UTC day of one container, summarised as it arrives: CPU and memory histograms, hourly CPU means
 * and memory maxima (for level shifts), throttling counts, OOM kills and what restarts reveal about leaks.
 * Fixed size apart from the histograms' windows, so a container costs a few kilobytes per day kept.
 */
export class DaySlice {
  day = Number.NaN;
  readonly cpu = new BucketCounts();
  readonly memory = new BucketCounts();
  readonly hourCpuSum = new Float64Array(24);
  readonly hourCpuCount = new Uint32Array(24);
  readonly hourMemoryMax = new Float64Array(24).fill(Number.NaN);
  cpuMax = 0;
  memoryPeak = Number.NaN;
  /** Minutes with a throttling figure (a CPU limit was set). */
  throttleMinutes = 0;
  throttledMinutes = 0;
  heavyMinutes = 0;
  saturatedMinutes = 0;
  throttledRatioSum = 0;
  oomKills = 0;
  /** Highest working set seen in the minutes up to an OOM kill. */
  oomLevel = 0;
  lastOomAt = Number.NaN;
  /** Restarts without an OOM kill (deploys, planned restarts), seen as a sudden drop of the working set. */
  plainRestarts = 0;
  /** Steepest working-set growth of a container life that ended this day, bytes per ms (start to end). */
  lifeGrowthMax = 0;
  /** Highest working set a life started at. */
  lifeStartMax = 0;
  /** Shortest time between two plain restarts, the second this day (a restart cadence). */
  restartIntervalMin = 0;

  reset(day: number): void {
    this.day = day;
    this.cpu.clear();
    this.memory.clear();
    this.hourCpuSum.fill(0);
    this.hourCpuCount.fill(0);
    this.hourMemoryMax.fill(Number.NaN);
    this.cpuMax = 0;
    this.memoryPeak = Number.NaN;
    this.throttleMinutes = 0;
    this.throttledMinutes = 0;
    this.heavyMinutes = 0;
    this.saturatedMinutes = 0;
    this.throttledRatioSum = 0;
    this.oomKills = 0;
    this.oomLevel = 0;
    this.lastOomAt = Number.NaN;
    this.plainRestarts = 0;
    this.lifeGrowthMax = 0;
    this.lifeStartMax = 0;
    this.restartIntervalMin = 0;
  }

  get cpuMinutes(): number {
    return this.cpu.total;
  }
}

export const dayOf = (timeMs: number): number => Math.floor(timeMs / MS_PER_DAY);
export const hourOfDay = (timeMs: number): number => Math.floor((timeMs % MS_PER_DAY) / MS_PER_HOUR);
