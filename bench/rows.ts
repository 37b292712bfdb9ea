// Turns the measurements into the table's rows (figure, value, reference, ratio, goal) and the notes below it.
import type { InventorySyncResult } from './inventory-sync.ts';
import { formatBytes, formatMb, formatMs, median, MB } from './measure.ts';
import type { MetricsCycleResult } from './metrics-cycle.child.ts';
import type { PopulateResult } from './populate-cluster.ts';
import type { BenchScale } from './scale.ts';
import { p95Of, type RendererUiResult } from './renderer-ui.ts';
import type { RecommendLiveResult } from './recommend-live.ts';
import type { SimulatorRssResult } from './simulator-rss.ts';
import type { StoreResults } from './store.ts';
import type { BacklogReplayResult } from '../agent-core/relay/testing/backlog-replay-bench.ts';
import { atMost, noGoal, type Row } from './table.ts';

const INTERVAL_MS = 60_000;
const RSS_LIMIT = 300 * MB;

export interface BenchResults {
  scale: BenchScale;
  renderer?: RendererUiResult;
  recommend?: RecommendLiveResult;
  relay?: BacklogReplayResult;
  store?: StoreResults;
  cluster?: { populate: PopulateResult; inventory: InventorySyncResult; metrics: MetricsCycleResult; controlPlaneRssBytes?: number };
  sim?: SimulatorRssResult;
}

