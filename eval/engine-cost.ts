import { ContainerDigest, type MinuteSeries, recommendFromDigest } from '../agent-core/recommend/index.ts';
import { fleetFor } from './fleet/fleet.ts';
import { PROJECT } from './fleet/variation.ts';
import { generateTrace } from './trace/generate-trace.ts';
import { settingsAt } from './trace/settings-timeline.ts';

export interface EngineCost {
  containers: number;
  /** One minute for every container fed to its digest. */
  ingestMinuteMs: number;
  /** A recommendation for every container from its digest: wall clock, and CPU time of this process (what other load on the machine does not inflate). */
  recommendAllMs: number;
  recommendAllCpuMs: number;
  /** The same when every digest searches its level shifts afresh (after a restart; in steady state each digest does so once an hour, a sixtieth of them a minute). */
  freshSearchRecommendMs: number;
  /** Heap held per digest of 14 days. */
  bytesPerDigest: number;
}

/**
 * What the live agent would pay for `containers` containers with 14 days of history: feeding one minute
 * to every digest, and recomputing every recommendation. Distinct digests come from the project's traces
 * (30 seeds × 10 kinds); the rest reuse them, so the figure is per-call work, not cache misses at scale.
 * Level shifts are remembered per digest for an hour (level-shift-memo.ts), as they would be between
 * the live agent's minutes; `freshSearchRecommendMs` is the cost when none is remembered.
 */
export function measureEngineCost(containers = 30_000): EngineCost {
  const specs = fleetFor(Array.from({ length: 30 }, (_, i) => i + 1), PROJECT);
  const minutes = PROJECT.days * 1440;
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const digests: Array<{ digest: ContainerDigest; key: string; current: ReturnType<typeof settingsAt>; series: MinuteSeries }> = [];
  for (const spec of specs) {
    const c = generateTrace(spec, PROJECT.startMs, minutes);
    const series: MinuteSeries = { t: c.observed.t, cpuCores: c.observed.cpu, memoryBytes: c.observed.mem, throttledRatio: c.observed.throttled, oomKills: c.oomKills };
    const digest = new ContainerDigest();
    digest.addSeries(series, 0, 0, minutes - 1);
    digests.push({ digest, key: c.key, current: settingsAt(c.settings, minutes - 1), series });
  }
  const ingestBegan = performance.now();
  for (let i = 0; i < containers; i++) {
    const d = digests[i % digests.length]!;
    const m = minutes - 1;
    d.digest.addMinute(0, d.series.t[m]!, d.series.cpuCores[m]!, d.series.memoryBytes[m]!, d.series.throttledRatio[m]!);
  }
  const ingestMinuteMs = performance.now() - ingestBegan;
  // A long-running agent recomputes with its code already optimised: one untimed round first.
  for (let i = 0; i < Math.min(containers, 10_000); i++) {
    const d = digests[i % digests.length]!;
    recommendFromDigest(d.digest, { key: d.key, current: d.current });
  }
  const recommendBegan = performance.now();
  const cpuBefore = process.cpuUsage();
  for (let i = 0; i < containers; i++) {
    const d = digests[i % digests.length]!;
    recommendFromDigest(d.digest, { key: `${d.key}-${i}`, current: d.current });
  }
  const cpu = process.cpuUsage(cpuBefore);
  const recommendAllMs = performance.now() - recommendBegan;
  const recommendAllCpuMs = (cpu.user + cpu.system) / 1000;
  const hourBegan = performance.now();
  for (let i = 0; i < containers; i++) {
    const d = digests[i % digests.length]!;
    d.digest.shiftMemo.cpu = d.digest.shiftMemo.memory = undefined;
    recommendFromDigest(d.digest, { key: `${d.key}-${i}`, current: d.current });
  }
  const freshSearchRecommendMs = performance.now() - hourBegan;
  for (const d of digests) (d as { series?: MinuteSeries }).series = undefined;
  gc?.();
  const bytesPerDigest = (process.memoryUsage().heapUsed - heapBefore) / digests.length;
  return { containers, ingestMinuteMs, recommendAllMs, recommendAllCpuMs, freshSearchRecommendMs, bytesPerDigest: gc ? bytesPerDigest : NaN };
}
