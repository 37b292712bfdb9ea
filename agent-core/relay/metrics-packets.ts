// Minute metrics as the gateway receives them: one packet per minute, every container sampled in it, read back
// from the agent's store after each collection cycle (so what is relayed is exactly what is stored).
import type { ContainerEvent, MetricsStore } from '../store/index.ts';
import type { NameHasher } from './name-privacy.ts';

export interface MetricsMinuteBody {
  /** ms epoch of the minute. */
  t: number;
  /** [containerKey, workloadUid, cpuCores, workingSetBytes, rssBytes, throttledRatio, cpuRequest, cpuLimit, memRequest, memLimit]; null where unknown. */
  columns: string[];
  rows: (string | number | null)[][];
}

export const METRICS_COLUMNS = ['container', 'workloadUid', 'cpuCores', 'workingSetBytes', 'rssBytes', 'throttledRatio', 'cpuRequest', 'cpuLimit', 'memRequest', 'memLimit'];

const num = (v: number | undefined): number | null => (v === undefined || Number.isNaN(v) ? null : v);

/** The container minutes in [from, to), grouped by minute, ascending. */
export function metricsMinuteBodies(store: MetricsStore, from: number, to: number, names: NameHasher): MetricsMinuteBody[] {
  const byMinute = new Map<number, (string | number | null)[][]>();
  for (const s of store.allSeriesMinutes({ from, to, kind: 'container' })) {
    if (s.series.kind !== 'container') continue;
    const key = names.containerKey(s.series.containerKey);
    for (let i = 0; i < s.t.length; i++) {
      const t = s.t[i]!;
      const setting = s.settings.find((x) => x.from <= t && t < x.to);
      let rows = byMinute.get(t);
      if (!rows) byMinute.set(t, (rows = []));
      rows.push([
        key,
        s.series.workload.uid,
        num(s.cpuCores[i]),
        num(s.memoryWorkingSetBytes[i]),
        num(s.memoryRssBytes[i]),
        num(s.throttledRatio[i]),
        setting?.cpuRequest ?? null,
        setting?.cpuLimit ?? null,
        setting?.memRequest ?? null,
        setting?.memLimit ?? null,
      ]);
    }
  }
  return [...byMinute.keys()].sort((a, b) => a - b).map((t) => ({ t, columns: METRICS_COLUMNS, rows: byMinute.get(t)! }));
}

export interface EventsBody {
  events: ContainerEvent[];
}

export function eventsBody(events: readonly ContainerEvent[], names: NameHasher): EventsBody {
  return { events: events.map((e) => ({ ...e, namespace: names.name(e.namespace), pod: names.name(e.pod), container: e.container && names.name(e.container) })) };
}
