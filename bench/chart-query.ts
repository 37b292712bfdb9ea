// A 30-day chart for one container, as agent-core/store/chart-query.test.ts sets it up (hour batches of a synthetic
// fleet, then prune), beside a raw SELECT of the same range from a naive table holding the same samples.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { openMetricsStore, type ContainerMinuteSample } from '../agent-core/store/index.ts';
import { SyntheticFleet } from '../agent-core/store/testing/synthetic-fleet.ts';
import { median } from './measure.ts';
import { NaiveTable } from './naive-table.ts';

const DAY_MS = 86_400_000;
const RUNS = 20;

export interface ChartQueryResult {
  containers: number;
  days: number;
  points: number;
  resolution: string;
  bucketMinutes: number;
  queryMedianMs: number;
  querySlowestMs: number;
  naiveRows: number;
  naiveMedianMs: number;
}

function timeRuns(run: () => void): number[] {
  run(); // warm: statements prepared, pages cached
  const timings: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const began = performance.now();
    run();
    timings.push(performance.now() - began);
  }
  return timings;
}

export function measureChartQuery(containers: number, days: number, log: (line: string) => void): ChartQueryResult {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-chart-'));
  try {
    const store = openMetricsStore({ dataDir: path.join(dir, 'store') });
    const naive = new NaiveTable(path.join(dir, 'naive'));
    const fleet = new SyntheticFleet({ containers, seed: 11, rolloutsPerDay: 0 });
    const end = Date.UTC(2025, 1, 1);
    const start = end - days * DAY_MS;
    for (let hour = 0; hour < days * 24; hour++) {
      const batch: ContainerMinuteSample[] = [];
      for (let m = 0; m < 60; m++) batch.push(...fleet.batchAt(start + (hour * 60 + m) * 60_000));
      store.write({ containers: batch });
      naive.write(batch);
      if (hour % 240 === 239) log(`chart: day ${(hour + 1) / 24} of ${days} written`);
    }
    store.prune(end);
    naive.createIndex();

    const series = store.listSeries({ kind: 'container' });
    const target = series[Math.floor(series.length / 2)]!;
    if (target.kind !== 'container') throw new Error('expected a container series');
    let chart = store.query({ series: target, from: start, to: end, maxPoints: 2000 });
    const queryTimings = timeRuns(() => {
      chart = store.query({ series: target, from: start, to: end, maxPoints: 2000 });
    });
    let naiveRows = 0;
    const naiveTimings = timeRuns(() => {
      naiveRows = naive.select(target.containerKey, start, end).length;
    });
    store.close();
    naive.close();
    return {
      containers,
      days,
      points: chart.points.length,
      resolution: chart.resolution,
      bucketMinutes: chart.bucketMs / 60_000,
      queryMedianMs: median(queryTimings),
      querySlowestMs: Math.max(...queryTimings),
      naiveRows,
      naiveMedianMs: median(naiveTimings),
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
