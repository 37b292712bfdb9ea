import { MINUTES_PER_HOUR } from './units.ts';

/** The per-minute metrics, in the order every table and block stores them. */
export const METRICS = ['cpuMillicores', 'workingSetKib', 'rssKib', 'throttlePermille'] as const;
export type Metric = (typeof METRICS)[number];

/**
 * One series' minutes within one hour, in stored units. A minute can be present (a sample was
 * written) with some or all metrics missing, which NaN marks: the kubelet may report CPU but no RSS.
 */
export interface HourSamples {
  readonly present: Uint8Array;
  /** values[metric index][minute of hour] */
  readonly values: readonly Float64Array[];
}

export function emptyHourSamples(): HourSamples {
  return {
    present: new Uint8Array(MINUTES_PER_HOUR),
    values: METRICS.map(() => new Float64Array(MINUTES_PER_HOUR).fill(NaN)),
  };
}

export function setMinute(hour: HourSamples, minuteOfHour: number, metrics: ReadonlyArray<number | null>): void {
  hour.present[minuteOfHour] = 1;
  for (let m = 0; m < METRICS.length; m++) hour.values[m]![minuteOfHour] = metrics[m] ?? NaN;
}

/** Overlays the later writes onto the earlier ones, minute by minute: a rewritten minute replaces the old one. */
export function overlayHourSamples(base: HourSamples, later: HourSamples): HourSamples {
  for (let i = 0; i < MINUTES_PER_HOUR; i++) {
    if (!later.present[i]) continue;
    base.present[i] = 1;
    for (let m = 0; m < METRICS.length; m++) base.values[m]![i] = later.values[m]![i]!;
  }
  return base;
}

/** Calls back for each sampled minute in [fromMinute, toMinute), in time order. */
export function forEachSampledMinute(
  hours: ReadonlyMap<number, HourSamples>,
  fromMinute: number,
  toMinute: number,
  visit: (minute: number, samples: HourSamples, minuteOfHour: number) => void,
): void {
  for (const hour of [...hours.keys()].sort((a, b) => a - b)) {
    const samples = hours.get(hour)!;
    for (let i = 0; i < MINUTES_PER_HOUR; i++) {
      const minute = hour * MINUTES_PER_HOUR + i;
      if (samples.present[i] && minute >= fromMinute && minute < toMinute) visit(minute, samples, i);
    }
  }
}
