import { describe, expect, it } from 'vitest';
import { BucketCounts, percentileOf, shareAtOrAbove } from './bucket-counts.ts';
import { CPU_BUCKETS, LogBuckets } from './log-buckets.ts';

describe('log buckets', () => {
  // VPA's CPU scheme: first bucket 0.01 core, each next one 5 % wider.
  const vpa = new LogBuckets(0.01, 1.05, 1000);

  it('starts bucket i at first × (ratio^i − 1) / (ratio − 1), as VPA does', () => {
    expect(vpa.start(0)).toBe(0);
    expect(vpa.start(1)).toBeCloseTo(0.01, 12);
    expect(vpa.start(2)).toBeCloseTo(0.01 + 0.0105, 12);
    expect(vpa.start(3)).toBeCloseTo(0.01 + 0.0105 + 0.011025, 12);
  });

  it('finds the bucket whose range holds a value, the last one for anything past the maximum', () => {
    expect(vpa.indexOf(0)).toBe(0);
    expect(vpa.indexOf(0.0099)).toBe(0);
    expect(vpa.indexOf(0.01)).toBe(1);
    expect(vpa.indexOf(0.0206)).toBe(2);
    for (const v of [0.02, 0.3, 1.7, 42, 999]) {
      const i = vpa.indexOf(v);
      expect(vpa.start(i)).toBeLessThanOrEqual(v * (1 + 1e-12));
      expect(vpa.end(i)).toBeGreaterThan(v);
    }
    expect(vpa.indexOf(1e9)).toBe(vpa.count - 1);
    // ceil(log(1000 × 0.05 / 0.01 + 1) / log(1.05)) + 1
    expect(vpa.count).toBe(Math.ceil(Math.log(5001) / Math.log(1.05)) + 1);
  });

  it('keeps our CPU buckets within 2 % of the value from a few millicores up', () => {
    const width = (v: number) => (CPU_BUCKETS.end(CPU_BUCKETS.indexOf(v)) - CPU_BUCKETS.start(CPU_BUCKETS.indexOf(v))) / v;
    for (const v of [0.025, 0.5, 5, 50]) expect(width(v)).toBeLessThan(0.0225);
    expect(width(0.005)).toBeLessThan(0.035);
  });
});

describe('percentiles of bucket counts', () => {
  const buckets = new LogBuckets(1, 2, 1024); // starts 0, 1, 3, 7, 15, 31, …
  const dense = (values: number[]) => {
    const counts = new BucketCounts();
    for (const v of values) counts.add(buckets.indexOf(v));
    const out = new Float64Array(buckets.count);
    counts.addInto(out);
    return out;
  };

  it('answers the end of the bucket where the cumulative count reaches the share', () => {
    // 10 values: 8 in [1, 3), 1 in [3, 7), 1 in [15, 31).
    const d = dense([1, 1.5, 2, 2, 2.5, 2.9, 1.1, 1.2, 5, 20]);
    const end = (i: number) => buckets.end(i);
    expect(percentileOf(d, 0.5, end)).toBe(3);
    expect(percentileOf(d, 0.8, end)).toBe(3);
    expect(percentileOf(d, 0.9, end)).toBe(7);
    expect(percentileOf(d, 0.95, end)).toBe(31);
    expect(percentileOf(d, 1, end)).toBe(31);
    expect(percentileOf(new Float64Array(buckets.count), 0.5, end)).toBeNaN();
  });

  it('counts the share of values in buckets at or above a value', () => {
    const d = dense([1, 2, 5, 20]);
    expect(shareAtOrAbove(d, 3, (i) => buckets.start(i))).toBe(0.5);
    expect(shareAtOrAbove(d, 100, (i) => buckets.start(i))).toBe(0);
  });

  it('widens its window either way without losing counts', () => {
    const counts = new BucketCounts();
    const indexes = [300, 301, 150, 480, 2, 300];
    for (const i of indexes) counts.add(i);
    const out = new Float64Array(500);
    counts.addInto(out);
    expect(out[300]).toBe(2);
    expect(out[2]).toBe(1);
    expect(out[480]).toBe(1);
    expect(counts.total).toBe(indexes.length);
    expect(counts.range()).toEqual([2, 480]);
  });
});
