import { expect, test } from 'vitest';
import { emptyHourSamples, setMinute } from './hour-samples.ts';
import { nearestRank, rollupHour } from './hour-rollup.ts';

test('p95 is an observed value: the nearest rank, never an interpolation', () => {
  const ascending = Array.from({ length: 60 }, (_, i) => i + 1);
  expect(nearestRank(ascending, 0.95)).toBe(57);
  expect(nearestRank([5], 0.95)).toBe(5);
  expect(nearestRank([1, 2], 0.95)).toBe(2);
});

test('an hour rolls up per metric over the minutes that have it, and a metric never seen rolls up to null', () => {
  const hour = emptyHourSamples();
  for (let i = 0; i < 60; i++) setMinute(hour, i, [i === 30 ? 900 : 100, 1000 + i, i < 10 ? 50 : null, null]);
  const [cpu, ws, rss, throttle] = rollupHour(hour);
  expect(cpu).toEqual({ n: 60, min: 100, sum: 59 * 100 + 900, max: 900, p95: 100 });
  expect(ws).toEqual({ n: 60, min: 1000, sum: 60 * 1000 + (59 * 60) / 2, max: 1059, p95: 1056 });
  expect(rss).toEqual({ n: 10, min: 50, sum: 500, max: 50, p95: 50 });
  expect(throttle).toBeNull();
});
