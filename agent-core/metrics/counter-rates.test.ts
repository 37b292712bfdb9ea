import { describe, expect, it } from 'vitest';
import { cpuCoresFromCadvisor, cpuCoresFromSummary, throttledRatio, throttledSecondsPerSecond } from './counter-rates.ts';
import { cpuLimitCores } from './cpu-limit.ts';
import { parseKubeletTime } from './kubelet-time.ts';
import type { CpuSample } from './summary-samples.ts';

const cpu = (time: string, usageCoreNanoSeconds: number | null): CpuSample => ({ time: parseKubeletTime(time)!, usageCoreNanoSeconds, usageNanoCores: null });
const at = (value: number, timestampMs: number | null = 1_768_478_404_000) => ({ value, timestampMs });
const MINUTE_LATER = 1_768_478_464_000;

describe('cpuCoresFromSummary', () => {
  it('divides Δ usageCoreNanoSeconds by Δ kubelet sample time', () => {
    expect(cpuCoresFromSummary(cpu('2026-01-15T12:00:04Z', 2_700e9), cpu('2026-01-15T12:01:04Z', 2_715e9))).toEqual({ ok: true, value: 0.25 });
  });

  it('uses the nanoseconds of the sample times', () => {
    // 30 ms of CPU over 0.1 s: a Date would see the two samples as the same millisecond.
    const result = cpuCoresFromSummary(cpu('2026-01-15T12:00:04.0000000Z', 0), cpu('2026-01-15T12:00:04.1000000Z', 30e6));
    expect(result).toEqual({ ok: true, value: 0.3 });
    expect(cpuCoresFromSummary(cpu('2026-01-15T12:00:04.000000100Z', 0), cpu('2026-01-15T12:00:04.000000300Z', 100))).toEqual({ ok: true, value: 0.5 });
  });

  it('gives no rate when the counter went down (a restart)', () => {
    expect(cpuCoresFromSummary(cpu('2026-01-15T12:00:04Z', 2_700e9), cpu('2026-01-15T12:01:04Z', 3e9))).toEqual({ ok: false, reason: 'counter-went-down' });
  });

  it('gives no rate when no time elapsed or time went back', () => {
    expect(cpuCoresFromSummary(cpu('2026-01-15T12:00:04Z', 1e9), cpu('2026-01-15T12:00:04Z', 1e9))).toEqual({ ok: false, reason: 'no-elapsed-time' });
    expect(cpuCoresFromSummary(cpu('2026-01-15T12:00:04Z', 1e9), cpu('2026-01-15T12:00:03Z', 2e9))).toEqual({ ok: false, reason: 'no-elapsed-time' });
  });

  it('gives no rate without the counter', () => {
    expect(cpuCoresFromSummary(cpu('2026-01-15T12:00:04Z', null), cpu('2026-01-15T12:01:04Z', 1))).toEqual({ ok: false, reason: 'missing-counter' });
  });

  it('stays precise for counters beyond 2^53', () => {
    const start = 2 ** 60; // a 64-core node after about 208 days
    const result = cpuCoresFromSummary(cpu('2026-01-15T12:00:04Z', start), cpu('2026-01-15T12:01:04Z', start + 60e9 * 48));
    expect(result.ok && result.value).toBeCloseTo(48, 6);
  });
});

describe('cAdvisor counters', () => {
  it('rate CPU and throttled seconds over the sample timestamps', () => {
    expect(cpuCoresFromCadvisor(at(2700), at(2715, MINUTE_LATER))).toEqual({ ok: true, value: 0.25 });
    expect(throttledSecondsPerSecond(at(22.5), at(24.75, MINUTE_LATER))).toEqual({ ok: true, value: 0.0375 });
  });

  it('give no rate without timestamps, over Δt ≤ 0, or across a reset', () => {
    expect(throttledSecondsPerSecond(at(22.5, null), at(24.75, null))).toEqual({ ok: false, reason: 'missing-sample-time' });
    expect(throttledSecondsPerSecond(at(22.5), at(22.5))).toEqual({ ok: false, reason: 'no-elapsed-time' });
    expect(throttledSecondsPerSecond(at(22.5), at(0.5, MINUTE_LATER))).toEqual({ ok: false, reason: 'counter-went-down' });
  });
});

describe('throttledRatio', () => {
  it('divides Δ throttled periods by Δ periods', () => {
    expect(throttledRatio({ periods: 60000, throttledPeriods: 1500 }, { periods: 60600, throttledPeriods: 1650 })).toEqual({ ok: true, value: 0.25 });
  });

  it('gives no ratio when no period elapsed, across a reset, or when the counters contradict each other', () => {
    expect(throttledRatio({ periods: 600, throttledPeriods: 150 }, { periods: 600, throttledPeriods: 150 })).toEqual({ ok: false, reason: 'no-periods-elapsed' });
    expect(throttledRatio({ periods: 600, throttledPeriods: 150 }, { periods: 10, throttledPeriods: 1 })).toEqual({ ok: false, reason: 'counter-went-down' });
    expect(throttledRatio({ periods: 600, throttledPeriods: 150 }, { periods: 700, throttledPeriods: 300 })).toEqual({ ok: false, reason: 'inconsistent-counters' });
  });
});

describe('cpuLimitCores', () => {
  it('is quota / period', () => {
    expect(cpuLimitCores(at(50000, null), at(100000, null))).toBe(0.5);
    expect(cpuLimitCores(at(250000, null), at(100000, null))).toBe(2.5);
  });

  it('is null without a quota', () => {
    expect(cpuLimitCores(at(-1, null), at(100000, null))).toBeNull();
    expect(cpuLimitCores(at(0, null), at(100000, null))).toBeNull();
    expect(cpuLimitCores(null, at(100000, null))).toBeNull();
    expect(cpuLimitCores(at(50000, null), null)).toBeNull();
  });
});
