import { describe, expect, test } from 'vitest';
import { backoffDelay, DEFAULT_BACKOFF } from './backoff-delay.ts';

describe('backoff delay', () => {
  test('the ceiling doubles from 1 s per attempt and stops at 60 s', () => {
    const ceiling = (attempt: number) => backoffDelay(attempt, DEFAULT_BACKOFF, () => 0.999999999);
    expect([0, 1, 2, 3, 4, 5, 6, 7, 20, 1000].map(ceiling)).toEqual([999, 1999, 3999, 7999, 15_999, 31_999, 59_999, 59_999, 59_999, 59_999]);
  });

  test('full jitter: uniform between 0 and the ceiling', () => {
    expect(backoffDelay(3, DEFAULT_BACKOFF, () => 0)).toBe(0);
    expect(backoffDelay(3, DEFAULT_BACKOFF, () => 0.5)).toBe(4000);
    let seed = 42;
    const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    const samples = Array.from({ length: 2000 }, () => backoffDelay(10, DEFAULT_BACKOFF, random));
    expect(Math.min(...samples)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...samples)).toBeLessThan(60_000);
    const mean = samples.reduce((a, b) => a + b, 0) / samples.length;
    expect(mean).toBeGreaterThan(27_000);
    expect(mean).toBeLessThan(33_000);
    expect(new Set(samples).size).toBeGreaterThan(1500);
  });

  test('a negative attempt is the first, and huge attempts do not overflow', () => {
    expect(backoffDelay(-3, { baseMs: 100, capMs: 1000 }, () => 0.5)).toBe(50);
    expect(backoffDelay(Number.MAX_SAFE_INTEGER, { baseMs: 100, capMs: 1000 }, () => 0.5)).toBe(500);
  });
});
