// Child process: the long-running store opened as the agent opens it, then what the agent does with it — a few
// minutes written (every container), prune, chart queries, and a week's minutes of many series read in bulk as the
// recommender reads them — with the RSS after each step.
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { openMetricsStore, STORE_FILE_NAME } from '../agent-core/store/index.ts';
import { SyntheticFleet } from '../agent-core/store/testing/synthetic-fleet.ts';
import { childInput, runAsChild } from './child-side.ts';
import { collectGarbage, maxRssBytes, median, rssBytes } from './measure.ts';

export interface StoreRssInput {
  dataDir: string;
  containers: number;
  seed: number;
  endMs: number;
  days: number;
  /** Minutes written on top (each with every container). */
  minutes: number;
  /** Series read in bulk over the whole week. */
  bulkSeries: number;
}

export interface StoreRssResult {
  fileBytes: number;
  baselineRss: number;
  rssAfterOpen: number;
  rssAfterWrites: number;
  rssAfterQueries: number;
  /** Peak RSS through writes, prune and chart queries: the agent's steady work with the store. */
  maxRssBeforeBulk: number;
  rssAfterBulk: number;
  /** Peak RSS including the bulk read (allSeriesMinutes, the recommender's access path). */
  maxRss: number;
  writeMedianMs: number;
  pruneMs: number;
  weekQueryMedianMs: number;
  monthQueryMedianMs: number;
  bulkMinutes: number;
  bulkMs: number;
}

const DAY_MS = 86_400_000;

runAsChild(async (): Promise<StoreRssResult> => {
  const input = childInput<StoreRssInput>();
  const fleet = new SyntheticFleet({ containers: input.containers, seed: input.seed });
  collectGarbage();
  const baselineRss = rssBytes();
  const store = openMetricsStore({ dataDir: input.dataDir });
  const rssAfterOpen = rssBytes();

  const writes: number[] = [];
  for (let m = 0; m < input.minutes; m++) {
    const batch = fleet.batchAt(input.endMs + m * 60_000);
    const began = performance.now();
    store.write({ containers: batch });
    writes.push(performance.now() - began);
  }
  const pruneBegan = performance.now();
  store.prune(Date.now());
  const pruneMs = performance.now() - pruneBegan;
  const rssAfterWrites = rssBytes();

  const series = store.listSeries({ kind: 'container' });
  const picks = Array.from({ length: 20 }, (_, i) => series[Math.floor(((i + 0.5) * series.length) / 20)]!);
  const to = input.endMs + input.minutes * 60_000;
  const queryTimes = (days: number) =>
    picks.map((s) => {
      const began = performance.now();
      store.query({ series: s as { containerKey: string }, from: to - days * DAY_MS, to, maxPoints: 2000 });
      return performance.now() - began;
    });
  const weekQueryMedianMs = median(queryTimes(input.days));
  const monthQueryMedianMs = median(queryTimes(30));
  const rssAfterQueries = rssBytes();
  const maxRssBeforeBulk = maxRssBytes();

  let bulkMinutes = 0;
  let read = 0;
  const bulkBegan = performance.now();
  for (const minutes of store.allSeriesMinutes({ from: to - input.days * DAY_MS, to })) {
    bulkMinutes += minutes.t.length;
    if (++read >= input.bulkSeries) break;
  }
  const bulkMs = performance.now() - bulkBegan;
  const rssAfterBulk = rssBytes();
  const maxRss = maxRssBytes();
  store.close();
  return {
    fileBytes: fs.statSync(path.join(input.dataDir, STORE_FILE_NAME)).size,
    baselineRss,
    rssAfterOpen,
    rssAfterWrites,
    rssAfterQueries,
    maxRssBeforeBulk,
    rssAfterBulk,
    maxRss,
    writeMedianMs: median(writes),
    pruneMs,
    weekQueryMedianMs,
    monthQueryMedianMs,
    bulkMinutes,
    bulkMs,
  };
});
