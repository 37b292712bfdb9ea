import { describe, expect, it } from 'vitest';
import type { ChartPoint } from '../../../agent-core/contract/app-contract.ts';
import { chartLayout } from './chart-layout.ts';
import { metricRows } from './chart-rows.ts';
import { downsamplePoints } from './downsample.ts';
import { maxPointsForWidth } from './max-points.ts';
import { timeTicks } from './time-ticks.ts';
import { valueTicks } from './value-ticks.ts';

const stat = (mean: number, max = mean) => ({ min: mean, mean, max, p95: max });
const point = (t: number, cpu: number | null): ChartPoint => ({ t, cpuCores: cpu === null ? null : stat(cpu), memoryWorkingSetBytes: null, throttledRatio: null });

describe('maxPointsForWidth', () => {
  it('asks for a point per two pixels, within bounds, in steps', () => {
    expect(maxPointsForWidth(400)).toBe(200);
    expect(maxPointsForWidth(410)).toBe(200);
    expect(maxPointsForWidth(10)).toBe(60);
    expect(maxPointsForWidth(0)).toBe(60);
    expect(maxPointsForWidth(5000)).toBe(1000);
  });
  it('follows the chart layout', () => {
    expect(chartLayout(1200)).toEqual({ columns: 3, chartWidth: 389, maxPoints: 180 });
    expect(chartLayout(500).columns).toBe(1);
  });
});

describe('downsamplePoints', () => {
  it('leaves a short series alone', () => {
    const points = [point(0, 1), point(60_000, 2)];
    expect(downsamplePoints(points, 10)).toBe(points);
  });
  it('merges a 7-day minute series to at most maxPoints, keeping spikes', () => {
    const points = Array.from({ length: 10_080 }, (_, i) => point(i * 60_000, i === 5000 ? 9 : 1));
    const merged = downsamplePoints(points, 500);
    expect(merged.length).toBeLessThanOrEqual(500);
    expect(merged[0]!.t).toBe(0);
    expect(Math.max(...merged.map((p) => p.cpuCores!.max))).toBe(9);
  });
  it('keeps gaps as gaps', () => {
    const merged = downsamplePoints([point(0, null), point(1, null), point(2, 1), point(3, 1)], 2);
    expect(merged[0]!.cpuCores).toBeNull();
    expect(merged[1]!.cpuCores!.mean).toBe(1);
  });
});

describe('metricRows', () => {
  const chart = {
    bucketMs: 60_000,
    settings: [
      { from: 0, to: 120_000, cpuRequest: 0.1, cpuLimit: 0.2, memRequest: 1, memLimit: 2 },
      { from: 120_000, to: 300_000, cpuRequest: 0.3, cpuLimit: null, memRequest: 1, memLimit: 2 },
    ],
    events: [{ time: 125_000, kind: 'OOMKilled', pod: 'p', container: 'c', detail: '' }],
  };
  const points = [0, 60_000, 120_000, 180_000].map((t) => point(t, 0.05));
  it('puts the request and limit in force at each bucket', () => {
    const rows = metricRows(chart, points, 'cpu');
    expect(rows.map((r) => r.request)).toEqual([0.1, 0.1, 0.3, 0.3]);
    expect(rows.map((r) => r.limit)).toEqual([0.2, 0.2, null, null]);
  });
  it('files each event under its bucket', () => {
    const rows = metricRows(chart, points, 'cpu');
    expect(rows.map((r) => r.events.length)).toEqual([0, 0, 1, 0]);
  });
  it('draws throttling in percent, without requests or limits', () => {
    const rows = metricRows(chart, [{ t: 0, cpuCores: null, memoryWorkingSetBytes: null, throttledRatio: stat(0.25) }], 'throttling');
    expect(rows[0]).toMatchObject({ mean: 25, request: null, limit: null });
  });
});

describe('axis ticks', () => {
  it('places time ticks on round local times', () => {
    const from = new Date(2024, 0, 10, 9, 7).getTime();
    const to = from + 3_600_000;
    const ticks = timeTicks(from, to, 4);
    expect(ticks.length).toBeGreaterThan(0);
    for (const t of ticks) expect(new Date(t).getMinutes() % 15).toBe(0);
  });
  it('places day ticks on local midnight', () => {
    const from = new Date(2024, 0, 1, 13).getTime();
    const ticks = timeTicks(from, from + 7 * 86_400_000, 4);
    for (const t of ticks) expect(new Date(t).getHours()).toBe(0);
  });
  it('uses round steps for values: decimal for cores, powers of two for bytes', () => {
    expect(valueTicks(0.45, 'cpu')).toEqual([0, 0.2, 0.4, 0.6]);
    expect(valueTicks(300 * 2 ** 20, 'memory')).toEqual([0, 128, 256, 384].map((m) => m * 2 ** 20));
    expect(valueTicks(0, 'cpu')).toEqual([0]);
    expect(valueTicks(12, 'throttling')).toEqual([0, 25, 50, 75, 100]);
  });
});
