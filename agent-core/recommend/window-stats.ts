import { type DaySlice, MS_PER_DAY, MS_PER_HOUR } from './day-slice.ts';
import type { BucketCounts } from './bucket-counts.ts';
import { CPU_BUCKETS, type LogBuckets, MEMORY_BUCKETS } from './log-buckets.ts';
import { MergedHistogram } from './merged-histogram.ts';
import type { Percentiles } from './recommendation.ts';

// Reused between calls: the engine is synchronous, and a recommendation then allocates no histogram.
const cpu = new MergedHistogram(CPU_BUCKETS);
const memory = new MergedHistogram(MEMORY_BUCKETS);
const SHARES = [0.5, 0.9, 0.95, 0.99];
const scratch: number[] = [];
const FIVE = [0.5, 0.9, 0.95, 0.99, 0];
const five: number[] = [];

/** What percentiles are read from: days merged on demand, or a digest's running window. */
interface Histogram {
  readonly total: number;
  percentiles(shares: readonly number[], out?: number[]): number[];
  percentile(share: number): number;
  shareAtOrAbove(value: number): number;
}

/** A digest's running window as a Histogram. */
class WindowView implements Histogram {
  constructor(
    readonly counts: BucketCounts,
    readonly buckets: LogBuckets,
  ) {}
  get total() {
    return this.counts.total;
  }
  percentiles(shares: readonly number[], out?: number[]) {
    return this.counts.percentiles(shares, (i) => this.buckets.end(i), out);
  }
  percentile(share: number) {
    return this.percentiles([share])[0]!;
  }
  shareAtOrAbove(value: number) {
    const i = this.buckets.indexOf(value);
    return this.counts.shareFrom(this.buckets.start(i) < value ? i + 1 : i);
  }
}

/** The days' CPU counts: the digest's running window when the days are all of it, else merged. */
const cpuOf = (slices: readonly DaySlice[], window?: BucketCounts): Histogram => (window ? new WindowView(window, CPU_BUCKETS) : cpu.merge(slices.map((s) => s.cpu)));
const memoryOf = (slices: readonly DaySlice[], window?: BucketCounts): Histogram => (window ? new WindowView(window, MEMORY_BUCKETS) : memory.merge(slices.map((s) => s.memory)));

function percentilesOf(h: Histogram, max: number, known?: number[]): Percentiles {
  const p = known ?? h.percentiles(SHARES, scratch);
  return { p50: Math.min(p[0]!, max), p90: Math.min(p[1]!, max), p95: Math.min(p[2]!, max), p99: Math.min(p[3]!, max), max: h.total ? max : NaN };
}

export interface CpuPercentiles extends Percentiles {
  /** The percentile at the share asked for (NaN without). */
  atShare: number;
  /** Share of minutes above the value asked for (0 without): how often the current request fell short. */
  shareAbove: number;
}

/** Percentiles of per-minute CPU usage over the slices, merged once; `window`: the same days already summed. */
export function cpuPercentiles(slices: readonly DaySlice[], share?: number, above?: number, window?: BucketCounts): CpuPercentiles {
  let max = 0;
  for (const s of slices) max = Math.max(max, s.cpuMax);
  const merged = cpuOf(slices, window);
  let atShare = NaN;
  let known: number[] | undefined;
  if (share !== undefined && share >= SHARES[SHARES.length - 1]!) {
    // One pass for the usual percentiles and the (higher) one asked for.
    FIVE[4] = share;
    known = merged.percentiles(FIVE, five);
    atShare = five[4]!;
  } else if (share !== undefined) {
    atShare = merged.percentile(share);
  }
  return {
    ...percentilesOf(merged, max, known),
    atShare,
    shareAbove: above === undefined || !(above < max) ? 0 : merged.shareAtOrAbove(above),
  };
}

/** One CPU percentile over the slices, merged. */
export function cpuPercentileAt(slices: readonly DaySlice[], share: number): number {
  return cpuOf(slices).percentile(share);
}

