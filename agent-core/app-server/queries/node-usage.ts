import type { NodeCollectionStatus } from '../../collector/node-status.ts';
import type { MetricsStore } from '../../store/index.ts';

const RECENT_MS = 10 * 60_000;

/** A node's usage in its newest stored minute within the last ten minutes of data; null when none. */
export function latestNodeUsage(store: MetricsStore, nodeName: string): { cpu: number | null; memory: number | null } {
  const latest = store.latestMinuteMs();
  if (latest === null) return { cpu: null, memory: null };
  const samples = store.minuteSamples({ series: { nodeName }, from: latest - RECENT_MS, to: latest + 60_000 });
  const last = samples.at(-1);
  return { cpu: last?.cpuCores ?? null, memory: last?.memoryWorkingSetBytes ?? null };
}

export function collectionOf(status: NodeCollectionStatus | undefined) {
  if (!status) return null;
  return {
    node: status.node,
    lastSuccess: status.lastSuccess,
    consecutiveFailures: status.consecutiveFailures,
    error: status.lastError?.map((e) => `${e.endpoint}: ${e.message}`).join('; ') ?? null,
  };
}
