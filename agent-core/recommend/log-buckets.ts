/**
 * Buckets whose widths grow geometrically: bucket 0 is [0, first), and each later bucket is `ratio`
 * times as wide as the one before. Relative precision is the same at every scale, so a millicore
 * sidecar and a 32-core database share one scheme (VPA's histograms use the same layout).
 */
export class LogBuckets {
  readonly count: number;
  readonly #logRatio: number;
  readonly #scale: number;
  /** Bucket starts, computed once: percentiles ask for them on every recommendation. */
  readonly #starts: Float64Array;

  constructor(
    readonly firstBucketSize: number,
    readonly ratio: number,
    readonly maxValue: number,
  ) {
    if (!(firstBucketSize > 0) || !(ratio > 1) || !(maxValue > firstBucketSize)) throw new RangeError('LogBuckets needs first > 0, ratio > 1, max > first');
    this.#logRatio = Math.log(ratio);
    this.#scale = (ratio - 1) / firstBucketSize;
    this.count = Math.ceil(Math.log(maxValue * this.#scale + 1) / this.#logRatio) + 1;
    this.#starts = Float64Array.from({ length: this.count + 1 }, (_, i) => (firstBucketSize * (Math.pow(ratio, i) - 1)) / (ratio - 1));
  }

  /** The bucket holding value; values past the maximum fall in the last bucket. */
  indexOf(value: number): number {
    if (!(value >= this.firstBucketSize)) return 0;
    const index = Math.floor(Math.log(value * this.#scale + 1) / this.#logRatio);
    return index < this.count ? index : this.count - 1;
  }

  /** Where bucket i starts. */
  start(index: number): number {
    return this.#starts[index] ?? (this.firstBucketSize * (Math.pow(this.ratio, index) - 1)) / (this.ratio - 1);
  }

  /** Where bucket i ends: the value a percentile landing in it reports, so estimates never fall short. */
  end(index: number): number {
    return index >= this.count - 1 ? this.start(index) : this.start(index + 1);
  }
}

/** Our CPU scheme, to 1000 cores: buckets 2 % wide from 2.5 millicores up, a few µcores wide below. */
export const CPU_BUCKETS = new LogBuckets(0.00005, 1.02, 1000);
/** Our memory scheme, to 4 TiB: buckets 2 % wide from about 13 MiB up, 256 KiB wide below. */
export const MEMORY_BUCKETS = new LogBuckets(256 * 1024, 1.02, 4 * 2 ** 40);