export function buildRows({ scale, store, cluster, renderer, recommend, relay, sim }: BenchResults): Row[] {
  const rows: Row[] = [];
  if (sim) {
    const reference = cluster?.controlPlaneRssBytes;
    rows.push({
      figure: `simulated cluster RSS, ${sim.pods.toLocaleString('en')} pods/${sim.nodes} nodes: API server, controllers and every kubelet in one process (\`cluster-insight sim\`, under tsx; ready in ${formatMs(sim.readyMs)})`,
      value: formatMb(sim.rssBytes),
      reference: reference ? `the real control plane's etcd + kube-apiserver + controller-manager + scheduler at the same size, kubelets not counted: ${formatMb(reference)}` : 'the real control plane: not run (--only sim)',
      ratio: reference ? sim.rssBytes / reference : undefined,
      goal: noGoal,
    });
  }
  if (renderer) rows.push(...rendererRows(renderer));
  if (relay) {
    rows.push({
      figure: `relay: replaying a one-hour backlog (${relay.packets} minute packets × ${relay.containers.toLocaleString('en')} containers, ${formatMb(relay.bytes)} of JSON) over loopback, gateway start → all acked`,
      value: formatMs(relay.replayMs),
      reference: `JSON.stringify + JSON.parse of the same packets: ${formatMs(relay.jsonRoundTripMs)}`,
      ratio: relay.replayMs / relay.jsonRoundTripMs,
      goal: atMost(relay.replayMs, 30_000, '≤ 30 s'),
    });
  }
  if (recommend) {
    const cycle = median(recommend.cycleMs);
    rows.push({
      figure: `8 recommendations per cycle: feed a minute + recompute, ${recommend.containers.toLocaleString('en')} containers × ${recommend.days} d (median of ${recommend.cycleMs.length})`,
      value: formatMs(cycle),
      reference: `rereading a day of minutes per container (one summing pass): ${formatMs(recommend.rereadDayMs)}`,
      ratio: cycle / recommend.rereadDayMs,
      goal: atMost(cycle, 1000, '≤ 1 s'),
    });
  }
  const at = `${scale.pods} pods/${scale.nodes} nodes`;
  if (cluster) {
    const { inventory: inv, metrics } = cluster;
    const sync = inv.medians.syncMs;
    rows.push(
      {
        figure: `1 inventory sync, startInventory→settled (${at})`,
        value: formatMs(sync),
        reference: `kubectl get pods,deploy,rs,sts,ds,jobs,cronjobs -A -o json: ${formatMs(inv.medians.kubectlMs)}`,
        ratio: sync / inv.medians.kubectlMs,
        goal: atMost(sync / inv.medians.kubectlMs, 0.8, '≤ 0.8× ref'),
      },
      {
        figure: '1 … same, like for like (all 11 kinds it lists)',
        value: formatMs(sync),
        reference: `kubectl get <those 11 kinds> -A -o json: ${formatMs(inv.medians.kubectlAllKindsMs)}`,
        ratio: sync / inv.medians.kubectlAllKindsMs,
        goal: atMost(sync / inv.medians.kubectlAllKindsMs, 0.8, '≤ 0.8× ref'),
      },
      {
        figure: '1 … against the parse floor',
        value: formatMs(sync),
        reference: `JSON.parse of kubectl's bytes (${formatBytes(inv.rawBytes.kubectlKinds)}): ${formatMs(inv.parseFloorMs.kubectlKinds)}`,
        ratio: sync / inv.parseFloorMs.kubectlKinds,
        goal: noGoal,
      },
      {
        figure: '2 RSS after inventory sync (inventory alone)',
        value: formatMb(median(inv.syncs.map((s) => s.rssAfter))),
        reference: `same process before the sync: ${formatMb(median(inv.syncs.map((s) => s.baselineRss)))}`,
        ratio: median(inv.syncs.map((s) => s.rssAfter)) / median(inv.syncs.map((s) => s.baselineRss)),
        goal: noGoal,
      },
      {
        figure: `2 agent peak RSS: inventory + ${store ? `${scale.store.days}-day` : 'empty'} store + cycles`,
        value: formatMb(metrics.maxRssDuringCycles),
        reference: `same process before anything: ${formatMb(metrics.baselineRss)}`,
        ratio: metrics.maxRssDuringCycles / metrics.baselineRss,
        goal: atMost(metrics.maxRssDuringCycles, RSS_LIMIT, '≤ 300 MB'),
      },
    );
  }
  if (store) {
    const { rss, longRunning } = store;
    rows.push(
      {
        figure: `2 store peak RSS, ${longRunning.days} d × ${longRunning.containers / 1000}k containers (writes, prune, charts)`,
        value: formatMb(rss.maxRssBeforeBulk),
        reference: `same process before opening it: ${formatMb(rss.baselineRss)}`,
        ratio: rss.maxRssBeforeBulk / rss.baselineRss,
        goal: atMost(rss.maxRssBeforeBulk, RSS_LIMIT, '≤ 300 MB'),
      },
      {
        figure: `2 … peak with a bulk read (allSeriesMinutes, 1,000 series × ${longRunning.days} d)`,
        value: formatMb(rss.maxRss),
        reference: `same process before opening it: ${formatMb(rss.baselineRss)}`,
        ratio: rss.maxRss / rss.baselineRss,
        goal: atMost(rss.maxRss, RSS_LIMIT, '≤ 300 MB'),
      },
    );
  }
  if (cluster) {
    const { metrics } = cluster;
    const wall = median(metrics.cycles.map((c) => c.wallMs));
    const cpu = median(metrics.cycles.map((c) => c.cpuMs));
    const ref = metrics.reference;
    const bytes = ref.summaryBytes + ref.cadvisorBytes;
    rows.push(
      {
        figure: `3 metrics cycle wall, collectOnce (${ref.nodes} nodes)`,
        value: formatMs(wall),
        reference: `fetch only, same requests: ${formatMs(ref.fetchWallMs)}`,
        ratio: wall / ref.fetchWallMs,
        goal: atMost(wall, 0.15 * INTERVAL_MS, '≤ 9 s (15 % of 60 s)'),
      },
      {
        figure: '3 metrics cycle CPU, collectOnce',
        value: formatMs(cpu),
        reference: `decode + split lines of the same ${formatBytes(bytes)}: ${formatMs(ref.readSplitCpuMs)}`,
        ratio: cpu / ref.readSplitCpuMs,
        goal: atMost(cpu / ref.readSplitCpuMs, 2, '≤ 2× ref'),
      },
      {
        figure: '3 … (context) CPU of the fetch alone',
        value: formatMs(ref.fetchCpuMs),
        reference: `decode + split lines: ${formatMs(ref.readSplitCpuMs)}`,
        ratio: ref.fetchCpuMs / ref.readSplitCpuMs,
        goal: noGoal,
      },
    );
  }
  if (store) {
    const { compactness: c, chart } = store;
    rows.push(
      {
        figure: '4 bytes on disk per container-minute',
        value: `${c.storeBytesPerContainerMinute.toFixed(2)} B`,
        reference: `naive SQLite table, same samples: ${c.naiveBytesPerContainerMinute.toFixed(2)} B`,
        ratio: c.storeBytesPerContainerMinute / c.naiveBytesPerContainerMinute,
        goal: atMost(c.storeBytesPerContainerMinute, 24, '≤ 24 B'),
      },
      {
        figure: `5 30-day chart query, one container (${chart.points} points)`,
        value: formatMs(chart.queryMedianMs),
        reference: `raw SELECT of the range, naive table (${chart.naiveRows} rows): ${formatMs(chart.naiveMedianMs)}`,
        ratio: chart.queryMedianMs / chart.naiveMedianMs,
        goal: (() => {
          const time = atMost(chart.queryMedianMs, 50, '');
          const points = chart.points <= 2000;
          return { text: '≤ 50 ms, ≤ 2,000 points', met: time.met && points, margin: `${time.margin}${points ? '' : `; ${chart.points} points`}` };
        })(),
      },
    );
  }
  return rows;
}

