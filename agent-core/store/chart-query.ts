import { BucketStats, type Stat } from './bucket-stats.ts';
import { planBuckets } from './bucket-plan.ts';
import { type HourRollup, rollupHour } from './hour-rollup.ts';
import { METRICS, forEachSampledMinute } from './hour-samples.ts';
import { DISPLAY_CONVERSIONS } from './metric-scales.ts';
import type { MinuteReader } from './minute-reader.ts';
import type { RollupTable } from './rollup-table.ts';
import type { SeriesRef, SettingsInterval } from './sample-types.ts';
import type { SeriesEntry } from './series-registry.ts';
import { type SettingsHistory, clipSettings } from './settings-history.ts';
import { MINUTES_PER_HOUR, MS_PER_MINUTE, ceilToMinute, hourOfMinute } from './units.ts';

export type { Stat } from './bucket-stats.ts';

export interface ChartQuery {
  series: SeriesRef;
  /** ms epoch, inclusive */
  from: number;
  /** ms epoch, exclusive */
  to: number;
  /** Default 2000. */
  maxPoints?: number;
}

export interface ChartPoint {
  /** Start of the bucket, ms epoch. */
  t: number;
  cpuCores: Stat | null;
  memoryWorkingSetBytes: Stat | null;
  memoryRssBytes: Stat | null;
  throttledRatio: Stat | null;
}

export interface ChartSeries {
  series: SeriesRef;
  resolution: 'minute' | 'hour';
  bucketMs: number;
  /** Only buckets holding data, oldest first; a gap in t is a gap in the data. */
  points: ChartPoint[];
  /** Request and limit lines over the same range, ending where the data ends. */
  settings: SettingsInterval[];
}

export interface ChartSources {
  minutes: MinuteReader;
  rollups: RollupTable;
  settings: SettingsHistory;
}

type Buckets = Map<number, BucketStats[]>;

function statsOf(buckets: Buckets, bucket: number): BucketStats[] {
  let stats = buckets.get(bucket);
  if (!stats) buckets.set(bucket, (stats = METRICS.map(() => new BucketStats())));
  return stats;
}

function pointsOf(buckets: Buckets, bucketMinutes: number): ChartPoint[] {
  return [...buckets.keys()]
    .sort((a, b) => a - b)
    .map((bucket) => {
      const [cpu, ws, rss, thr] = buckets.get(bucket)!.map((s, m) => s.stat(DISPLAY_CONVERSIONS[m]!));
      return { t: bucket * bucketMinutes * MS_PER_MINUTE, cpuCores: cpu ?? null, memoryWorkingSetBytes: ws ?? null, memoryRssBytes: rss ?? null, throttledRatio: thr ?? null };
    });
}

function minuteBuckets(sources: ChartSources, seriesId: number, fromMinute: number, toMinute: number, bucketMinutes: number): { buckets: Buckets; dataEnd: number } {
  const buckets: Buckets = new Map();
  let dataEnd = -Infinity;
  const hours = sources.minutes.read(seriesId, seriesId + 1, fromMinute, toMinute).get(seriesId) ?? new Map();
  forEachSampledMinute(hours, fromMinute, toMinute, (minute, samples, i) => {
    const stats = statsOf(buckets, Math.floor(minute / bucketMinutes));
    for (let m = 0; m < METRICS.length; m++) {
      const v = samples.values[m]![i]!;
      if (!Number.isNaN(v)) stats[m]!.addMinute(v);
    }
    dataEnd = minute + 1;
  });
  return { buckets, dataEnd };
}

function hourBuckets(sources: ChartSources, seriesId: number, fromMinute: number, toMinute: number, bucketMinutes: number): { buckets: Buckets; dataEnd: number } {
  const firstHour = hourOfMinute(fromMinute);
  const lastHour = hourOfMinute(toMinute - 1);
  const rollups: Map<number, HourRollup> = sources.rollups.read(seriesId, firstHour, lastHour);
  // Hours still (partly) staged have no rollup yet, or an outdated one: roll them up from their minutes.
  const staged = sources.minutes.stagedMinutes();
  if (staged) {
    const from = Math.max(firstHour, hourOfMinute(staged.first)) * MINUTES_PER_HOUR;
    const to = (Math.min(lastHour, hourOfMinute(staged.last)) + 1) * MINUTES_PER_HOUR;
    const hours = sources.minutes.read(seriesId, seriesId + 1, from, to).get(seriesId) ?? new Map();
    for (const [hour, samples] of hours) if (hour >= firstHour && hour <= lastHour) rollups.set(hour, rollupHour(samples));
  }
  const buckets: Buckets = new Map();
  let dataEnd = -Infinity;
  for (const [hour, rollup] of rollups) {
    const stats = statsOf(buckets, Math.floor((hour * MINUTES_PER_HOUR) / bucketMinutes));
    rollup.forEach((r, m) => r && stats[m]!.addHour(r));
    dataEnd = Math.max(dataEnd, (hour + 1) * MINUTES_PER_HOUR);
  }
  return { buckets, dataEnd };
}

/** Whether minute data reaches back to fromMinute, or at least nothing older survives only as rollups. */
function minutesKeptFor(sources: ChartSources, fromMinute: number): boolean {
  const oldestMinute = sources.minutes.oldestMinute();
  if (oldestMinute === null) return false;
  if (fromMinute >= oldestMinute) return true;
  const oldestRollupHour = sources.rollups.oldestHour();
  return oldestRollupHour === null || oldestRollupHour >= hourOfMinute(oldestMinute);
}

export function queryChart(sources: ChartSources, series: SeriesEntry | undefined, q: ChartQuery): ChartSeries {
  const maxPoints = q.maxPoints ?? 2000;
  if (!Number.isInteger(maxPoints) || maxPoints < 1) throw new RangeError(`maxPoints must be a whole number of 1 or more, not ${maxPoints}.`);
  const fromMinute = ceilToMinute(q.from);
  const toMinute = ceilToMinute(q.to);
  const plan = planBuckets(fromMinute, Math.max(toMinute, fromMinute + 1), maxPoints, minutesKeptFor(sources, fromMinute));
  const empty: ChartSeries = { series: q.series, resolution: plan.resolution, bucketMs: plan.bucketMinutes * MS_PER_MINUTE, points: [], settings: [] };
  if (!series || toMinute <= fromMinute) return empty;
  const read = plan.resolution === 'minute' ? minuteBuckets : hourBuckets;
  const { buckets, dataEnd } = read(sources, series.id, fromMinute, toMinute, plan.bucketMinutes);
  if (buckets.size === 0) return empty;
  const settings = clipSettings(sources.settings.readOne(series.id, fromMinute, toMinute), dataEnd * MS_PER_MINUTE);
  return { ...empty, points: pointsOf(buckets, plan.bucketMinutes), settings };
}
