/**
 * Counts per bucket over the few buckets one container actually uses: a window [offset, offset + length)
 * that grows when a value lands outside it, so memory follows the spread of the data, not the scheme.
 */
export class BucketCounts {
  #offset = 0;
  #counts: Uint32Array = EMPTY;
  /** Lowest and highest bucket with a count: merging walks only these. */
  #lo = Number.POSITIVE_INFINITY;
  #hi = -1;
  total = 0;

  add(index: number, n = 1): void {
    if (index < this.#lo) this.#lo = index;
    if (index > this.#hi) this.#hi = index;
    if (this.#counts.length === 0) {
      this.#offset = Math.max(0, index - SLACK);
      this.#counts = new Uint32Array(2 * SLACK + 1);
    } else if (index < this.#offset || index >= this.#offset + this.#counts.length) {
      this.#widenTo(index);
    }
    this.#counts[index - this.#offset]! += n;
    this.total += n;
  }

  /** Adds (or, with sign −1, takes back) another's counts: a running window adds a day and drops the oldest. */
  addCounts(other: BucketCounts, sign: 1 | -1): void {
    if (other.total === 0) return;
    const counts = other.#counts;
    for (let i = other.#lo - other.#offset; i <= other.#hi - other.#offset; i++) {
      const n = counts[i]!;
      if (n === 0) continue;
      if (sign > 0) this.add(other.#offset + i, n);
      else {
        this.#counts[other.#offset + i - this.#offset]! -= n;
        this.total -= n;
      }
    }
    if (sign < 0) this.#shrinkRange();
  }

  /** The bucket ends where the cumulative count reaches each of the ascending shares (NaN when empty). */
  percentiles(shares: readonly number[], bucketEnd: (index: number) => number, out: number[] = []): number[] {
    out.length = shares.length;
    out.fill(NaN);
    if (this.total === 0) return out;
    const counts = this.#counts;
    let next = 0;
    let sum = 0;
    for (let i = this.#lo - this.#offset; i <= this.#hi - this.#offset && next < shares.length; i++) {
      const n = counts[i]!;
      if (n === 0) continue;
      sum += n;
      while (next < shares.length && sum >= shares[next]! * this.total) out[next++] = bucketEnd(this.#offset + i);
    }
    while (next < shares.length) out[next++] = bucketEnd(this.#hi);
    return out;
  }

  /** Share of the count in buckets from `index` up. */
  shareFrom(index: number): number {
    if (this.total === 0) return 0;
    let above = 0;
    for (let i = Math.max(index, this.#lo) - this.#offset; i <= this.#hi - this.#offset; i++) above += this.#counts[i]!;
    return above / this.total;
  }

  /** Adds these counts into a dense array indexed by bucket. */
  addInto(dense: Float64Array, weight = 1): void {
    const counts = this.#counts;
    const offset = this.#offset;
    for (let i = this.#lo - offset; i <= this.#hi - offset; i++) if (counts[i]) dense[offset + i]! += counts[i]! * weight;
  }

  /** The first and one-past-last bucket with a count (empty: an empty range). */
  get window(): [number, number] {
    return this.total === 0 ? [0, 0] : [this.#lo, this.#hi + 1];
  }

  /** Like percentileOf on these counts alone, without a dense copy. */
  percentile(share: number, bucketEnd: (index: number) => number): number {
    if (this.total === 0) return NaN;
    const threshold = share * this.total;
    let sum = 0;
    const counts = this.#counts;
    for (let i = this.#lo - this.#offset; i <= this.#hi - this.#offset; i++) {
      sum += counts[i]!;
      if (sum >= threshold && counts[i]! > 0) return bucketEnd(this.#offset + i);
    }
    return NaN;
  }

  /** Lowest and highest bucket with a count, or undefined when empty. */
  range(): [number, number] | undefined {
    return this.total === 0 ? undefined : [this.#lo, this.#hi];
  }

  clear(): void {
    this.#counts.fill(0);
    this.#lo = Number.POSITIVE_INFINITY;
    this.#hi = -1;
    this.total = 0;
  }

  #shrinkRange(): void {
    if (this.total === 0) {
      this.#lo = Number.POSITIVE_INFINITY;
      this.#hi = -1;
      return;
    }
    while (this.#counts[this.#lo - this.#offset] === 0) this.#lo++;
    while (this.#counts[this.#hi - this.#offset] === 0) this.#hi--;
  }

  #widenTo(index: number): void {
    // A few buckets of slack beyond the new value: a day's range settles within minutes, so this
    // re-allocates a handful of times per day while keeping the window close to the data's spread.
    const lo = Math.max(0, Math.min(this.#offset, index - SLACK));
    const hi = Math.max(this.#offset + this.#counts.length, index + 1 + SLACK);
    const counts = new Uint32Array(hi - lo);
    counts.set(this.#counts, this.#offset - lo);
    this.#offset = lo;
    this.#counts = counts;
  }
}

/** Buckets added beyond a new extreme when the window grows (each 2 % wide: ±16 %). */
const SLACK = 8;
const EMPTY = new Uint32Array(0);

/**
 * The value at or above which `share` of the mass lies no higher: the end of the bucket where the
 * cumulative weight crosses `share` of the total. NaN for an empty histogram.
 */
export function percentileOf(dense: Float64Array, share: number, bucketEnd: (index: number) => number): number {
  let total = 0;
  for (let i = 0; i < dense.length; i++) total += dense[i]!;
  if (!(total > 0)) return NaN;
  const threshold = share * total;
  let sum = 0;
  for (let i = 0; i < dense.length; i++) {
    sum += dense[i]!;
    if (sum >= threshold && dense[i]! > 0) return bucketEnd(i);
  }
  for (let i = dense.length - 1; i >= 0; i--) if (dense[i]! > 0) return bucketEnd(i);
  return NaN;
}

/** Share of the mass in buckets that start at or above value. */
export function shareAtOrAbove(dense: Float64Array, value: number, bucketStart: (index: number) => number): number {
  let total = 0;
  let above = 0;
  for (let i = 0; i < dense.length; i++) {
    total += dense[i]!;
    if (bucketStart(i) >= value) above += dense[i]!;
  }
  return total > 0 ? above / total : 0;
}
