import type { ChartRange } from '../contract/app-contract.ts';
import type { MetricsStore } from '../store/index.ts';
import { chartWindow } from './queries/chart-window.ts';
import { summarizeUsage, type WorkloadUsage } from './queries/usage-summary.ts';

export interface UsageWindow {
  from: number;
  to: number;
  usage: Map<string, WorkloadUsage>;
}

/**
 * The workloads' usage per range, computed once per stored minute: every table refresh and detail view in
 * the same minute shares one pass over the store.
 */
export class UsageCache {
  private readonly entries = new Map<ChartRange, { latest: number | null; window: UsageWindow }>();

  constructor(private readonly store: MetricsStore) {}

  get(range: ChartRange): UsageWindow {
    const latest = this.store.latestMinuteMs();
    const cached = this.entries.get(range);
    if (cached && cached.latest === latest) return cached.window;
    const { from, to } = chartWindow(this.store, range);
    const window = { from, to, usage: summarizeUsage(this.store, from, to) };
    this.entries.set(range, { latest, window });
    return window;
  }
}