/** One day's CPU percentile. */
export function dailyCpuPercentile(slice: DaySlice, share: number): number {
  return slice.cpuPercentile(share, cpuBucketEnd);
}

const cpuBucketEnd = (i: number) => CPU_BUCKETS.end(i);

/** Percentiles of per-minute working set over the slices, merged once (max: the highest daily peak), and the share of minutes above `above`. */
export function memoryPercentiles(slices: readonly DaySlice[], above?: number, window?: BucketCounts): Percentiles & { shareAbove: number } {
  let max = 0;
  for (const s of slices) if (s.memoryPeak > max) max = s.memoryPeak;
  const merged = memoryOf(slices, window);
  return { ...percentilesOf(merged, max), shareAbove: above === undefined || !(above < max) ? 0 : merged.shareAtOrAbove(above) };
}

let hourlyScratch = new Float64Array(0);

/**
 * Hourly values over consecutive days from the first slice's day, for the hours that ended by `endMs`
 * (NaN where an hour has no data): the mean CPU, or the highest working set. A view of a reused buffer.
 */
export function hourlySeries(slices: readonly DaySlice[], metric: 'cpu' | 'memory', endMs: number): { values: Float64Array; firstHourMs: number } {
  if (slices.length === 0) return { values: new Float64Array(0), firstHourMs: 0 };
  const firstDay = slices[0]!.day;
  const firstHourMs = firstDay * MS_PER_DAY;
  const hours = Math.min((slices[slices.length - 1]!.day - firstDay + 1) * 24, Math.floor((endMs - firstHourMs) / MS_PER_HOUR));
  if (hourlyScratch.length < hours) hourlyScratch = new Float64Array(hours + 24 * 7);
  const values = hourlyScratch.subarray(0, Math.max(0, hours)).fill(NaN);
  for (const s of slices) {
    const base = (s.day - firstDay) * 24;
    for (let h = 0; h < 24 && base + h < hours; h++) {
      values[base + h] = metric === 'memory' ? s.hourMemoryMax(h) : s.hourCpuMean(h);
    }
  }
  return { values, firstHourMs };
}

export interface ThrottleStats {
  minutes: number;
  /** Minutes with ≥ 25 % of periods throttled. */
  throttledShare: number;
  /** ≥ 50 %: throttled in most periods. */
  heavyShare: number;
  /** ≥ 90 %: usage at the limit, demand hidden above it. */
  saturatedShare: number;
  meanRatio: number;
}

export function throttleStats(slices: readonly DaySlice[]): ThrottleStats | null {
  let minutes = 0;
  let throttled = 0;
  let heavy = 0;
  let saturated = 0;
  let ratioSum = 0;
  for (const s of slices) {
    minutes += s.throttleMinutes;
    throttled += s.throttledMinutes;
    heavy += s.heavyMinutes;
    saturated += s.saturatedMinutes;
    ratioSum += s.throttledRatioSum;
  }
  return minutes === 0 ? null : { minutes, throttledShare: throttled / minutes, heavyShare: heavy / minutes, saturatedShare: saturated / minutes, meanRatio: ratioSum / minutes };
}

export interface OomStats {
  count: number;
  last: number | null;
  level: number;
  days: number;
}

export function oomStats(slices: readonly DaySlice[]): OomStats {
  let count = 0;
  let last = Number.NaN;
  let level = 0;
  let days = 0;
  for (const s of slices) {
    if (s.oomKills === 0) continue;
    count += s.oomKills;
    days++;
    level = Math.max(level, s.oomLevel);
    if (!(s.lastOomAt <= last)) last = s.lastOomAt;
  }
  return { count, last: Number.isNaN(last) ? null : last, level, days };
}

/** Slices from `fromDay` on. */
export const slicesFrom = (slices: readonly DaySlice[], fromDay: number) => slices.filter((s) => s.day >= fromDay);
export const slicesBefore = (slices: readonly DaySlice[], day: number) => slices.filter((s) => s.day < day);
