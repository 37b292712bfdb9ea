import { describe, expect, test } from 'vitest';
import { openMetricsStore } from './metrics-store.ts';
import type { ContainerMinuteSample } from './sample-types.ts';
import { SyntheticFleet } from './testing/synthetic-fleet.ts';
import { MIB, T0, minuteAt, sampleAt } from './testing/samples.ts';
import { useTempDirs } from './testing/temp-dir.ts';

const tempDir = useTempDirs();
const A = 'shop/web-1/app';
const DAY = 86_400_000;

describe('a day or less: from minutes', () => {
  test('at most maxPoints points, and a one-minute spike survives as its bucket max', () => {
    const store = openMetricsStore({ dataDir: tempDir() });
    for (let n = 0; n < 1440; n++) {
      const spike = n === 700 ? { cpuCores: 3.9, throttledRatio: 0.95 } : {};
      const peak = n === 900 ? { memoryWorkingSetBytes: 900 * MIB } : {};
      store.write({ containers: [sampleAt(A, n, { ...spike, ...peak })] });
    }
    const chart = store.query({ series: { containerKey: A }, from: T0, to: minuteAt(1440), maxPoints: 100 });
    expect(chart.resolution).toBe('minute');
    expect(chart.bucketMs).toBe(15 * 60_000);
    expect(chart.points.length).toBeLessThanOrEqual(100);
    const spikeBucket = chart.points.find((p) => p.t === minuteAt(690))!;
    expect(spikeBucket.cpuCores!.max).toBe(3.9);
    expect(spikeBucket.cpuCores!.mean).toBeLessThan(0.5);
    expect(spikeBucket.throttledRatio!.max).toBe(0.95);
    expect(Math.max(...chart.points.map((p) => p.memoryWorkingSetBytes!.max))).toBe(900 * MIB);
    store.close();
  });

  test('one point per minute when maxPoints allows, each the minute itself', () => {
    const store = openMetricsStore({ dataDir: tempDir() });
    for (let n = 0; n < 30; n++) store.write({ containers: [sampleAt(A, n)] });
    const chart = store.query({ series: { containerKey: A }, from: minuteAt(10), to: minuteAt(20) });
    expect(chart.points.map((p) => p.t)).toEqual(Array.from({ length: 10 }, (_, i) => minuteAt(10 + i)));
    expect(chart.points[0]!.cpuCores).toEqual({ min: 0.11, mean: 0.11, max: 0.11, p95: 0.11 });
    expect(chart.points[0]!.memoryRssBytes!.max).toBe(80 * MIB - 10 * 1024);
    store.close();
  });

  test('an unknown series or an empty range gives no points', () => {
    const store = openMetricsStore({ dataDir: tempDir() });
    store.write({ containers: [sampleAt(A, 0)] });
    expect(store.query({ series: { containerKey: 'nope/x/y' }, from: T0, to: minuteAt(60) }).points).toEqual([]);
    expect(store.query({ series: { containerKey: A }, from: minuteAt(5), to: minuteAt(5) }).points).toEqual([]);
    expect(() => store.query({ series: { containerKey: A }, from: T0, to: minuteAt(5), maxPoints: 0 })).toThrow(/maxPoints/);
    store.close();
  });
});

