import { describe, expect, it } from 'vitest';
import { cfsRates, throttledRatioFor } from './throttling.ts';

describe('CFS throttling model', () => {
  it('reproduces the reference scrapes: 0.25 cores under a 0.5-core limit', () => {
    // shared/reference/kubelet/cadvisor-{a,b}.prom, 60 s apart: +15 s of CPU, +600 periods, +150 throttled, +2.25 throttled s.
    const rates = cfsRates(0.25, 0.5);
    expect(rates.usageCores).toBe(0.25);
    expect(rates.periodsPerSecond * 60).toBeCloseTo(600, 9);
    expect(rates.throttledPeriodsPerSecond * 60).toBeCloseTo(150, 9);
    expect(rates.throttledSecondsPerSecond).toBeCloseTo(0.0375, 12);
  });

  it('caps usage at the limit and throttles every period when demand exceeds it', () => {
    const rates = cfsRates(1, 0.5);
    expect(rates.usageCores).toBe(0.5);
    expect(rates.throttledPeriodsPerSecond).toBe(rates.periodsPerSecond);
    // Twice the quota's work: each period waits half its length.
    expect(rates.throttledSecondsPerSecond).toBeCloseTo(10 * 0.1 * 0.5, 12);
  });

  it('keeps throttled seconds within throttled periods × period', () => {
    for (const demand of [0.01, 0.1, 0.3, 0.49, 0.5, 0.8, 3]) {
      const r = cfsRates(demand, 0.5);
      expect(r.throttledPeriodsPerSecond).toBeLessThanOrEqual(r.periodsPerSecond);
      expect(r.throttledSecondsPerSecond).toBeLessThanOrEqual(r.throttledPeriodsPerSecond * 0.1 + 1e-12);
      expect(r.usageCores).toBeLessThanOrEqual(0.5);
    }
  });

  it('counts only periods with runnable tasks: a nearly idle container sees few', () => {
    expect(cfsRates(0.005, 1).periodsPerSecond).toBeCloseTo(1, 9);
    expect(cfsRates(0, 1)).toEqual({ usageCores: 0, periodsPerSecond: 0, throttledPeriodsPerSecond: 0, throttledSecondsPerSecond: 0 });
  });

  it('throttles more as demand nears the limit', () => {
    const ratios = [0.1, 0.2, 0.3, 0.4, 0.5].map((d) => throttledRatioFor(d, 0.5));
    for (let i = 1; i < ratios.length; i++) expect(ratios[i]!).toBeGreaterThan(ratios[i - 1]!);
    expect(ratios.at(-1)).toBe(1);
  });
});
