import { describe, expect, it } from 'vitest';
import { Backoff } from './backoff.ts';

function sequence(values: number[]): () => number {
  let i = 0;
  return () => values[i++ % values.length]!;
}

describe('Backoff', () => {
  it('doubles from 0.8 s to the 30 s cap, each delay within [(1 - jitter) × nominal, nominal]', () => {
    let now = 0;
    for (const random of [0, 0.5, 0.999999]) {
      const backoff = new Backoff({ random: () => random, now: () => now });
      const delays = Array.from({ length: 9 }, () => {
        now += 1_000;
        return backoff.nextDelayMs();
      });
      const nominal = [800, 1600, 3200, 6400, 12800, 25600, 30000, 30000, 30000];
      delays.forEach((delay, i) => {
        expect(delay).toBeLessThanOrEqual(nominal[i]!);
        expect(delay).toBeGreaterThanOrEqual(nominal[i]! * 0.75);
      });
    }
  });

  it('never exceeds the cap nor goes under its floor, with any random', () => {
    const random = sequence([0, 0.13, 0.5, 0.77, 0.999]);
    const backoff = new Backoff({ random, now: () => 0, resetAfterMs: Infinity });
    for (let i = 0; i < 200; i++) {
      const delay = backoff.nextDelayMs();
      expect(delay).toBeGreaterThanOrEqual(600);
      expect(delay).toBeLessThanOrEqual(30_000);
    }
  });

  it('spreads delays: jitter makes two agents retry at different times', () => {
    const a = new Backoff({ random: () => 0.1, now: () => 0 });
    const b = new Backoff({ random: () => 0.9, now: () => 0 });
    expect(a.nextDelayMs()).not.toBe(b.nextDelayMs());
  });

  it('starts over after a healthy period without failures', () => {
    let now = 0;
    const backoff = new Backoff({ random: () => 0, now: () => now, resetAfterMs: 120_000 });
    for (let i = 0; i < 5; i++) backoff.nextDelayMs();
    now += 60_000;
    expect(backoff.nextDelayMs()).toBe(25_600);
    now += 120_001;
    expect(backoff.nextDelayMs()).toBe(800);
  });

  it('waits at least what Retry-After asks, up to its own bound', () => {
    const backoff = new Backoff({ random: () => 0, now: () => 0, maxRetryAfterMs: 300_000 });
    expect(backoff.nextDelayMs(10_000)).toBe(10_000);
    expect(backoff.nextDelayMs(100)).toBe(1_600);
    expect(backoff.nextDelayMs(3_600_000)).toBe(300_000);
  });
});
