import type { ChartPoint } from '../../../agent-core/contract/app-contract.ts';

type Stat = NonNullable<ChartPoint['cpuCores']>;

/**
 * Merges consecutive points so that at most `maxPoints` remain: each merged point keeps the first bucket's time,
 * the mean of the means, and the extremes of the extremes, so a spike survives the merge. The core already
 * downsamples to what a chart asks for; this guards against a series handed in whole.
 */
export function downsamplePoints(points: readonly ChartPoint[], maxPoints: number): readonly ChartPoint[] {
  if (points.length <= maxPoints || maxPoints < 1) return points;
  const group = Math.ceil(points.length / maxPoints);
  const merged: ChartPoint[] = [];
  for (let start = 0; start < points.length; start += group) {
    const slice = points.slice(start, start + group);
    merged.push({
      t: slice[0]!.t,
      cpuCores: mergeStats(slice.map((p) => p.cpuCores)),
      memoryWorkingSetBytes: mergeStats(slice.map((p) => p.memoryWorkingSetBytes)),
      throttledRatio: mergeStats(slice.map((p) => p.throttledRatio)),
    });
  }
  return merged;
}

function mergeStats(stats: readonly (Stat | null)[]): Stat | null {
  let count = 0;
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  let p95 = -Infinity;
  for (const s of stats) {
    if (!s) continue;
    count++;
    sum += s.mean;
    min = Math.min(min, s.min);
    max = Math.max(max, s.max);
    // The largest p95 over-estimates rather than hides a busy stretch.
    p95 = Math.max(p95, s.p95);
  }
  return count === 0 ? null : { min, mean: sum / count, max, p95 };
}
