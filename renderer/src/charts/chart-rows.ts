import type { ChartPoint, ContainerChart, ContainerEventView, SettingsIntervalView } from '../../../agent-core/contract/app-contract.ts';

export type MetricKind = 'cpu' | 'memory' | 'throttling';

/** One plotted bucket: what recharts draws for a metric. Nulls leave gaps rather than drawing zero. */
export interface MetricRow {
  t: number;
  mean: number | null;
  /** [min, max] for the band drawn behind the mean line. */
  band: [number, number] | null;
  max: number | null;
  request: number | null;
  limit: number | null;
  /** OOM kills and restarts that happened within this bucket, for the tooltip. */
  events: ContainerEventView[];
}

/** A recommendation's proposed request and limit for one metric, in its unit; null: none proposed. */
export interface ProposedValues {
  request: number | null;
  limit: number | null;
}

const STAT_OF: Record<MetricKind, (p: ChartPoint) => ChartPoint['cpuCores']> = {
  cpu: (p) => p.cpuCores,
  memory: (p) => p.memoryWorkingSetBytes,
  throttling: (p) => p.throttledRatio,
};

// Throttling arrives as a ratio and is drawn in percent.
const SCALE: Record<MetricKind, number> = { cpu: 1, memory: 1, throttling: 100 };

function settingFor(metric: MetricKind, setting: SettingsIntervalView | undefined): { request: number | null; limit: number | null } {
  if (!setting || metric === 'throttling') return { request: null, limit: null };
  return metric === 'cpu'
    ? { request: setting.cpuRequest, limit: setting.cpuLimit }
    : { request: setting.memRequest, limit: setting.memLimit };
}

/** The rows one metric's chart plots, with the requests and limits in force at each bucket. */
export function metricRows(chart: Pick<ContainerChart, 'settings' | 'events' | 'bucketMs'>, points: readonly ChartPoint[], metric: MetricKind): MetricRow[] {
  const settings = [...chart.settings].sort((a, b) => a.from - b.from);
  const events = [...chart.events].sort((a, b) => a.time - b.time);
  const scale = SCALE[metric];
  const statOf = STAT_OF[metric];
  const rows: MetricRow[] = new Array(points.length);
  let s = 0;
  let e = 0;
  for (let i = 0; i < points.length; i++) {
    const point = points[i]!;
    const bucketEnd = points[i + 1]?.t ?? point.t + chart.bucketMs;
    // Both lists are sorted, like the points: walk them alongside instead of searching per point.
    while (s < settings.length - 1 && settings[s + 1]!.from <= point.t) s++;
    const current = settings[s];
    const inForce = current && current.from <= point.t && point.t < current.to ? current : undefined;
    while (e < events.length && events[e]!.time < point.t) e++;
    const bucketEvents: ContainerEventView[] = [];
    for (let k = e; k < events.length && events[k]!.time < bucketEnd; k++) bucketEvents.push(events[k]!);
    const stat = statOf(point);
    rows[i] = {
      t: point.t,
      mean: stat ? stat.mean * scale : null,
      band: stat ? [stat.min * scale, stat.max * scale] : null,
      max: stat ? stat.max * scale : null,
      ...settingFor(metric, inForce),
      events: bucketEvents,
    };
  }
  return rows;
}

/** The upper end of the y axis: the largest of the values, requests and limits shown, with headroom. */
export function yMaximum(rows: readonly MetricRow[], metric: MetricKind): number {
  if (metric === 'throttling') return 100;
  let top = 0;
  for (const row of rows) top = Math.max(top, row.max ?? 0, row.request ?? 0, row.limit ?? 0);
  return top === 0 ? (metric === 'cpu' ? 0.1 : 64 * 2 ** 20) : top * 1.1;
}

/** ms between the first and the last bucket that hold a sample: how much history the chart shows. */
export function coveredMs(rows: readonly MetricRow[]): number {
  const first = rows.find((r) => r.mean !== null);
  const last = rows.findLast((r) => r.mean !== null);
  return first && last ? last.t - first.t : 0;
}
