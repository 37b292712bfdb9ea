import { rangeMs, type ChartRange } from '../../contract/app-contract.ts';
import type { MetricsStore } from '../../store/index.ts';

const MINUTE = 60_000;

/**
 * The window a range covers: it ends at now, or at the newest stored minute when the kubelets' clock runs
 * ahead of ours (a simulated cluster at speed), so "last hour" always means the last hour of data.
 */
export function chartWindow(store: MetricsStore, range: ChartRange, nowMs = Date.now()): { from: number; to: number } {
  const latest = store.latestMinuteMs();
  const to = Math.ceil(Math.max(nowMs, latest === null ? 0 : latest + MINUTE) / MINUTE) * MINUTE;
  return { from: to - rangeMs(range), to };
}
