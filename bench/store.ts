// Figures 2 (store half), 4 and 5: the store's bytes per container-minute, the 30-day chart query, and the RSS of
// a process holding the long-running store — each beside its naive-SQLite or bare-process reference.
import { buildLongRunningStore, type LongRunningStore } from './long-running-store.ts';
import { measureChartQuery, type ChartQueryResult } from './chart-query.ts';
import { runChild } from './child-process.ts';
import type { BenchScale } from './scale.ts';
import { measureCompactness, type CompactnessResult } from './store-compactness.ts';
import type { StoreRssInput, StoreRssResult } from './store-rss.child.ts';

export interface StoreResults {
  compactness: CompactnessResult;
  chart: ChartQueryResult;
  longRunning: LongRunningStore;
  rss: StoreRssResult;
}

/** Leaves the long-running store in dir/store, for the metrics cycles to run against. */
export async function benchStore(scale: BenchScale, dir: string, log: (line: string) => void): Promise<StoreResults> {
  log(`store: bytes per container-minute (${scale.compactness.containers} containers × ${scale.compactness.days} days, and the naive table)`);
  const compactness = measureCompactness(scale.compactness.containers, scale.compactness.days, log);
  log(`store: 30-day chart query (${scale.chart.containers} containers × ${scale.chart.days} days, and the naive table)`);
  const chart = measureChartQuery(scale.chart.containers, scale.chart.days, log);
  log(`store: long-running store, ${scale.store.containers} containers × ${scale.store.days} days`);
  const longRunning = buildLongRunningStore({ dir, ...scale.store, log });
  log(`  ${(longRunning.fileBytes / 1e9).toFixed(2)} GB; written in ${longRunning.writeSeconds.toFixed(0)} s, copied in ${longRunning.copySeconds.toFixed(0)} s; measuring its RSS`);
  const rss = await runChild<StoreRssResult>('store-rss.child.ts', {
    dataDir: longRunning.dataDir,
    containers: longRunning.containers,
    seed: longRunning.seed,
    endMs: longRunning.endMs,
    days: longRunning.days,
    minutes: 5,
    bulkSeries: 1000,
  } satisfies StoreRssInput);
  return { compactness, chart, longRunning, rss };
}
