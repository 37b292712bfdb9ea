import type { BucketCounts } from './bucket-counts.ts';
import type { LogBuckets } from './log-buckets.ts';

/**
 * Several days' bucket counts summed into one reusable dense array, touching only the span of buckets
 * they use: merging, percentiles and shares cost O(days × span), not O(buckets in the scheme).
 */
export class MergedHistogram {
  readonly #dense: Float64Array;
  #lo = 0;
  #hi = 0;
  #total = 0;

  constructor(readonly buckets: LogBuckets) {
    this.#dense = new Float64Array(buckets.count);
  }

  /** Replaces the content with the sum of these counts. */
  merge(all: Iterable<BucketCounts>): this {
    this.#dense.fill(0, this.#lo, this.#hi);
    this.#lo = this.buckets.count;
    this.#hi = 0;
    this.#total = 0;
    for (const counts of all) {
      if (counts.total === 0) continue;
      const [lo, hi] = counts.window;
      if (lo < this.#lo) this.#lo = lo;
      if (hi > this.#hi) this.#hi = hi;
      counts.addInto(this.#dense);
      this.#total += counts.total;
    }
    if (this.#hi < this.#lo) this.#lo = this.#hi = 0;
    return this;
  }

  get total(): number {
    return this.#total;
  }

  /** The end of the bucket where the cumulative count reaches each share (ascending shares), NaN when empty. */
  percentiles(shares: readonly number[], out: number[] = []): number[] {
    out.length = shares.length;
    out.fill(NaN);
    if (this.#total === 0) return out;
    let next = 0;
    let sum = 0;
    let last = this.#lo;
    for (let i = this.#lo; i < this.#hi && next < shares.length; i++) {
      const n = this.#dense[i]!;
      if (n === 0) continue;
      sum += n;
      last = i;
      while (next < shares.length && sum >= shares[next]! * this.#total) out[next++] = this.buckets.end(i);
    }
    while (next < shares.length) out[next++] = this.buckets.end(last);
    return out;
  }

  percentile(share: number): number {
    return this.percentiles([share], [])[0]!;
  }

  /** Share of the count in buckets that start at or above value (a lower bound of the share above it). */
  shareAtOrAbove(value: number): number {
    if (this.#total === 0) return 0;
    let first = this.buckets.indexOf(value);
    if (this.buckets.start(first) < value) first++;
    let above = 0;
    for (let i = Math.max(first, this.#lo); i < this.#hi; i++) above += this.#dense[i]!;
    return above / this.#total;
  }
}