describe('longer ranges: from hourly rollups', () => {
  test('30 days for one container: at most 2,000 points, peaks kept, and fast', { timeout: 300_000 }, () => {
    const store = openMetricsStore({ dataDir: tempDir() });
    const fleet = new SyntheticFleet({ containers: 40, seed: 11, rolloutsPerDay: 0 });
    const start = T0 - 30 * DAY;
    for (let hour = 0; hour < 30 * 24; hour++) {
      const containers: ContainerMinuteSample[] = [];
      for (let m = 0; m < 60; m++) containers.push(...fleet.batchAt(start + (hour * 60 + m) * 60_000));
      if (hour === 200) containers.push({ ...containers.find((c) => c.containerKey.startsWith('team-6/'))!, minute: start + (hour * 60 + 7) * 60_000, cpuCores: 7.5 });
      store.write({ containers });
    }
    store.prune(T0);
    const target = store.listSeries().find((s) => s.kind === 'container' && s.containerKey.startsWith('team-6/'))!;
    if (target.kind !== 'container') throw new Error('expected a container');

    const timings: number[] = [];
    let chart = store.query({ series: target, from: start, to: T0, maxPoints: 2000 });
    for (let i = 0; i < 20; i++) {
      const began = performance.now();
      chart = store.query({ series: target, from: start, to: T0, maxPoints: 2000 });
      timings.push(performance.now() - began);
    }
    timings.sort((a, b) => a - b);
    console.log(`30-day query, one container: ${chart.points.length} points (${chart.resolution}, ${chart.bucketMs / 60_000}-minute buckets) in ${timings[10]!.toFixed(1)} ms median, ${timings[19]!.toFixed(1)} ms slowest`);
    expect(chart.resolution).toBe('hour');
    expect(chart.points.length).toBeLessThanOrEqual(2000);
    expect(chart.points.length).toBeGreaterThanOrEqual(30 * 24 - 1);
    expect(Math.max(...chart.points.map((p) => p.cpuCores!.max))).toBe(7.5);

    const coarse = store.query({ series: target, from: start, to: T0, maxPoints: 50 });
    expect(coarse.points.length).toBeLessThanOrEqual(50);
    expect(Math.max(...coarse.points.map((p) => p.cpuCores!.max))).toBe(7.5);
    const p95s = coarse.points.map((p) => p.cpuCores!.p95);
    expect(p95s.every((p, i) => p >= coarse.points[i]!.cpuCores!.mean * 0.5 && p <= coarse.points[i]!.cpuCores!.max)).toBe(true);
    expect(chart.settings.length).toBeGreaterThanOrEqual(1);
    store.close();
  });

  test('hours not rolled up yet are rolled up from their minutes on the fly', () => {
    const store = openMetricsStore({ dataDir: tempDir() });
    for (let n = 0; n < 90; n++) store.write({ containers: [sampleAt(A, n, n === 75 ? { cpuCores: 2.5 } : {})] });
    const chart = store.query({ series: { containerKey: A }, from: T0 - 29 * DAY, to: minuteAt(90), maxPoints: 100 });
    expect(chart.resolution).toBe('hour');
    expect(chart.points).toHaveLength(1);
    expect(chart.points[0]!.cpuCores!.max).toBe(2.5);
    expect(chart.points[0]!.memoryWorkingSetBytes!.max).toBe(100 * MIB + 89 * 1024);
    // At hour resolution a point is a whole hour, even where the range starts inside it.
    const fromMidHour = store.query({ series: { containerKey: A }, from: minuteAt(80), to: minuteAt(80) + 29 * DAY, maxPoints: 100 });
    expect(fromMidHour.resolution).toBe('hour');
    expect(fromMidHour.points[0]!.cpuCores!.max).toBe(2.5);
    store.close();
  });

  test('once minutes are pruned, a range reaching before them is drawn from rollups', () => {
    const store = openMetricsStore({ dataDir: tempDir(), retention: { minuteDays: 1 } });
    for (let h = 0; h < 48; h++) {
      store.write({ containers: Array.from({ length: 60 }, (_, m) => sampleAt(A, h * 60 + m)) });
    }
    store.prune(minuteAt(48 * 60));
    const twoDays = store.query({ series: { containerKey: A }, from: T0, to: minuteAt(48 * 60), maxPoints: 2000 });
    expect(twoDays.resolution).toBe('hour');
    expect(twoDays.points).toHaveLength(48);
    const lastDay = store.query({ series: { containerKey: A }, from: minuteAt(25 * 60), to: minuteAt(48 * 60), maxPoints: 2000 });
    expect(lastDay.resolution).toBe('minute');
    expect(lastDay.points).toHaveLength(23 * 60);
    store.close();
  });
});
