import { expect, test } from 'vitest';
import { fittingBucketMinutes, planBuckets } from './bucket-plan.ts';

const spanned = (from: number, to: number, size: number) => Math.floor((to - 1) / size) - Math.floor(from / size) + 1;

test('aligned buckets never outnumber maxPoints, and are no bigger than needed', () => {
  for (const [from, length, maxPoints] of [
    [29_000_017, 60, 60],
    [29_000_017, 60, 7],
    [29_000_001, 1440, 1000],
    [29_000_059, 10_080, 2000],
    [29_000_000, 43_200, 2000],
    [29_000_033, 43_200, 50],
    [29_000_033, 1, 1],
  ] as const) {
    const size = fittingBucketMinutes(from, from + length, maxPoints, 1);
    expect(spanned(from, from + length, size)).toBeLessThanOrEqual(maxPoints);
    if (size > 1) expect(spanned(from, from + length, size - 1)).toBeGreaterThan(maxPoints);
  }
});

test('minutes while buckets stay under an hour and minutes are kept; hours beyond', () => {
  const from = 29_000_000;
  expect(planBuckets(from, from + 1440, 2000, true)).toEqual({ resolution: 'minute', bucketMinutes: 1 });
  expect(planBuckets(from, from + 7 * 1440, 2000, true)).toEqual({ resolution: 'minute', bucketMinutes: 6 });
  expect(planBuckets(from, from + 7 * 1440, 2000, false).resolution).toBe('hour');
  expect(planBuckets(from, from + 30 * 1440, 2000, false)).toEqual({ resolution: 'hour', bucketMinutes: 60 });
  expect(planBuckets(from, from + 30 * 1440, 2000, true)).toEqual({ resolution: 'minute', bucketMinutes: 22 });
  expect(planBuckets(from, from + 30 * 1440, 100, true)).toEqual({ resolution: 'hour', bucketMinutes: 480 });
});
