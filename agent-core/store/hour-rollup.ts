import { type HourSamples, METRICS } from './hour-samples.ts';

/** One metric over one hour, in stored units. The sum rather than the mean keeps merges exact. */
export interface MetricRollup {
  n: number;
  min: number;
  sum: number;
  max: number;
  p95: number;
}

/** Per metric (in METRICS order); null where the metric had no value all hour. */
export type HourRollup = ReadonlyArray<MetricRollup | null>;

/** Nearest-rank percentile of ascending values: a value that was actually observed, never an interpolation. */
export function nearestRank(sortedAscending: ArrayLike<number>, fraction: number): number {
  const rank = Math.max(1, Math.ceil(fraction * sortedAscending.length));
  return sortedAscending[rank - 1]!;
}

/** Sorts `values` in place (a typed array sorts numerically without a comparator, and fast). */
export function rollupOf(values: Float64Array): MetricRollup | null {
  if (values.length === 0) return null;
  values.sort();
  let sum = 0;
  for (const v of values) sum += v;
  return { n: values.length, min: values[0]!, sum, max: values[values.length - 1]!, p95: nearestRank(values, 0.95) };
}

export function rollupHour(hour: HourSamples): HourRollup {
  const scratch = new Float64Array(hour.present.length);
  return METRICS.map((_, m) => {
    const column = hour.values[m]!;
    let n = 0;
    for (let i = 0; i < column.length; i++) if (hour.present[i] && !Number.isNaN(column[i]!)) scratch[n++] = column[i]!;
    return rollupOf(scratch.subarray(0, n));
  });
}
