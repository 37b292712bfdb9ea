import type { ChartPoint, ChartRange, ContainerChart, WorkloadCharts } from '../../contract/app-contract.ts';
import type { ChartSeries, MetricsStore, Stat } from '../../store/index.ts';
import { chartWindow } from './chart-window.ts';

type Metric = 'cpuCores' | 'memoryWorkingSetBytes' | 'throttledRatio';
const METRICS: Metric[] = ['cpuCores', 'memoryWorkingSetBytes', 'throttledRatio'];

/** Pods of one workload side by side: the mean of their means (what one pod typically uses) and the largest max and p95. */
function mergeStats(stats: Stat[]): Stat | null {
  if (stats.length === 0) return null;
  return {
    min: Math.min(...stats.map((s) => s.min)),
    mean: stats.reduce((sum, s) => sum + s.mean, 0) / stats.length,
    max: Math.max(...stats.map((s) => s.max)),
    p95: Math.max(...stats.map((s) => s.p95)),
  };
}

function mergeSeries(container: string, series: ChartSeries[], events: ContainerChart['events']): ContainerChart {
  const byTime = new Map<number, Record<Metric, Stat[]>>();
  for (const s of series) {
    for (const point of s.points) {
      let bucket = byTime.get(point.t);
      if (!bucket) byTime.set(point.t, (bucket = { cpuCores: [], memoryWorkingSetBytes: [], throttledRatio: [] }));
      for (const metric of METRICS) {
        const stat = point[metric];
        if (stat) bucket[metric].push(stat);
      }
    }
  }
  const points: ChartPoint[] = [...byTime.entries()]
    .sort(([a], [b]) => a - b)
    .map(([t, stats]) => ({ t, cpuCores: mergeStats(stats.cpuCores), memoryWorkingSetBytes: mergeStats(stats.memoryWorkingSetBytes), throttledRatio: mergeStats(stats.throttledRatio) }));
  // Pods of a workload share its template's settings; the pod seen last carries the newest ones.
  const newest = [...series].sort((a, b) => (b.points.at(-1)?.t ?? 0) - (a.points.at(-1)?.t ?? 0))[0];
  return {
    container,
    pods: series.length,
    resolution: newest?.resolution ?? 'minute',
    bucketMs: Math.max(0, ...series.map((s) => s.bucketMs)),
    points,
    settings: newest?.settings ?? [],
    events,
  };
}

/** Per container of a workload, its pods' charts merged, bounded to maxPoints, with OOM and restart marks. */
export function workloadCharts(store: MetricsStore, uid: string, range: ChartRange, maxPoints = 500, nowMs?: number): WorkloadCharts {
  const { from, to } = chartWindow(store, range, nowMs);
  const byContainer = new Map<string, string[]>();
  for (const info of store.listSeries({ kind: 'container', workload: { uid } })) {
    if (info.kind !== 'container') continue;
    const name = info.containerKey.slice(info.containerKey.lastIndexOf('/') + 1);
    byContainer.set(name, [...(byContainer.get(name) ?? []), info.containerKey]);
  }
  const containers = [...byContainer.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([container, keys]) => {
      const series = keys.map((containerKey) => store.query({ series: { containerKey }, from, to, maxPoints })).filter((s) => s.points.length > 0);
      const pods = new Set(keys.map((k) => k.split('/')[1]));
      const namespace = keys[0]?.split('/')[0];
      const events = store
        .events({ from, to, namespace })
        .filter((e) => pods.has(e.pod) && (e.container === container || e.container === ''))
        .map(({ time, kind, pod, container: c, detail }) => ({ time, kind, pod, container: c, detail }));
      return mergeSeries(container, series, events);
    });
  return { uid, range, from, to, containers };
}
