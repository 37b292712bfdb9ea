// Child process: the agent's pieces as startAgent wires them (inventory, store, MetricsCollector), its inventory
// synced and its store the long-running one; then metrics cycles, each after the parent has stepped the simulated
// clock by one minute. Reports each cycle's wall and CPU time, the RSS, and the reference: the same bodies fetched
// once more (the clock still stands), then merely decoded and split into lines.
import fs from 'node:fs';
import { InventoryCollectorView } from '../agent-core/collector/inventory-view.ts';
import { forEachBounded } from '../agent-core/collector/bounded-pool.ts';
import { kubeletScrapeRequest, MetricsCollector, type CycleReport, type KubeletEndpoint } from '../agent-core/collector/metrics-collector.ts';
import { startInventory } from '../agent-core/inventory/index.ts';
import { kubeConfigForContext } from '../agent-core/kube/kube-client.ts';
import { kubeRequestBody } from '../agent-core/kube/kube-request.ts';
import { resolveContext } from '../agent-core/kube/kubeconfig-context.ts';
import { loadKubeconfig } from '../agent-core/kube/kubeconfig-files.ts';
import { openMetricsStore } from '../agent-core/store/index.ts';
import { askParent, childInput, runAsChild } from './child-side.ts';
import { collectGarbage, maxRssBytes, median, rssBytes, startGcAccounting, timed } from './measure.ts';

export interface MetricsCycleInput {
  kubeconfig: string;
  context: string;
  /** The long-running store's folder (metrics.sqlite). */
  dataDir: string;
  /** Measured cycles, after one warm-up cycle. */
  cycles: number;
}

export interface CycleRun {
  wallMs: number;
  cpuMs: number;
  /** Of which garbage collection (main-thread pauses as the 'gc' performance entries report them). */
  gcMs: number;
  report: CycleReport;
}

export interface MetricsCycleResult {
  /** Problems the collector reported over all cycles, by kind, with one example message each. */
  problems: Record<string, { count: number; example: string }>;
  warmUp: CycleRun;
  cycles: CycleRun[];
  baselineRss: number;
  rssAfterSync: number;
  /** The agent's RSS after its cycles: inventory synced, long-running store open. */
  rssAfterCycles: number;
  maxRssDuringCycles: number;
  storeFileBytes: number;
  reference: {
    nodes: number;
    summaryBytes: number;
    cadvisorBytes: number;
    /** What came through the API server (gzipped where the kubelet compressed). */
    wireBytes: number;
    lines: number;
    /** The same requests, the same concurrency, bodies kept and nothing parsed. */
    fetchWallMs: number;
    fetchCpuMs: number;
    fetchGcMs: number;
    /** Medians of decoding every body to a string and splitting it into lines. */
    readSplitCpuMs: number;
    readSplitWallMs: number;
  };
}

const CONCURRENCY = 32; // MetricsCollector's default
const TIMEOUT_MS = 20_000; // likewise

runAsChild(async (): Promise<MetricsCycleResult> => {
  const input = childInput<MetricsCycleInput>();
  const kubeConfig = kubeConfigForContext(resolveContext(loadKubeconfig({ kubeconfig: input.kubeconfig }), input.context));
  collectGarbage();
  const baselineRss = rssBytes();
  const inventory = await startInventory({ kubeConfig });
  await inventory.waitUntilSettled(600_000);
  const store = openMetricsStore({ dataDir: input.dataDir });
  const rssAfterSync = rssBytes();
  const problems: MetricsCycleResult['problems'] = {};
  const collector = new MetricsCollector({
    kubeConfig,
    inventory: new InventoryCollectorView(inventory),
    store,
    onProblem: (p) => {
      const seen = (problems[p.kind] ??= { count: 0, example: p.message });
      seen.count++;
    },
  });

  const gc = startGcAccounting();
  const runs: CycleRun[] = [];
  for (let c = 0; c <= input.cycles; c++) {
    await askParent('step-clock');
    const gcBefore = await gc.totalMs();
    const run = await timed(() => collector.collectOnce());
    runs.push({ wallMs: run.wallMs, cpuMs: run.cpuMs, gcMs: (await gc.totalMs()) - gcBefore, report: run.result });
    // What startAgent does after each cycle, outside the measured call.
    store.prune(Date.now());
  }
  const rssAfterCycles = rssBytes();
  const maxRssDuringCycles = maxRssBytes();

  // The reference: the last cycle's bodies again (the simulated clock stands still until the next step), once the
  // kubelets have dropped their rendered texts (after 5 s), so that they render them again as in the cycle.
  await new Promise((resolve) => setTimeout(resolve, 6000));
  const targets = new InventoryCollectorView(inventory).scrapeTargets();
  const bodies: { endpoint: KubeletEndpoint; body: Buffer; wireBytes: number }[] = [];
  const gcBeforeFetch = await gc.totalMs();
  const fetch = await timed(() =>
    forEachBounded(targets, CONCURRENCY, async (target) => {
      const get = (endpoint: KubeletEndpoint) => {
        const wire = { bytes: 0 };
        return kubeRequestBody(kubeConfig, { ...kubeletScrapeRequest(target.name, endpoint, TIMEOUT_MS), wire }).then((body) => bodies.push({ endpoint, body, wireBytes: wire.bytes }));
      };
      await Promise.all([get('summary'), get('cadvisor')]);
    }),
  );
  const fetchGcMs = (await gc.totalMs()) - gcBeforeFetch;
  gc.stop();
  const readSplit: { cpuMs: number; wallMs: number }[] = [];
  let lines = 0;
  for (let r = 0; r < 3; r++) {
    collectGarbage();
    const t = await timed(() => {
      lines = 0;
      for (const { body } of bodies) lines += body.toString('utf8').split('\n').length;
    });
    readSplit.push(t);
  }
  const bytesOf = (endpoint: string) => bodies.filter((b) => b.endpoint === endpoint).reduce((n, b) => n + b.body.length, 0);
  const storeFileBytes = fs.statSync(store.file).size;
  store.close();
  await inventory.stop();
  return {
    problems,
    warmUp: runs[0]!,
    cycles: runs.slice(1),
    baselineRss,
    rssAfterSync,
    rssAfterCycles,
    maxRssDuringCycles,
    storeFileBytes,
    reference: {
      nodes: targets.length,
      summaryBytes: bytesOf('summary'),
      cadvisorBytes: bytesOf('cadvisor'),
      wireBytes: bodies.reduce((n, b) => n + b.wireBytes, 0),
      lines,
      fetchWallMs: fetch.wallMs,
      fetchCpuMs: fetch.cpuMs,
      fetchGcMs,
      readSplitCpuMs: median(readSplit.map((r) => r.cpuMs)),
      readSplitWallMs: median(readSplit.map((r) => r.wallMs)),
    },
  };
});
