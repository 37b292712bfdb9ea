import { describe, expect, it } from 'vitest';
import { detectLevelShift } from './level-shift.ts';
import { jitter } from './testing/synthetic-history.ts';

const HOUR = 3_600_000;
const START = Date.UTC(2026, 0, 5);

const hourly = (hours: number, valueAt: (h: number) => number) => Float64Array.from({ length: hours }, (_, h) => valueAt(h));
const daily = (h: number) => 1 + 0.6 * Math.cos((2 * Math.PI * (h - 14)) / 24);

describe('level shift', () => {
  it('finds a rise of a daily cycle, its hour and its factor', () => {
    const series = hourly(10 * 24, (h) => daily(h) * (h >= 200 ? 2 : 1) * (1 + 0.05 * jitter(h)));
    const shift = detectLevelShift(series, START, 1e-4)!;
    expect(shift.at).toBe(START + 200 * HOUR);
    expect(shift.factor).toBeGreaterThan(1.9);
    expect(shift.factor).toBeLessThan(2.1);
    expect(shift.hoursSince).toBe(40);
  });

  it('does not mistake a daily cycle, or noise, for a shift', () => {
    expect(detectLevelShift(hourly(10 * 24, (h) => daily(h) * (1 + 0.1 * jitter(h))), START, 1e-4)).toBeUndefined();
  });

  it('does not call a burst of a few hours at the end a new level unless it holds', () => {
    const burst = hourly(8 * 24, (h) => (h >= 8 * 24 - 6 && h < 8 * 24 - 3 ? 3 : 1) * (1 + 0.05 * jitter(h)));
    expect(detectLevelShift(burst, START, 1e-4)).toBeUndefined();
  });

  it('needs two days to learn the daily cycle first', () => {
    expect(detectLevelShift(hourly(40, (h) => (h > 30 ? 2 : 1)), START, 1e-4)).toBeUndefined();
  });
});
