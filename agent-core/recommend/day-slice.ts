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
  /**
   * The day's hourly CPU sums, minute counts and memory maxima, 72 values from `hourlyBase` in an array
   * the digest shares between its days (one typed array per digest, not three per day). Single precision
   * is plenty for hourly means and maxima.
   */
  readonly hourly: Float32Array;
  readonly hourlyBase: number;

  constructor(hourly: Float32Array = new Float32Array(HOURLY_VALUES), hourlyBase = 0) {
    this.hourly = hourly;
    this.hourlyBase = hourlyBase;
    this.hourly.fill(Number.NaN, hourlyBase + 48, hourlyBase + 72);
  }

  hourCpuMean(hour: number): number {
    const n = this.hourly[this.hourlyBase + 24 + hour]!;
    return n > 0 ? this.hourly[this.hourlyBase + hour]! / n : Number.NaN;
  }

  hourMemoryMax(hour: number): number {
    return this.hourly[this.hourlyBase + 48 + hour]!;
  }

  /** Adds a minute's CPU to its hour; true when it is the hour's first. */
  addHourCpu(hour: number, cores: number): boolean {
    this.hourly[this.hourlyBase + hour]! += cores;
    return this.hourly[this.hourlyBase + 24 + hour]!++ === 0;
  }

  raiseHourMemory(hour: number, bytes: number): void {
    const i = this.hourlyBase + 48 + hour;
    if (!(bytes <= this.hourly[i]!)) this.hourly[i] = bytes;
  }
  cpuMax = 0;
  cpuSum = 0;
  /** Hours of this day with any CPU minute: a day with 20 or more counts as whole. */
  hoursWithCpu = 0;
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

  /** A day's CPU percentile, remembered while the day's minute count stays the same (a past day never changes). */
  #dailyPercentile = { share: NaN, minutes: -1, value: NaN };

  cpuPercentile(share: number, bucketEnd: (index: number) => number): number {
    const memo = this.#dailyPercentile;
    if (memo.share !== share || memo.minutes !== this.cpu.total) {
      memo.share = share;
      memo.minutes = this.cpu.total;
      memo.value = this.cpu.percentile(share, bucketEnd);
    }
    return memo.value;
  }

  reset(day: number): void {
    this.day = day;
    this.#dailyPercentile.minutes = -1;
    this.cpu.clear();
    this.memory.clear();
    this.hourly.fill(0, this.hourlyBase, this.hourlyBase + 48);
    this.hourly.fill(Number.NaN, this.hourlyBase + 48, this.hourlyBase + 72);
    this.cpuMax = 0;
    this.cpuSum = 0;
    this.hoursWithCpu = 0;
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

  /** Mean CPU of the day's minutes. */
  get cpuMean(): number {
    return this.cpu.total > 0 ? this.cpuSum / this.cpu.total : NaN;
  }
}

/** Hourly values a day keeps: CPU sums, minute counts, memory maxima. */
export const HOURLY_VALUES = 72;

export const dayOf = (timeMs: number): number => Math.floor(timeMs / MS_PER_DAY);
export const hourOfDay = (timeMs: number): number => Math.floor((timeMs % MS_PER_DAY) / MS_PER_HOUR);
