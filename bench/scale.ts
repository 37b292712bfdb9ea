// How big the bench runs: the full scale the goals are set for, or --quick for a fast check.

export interface BenchScale {
  name: 'full' | 'quick';
  /** Simulated kubelets on the real control plane. */
  nodes: number;
  /** Pods created in all (controller-made and bare), about pods / nodes per node. */
  pods: number;
  /** Inventory syncs (and kubectl runs of each kind) whose median is reported. */
  syncRepeats: number;
  /** Measured metrics cycles (after one warm-up cycle that sets the rate baselines). */
  metricCycles: number;
  /** The long-running store: containers, days of minutes held, and hours actually written (the rest copied). */
  store: { containers: number; days: number; writtenHours: number };
  /** Bytes per container-minute: the compactness test's fleet and span. */
  compactness: { containers: number; days: number };
  /** The 30-day chart query: containers stored for 30 days. */
  chart: { containers: number; days: number };
  /** The renderer in Chromium: rows in the workloads table, minutes per chart series, chart renders measured. */
  renderer: { rows: number; minutes: number; chartRepeats: number };
  /** The live recommender: containers with digests of this many days, cycles measured. */
  recommend: { containers: number; days: number; cycles: number };
  /** The relay: containers in each of the backlog's minute packets (an hour of them). */
  relay: { containers: number };
}

export const FULL: BenchScale = {
  name: 'full',
  nodes: 500,
  pods: 10_000,
  syncRepeats: 3,
  metricCycles: 3,
  store: { containers: 30_000, days: 7, writtenHours: 2 },
  compactness: { containers: 1000, days: 3 },
  chart: { containers: 40, days: 30 },
  renderer: { rows: 10_000, minutes: 10_080, chartRepeats: 10 },
  recommend: { containers: 30_000, days: 14, cycles: 5 },
  relay: { containers: 30_000 },
};

export const QUICK: BenchScale = {
  name: 'quick',
  nodes: 50,
  pods: 1000,
  syncRepeats: 2,
  metricCycles: 2,
  store: { containers: 3000, days: 1, writtenHours: 2 },
  compactness: { containers: 200, days: 1 },
  chart: { containers: 10, days: 30 },
  // The renderer's goals are set at this size and it is quick to measure: only fewer repeats.
  renderer: { rows: 10_000, minutes: 10_080, chartRepeats: 4 },
  recommend: { containers: 30_000, days: 14, cycles: 3 },
  relay: { containers: 3000 },
};

export function describeScale(s: BenchScale): string {
  return (
    `scale ${s.name}: ${s.nodes} nodes, ${s.pods} pods (~${Math.round(s.pods / s.nodes)} per node); ` +
    `store ${s.store.containers} containers × ${s.store.days} days (${s.store.writtenHours} h written, the rest copied); ` +
    `compactness ${s.compactness.containers} containers × ${s.compactness.days} days; chart ${s.chart.containers} containers × ${s.chart.days} days; ` +
    `medians of ${s.syncRepeats} syncs and ${s.metricCycles} metrics cycles`
  );
}