/** What the table leaves out: sizes, counts, per-run figures, and how the long-running store was made. */
export function buildNotes({ scale, store, cluster }: BenchResults): string[] {
  const notes: string[] = [];
  if (cluster) {
    const { populate, inventory: inv, metrics } = cluster;
    const entities = inv.syncs[0]?.entities ?? {};
    notes.push(
      `workload: ${populate.pods} pods (${populate.controllerPods} made by controllers, ${populate.barePods} bare pods bound to nodes), all Running after ${populate.seconds.toFixed(0)} s; ` +
        `inventory entities: ${Object.entries(entities).map(([k, n]) => `${k} ${n}`).join(', ')}`,
      `kubectl: ${inv.kubectlBinary}; runs ${inv.kubectl.map((k) => formatMs(k.wallMs)).join(', ')} (${formatBytes(median(inv.kubectl.map((k) => k.stdoutBytes)))} printed); ` +
        `all 11 kinds ${inv.kubectlAllKinds.map((k) => formatMs(k.wallMs)).join(', ')}`,
      `inventory syncs: ${inv.syncs.map((s) => `${formatMs(s.wallMs)} (${formatMs(s.cpuMs)} CPU)`).join(', ')}; RSS after GC ${formatMb(median(inv.syncs.map((s) => s.rssAfterGc)))}, ` +
        `heap ${formatMb(median(inv.syncs.map((s) => s.heapUsedAfterGc)))}, peak ${formatMb(median(inv.syncs.map((s) => s.maxRss)))}`,
      `parse floor: the pages kubectl gets (limit=500), fetched once in ${formatMs(inv.parseFloor.fetchMs)}: ` +
        Object.entries(inv.parseFloor.lists).map(([k, l]) => `${k} ${l.items} items/${formatBytes(l.bytes)}/${formatMs(inv.parseFloor.parseMs[k]!)}`).join(', ') +
        `; all 11 kinds ${formatBytes(inv.rawBytes.inventoryKinds)} parse in ${formatMs(inv.parseFloorMs.inventoryKinds)}`,
    );
    const ref = metrics.reference;
    notes.push(
      `metrics: warm-up cycle ${formatMs(metrics.warmUp.wallMs)} (${metrics.warmUp.report.containerMinutes} container-minutes, no rates yet); measured cycles: ` +
        metrics.cycles
          .map((c) => `${formatMs(c.wallMs)} wall/${formatMs(c.cpuMs)} CPU (GC ${formatMs(c.gcMs)}), ${c.report.containerMinutes} container-minutes, ${c.report.nodesFailed} nodes failed, ${c.report.unattributed} unattributed, ${c.report.problems} problems`)
          .join('; '),
      `kubelet answers per node: summary ${formatBytes(ref.summaryBytes / ref.nodes)}, cAdvisor ${formatBytes(ref.cadvisorBytes / ref.nodes)} (${ref.lines} lines in all), ` +
        `${formatBytes(ref.wireBytes)} through the API server per cycle for ${formatBytes(ref.summaryBytes + ref.cadvisorBytes)} of answers (gzip asked for); ` +
        `fetch-only reference: ${formatMs(ref.fetchWallMs)} wall/${formatMs(ref.fetchCpuMs)} CPU (GC ${formatMs(ref.fetchGcMs)}); ` +
        `the simulated clock stood still during each cycle and stepped 60 s between cycles; fetch-only reference at concurrency 32 as the collector, after the kubelets' 5-s render cache expired`,
      `collector problems over all cycles: ${Object.entries(metrics.problems).map(([kind, p]) => `${kind} ×${p.count} (e.g. "${p.example}")`).join('; ') || 'none'}`,
      `agent process: RSS ${formatMb(metrics.baselineRss)} before, ${formatMb(metrics.rssAfterSync)} after sync + store open, ${formatMb(metrics.rssAfterCycles)} after the cycles, peak ${formatMb(metrics.maxRssDuringCycles)}; store file ${formatBytes(metrics.storeFileBytes)}`,
    );
  }
  if (store) {
    const { longRunning: lr, rss, compactness: c, chart } = store;
    notes.push(
      `long-running store: ${lr.containers} containers × ${lr.days} days = ${(lr.containerMinutesHeld / 1e6).toFixed(0)} M container-minutes in ${formatBytes(lr.fileBytes)} ` +
        `(${(lr.fileBytes / lr.containerMinutesHeld).toFixed(2)} B each); ${lr.writtenHours} h written through the store minute by minute (${lr.writeSeconds.toFixed(0)} s), ` +
        `the other ${lr.copiedHours} h copies of those packed hours (blocks and rollups, in key order, ${lr.copySeconds.toFixed(0)} s) — a real file of that span's size, opened for real`,
      `store process RSS: ${formatMb(rss.baselineRss)} before open, ${formatMb(rss.rssAfterOpen)} open, ${formatMb(rss.rssAfterWrites)} after ${lr.containers}-container writes (median ${formatMs(rss.writeMedianMs)}) + prune (${formatMs(rss.pruneMs)}), ` +
        `${formatMb(rss.rssAfterQueries)} after chart queries (peak so far ${formatMb(rss.maxRssBeforeBulk)}; ${lr.days}-day median ${formatMs(rss.weekQueryMedianMs)}, 30-day ${formatMs(rss.monthQueryMedianMs)}), ` +
        `${formatMb(rss.rssAfterBulk)} after a bulk read of ${(rss.bulkMinutes / 1e6).toFixed(1)} M minutes (${formatMs(rss.bulkMs)}); peak ${formatMb(rss.maxRss)}`,
      `compactness: ${c.containers} containers × ${c.days} days = ${(c.containerMinutes / 1e6).toFixed(2)} M container-minutes: store ${formatBytes(c.storeBytes)}, naive ${formatBytes(c.naiveBytes)} (after VACUUM); ` +
        `naive = one row per container-minute (container id, minute, 4 metrics) + index (container, minute)`,
      `chart: ${chart.containers} containers × ${chart.days} days, ${chart.resolution} resolution, ${chart.bucketMinutes}-minute buckets; median of 20 (slowest ${formatMs(chart.querySlowestMs)})`,
    );
  }
  notes.push(`scale: ${scale.name}`);
  return notes;
}

