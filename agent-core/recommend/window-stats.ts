import { percentileOf, shareAtOrAbove } from './bucket-counts.ts';
import { type DaySlice, MS_PER_DAY, MS_PER_HOUR } from './day-slice.ts';
import { CPU_BUCKETS, type LogBuckets, MEMORY_BUCKETS } from './log-buckets.ts';
import type { Percentiles } from './recommendation.ts';

// Reused between calls: the engine is synchronous, and a recommendation then allocates no histogram.
const cpuScratch = new Float64Array(CPU_BUCKETS.count);
const memoryScratch = new Float64Array(MEMORY_BUCKETS.count);

const bucketEnd = (buckets: LogBuckets) => (i: number) => buckets.end(i);
const cpuEnd = bucketEnd(CPU_BUCKETS);
const memoryEnd = bucketEnd(MEMORY_BUCKETS);

/** Percentiles of per-minute CPU usage over the slices, merged. */
export function cpuPercentiles(slices: readonly DaySlice[], extra?: number): Percentiles & { extra: number } {
  cpuScratch.fill(0);
  let max = 0;
  for (const s of slices) {
    s.cpu.addInto(cpuScratch);
    max = Math.max(max, s.cpuMax);
  }
  return { ...percentilesOf(cpuScratch, cpuEnd, max), extra: extra === undefined ? NaN : percentileOf(cpuScratch, extra, cpuEnd) };
}

/** Percentiles of per-minute working set over the slices, merged; max is the highest daily peak. */
export function memoryPercentiles(slices: readonly DaySlice[]): Percentiles {
  memoryScratch.fill(0);
  let max = 0;
  for (const s of slices) {
    s.memory.addInto(memoryScratch);
    if (s.memoryPeak > max) max = s.memoryPeak;
  }
  return percentilesOf(memoryScratch, memoryEnd, max);
}

/** One CPU percentile over the slices, merged. */
export function cpuPercentileAt(slices: readonly DaySlice[], share: number): number {
  cpuScratch.fill(0);
  for (const s of slices) s.cpu.addInto(cpuScratch);
  return percentileOf(cpuScratch, share, cpuEnd);
}

/** One day's CPU percentile. */
export function dailyCpuPercentile(slice: DaySlice, share: number): number {
  cpuScratch.fill(0);
  slice.cpu.addInto(cpuScratch);
  return percentileOf(cpuScratch, share, cpuEnd);
}

function percentilesOf(dense: Float64Array, end: (i: number) => number, max: number): Percentiles {
  const p = (share: number) => Math.min(percentileOf(dense, share, end), max);
  return { p50: p(0.5), p90: p(0.9), p95: p(0.95), p99: p(0.99), max };
}

/** Hourly series over consecutive days from the first slice's day, NaN where an hour has no data. */
export function hourlySeries(slices: readonly DaySlice[], valueOf: (slice: DaySlice, hour: number) => number): { values: Float64Array; firstHourMs: number } {
  if (slices.length === 0) return { values: new Float64Array(0), firstHourMs: 0 };
  const firstDay = slices[0]!.day;
  const days = slices[slices.length - 1]!.day - firstDay + 1;
  const values = new Float64Array(days * 24).fill(NaN);
  for (const s of slices) for (let h = 0; h < 24; h++) values[(s.day - firstDay) * 24 + h] = valueOf(s, h);
  return { values, firstHourMs: firstDay * MS_PER_DAY };
}

export const hourlyCpuMean = (s: DaySlice, h: number) => (s.hourCpuCount[h]! > 0 ? s.hourCpuSum[h]! / s.hourCpuCount[h]! : NaN);
export const hourlyMemoryMax = (s: DaySlice, h: number) => s.hourMemoryMax[h]!;

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

export const hoursBetween = (from: number, to: number) => (to - from) / MS_PER_HOUR;

/** Share of minutes whose usage lies above `cores` (to the bucket: a lower bound). */
export function cpuShareAbove(slices: readonly DaySlice[], cores: number): number {
  cpuScratch.fill(0);
  for (const s of slices) s.cpu.addInto(cpuScratch);
  return shareAtOrAbove(cpuScratch, cores, (i) => CPU_BUCKETS.start(i));
}

/** Share of minutes whose working set lies above `bytes` (to the bucket: a lower bound). */
export function memoryShareAbove(slices: readonly DaySlice[], bytes: number): number {
  memoryScratch.fill(0);
  for (const s of slices) s.memory.addInto(memoryScratch);
  return shareAtOrAbove(memoryScratch, bytes, (i) => MEMORY_BUCKETS.start(i));
}
