// Downsampling keeps, per bucket and metric, the min, mean, max and p95 rather than one average:
// averaging a minute's CPU spike or an OOM-bound memory peak into a 30-minute point would hide
// exactly what right-sizing must see, so charts draw the mean with the max above it.
import type { MetricRollup } from './hour-rollup.ts';
import { nearestRank } from './hour-rollup.ts';

export interface Stat {
  min: number;
  mean: number;
  max: number;
  /** Minute buckets: the exact nearest-rank p95. Buckets of hours: the largest hourly p95, an upper bound. */
  p95: number;
}

export class BucketStats {
  private n = 0;
  private min = Infinity;
  private max = -Infinity;
  private sum = 0;
  private readonly minuteValues: number[] = [];
  private largestHourlyP95 = -Infinity;

  addMinute(value: number): void {
    this.n++;
    this.sum += value;
    if (value < this.min) this.min = value;
    if (value > this.max) this.max = value;
    this.minuteValues.push(value);
  }

  addHour(r: MetricRollup): void {
    this.n += r.n;
    this.sum += r.sum;
    if (r.min < this.min) this.min = r.min;
    if (r.max > this.max) this.max = r.max;
    if (r.p95 > this.largestHourlyP95) this.largestHourlyP95 = r.p95;
  }

  stat(toDisplay: (stored: number) => number): Stat | null {
    if (this.n === 0) return null;
    const minuteP95 = this.minuteValues.length ? nearestRank(this.minuteValues.sort((a, b) => a - b), 0.95) : -Infinity;
    const p95 = Math.max(minuteP95, this.largestHourlyP95);
    return { min: toDisplay(this.min), mean: toDisplay(this.sum / this.n), max: toDisplay(this.max), p95: toDisplay(p95) };
  }
}
