/**
 * Counts per bucket over the few buckets one container actually uses: a window [offset, offset + length)
 * that grows when a value lands outside it, so memory follows the spread of the data, not the scheme.
 */
export class BucketCounts {
  #offset = 0;
  #counts: Uint32Array = EMPTY;
  total = 0;

  add(index: number, n = 1): void {
    if (this.#counts.length === 0) {
      this.#offset = Math.max(0, index - 8);
      this.#counts = new Uint32Array(32);
    } else if (index < this.#offset || index >= this.#offset + this.#counts.length) {
      this.#widenTo(index);
    }
    this.#counts[index - this.#offset]! += n;
    this.total += n;
  }

  /** Adds these counts into a dense array indexed by bucket. */
  addInto(dense: Float64Array, weight = 1): void {
    const counts = this.#counts;
    for (let i = 0; i < counts.length; i++) if (counts[i]) dense[this.#offset + i]! += counts[i]! * weight;
  }

  /** Lowest and highest bucket with a count, or undefined when empty. */
  range(): [number, number] | undefined {
    if (this.total === 0) return undefined;
    let lo = 0;
    while (this.#counts[lo] === 0) lo++;
    let hi = this.#counts.length - 1;
    while (this.#counts[hi] === 0) hi--;
    return [this.#offset + lo, this.#offset + hi];
  }

  clear(): void {
    this.#counts.fill(0);
    this.total = 0;
  }

  #widenTo(index: number): void {
    const lo = Math.min(this.#offset, index);
    const hi = Math.max(this.#offset + this.#counts.length, index + 1);
    // Double the span so a drifting series re-allocates O(log range) times, not per sample.
    const span = Math.max(hi - lo, this.#counts.length * 2);
    const offset = index < this.#offset ? Math.max(0, hi - span) : lo;
    const counts = new Uint32Array(span);
    counts.set(this.#counts, this.#offset - offset);
    this.#offset = offset;
    this.#counts = counts;
  }
}

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