function rendererRows(r: RendererUiResult): Row[] {
  const filterP95 = p95Of(r.filterMs);
  const chart = median(r.chartMs);
  return [
    {
      figure: `6 filter keystroke → paint, ${r.rows.toLocaleString('en')}-row workloads table (p95 of ${r.filterMs.length})`,
      value: formatMs(filterP95),
      reference: `a bare frame in the same page (rAF → task), p95: ${formatMs(p95Of(r.frameFloorMs))}`,
      ratio: filterP95 / p95Of(r.frameFloorMs),
      goal: atMost(filterP95, 100, '≤ 100 ms'),
    },
    {
      figure: '6 … median',
      value: formatMs(median(r.filterMs)),
      reference: `bare frame, median: ${formatMs(median(r.frameFloorMs))}`,
      ratio: median(r.filterMs) / median(r.frameFloorMs),
      goal: noGoal,
    },
    {
      figure: `7 ${r.chartMinutes.toLocaleString('en')}-minute chart, data → paint (median of ${r.chartMs.length}; ${r.chartPointsDrawn} points drawn)`,
      value: formatMs(chart),
      reference: `JSON.parse of that payload in the page: ${formatMs(median(r.chartParseMs))}`,
      ratio: chart / median(r.chartParseMs),
      goal: atMost(chart, 200, '≤ 200 ms'),
    },
  ];
}
