// Every series' minutes over a window, for the recommender. A week of 30,000 containers would not fit
// in memory at once, so series come out one at a time, read a slice of series ids at a time (each
// slice an hour-by-hour primary-key range) and consistent within its slice.
import { type HourSamples, METRICS, forEachSampledMinute } from './hour-samples.ts';
import { DISPLAY_CONVERSIONS } from './metric-scales.ts';
import type { MinuteReader } from './minute-reader.ts';
import type { SeriesInfo, SettingsInterval } from './sample-types.ts';
import type { SeriesEntry, SeriesKind, SeriesRegistry } from './series-registry.ts';
import type { SettingsHistory } from './settings-history.ts';
import { MS_PER_MINUTE, ceilToMinute } from './units.ts';

export interface BulkMinuteQuery {
  /** ms epoch, inclusive */
  from: number;
  /** ms epoch, exclusive */
  to: number;
  /** Default: containers only. */
  kind?: SeriesKind;
}

/** One series' sampled minutes as parallel typed arrays; NaN where a metric has no value that minute. */
export interface SeriesMinutes {
  series: SeriesInfo;
  /** ms epoch of each sampled minute, ascending */
  t: Float64Array;
  cpuCores: Float64Array;
  memoryWorkingSetBytes: Float64Array;
  memoryRssBytes: Float64Array;
  throttledRatio: Float64Array;
  settings: SettingsInterval[];
}

export interface BulkSources {
  registry: SeriesRegistry;
  minutes: MinuteReader;
  settings: SettingsHistory;
  /** Runs reads against one snapshot of the database. */
  snapshot: <T>(read: () => T) => T;
}

/** Sample-minutes held in memory per slice, whatever the window's length. */
const MINUTES_PER_SLICE = 2_000_000;

export function* readAllSeriesMinutes(sources: BulkSources, q: BulkMinuteQuery): Generator<SeriesMinutes> {
  const fromMinute = ceilToMinute(q.from);
  const toMinute = ceilToMinute(q.to);
  if (toMinute <= fromMinute) return;
  const kind = q.kind ?? 'container';
  const wanted = sources.registry.entries().filter((e) => e.kind === kind);
  const seriesPerSlice = Math.min(4096, Math.max(16, Math.floor(MINUTES_PER_SLICE / (toMinute - fromMinute))));
  for (let start = 0; start < wanted.length; start += seriesPerSlice) {
    const slice = wanted.slice(start, start + seriesPerSlice);
    const seriesFrom = slice[0]!.id;
    const seriesTo = slice[slice.length - 1]!.id + 1;
    const { minutes, settings } = sources.snapshot(() => ({
      minutes: sources.minutes.read(seriesFrom, seriesTo, fromMinute, toMinute),
      settings: sources.settings.read(seriesFrom, seriesTo, fromMinute, toMinute),
    }));
    for (const entry of slice) {
      const hours = minutes.get(entry.id);
      if (hours) yield columnsOf(sources.registry, entry, hours, fromMinute, toMinute, settings.get(entry.id) ?? []);
    }
  }
}

function columnsOf(
  registry: SeriesRegistry,
  entry: SeriesEntry,
  hours: ReadonlyMap<number, HourSamples>,
  fromMinute: number,
  toMinute: number,
  settings: SettingsInterval[],
): SeriesMinutes {
  const minutes: number[] = [];
  const refs: Array<[HourSamples, number]> = [];
  forEachSampledMinute(hours, fromMinute, toMinute, (minute, samples, i) => {
    minutes.push(minute);
    refs.push([samples, i]);
  });
  const t = Float64Array.from(minutes, (m) => m * MS_PER_MINUTE);
  const [cpuCores, memoryWorkingSetBytes, memoryRssBytes, throttledRatio] = METRICS.map((_, m) =>
    Float64Array.from(refs, ([samples, i]) => {
      const v = samples.values[m]![i]!;
      return Number.isNaN(v) ? NaN : DISPLAY_CONVERSIONS[m]!(v);
    }),
  ) as [Float64Array, Float64Array, Float64Array, Float64Array];
  return { series: registry.infoOf(entry), t, cpuCores, memoryWorkingSetBytes, memoryRssBytes, throttledRatio, settings };
}
