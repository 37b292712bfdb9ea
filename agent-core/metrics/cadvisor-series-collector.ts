import { containerKey, type ContainerRef } from './container-key.ts';
import type { CadvisorContainer, CadvisorCpuSeries, PromSample } from './cadvisor-samples.ts';
import { ENDPOINT_NAMES } from './metrics-problem.ts';
import type { ProblemLog } from './problem-log.ts';

type SeriesOfCgroup = { -readonly [field in keyof CadvisorCpuSeries]: PromSample | null };

const NO_CGROUP = '';

/**
 * Gathers the samples of one cAdvisor answer per container. A container can briefly appear under two cgroups
 * (the exited incarnation lingers after a restart); the cgroup with the newest sample is the one kept, so the
 * counters of one incarnation are never mixed with another's.
 */
export class CadvisorSeriesCollector {
  private readonly byContainer = new Map<string, { ref: ContainerRef; cgroups: Map<string, SeriesOfCgroup> }>();

  constructor(
    private readonly node: string,
    private readonly log: ProblemLog,
  ) {}

  add(ref: ContainerRef, cgroupId: string | null, field: keyof CadvisorCpuSeries, sample: PromSample): void {
    const key = containerKey(ref);
    let entry = this.byContainer.get(key);
    if (entry === undefined) {
      entry = { ref, cgroups: new Map() };
      this.byContainer.set(key, entry);
    }
    const cgroup = cgroupId ?? NO_CGROUP;
    let series = entry.cgroups.get(cgroup);
    if (series === undefined) {
      series = emptySeries();
      entry.cgroups.set(cgroup, series);
    }
    const existing = series[field];
    if (existing === null || (sample.timestampMs ?? -Infinity) >= (existing.timestampMs ?? -Infinity)) series[field] = sample;
  }

  containers(): CadvisorContainer[] {
    const containers: CadvisorContainer[] = [];
    for (const [key, { ref, cgroups }] of this.byContainer) {
      let newest: [string, SeriesOfCgroup] | undefined;
      for (const candidate of cgroups) {
        if (newest === undefined || latestTimestamp(candidate[1]) > latestTimestamp(newest[1])) newest = candidate;
      }
      if (newest === undefined) continue;
      if (cgroups.size > 1) {
        this.log.add(
          'duplicate-container',
          key,
          `Node "${this.node}": the ${ENDPOINT_NAMES.cadvisor} show ${key} in ${cgroups.size} cgroups; the one with the newest samples is kept.`,
        );
      }
      const [cgroupId, series] = newest;
      containers.push({ ...ref, cgroupId: cgroupId === NO_CGROUP ? null : cgroupId, ...series });
    }
    return containers;
  }
}

function emptySeries(): SeriesOfCgroup {
  return { cpuUsageSeconds: null, cfsPeriods: null, cfsThrottledPeriods: null, cfsThrottledSeconds: null, cpuQuota: null, cpuPeriod: null };
}

function latestTimestamp(series: SeriesOfCgroup): number {
  let latest = -Infinity;
  for (const sample of Object.values(series)) {
    if (sample?.timestampMs != null && sample.timestampMs > latest) latest = sample.timestampMs;
  }
  return latest;
}
