import type { LogBuckets } from '../../../agent-core/recommend/index.ts';

/**
 * VPA's decaying histogram: a sample's weight is multiplied by 2^((t − reference) / halfLife), so newer
 * samples count exponentially more; the reference moves forward (and all weights shrink to match) before
 * the factors overflow. A percentile is the end of the bucket where the cumulative weight reaches it,
 * or the start of the last bucket, which has no end.
 */
export class DecayingHistogram {
  readonly weights: Float64Array;
  #total = 0;
  #reference = Number.NaN;

  constructor(
    readonly buckets: LogBuckets,
    readonly halfLifeMs: number,
  ) {
    this.weights = new Float64Array(buckets.count);
  }

  add(value: number, weight: number, timeMs: number): void {
    const w = weight * this.#decayFactor(timeMs);
    this.weights[this.buckets.indexOf(value)]! += w;
    this.#total += w;
  }

  /** Takes back a sample added earlier with the same value, weight and time (VPA replaces a window's peak so). */
  subtract(value: number, weight: number, timeMs: number): void {
    const w = weight * this.#decayFactor(timeMs);
    const i = this.buckets.indexOf(value);
    this.weights[i] = Math.max(0, this.weights[i]! - w);
    this.#total = Math.max(0, this.#total - w);
  }

  get isEmpty(): boolean {
    return !(this.#total > 0);
  }

  percentile(share: number): number {
    if (this.isEmpty) return 0;
    const threshold = share * this.#total;
    let partial = 0;
    let bucket = 0;
    let last = 0;
    for (let i = 0; i < this.weights.length; i++) if (this.weights[i]! > 0) last = i;
    for (bucket = 0; bucket < last; bucket++) {
      partial += this.weights[bucket]!;
      if (partial >= threshold) break;
    }
    return bucket < this.buckets.count - 1 ? this.buckets.start(bucket + 1) : this.buckets.start(bucket);
  }

  #decayFactor(timeMs: number): number {
    if (Number.isNaN(this.#reference)) this.#reference = timeMs;
    const exponent = (timeMs - this.#reference) / this.halfLifeMs;
    // VPA shifts the reference once the factor passes 2^100.
    if (exponent > 100) {
      const shift = Math.floor(exponent) * this.halfLifeMs;
      const scale = Math.pow(2, -Math.floor(exponent));
      for (let i = 0; i < this.weights.length; i++) this.weights[i]! *= scale;
      this.#total *= scale;
      this.#reference += shift;
      return Math.pow(2, (timeMs - this.#reference) / this.halfLifeMs);
    }
    return Math.pow(2, exponent);
  }
}
